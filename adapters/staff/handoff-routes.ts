// The handoff queue for staff: list (open and recent, each with its transcript), claim, reply
// (to the citizen's web chat or LINE; on a phone handoff, a callback note) and resolve; and
// the live event stream (SSE) every console listens to. Every action audited.
import type { Request, Response, Server } from 'restify';
import type { Clock } from '../clock.js';
import { sendError } from '../http/errors.js';
import type { Logger } from '../log.js';
import type { SqlTranscriptStore } from '../ledger/transcript-store.js';
import { sessionKey, type StaffStore } from './accounts.js';
import { ChannelUnavailableError, transcriptsOf, type StaffReplies } from './conversations.js';
import type { StaffEvents } from './events.js';
import type { Handoff, HandoffChange, HandoffStore } from './handoffs.js';
import { reasonText } from './labels.ja.js';
import type { Guard } from './routes.js';

export const MAX_REPLY = 1000;
const PING_MS = 20_000;
const idOf = (req: Request): string => String(req.params.id ?? '');

export interface HandoffRouteDeps {
  guard: Guard;
  staff: StaffStore;
  handoffs: HandoffStore;
  transcripts: SqlTranscriptStore;
  replies: StaffReplies;
  events: StaffEvents;
  clock: Clock;
  logger: Logger;
}

const REFUSALS: Record<Exclude<HandoffChange, { ok: true }>['reason'], [number, string]> = {
  'not-found': [404, '引き継ぎが見つかりません。'],
  resolved: [409, 'この引き継ぎは完了しています。'],
  'claimed-by-other': [409, 'ほかの職員が対応しています。'],
};

