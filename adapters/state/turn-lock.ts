// One turn at a time per conversation. botbuilder's state is last-writer-wins (saveChanges
// writes eTag '*'), so two turns of one conversation at once — a double tap, a retried
// webhook, two instances — would clobber each other; turns are serialised instead.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { escapeKey } from './redis-storage.js';

export interface TurnLock {
  run<T>(conversationKey: string, fn: () => Promise<T>): Promise<T>;
}

/** The turn before this one did not finish (or its lock did not expire) within the wait. */
export class TurnLockTimeout extends Error {
  override readonly name = 'TurnLockTimeout';

  constructor(
    readonly conversationKey: string,
    readonly waitedMs: number,
  ) {
    super(`another turn of this conversation still held its lock after ${waitedMs} ms`);
  }
}

/** In-process: a promise chain per conversation (the embedded default). */
export class MemoryTurnLock implements TurnLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(conversationKey: string, fn: () => Promise<T>): Promise<T> {
    const before = this.tails.get(conversationKey) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(fn);
    this.tails.set(conversationKey, mine);
    try {
      return await mine;
    } finally {
      if (this.tails.get(conversationKey) === mine) this.tails.delete(conversationKey);
    }
  }
}

// Deletes the lock only if it still holds our token: a turn that outlived its TTL must not
// release the lock the next turn now holds.
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const RELEASE_COMMAND = 'ecertTurnLockRelease';

type Scripted = { [RELEASE_COMMAND]: (key: string, token: string) => Promise<number> };

export interface RedisTurnLockOptions {
  /** Prepended to the escaped conversation key; default `ecert:lock:`. */
  prefix?: string;
  /** A lock outlives a killed holder by at most this long; keep it above the longest turn. Default 15 s. */
  ttlMs?: number;
  /** How long a turn waits for the one before it, then throws TurnLockTimeout. Default 10 s. */
  waitMs?: number;
}

/** Across instances: SET NX PX with a random token, released only by its holder. */
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
    if (typeof (redis as unknown as Partial<Scripted>)[RELEASE_COMMAND] !== 'function') {
      redis.defineCommand(RELEASE_COMMAND, { numberOfKeys: 1, lua: RELEASE_SCRIPT });
    }
  }

  async run<T>(conversationKey: string, fn: () => Promise<T>): Promise<T> {
    const lockKey = this.prefix + escapeKey(conversationKey);
    const token = randomBytes(16).toString('base64url');
    await this.acquire(lockKey, token, conversationKey);
    let result: T;
    try {
      result = await fn();
    } catch (turnError) {
      // The turn's error comes first; a failed release is not hidden but added to it.
      await this.release(lockKey, token).catch((releaseError: unknown) => {
        throw new AggregateError([turnError, releaseError], 'turn failed and its lock could not be released');
      });
      throw turnError;
    }
    await this.release(lockKey, token);
    return result;
  }

  private async acquire(lockKey: string, token: string, conversationKey: string): Promise<void> {
    const deadline = Date.now() + this.waitMs;
    for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
      if ((await this.redis.set(lockKey, token, 'PX', this.ttlMs, 'NX')) === 'OK') return;
      const left = deadline - Date.now();
      if (left <= 0) throw new TurnLockTimeout(conversationKey, this.waitMs);
      // Jittered backoff so waiting instances do not retry in step.
      await new Promise((resolve) => setTimeout(resolve, Math.min(left, delay * (0.5 + Math.random()))));
    }
  }

  private async release(lockKey: string, token: string): Promise<void> {
    await (this.redis as unknown as Scripted)[RELEASE_COMMAND](lockKey, token);
  }
}
