// A Direct Line 3.0 subset for the official Web Chat and botframework-directlinejs: tokens
// (generate, refresh), conversations (start, reconnect), activities (post, get with watermark)
// and a WebSocket stream. The user's own message is echoed with its clientActivityID (or Web
// Chat shows "Send failed"); the POST is answered at once and the turn runs after it.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Activity } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { WebSocketServer, type WebSocket } from 'ws';
import { sendError } from '../../http/errors.js';
import type { StreamLimits } from '../../http/limits.js';
import { onUpgrade, refuseUpgrade } from '../../http/upgrades.js';
import { errorFields, type Logger } from '../../log.js';
import { clientFields } from './client-fields.js';
import type { ActivityQueue } from './queue.js';
import { DirectLineTokens, newConversationId } from './tokens.js';
import type { DirectLineAdapter } from './adapter.js';
import { clientIp } from '../../http/rate-limit.js';
import { webClient } from '../../security/client-id.js';

const BASE = '/v3/directline';
const MAX_TEXT = 2000;
const STREAM_PING_MS = 25_000;

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
}

export function mountDirectLine(server: Server, d: DirectLineDeps): void {
  const { queue, tokens, logger } = d;
  const streamUrl = (req: IncomingMessage | Request, id: string, token: string) => {
    const origin = d.publicBaseUrl ?? `${(req.headers['x-forwarded-proto'] as string) === 'https' ? 'https' : 'http'}://${req.headers.host}`;
    return `${origin.replace(/^http/, 'ws')}${BASE}/conversations/${encodeURIComponent(id)}/stream?t=${encodeURIComponent(token)}`;
  };
  const auth = (req: Request, res: Response, conversationId?: string): string | undefined => {
    const c = tokens.check(req.header('authorization'), conversationId);
    if (c.ok) return c.conversationId;
    sendError(res, c.status, c.status === 401 ? 'unauthorized' : 'forbidden', c.status === 401 ? 'missing, forged or expired token' : 'token is for another conversation');
    return undefined;
  };

  /** Runs one turn of the conversation through the door; the client is the request's address. */
  const runTurn = (req: Request, conversationId: string, activity: Partial<Activity>) =>
    d.adapter.receive(conversationId, activity, webClient(clientIp(req, d.trustProxy ?? 0)));
  const background = (p: Promise<unknown>) => p.catch((err) => logger.error({ err: errorFields(err), channel: 'web' }, 'web chat turn failed'));

  server.post(`${BASE}/tokens/generate`, async (req: Request, res: Response) => {
    const conversationId = newConversationId();
    res.json({ conversationId, ...tokens.issue(conversationId) });
  });

  server.post(`${BASE}/tokens/refresh`, async (req: Request, res: Response) => {
    const id = auth(req, res);
    if (id) res.json({ conversationId: id, ...tokens.issue(id) });
  });

  server.post(`${BASE}/conversations`, async (req: Request, res: Response) => {
    const id = auth(req, res);
    if (!id) return;
    const { token, expires_in } = tokens.issue(id);
    const user = { id: `web-${id}`, name: 'citizen', role: 'user' };
    if (await queue.open(id)) background(runTurn(req, id, { type: 'conversationUpdate', from: user, membersAdded: [user] }));
    res.status(201);
    res.json({ conversationId: id, token, expires_in, streamUrl: streamUrl(req, id, token) });
  });

  server.get(`${BASE}/conversations/:conversationId`, async (req: Request, res: Response) => {
    const id = auth(req, res, req.params.conversationId);
    if (!id) return;
    const { token, expires_in } = tokens.issue(id);
    res.json({ conversationId: id, token, expires_in, streamUrl: streamUrl(req, id, token) });
  });

  server.get(`${BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const id = auth(req, res, req.params.conversationId);
    if (!id) return;
    const page = await queue.since(id, Number(req.query?.watermark ?? 0) || 0);
    res.json({ activities: page.activities, watermark: String(page.watermark) });
  });

  server.post(`${BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const id = auth(req, res, req.params.conversationId);
    if (!id) return;
    const body = req.body as Partial<Activity> | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.type !== 'string' || !/^[A-Za-z]{1,32}$/.test(body.type)) {
      return sendError(res, 400, 'bad-activity', 'the body must be an activity with a type');
    }
    if (body.text !== undefined && (typeof body.text !== 'string' || body.text.length > MAX_TEXT)) {
      return sendError(res, 400, 'bad-text', `text must be a string of at most ${MAX_TEXT} characters`);
    }
    // Only what the bot uses, small: it is queued and transcribed (a 60 KB value was kept twice).
    const { from, value, channelData } = clientFields(id, body);
    const echo: Partial<Activity> = { type: body.type, text: body.text, value, from, conversation: { id } as never, channelData, timestamp: new Date().toISOString() as never };
    const [echoId] = await queue.append(id, [echo]);
    res.json({ id: echoId });
    // The turn runs with the echo's id: the bot's replies name it (replyToId), as Web Chat expects.
    if (body.type === 'message') background(runTurn(req, id, { type: 'message', id: echoId, text: body.text ?? '', value, from }));
  });

  server.post(`${BASE}/conversations/:conversationId/upload`, async (_req: Request, res: Response) => {
    sendError(res, 400, 'no-uploads', 'this chat does not accept files');
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
    const c = tokens.check(params.get('t') ?? req.headers.authorization, id);
    if (!c.ok) return refuseUpgrade(socket, c.status, c.status === 401 ? 'unauthorized' : 'forbidden', c.status === 401 ? 'missing, forged or expired token' : 'token is for another conversation');
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
    wss.handleUpgrade(req, socket, head, (ws) => stream(ws, id!, Number(params.get('watermark') ?? 0) || 0));
  });

  const stream = (ws: WebSocket, id: string, startAt: number) => {
    let watermark = startAt;
    let sending = Promise.resolve();
    const flush = () => {
      sending = sending.then(async () => {
        const page = await queue.since(id, watermark);
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
