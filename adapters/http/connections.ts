// Connection limits below HTTP: a cap on open sockets, a deadline for a new connection's
// request head (a socket that connects and sends nothing is closed), a deadline for a whole
// request, and malformed HTTP answered 4xx and closed. WebSocket streams have their own lower
// cap (see directline/routes.ts), so ordinary requests such as /healthz always find room.
import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../log.js';

export interface ConnectionLimits {
  /** Open sockets at once (requests, keep-alive and WebSocket streams); more are dropped by the kernel's accept. */
  maxConnections: number;
  /** A connection must have sent its whole request head within this. */
  headersTimeoutMs: number;
  /** A request (head and body) must be complete within this. */
  requestTimeoutMs: number;
}

const ANSWERS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

export function guardConnections(http: HttpServer, limits: ConnectionLimits, logger: Logger): void {
  http.maxConnections = limits.maxConnections;
  // Node checks these on a timer (every 30 s): they bound later requests on a kept-alive socket.
  http.headersTimeout = limits.headersTimeoutMs;
  http.requestTimeout = Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs);

  // The first request head is timed here, to the millisecond: a silent socket is the cheapest attack.
  const waiting = new WeakMap<Socket, NodeJS.Timeout>();
  const headArrived = (socket: Socket) => {
    const timer = waiting.get(socket);
    if (timer) clearTimeout(timer), waiting.delete(socket);
  };
  http.on('connection', (socket: Socket) => {
    try {
      const timer = setTimeout(() => socket.destroy(), limits.headersTimeoutMs);
      timer.unref();
      waiting.set(socket, timer);
      socket.once('close', () => headArrived(socket));
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'connection listener failed');
      socket.destroy();
    }
  });
  http.prependListener('request', (req) => headArrived(req.socket));
  http.prependListener('upgrade', (req) => headArrived(req.socket));

  // Malformed HTTP: Node's own answer (400, 408, 431) and the socket closed, never a listener
  // that throws. As Node does, no answer over one already under way on a kept-alive socket.
  http.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    try {
      const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
      if (err.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) {
        const status = ANSWERS[err.code ?? ''] ?? 400;
        socket.write(`HTTP/1.1 ${status} ${status === 400 ? 'Bad Request' : status === 408 ? 'Request Timeout' : status === 413 ? 'Payload Too Large' : 'Request Header Fields Too Large'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      }
      logger.debug({ err: err.code ?? err.message }, 'malformed request');
    } catch {
      // The socket is going anyway.
    } finally {
      socket.destroy();
    }
  });
}
