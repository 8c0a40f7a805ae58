// Staff set the day's windows (R4): capacity at a glance, stop or reopen a window, change its
// capacity. A capacity below what is booked is refused; every change audited (and announced to
// the consoles by the observed ledger).
import type { Request, Response, Server } from 'restify';
import { isCivilDate } from '../../domain/civil.js';
import type { ReservationDesk, WindowChange } from '../../domain/desk.js';
import { sendError } from '../http/errors.js';
import type { StaffStore } from './accounts.js';
import type { Guard } from './routes.js';

export const MAX_CAPACITY = 50;

export interface WindowRouteDeps {
  guard: Guard;
  staff: StaffStore;
  desk: ReservationDesk;
}

/** `09:30` (or `0930`) as the ledger writes it. */
export function startOf(param: unknown): string | undefined {
  const m = /^([0-2]\d):?([0-5]\d)$/.exec(String(param ?? ''));
  return m ? `${m[1]}:${m[2]}` : undefined;
}

export function mountWindowApi(server: Server, d: WindowRouteDeps): void {
  server.get('/api/staff/windows', async (req: Request, res: Response) => {
    const s = await d.guard(req, res, false);
    if (!s) return;
    const date = (req.query as Record<string, unknown> | undefined)?.date;
    if (typeof date !== 'string' || !isCivilDate(date)) return sendError(res, 400, 'bad-date', '日付は YYYY-MM-DD で指定してください。');
    res.json(await d.desk.daySchedule(date));
  });

  const change = (action: 'block' | 'unblock' | 'capacity') =>
    server.post(`/api/staff/windows/:date/:start/${action}`, async (req: Request, res: Response) => {
      const s = await d.guard(req, res, true);
      if (!s) return;
      const date = String(req.params.date ?? '');
      const start = startOf(req.params.start);
      if (!isCivilDate(date) || !start) return sendError(res, 400, 'bad-window', '日付(YYYY-MM-DD)と時間帯(HH:MM)を指定してください。');
      let r: WindowChange;
      if (action === 'capacity') {
        const capacity = (req.body as { capacity?: unknown } | undefined)?.capacity;
        if (capacity !== null && (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 0 || capacity > MAX_CAPACITY)) {
          return sendError(res, 400, 'bad-capacity', `定員は0〜${MAX_CAPACITY}の整数(設定どおりに戻す場合は null)で指定してください。`);
        }
        r = await d.desk.setWindow(date, start, { capacityOverride: capacity });
      } else {
        r = await d.desk.setWindow(date, start, { blocked: action === 'block' });
      }
      await d.staff.audit(s.username, `window-${action}`, `${date} ${start}`, { ok: r.ok, ...(r.ok ? {} : { reason: r.reason }) });
      if (!r.ok) {
        return r.reason === 'no-such-window'
          ? sendError(res, 404, r.reason, 'その時間帯の枠はありません。')
          : sendError(res, 409, r.reason, `すでに${r.booked}件の予約があるため、定員をそれより少なくできません。`);
      }
      res.json({ window: r.window });
    });
  change('block');
  change('unblock');
  change('capacity');
}
