// Finding 3: a stranger with a reservation number guessed its birthday in the web chat, each
// guess followed by 「最初から」 (which reset the miss count), and then cancelled the booking.
// Replayed here against the real service: the wrong birthdays are counted per reservation
// number across conversations, channels and instances; after 5 the number cannot be looked up,
// changed or cancelled by the bot (the same words whether or not it exists), staff get an
// alert, the lock is audited, and one client cannot try number after number either.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWILIO_VOICE_PATH } from '../../adapters/app.js';
import { startApp, type RunningApp } from '../support/app.js';
import { twilioCaller, webChatFrom, type WebChatFrom } from '../support/clients.js';
import { modeUnavailable, SERVICE_MODES, startIn } from '../support/service-modes.js';

const NOW = '2026-11-25T10:00:00+09:00';
const TOKEN = 'test-auth-token';
const PUBLIC = 'https://ecert.example.jp';
const ENV = { FAKE_NOW: NOW, TRUST_PROXY: '1', TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: PUBLIC, LOOKUP_LIMIT_PER_CLIENT_PER_HOUR: '10' };
const LOCKED = /安全のため/;

// Counts in Redis outlive a run and FAKE_NOW repeats the same day: addresses differ per run.
const RUN = `10.${randomInt(0, 250)}.${randomInt(0, 250)}`;
let ips = 0;
/** Each attacker conversation from its own address: only the per-number count is at stake. */
const nextIp = () => `${RUN}.${(++ips % 250) + 1}`;

const webChat = (baseUrl: string, ip = nextIp()) => webChatFrom(baseUrl, ip);

/** One guess as the attacker made it: ask, the number, a birthday, then start again. */
async function guess(chat: WebChatFrom, number: string, birthday: string): Promise<string> {
  expect(await chat.say('予約を確認したい')).toMatch(/予約番号/);
  const afterNumber = await chat.say(number);
  if (LOCKED.test(afterNumber)) return afterNumber;
  expect(afterNumber).toMatch(/誕生日/);
  const answer = await chat.say(birthday);
  await chat.say('最初から');
  return answer;
}

const caller = (baseUrl: string, callSid: string, from: string) => twilioCaller(baseUrl, { authToken: TOKEN, publicBaseUrl: PUBLIC, path: TWILIO_VOICE_PATH, callSid, from });

