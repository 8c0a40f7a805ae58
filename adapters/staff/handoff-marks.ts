// Which conversations have a handoff open, answered without the database on every turn: the
// bot asks this before each turn, and the handoffs table is the truth behind it. A mark
// missing for an open handoff is restored at start (`sync`); a stale mark is dropped when the
// table says no handoff is open.
import type { Redis } from 'ioredis';

export interface HandoffMarks {
  /** False means certainly none open; true means ask the table. Throws when the store is away. */
  has(key: string): Promise<boolean>;
  add(key: string): Promise<void>;
  remove(key: string): Promise<void>;
  /** Makes the marks exactly the conversations given (the table's open handoffs). */
  sync(keys: string[]): Promise<void>;
}

export class MemoryHandoffMarks implements HandoffMarks {
  private readonly keys = new Set<string>();

  async has(key: string): Promise<boolean> {
    return this.keys.has(key);
  }

  async add(key: string): Promise<void> {
    this.keys.add(key);
  }

  async remove(key: string): Promise<void> {
    this.keys.delete(key);
  }

  async sync(keys: string[]): Promise<void> {
    this.keys.clear();
    for (const k of keys) this.keys.add(k);
  }
}

/** One Redis set shared by every instance. */
export class RedisHandoffMarks implements HandoffMarks {
  constructor(
    private readonly redis: Redis,
    private readonly setKey = 'ecert:handoffs:open',
  ) {}

  async has(key: string): Promise<boolean> {
    return (await this.redis.sismember(this.setKey, key)) === 1;
  }

  async add(key: string): Promise<void> {
    await this.redis.sadd(this.setKey, key);
  }

  async remove(key: string): Promise<void> {
    await this.redis.srem(this.setKey, key);
  }

  async sync(keys: string[]): Promise<void> {
    // Only adds: removing here could race a handoff another instance opens meanwhile; a stale
    // mark costs one table look-up and is then removed.
    if (keys.length) await this.redis.sadd(this.setKey, ...keys);
  }
}
