// Request bodies, read by us rather than restify's bodyParser (which accepts multipart uploads
// into the temp folder and reads a chunked body to its end before counting it). No route takes
// files: a body must be JSON, or a form on the routes that take one (Twilio's webhook); any
// other type is refused (415) before a byte is read. The limit is counted on bytes as they
// arrive, so a chunked body without a Content-Length is cut at the limit too (413), and a body
// that trickles in is cut at the request deadline (408). Every refusal closes the connection,
// so the rest of an upload is never read.
import querystring from 'node:querystring';
import type { Next, Request, Response } from 'restify';
import { sendError } from './errors.js';

export interface BodyRules {
  maxBytes: number;
  maxDepth: number;
  /** From the first byte of the body to its last. */
  timeoutMs: number;
  /** Paths that take application/x-www-form-urlencoded (besides JSON). */
  formPaths: ReadonlySet<string>;
}

type Kind = 'json' | 'form';

/** Answers with an error; with the body not all read, the connection ends so the rest never is. */
function refuse(res: Response, next: Next, status: number, code: string, message: string): void {
  if (!res.req.complete) res.setHeader('connection', 'close');
  sendError(res, status, code, message);
  next(false);
}

/**
 * A restify `pre` handler, before routing: refuses what can be refused without reading a byte
 * (a compressed body, a declared length over the limit, a type no route takes).
 */
export function screenBodies(rules: BodyRules) {
  return (req: Request, res: Response, next: Next): void => {
    if (!hasBody(req)) return next();
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
      return refuse(res, next, 415, 'unsupported-media-type', 'compressed request bodies are not accepted');
    }
    if (Number(req.headers['content-length'] ?? 0) > rules.maxBytes) {
      return refuse(res, next, 413, 'too-large', `the body must be at most ${rules.maxBytes} bytes`);
    }
    if (!kindOf(req, rules.formPaths)) {
      const accepted = rules.formPaths.has(trimSlash(req.getPath())) ? 'application/x-www-form-urlencoded or application/json' : 'application/json';
      return refuse(res, next, 415, 'unsupported-media-type', `the body must be ${accepted}`);
    }
    next();
  };
}

/**
 * A restify `use` handler, once a route is found: reads the body (counting its bytes) and parses
 * it into `req.body`, its bytes into `req.rawBody` (signatures are checked over them).
 */
export function readBodies(rules: BodyRules) {
  return (req: Request, res: Response, next: Next): void => {
    const kind = hasBody(req) ? kindOf(req, rules.formPaths) : undefined;
    if (!kind) return next();

    const chunks: Buffer[] = [];
    let bytes = 0;
    let settled = false;
    const settle = () => {
      settled = true;
      clearTimeout(timer);
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
    };
    const onData = (chunk: Buffer) => {
      if (settled) return;
      bytes += chunk.length;
      if (bytes > rules.maxBytes) {
        settle();
        req.pause();
        return refuse(res, next, 413, 'too-large', `the body must be at most ${rules.maxBytes} bytes`);
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      if (settled) return;
      settle();
      const raw = Buffer.concat(chunks, bytes);
      const parsed = parse(raw, kind, rules.maxDepth);
      if (!parsed.ok) return refuse(res, next, 400, parsed.code, parsed.message);
      Object.assign(req, { body: parsed.value, rawBody: raw });
      next();
    };
    const timer = setTimeout(() => {
      if (settled) return;
      settle();
      req.pause();
      refuse(res, next, 408, 'request-timeout', `the body must arrive within ${Math.round(rules.timeoutMs / 1000)} s`);
    }, rules.timeoutMs);
    timer.unref();
    req.on('data', onData);
    req.on('end', onEnd);
    // A client that goes away mid-body: nothing to answer.
    const gone = () => {
      if (settled) return;
      settle();
      next(false);
    };
    req.once('aborted', gone);
    req.once('error', gone);
  };
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function kindOf(req: Request, formPaths: ReadonlySet<string>): Kind | undefined {
  const header = req.headers['content-type'];
  const type = (Array.isArray(header) ? '' : (header ?? '')).split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || /^application\/[a-z0-9.-]+\+json$/.test(type)) return 'json';
  if (type === 'application/x-www-form-urlencoded' && formPaths.has(trimSlash(req.getPath()))) return 'form';
  return undefined;
}

type Parsed = { ok: true; value: unknown } | { ok: false; code: string; message: string };

function parse(raw: Buffer, kind: Kind, maxDepth: number): Parsed {
  if (raw.length === 0) return { ok: true, value: undefined };
  const text = raw.toString('utf8');
  if (kind === 'form') return { ok: true, value: querystring.parse(text) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: 'bad-json', message: 'the body is not valid JSON' };
  }
  // JSON nested deeper than any client sends would overflow the stack when written back out.
  if (depthOver(value, maxDepth)) return { ok: false, code: 'too-deep', message: `the body must not nest deeper than ${maxDepth} levels` };
  return { ok: true, value };
}

function depthOver(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
