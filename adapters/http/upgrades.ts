// WebSocket upgrades reach Node's 'upgrade' event, outside restify's routes, its error
// handling and its `pre` handlers. Here they get the same door as requests: the per-IP limit,
// a path decoded once (bad encoding → 400), a route or 404, and every refusal answered and
// the socket closed at once. Nothing thrown here may end the process.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Server } from 'restify';
import type { Logger } from '../log.js';
import type { RateLimiter } from './rate-limit.js';

/** Called with the route's capture groups, each already percent-decoded. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, params: string[]) => void | Promise<void>;

interface UpgradeRoute {
  pattern: RegExp;
  handler: UpgradeHandler;
}

const routesOf = new WeakMap<Server, UpgradeRoute[]>();

/** Adds a WebSocket route; `pattern` is matched against the raw path (no query string). */
export function onUpgrade(server: Server, pattern: RegExp, handler: UpgradeHandler): void {
  const routes = routesOf.get(server);
  if (!routes) throw new Error('upgrades are not set up on this server (createServer does it)');
  routes.push({ pattern, handler });
}

/** Answers an upgrade request with a JSON error and closes the socket once it is written. */
export function refuseUpgrade(socket: Duplex, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  if (socket.destroyed) return;
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify({ error: { code, message } });
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: application/json; charset=utf-8',
    'X-Content-Type-Options: nosniff',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy());
  // A client that never reads must not keep the socket either.
  setTimeout(() => socket.destroy(), 1000).unref();
}

/** Decodes a path segment as restify does for route parameters; undefined when malformed. */
export function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** Takes over the server's 'upgrade' event: routes added with `onUpgrade` are the only ones. */
export function installUpgrades(server: Server, logger: Logger, rateLimiter?: RateLimiter): void {
  const routes: UpgradeRoute[] = [];
  routesOf.set(server, routes);
  const http = server.server as HttpServer;

  const dispatch = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (rateLimiter) {
      const verdict = await rateLimiter.checkAddress(req);
      if (!verdict.ok) {
        return refuseUpgrade(socket, 429, 'rate-limited', '短い時間に多くのリクエストがありました。しばらくしてからもう一度お試しください。', { 'Retry-After': String(verdict.retryAfterSeconds) });
      }
    }
    const path = (req.url ?? '').split('?')[0]!;
    for (const route of routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      const params = m.slice(1).map((p) => decodeSegment(p ?? ''));
      if (params.some((p) => p === undefined)) return refuseUpgrade(socket, 400, 'bad-path', 'the path is not valid percent-encoding');
      if (String(req.headers.upgrade ?? '').toLowerCase() !== 'websocket') return refuseUpgrade(socket, 400, 'bad-upgrade', 'only WebSocket upgrades are accepted');
      return route.handler(req, socket, head, params as string[]);
    }
    refuseUpgrade(socket, 404, 'not-found', 'there is no WebSocket at this path');
  };

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node takes its own error listener off an upgraded socket: without one, a reset would throw.
    socket.on('error', (err: NodeJS.ErrnoException) => logger.debug({ err: err.code ?? err.message }, 'upgrade socket error'));
    const failed = (err: unknown) => {
      logger.error({ err: errorSummary(err), path: pathForLog(req) }, 'upgrade failed');
      refuseUpgrade(socket, 500, 'internal', 'The service could not answer; please try again.');
    };
    try {
      Promise.resolve(dispatch(req, socket, head)).catch(failed);
    } catch (err) {
      failed(err);
    }
  });
}

/** Name and message only: an error object may carry request data. */
export function errorSummary(err: unknown): { name: string; message: string } {
  return err instanceof Error ? { name: err.name, message: err.message } : { name: 'Error', message: String(err) };
}

function pathForLog(req: IncomingMessage): string {
  return (req.url ?? '').split('?')[0]!.slice(0, 200);
}
