// The HTTP server (restify) and its routes. Every route answers bad input with a 4xx JSON
// error; an unexpected failure is logged and answered 500 without taking the process down.
// Hostile input stops at the door: rate limits, bodies over 64 KiB (413), compressed bodies
// (415: none of our clients sends one, and a small gzip can inflate to a large one), bad JSON
// and JSON nested deeper than any client sends (400).
import restify, { type Next, type Request, type Response, type Server } from 'restify';
import type { ReservationDesk } from '../../domain/desk.js';
import type { Clock } from '../clock.js';
import { errorFields, type Logger } from '../log.js';
import { availabilityHandler } from './availability.js';
import { sendError } from './errors.js';
import { rateLimitHandler, type RateLimiter } from './rate-limit.js';

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
}

const MAX_BODY_BYTES = 64 * 1024;
const MAX_BODY_DEPTH = 32;
const READY_TIMEOUT_MS = 2_000;

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
  server.pre(restify.plugins.pre.dedupeSlashes());
  if (parts.rateLimiter) server.pre(rateLimitHandler(parts.rateLimiter));
  server.pre(refuseUnreadableBodies);
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // Each handler checks the shape of its own body; an empty POST needs no content type.
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_BODY_BYTES, rejectUnknown: false }));
  server.use(refuseDeepBodies);

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
  server.get('/readyz', readyHandler(parts.readiness));
  server.get('/api/availability', wrap(availabilityHandler(parts.desk, parts.clock), logger));
  parts.mount?.(server);

  // Path and status only: query strings may one day carry personal data.
  server.on('after', (req: Request, res: Response) => {
    // Successful reads (web chat polls, availability) only at debug: they are most of the traffic.
    const level = req.method === 'GET' && res.statusCode < 400 ? 'debug' : 'info';
    logger[level]({ method: req.method, path: req.getPath(), status: res.statusCode, ms: Date.now() - req.time() }, 'request');
  });
  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number; body?: { message?: unknown } }, next: () => void) => {
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 500) logger.error({ err: errorFields(err), path: req.getPath() }, 'request failed');
    // Answered here, restify sends nothing more; a 500 never shows the error's own text.
    if (!res.headersSent) {
      if (status >= 500) sendError(res, 500, 'internal', 'The service could not answer; please try again.');
      else sendError(res, status, err.name === 'InvalidContentError' ? 'bad-json' : (ERROR_CODES[status] ?? 'bad-request'), typeof err.body?.message === 'string' ? err.body.message : err.message);
    }
    next();
  });
  return server;
}

/** Before the body is read: a declared length over the limit, or any content encoding. */
function refuseUnreadableBodies(req: Request, res: Response, next: Next): void {
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    sendError(res, 415, 'unsupported-media-type', 'compressed request bodies are not accepted');
    return next(false);
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
    res.setHeader('connection', 'close');
    sendError(res, 413, 'too-large', `the body must be at most ${MAX_BODY_BYTES} bytes`);
    return next(false);
  }
  next();
}

/** JSON nested deeper than any client sends would overflow the stack when written back out. */
function refuseDeepBodies(req: Request, res: Response, next: Next): void {
  if (depthOver(req.body, MAX_BODY_DEPTH)) {
    sendError(res, 400, 'too-deep', `the body must not nest deeper than ${MAX_BODY_DEPTH} levels`);
    return next(false);
  }
  next();
}

function depthOver(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object' || Buffer.isBuffer(v)) continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
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

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}
