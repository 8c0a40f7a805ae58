// Everything the LINE door sends is what LINE's Messaging API accepts, as its published OpenAPI
// schema defines it (test/support/line-schema.ts): a whole booking, a look-up, change and
// cancel, a staff reply pushed during a handoff, the push after a reply token failed, and a
// turn of more messages than one reply holds. The fake LINE API refuses (400) what LINE would
// refuse; after each test, no request may have been refused. The validator is tested first, with
// bodies LINE refuses, so it cannot pass everything.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { buildApp, LINE_WEBHOOK_PATH, type App } from '../../adapters/app.js';
import { createBotRuntime } from '../../adapters/bot-runtime.js';
import { readSettings } from '../../adapters/settings.js';
import type { Say } from '../../bot/messages/say.js';
import { MainDialog } from '../../dialogs/main-dialog.js';
import { send, type BotServices } from '../../dialogs/turn.js';
import { startApp, tempDir, TEST_LIMITS, type RunningApp } from '../support/app.js';
import { lineText, signedLine, staffApi, type StaffLogin } from '../support/clients.js';
import { startFakeLine } from '../support/fake-line.js';
import { LINE_LIMITS, lineProblems } from '../support/line-schema.js';

const SECRET = 'line-channel-secret';
const NOW = '2026-12-01T10:00:00+09:00';
const ADMIN = { user: 'tanaka', password: 'correct horse battery' };
type FakeLine = Awaited<ReturnType<typeof startFakeLine>>;

// ---- bodies LINE refuses ------------------------------------------------------------------------

const REPLY = '/v2/bot/message/reply';
const PUSH = '/v2/bot/message/push';
const LOADING = '/v2/bot/chat/loading/start';
const item = (label: string) => ({ type: 'action', action: { type: 'message', label, text: label } });
const text = (t: string, quickReply?: object) => ({ type: 'text', text: t, ...(quickReply ? { quickReply } : {}) });
const button = (style: string) => ({ type: 'button', style, action: { type: 'message', label: 'はい', text: 'はい' } });
const flex = (footer: object[], altText = '確認') => ({
  type: 'flex',
  altText,
  contents: {
    type: 'bubble',
    body: { type: 'box', layout: 'vertical', spacing: 'sm', contents: [{ type: 'text', text: '予約内容の確認', weight: 'bold', size: 'md', wrap: true }] },
    footer: { type: 'box', layout: 'horizontal', spacing: 'sm', contents: footer },
  },
});
const reply = (...messages: object[]) => ({ replyToken: 'rt', messages });
const problemsOf = (path: string, body: unknown, headers = {}) => lineProblems(path, body, headers).map((p) => `${p.property}: ${p.message}`);

