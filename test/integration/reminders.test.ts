// Reminders before the visit (issue 15), against the running service and local fakes of LINE's
// API, an SMTP server and Twilio's REST API. Citizens book in the web chat, on LINE and on the
// phone line (and staff at the desk); the reminder job is run at chosen instants across the send
// time (17:00 on the business day before) while the service clock (FAKE_NOW) stands on the
// Thursday evening the bookings were made. Each channel's reminder arrives once; none for a
// booking made after its reminder time, a cancelled one, a landline or one turned off; a change
// moves it; a fault (500 once, SMTP 451 once) is tried again and then succeeds; staff see each
// reminder's state. On PGlite and on PostgreSQL, and with two instances sharing Redis and PostgreSQL.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINE_WEBHOOK_PATH, TWILIO_VOICE_PATH } from '../../adapters/app.js';
import type { ReminderReport } from '../../adapters/jobs/reminders.js';
import { freshSchema, postgresUrl, redisUrl } from '../../scripts/lib/databases.js';
import { startApp, type RunningApp } from '../support/app.js';
import { lineText, signedLine, staffApi, twilioCaller, webChatFrom, type StaffLogin } from '../support/clients.js';
import { startFakeLine } from '../support/fake-line.js';
import { startFakeSmtp } from '../support/fake-smtp.js';
import { startFakeTwilio } from '../support/fake-twilio.js';

const ADMIN = { user: 'tanaka', password: 'correct horse battery' };
const LINE_SECRET = 'line-channel-secret';
const TWILIO = { sid: 'AC' + '7'.repeat(32), authToken: 'twilio-auth-token' };
const PUBLIC = 'https://ecert.example.jp';
/** Thursday 12月3日 17:30: after the reminder time for Friday's visits; before Monday's (Friday 17:00). */
const THURSDAY_EVENING = '2026-12-03T17:30:00+09:00';
const at = (iso: string) => new Date(iso);
/** Ids no earlier run has used: conversation state outlives a test run in the shared Redis. */
const fresh = (prefix: string, length: number) => prefix + randomBytes(length).toString('hex').slice(0, length);
const PUSH = '/v2/bot/message/push';
const REMINDER = /ご予約日のお知らせ/;
/** The reminder SMS (a phone booking also gets its confirmation, 「承りました」). */
const REMINDER_SMS = /当日来られないと予約は無効/;

type Fakes = { line: Awaited<ReturnType<typeof startFakeLine>>; smtp: Awaited<ReturnType<typeof startFakeSmtp>>; twilio: Awaited<ReturnType<typeof startFakeTwilio>> };

async function startFakes(): Promise<Fakes> {
  return { line: await startFakeLine(), smtp: await startFakeSmtp(), twilio: await startFakeTwilio(TWILIO) };
}

function serviceEnv(f: Fakes, extra: Record<string, string> = {}): Record<string, string> {
  return {
    FAKE_NOW: THURSDAY_EVENING,
    STAFF_ADMIN_USER: ADMIN.user,
    STAFF_ADMIN_PASSWORD: ADMIN.password,
    LINE_CHANNEL_SECRET: LINE_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: 'line-token',
    LINE_API_BASE_URL: f.line.url,
    SMTP_URL: f.smtp.url,
    WEB_EMAIL_CODE: 'off',
    PUBLIC_BASE_URL: PUBLIC,
    TWILIO_AUTH_TOKEN: TWILIO.authToken,
    TWILIO_ACCOUNT_SID: TWILIO.sid,
    TWILIO_SMS_FROM: '+815012345678',
    TWILIO_API_BASE_URL: f.twilio.url,
    // The test runs each check at the instant it names; the timer's own (on the service clock) would
    // take the try-lock from another instance's check now and then.
    REMINDER_CHECK_SECONDS: '3600',
    ...extra,
  };
}