describe.each(SERVICE_MODES)('wrong birthdays lock a reservation number (%s)', (mode) => {
  let a: RunningApp;
  let b: RunningApp;
  let number: string;
  beforeAll(async () => {
    if (modeUnavailable(mode)) return;
    a = await startIn(mode, { ...ENV, STAFF_ADMIN_USER: 'admin', STAFF_ADMIN_PASSWORD: 'correct horse battery' });
    // On servers a second instance shares Redis and PostgreSQL; embedded, one process is all there is.
    b = mode === 'servers' ? await startApp({ ...ENV, DATABASE_URL: a.app.settings.DATABASE_URL!, REDIS_URL: a.app.settings.REDIS_URL! }) : a;
    const booked = await a.app.desk.book({ date: '2026-12-10', start: '11:00', channel: 'web', holder: { birthday: '05-05', phone: '09011112222', email: 'hanako@example.jp' }, now: a.app.clock() });
    if (!booked.ok) throw new Error(`setup booking failed: ${booked.reason}`);
    number = booked.reservation.number;
  }, 120_000);
  afterAll(async () => {
    if (b && b !== a) await b.stop();
    await a?.stop();
  });

  it.skipIf(modeUnavailable(mode))('stops the 「最初から」 guessing after 5 wrong birthdays, on every channel and instance, and keeps the booking', async () => {
    const misses = ['01-01', '02-02', '03-03', '04-04'];
    // Three guesses on instance A's web chat, each in a fresh conversation from a fresh address …
    for (const wrong of misses.slice(0, 3)) {
      const [m, d] = wrong.split('-').map(Number);
      expect(await guess(await webChat(a.url), number, `${m}月${d}日`)).toMatch(/見つかりませんでした/);
    }
    // … one on the phone line of instance B …
    const phone = caller(b.url, `CA${randomInt(1e9, 1e10)}${'b'.repeat(22)}`, `+8190${randomInt(10_000_000, 100_000_000)}`);
    await phone();
    expect(await phone({ Digits: '2' })).toMatch(/予約番号/);
    expect(await phone({ Digits: number })).toMatch(/誕生日/);
    expect(await phone({ Digits: '0404' })).toMatch(/見つかりませんでした/);
    // … and the fifth on B's web chat locks the number.
    expect(await guess(await webChat(b.url), number, '6月6日')).toMatch(LOCKED);

    // Now even the right birthday is not asked for, on either instance and channel.
    const owner = await webChat(a.url);
    expect(await owner.say('予約を確認したい')).toMatch(/予約番号/);
    const refused = await owner.say(number);
    expect(refused).toMatch(LOCKED);
    expect(refused).toContain('072-724-6920');
    expect(refused).not.toMatch(/誕生日を/);
    const phone2 = caller(a.url, `CA${randomInt(1e9, 1e10)}${'c'.repeat(22)}`, `+8190${randomInt(10_000_000, 100_000_000)}`);
    await phone2();
    await phone2({ Digits: '2' });
    const spoken = await phone2({ Digits: number });
    expect(spoken).toMatch(/しばらくお手続きできません/);
    expect(spoken).not.toMatch(/誕生日/);
    expect((await a.app.desk.find(number))?.status).toBe('booked');
  });

  it.skipIf(modeUnavailable(mode))('says exactly the same for a number that does not exist', async () => {
    let absent = String(randomInt(10_000_000, 100_000_000));
    if (absent === number) absent = String(Number(absent) + 1);
    const answers: string[] = [];
    for (const wrong of ['1月1日', '2月2日', '3月3日', '4月4日', '5月5日']) answers.push(await guess(await webChat(a.url), absent, wrong));
    expect(answers.at(-1)).toMatch(LOCKED);
    const chat = await webChat(a.url);
    await chat.say('予約を確認したい');
    const forAbsent = await chat.say(absent);
    const chat2 = await webChat(a.url);
    await chat2.say('予約を確認したい');
    const forExisting = await chat2.say(number);
    expect(forAbsent).toBe(forExisting);
  });

  it.skipIf(modeUnavailable(mode))('alerts staff and audits the lock, once', async () => {
    const alerts = await a.app.alerts.list(a.app.clock());
    const locked = alerts.filter((x) => x.kind === 'lookup-locked' && x.subject === number);
    expect(locked).toHaveLength(1);
    const { rows } = await a.app.ledger.db.query<{ staff: string; target: string }>("SELECT staff, target FROM audit_log WHERE action = 'lookup-locked' AND target = $1", [number]);
    expect(rows).toEqual([{ staff: 'system', target: number }]);
    // The console's API lists it, with the lock still on.
    const login = await fetch(`${a.url}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'admin', password: 'correct horse battery' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const listed = (await (await fetch(`${a.url}/api/staff/alerts`, { headers: { cookie } })).json()) as any;
    expect(listed.alerts).toContainEqual(expect.objectContaining({ kind: 'lookup-locked', subject: number, locked: true, label: expect.stringContaining('予約番号') }));
  });

  it.skipIf(modeUnavailable(mode))('limits one client to 10 look-ups an hour, whatever the numbers', async () => {
    const ip = nextIp();
    const answers: string[] = [];
    const base = randomInt(20_000_000, 90_000_000);
    for (let i = 0; i < 11; i++) answers.push(await guess(await webChat(a.url, ip), String(base + i), '1月1日'));
    expect(answers.slice(0, 10).every((t) => /見つかりませんでした/.test(t))).toBe(true);
    expect(answers[10]).toMatch(/確認が短い時間に続いた/);
    expect(answers[10]).toContain('072-724-6920');
    // Another address is not affected.
    expect(await guess(await webChat(a.url), String(base + 100), '1月1日')).toMatch(/見つかりませんでした/);
  });
});
