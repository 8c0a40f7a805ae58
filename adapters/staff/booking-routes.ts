// Staff on the reservation line (R25) book for a caller — a proxy (R11) or anyone who phones
// — find a reservation by its number, and move it to another window, under the phone's rules.
import type { Request, Response, Server } from 'restify';
import { isCivilDate } from '../../domain/civil.js';
import type { ReservationDesk } from '../../domain/desk.js';
import type { Clock } from '../clock.js';
import { sendError } from '../http/errors.js';
import type { StaffStore } from './accounts.js';
import { refusalText } from './labels.ja.js';
import { publicReservation, type Guard } from './routes.js';
import { startOf } from './window-routes.js';

export interface BookingRouteDeps {
  guard: Guard;
  staff: StaffStore;
  desk: ReservationDesk;
  clock: Clock;
}

const NUMBER = /^\d{8}$/;
const window = (body: Record<string, unknown>) => {
  const start = startOf(body.start);
  return typeof body.date === 'string' && isCivilDate(body.date) && start ? { date: body.date, start } : undefined;
};

export function mountBookingApi(server: Server, d: BookingRouteDeps): void {
  server.post('/api/staff/reservations', async (req: Request, res: Response) => {
    const s = await d.guard(req, res, true);
    if (!s) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const w = window(body);
    if (!w) return sendError(res, 400, 'bad-window', '日付(YYYY-MM-DD)と時間帯(HH:MM)を指定してください。');
    const { birthday, phone, email } = body;
    if (typeof birthday !== 'string' || typeof phone !== 'string' || (email !== undefined && email !== null && typeof email !== 'string')) {
      return sendError(res, 400, 'bad-holder', '誕生日(MM-DD)と電話番号を入力してください。');
    }
    // A double-click or a retried request books once.
    const key = req.header('idempotency-key');
    const r = await d.desk.book({
      ...w,
      channel: 'phone',
      holder: { birthday, phone, ...(typeof email === 'string' && email.trim() ? { email } : {}) },
      now: d.clock(),
      idempotencyKey: key && key.length <= 100 ? `staff:${key}` : undefined,
    });
    await d.staff.audit(s.username, 'book', r.ok ? r.reservation.number : `${w.date} ${w.start}`, { ok: r.ok, ...(r.ok ? {} : { reason: r.reason }) });
    if (r.ok) {
      res.status(r.replayed ? 200 : 201);
      return void res.json({ reservation: publicReservation(r.reservation), replayed: r.replayed });
    }
    const status = r.reason === 'invalid-holder' ? 400 : 409;
    sendError(res, status, r.reason, refusalText(r as never));
  });

  server.get('/api/staff/reservations/:number', async (req: Request, res: Response) => {
    const s = await d.guard(req, res, false);
    if (!s) return;
    const number = String(req.params.number ?? '');
    if (!NUMBER.test(number)) return sendError(res, 400, 'bad-number', '予約番号は8桁の数字です。');
    const r = await d.desk.find(number);
    await d.staff.audit(s.username, 'find-reservation', number, { found: Boolean(r) });
    if (!r) return sendError(res, 404, 'not-found', '予約が見つかりません。');
    res.json({ reservation: publicReservation(r) });
  });

  server.post('/api/staff/reservations/:number/change', async (req: Request, res: Response) => {
    const s = await d.guard(req, res, true);
    if (!s) return;
    const number = String(req.params.number ?? '');
    const w = window((req.body ?? {}) as Record<string, unknown>);
    if (!NUMBER.test(number) || !w) return sendError(res, 400, 'bad-change', '予約番号(8桁)と、変更先の日付・時間帯を指定してください。');
    const r = await d.desk.staffChange(number, w, d.clock());
    await d.staff.audit(s.username, 'change', number, { ok: r.ok, to: `${w.date} ${w.start}`, ...(r.ok ? {} : { reason: r.reason }) });
    if (r.ok) return void res.json({ reservation: publicReservation(r.reservation), previous: r.previous });
    sendError(res, r.reason === 'not-found' ? 404 : 409, r.reason, refusalText(r as never));
  });
}
