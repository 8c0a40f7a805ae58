// A local stand-in for the LINE Messaging API: records every request the SDK sends.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LineCall {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any;
}

export async function startFakeLine(options: { failReplies?: boolean } = {}) {
  const calls: LineCall[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      calls.push({ path: req.url ?? '', headers: req.headers, body: raw ? JSON.parse(raw) : undefined });
      if (options.failReplies && req.url?.includes('/reply')) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Invalid reply token' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    replies: () => calls.filter((c) => c.path.endsWith('/message/reply')),
    pushes: () => calls.filter((c) => c.path.endsWith('/message/push')),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
