// The HTTP server (restify) and its routes. Every route answers bad input with a 4xx JSON
// error; an unexpected failure is logged and answered 500 without taking the process down.
// Hostile input stops at the door: connection limits and deadlines (connections.ts), rate
// limits, paths that are not valid percent-encoding (400), bodies over 64 KiB counted as they
// arrive (413), any body that is not JSON or, where a route takes one, a form (415: compressed
// and multipart bodies included), bad JSON and JSON nested deeper than any client sends (400).
// WebSocket upgrades pass the same door in upgrades.ts.
import restify, { type Next, type Request, type Response, type Server } from 'restify';
import type { ReservationDesk } from '../../domain/desk.js';
import type { Clock } from '../clock.js';
import { errorFields, type Logger } from '../log.js';
import { availabilityHandler } from './availability.js';
import { sendError } from './errors.js';
import { rateLimitHandler, type RateLimiter } from './rate-limit.js';
import { readBodies, screenBodies, type BodyRules } from './body.js';
import { guardConnections, type ConnectionLimits } from './connections.js';
import { installUpgrades } from './upgrades.js';
import { metricsHandler, type Metrics } from '../metrics.js';
import { withTimeout } from '../timeout.js';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export interface AppParts {
  desk: ReservationDesk;
  clock: Clock;
  logger: Logger;
  readiness: ReadinessCheck[];
  /** Channel routes (phone, LINE, web chat) mounted by the composition root. */
  mount?: (server: Server) => void;
  /** Per-IP and per-conversation limits (see rate-limit.ts); none = no limits. */
  rateLimiter?: RateLimiter;
  /** Sockets and deadlines (see limits.ts for the settings); none = the defaults below. */
  connections?: ConnectionLimits;
  /** Paths that take application/x-www-form-urlencoded bodies (every other body is JSON). */
  formPaths?: string[];
  /** GET /metrics and the count of every answered request (see metrics.ts). */
  metrics?: Metrics;
  /** The bearer token /metrics asks for; none = answered on this machine only. */
  metricsToken?: string | undefined;
}

const MAX_BODY_BYTES = 64 * 1024;
const MAX_BODY_DEPTH = 32;
const READY_TIMEOUT_MS = 2_000;
const DEFAULT_CONNECTIONS: ConnectionLimits = { maxConnections: 4000, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 };

// restify's own errors (404, 405, 413, bad JSON …) in the shape of ours.
const ERROR_CODES: Record<number, string> = {
  400: 'bad-request',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  413: 'too-large',
  415: 'unsupported-media-type',
};

export function createServer(parts: AppParts): Server {
  const { logger } = parts;
  const server = restify.createServer({
    name: 'ecert-reservations',
    handleUncaughtExceptions: false,
    // restify 11 logs with pino; its typings still name bunyan.
    log: logger.child({ component: 'restify' }) as never,
  });
  const connections = parts.connections ?? DEFAULT_CONNECTIONS;
  guardConnections(server.server, connections, logger);
  installUpgrades(server, logger, parts.rateLimiter);
  server.pre(restify.plugins.pre.dedupeSlashes());
  server.pre(commonHeaders);
  if (parts.rateLimiter) server.pre(rateLimitHandler(parts.rateLimiter));
  server.pre(refuseBadPaths);
  // Each handler checks the shape of its own body; an empty POST needs no content type.
  const bodies: BodyRules = { maxBytes: MAX_BODY_BYTES, maxDepth: MAX_BODY_DEPTH, timeoutMs: connections.requestTimeoutMs, formPaths: new Set(parts.formPaths ?? []) };
  server.pre(screenBodies(bodies));
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(readBodies(bodies));

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
  server.get('/readyz', readyHandler(parts.readiness));
  if (parts.metrics) server.get('/metrics', wrap(metricsHandler(parts.metrics, parts.metricsToken), logger));
  server.get('/api/availability', wrap(availabilityHandler(parts.desk, parts.clock), logger));
  parts.mount?.(server);

  // Path and status only: query strings may one day carry personal data.
  server.on('after', (req: Request, res: Response) => {
    // Successful reads (web chat polls, availability) only at debug: they are most of the traffic.
    const level = req.method === 'GET' && res.statusCode < 400 ? 'debug' : 'info';
    try {
      logger[level]({ method: req.method, path: req.getPath().slice(0, 200), status: res.statusCode, ms: Date.now() - req.time() }, 'request');
      // By the route's pattern (…/conversations/:conversationId/…), never the path itself.
      const route = req.getRoute()?.path;
      parts.metrics?.request(req.method ?? '', typeof route === 'string' ? route : undefined, res.statusCode);
    } catch {
      // A log line is never worth the process.
    }
  });
  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number; body?: { message?: unknown } }, next: () => void) => {
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 500) logger.error({ err: errorFields(err), path: req.getPath() }, 'request failed');
    // Answered here, restify sends nothing more; a 500 never shows the error's own text.
    // A body nobody read (a 404 or 405 before any reading) is not drained: the connection ends.
    if (!res.headersSent && !req.complete) res.setHeader('connection', 'close');
    if (!res.headersSent) {
      if (status >= 500) sendError(res, 500, 'internal', 'The service could not answer; please try again.');
      else sendError(res, status, err.name === 'InvalidContentError' ? 'bad-json' : (ERROR_CODES[status] ?? 'bad-request'), typeof err.body?.message === 'string' ? err.body.message : err.message);
    }
    next();
  });
  return server;
}

/**
 * On every answer: never sniffed as another type, no address leaked to other sites, and not
 * stored by caches (tokens, staff data); a route that may be cached says so itself.
 */
function commonHeaders(_req: Request, res: Response, next: Next): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cache-control', 'no-store');
  next();
}

/** A path that is not valid percent-encoding names nothing: 400 before any route or limit decodes it. */
function refuseBadPaths(req: Request, res: Response, next: Next): void {
  try {
    decodeURIComponent(req.getPath());
  } catch {
    sendError(res, 400, 'bad-path', 'the path is not valid percent-encoding');
    return next(false);
  }
  next();
}

function readyHandler(checks: ReadinessCheck[]) {
  return async (_req: Request, res: Response) => {
    const results = await Promise.all(
      checks.map(async (c) => {
        try {
          await withTimeout(c.check(), READY_TIMEOUT_MS);
          return [c.name, 'ok'] as const;
        } catch {
          return [c.name, 'down'] as const;
        }
      }),
    );
    const ready = results.every(([, r]) => r === 'ok');
    res.status(ready ? 200 : 503);
    res.json({ status: ready ? 'ready' : 'not-ready', checks: Object.fromEntries(results) });
  };
}

/** Async handlers: a thrown error becomes a logged 500 JSON answer, never a crash. */
export function wrap(handler: (req: Request, res: Response) => Promise<void>, logger: Logger) {
  return async (req: Request, res: Response) => {
    try {
      await handler(req, res);
    } catch (err) {
      logger.error({ err: errorFields(err), path: req.getPath() }, 'handler failed');
      if (!res.headersSent) sendError(res, 500, 'internal', 'The service could not answer; please try again.');
    }
  };
}
