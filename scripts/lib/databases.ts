// Real databases for integration tests and the bench: an in-memory PGlite always, and a private schema on the
// PostgreSQL server at DATABASE_URL when it is set (.ci/run sets it and fails if these skip).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openLedger, type OpenLedger } from '../../adapters/ledger/open.js';

export const postgresUrl = process.env.DATABASE_URL || undefined;
export const redisUrl = process.env.REDIS_URL || undefined;

export interface TestDatabase {
  kind: 'pglite' | 'postgres';
  /** Opens a ledger; on PostgreSQL every call is a separate pool of connections. */
  open(): Promise<OpenLedger>;
  drop(): Promise<void>;
}

export async function pgliteTestDatabase(): Promise<TestDatabase> {
  // PGlite is one connection in one process: every open() shares it.
  const shared = await openLedger({});
  return { kind: 'pglite', open: async () => shared, drop: () => shared.db.close() };
}

/** A fresh schema on the shared PostgreSQL server: a URL whose connections use only it, and how to drop it. */
export async function freshSchema(url: string, prefix = 't_'): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `${prefix}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: scoped.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** A fresh schema on the PostgreSQL server, dropped afterwards. */
export async function postgresTestDatabase(url: string): Promise<TestDatabase> {
  const schema = await freshSchema(url);
  const opened: OpenLedger[] = [];
  return {
    kind: 'postgres',
    async open() {
      const l = await openLedger({ databaseUrl: schema.url, poolSize: 10 });
      opened.push(l);
      return l;
    },
    async drop() {
      await Promise.all(opened.map((l) => l.db.close().catch(() => undefined)));
      await schema.drop();
    },
  };
}

export type DatabaseKind = 'pglite' | 'postgres';

/** Every ledger suite runs on both; the PostgreSQL one shows as skipped without DATABASE_URL. */
export const DATABASE_KINDS: readonly DatabaseKind[] = ['pglite', 'postgres'];

export function unavailable(kind: DatabaseKind): boolean {
  return kind === 'postgres' && !postgresUrl;
}

export function makeTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return kind === 'pglite' ? pgliteTestDatabase() : postgresTestDatabase(postgresUrl!);
}