export function mountHandoffApi(server: Server, d: HandoffRouteDeps): void {
  /** Handoffs as the console shows them, their transcripts read in one query. */
  const views = async (handoffs: Handoff[]) => {
    const transcripts = await transcriptsOf(d.transcripts, handoffs);
    return handoffs.map((h) => ({
      id: h.id,
      channel: h.channel,
      createdAt: h.createdAt.toISOString(),
      reason: h.reason,
      reasonText: reasonText(h.reason),
      mode: h.mode,
      status: h.status,
      claimedBy: h.claimedBy,
      resolvedAt: h.resolvedAt?.toISOString() ?? null,
      callbackPhone: h.callbackPhone,
      waitToldAt: h.waitToldAt?.toISOString() ?? null,
      transcript: transcripts.get(h.id) ?? [],
    }));
  };
  const view = async (h: Handoff) => (await views([h]))[0]!;
  const refuse = (res: Response, r: Exclude<HandoffChange, { ok: true }>) => {
    const [status, message] = REFUSALS[r.reason];
    sendError(res, status, r.reason, r.reason === 'claimed-by-other' && r.handoff?.claimedBy ? `${r.handoff.claimedBy}さんが対応しています。` : message);
  };
  const changed = async (h: Handoff) => d.events.publish({ type: 'handoff', data: { id: h.id, status: h.status } });

  server.get('/api/staff/handoffs', async (req: Request, res: Response) => {
    const s = await d.guard(req, res, false);
    if (!s) return;
    const list = await d.handoffs.list(d.clock());
    await d.staff.audit(s.username, 'list-handoffs', undefined, { count: list.length });
    res.json({ handoffs: await views(list) });
  });

  server.get('/api/staff/handoffs/:id', async (req: Request, res: Response) => {
    const s = await d.guard(req, res, false);
    if (!s) return;
    const h = await d.handoffs.get(idOf(req));
    if (!h) return refuse(res, { ok: false, reason: 'not-found' });
    await d.staff.audit(s.username, 'view-handoff', h.id);
    res.json({ handoff: await view(h) });
  });

  server.post('/api/staff/handoffs/:id/claim', async (req: Request, res: Response) => {
    const s = await d.guard(req, res, true);
    if (!s) return;
    const r = await d.handoffs.claim(idOf(req), s.username, d.clock());
    await d.staff.audit(s.username, 'claim-handoff', idOf(req).slice(0, 40), { ok: r.ok });
    if (!r.ok) return refuse(res, r);
    await changed(r.handoff);
    res.json({ handoff: await view(r.handoff) });
  });

  server.post('/api/staff/handoffs/:id/reply', async (req: Request, res: Response) => {
    const s = await d.guard(req, res, true);
    if (!s) return;
    const raw = (req.body as { text?: unknown } | undefined)?.text;
    // Control characters other than line breaks and tabs never reach a citizen.
    const text = typeof raw === 'string' ? raw.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim() : '';
    if (!text || text.length > MAX_REPLY) return sendError(res, 400, 'bad-text', `返信は1〜${MAX_REPLY}文字で入力してください。`);
    // Answering takes the handoff, unless a colleague already has it.
    const r = await d.handoffs.claim(idOf(req), s.username, d.clock());
    if (!r.ok) {
      await d.staff.audit(s.username, 'reply-handoff', idOf(req).slice(0, 40), { ok: false, reason: r.reason });
      return refuse(res, r);
    }
    let delivery;
    try {
      delivery = await d.replies.reply(r.handoff, text, s.username);
    } catch (err) {
      await d.staff.audit(s.username, 'reply-handoff', r.handoff.id, { ok: false, reason: 'delivery-failed' });
      if (err instanceof ChannelUnavailableError) return sendError(res, 409, 'channel-unavailable', 'この経路には返信できません(設定がありません)。お電話でご連絡ください。');
      // The message only: an API error may echo what was sent, and staff may have written a phone number.
      d.logger.error({ err: (err as Error).message, channel: r.handoff.channel }, 'staff reply not delivered');
      return sendError(res, 502, 'delivery-failed', '返信を届けられませんでした。少し待ってから、もう一度送ってください。');
    }
    await d.staff.audit(s.username, 'reply-handoff', r.handoff.id, { ok: true, delivery, chars: text.length });
    await changed(r.handoff);
    res.json({ handoff: await view(r.handoff), delivery });
  });

  server.post('/api/staff/handoffs/:id/resolve', async (req: Request, res: Response) => {
    const s = await d.guard(req, res, true);
    if (!s) return;
    const r = await d.handoffs.resolve(idOf(req), s.username, d.clock());
    await d.staff.audit(s.username, 'resolve-handoff', idOf(req).slice(0, 40), { ok: r.ok });
    if (!r.ok) return refuse(res, r);
    // Resolved either way; if the citizen cannot be told now, the bot still answers their next message.
    await d.replies.announceEnd(r.handoff).catch((err: Error) => d.logger.warn({ err: err.message, channel: r.handoff.channel }, 'handoff end not announced'));
    await changed(r.handoff);
    res.json({ handoff: await view(r.handoff) });
  });

  // Server-Sent Events: a console refetches what an event names. Pings keep proxies from closing it.
  server.get('/api/staff/events', async (req: Request, res: Response) => {
    const s = await d.guard(req, res, false);
    if (!s) return;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', connection: 'keep-alive' });
    res.write('retry: 3000\n: connected\n\n');
    const mine = sessionKey(s.token);
    const unsubscribe = d.events.subscribe((e) => {
      // Logged out (here or on another instance): this stream ends now, not at the next check.
      if (e.type === 'session-ended') {
        if (e.data.session === mine) end();
        return;
      }
      res.write(`event: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
    // A session that expires, or whose logout notice was lost (Redis away), ends at the next check.
    const recheck = setInterval(async () => {
      if (!(await d.staff.session(s.token, d.clock()).catch(() => undefined))) end();
    }, 60_000);
    const stop = () => {
      unsubscribe();
      clearInterval(ping);
      clearInterval(recheck);
    };
    function end() {
      stop();
      res.end();
    }
    req.on('close', stop);
    res.on('close', stop);
  });
}
