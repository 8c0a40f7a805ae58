// The staff JSON API: login with a session cookie (HttpOnly, SameSite=Strict, Secure behind
// TLS), a CSRF token for every change, and the day's reservations with check-in (R22),
// no-show (R23) and cancel. Unauthenticated → 401; missing CSRF → 403; every action audited.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { isCivilDate } from '../../domain/civil.js';
import type { ReservationDesk } from '../../domain/desk.js';
import { isBirthday, type Reservation } from '../../domain/reservation.js';
import type { Clock } from '../clock.js';
import { reminderView } from '../jobs/reminders.js';
import type { SqlReminderStore } from '../ledger/reminder-store.js';
import { sendError } from '../http/errors.js';
import { SESSION_HOURS, sessionKey, type StaffSession, type StaffStore } from './accounts.js';
import type { StaffEvents } from './events.js';

const COOKIE = 'ecert_staff';

export interface StaffDeps {
  staff: StaffStore;
  desk: ReservationDesk;
  clock: Clock;
  /** Told of each logout, so that session's event streams end at once (on every instance). */
  events?: StaffEvents;
  secureCookies: boolean;
  /** Each reservation's reminder state in the day view (pending, sent, failed, off). */
  reminders?: SqlReminderStore;
}

/** 090-****-5678: enough to tell two callers apart at the counter, not enough to dial. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}-****-${phone.slice(-4)}`;
}

function cookieToken(req: Request): string | undefined {
  const header = req.header('cookie') ?? '';
  const m = new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`).exec(header);
  return m?.[1];
}

export const publicReservation = (r: Reservation) => ({
  number: r.number,
  date: r.date,
  start: r.start,
  end: r.end,
  status: r.status,
  channel: r.channel,
  phone: maskPhone(r.phone),
});

export type SignedIn = StaffSession & { token: string };
/** The signed-in staff member, or undefined with a 401 (or, for a change without CSRF, 403) already sent. */
export type Guard = (req: Request, res: Response, changes: boolean) => Promise<SignedIn | undefined>;

/** Compared in constant time (over digests, so unequal lengths take the same time too). */
function sameSecret(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function staffGuard(staff: StaffStore, clock: Clock): Guard {
  return async (req, res, changes) => {
    const token = cookieToken(req);
    const session = token ? await staff.session(token, clock()) : undefined;
    if (!session || !token) {
      sendError(res, 401, 'unauthenticated', 'ログインしてください。');
      return undefined;
    }
    if (changes && !sameSecret(req.header('x-csrf-token'), session.csrfToken)) {
      sendError(res, 403, 'csrf', '画面を読み込み直してから、もう一度操作してください。');
      return undefined;
    }
    return { ...session, token };
  };
}

export function mountStaffApi(server: Server, d: StaffDeps): void {
  const { staff, desk, clock } = d;
  const cookie = (value: string, maxAge: number) =>
    `${COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${d.secureCookies ? '; Secure' : ''}`;
  const signedIn = staffGuard(staff, clock);

  server.post('/api/staff/login', async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as { user?: unknown; password?: unknown };
    if (typeof body.user !== 'string' || typeof body.password !== 'string' || body.user.length > 64 || body.password.length > 200) {
      return sendError(res, 400, 'bad-login', 'user and password are required');
    }
    const result = await staff.login(body.user, body.password, clock());
    await staff.audit(body.user, result.ok ? 'login' : `login-${result.reason}`);
    if (!result.ok) {
      return result.reason === 'locked'
        ? sendError(res, 423, 'locked', 'ログインの失敗が続いたため、しばらくログインできません。')
        : sendError(res, 401, 'invalid', 'ユーザー名またはパスワードが違います。');
    }
    res.setHeader('set-cookie', cookie(result.token, SESSION_HOURS * 3600));
    res.json({ user: result.session.username, csrfToken: result.session.csrfToken });
  });

  server.post('/api/staff/logout', async (req: Request, res: Response) => {
    const s = await signedIn(req, res, true);
    if (!s) return;
    await staff.logout(s.token);
    await d.events?.publish({ type: 'session-ended', data: { session: sessionKey(s.token) } });
    await staff.audit(s.username, 'logout');
    res.setHeader('set-cookie', cookie('', 0));
    res.json({ ok: true });
  });

  server.get('/api/staff/session', async (req: Request, res: Response) => {
    const s = await signedIn(req, res, false);
    if (s) res.json({ user: s.username, csrfToken: s.csrfToken });
  });

  server.get('/api/staff/reservations', async (req: Request, res: Response) => {
    const s = await signedIn(req, res, false);
    if (!s) return;
    const date = (req.query as Record<string, unknown> | undefined)?.date;
    if (typeof date !== 'string' || !isCivilDate(date)) return sendError(res, 400, 'bad-date', 'date must be YYYY-MM-DD');
    const list = await desk.listByDate(date);
    await staff.audit(s.username, 'list-reservations', date, { count: list.length });
    const records = d.reminders ? await d.reminders.records(list.map((r) => r.number)) : undefined;
    res.json({
      date,
      reservations: list.map((r) => ({ ...publicReservation(r), ...(records ? { reminder: reminderView(r, records.get(r.number), desk.config, clock) } : {}) })),
    });
  });

  const action = (name: 'check-in' | 'no-show' | 'cancel') =>
    server.post(`/api/staff/reservations/:number/${name}`, async (req: Request, res: Response) => {
      const s = await signedIn(req, res, true);
      if (!s) return;
      const number = String(req.params.number ?? '');
      if (!/^\d{6,8}$/.test(number)) return sendError(res, 400, 'bad-number', 'reservation number must be 6–8 digits');
      if (name === 'check-in') {
        const birthday = (req.body as { birthday?: unknown } | undefined)?.birthday;
        if (typeof birthday !== 'string' || !isBirthday(birthday)) return sendError(res, 400, 'bad-birthday', 'birthday must be MM-DD');
        const r = await desk.checkIn(number, birthday, clock());
        await staff.audit(s.username, 'check-in', number, { ok: r.ok, ...(r.ok ? {} : { reason: r.reason }) });
        if (r.ok) return void res.json({ reservation: publicReservation(r.reservation) });
        const status = r.reason === 'not-found' ? 404 : 409;
        const message = { 'not-found': '予約が見つかりません。', 'birthday-mismatch': '誕生日が予約と一致しません。', 'not-today': '本日の予約ではありません。', 'not-active': 'この予約は受付できない状態です。' }[r.reason];
        return sendError(res, status, r.reason, message);
      }
      const r = name === 'no-show' ? await desk.markNoShow(number) : await desk.staffCancel(number);
      await staff.audit(s.username, name, number, { ok: Boolean(r) });
      if (!r) return sendError(res, 409, 'not-booked', '予約中の予約ではありません。');
      res.json({ reservation: publicReservation(r) });
    });
  action('check-in');
  action('no-show');
  action('cancel');
}
