// A TCP proxy between the service and Redis or PostgreSQL, so a test can take the server away
// (`cut()`: every open connection is dropped and new ones are refused) and bring it back
// (`restore()`) without touching the real server, which other suites share.
import net from 'node:net';

export interface TcpProxy {
  /** 127.0.0.1:<port> — point the app's URL here instead of at the server. */
  host: string;
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string;
  /** Drops every connection now and refuses new ones until restore(). */
  cut(): void;
  restore(): void;
  /** Connections currently forwarded. */
  open(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let down = false;
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const host = '127.0.0.1';
  const proxy: TcpProxy = {
    host,
    port,
    via(url) {
      const u = new URL(url);
      u.hostname = host;
      u.port = String(port);
      return u.toString();
    },
    cut() {
      down = true;
      for (const { client, upstream } of pairs) {
        // A reset, as when a server dies or a network drops: no orderly goodbye.
        client.resetAndDestroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    restore() {
      down = false;
    },
    open: () => pairs.size,
    close() {
      proxy.cut();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}

/** The host and port of a redis:// or postgres:// URL. */
export function endpointOf(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname || '127.0.0.1', port: Number(u.port) || (u.protocol.startsWith('redis') ? 6379 : 5432) };
}
