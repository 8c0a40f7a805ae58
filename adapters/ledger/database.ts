// One small interface over PostgreSQL (`pg`) and embedded PGlite, so the ledger, its
// migrations and every later table run the same SQL on both.
import fs from 'node:fs/promises';
import path from 'node:path';
// Each driver is loaded when its database is opened: a start uses one of them, not both.
import type pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';

export interface SqlClient {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Several statements at once, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlDatabase extends SqlClient {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction; deadlocks and serialisation failures are retried. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const MAX_PREPARED = 500;
const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected
const MAX_ATTEMPTS = 5;

async function withRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw e;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
    }
  }
}

export async function postgresDatabase(url: string, poolSize = 10): Promise<SqlDatabase> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its server must not take the process down.
  pool.on('error', () => undefined);
  // A query with parameters is a named prepared statement: PostgreSQL parses and plans it once
  // per connection, not at every call (the transcript's insert, the day's windows). Bounded, so a
  // query text built at run time cannot grow every connection's statements without end.
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < MAX_PREPARED) names.set(text, (name = `ecert_${names.size}`));
    return name;
  };
  const wrap = (c: pg.Pool | pg.PoolClient): SqlClient => ({
    query: async (text, params) => {
      const name = params?.length ? nameOf(text) : undefined;
      return (name ? c.query({ name, text, values: params as unknown[] }) : c.query(text, params as unknown[])) as never;
    },
    exec: async (sql) => void (await c.query(sql)),
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    transaction: (fn) =>
      withRetry(async () => {
        const client = await pool.connect();
        // A connection lost mid-transaction fails the query under way; its 'error' event, which
        // the pool only listens to while the client is idle, would otherwise end the process.
        let broken: Error | undefined;
        const lost = (err: Error) => void (broken ??= err);
        client.on('error', lost);
        try {
          await client.query('BEGIN');
          const result = await fn(wrap(client));
          await client.query('COMMIT');
          return result;
        } catch (e) {
          // A ROLLBACK that fails means the connection itself is gone.
          await client.query('ROLLBACK').catch((err: Error) => void (broken ??= err));
          throw e;
        } finally {
          client.removeListener('error', lost);
          // A broken connection is destroyed, not handed to the next caller.
          client.release(broken);
        }
      }),
    close: () => pool.end(),
  };
}

/**
 * PostgreSQL's shared buffer pool inside PGlite. The default (128 MB) is zeroed and set up at
 * every open: about 0.35 s of a restart and 110 MB of RSS, for a ledger of a few MB (one desk,
 * 30-minute windows). 16 MB holds it many times over.
 */
const PGLITE_SHARED_BUFFERS = '16MB';

/** PGlite keeps PostgreSQL in a folder; one process at a time may open it. */
export async function pgliteDatabase(dir: string | undefined): Promise<SqlDatabase> {
  if (dir) await fs.mkdir(path.resolve(dir), { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create({
    ...(dir ? { dataDir: path.resolve(dir) } : {}),
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  });
  const wrap = (c: Pick<PGlite, 'query' | 'exec'>): SqlClient => ({
    query: async (text, params) => (await c.query(text, params)) as never,
    exec: async (sql) => void (await c.exec(sql)),
  });
  return {
    kind: 'pglite',
    ...wrap(db),
    // PGlite runs one transaction at a time on its single connection.
    transaction: (fn) => withRetry(() => db.transaction((tx) => fn(wrap(tx)))),
    close: () => db.close(),
  };
}
