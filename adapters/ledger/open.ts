// Chooses the ledger's database: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR.
import path from 'node:path';
import { SqlLedger } from './sql-ledger.js';
import { pgliteDatabase, postgresDatabase, type SqlDatabase } from './database.js';
import { migrate } from './migrations.js';

export interface LedgerSettings {
  databaseUrl?: string | undefined;
  /** PGlite's folder is `<dataDir>/pglite`; no folder = in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
}

export interface OpenLedger {
  db: SqlDatabase;
  ledger: SqlLedger;
}

export async function openLedger(s: LedgerSettings): Promise<OpenLedger> {
  const db = s.databaseUrl
    ? await postgresDatabase(s.databaseUrl, s.poolSize)
    : await pgliteDatabase(s.dataDir ? path.join(s.dataDir, 'pglite') : undefined);
  try {
    await migrate(db);
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
  return { db, ledger: new SqlLedger(db) };
}
