// The composition root: settings → configuration, ledger, state store, clock → HTTP server.
import fs from 'node:fs';
import { Redis } from 'ioredis';
import type { Server } from 'restify';
import { ReservationDesk } from '../domain/desk.js';
import type { OfficeConfig } from '../domain/office-config.js';
import { clockFrom, type Clock } from './clock.js';
import { createServer, type ReadinessCheck } from './http/server.js';
import { openLedger, type OpenLedger } from './ledger/open.js';
import { createLogger, type Logger } from './log.js';
import { loadOfficeConfig } from './office-config-file.js';
import type { Settings } from './settings.js';

export interface App {
  server: Server;
  desk: ReservationDesk;
  ledger: OpenLedger;
  clock: Clock;
  logger: Logger;
  close(): Promise<void>;
}

export interface AppOverrides {
  config?: OfficeConfig;
  logger?: Logger;
}

export async function buildApp(settings: Settings, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(settings.LOG_LEVEL);
  const config =
    overrides.config ??
    loadOfficeConfig(settings.OFFICE_CONFIG, { required: process.env.OFFICE_CONFIG !== undefined });
  const clock = clockFrom(settings.FAKE_NOW);
  if (!settings.DATABASE_URL) fs.mkdirSync(settings.DATA_DIR, { recursive: true });
  const ledger = await openLedger({
    databaseUrl: settings.DATABASE_URL,
    dataDir: settings.DATA_DIR,
    poolSize: settings.DATABASE_POOL_SIZE,
  });
  const readiness: ReadinessCheck[] = [{ name: 'ledger', check: () => ledger.ledger.ping() }];

  let redis: Redis | undefined;
  if (settings.REDIS_URL) {
    // Fail fast while Redis is away instead of queueing requests behind it.
    redis = new Redis(settings.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    redis.on('error', (err) => logger.warn({ err: err.message }, 'redis unavailable'));
    await redis.connect().catch(() => undefined);
    const client = redis;
    readiness.push({ name: 'state', check: async () => void (await client.ping()) });
  }

  const desk = new ReservationDesk(ledger.ledger, config);
  const server = createServer({ desk, clock, logger, readiness });
  return {
    server,
    desk,
    ledger,
    clock,
    logger,
    async close() {
      server.close();
      redis?.disconnect();
      await ledger.ledger.close();
    },
  };
}
