// The HTTP server (restify) and its routes. Every route answers bad input with a 4xx JSON
// error; an unexpected failure is logged and answered 500 without taking the process down.
import restify, { type Request, type Response, type Server } from 'restify';
import type { ReservationDesk } from '../../domain/desk.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { availabilityHandler } from './availability.js';
import { sendError } from './errors.js';

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
}

const MAX_BODY_BYTES = 64 * 1024;
const READY_TIMEOUT_MS = 2_000;

export function createServer(parts: AppParts): Server {
  const { logger } = parts;
  const server = restify.createServer({
    name: 'ecert-reservations',
    handleUncaughtExceptions: false,
    // restify 11 logs with pino; its typings still name bunyan.
    log: logger.child({ component: 'restify' }) as never,
  });
  server.pre(restify.plugins.pre.dedupeSlashes());
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // Each handler checks the shape of its own body; an empty POST needs no content type.
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_BODY_BYTES, rejectUnknown: false }));

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
  server.get('/readyz', readyHandler(parts.readiness));
  server.get('/api/availability', wrap(availabilityHandler(parts.desk, parts.clock), logger));
  parts.mount?.(server);

  // Path and status only: query strings may one day carry personal data.
  server.on('after', (req: Request, res: Response) => {
    logger.info({ method: req.method, path: req.getPath(), status: res.statusCode, ms: Date.now() - req.time() }, 'request');
  });
  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number }, next: () => void) => {
    if ((err.statusCode ?? 500) >= 500) logger.error({ err, path: req.getPath() }, 'request failed');
    next();
  });
  return server;
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
      logger.error({ err, path: req.getPath() }, 'handler failed');
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
