// Raw sockets for attack replays: what a hostile client writes, byte for byte, and what it sees.
import net from 'node:net';

export interface RawAnswer {
  /** The status of the first answer, or 0 when the server closed without one. */
  status: number;
  head: string;
  body: string;
  /** Milliseconds from the first byte written until the server closed the socket (or the wait ended). */
  closedAfterMs: number;
  closed: boolean;
}

export function portOf(url: string): number {
  return Number(new URL(url).port);
}

/**
 * Writes `request` and waits for the server to close the socket (at most `waitMs`). With
 * `keepWriting`, then keeps writing that chunk as fast as the socket takes it (an endless upload)
 * until the server answers.
 */
export function rawRequest(url: string, request: string | Buffer, opts: { waitMs?: number; keepWriting?: Buffer; maxBytes?: number } = {}): Promise<RawAnswer & { sent: number }> {
  const waitMs = opts.waitMs ?? 5000;
  return new Promise((resolve) => {
    const socket = net.connect(portOf(url), '127.0.0.1');
    const started = Date.now();
    let received = Buffer.alloc(0);
    let done = false;
    let sent = 0;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = received.toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body: split < 0 ? '' : Buffer.from(text.slice(split + 4), 'latin1').toString('utf8'), closedAfterMs: Date.now() - started, closed, sent });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (d) => (received = Buffer.concat([received, d])));
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('end', () => finish(true));
    socket.write(request);
    if (opts.keepWriting) {
      const chunk = opts.keepWriting;
      const max = opts.maxBytes ?? Infinity;
      const pump = () => {
        while (!done && received.length === 0 && !socket.destroyed && sent < max) {
          sent += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
      };
      pump();
    }
  });
}

/** An HTTP/1.1 WebSocket upgrade request for `path`. */
export function upgradeRequest(path: string, headers: Record<string, string> = {}): string {
  const lines = [
    `GET ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** One chunk of a chunked body. */
export function chunk(data: string | Buffer): Buffer {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data);
  return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]);
}
