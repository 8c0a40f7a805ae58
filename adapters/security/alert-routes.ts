// The staff API for security alerts: the list (with whether a locked number is still locked),
// acknowledging one, and lifting a reservation number's look-up lock once the desk has
// confirmed the holder by phone. Staff only (session + CSRF), every action audited.
import type { Request, Response, Server } from 'restify';
import type { Clock } from '../clock.js';
import { sendError } from '../http/errors.js';
import type { StaffStore } from '../staff/accounts.js';
import type { StaffEvents } from '../staff/events.js';
import type { Guard } from '../staff/routes.js';
import type { SecurityAlert, SecurityAlerts } from './alerts.js';
import type { MissStore } from './lookup-guard.js';

export interface AlertRouteDeps {
  guard: Guard;
  staff: StaffStore;
  alerts: SecurityAlerts;
  locks: MissStore;
  events: StaffEvents;
  clock: Clock;
}

const LABELS: Record<SecurityAlert['kind'], string> = {
  'lookup-locked': '誕生日の誤りが続いたため、この予約番号の自動応答での照会を止めました',
  'booking-limit': '1日の予約件数の上限に達した利用者がいます',
};

const isNumber = (s: string) => /^\d{6,8}$/.test(s);

export function mountAlertApi(server: Server, d: AlertRouteDeps): void {
  server.get('/api/staff/alerts', async (req: Request, res: Response) => {
    const s = await d.guard(req, res, false);
    if (!s) return;
    const now = d.clock();
    const list = await d.alerts.list(now);
    const shown = await Promise.all(
      list.map(async (a) => ({
        ...a,
        label: LABELS[a.kind],
        ...(a.kind === 'lookup-locked' && isNumber(a.subject) ? { locked: ((await d.locks.lockedUntil(a.subject)) ?? 0) > now.getTime() } : {}),
      })),
    );
    res.json({ alerts: shown });
  });

  server.post('/api/staff/alerts/:id/acknowledge', async (req: Request, res: Response) => {
    const s = await d.guard(req, res, true);
    if (!s) return;
    const id = String(req.params.id ?? '').slice(0, 20);
    const a = await d.alerts.acknowledge(id, s.username, d.clock());
    await d.staff.audit(s.username, 'acknowledge-alert', id, { ok: Boolean(a) });
    if (!a) return sendError(res, 404, 'not-found', 'そのお知らせはありません。');
    await d.events.publish({ type: 'alert', data: { id: a.id, kind: a.kind } });
    res.json({ alert: { ...a, label: LABELS[a.kind] } });
  });

  server.post('/api/staff/lookup-locks/:number/unlock', async (req: Request, res: Response) => {
    const s = await d.guard(req, res, true);
    if (!s) return;
    const number = String(req.params.number ?? '');
    if (!isNumber(number)) return sendError(res, 400, 'bad-number', '予約番号は6〜8桁の数字です。');
    await d.locks.unlock(number);
    await d.staff.audit(s.username, 'unlock-lookups', number);
    await d.events.publish({ type: 'alert', data: { id: '', kind: 'lookup-unlocked' } });
    res.json({ ok: true });
  });
}
