// Transcripts in the ledger database, for staff to read a conversation (PGlite and PostgreSQL).
import { TranscriptLoggerMiddleware, type Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectingAdapter } from '../../adapters/console/collecting-adapter.js';
import { SqlTranscriptStore } from '../../adapters/ledger/transcript-store.js';
import { DATABASE_KINDS, makeTestDatabase, unavailable, type TestDatabase } from '../support/databases.js';
import { makeTestBot } from '../support/bot.js';

const activity = (conv: string, i: number, extra: Partial<Activity> = {}): Activity =>
  ({
    type: 'message',
    id: `${conv}-${i}`,
    channelId: 'webchat',
    conversation: { id: conv },
    from: { id: i % 2 ? 'bot' : 'citizen', role: i % 2 ? 'bot' : 'user' },
    text: i % 2 ? `お答え${i}` : `質問${i}`,
    timestamp: new Date(Date.UTC(2026, 10, 25, 1, 0, i)),
    ...extra,
  }) as Activity;

for (const kind of DATABASE_KINDS) {
  describe.skipIf(unavailable(kind))(`transcripts on ${kind}`, () => {
    let db: TestDatabase;
    let store: SqlTranscriptStore;
    beforeAll(async () => {
      db = await makeTestDatabase(kind);
      store = new SqlTranscriptStore((await db.open()).db);
    });
    afterAll(() => db?.drop());

    it('reads a 45-activity conversation back in order over three pages', async () => {
      for (let i = 0; i < 45; i++) await store.logActivity(activity('long', i));
      const texts: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await store.getTranscriptActivities('webchat', 'long', token);
        texts.push(...page.items.map((a) => a.text!));
        token = page.continuationToken;
        pages++;
      } while (token);
      expect(pages).toBe(3);
      expect(texts).toEqual(Array.from({ length: 45 }, (_, i) => (i % 2 ? `お答え${i}` : `質問${i}`)));
    });

    it('keeps an activity logged twice once, keeps one without an id, and filters by start date', async () => {
      await store.logActivity(activity('dup', 0));
      await store.logActivity(activity('dup', 0));
      await store.logActivity(activity('dup', 1, { id: undefined }));
      const all = await store.getTranscriptActivities('webchat', 'dup');
      expect(all.items).toHaveLength(2);
      const later = await store.getTranscriptActivities('webchat', 'dup', undefined, new Date(Date.UTC(2026, 10, 25, 1, 0, 1)));
      expect(later.items.map((a) => a.text)).toEqual(['お答え1']);
    });

    it('lists, deletes and purges', async () => {
      const list = await store.listTranscripts('webchat');
      expect(list.items.map((t) => t.id)).toEqual(expect.arrayContaining(['long', 'dup']));
      await store.deleteTranscript('webchat', 'dup');
      expect((await store.getTranscriptActivities('webchat', 'dup')).items).toHaveLength(0);
      expect(await store.purgeOlderThan(new Date(Date.now() - 86_400_000))).toBe(0);
      expect(await store.purgeOlderThan(new Date(Date.now() + 1_000))).toBeGreaterThanOrEqual(45);
      expect((await store.getTranscriptActivities('webchat', 'long')).items).toHaveLength(0);
    });
  });
}

describe('a handoff carries the conversation so far', () => {
  it('logs both sides of each turn and attaches them to handoff.initiate', async () => {
    const t = await makeTestBot('2026-11-25T10:00:00+09:00');
    const store = new SqlTranscriptStore(t.ledger.db);
    t.services.transcripts = store;
    const adapter = new CollectingAdapter().use(new TranscriptLoggerMiddleware(store));
    const base = { channelId: 'webchat', conversation: { id: 'handoff-conv' }, from: { id: 'u', role: 'user' }, recipient: { id: 'bot' }, serviceUrl: 'test:' };
    const say = (text: string) => adapter.processActivity({ ...base, type: 'message', text } as Partial<Activity>, (c) => t.bot.run(c));
    await say('予約したい');
    await say('はい');
    // The logger writes after the turn without waiting: let it settle.
    for (let i = 0; i < 50 && (await store.getTranscriptActivities('webchat', 'handoff-conv')).items.length < 4; i++) await new Promise((r) => setTimeout(r, 20));
    const replies = await say('人と話したいです');
    const event = replies.find((a) => a.name === 'handoff.initiate');
    const activities = (event?.attachments?.[0]?.content as { activities: Activity[] } | undefined)?.activities ?? [];
    expect(activities.map((a) => a.text)).toEqual(expect.arrayContaining(['予約したい', 'はい']));
    expect(activities.some((a) => a.from?.role !== 'user' && /通知書/.test(a.text ?? ''))).toBe(true);
    await t.close();
  });
});
