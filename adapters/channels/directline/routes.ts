// Direct Line 3.0 as Microsoft documents it, for the official Web Chat and botframework-directlinejs:
// tokens (generate with the secret, refresh with a token), conversations (start, reconnect with a
// watermark), activities (post, get from a watermark), upload (refused) and the WebSocket stream.
// Every operation takes `Authorization: Bearer <secret or token>`; errors are 4xx with
// `{"error":{"code","message"}}`: 401 for a missing, malformed or forged credential, 403 for a
// token of another conversation, and 403 `TokenExpired` for an expired one (the only status
// directlinejs reads as expired: on a 401 it stops polling without a word).
// The demo page gets its tokens from a route of its own (same origin, limited per address), so
// no secret ever reaches a browser; without DIRECTLINE_SECRET that route is the only way in.
// The user's own activity is echoed with its clientActivityID (or Web Chat shows "Send
// failed"); the POST is answered at once and the turn runs after it.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Activity } from 'botbuilder-core';
import type { Redis } from 'ioredis';
import type { Request, Response, Server } from 'restify';
import { WebSocketServer, type WebSocket } from 'ws';
import { sendError } from '../../http/errors.js';
import type { StreamLimits } from '../../http/limits.js';
import { MemoryHitCounter, RateLimiter, RedisHitCounter, clientIp } from '../../http/rate-limit.js';
import { onUpgrade, refuseUpgrade } from '../../http/upgrades.js';
import { errorFields, type Logger } from '../../log.js';
import { webClient } from '../../security/client-id.js';
import type { Settings } from '../../settings.js';
import type { DirectLineAdapter } from './adapter.js';
import { clientFields, defaultUserId, plainUserId } from './client-fields.js';
import type { ActivityQueue, Appended } from './queue.js';
import { MAX_USER_NAME, newConversationId, newUserId, type Credential, type DirectLineTokens, type TokenUser } from './tokens.js';

const BASE = '/v3/directline';
/** The demo page's own token route. */
export const PAGE_TOKEN_PATH = '/webchat/token';
const MAX_TEXT = 2000;
const STREAM_PING_MS = 25_000;
/** Activity types the bot is given; others (typing …) are only echoed to the conversation. */
const TO_BOT = new Set(['message', 'event']);
const LOCALE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$/;

export interface DirectLineDeps {
  /** The door: posted activities go through the pipeline there, and the bot's answers come back to the queue. */
  adapter: DirectLineAdapter;
  queue: ActivityQueue;
  tokens: DirectLineTokens;
  logger: Logger;
  publicBaseUrl?: string | undefined;
  /** Proxies whose X-Forwarded-For is believed for the client's address (TRUST_PROXY). */
  trustProxy?: number;
  /** WebSocket streams open at once: in all on this instance, and per conversation. */
  streams?: StreamLimits;
  /** Tokens the demo page may take per address (WEBCHAT_TOKENS_PER_IP_PER_MINUTE); none = no limit. */
  pageTokens?: RateLimiter;
}

/** The demo page's token limit, counted apart from the general per-address limit (on Redis when there is one). */
export function pageTokenLimiter(settings: Settings, redis: Redis | undefined, logger: Logger): RateLimiter {
  const counter = redis ? new RedisHitCounter(redis, 'ecert:rl:page-token:') : new MemoryHitCounter();
  return new RateLimiter(counter, { perIp: settings.WEBCHAT_TOKENS_PER_IP_PER_MINUTE, perConversation: 0, trustProxy: settings.TRUST_PROXY, windowMs: 60_000 }, logger);
}

interface Refusal {
  status: 400 | 401 | 403;
  code: string;
  message: string;
}

/** A credential that does not open `conversationId` (any conversation when undefined): why, as the spec answers. */
function refusal(c: Credential, conversationId?: string): Refusal | undefined {
  switch (c.kind) {
    case 'secret':
      return undefined;
    case 'token':
      return conversationId === undefined || c.conversationId === conversationId ? undefined : { status: 403, code: 'Forbidden', message: 'the token is for another conversation' };
    case 'expired':
      return { status: 403, code: 'TokenExpired', message: 'the token has expired; refresh tokens before they expire' };
    case 'missing':
      return { status: 401, code: 'Unauthorized', message: 'missing token or secret (Authorization: Bearer …)' };
    case 'invalid':
      return { status: 401, code: 'Unauthorized', message: 'invalid token or secret' };
  }
}

/** `?watermark=`: absent → undefined, empty → 0 (the client has seen nothing), else a count; NaN when malformed. */
function watermarkOf(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  if (raw === '') return 0;
  return typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
}

