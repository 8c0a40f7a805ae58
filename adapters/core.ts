// What every entry point (server, chat CLI, benchmarks) builds from the settings: the office
// configuration, the clock, the ledger and the desk, Redis when configured, the tokenizer.
import fs from 'node:fs';
import type { Redis } from 'ioredis';
import { ReservationDesk } from '../domain/desk.js';
import type { OfficeConfig } from '../domain/office-config.js';
import { loadTokenizer, type JapaneseTokenizer } from '../bot/understanding/tokenizer.js';
import { clockFrom, type Clock } from './clock.js';
import { openLedger, type OpenLedger } from './ledger/open.js';
import { createLogger, type Logger } from './log.js';
import { loadOfficeConfig } from './office-config-file.js';
import type { Settings } from './settings.js';
import { SqlTranscriptStore } from './ledger/transcript-store.js';
import { MemoryStaffEvents, RedisStaffEvents, type StaffEvents } from './staff/events.js';
import { HandoffStore } from './staff/handoffs.js';
import { MemoryHandoffMarks, RedisHandoffMarks } from './staff/handoff-marks.js';
import { observedLedger } from './staff/observed-ledger.js';
import { MemoryHitCounter, RedisHitCounter } from './http/rate-limit.js';
import { SecurityAlerts } from './security/alerts.js';
import { DailyBookingQuota, MemoryQuotaCounter, RedisQuotaCounter } from './security/booking-quota.js';
import { CountingLookupGuard, MemoryMissStore, RedisMissStore, type MissStore } from './security/lookup-guard.js';
import { channelLabel, Metrics } from './metrics.js';

export interface Core {
  settings: Settings;
  config: OfficeConfig;
  clock: Clock;
  logger: Logger;
  ledger: OpenLedger;
  desk: ReservationDesk;
  /** Present when REDIS_URL is set. */
  redis?: Redis;
  /** Loaded once in the background; readiness waits for it. */
  tokenizer: Promise<JapaneseTokenizer>;
  /** Every conversation as staff read it. */
  transcripts: SqlTranscriptStore;
  /** Conversations handed to staff. */
  handoffs: HandoffStore;
  /** What staff consoles hear live (across instances on Redis). */
  staffEvents: StaffEvents;
  /** Abuse the consoles are told about (locked numbers, clients at their booking limit). */
  alerts: SecurityAlerts;
  /** Wrong-birthday counts and locks per reservation number (staff lift a lock). */
  lookupLocks: MissStore;
  /** What GET /metrics reports (counted where things happen: the ledger, the guards, the doors). */
  metrics: Metrics;
  close(): Promise<void>;
}

export interface CoreOverrides {
  config?: OfficeConfig;
  logger?: Logger;
  clock?: Clock;
}

export async function buildCore(settings: Settings, overrides: CoreOverrides = {}): Promise<Core> {
  const logger = overrides.logger ?? createLogger(settings.LOG_LEVEL);
  const config = overrides.config ?? loadOfficeConfig(settings.OFFICE_CONFIG, { required: process.env.OFFICE_CONFIG !== undefined });
  const clock = overrides.clock ?? clockFrom(settings.FAKE_NOW);
  if (!settings.DATABASE_URL) fs.mkdirSync(settings.DATA_DIR, { recursive: true });
  const tokenizer = loadTokenizer();
  tokenizer.catch((err) => logger.error({ err }, 'Japanese dictionary failed to load'));

  let redis: Redis | undefined;
  if (settings.REDIS_URL) {
    // Fail fast while Redis is away instead of queueing requests behind it: no offline queue,
    // one retry after a reconnect, and a bound on a connect or a command a dead link never answers.
    const { Redis } = await import('ioredis'); // loaded only when configured
    redis = new Redis(settings.REDIS_URL, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2_000,
      commandTimeout: 2_000,
      // Commands from many conversations in the same tick go out in one write (measured: socket
      // writes were the largest item in the bench profile).
      enableAutoPipelining: true,
    });
    redis.on('error', (err) => logger.warn({ err: err.message }, 'redis unavailable'));
  }
  // The database opens (and migrates) while Redis connects and the dictionary loads: start-up
  // waits for the slowest, not for their sum.
  let ledger: OpenLedger;
  try {
    [ledger] = await Promise.all([
      openLedger({ databaseUrl: settings.DATABASE_URL, dataDir: settings.DATA_DIR, poolSize: settings.DATABASE_POOL_SIZE }),
      redis?.connect().catch(() => undefined),
    ]);
  } catch (err) {
    redis?.disconnect();
    throw err;
  }
  const metrics = new Metrics();
  const staffEvents = redis ? new RedisStaffEvents(redis) : new MemoryStaffEvents();
  const alerts = new SecurityAlerts(ledger.db, staffEvents, logger);
  const lookupLocks = redis ? new RedisMissStore(redis) : new MemoryMissStore();
  const hour = 3_600_000;
  const lookups = new CountingLookupGuard(
    lookupLocks,
    redis ? new RedisHitCounter(redis, 'ecert:lookup-attempts:') : new MemoryHitCounter(),
    {
      maxMisses: settings.LOOKUP_MAX_WRONG_BIRTHDAYS,
      missWindowMs: 24 * hour,
      lockMs: settings.LOOKUP_LOCK_HOURS * hour,
      perClient: settings.LOOKUP_LIMIT_PER_CLIENT_PER_HOUR,
      clientWindowMs: hour,
    },
    alerts,
    (event, channel) => metrics.lookup(event, channel),
  );
  const quota = new DailyBookingQuota(redis ? new RedisQuotaCounter(redis) : new MemoryQuotaCounter(), settings.BOOKING_LIMIT_PER_CLIENT_PER_DAY, alerts, clock, (channel) =>
    metrics.bookingLimitRefusals.inc({ channel: channelLabel(channel) }),
  );
  const desk = new ReservationDesk(observedLedger(ledger.ledger, staffEvents, (channel, event) => metrics.reservation(channel, event)), config, { lookups, quota });
  const handoffs = new HandoffStore(ledger.db, redis ? new RedisHandoffMarks(redis) : new MemoryHandoffMarks());
  await handoffs.syncMarks().catch((err) => logger.warn({ err: (err as Error).message }, 'handoff marks not synced'));
  return {
    settings,
    config,
    clock,
    logger,
    ledger,
    desk,
    ...(redis ? { redis } : {}),
    tokenizer,
    transcripts: new SqlTranscriptStore(ledger.db),
    handoffs,
    staffEvents,
    alerts,
    lookupLocks,
    metrics,
    async close() {
      staffEvents.close();
      redis?.disconnect();
      await ledger.ledger.close();
    },
  };
}
