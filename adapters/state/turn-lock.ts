// One turn at a time per conversation. botbuilder's state is last-writer-wins (saveChanges
// writes eTag '*'), so two turns of one conversation at once — a double tap, a retried
// webhook, two instances — would clobber each other; turns are serialised instead.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface TurnLock {
  run<T>(conversationKey: string, fn: () => Promise<T>): Promise<T>;
}

export class TurnLockTimeout extends Error {
  constructor(key: string) {
    super(`another turn of ${key} is still running`);
  }
}

/** In-process: a promise chain per conversation (the embedded default). */
export class MemoryTurnLock implements TurnLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(fn);
    this.tails.set(key, mine);
    try {
      return await mine;
    } finally {
      if (this.tails.get(key) === mine) this.tails.delete(key);
    }
  }
}

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** The client with our script defined on it (ioredis `defineCommand`). */
type Scripted = Redis & { ecertReleaseLock: (key: string, token: string) => Promise<number> };

export interface RedisTurnLockOptions {
  prefix?: string;
  /** A lock outlives a killed holder by at most this long. */
  ttlMs?: number;
  /** How long a turn waits for the one before it. */
  waitMs?: number;
}

/** Across instances: SET NX PX with a token, released only by its holder. */
export class RedisTurnLock implements TurnLock {
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly waitMs: number;

  constructor(
    private readonly redis: Redis,
    options: RedisTurnLockOptions = {},
  ) {
    this.prefix = options.prefix ?? 'ecert:lock:';
    this.ttlMs = options.ttlMs ?? 15_000;
    this.waitMs = options.waitMs ?? 10_000;
    if (typeof (redis as unknown as Record<string, unknown>).ecertReleaseLock !== 'function') redis.defineCommand('ecertReleaseLock', { numberOfKeys: 1, lua: RELEASE });
  }

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const lockKey = this.prefix + key;
    const token = randomBytes(12).toString('base64url');
    const deadline = Date.now() + this.waitMs;
    for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
      if ((await this.redis.set(lockKey, token, 'PX', this.ttlMs, 'NX')) === 'OK') break;
      if (Date.now() > deadline) throw new TurnLockTimeout(key);
      await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
    }
    try {
      return await fn();
    } finally {
      await (this.redis as unknown as Scripted).ecertReleaseLock(lockKey, token).catch(() => undefined);
    }
  }
}
