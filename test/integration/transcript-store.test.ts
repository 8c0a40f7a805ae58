// Transcripts in the ledger database, for staff to read a conversation (PGlite and PostgreSQL).
import { ActivityHandler, TestAdapter, TranscriptLoggerMiddleware, type Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectingAdapter } from '../support/collecting-adapter.js';
import type { SqlDatabase } from '../../adapters/ledger/database.js';
import { InvalidContinuationTokenError, SqlTranscriptStore } from '../../adapters/ledger/transcript-store.js';
import { DATABASE_KINDS, makeTestDatabase, unavailable, type TestDatabase } from '../../scripts/lib/databases.js';
import { makeTestBot } from '../support/bot.js';

const CITIZEN_SAYS = ['マイナンバーカードの受取予約をしたいです', '来週の火曜日の午前は空いてますか', '10時でお願いします', '誕生日は4月15日です', '家族の分も一緒にいいですか'];
const BOT_SAYS = ['かしこまりました。ご希望の日をお知らせください。', '12月1日の9時から空きがございます。', 'ご予約を承りました。', '通知書をお持ちください。'];
const said = (i: number) => (i % 2 ? `${BOT_SAYS[i % BOT_SAYS.length]}(${i})` : `${CITIZEN_SAYS[i % CITIZEN_SAYS.length]}(${i})`);
const T0 = Date.UTC(2026, 10, 25, 1, 0, 0);

/** The i-th activity of a conversation: citizen and bot take turns, one second apart. */
const activity = (conversation: string, i: number, extra: Partial<Activity> = {}, channelId = 'webchat'): Activity =>
  ({
    type: 'message',
    id: `${conversation}-${i}`,
    channelId,
    conversation: { id: conversation },
    from: i % 2 ? { id: 'minoh-bot', role: 'bot' } : { id: 'citizen', role: 'user' },
    recipient: i % 2 ? { id: 'citizen', role: 'user' } : { id: 'minoh-bot', role: 'bot' },
    text: said(i),
    timestamp: new Date(T0 + i * 1_000),
    ...extra,
  }) as Activity;

/** Every page of a conversation, following the continuation tokens. */
async function readAll(store: SqlTranscriptStore, conversation: string, startDate?: Date, channelId = 'webchat') {
  const pages: Activity[][] = [];
  let token: string | undefined;
  do {
    const page = await store.getTranscriptActivities(channelId, conversation, token, startDate);
    pages.push(page.items);
    token = page.continuationToken;
  } while (token);
  return { pages, items: pages.flat() };
}

/** The logger writes after each turn without waiting: poll until the count stops moving. */
async function settledCount(read: () => Promise<number>, atLeast: number): Promise<number> {
  let last = -1;
  for (let i = 0; i < 200; i++) {
    const n = await read();
    if (n >= atLeast && n === last) return n;
    last = n;
    await new Promise((r) => setTimeout(r, 25));
  }
  return last;
}

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`「${context.activity.text}」ですね。`);
      await next();
    });
  }
}

