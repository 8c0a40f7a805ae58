// Bookings per client per Japan day (domain/ports.ts BookingQuota): a count taken before the
// ledger books and given back when no booking came of it, so the count never runs ahead of
// what was booked for long and parallel commits cannot pass the limit. In Redis when
// configured (every instance shares it), else in this process. The first refusal of a client
// on a day raises a staff alert.
import type { Redis } from 'ioredis';
import type { CivilDate } from '../../domain/civil.js';
import type { BookingQuota, ClientId } from '../../domain/ports.js';
import type { SecurityAlerts } from './alerts.js';
import { clientKey, describeClient } from './client-id.js';

/** Counts live two days: a day's count is only read on that Japan day. */
const TTL_MS = 2 * 86_400_000;

export interface QuotaCounter {
  get(key: string): Promise<number>;
  /** Adds one unless that would pass `limit`; the count after, or undefined when refused. */
  takeOne(key: string, limit: number): Promise<number | undefined>;
  giveBack(key: string): Promise<void>;
}

export class DailyBookingQuota implements BookingQuota {
  constructor(
    private readonly counter: QuotaCounter,
    /** Bookings per client per day; 0 = no limit. */
    private readonly perDay: number,
    private readonly alerts?: SecurityAlerts,
    private readonly now: () => Date = () => new Date(),
    /** Each refusal, by channel (the metrics). */
    private readonly onRefused: (channel: string) => void = () => undefined,
  ) {}

  private key(client: ClientId, today: CivilDate): string {
    return `${today}:${clientKey(client)}`;
  }

  /** None left means the client is being refused: staff hear of it (once a day per client). */
  async left(client: ClientId, today: CivilDate): Promise<number> {
    if (this.perDay <= 0) return Infinity;
    const left = Math.max(0, this.perDay - (await this.counter.get(this.key(client, today))));
    if (left === 0) await this.refused(client, today);
    return left;
  }

  async take(client: ClientId, today: CivilDate): Promise<boolean> {
    if (this.perDay <= 0) return true;
    if ((await this.counter.takeOne(this.key(client, today), this.perDay)) !== undefined) return true;
    await this.refused(client, today);
    return false;
  }

  private async refused(client: ClientId, today: CivilDate): Promise<void> {
    const { channel, subject } = describeClient(client);
    this.onRefused(channel);
    await this.alerts?.raise({ kind: 'booking-limit', channel, subject, dedupeKey: `booking-limit:${this.key(client, today)}` }, this.now());
  }

  async giveBack(client: ClientId, today: CivilDate): Promise<void> {
    if (this.perDay <= 0) return;
    await this.counter.giveBack(this.key(client, today));
  }
}

export class MemoryQuotaCounter implements QuotaCounter {
  private readonly counts = new Map<string, { n: number; expires: number }>();

  constructor(
    private readonly maxKeys = 100_000,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(key: string): Promise<number> {
    return this.current(key);
  }

  async takeOne(key: string, limit: number): Promise<number | undefined> {
    // No await between the read and the write: parallel takes in this process cannot both pass.
    const n = this.current(key) + 1;
    if (n > limit) return undefined;
    this.counts.delete(key);
    this.counts.set(key, { n, expires: this.clock() + TTL_MS });
    while (this.counts.size > this.maxKeys) this.counts.delete(this.counts.keys().next().value!);
    return n;
  }

  async giveBack(key: string): Promise<void> {
    const e = this.counts.get(key);
    if (e && e.n > 0) e.n -= 1;
  }

  private current(key: string): number {
    const e = this.counts.get(key);
    return e && e.expires > this.clock() ? e.n : 0;
  }
}

// Take one only while under the limit, in one step (two instances cannot both take the last).
const TAKE_SCRIPT = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then return -1 end
n = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return n`;
const GIVE_BACK_SCRIPT = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then return redis.call('DECR', KEYS[1]) end
return 0`;
type Scripted = {
  ecertQuotaTake: (key: string, limit: number, ttlMs: number) => Promise<number>;
  ecertQuotaGiveBack: (key: string) => Promise<number>;
};

export class RedisQuotaCounter implements QuotaCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'ecert:quota:',
  ) {
    const r = redis as unknown as Partial<Scripted>;
    if (typeof r.ecertQuotaTake !== 'function') redis.defineCommand('ecertQuotaTake', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    if (typeof r.ecertQuotaGiveBack !== 'function') redis.defineCommand('ecertQuotaGiveBack', { numberOfKeys: 1, lua: GIVE_BACK_SCRIPT });
  }

  async get(key: string): Promise<number> {
    return Number((await this.redis.get(this.prefix + key)) ?? 0);
  }

  async takeOne(key: string, limit: number): Promise<number | undefined> {
    const n = Number(await (this.redis as unknown as Scripted).ecertQuotaTake(this.prefix + key, limit, TTL_MS));
    return n < 0 ? undefined : n;
  }

  async giveBack(key: string): Promise<void> {
    await (this.redis as unknown as Scripted).ecertQuotaGiveBack(this.prefix + key);
  }
}
