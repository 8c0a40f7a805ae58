// LINE webhooks, signed as LINE signs them, answered through a local fake LINE API.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LINE_WEBHOOK_PATH } from '../../adapters/app.js';
import { startApp, type RunningApp } from '../support/app.js';
import { startFakeLine } from '../support/fake-line.js';
import { lineText, signedLine } from '../support/clients.js';

const SECRET = 'line-channel-secret';

describe('LINE webhook', () => {
  let svc: RunningApp;
  let line: Awaited<ReturnType<typeof startFakeLine>>;
  let n = 0;
  beforeAll(async () => {
    line = await startFakeLine();
    svc = await startApp({ FAKE_NOW: '2026-11-25T10:00:00+09:00', LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: 'token', LINE_API_BASE_URL: line.url });
  });
  // Whatever the door sent, LINE would have taken (the fake checks each body against LINE's schema).
  afterEach(() => line.expectValid());
  afterAll(async () => {
    await svc?.stop();
    await line?.close();
  });

  const post = async (events: object[], sign: 'good' | 'bad' | 'none' = 'good') => {
    const { body, headers } = signedLine(SECRET, events, sign);
    return (await fetch(svc.url + LINE_WEBHOOK_PATH, { method: 'POST', headers, body })).status;
  };
  const text = (userId: string, t: string, id = `ev-${++n}`) => lineText(userId, t, id);
  /** Sends one line and returns the messages replied to it. */
  const say = async (userId: string, t: string) => {
    const before = line.replies().length;
    expect(await post([text(userId, t)])).toBe(200);
    const replies = line.replies().slice(before);
    expect(replies).toHaveLength(1);
    return replies[0]!.body.messages as any[];
  };
  const all = (messages: any[]) => JSON.stringify(messages);

  it('books through LINE with quick replies, the date picker and a confirmation card', async () => {
    const u = 'U' + 'a'.repeat(32);
    expect(all(await say(u, '通知書が届いたので予約したいです'))).toContain('カード');
    await say(u, 'いいえ');
    const dateQuestion = await say(u, 'はい');
    const items = dateQuestion.at(-1).quickReply.items;
    expect(items.some((i: any) => i.action.type === 'datetimepicker' && i.action.mode === 'date')).toBe(true);
    // The date picker answers with a postback carrying the date.
    const before = line.replies().length;
    expect(await post([{ type: 'postback', timestamp: Date.now(), source: { type: 'user', userId: u }, webhookEventId: `ev-${++n}`, deliveryContext: { isRedelivery: false }, replyToken: 'rt-pb', mode: 'active', postback: { data: 'pick-date', params: { date: '2026-12-03' } } }])).toBe(200);
    const times = line.replies()[before]!.body.messages;
    expect(all(times)).toContain('12月3日(木)の空いている時間帯');
    expect(all(await say(u, '10:30'))).toContain('誕生日');
    expect(all(await say(u, '3月3日'))).toContain('電話番号');
    const card = await say(u, '080-1234-5678');
    expect(card.at(-1).type).toBe('flex');
    expect(all(card)).toContain('12月3日(木) 10:30〜11:00');
    expect(all(await say(u, 'はい'))).toContain('予約が完了しました');
    const booked = await svc.app.desk.bookingsOfLineUser(u, svc.app.clock());
    expect(booked.map((r) => [r.date, r.start, r.channel])).toEqual([['2026-12-03', '10:30', 'line']]);
    expect(line.calls.some((c) => c.path.includes('/chat/loading/start'))).toBe(true);
  });

  it('never answers a redelivered event twice', async () => {
    const u = 'U' + 'b'.repeat(32);
    const event = text(u, '手数料はいくら', 'ev-redelivered');
    await post([event]);
    const count = line.replies().length;
    await post([{ ...event, deliveryContext: { isRedelivery: true } }]);
    await post([event]);
    expect(line.replies().length).toBe(count);
  });

  it('refuses bad or missing signatures with 401, and answers LINE’s empty verification call', async () => {
    expect(await post([text('U' + 'c'.repeat(32), 'こんにちは')], 'bad')).toBe(401);
    expect(await post([text('U' + 'c'.repeat(32), 'こんにちは')], 'none')).toBe(401);
    expect(await post([])).toBe(200);
  });
});

describe('LINE reply token expired', () => {
  it('pushes instead, with a retry key', async () => {
    const line = await startFakeLine({ failReplies: true });
    const svc = await startApp({ LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: 'token', LINE_API_BASE_URL: line.url });
    try {
      const { body, headers } = signedLine(SECRET, [{ ...lineText('U' + 'd'.repeat(32), '持ち物は', 'ev-push'), replyToken: 'expired' }]);
      const res = await fetch(svc.url + LINE_WEBHOOK_PATH, { method: 'POST', headers, body });
      expect(res.status).toBe(200);
      expect(line.pushes()).toHaveLength(1);
      expect(line.pushes()[0]!.headers['x-line-retry-key']).toMatch(/^[0-9a-f-]{36}$/);
      line.expectValid();
    } finally {
      await svc.stop();
      await line.close();
    }
  });
});

describe('LINE: one user flooding', () => {
  it('answers a user only up to the per-conversation limit per minute; others are still answered', async () => {
    const line = await startFakeLine();
    const svc = await startApp({ FAKE_NOW: '2026-11-25T10:00:00+09:00', LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: 'token', LINE_API_BASE_URL: line.url, RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: '3' });
    try {
      const post = async (userId: string, text: string) => {
        const { body, headers } = signedLine(SECRET, [lineText(userId, text)]);
        expect((await fetch(svc.url + LINE_WEBHOOK_PATH, { method: 'POST', headers, body })).status).toBe(200);
      };
      const flooder = 'U' + 'f'.repeat(32);
      for (let i = 0; i < 5; i++) await post(flooder, '手数料はいくらですか');
      expect(line.replies().length).toBe(3);
      await post('U' + 'e'.repeat(32), '手数料はいくらですか');
      expect(line.replies().length).toBe(4);
      line.expectValid();
    } finally {
      await svc.stop();
      await line.close();
    }
  });
});