/** `{ user: { id, name } }` of tokens/generate and start conversation: a user, none, or why not. */
function bodyUser(body: unknown): { user?: TokenUser } | { error: string } {
  const user = (body as { user?: unknown } | undefined)?.user;
  if (user === undefined || user === null) return {};
  if (typeof user !== 'object' || Array.isArray(user)) return { error: 'user must be an object { id, name }' };
  const { id, name } = user as { id?: unknown; name?: unknown };
  // directlinejs sends `user: {}` when it was given no user id.
  if (id === undefined || id === null) return {};
  const plain = plainUserId(id);
  if (!plain) return { error: 'user.id must be a plain id of at most 64 printable characters' };
  if (name !== undefined && typeof name !== 'string') return { error: 'user.name must be a string' };
  return { user: { id: plain, ...(name ? { name: name.slice(0, MAX_USER_NAME) } : {}) } };
}

export function mountDirectLine(server: Server, d: DirectLineDeps): void {
  const { queue, tokens, logger } = d;
  const originOf = (req: IncomingMessage | Request) =>
    d.publicBaseUrl ? new URL(d.publicBaseUrl).origin : `${(req.headers['x-forwarded-proto'] as string) === 'https' ? 'https' : 'http'}://${req.headers.host}`;
  /** Used by clients exactly as given; it carries a token (never the secret) and the watermark to resume from. */
  const streamUrl = (req: Request, id: string, token: string, watermark?: number) =>
    `${originOf(req).replace(/^http/, 'ws')}${BASE}/conversations/${encodeURIComponent(id)}/stream?${watermark !== undefined ? `watermark=${watermark}&` : ''}t=${encodeURIComponent(token)}`;
  const credential = (req: Request) => tokens.identify(req.header('authorization'));
  /** The credential when it opens the conversation (any, when undefined); else answered. */
  const authorized = (req: Request, res: Response, conversationId?: string): Credential | undefined => {
    const c = credential(req);
    const refused = refusal(c, conversationId);
    if (!refused) return c;
    sendError(res, refused.status, refused.code, refused.message);
    return undefined;
  };
  const userOf = (c: Credential): TokenUser | undefined => (c.kind === 'token' ? c.user : undefined);

  /** Runs one turn of the conversation through the door; the client is the request's address. */
  const runTurn = (req: Request, conversationId: string, activity: Partial<Activity>) =>
    d.adapter.receive(conversationId, activity, webClient(clientIp(req, d.trustProxy ?? 0)));
  const background = (p: Promise<unknown>) => p.catch((err) => logger.error({ err: errorFields(err), channel: 'web' }, 'web chat turn failed'));

  // The demo page's tokens: for its own origin only, a few per address, each naming a user of
  // its own (Web Chat reads it from the token, and nobody can post as another with it).
  server.post(PAGE_TOKEN_PATH, async (req: Request, res: Response) => {
    if (!sameOrigin(req, d.publicBaseUrl)) return sendError(res, 403, 'Forbidden', 'web chat tokens are for this site’s own page');
    const verdict = d.pageTokens ? await d.pageTokens.checkAddress(req) : { ok: true as const };
    if (!verdict.ok) {
      res.setHeader('retry-after', String(verdict.retryAfterSeconds));
      return sendError(res, 429, 'rate-limited', '短い時間に多くのリクエストがありました。しばらくしてからもう一度お試しください。');
    }
    const conversationId = newConversationId();
    res.json({ conversationId, ...tokens.issue(conversationId, { id: newUserId() }) });
  });

  server.post(`${BASE}/tokens/generate`, async (req: Request, res: Response) => {
    const c = credential(req);
    if (c.kind !== 'secret') {
      const refused = refusal(c) ?? { status: 403, code: 'Forbidden', message: 'tokens are generated with the Direct Line secret, not a token' };
      return sendError(res, refused.status, refused.code, tokens.hasSecret ? refused.message : `${refused.message}; no Direct Line secret is configured here, so tokens come only from the web chat page`);
    }
    const asked = bodyUser(req.body);
    if ('error' in asked) return sendError(res, 400, 'BadArgument', asked.error);
    const conversationId = newConversationId();
    res.json({ conversationId, ...tokens.issue(conversationId, asked.user) });
  });

  server.post(`${BASE}/tokens/refresh`, async (req: Request, res: Response) => {
    const c = authorized(req, res);
    if (!c) return;
    if (c.kind !== 'token') return sendError(res, 403, 'Forbidden', 'a secret does not expire: only tokens are refreshed');
    res.json({ conversationId: c.conversationId, ...tokens.issue(c.conversationId, c.user) });
  });

  // Start: with the secret a new conversation each time (201); with a token its conversation,
  // 201 the first time (the welcome is sent then) and 200 after, as the spec says.
  server.post(`${BASE}/conversations`, async (req: Request, res: Response) => {
    const c = authorized(req, res);
    if (!c) return;
    const asked = bodyUser(req.body);
    if ('error' in asked) return sendError(res, 400, 'BadArgument', asked.error);
    const id = c.kind === 'token' ? c.conversationId : newConversationId();
    const user = userOf(c) ?? asked.user;
    const locale = (req.body as { locale?: unknown } | undefined)?.locale;
    const { token, expires_in } = tokens.issue(id, user);
    const opened = await queue.open(id);
    if (opened) {
      const member = { id: user?.id ?? defaultUserId(id), name: user?.name ?? 'citizen', role: 'user' };
      background(runTurn(req, id, { type: 'conversationUpdate', from: member, membersAdded: [member], ...(typeof locale === 'string' && LOCALE.test(locale) ? { locale } : {}) }));
    }
    res.status(opened ? 201 : 200);
    res.json({ conversationId: id, token, expires_in, streamUrl: streamUrl(req, id, token) });
  });

  // Reconnect: a new token and a stream that resumes at the watermark given (none: from now on).
  server.get(`${BASE}/conversations/:conversationId`, async (req: Request, res: Response) => {
    const id = req.params.conversationId as string;
    const c = authorized(req, res, id);
    if (!c) return;
    let watermark = watermarkOf(req.query?.watermark);
    if (Number.isNaN(watermark)) return sendError(res, 400, 'BadArgument', 'watermark must be one the service gave');
    watermark ??= (await queue.since(id, 0)).watermark;
    const { token, expires_in } = tokens.issue(id, userOf(c));
    res.json({ conversationId: id, token, expires_in, streamUrl: streamUrl(req, id, token, watermark) });
  });

  server.get(`${BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const id = req.params.conversationId as string;
    if (!authorized(req, res, id)) return;
    const watermark = watermarkOf(req.query?.watermark) ?? 0;
    if (Number.isNaN(watermark)) return sendError(res, 400, 'BadArgument', 'watermark must be one the service gave');
    const page = await queue.since(id, watermark);
    res.json({ activities: page.activities, watermark: String(page.watermark) });
  });

  server.post(`${BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const id = req.params.conversationId as string;
    const c = authorized(req, res, id);
    if (!c) return;
    const body = req.body as (Partial<Activity> & { name?: unknown }) | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body) || body.type === undefined) {
      return sendError(res, 400, 'MissingProperty', 'the body must be an activity with a type');
    }
    if (typeof body.type !== 'string' || !/^[A-Za-z]{1,32}$/.test(body.type)) return sendError(res, 400, 'BadArgument', 'type must be an activity type such as message');
    if (body.text !== undefined && (typeof body.text !== 'string' || body.text.length > MAX_TEXT)) {
      return sendError(res, 400, 'BadArgument', `text must be a string of at most ${MAX_TEXT} characters`);
    }
    // Only what the bot uses, small: it is queued and transcribed (a 60 KB value was kept twice).
    const { from, name, value, channelData } = clientFields(id, body, userOf(c));
    if (body.type === 'event' && !name) return sendError(res, 400, 'MissingProperty', 'an event needs a name of at most 64 printable characters');
    const locale = typeof body.locale === 'string' && LOCALE.test(body.locale) ? body.locale : undefined;
    const echo: Partial<Activity> = {
      type: body.type,
      ...(name !== undefined ? { name } : {}),
      text: body.text,
      value,
      from,
      conversation: { id } as never,
      channelData,
      ...(locale ? { locale } : {}),
      timestamp: new Date().toISOString() as never,
    };
    const [echoId] = await queue.append(id, [echo]);
    res.json({ id: echoId });
    // The turn runs with the echo's id: the bot's replies name it (replyToId), as Web Chat expects.
    if (TO_BOT.has(body.type)) {
      background(runTurn(req, id, { type: body.type, id: echoId, ...(name !== undefined ? { name } : {}), text: body.text ?? (body.type === 'message' ? '' : undefined), value, from, ...(locale ? { locale } : {}) }));
    }
  });

  // Asked like every other operation; then refused (a file would be kept and transcribed).
  // A multipart body is refused before this, unread, by the HTTP door (415 too).
  server.post(`${BASE}/conversations/:conversationId/upload`, async (req: Request, res: Response) => {
    if (!authorized(req, res, req.params.conversationId as string)) return;
    sendError(res, 415, 'UploadNotSupported', 'this chat does not accept files');
  });

  // The WebSocket stream: what is queued from the watermark on, then every new activity.
  // Streams are capped per conversation and in all (sockets are what an attacker exhausts).
  // Past a conversation's cap a new stream is refused (429), not the oldest closed: a stolen
  // token then cannot cut the citizen's live stream, and Web Chat retries a refused stream
  // after 3–15 s, by which time a dead one has been found by the heartbeat and let go.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const caps = d.streams ?? { total: 3000, perConversation: 3 };
  const open = new Map<string, Set<Duplex>>();
  let total = 0;
  onUpgrade(server, new RegExp(`^${BASE}/conversations/([^/]+)/stream/?$`), (req: IncomingMessage, socket: Duplex, head: Buffer, [id]: string[]) => {
    const params = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
    // A stream URL carries a token; the secret goes only in a header (URLs end up in logs).
    const t = params.get('t');
    let c = t !== null ? tokens.identify(t) : tokens.identify(req.headers.authorization);
    if (t !== null && c.kind === 'secret') c = { kind: 'invalid' };
    const refused = refusal(c, id);
    if (refused) return refuseUpgrade(socket, refused.status, refused.code, refused.message);
    const from = watermarkOf(params.get('watermark') ?? undefined) ?? 0;
    if (Number.isNaN(from)) return refuseUpgrade(socket, 400, 'BadArgument', 'watermark must be one the service gave');
    const mine = open.get(id!) ?? new Set<Duplex>();
    if (mine.size >= caps.perConversation) {
      return refuseUpgrade(socket, 429, 'too-many-streams', `a conversation may have at most ${caps.perConversation} streams open`, { 'Retry-After': '15' });
    }
    if (total >= caps.total) return refuseUpgrade(socket, 503, 'busy', 'too many open streams; please try again shortly', { 'Retry-After': '30' });
    // Counted from now until the socket closes, whether or not the handshake succeeds.
    mine.add(socket);
    open.set(id!, mine);
    total++;
    socket.once('close', () => {
      total--;
      mine.delete(socket);
      if (mine.size === 0 && open.get(id!) === mine) open.delete(id!);
    });
    wss.handleUpgrade(req, socket, head, (ws) => stream(ws, id!, from));
  });

  const stream = (ws: WebSocket, id: string, startAt: number) => {
    let watermark = startAt;
    let sending = Promise.resolve();
    const flush = (appended?: Appended) => {
      sending = sending.then(async () => {
        // Already sent to exactly there (this instance's own append, then its notice): nothing to
        // read. Anything else reads (a conversation forgotten and begun again starts lower).
        if (appended && appended.watermark === watermark) return;
        // Just appended where this stream stands: sent as they are, without reading them back.
        const page = appended?.activities && appended.from === watermark ? { activities: appended.activities, watermark: appended.watermark } : await queue.since(id, watermark);
        if (page.activities.length === 0 || ws.readyState !== ws.OPEN) return;
        watermark = page.watermark;
        ws.send(JSON.stringify({ activities: page.activities, watermark: String(watermark) }));
      }).catch((err) => logger.warn({ err }, 'web chat stream failed'));
    };
    const unsubscribe = queue.subscribe(id, flush);
    // A protocol ping keeps proxies from closing an idle stream (a JSON '{}' would break the client);
    // a stream that answered nothing since the last ping is dead (a phone that lost its network).
    let alive = true;
    const keepAlive = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      if (ws.readyState === ws.OPEN) ws.ping();
    }, STREAM_PING_MS);
    ws.on('pong', () => (alive = true));
    ws.on('message', () => (alive = true)); // Web Chat sends an empty message now and then; nothing else
    ws.on('error', (err) => logger.debug({ err: err.message }, 'web chat stream error'));
    ws.on('close', () => {
      unsubscribe();
      clearInterval(keepAlive);
    });
    flush();
  };
}

/**
 * Whether a request comes from a page of this origin: browsers send `Origin` on every POST and
 * `Sec-Fetch-Site` on every request. The origin must name this service as it is published
 * (PUBLIC_BASE_URL) or as the browser reached it (its Host; the scheme seen here may be a
 * proxy's). A script elsewhere can forge both headers: the per-address limit holds there.
 */
function sameOrigin(req: Request, publicBaseUrl: string | undefined): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return false;
  try {
    const given = new URL(origin);
    return (publicBaseUrl !== undefined && given.origin === new URL(publicBaseUrl).origin) || given.host === req.headers.host;
  } catch {
    return false;
  }
}
