// A botbuilder Storage on Redis (none ships for botbuilder-js that honours eTags). Each item is
// one Redis string holding the JSON document `{"eTag":"…","value":{…}}` under an escaped,
// prefixed key, with a TTL so abandoned conversations expire; every write refreshes the TTL,
// reads refresh nothing.
//
// The contract is MemoryStorage's: a change whose eTag is '*' or absent is last-writer-wins; any
// other eTag must equal the stored one or the write throws `Storage: error writing "<key>" due
// to eTag conflict.`; a change for a key that is not stored is written whatever its eTag.
// One Lua script (EVALSHA through ioredis `defineCommand`) compares and sets, so two processes
// can never both win with the same eTag. A batch of several keys is one script call and is
// atomic, stricter than MemoryStorage: if any key conflicts, no key of the batch is written.
// (On Redis Cluster a multi-key read or batch would need its keys in one slot; botbuilder's
// BotState reads and writes one key at a time.) Redis errors propagate to the caller.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Storage, StoreItems } from 'botbuilder-core';

// KEYS: the items. ARGV[1]: TTL in seconds; then per key its expected eTag ('' = any) and
// its new document. All eTags are checked before anything is set. Returns 0, or the 1-based
// index of the first key whose stored eTag differs from the expected one.
const WRITE_SCRIPT = `
for i, key in ipairs(KEYS) do
  local expected = ARGV[i * 2]
  if expected ~= '' then
    local current = redis.call('GET', key)
    if current and string.match(current, '^{"eTag":"([^"]*)"') ~= expected then return i end
  end
end
for i, key in ipairs(KEYS) do
  redis.call('SET', key, ARGV[i * 2 + 1], 'EX', ARGV[1])
end
return 0`;

const WRITE_COMMAND = 'ecertStateWrite';

/** The client with our script defined on it (ioredis `defineCommand`). */
type Scripted = { [WRITE_COMMAND]: (numberOfKeys: number, ...keysThenArgs: (string | number)[]) => Promise<number> };

interface Stored {
  eTag: string;
  value: Record<string, unknown>;
}

export interface RedisStorageOptions {
  /** Prepended to every (escaped) key; default `ecert:state:`. */
  prefix?: string;
  /** Seconds an item lives after its last write; default 86400 (abandoned conversations expire). */
  ttlSeconds?: number;
}

export class RedisStorage implements Storage {
  private readonly prefix: string;
  private readonly ttlSeconds: number;

  constructor(
    private readonly redis: Redis,
    options: RedisStorageOptions = {},
  ) {
    this.prefix = options.prefix ?? 'ecert:state:';
    this.ttlSeconds = options.ttlSeconds ?? 86_400;
    if (!Number.isInteger(this.ttlSeconds) || this.ttlSeconds <= 0) throw new RangeError(`ttlSeconds must be a positive integer, not ${this.ttlSeconds}`);
    if (typeof (redis as unknown as Partial<Scripted>)[WRITE_COMMAND] !== 'function') {
      redis.defineCommand(WRITE_COMMAND, { lua: WRITE_SCRIPT });
    }
  }

  /** The found items with their eTags, in one round trip (MGET); missing keys are left out. */
  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    if (keys.length === 0) return {};
    const raws = await this.redis.mget(keys.map((key) => this.redisKey(key)));
    const items: StoreItems = {};
    raws.forEach((raw, i) => {
      if (raw === null) return;
      const stored = JSON.parse(raw) as Stored;
      items[keys[i]!] = { ...stored.value, eTag: stored.eTag };
    });
    return items;
  }

  /** Writes all changes or none; throws on the first eTag conflict. */
  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const keys = Object.keys(changes);
    if (keys.length === 0) return;
    const args: string[] = [];
    for (const key of keys) {
      const { eTag, ...value } = changes[key] as { eTag?: string };
      const stored: Stored = { eTag: newETag(), value };
      args.push(!eTag || eTag === '*' ? '' : eTag, JSON.stringify(stored));
    }
    const conflict = await (this.redis as unknown as Scripted)[WRITE_COMMAND](
      keys.length,
      ...keys.map((key) => this.redisKey(key)),
      this.ttlSeconds,
      ...args,
    );
    if (conflict !== 0) throw new Error(`Storage: error writing "${keys[conflict - 1]}" due to eTag conflict.`);
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length > 0) await this.redis.del(...keys.map((key) => this.redisKey(key)));
  }

  private redisKey(key: string): string {
    return this.prefix + escapeKey(key);
  }
}

/**
 * A key safe to put after a prefix: letters, digits and `/ _ . -` stay (botbuilder's
 * `webchat/conversations/abc/` reads as is); every other UTF-16 unit, `%` included, becomes
 * `%XXXX`. One-to-one, so distinct keys never collide, and the result holds no `:` (no clash
 * with a longer prefix), no `{}` (no Cluster hash tag) and no glob characters.
 */
export function escapeKey(key: string): string {
  return key.replace(/[^A-Za-z0-9/_.-]/g, (unit) => `%${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function newETag(): string {
  return randomBytes(12).toString('base64url');
}
