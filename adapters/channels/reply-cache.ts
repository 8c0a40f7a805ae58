// The last answer given on a call or chat, by turn: a webhook retried by the platform gets the
// same answer again instead of running the turn (and perhaps a booking) twice.
import type { Redis } from 'ioredis';

export interface CachedReply {
  turn: number;
  body: string;
}

export interface ReplyCache {
  get(key: string): Promise<CachedReply | undefined>;
  set(key: string, reply: CachedReply): Promise<void>;
}

const TTL_SECONDS = 3600;

export class MemoryReplyCache implements ReplyCache {
  private readonly entries = new Map<string, { reply: CachedReply; expires: number }>();

  async get(key: string): Promise<CachedReply | undefined> {
    const e = this.entries.get(key);
    if (!e || e.expires < Date.now()) return undefined;
    return e.reply;
  }

  async set(key: string, reply: CachedReply): Promise<void> {
    const now = Date.now();
    if (this.entries.size > 10_000) for (const [k, e] of this.entries) if (e.expires < now) this.entries.delete(k);
    this.entries.set(key, { reply, expires: now + TTL_SECONDS * 1000 });
  }
}

export class RedisReplyCache implements ReplyCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'ecert:reply:',
  ) {}

  async get(key: string): Promise<CachedReply | undefined> {
    const raw = await this.redis.get(this.prefix + key);
    return raw ? (JSON.parse(raw) as CachedReply) : undefined;
  }

  async set(key: string, reply: CachedReply): Promise<void> {
    await this.redis.set(this.prefix + key, JSON.stringify(reply), 'EX', TTL_SECONDS);
  }
}

/** Platform event ids already handled (LINE's webhookEventId): a redelivery is not run twice. */
export interface SeenEvents {
  /** True the first time an id is seen, false after. */
  firstTime(id: string): Promise<boolean>;
}

export class MemorySeenEvents implements SeenEvents {
  private readonly seen = new Map<string, number>();
  async firstTime(id: string): Promise<boolean> {
    const now = Date.now();
    if (this.seen.size > 50_000) for (const [k, t] of this.seen) if (t < now) this.seen.delete(k);
    if ((this.seen.get(id) ?? 0) > now) return false;
    this.seen.set(id, now + TTL_SECONDS * 24 * 1000);
    return true;
  }
}

export class RedisSeenEvents implements SeenEvents {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'ecert:seen:',
  ) {}
  async firstTime(id: string): Promise<boolean> {
    return (await this.redis.set(this.prefix + id, '1', 'EX', TTL_SECONDS * 24, 'NX')) === 'OK';
  }
}