describe('the LINE schema refuses what LINE refuses', () => {
  it('takes a body LINE takes: a text with quick replies and the date picker, a Flex card, a push, the loading animation', () => {
    const items = [item('12/22(火) 10:00〜10:30'), { type: 'action', action: { type: 'datetimepicker', label: 'カレンダーから選ぶ', data: 'pick-date', mode: 'date' } }];
    expect(problemsOf(REPLY, reply(text('いつがよいですか?', { items }), flex([button('primary'), button('secondary')])))).toEqual([]);
    expect(problemsOf(PUSH, { to: 'U1', messages: [text('【担当職員】\nこんにちは')] }, { 'x-line-retry-key': '123e4567-e89b-12d3-a456-426614174000' })).toEqual([]);
    expect(problemsOf(LOADING, { chatId: 'U1', loadingSeconds: 5 })).toEqual([]);
  });

  it('refuses a 21-character label, 14 quick replies, a button style LINE does not have, a text over 5,000', () => {
    expect(problemsOf(REPLY, reply(text('?', { items: [item('12月22日(火) 10:00〜10:30')] })))).toEqual(['messages[0].quickReply.items[0].action.label: an action label has at most 20 characters']);
    expect(problemsOf(REPLY, reply(text('?', { items: Array.from({ length: 14 }, (_, i) => item(String(i))) })))).toEqual(['messages[0].quickReply.items: quick-reply items: at most 13, got 14']);
    expect(problemsOf(REPLY, reply(flex([button('danger')])))).toEqual(['messages[0].contents.footer.contents[0].style: Invalid option: expected one of "primary"|"secondary"|"link"']);
    expect(problemsOf(REPLY, reply(text('あ'.repeat(LINE_LIMITS.text + 1))))).toEqual(['messages[0].text: a text message has at most 5000 characters']);
    expect(problemsOf(REPLY, reply(text('あ'.repeat(LINE_LIMITS.text))))).toEqual([]);
  });

  it('refuses six messages, none, a missing reply token, a long altText, a bad layout or mode, an unmodelled type, a bad retry key or loading time', () => {
    expect(problemsOf(REPLY, reply(...Array.from({ length: 6 }, () => text('x'))))).toEqual(['messages: messages per request: at most 5, got 6']);
    expect(problemsOf(REPLY, reply())).toEqual(['messages: messages per request: at least 1, got 0']);
    expect(problemsOf(REPLY, { messages: [text('x')] })).toEqual(['replyToken: Invalid input: expected string, received undefined']);
    expect(problemsOf(PUSH, { messages: [text('x')] })).toEqual(['to: Invalid input: expected string, received undefined']);
    expect(problemsOf(REPLY, reply(flex([button('primary')], 'あ'.repeat(1501))))).toEqual(['messages[0].altText: altText has at most 1500 characters']);
    const badBox = { ...flex([]), contents: { type: 'bubble', body: { type: 'box', layout: 'grid', contents: [] } } };
    expect(problemsOf(REPLY, reply(badBox))).toEqual(['messages[0].contents.body.layout: Invalid option: expected one of "horizontal"|"vertical"|"baseline"']);
    const badPicker = text('?', { items: [{ type: 'action', action: { type: 'datetimepicker', label: '日付', data: 'd', mode: 'week' } }] });
    expect(problemsOf(REPLY, reply(badPicker))).toEqual(['messages[0].quickReply.items[0].action.mode: Invalid option: expected one of "date"|"time"|"datetime"']);
    expect(problemsOf(REPLY, reply({ type: 'sticker', packageId: '1', stickerId: '1' }))[0]).toMatch(/^messages\[0\]\.type: .*not modelled/);
    expect(problemsOf(REPLY, reply({ type: 'txt', text: 'x' }))[0]).toMatch(/^messages\[0\]\.type: message type must be one of/);
    expect(problemsOf(PUSH, { to: 'U1', messages: [text('x')] }, { 'x-line-retry-key': 'not-a-uuid' })).toEqual(['X-Line-Retry-Key: a UUID']);
    expect(problemsOf(LOADING, { chatId: 'U1', loadingSeconds: 7 })).toEqual(['loadingSeconds: loadingSeconds is a multiple of 5']);
    expect(problemsOf(LOADING, { chatId: 'U1', loadingSeconds: 65 })).toHaveLength(1);
    expect(problemsOf('/v2/bot/message/broadcast', { messages: [text('x')] })[0]).toMatch(/no request schema/);
  });

  it('the fake LINE API answers an invalid body with 400 and LINE’s error details, and a test fails naming the property', async () => {
    const line = await startFakeLine();
    try {
      const res = await fetch(line.url + REPLY, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer token' },
        body: JSON.stringify(reply(text('?', { items: [item('12月22日(火) 10:00〜10:30')] }))),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        message: 'The request body has 1 error(s)',
        details: [{ property: 'messages[0].quickReply.items[0].action.label', message: 'an action label has at most 20 characters' }],
      });
      expect(() => line.expectValid()).toThrow(/LINE would refuse 1 request\(s\):\nPOST \/v2\/bot\/message\/reply\n {2}messages\[0\]\.quickReply\.items\[0\]\.action\.label/);
    } finally {
      await line.close();
    }
  });
});

// ---- what the door sends ------------------------------------------------------------------------

/** A LINE user talking to the service; each call resolves with the messages replied to it. */
function lineUser(line: FakeLine, url: () => string, userId: string) {
  let n = 0;
  const post = async (event: object) => {
    const before = line.replies().length;
    const { body, headers } = signedLine(SECRET, [event]);
    expect((await fetch(url() + LINE_WEBHOOK_PATH, { method: 'POST', headers, body })).status).toBe(200);
    const replies = line.replies().slice(before);
    expect(replies).toHaveLength(1);
    // Refused: fail with LINE's words for it, not only the status.
    if (replies[0]!.status !== 200) line.expectValid();
    expect(replies[0]!.status).toBe(200);
    return replies[0]!.body.messages as any[];
  };
  const id = () => `${userId.slice(0, 6)}-${Date.now()}-${++n}`;
  return {
    say: (t: string) => post(lineText(userId, t, id())),
    /** The date picker's answer: a postback with the chosen date. */
    pick: (date: string) => {
      const e = id();
      return post({ type: 'postback', mode: 'active', timestamp: Date.now(), source: { type: 'user', userId }, webhookEventId: e, deliveryContext: { isRedelivery: false }, replyToken: `rt-${e}`, postback: { data: 'pick-date', params: { date } } });
    },
  };
}