for (const kind of DATABASE_KINDS) {
  describe.skipIf(unavailable(kind))(`transcripts on ${kind}`, () => {
    let database: TestDatabase;
    let sql: SqlDatabase;
    let store: SqlTranscriptStore;
    /** Another store on its own connections: what the staff console in another process sees. */
    let reader: SqlTranscriptStore;
    beforeAll(async () => {
      database = await makeTestDatabase(kind);
      sql = (await database.open()).db;
      store = new SqlTranscriptStore(sql);
      reader = new SqlTranscriptStore((await database.open()).db);
    });
    afterAll(() => database?.drop());

    it('reads a 45-activity conversation back in order over three pages of 20, 20 and 5', async () => {
      for (let i = 0; i < 45; i++) await store.logActivity(activity('long', i));
      const { pages, items } = await readAll(reader, 'long');
      expect(pages.map((p) => p.length)).toEqual([20, 20, 5]);
      expect(items.map((a) => a.text)).toEqual(Array.from({ length: 45 }, (_, i) => said(i)));
      expect(items.map((a) => a.from.role)).toEqual(Array.from({ length: 45 }, (_, i) => (i % 2 ? 'bot' : 'user')));
      expect(items.every((a) => a.timestamp instanceof Date)).toBe(true);
      expect(items[44]!.timestamp).toEqual(new Date(T0 + 44_000));
    });

    it('hands out opaque continuation tokens and refuses ones it did not make', async () => {
      const first = await reader.getTranscriptActivities('webchat', 'long');
      expect(first.continuationToken).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(first.continuationToken).not.toContain('long-19');
      await expect(reader.getTranscriptActivities('webchat', 'long', 'long-19')).rejects.toBeInstanceOf(InvalidContinuationTokenError);
      await expect(reader.listTranscripts('webchat', first.continuationToken)).rejects.toBeInstanceOf(InvalidContinuationTokenError);
    });

    it('filters by start date, paging within the filter', async () => {
      const { pages, items } = await readAll(reader, 'long', new Date(T0 + 20_000));
      expect(pages.map((p) => p.length)).toEqual([20, 5]);
      expect(items.map((a) => a.text)).toEqual(Array.from({ length: 25 }, (_, i) => said(i + 20)));
      expect((await readAll(reader, 'long', new Date(T0 + 3_600_000))).items).toEqual([]);
    });

    it('keeps an activity logged twice (even at once) only once', async () => {
      await store.logActivity(activity('dup', 0));
      await store.logActivity(activity('dup', 0));
      await Promise.all([store.logActivity(activity('dup', 1)), reader.logActivity(activity('dup', 1))]);
      expect((await readAll(reader, 'dup')).items.map((a) => a.text)).toEqual([said(0), said(1)]);
    });

    it('keeps activities without an id, giving each its own, and one without a timestamp', async () => {
      await store.logActivity(activity('no-id', 0, { id: undefined }));
      await store.logActivity(activity('no-id', 1, { id: '' }));
      await store.logActivity(activity('no-id', 2, { id: undefined, timestamp: undefined }));
      await store.logActivity(activity('no-id', 3, { timestamp: '2026-11-25T10:00:03+09:00' as unknown as Date }));
      const { items } = await readAll(reader, 'no-id');
      expect(items.map((a) => a.text)).toEqual([said(0), said(1), said(2), said(3)]);
      expect(new Set(items.map((a) => a.id)).size).toBe(4);
      expect(items.every((a) => a.id && a.timestamp instanceof Date && !Number.isNaN(a.timestamp.getTime()))).toBe(true);
      expect(items[3]!.timestamp).toEqual(new Date('2026-11-25T01:00:03Z'));
    });

    it('keeps what was said but not channelData or attachments over 64 KB', async () => {
      // 30,000 kanji: under 64 K characters, but 90 KB in UTF-8.
      const huge = { note: '予'.repeat(30_000) };
      const photo = { contentType: 'image/png', name: '住民票.png', contentUrl: `data:image/png;base64,${'A'.repeat(100_000)}` };
      await store.logActivity(activity('big', 0, { channelData: huge, attachments: [photo], text: '書類の写真を送ります' }));
      await store.logActivity(activity('big', 1, { channelData: { clientActivityID: 'abc' }, attachments: [{ contentType: 'text/plain', content: '小さな添付' }] }));
      await store.logActivity(activity('big', 2, { text: `はい\u0000\uD800です`, value: { ['k\u0000\uDC00']: { ['\uD800']: 1 } } }));
      const { items } = await readAll(reader, 'big');
      expect(items[0]!.text).toBe('書類の写真を送ります');
      expect(items[0]!.channelData).toBeUndefined();
      expect(items[0]!.attachments).toEqual([{ contentType: 'image/png', name: '住民票.png' }]);
      expect(items[1]!.channelData).toEqual({ clientActivityID: 'abc' });
      expect(items[1]!.attachments).toEqual([{ contentType: 'text/plain', content: '小さな添付' }]);
      // jsonb refuses NUL and lone surrogates: the message is kept with a replacement character.
      expect(items[2]!.text).toBe('はい\uFFFD\uFFFDです');
      // …in the keys of a client's value object too.
      expect(items[2]!.value).toEqual({ ['k\uFFFD\uFFFD']: { ['\uFFFD']: 1 } });
    });

    it('shows an edited message where it was said and leaves only a tombstone of a deleted one', async () => {
      for (let i = 0; i < 3; i++) await store.logActivity(activity('edit', i));
      await store.logActivity(activity('edit', 1, { type: 'messageUpdate', text: '12月2日の9時から空きがございます。', timestamp: new Date(T0 + 60_000) }));
      await store.logActivity(activity('edit', 2, { type: 'messageDelete', text: undefined }));
      const { items } = await readAll(reader, 'edit');
      expect(items.map((a) => [a.type, a.text])).toEqual([
        ['message', said(0)],
        ['message', '12月2日の9時から空きがございます。'],
        ['messageDelete', undefined],
      ]);
      expect(items[1]!.timestamp).toEqual(new Date(T0 + 1_000));
      expect(items[2]!.from.id).toBe('deleted');
    });

    it('writes fired without waiting land in the order they were fired', async () => {
      const writes = Array.from({ length: 30 }, (_, i) => store.logActivity(activity('burst', i, { timestamp: new Date(T0) })));
      // The same store waits for its own writes before reading.
      expect((await store.getTranscriptActivities('webchat', 'burst')).items.map((a) => a.text)).toEqual(Array.from({ length: 20 }, (_, i) => said(i)));
      await Promise.all(writes);
      expect((await readAll(reader, 'burst')).items.map((a) => a.text)).toEqual(Array.from({ length: 30 }, (_, i) => said(i)));
    });

    it("lists a channel's conversations in pages, oldest first", async () => {
      for (let c = 0; c < 25; c++) await store.logActivity(activity(`line-${String(c).padStart(2, '0')}`, 0, {}, 'line'));
      await store.logActivity(activity('line-00', 1, {}, 'line'));
      const first = await reader.listTranscripts('line');
      expect(first.items).toHaveLength(20);
      expect(first.continuationToken).toBeTruthy();
      const second = await reader.listTranscripts('line', first.continuationToken);
      expect(second.items).toHaveLength(5);
      expect(second.continuationToken).toBeFalsy();
      const ids = [...first.items, ...second.items].map((t) => t.id);
      expect(ids).toEqual(Array.from({ length: 25 }, (_, c) => `line-${String(c).padStart(2, '0')}`));
      expect(first.items[0]).toEqual({ channelId: 'line', id: 'line-00', created: new Date(T0) });
      expect((await reader.listTranscripts('phone')).items).toEqual([]);
    });

    it('deletes one conversation and nothing else', async () => {
      await store.deleteTranscript('line', 'line-03');
      expect((await readAll(reader, 'line-03', undefined, 'line')).items).toEqual([]);
      expect((await readAll(reader, 'line-04', undefined, 'line')).items).toHaveLength(1);
      const listed = [...(await reader.listTranscripts('line')).items, ...(await reader.listTranscripts('line', (await reader.listTranscripts('line')).continuationToken)).items];
      expect(listed.map((t) => t.id)).not.toContain('line-03');
      expect(listed).toHaveLength(24);
    });

    it('purges only what was stored before the cutoff and says how many went', async () => {
      for (let i = 0; i < 3; i++) await store.logActivity(activity('old', i, {}, 'phone'));
      for (let i = 0; i < 2; i++) await store.logActivity(activity('recent', i, {}, 'phone'));
      // Stored 100 days ago (the retention clock is when we stored it).
      await sql.query(`UPDATE transcript_activities SET created_at = now() - interval '100 days' WHERE conversation_id = 'old'`);
      const before = (await readAll(reader, 'long')).items.length;
      expect(await store.purgeOlderThan(new Date(Date.now() - 90 * 86_400_000))).toBe(3);
      expect((await readAll(reader, 'old', undefined, 'phone')).items).toEqual([]);
      expect((await readAll(reader, 'recent', undefined, 'phone')).items).toHaveLength(2);
      expect((await readAll(reader, 'long')).items).toHaveLength(before);
      expect(await store.purgeOlderThan(new Date(Date.now() - 90 * 86_400_000))).toBe(0);
    });

    it("logs both sides of a real bot's turns through TranscriptLoggerMiddleware", async () => {
      const bot = new EchoBot();
      const template = { conversation: { id: `echo-${kind}` }, from: { id: 'citizen', name: '市民', role: 'user' }, recipient: { id: 'minoh-bot', name: '箕面市', role: 'bot' } };
      const adapter = new TestAdapter((context) => bot.run(context), template as Partial<Activity>).use(new TranscriptLoggerMiddleware(store));
      await adapter
        .send('予約の変更をしたいです')
        .assertReply('「予約の変更をしたいです」ですね。')
        .send('明後日の午後2時に')
        .assertReply('「明後日の午後2時に」ですね。')
        .send('よろしくお願いします')
        .assertReply('「よろしくお願いします」ですね。');
      const count = () => readAll(reader, `echo-${kind}`, undefined, 'test').then((r) => r.items.length);
      expect(await settledCount(count, 6)).toBe(6);
      const { items } = await readAll(reader, `echo-${kind}`, undefined, 'test');
      expect(items.map((a) => [a.from.id, a.text])).toEqual([
        ['citizen', '予約の変更をしたいです'],
        ['minoh-bot', '「予約の変更をしたいです」ですね。'],
        ['citizen', '明後日の午後2時に'],
        ['minoh-bot', '「明後日の午後2時に」ですね。'],
        ['citizen', 'よろしくお願いします'],
        ['minoh-bot', '「よろしくお願いします」ですね。'],
      ]);
      expect(new Set(items.map((a) => a.id)).size).toBe(6);
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
    // No waiting here: the store reads only after its own writes from earlier turns have landed.
    const replies = await say('人と話したいです');
    const event = replies.find((a) => a.name === 'handoff.initiate');
    const activities = (event?.attachments?.[0]?.content as { activities: Activity[] } | undefined)?.activities ?? [];
    expect(activities.map((a) => a.text)).toEqual(expect.arrayContaining(['予約したい', 'はい']));
    expect(activities.some((a) => a.from?.role !== 'user' && /通知書/.test(a.text ?? ''))).toBe(true);
    // The last turn's writes are still on their way: let them land before the database closes.
    await store.getTranscriptActivities('webchat', 'handoff-conv');
    await t.close();
  });
});
