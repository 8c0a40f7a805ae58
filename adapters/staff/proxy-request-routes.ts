// The staff API for proxy form requests (R21c step 1): the list the desk works — with each
// request's phone number in full, since staff call it back (the one place the console shows a
// number unmasked; each listing is audited) — and moving a request on: called back, mailed,
// closed. Staff only (session, and CSRF for a change); every change is in audit_log with who
// made it, and every console hears of it live.
import type { Request, Response, Server } from 'restify';
import { isProxyRequestStatus, nextStatuses } from '../../domain/proxy-request.js';
import type { Clock } from '../clock.js';
import { sendError } from '../http/errors.js';
import type { ProxyRequestChange, ProxyRequestRecord, SqlProxyRequestStore } from '../ledger/proxy-request-store.js';
import { isRequestId } from '../ledger/proxy-request-store.js';
import type { StaffStore } from './accounts.js';
import type { Guard } from './routes.js';

export interface ProxyRequestRouteDeps {
  guard: Guard;
  staff: StaffStore;
  requests: SqlProxyRequestStore;
  clock: Clock;
}

const view = (r: ProxyRequestRecord, history: ProxyRequestChange[]) => ({
  id: r.id,
  kanaName: r.kanaName,
  birthday: r.birthday,
  phone: r.phone,
  channel: r.channel,
  status: r.status,
  next: nextStatuses(r.status),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  updatedBy: r.updatedBy,
  closedAt: r.closedAt?.toISOString() ?? null,
  history: history.map((h) => ({ at: h.at.toISOString(), staff: h.staff, from: h.from, to: h.to })),
});

export function mountProxyRequestApi(server: Server, d: ProxyRequestRouteDeps): void {
  const views = async (list: ProxyRequestRecord[]) => {
    const history = await d.requests.history(list.map((r) => r.id));
    return list.map((r) => view(r, history.get(r.id) ?? []));
  };

  server.get('/api/staff/proxy-requests', async (req: Request, res: Response) => {
    const s = await d.guard(req, res, false);
    if (!s) return;
    const list = await d.requests.list(d.clock());
    // Full phone numbers are shown here: who looked, and when, is kept.
    await d.staff.audit(s.username, 'list-proxy-requests', undefined, { count: list.length });
    res.json({ requests: await views(list) });
  });

  server.post('/api/staff/proxy-requests/:id/status', async (req: Request, res: Response) => {
    const s = await d.guard(req, res, true);
    if (!s) return;
    const id = String(req.params.id ?? '');
    if (!isRequestId(id)) return sendError(res, 400, 'bad-id', '依頼の番号が正しくありません。');
    const status = (req.body as { status?: unknown } | undefined)?.status;
    if (!isProxyRequestStatus(status)) return sendError(res, 400, 'bad-status', 'status は new, called-back, mailed, closed のいずれかです。');
    const r = await d.requests.move(id, status, s.username, d.clock());
    if (!r.ok && r.reason === 'not-found') {
      await d.staff.audit(s.username, 'proxy-request-status-refused', id, { ok: false, reason: 'not-found', to: status });
      return sendError(res, 404, 'not-found', 'その依頼は見つかりません(保存期間を過ぎて削除された可能性があります)。');
    }
    if (!r.ok) {
      await d.staff.audit(s.username, 'proxy-request-status-refused', id, { ok: false, reason: 'not-allowed', from: r.request.status, to: status });
      return sendError(res, 409, 'not-allowed', 'この依頼は、いまの状態からその状態には変えられません。画面を読み込み直してください。');
    }
    res.json({ request: (await views([r.request]))[0] });
  });
}
