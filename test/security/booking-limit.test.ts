// Finding 4: one address booked 48 windows of one day in 25 s with invented phone numbers and
// birthdays. Replayed against the real service: a client (web address after TRUST_PROXY, LINE
// user, caller number) makes at most BOOKING_LIMIT_PER_CLIENT_PER_DAY bookings per Japan day,
// even when its commits race; it is told so politely with the desk phone, staff get an alert,
// and other clients book as before.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWILIO_VOICE_PATH } from '../../adapters/app.js';
import { startApp, type RunningApp } from '../support/app.js';
import { twilioCaller, webChatFrom, type WebChatFrom } from '../support/clients.js';
import { modeUnavailable, SERVICE_MODES, startIn } from '../support/service-modes.js';

const NOW = '2026-11-25T10:00:00+09:00';
const TOKEN = 'test-auth-token';
const PUBLIC = 'https://ecert.example.jp';
const ENV = { FAKE_NOW: NOW, TRUST_PROXY: '1', TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: PUBLIC, BOOKING_LIMIT_PER_CLIENT_PER_DAY: '3' };
const LIMIT = /本日のご予約は、受付できる件数\(3件\)に達しました/;
// Counts in Redis outlive a run and FAKE_NOW repeats the same day: clients differ per run.
const RUN = `10.${randomInt(0, 250)}.${randomInt(0, 250)}`;
const TIMES = ['9時', '9時半', '10時', '10時半', '11時', '11時半', '13時', '13時半', '14時'];

let n = 0;
/** A different holder each time (R9 allows one booking per birthday + phone). */
const holder = () => {
  n++;
  return { birthday: `${(n % 12) + 1}月${(n % 27) + 1}日`, phone: `090-${String(1000 + n).padStart(4, '0')}-${String(2000 + n).padStart(4, '0')}` };
};

/** A web booking up to the read-back (「よろしいですか」), for the 10th of December at `time`. */
async function toReadBack(chat: WebChatFrom, time: string): Promise<string> {
  const first = await chat.say(`通知書が届いたので12月10日の${time}に予約したい`);
  if (LIMIT.test(first)) return first;
  expect(first).toMatch(/カード/);
  expect(await chat.say('いいえ')).toMatch(/本人/);
  expect(await chat.say('はい')).toMatch(/誕生日/);
  const h = holder();
  expect(await chat.say(h.birthday)).toMatch(/電話番号/);
  expect(await chat.say(h.phone)).toMatch(/メールアドレス/);
  const readBack = await chat.say(`citizen${n}@example.jp`);
  expect(readBack).toMatch(/よろしいですか/);
  return readBack;
}

describe.each(SERVICE_MODES)('bookings per client per day (%s)', (mode) => {
  let svc: RunningApp;
  beforeAll(async () => {
    if (modeUnavailable(mode)) return;
    svc = await startIn(mode, ENV);
  }, 120_000);
  afterAll(() => svc?.stop());

  it.skipIf(modeUnavailable(mode))('lets one address book 3 windows, then refuses politely from the first line, and alerts staff once', async () => {
    const ip = `${RUN}.40`;
    for (const time of TIMES.slice(0, 3)) {
      const chat = await webChatFrom(svc.url, ip);
      await toReadBack(chat, time);
      expect(await chat.say('はい')).toMatch(/予約が完了しました/);
    }
    for (let i = 0; i < 2; i++) {
      const refused = await (await webChatFrom(svc.url, ip)).say(`通知書が届いたので12月10日の${TIMES[3 + i]}に予約したい`);
      expect(refused).toMatch(LIMIT);
      expect(refused).toContain('072-724-6920');
    }
    // Another household's address books as usual.
    const neighbour = await webChatFrom(svc.url, `${RUN}.41`);
    await toReadBack(neighbour, TIMES[3]!);
    expect(await neighbour.say('はい')).toMatch(/予約が完了しました/);
    // Staff see the address masked, once.
    const alerts = (await svc.app.alerts.list(svc.app.clock())).filter((a) => a.kind === 'booking-limit');
    expect(alerts).toEqual([expect.objectContaining({ channel: 'web', subject: `${RUN}.x` })]);
  });

  it.skipIf(modeUnavailable(mode))('gives exactly 3 when 8 conversations from one address commit at once', async () => {
    const ip = `${RUN}.50`;
    const chats: WebChatFrom[] = [];
    for (const time of TIMES.slice(0, 8)) {
      const chat = await webChatFrom(svc.url, ip);
      await toReadBack(chat, time);
      chats.push(chat);
    }
    const answers = await Promise.all(chats.map((c) => c.say('はい')));
    expect(answers.filter((t) => /予約が完了しました/.test(t))).toHaveLength(3);
    expect(answers.filter((t) => LIMIT.test(t))).toHaveLength(5);
    // The ledger agrees: 3 bookings came of it, no more.
    const day = await svc.app.desk.listByDate('2026-12-10');
    const fromThese = day.filter((r) => r.email && /^citizen\d+@/.test(r.email) && r.status === 'booked');
    expect(fromThese.length).toBe(3 + 1 + 3); // the first test's address and its neighbour, then these
  });

  it.skipIf(modeUnavailable(mode))('counts a caller by number on the phone line', async () => {
    const tail = String(randomInt(1000, 10_000));
    const from = `+8190${randomInt(1000, 10_000)}${tail}`;
    const book = async (sid: string, birthday: string, time: string) => {
      const say = twilioCaller(svc.url, { authToken: TOKEN, publicBaseUrl: PUBLIC, path: TWILIO_VOICE_PATH, callSid: sid, from });
      await say();
      const menu = await say({ Digits: '1' });
      if (/予約は上限です/.test(menu)) return menu;
      expect(await say({ Digits: '1' })).toContain('カード本体');
      expect(await say({ Digits: '2' })).toContain('ご本人');
      expect(await say({ Digits: '1' })).toContain('日にち');
      await say({ SpeechResult: `12月11日の${time}で` });
      await say({ Digits: birthday });
      await say({ Digits: '1' });
      return say({ Digits: '1' });
    };
    const sid = (i: number) => `CA${tail}${'d'.repeat(27)}${i}`;
    for (const [i, t] of ['9時', '10時', '11時'].entries()) expect(await book(sid(i), `010${i + 1}`, t)).toMatch(/で予約しました。番号は/);
    const refused = await book(sid(9), '0109', '13時');
    expect(refused).toContain('きょうの予約は上限です');
    expect(refused).toContain('0 7 2、7 2 4、6 9 2 0');
    const alerts = (await svc.app.alerts.list(svc.app.clock())).filter((a) => a.kind === 'booking-limit' && a.channel === 'phone');
    expect(alerts).toEqual([expect.objectContaining({ subject: `090-****-${tail}` })]);
  });
});

describe('BOOKING_LIMIT_PER_CLIENT_PER_DAY=0 turns the limit off', () => {
  let svc: RunningApp;
  beforeAll(async () => {
    svc = await startApp({ ...ENV, BOOKING_LIMIT_PER_CLIENT_PER_DAY: '0' });
  }, 120_000);
  afterAll(() => svc?.stop());

  it('books a fourth window from one address', async () => {
    for (const time of TIMES.slice(0, 4)) {
      const chat = await webChatFrom(svc.url, `${RUN}.60`);
      await toReadBack(chat, time);
      expect(await chat.say('はい')).toMatch(/予約が完了しました/);
    }
  });
});
