// A botbuilder Storage on Redis (none ships for botbuilder-js that honours eTags). Each item is
// one Redis string `<eTag>|<json>` under a prefix, with a TTL so abandoned conversations expire.
// A write with an eTag other than '*' succeeds only if the stored eTag still matches: one Lua
// script compares and sets atomically, so two processes can never both win on the same eTag.
// A batch is applied key by key (each key atomic; the batch as a whole is not), as in
// MemoryStorage; the first conflict rejects the write.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Storage, StoreItems } from 'botbuilder';

const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if current and ARGV[1] ~= '' then
  local sep = string.find(current, '|', 1, true)
  if sep == nil or string.sub(current, 1, sep - 1) ~= ARGV[1] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2] .. '|' .. ARGV[3], 'EX', tonumber(ARGV[4]))
return 1`;

/** The client with our script defined on it (ioredis `defineCommand`). */
type Scripted = Redis & { ecertCompareAndSet: (key: string, expectedETag: string, newETag: string, json: string, ttlSeconds: number) => Promise<number> };

export interface RedisStorageOptions {
  /** Prepended to every key; default `ecert:state:`. */
  prefix?: string;
  /** Seconds an item lives after its last write; default 24 h. */
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
    if (typeof (redis as unknown as Record<string, unknown>).ecertCompareAndSet !== 'function') redis.defineCommand('ecertCompareAndSet', { numberOfKeys: 1, lua: COMPARE_AND_SET });
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    if (keys.length === 0) return {};
    const values = await this.redis.mget(keys.map((k) => this.prefix + k));
    const items: StoreItems = {};
    values.forEach((raw, i) => {
      if (raw === null) return;
      const sep = raw.indexOf('|');
      items[keys[i]!] = { ...JSON.parse(raw.slice(sep + 1)), eTag: raw.slice(0, sep) };
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = (item ?? {}) as { eTag?: string };
      const expected = !eTag || eTag === '*' ? '' : eTag;
      const written = await (this.redis as unknown as Scripted).ecertCompareAndSet(this.prefix + key, expected, newETag(), JSON.stringify(value), this.ttlSeconds);
      if (written !== 1) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.redis.del(...keys.map((k) => this.prefix + k));
  }
}

function newETag(): string {
  return randomBytes(9).toString('base64url');
}