const quickItems = (messages: any[]): any[] => messages.at(-1)?.quickReply?.items ?? [];
const labels = (messages: any[]): string[] => quickItems(messages).map((i) => i.action.label);
/** The quick reply a user taps: what it sends. */
const tap = (messages: any[], label: string): string => {
  const found = quickItems(messages).find((i) => i.action.label === label);
  expect(found, `no quick reply labelled ${label} among ${labels(messages).join(' | ')}`).toBeDefined();
  return found.action.text;
};
const all = (messages: any[]) => JSON.stringify(messages);
/** A window's button label as LINE shows it: 「12/22(火) 10:00〜10:30」, whole. */
const WINDOW_LABEL = /^\d{1,2}\/\d{1,2}\([月火水木金土日]\) \d{1,2}:\d{2}〜\d{1,2}:\d{2}$/;
/** Every label fits, and none is cut (no …, no time missing a digit). */
function expectWholeLabels(messages: any[]) {
  for (const l of labels(messages)) {
    expect(l.length).toBeLessThanOrEqual(LINE_LIMITS.label);
    expect(l).not.toMatch(/…$/);
    expect(l).not.toMatch(/:\d?$|:\d(?!\d)/);
  }
}

describe('every body the LINE door sends is valid against LINE’s schema', () => {
  let svc: RunningApp;
  let line: FakeLine;
  beforeAll(async () => {
    line = await startFakeLine();
    svc = await startApp({ FAKE_NOW: NOW, LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: 'token', LINE_API_BASE_URL: line.url, STAFF_ADMIN_USER: ADMIN.user, STAFF_ADMIN_PASSWORD: ADMIN.password });
    await svc.app.runtime();
  });
  afterEach(() => line.expectValid());
  afterAll(async () => {
    await svc?.stop();
    await line?.close();
  });

  it('a whole booking: quick replies, the date picker, windows offered whole, the Flex read-back card, the completion', async () => {
    // 10:30 on 12/22 is full: the bot offers the nearest windows as buttons.
    for (const phone of ['09011110001', '09011110002', '09011110003']) {
      expect((await svc.app.desk.book({ date: '2026-12-22', start: '10:30', channel: 'phone', holder: { birthday: '05-03', phone }, now: new Date(NOW) })).ok).toBe(true);
    }
    const u = lineUser(line, () => svc.url, 'U' + '1'.repeat(32));
    expect(all(await u.say('通知書が届いたので予約したいです'))).toContain('カード');
    await u.say('いいえ');
    const askDate = await u.say('はい');
    expect(quickItems(askDate).find((i) => i.action.type === 'datetimepicker')?.action).toMatchObject({ mode: 'date', data: 'pick-date' });
    expectWholeLabels(askDate);

    const times = await u.pick('2026-12-22');
    expect(all(times)).toContain('12月22日(火)の空いている時間帯');
    expect(labels(times)).toContain('10:00');
    const offered = await u.say('10時半');
    expect(all(offered)).toContain('満席');
    expectWholeLabels(offered);
    // The offered windows: every label the same short form, times whole, tapping sends the full text.
    expect(labels(offered)).toEqual(expect.arrayContaining(['12/22(火) 10:00〜10:30', '12/22(火) 11:00〜11:30']));
    for (const l of labels(offered)) expect(l).toMatch(WINDOW_LABEL);
    expect(tap(offered, '12/22(火) 10:00〜10:30')).toBe('12月22日(火) 10:00〜10:30');

    expect(all(await u.say(tap(offered, '12/22(火) 10:00〜10:30')))).toContain('誕生日');
    expect(all(await u.say('3月3日'))).toContain('電話番号');
    const card = await u.say('080-1234-5678');
    const bubble = card.at(-1);
    expect(bubble.type).toBe('flex');
    expect(bubble.altText).toContain('12月22日(火) 10:00〜10:30');
    // The read-back facts as rows of label and value, the choices as buttons.
    const rows = bubble.contents.body.contents.filter((c: any) => c.type === 'box').map((b: any) => b.contents.map((t: any) => t.text));
    expect(rows).toEqual(expect.arrayContaining([['日時', '12月22日(火) 10:00〜10:30'], ['誕生日', '3月3日'], ['電話番号', '080-1234-5678']]));
    const buttons = bubble.contents.footer.contents.map((b: any) => b.action);
    expect(buttons.map((a: any) => a.label)).toEqual(['はい', 'いいえ']);

    expect(all(await u.say(buttons[0].text))).toContain('予約が完了しました');
    const booked = await svc.app.desk.bookingsOfLineUser('U' + '1'.repeat(32), svc.app.clock());
    expect(booked.map((r) => [r.date, r.start])).toEqual([['2026-12-22', '10:00']]);
    expect(line.calls.filter((c) => c.path === LOADING).every((c) => c.status === 202)).toBe(true);
  });

  it('a look-up, a change and a cancel among a LINE user’s own bookings, chosen by whole window labels', async () => {
    const userId = 'U' + '2'.repeat(32);
    for (const [i, start] of ['14:00', '15:00'].entries()) {
      expect((await svc.app.desk.book({ date: '2026-12-15', start, channel: 'line', holder: { birthday: '05-03', phone: `0801234567${i}`, lineUserId: userId }, now: new Date(NOW) })).ok).toBe(true);
    }
    const u = lineUser(line, () => svc.url, userId);
    const which = await u.say('予約を確認したい');
    expect(labels(which)).toEqual(['12/15(火) 14:00〜14:30', '12/15(火) 15:00〜15:30']);
    const shown = await u.say(tap(which, '12/15(火) 14:00〜14:30'));
    expect(all(shown)).toContain('状態:ご予約中');
    // What to do with it: quick replies that fit, and 「このまま」 keeps it.
    expect(labels(shown).length).toBeGreaterThan(0);
    expect(all(await u.say('このままで大丈夫です'))).toContain('そのまま');

    const changeWhich = await u.say('予約を変更したい');
    expectWholeLabels(changeWhich);
    const askDate = await u.say(tap(changeWhich, '12/15(火) 14:00〜14:30'));
    expect(quickItems(askDate).some((i) => i.action.type === 'datetimepicker')).toBe(true);
    await u.pick('2026-12-22');
    expect(all(await u.say('11時'))).toContain('12月22日(火) 11:00〜11:30 に変更します');
    expect(all(await u.say('はい'))).toContain('変更しました');

    const cancelWhich = await u.say('予約をキャンセルしたい');
    expect(labels(cancelWhich)).toEqual(['12/15(火) 15:00〜15:30', '12/22(火) 11:00〜11:30']);
    expect(all(await u.say(tap(cancelWhich, '12/15(火) 15:00〜15:30')))).toContain('キャンセルします。よろしいですか');
    expect(all(await u.say('はい'))).toContain('キャンセルしました');
    const left = await svc.app.desk.bookingsOfLineUser(userId, svc.app.clock());
    expect(left.map((r) => [r.date, r.start])).toEqual([['2026-12-22', '11:00']]);
  });

  it('a handoff: the staff reply and the end of the handoff are pushed, valid', async () => {
    const userId = 'U' + '3'.repeat(32);
    const u = lineUser(line, () => svc.url, userId);
    const handed = await u.say('人と話したいです');
    expect(all(handed)).toContain('担当の職員に引き継ぎました');
    const api = staffApi(svc.url, ADMIN);
    const s: StaffLogin = await api.login();
    const h = (await api.call('GET', '/api/staff/handoffs', s)).body.handoffs.find((x: any) => x.channel === 'line' && x.status === 'open' && x.transcript.some((l: any) => l.text === '人と話したいです'));
    expect(h).toBeDefined();
    const before = line.pushes().length;
    // The longest reply staff may write.
    const answer = 'お待たせしました。' + 'あ'.repeat(1000 - 9);
    expect((await api.call('POST', `/api/staff/handoffs/${h.id}/reply`, { ...s, body: { text: answer } })).status).toBe(200);
    expect((await api.call('POST', `/api/staff/handoffs/${h.id}/resolve`, s)).status).toBe(200);
    const pushed = line.pushes().slice(before);
    expect(pushed.map((p) => [p.status, p.body.to])).toEqual([
      [200, userId],
      [200, userId],
    ]);
    expect(pushed[0]!.body.messages).toEqual([{ type: 'text', text: `【担当職員】\n${answer}` }]);
    expect(all(pushed[1]!.body.messages)).toContain('自動案内');
  });
});

