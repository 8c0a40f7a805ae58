// The look-up guard (domain/ports.ts LookupGuard): wrong birthdays per reservation number over
// a sliding window lock that number for the bot on every channel; look-ups per client are
// counted in fixed windows. In Redis when configured (one count for every instance), else in
// this process. A lock raises a staff alert, which is audited.
import type { Redis } from 'ioredis';
import type { ClientId, LookupGuard } from '../../domain/ports.js';
import type { HitCounter } from '../http/rate-limit.js';
import type { SecurityAlerts } from './alerts.js';
import { clientKey, describeClient } from './client-id.js';

export interface LookupLimits {
  /** Wrong birthdays for one number within `missWindowMs` that lock it. */
  maxMisses: number;
  missWindowMs: number;
  lockMs: number;
  /** Look-ups one client may try per `clientWindowMs`; 0 = no limit. */
  perClient: number;
  clientWindowMs: number;
}

export const DEFAULT_LOOKUP_LIMITS: LookupLimits = {
  maxMisses: 5,
  missWindowMs: 24 * 3_600_000,
  lockMs: 24 * 3_600_000,
  perClient: 10,
  clientWindowMs: 3_600_000,
};

/** Where the counts live: `recordMiss` returns the lock's end when this miss locked the number. */
export interface MissStore {
  lockedUntil(number: string): Promise<number | undefined>;
  recordMiss(number: string, nowMs: number, limits: LookupLimits): Promise<number | undefined>;
  /** Staff lift a lock (after confirming the holder on the phone): the count starts again. */
  unlock(number: string): Promise<void>;
}

/** What the metrics count, by channel (never the number or the client). */
export type LookupEvent = 'wrong-birthday' | 'locked' | 'client-limit';

export class CountingLookupGuard implements LookupGuard {
  constructor(
    private readonly store: MissStore,
    private readonly attempts: HitCounter,
    private readonly limits: LookupLimits,
    private readonly alerts?: SecurityAlerts,
    private readonly observe: (event: LookupEvent, channel: string) => void = () => undefined,
  ) {}

  async attempt(client: ClientId, now: Date): Promise<boolean> {
    const { perClient, clientWindowMs } = this.limits;
    if (perClient <= 0) return true;
    const window = Math.floor(now.getTime() / clientWindowMs);
    const allowed = (await this.attempts.hit(`lookup:${clientKey(client)}:${window}`, clientWindowMs)) <= perClient;
    if (!allowed) this.observe('client-limit', describeClient(client).channel);
    return allowed;
  }

  async locked(number: string, now: Date): Promise<boolean> {
    const until = await this.store.lockedUntil(number);
    return until !== undefined && until > now.getTime();
  }

  async miss(number: string, client: ClientId, now: Date): Promise<{ locked: boolean }> {
    const lockedUntil = await this.store.recordMiss(number, now.getTime(), this.limits);
    const { channel } = describeClient(client);
    this.observe('wrong-birthday', channel);
    if (lockedUntil === undefined) return { locked: await this.locked(number, now) };
    this.observe('locked', channel);
    await this.alerts?.raise({ kind: 'lookup-locked', channel, subject: number, dedupeKey: `lookup-locked:${number}:${lockedUntil}` }, now);
    return { locked: true };
  }
}

/** In this process: bounded, oldest numbers forgotten first. */
export class MemoryMissStore implements MissStore {
  private readonly misses = new Map<string, number[]>();
  private readonly locks = new Map<string, number>();

  constructor(private readonly maxNumbers = 100_000) {}

  async lockedUntil(number: string): Promise<number | undefined> {
    return this.locks.get(number);
  }

  async recordMiss(number: string, nowMs: number, limits: LookupLimits): Promise<number | undefined> {
    const recent = (this.misses.get(number) ?? []).filter((t) => t > nowMs - limits.missWindowMs);
    recent.push(nowMs);
    this.misses.delete(number);
    if ((this.locks.get(number) ?? 0) > nowMs) return undefined; // already locked: nothing new
    if (recent.length < limits.maxMisses) {
      this.misses.set(number, recent);
      this.bound(this.misses);
      return undefined;
    }
    const until = nowMs + limits.lockMs;
    this.locks.delete(number);
    this.locks.set(number, until);
    this.bound(this.locks);
    return until;
  }

  async unlock(number: string): Promise<void> {
    this.locks.delete(number);
    this.misses.delete(number);
  }

  private bound(map: Map<string, unknown>): void {
    while (map.size > this.maxNumbers) map.delete(map.keys().next().value!);
  }
}

// The miss, the window's trim, the count and the lock in one step, so parallel guesses on
// several instances cannot slip past the count. KEYS: misses (sorted set), lock.
// ARGV: now, window ms, max misses, lock ms, a unique member.
const MISS_SCRIPT = `
local now = tonumber(ARGV[1])
local lockUntil = tonumber(redis.call('GET', KEYS[2]) or '0')
if lockUntil > now then return 0 end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
redis.call('ZADD', KEYS[1], now, ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then return 0 end
local untilMs = now + tonumber(ARGV[4])
redis.call('SET', KEYS[2], untilMs, 'PX', ARGV[4])
redis.call('DEL', KEYS[1])
return untilMs`;
const MISS_COMMAND = 'ecertLookupMiss';
type Scripted = { [MISS_COMMAND]: (misses: string, lock: string, ...args: (string | number)[]) => Promise<number> };

export class RedisMissStore implements MissStore {
  private seq = 0;

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'ecert:lookup:',
  ) {
    if (typeof (redis as unknown as Partial<Scripted>)[MISS_COMMAND] !== 'function') {
      redis.defineCommand(MISS_COMMAND, { numberOfKeys: 2, lua: MISS_SCRIPT });
    }
  }

  async lockedUntil(number: string): Promise<number | undefined> {
    const v = await this.redis.get(`${this.prefix}lock:${number}`);
    return v === null ? undefined : Number(v);
  }

  async unlock(number: string): Promise<void> {
    await this.redis.del(`${this.prefix}lock:${number}`, `${this.prefix}miss:${number}`);
  }

  async recordMiss(number: string, nowMs: number, limits: LookupLimits): Promise<number | undefined> {
    const member = `${nowMs}:${process.pid}:${++this.seq}:${Math.random().toString(36).slice(2, 8)}`;
    const until = Number(
      await (this.redis as unknown as Scripted)[MISS_COMMAND](`${this.prefix}miss:${number}`, `${this.prefix}lock:${number}`, nowMs, limits.missWindowMs, limits.maxMisses, limits.lockMs, member),
    );
    return until > 0 ? until : undefined;
  }
}