/** Citizens and staff of one running service. */
function people(svc: RunningApp, f: Fakes) {
  const linePost = async (userId: string, text: string): Promise<string> => {
    const before = f.line.replies().length;
    const { body, headers } = signedLine(LINE_SECRET, [lineText(userId, text)]);
    expect((await fetch(svc.url + LINE_WEBHOOK_PATH, { method: 'POST', headers, body })).status).toBe(200);
    return f.line
      .replies()
      .slice(before)
      .flatMap((c) => c.body.messages.map((m: any) => m.text ?? m.altText ?? ''))
      .join('\n');
  };
  /** The number of the reservation this phone holds on that day, once it is booked. */
  const bookedNumber = async (date: string, phone: string) => (await svc.app.desk.listByDate(date)).find((r) => r.phone === phone && r.status === 'booked')?.number;
  // A script checks that each question was asked; that the booking was made is checked in the ledger.
  const script = async (say: (text: string) => Promise<string>, lines: [string, RegExp][]): Promise<void> => {
    for (const [text, expected] of lines) expect(await say(text), `after 「${text}」`).toMatch(expected);
  };
  const booked = async (date: string, phone: string): Promise<string> => {
    const number = await bookedNumber(date, phone);
    expect(number, `a booking on ${date} for ${phone}`).toBeDefined();
    return number!;
  };
  return {
    /** A web chat booking; resolves with the reservation number and the chat. */
    async web(date: string, when: string, birthday: string, phone: string, email: string) {
      const chat = await webChatFrom(svc.url, '203.0.113.7');
      await script(chat.say, [
        [`通知書が届いたので${when}に予約したい`, /カード/],
        ['いいえ', /本人/],
        ['はい', /誕生日/],
        [birthday, /電話番号/],
        [phone, /メールアドレス/],
        [email, /よろし/],
        ['はい', /予約番号/],
      ]);
      return { number: await booked(date, phone.replace(/-/g, '')), chat };
    },
    async line(userId: string, date: string, when: string, birthday: string, phone: string) {
      await script((t) => linePost(userId, t), [
        [`通知書が届いたので${when}に予約したい`, /カード/],
        ['いいえ', /本人/],
        ['はい', /誕生日/],
        [birthday, /電話番号/],
        [phone, /よろし/],
        ['はい', /予約番号/],
      ]);
      return booked(date, phone.replace(/-/g, ''));
    },
    linePost,
    /** A caller books on the reservation line (keys and speech, as Twilio posts them). */
    async phone(callSid: string, from: string, date: string, when: string, birthdayKeys: string) {
      const call = twilioCaller(svc.url, { authToken: TWILIO.authToken, publicBaseUrl: PUBLIC, path: TWILIO_VOICE_PATH, callSid, from });
      await call();
      await script((t) => call(/^\d+$/.test(t) ? { Digits: t } : { SpeechResult: t }), [
        ['1', /通知書/],
        ['1', /カード/],
        ['2', /本人/],
        ['1', /日にち/],
        [when, /誕生日/],
        [birthdayKeys, /よろし/],
      ]);
      // Yes to the caller's own number (when asked) and to the read-back.
      const phone = `0${from.slice(3)}`;
      for (let i = 0; i < 3 && !(await bookedNumber(date, phone)); i++) await call({ Digits: '1' });
      return booked(date, phone);
    },
  };
}

