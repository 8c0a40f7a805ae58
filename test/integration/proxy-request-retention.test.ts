// Proxy form requests hold a name, a birthday and a phone number: the daily retention job removes
// a closed one TRANSCRIPT_RETENTION_DAYS after it was closed, and any one — closed or not —
// RESERVATION_RETENTION_DAYS after it was made. On both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRetention } from '../../adapters/jobs/retention.js';
import type { OpenLedger } from '../../adapters/ledger/open.js';
import { SqlProxyRequestStore } from '../../adapters/ledger/proxy-request-store.js';
import { DATABASE_KINDS, makeTestDatabase, unavailable, type TestDatabase } from '../../scripts/lib/databases.js';

const POLICY = { transcriptDays: 90, reservationDays: 365 };
const NOW = new Date('2027-12-10T10:00:00+09:00');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

for (const kind of DATABASE_KINDS) {
  describe.skipIf(unavailable(kind))(`proxy form requests in the retention job on ${kind}`, () => {
    let database: TestDatabase;
    let ledger: OpenLedger;
    let store: SqlProxyRequestStore;
    beforeAll(async () => {
      database = await makeTestDatabase(kind);
      ledger = await database.open();
      store = new SqlProxyRequestStore(ledger.db);
    });
    afterAll(() => database?.drop());

    let n = 0;
    /** A request made `madeDaysAgo`, closed `closedDaysAgo` (or left open). */
    const request = async (madeDaysAgo: number, closedDaysAgo?: number) => {
      n++;
      const { id } = await store.submit({ kanaName: `テスト ${'ア'.repeat(n)}`, birthday: '01-02', phone: `0901234${String(n).padStart(4, '0')}`, channel: 'web' }, `key-${n}`, ago(madeDaysAgo));
      if (closedDaysAgo !== undefined) expect(await store.move(id, 'closed', 'tanaka', ago(closedDaysAgo))).toMatchObject({ ok: true });
      return id;
    };

    it('a closed request goes 90 days after closing, any request 365 days after it was made; the rest stays', async () => {
      const gone = [await request(200, 91), await request(366), await request(400, 10)];
      const kept = [await request(200, 89), await request(364), await request(1)];
      const report = await runRetention(ledger.db, NOW, POLICY);
      expect(report).toMatchObject({ proxyRequests: 3 });
      for (const id of gone) expect(await store.get(id)).toBeUndefined();
      for (const id of kept) expect(await store.get(id)).toBeDefined();
    });
  });
}
