// A local stand-in for the LINE Messaging API: records every request the SDK sends and checks
// each body against LINE's published schema (line-schema.ts). What LINE would refuse is refused
// the same way — 400 with an ErrorResponse naming each property — and kept in `problems`, so a
// test can fail with those words (`expectValid()`), not with a missing reply further on.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { lineProblems, type LineProblem } from './line-schema.js';

export interface LineCall {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any;
  /** The status the fake answered with. */
  status: number;
}

export interface RefusedCall {
  path: string;
  body: unknown;
  problems: LineProblem[];
}

const SEND = ['/v2/bot/message/reply', '/v2/bot/message/push'];

export async function startFakeLine(options: { failReplies?: boolean } = {}) {
  const calls: LineCall[] = [];
  const problems: RefusedCall[] = [];
  /** Push retry keys already accepted: LINE answers a repeat with 409, never a second message. */
  const retryKeys = new Set<string>();
  /** Faults to answer with, once each, on the next requests to a path (`failNext`). */
  const faults: { path: string; status: number }[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      let parsed: any;
      const answer = (status: number, body: object) => {
        calls.push({ path, headers: req.headers, body: parsed, status });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      try {
        parsed = raw ? JSON.parse(raw) : undefined;
      } catch {
        problems.push({ path, body: raw, problems: [{ property: '(body)', message: 'not JSON' }] });
        return answer(400, { message: 'The request body could not be parsed as JSON' });
      }
      if (req.method !== 'POST') return answer(404, { message: 'Not found' });
      if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) return answer(401, { message: 'Authentication failed due to the missing access token.' });
      const found = lineProblems(path, parsed, req.headers);
      if (found.length) {
        problems.push({ path, body: parsed, problems: found });
        return answer(400, { message: `The request body has ${found.length} error(s)`, details: found });
      }
      if (options.failReplies && path === '/v2/bot/message/reply') return answer(400, { message: 'Invalid reply token' });
      const fault = faults.findIndex((f) => f.path === path);
      if (fault >= 0) return answer(faults.splice(fault, 1)[0]!.status, { message: 'An error occurred in the server' });
      const key = req.headers['x-line-retry-key'];
      if (typeof key === 'string') {
        if (retryKeys.has(key)) return answer(409, { message: 'The retry key is already accepted' });
        retryKeys.add(key);
      }
      if (SEND.includes(path)) return answer(200, { sentMessages: (parsed.messages as unknown[]).map((_, i) => ({ id: `${calls.length}-${i}` })) });
      answer(202, {});
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    /** Every request LINE would have refused, with the properties at fault. */
    problems,
    replies: () => calls.filter((c) => c.path.endsWith('/message/reply')),
    pushes: () => calls.filter((c) => c.path.endsWith('/message/push')),
    /** The next request to `path` is answered with `status` (a transient fault: 500), once. */
    failNext: (path: string, status = 500) => void faults.push({ path, status }),
    /** Throws, naming each property, when any request so far would have been refused by LINE. */
    expectValid: () => {
      if (problems.length === 0) return;
      const lines = problems.flatMap((p) => [`POST ${p.path}`, ...p.problems.map((x) => `  ${x.property}: ${x.message}`)]);
      throw new Error(`LINE would refuse ${problems.length} request(s):\n${lines.join('\n')}`);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