describe('LINE: a reply token that fails', () => {
  it('pushes the same messages instead, with a retry key LINE takes, and every body is valid', async () => {
    const line = await startFakeLine({ failReplies: true });
    const svc = await startApp({ FAKE_NOW: NOW, LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: 'token', LINE_API_BASE_URL: line.url });
    try {
      const userId = 'U' + '4'.repeat(32);
      const { body, headers } = signedLine(SECRET, [lineText(userId, '予約したい', 'ev-token-gone')]);
      expect((await fetch(svc.url + LINE_WEBHOOK_PATH, { method: 'POST', headers, body })).status).toBe(200);
      const [replied] = line.replies();
      const [pushed] = line.pushes();
      expect(replied!.status).toBe(400);
      expect(pushed!.status).toBe(200);
      expect(pushed!.body).toEqual({ to: userId, messages: replied!.body.messages });
      expect(pushed!.headers['x-line-retry-key']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(quickItems(pushed!.body.messages).length).toBeGreaterThan(0);
      line.expectValid();
    } finally {
      await svc.stop();
      await line.close();
    }
  });
});

// ---- a turn with more than a reply holds ----------------------------------------------------------

/**
 * A stand-in for the reservation dialogs that says a lot in one turn: seven messages (one of
 * 6,000 characters), then 14 choices (a window with its short form, one too long for a button
 * with none), or a read-back card. The LINE door and everything around it are the service's own.
 */
class TalkativeDialog extends MainDialog {
  constructor(services: BotServices) {
    super(services);
  }
  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.talk(dc);
  }
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.talk(dc);
  }
  private async talk(dc: DialogContext): Promise<DialogTurnResult> {
    const say = (s: Partial<Say> & { text: string }) => send(dc.context, { speak: s.text, ...s });
    for (let i = 1; i <= 6; i++) await say({ text: i === 2 ? `その${i}:` + 'あ'.repeat(6000) : `その${i}` });
    if (dc.context.activity.text === 'カード') {
      await say({
        text: '次の内容で予約します。よろしいですか?',
        card: { title: '予約内容の確認', lead: '次の内容で予約します。よろしいですか?', facts: [{ label: '日時', value: '12月22日(火) 10:00〜10:30' }] },
        choices: [{ label: 'はい' }, { label: 'いいえ' }],
      });
    } else {
      await say({
        text: 'どれにしますか?',
        choices: [
          { label: '12月22日(火) 10:00〜10:30', short: '12/22(火) 10:00〜10:30' },
          { label: '予約の確認・変更・キャンセル・そのほかのご相談' },
          ...Array.from({ length: 12 }, (_, i) => ({ label: `選択肢${i + 1}` })),
        ],
      });
    }
    return Dialog.EndOfTurn;
  }
}