async function staffOf(svc: RunningApp) {
  const api = staffApi(svc.url, ADMIN);
  const s: StaffLogin = await api.login();
  return {
    async book(date: string, start: string, birthday: string, phone: string): Promise<string> {
      const r = await api.call('POST', '/api/staff/reservations', { ...s, body: { date, start, birthday, phone } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.reservation.number;
    },
    async change(number: string, date: string, start: string) {
      expect((await api.call('POST', `/api/staff/reservations/${number}/change`, { ...s, body: { date, start } })).status).toBe(200);
    },
    async cancel(number: string) {
      expect((await api.call('POST', `/api/staff/reservations/${number}/cancel`, s)).status).toBe(200);
    },
    /** The day view's reminder column: number → { status, reason? }. */
    async reminders(date: string): Promise<Record<string, { status: string; reason?: string }>> {
      const r = await api.call('GET', `/api/staff/reservations?date=${date}`, s);
      expect(r.status).toBe(200);
      return Object.fromEntries(r.body.reservations.map((x: any) => [x.number, x.reminder]));
    },
  };
}

const outcomes = (reports: ReminderReport[]) => reports.map((r) => `${r.channel}:${r.outcome}`).sort();
const pushedTo = (f: Fakes, userId: string, status = 200) => f.line.pushes().filter((c) => c.body?.to === userId && c.status === status);
const reminderPushes = (f: Fakes, userId: string) => pushedTo(f, userId).filter((c) => c.body.messages.some((m: any) => REMINDER.test(m.text ?? '')));
const mailsTo = (f: Fakes, to: string) => f.smtp.mails.filter((m) => m.to.includes(to) && REMINDER.test(m.subject + m.text));

const DATABASES: [string, boolean][] = [
  ['PGlite', true],
  ['PostgreSQL', Boolean(postgresUrl)],
];

describe.each(DATABASES)('reminders the business day before, on %s', (_kind, available) => {
  let f: Fakes;
  let svc: RunningApp;
  let drop: (() => Promise<void>) | undefined;
  let staff: Awaited<ReturnType<typeof staffOf>>;
  let who: ReturnType<typeof people>;
  const LINE_USER = fresh('U', 32);
  const LINE_USER_2 = fresh('U', 32);
  const n: Record<string, string> = {};

  beforeAll(async () => {
    if (!available) return;
    f = await startFakes();
    const db = _kind === 'PostgreSQL' ? await freshSchema(postgresUrl!) : undefined;
    drop = db?.drop;
    svc = await startApp(serviceEnv(f, db ? { DATABASE_URL: db.url } : {}));
    await svc.app.runtime();
    staff = await staffOf(svc);
    who = people(svc, f);
  }, 60_000);
  afterAll(async () => {
    await svc?.stop();
    await drop?.();
    await Promise.all([f?.line.close(), f?.smtp.close(), f?.twilio.close()]);
  });

  it.runIf(available)('citizens book on every channel on Thursday evening; nothing is due before the time, and staff see "pending"', async () => {
    // Monday 12月7日: one booking per channel, a landline booked at the desk, and one turned off.
    n.web = (await who.web('2026-12-07', '12月7日の10時', '8月1日', '090-2222-3333', 'hanako@example.jp')).number;
    n.line = await who.line(LINE_USER, '2026-12-07', '12月7日の10時半', '1月2日', '080-1111-2222');
    n.phone = await who.phone(fresh('CA', 32), '+819055556666', '2026-12-07', '12月7日の11時', '0707');
    n.landline = await staff.book('2026-12-07', '11:30', '02-02', '0727240000');
    const declined = await who.web('2026-12-07', '12月7日の14時', '3月3日', '090-7777-8888', 'jiro@example.jp');
    n.declined = declined.number;
    expect(await declined.chat.say('リマインドはいりません')).toMatch(/リマインド\(前日のお知らせ\)はお送りしません/);
    // Friday 12月4日 9:00, booked at the desk now — after Thursday 17:00, its reminder time.
    n.late = await staff.book('2026-12-04', '09:00', '04-04', '09012121212');
    // Tuesday 12月8日: one to be cancelled, one to be moved to Wednesday.
    n.cancelled = (await who.web('2026-12-08', '12月8日の10時', '5月5日', '090-3333-4444', 'saburo@example.jp')).number;
    n.moved = await who.line(LINE_USER_2, '2026-12-08', '12月8日の11時', '6月6日', '080-5555-6666');

    expect(await svc.app.reminders.tick(at('2026-12-03T17:31:00+09:00'))).toEqual([]);
    expect(await svc.app.reminders.tick(at('2026-12-04T16:59:00+09:00'))).toEqual([]);
    expect(await staff.reminders('2026-12-07')).toEqual({
      [n.web]: { status: 'pending' },
      [n.line]: { status: 'pending' },
      [n.phone]: { status: 'pending' },
      [n.landline]: { status: 'off', reason: 'landline' },
      [n.declined]: { status: 'off', reason: 'opted-out' },
    });
    expect(await staff.reminders('2026-12-04')).toEqual({ [n.late]: { status: 'off', reason: 'booked-late' } });
  });

  it.runIf(available)('at 17:00 on Friday each channel fails once (500, SMTP 451), is tried again after a minute, and arrives once', async () => {
    f.line.failNext(PUSH);
    f.twilio.failNext(500);
    f.smtp.failNext(/ご予約日のお知らせ/);
    expect(outcomes(await svc.app.reminders.tick(at('2026-12-04T17:00:30+09:00')))).toEqual(['line:retry', 'phone:retry', 'web:retry']);
    expect(await svc.app.reminders.tick(at('2026-12-04T17:01:00+09:00'))).toEqual([]); // the backoff
    expect(outcomes(await svc.app.reminders.tick(at('2026-12-04T17:02:00+09:00')))).toEqual(['line:sent', 'phone:sent', 'web:sent']);
    for (const later of ['2026-12-04T17:10:00+09:00', '2026-12-04T20:00:00+09:00', '2026-12-07T08:00:00+09:00']) expect(await svc.app.reminders.tick(at(later))).toEqual([]);

    // LINE: one push into the user's talk, after the one LINE refused; no apology.
    expect(pushedTo(f, LINE_USER, 500)).toHaveLength(1);
    expect(reminderPushes(f, LINE_USER)).toHaveLength(1);
    const push = reminderPushes(f, LINE_USER)[0]!.body.messages.map((m: any) => m.text).join('\n');
    expect(push).toContain('12月7日(月) 10:30〜11:00');
    expect(push).toContain('102番窓口');
    expect(push).toContain('マイナンバーカード');
    expect(push).toContain('ご予約は無効');
    expect(push).toContain('「予約の確認・変更・キャンセル」');
    expect(push).toContain('「リマインド不要」');
    expect(pushedTo(f, LINE_USER).some((c) => c.body.messages.some((m: any) => /申し訳/.test(m.text ?? '')))).toBe(false);
    f.line.expectValid();

    // SMS: one to the caller's mobile, within two Japanese segments, with the desk phone.
    expect(f.twilio.refused).toHaveLength(1);
    const sms = f.twilio.sent.filter((m) => m.to === '+819055556666' && REMINDER_SMS.test(m.body));
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ from: '+815012345678' });
    expect(sms[0]!.body).toContain('12月7日(月)11:00〜11:30');
    expect(sms[0]!.body).toContain('072-724-6920');
    expect([...sms[0]!.body].length).toBeLessThanOrEqual(134);
    // Nothing for the landline, nothing for Friday's late booking.
    expect(f.twilio.sent.filter((m) => (m.to === '+81727240000' || m.to === '+819012121212') && REMINDER_SMS.test(m.body))).toEqual([]);

    // E-mail: one to the web booker; none to the one who turned it off.
    const mails = mailsTo(f, 'hanako@example.jp');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('12月7日(月) 10:00〜10:30');
    expect(mails[0]!.text).toContain(`予約番号:${n.web!.slice(0, 4)} ${n.web!.slice(4)}`);
    expect(mails[0]!.text).toContain('予約チャットで、予約番号と誕生日');
    expect(mailsTo(f, 'jiro@example.jp')).toEqual([]);

    expect(await staff.reminders('2026-12-07')).toEqual({
      [n.web!]: { status: 'sent' },
      [n.line!]: { status: 'sent' },
      [n.phone!]: { status: 'sent' },
      [n.landline!]: { status: 'off', reason: 'landline' },
      [n.declined!]: { status: 'off', reason: 'opted-out' },
    });
  });

  it.runIf(available)('a cancelled booking gets none; a moved one is reminded for its new window, and a sent one again for a later day', async () => {
    await staff.cancel(n.cancelled!);
    await staff.change(n.moved!, '2026-12-09', '10:00');
    // The web booking already reminded for Monday moves to Wednesday: its new window gets one too.
    await staff.change(n.web!, '2026-12-09', '10:30');
    expect(await svc.app.reminders.tick(at('2026-12-07T17:00:30+09:00'))).toEqual([]);
    expect(mailsTo(f, 'saburo@example.jp')).toEqual([]);
    expect(reminderPushes(f, LINE_USER_2)).toEqual([]);
    expect(await staff.reminders('2026-12-08')).toEqual({ [n.cancelled!]: { status: 'off', reason: 'not-booked' } });

    expect(outcomes(await svc.app.reminders.tick(at('2026-12-08T17:00:30+09:00')))).toEqual(['line:sent', 'web:sent']);
    expect(await svc.app.reminders.tick(at('2026-12-08T17:05:00+09:00'))).toEqual([]);
    const moved = reminderPushes(f, LINE_USER_2);
    expect(moved).toHaveLength(1);
    expect(moved[0]!.body.messages.map((m: any) => m.text).join('\n')).toContain('12月9日(水) 10:00〜10:30');
    const web = mailsTo(f, 'hanako@example.jp');
    expect(web).toHaveLength(2);
    expect(web[1]!.text).toContain('12月9日(水) 10:30〜11:00');
    expect(await staff.reminders('2026-12-09')).toEqual({ [n.moved!]: { status: 'sent' }, [n.web!]: { status: 'sent' } });
  });
});

