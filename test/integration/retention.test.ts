// The daily retention job on real databases: what is past its retention goes, what is recent
// stays, and however many instances check at once, it runs once a day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRetention, startRetentionJob, type RetentionReport } from '../../adapters/jobs/retention.js';
import type { OpenLedger } from '../../adapters/ledger/open.js';
import type { Logger } from '../../adapters/log.js';
import { DATABASE_KINDS, makeTestDatabase, unavailable, type TestDatabase } from '../../scripts/lib/databases.js';

const POLICY = { transcriptDays: 90, reservationDays: 365 };
const NOW = new Date('2027-12-10T10:00:00+09:00');
const DAY = 86_400_000;

for (const kind of DATABASE_KINDS) {
  describe.skipIf(unavailable(kind))(`retention job on ${kind}`, () => {
    let database: TestDatabase;
    let a: OpenLedger;
    let b: OpenLedger;

    beforeAll(async () => {
      database = await makeTestDatabase(kind);
      // Two pools on PostgreSQL: two service instances.
      [a, b] = [await database.open(), await database.open()];
    });
    afterAll(() => database?.drop());

    const book = async (date: string, start: string, i: number) => {
      const r = await a.ledger.book({
        window: { date, start, end: start.replace(':00', ':30'), configuredCapacity: 3 },
        channel: 'phone',
        holder: { birthday: `01-${String(i).padStart(2, '0')}`, phone: `0901111${String(i).padStart(4, '0')}` },
        today: '2026-11-01',
      });
      if (!r.ok) throw new Error(`booking ${date} refused: ${r.reason}`);
      return r.reservation.number;
    };
    const transcript = (id: string, createdAt: Date) =>
      a.db.query(
        `INSERT INTO transcript_activities (channel_id, conversation_id, activity_id, ts, activity, created_at)
         VALUES ('web', $1, $1, $2, '{}', $2)`,
        [id, createdAt],
      );
    const handoffsExist = async () => (await a.db.query<{ p: boolean }>("SELECT to_regclass('handoffs') IS NOT NULL AS p")).rows[0]!.p;
    const handoff = (id: string, status: string, createdAt: Date) =>
      a.db.query(
        `INSERT INTO handoffs (id, channel_id, conversation_id, channel, reason, mode, status, created_at)
         VALUES ($1, 'webchat', $2, 'web', 'test', 'reply', $3, $4)`,
        [id, `c-${id}`, status, createdAt],
      );

    it('purges old transcripts, reservations, their windows, expired sessions and resolved handoffs; keeps the recent', async () => {
      const old = { reservation: await book('2026-12-01', '09:00', 1), window: await a.ledger.setWindow('2026-12-02', '10:00', { blocked: true }) };
      const keep = {
        onCutoff: await book('2026-12-10', '09:00', 2), // exactly 365 days before today: kept
        recent: await book('2027-06-01', '09:00', 3),
        future: await book('2027-12-20', '09:00', 4),
      };
      await transcript('t-old', new Date(NOW.getTime() - 91 * DAY));
      await transcript('t-recent', new Date(NOW.getTime() - 89 * DAY));
      const { rows } = await a.db.query<{ id: number }>("INSERT INTO staff_accounts (username, password_hash) VALUES ('retention-test', 'x') RETURNING id");
      await a.db.query('INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4), ($5, $2, $3, $6)', [
        'expired', rows[0]!.id, 'csrf', new Date(NOW.getTime() - 1000), 'valid', new Date(NOW.getTime() + 3600_000),
      ]);
      const withHandoffs = await handoffsExist();
      if (withHandoffs) {
        await handoff('00000000-0000-4000-8000-000000000001', 'resolved', new Date(NOW.getTime() - 91 * DAY));
        await handoff('00000000-0000-4000-8000-000000000002', 'resolved', new Date(NOW.getTime() - 10 * DAY));
        await handoff('00000000-0000-4000-8000-000000000003', 'open', new Date(NOW.getTime() - 91 * DAY));
      }
      const alert = (key: string, createdAt: Date) =>
        a.db.query("INSERT INTO security_alerts (kind, channel, subject, dedupe_key, created_at) VALUES ('booking-limit', 'web', '203.0.113.x', $1, $2)", [key, createdAt]);
      await alert('old', new Date(NOW.getTime() - 91 * DAY));
      await alert('recent', new Date(NOW.getTime() - 1 * DAY));

      const report = await runRetention(a.db, NOW, POLICY);
      expect(report).toEqual({ day: '2027-12-10', transcripts: 1, reservations: 1, windows: 2, staffSessions: 1, handoffs: withHandoffs ? 1 : 0, alerts: 1, proxyRequests: 0 });

      expect(await a.ledger.find(old.reservation)).toBeUndefined();
      for (const number of Object.values(keep)) expect(await a.ledger.find(number)).toBeDefined();
      expect(old.window.blocked).toBe(true);
      expect(await a.ledger.windows('2026-12-01', '2026-12-02')).toEqual([]);
      expect((await a.ledger.windows('2026-12-10', '2027-12-31')).map((w) => [w.date, w.booked])).toEqual([
        ['2026-12-10', 1],
        ['2027-06-01', 1],
        ['2027-12-20', 1],
      ]);
      const left = await a.db.query<{ conversation_id: string }>('SELECT conversation_id FROM transcript_activities ORDER BY 1');
      expect(left.rows.map((r) => r.conversation_id)).toEqual(['t-recent']);
      const sessions = await a.db.query<{ token_hash: string }>('SELECT token_hash FROM staff_sessions');
      expect(sessions.rows.map((r) => r.token_hash)).toEqual(['valid']);
      if (withHandoffs) {
        const handoffs = await a.db.query<{ status: string }>('SELECT status FROM handoffs ORDER BY id');
        expect(handoffs.rows.map((r) => r.status)).toEqual(['resolved', 'open']);
      }
    });

    it('runs once a day: again the same day does nothing, the next day runs', async () => {
      expect(await runRetention(a.db, new Date(NOW.getTime() + 3600_000), POLICY)).toBeUndefined();
      // 23:59 in Japan is still the same day there.
      expect(await runRetention(b.db, new Date('2027-12-10T23:59:00+09:00'), POLICY)).toBeUndefined();
      await transcript('t-next-day', new Date(NOW.getTime() - 95 * DAY));
      const next = await runRetention(b.db, new Date('2027-12-11T00:01:00+09:00'), POLICY);
      expect(next).toMatchObject({ day: '2027-12-11', transcripts: 1 });
    });

    it('two instances racing: 20 checks at once across two pools run it exactly once', async () => {
      const day = new Date('2027-12-12T09:00:00+09:00');
      await transcript('t-race', new Date(day.getTime() - 100 * DAY));
      const reports = await Promise.all(Array.from({ length: 20 }, (_, i) => runRetention((i % 2 ? b : a).db, day, POLICY)));
      const ran = reports.filter((r): r is RetentionReport => r !== undefined);
      expect(ran).toHaveLength(1);
      // t-race, and t-recent, which is now past 90 days too.
      expect(ran[0]).toMatchObject({ transcripts: 2 });
      const { rows } = await a.db.query<{ last_run: string }>("SELECT last_run::text FROM job_runs WHERE name = 'retention'");
      expect(rows).toEqual([{ last_run: '2027-12-12' }]);
    });

    it('the scheduled job on two instances checks at start and hourly, runs once, and stops cleanly', async () => {
      const day = new Date('2027-12-13T09:00:00+09:00');
      await transcript('t-scheduled', new Date(day.getTime() - 100 * DAY));
      const done: unknown[] = [];
      const logger = { info: (o: unknown) => done.push(o), warn: () => undefined } as unknown as Logger;
      const jobs = [a, b].map((l) => startRetentionJob({ db: l.db, clock: () => day, policy: POLICY, logger, maxStartDelayMs: 20, intervalMs: 30 }));
      await new Promise((r) => setTimeout(r, 400));
      await Promise.all(jobs.map((j) => j.stop()));
      expect(done).toHaveLength(1);
      expect(done[0]).toMatchObject({ job: 'retention', day: '2027-12-13', transcripts: 1 });
      const { rows } = await a.db.query<{ n: number }>("SELECT count(*)::int AS n FROM transcript_activities WHERE conversation_id = 't-scheduled'");
      expect(rows[0]!.n).toBe(0);
    });
  });
}