describe('LINE: a turn of more messages than one reply holds', () => {
  let app: App;
  let url: string;
  let line: FakeLine;
  beforeAll(async () => {
    line = await startFakeLine();
    const settings = readSettings({ LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', DATA_DIR: tempDir(), ...TEST_LIMITS, FAKE_NOW: NOW, LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: 'token', LINE_API_BASE_URL: line.url });
    app = await buildApp(settings, {}, { runtime: (core, parts) => createBotRuntime(core, parts, { mainDialog: (s) => new TalkativeDialog(s) }) });
    await app.tokenizer;
    await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterEach(() => line.expectValid());
  afterAll(async () => {
    await app?.close();
    await line?.close();
  });

  it('folds seven messages into five, keeps every one, cuts a text to 5,000 and the choices to 13 whole labels', async () => {
    const u = lineUser(line, () => url, 'U' + '5'.repeat(32));
    const messages = await u.say('こんにちは');
    expect(messages).toHaveLength(LINE_LIMITS.messages);
    const texts = messages.map((m) => m.text as string);
    // Nothing is lost: the overflow is folded into the fourth message, the question stays last.
    for (const word of ['その1', 'その2', 'その3', 'その4', 'その5', 'その6']) expect(texts.some((t) => t.includes(word))).toBe(true);
    expect(texts[3]).toBe('その4\n\nその5\n\nその6');
    expect(texts.at(-1)).toBe('どれにしますか?');
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(LINE_LIMITS.text);
    const shown = labels(messages);
    expect(shown).toHaveLength(LINE_LIMITS.quickReplyItems);
    expect(shown[0]).toBe('12/22(火) 10:00〜10:30');
    expect(tap(messages, '12/22(火) 10:00〜10:30')).toBe('12月22日(火) 10:00〜10:30');
    // A choice too long for a button and without a short form still fits, and still sends itself whole.
    expect(shown[1]!.length).toBeLessThanOrEqual(LINE_LIMITS.label);
    expect(quickItems(messages)[1].action.text).toBe('予約の確認・変更・キャンセル・そのほかのご相談');
  });

  it('keeps the read-back card last when the messages before it are folded', async () => {
    const u = lineUser(line, () => url, 'U' + '6'.repeat(32));
    const messages = await u.say('カード');
    expect(messages).toHaveLength(LINE_LIMITS.messages);
    expect(messages.at(-1)).toMatchObject({ type: 'flex', contents: { type: 'bubble' } });
    expect(messages.at(-1).contents.footer.contents.map((b: any) => b.style)).toEqual(['primary', 'secondary']);
  });
});