describe.skipIf(!redisUrl || !postgresUrl)('two instances sharing Redis and PostgreSQL', () => {
  it('remind each booking once, whichever instance checks, a fault included', async () => {
    const f = await startFakes();
    const db = await freshSchema(postgresUrl!);
    const env = serviceEnv(f, { REDIS_URL: redisUrl!, DATABASE_URL: db.url, DIRECTLINE_SECRET: 'shared-secret-for-test-0123456789abcdef' });
    const a = await startApp(env);
    const b = await startApp(env);
    try {
      await Promise.all([a.app.runtime(), b.app.runtime()]);
      const userId = fresh('U', 32);
      await people(a, f).web('2026-12-07', '12月7日の10時', '8月1日', '090-2222-3333', 'hanako@example.jp');
      await people(b, f).line(userId, '2026-12-07', '12月7日の10時半', '1月2日', '080-1111-2222');
      await people(b, f).phone(fresh('CA', 32), '+819055556666', '2026-12-07', '12月7日の11時', '0707');
      const desk = await staffOf(a);
      await desk.book('2026-12-07', '13:00', '09-09', '07011112222'); // at the desk: an SMS with no call

      f.line.failNext(PUSH);
      f.smtp.failNext(/ご予約日のお知らせ/);
      const both = async (iso: string) => (await Promise.all([a, b, a, b].map((s) => s.app.reminders.tick(at(iso))))).flat();
      expect(outcomes(await both('2026-12-04T17:00:30+09:00'))).toEqual(['line:retry', 'phone:sent', 'phone:sent', 'web:retry']);
      expect(outcomes(await both('2026-12-04T17:02:00+09:00'))).toEqual(['line:sent', 'web:sent']);
      expect(await both('2026-12-04T17:30:00+09:00')).toEqual([]);

      expect(reminderPushes(f, userId)).toHaveLength(1);
      expect(mailsTo(f, 'hanako@example.jp')).toHaveLength(1);
      expect(f.twilio.sent.filter((m) => m.to === '+819055556666' && REMINDER_SMS.test(m.body))).toHaveLength(1);
      expect(f.twilio.sent.filter((m) => m.to === '+817011112222' && REMINDER_SMS.test(m.body))).toHaveLength(1);
      expect(Object.values(await (await staffOf(b)).reminders('2026-12-07')).map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
      f.line.expectValid();
    } finally {
      await a.stop();
      await b.stop();
      await db.drop();
      await Promise.all([f.line.close(), f.smtp.close(), f.twilio.close()]);
    }
  }, 120_000);
});
