// The activities of each web chat conversation, in order, with their watermark (the index of
// the next one). In Redis when configured — any instance serves any conversation and pushes to
// its WebSocket clients through pub/sub — else in this process. While Redis is away, what a
// conversation is sent waits in this process (its clients here still see it, the apology
// included) and is written to Redis first when it is back, at the positions already given out.
// Storage is bounded: a conversation keeps its last MAX_ACTIVITIES activities (positions stay:
// older ones read as gone), and is forgotten after a day without a new activity; this process's
// memory also holds at most so many conversations and activities in all, the oldest out first.
import { EventEmitter } from 'node:events';
import type { Activity } from 'botbuilder-core';
import type { Redis } from 'ioredis';

export interface ActivityPage {
  activities: Partial<Activity>[];
  watermark: number;
}

/**
 * What a notice of new activities may carry: the activities just queued from position `from`
 * (so a stream here sends them without reading them back), or only where the queue now ends
 * (`watermark`: a stream already that far has nothing to read). A notice without it: read.
 */
export interface Appended {
  from?: number;
  activities?: Partial<Activity>[];
  watermark: number;
}

export interface ActivityQueue {
  /** True the first time a conversation is opened (the welcome is sent then). */
  open(conversationId: string): Promise<boolean>;
  /** Queues activities in order; resolves with the ids given to them. */
  append(conversationId: string, activities: Partial<Activity>[]): Promise<string[]>;
  since(conversationId: string, watermark: number): Promise<ActivityPage>;
  subscribe(conversationId: string, onNew: (appended?: Appended) => void): () => void;
}

const TTL_SECONDS = 86_400;
/** Activities a conversation keeps (a long booking conversation has about 40). */
export const MAX_ACTIVITIES = 500;

/** Direct Line ids: the conversation and a zero-padded sequence. */
const activityId = (conversationId: string, index: number) => `${conversationId}|${String(index).padStart(7, '0')}`;

export interface MemoryQueueLimits {
  /** A conversation with no new activity for this long is forgotten (as Redis expires it). */
  idleMs: number;
  maxConversations: number;
  /** Per conversation. */
  maxActivities: number;
  /** In all conversations together. */
  maxTotal: number;
}

export const MEMORY_QUEUE_LIMITS: MemoryQueueLimits = { idleMs: TTL_SECONDS * 1000, maxConversations: 5_000, maxActivities: MAX_ACTIVITIES, maxTotal: 50_000 };

interface Kept {
  /** The position of the first activity still kept. */
  base: number;
  activities: Partial<Activity>[];
  lastUsed: number;
}

export class MemoryActivityQueue implements ActivityQueue {
  /** Least recently used first: the oldest go first. */
  private readonly conversations = new Map<string, Kept>();
  private total = 0;
  private readonly events = new EventEmitter().setMaxListeners(0);

  constructor(
    private readonly limits: MemoryQueueLimits = MEMORY_QUEUE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  async open(id: string): Promise<boolean> {
    this.forgetIdle();
    if (this.conversations.has(id)) return false;
    this.touch(id, { base: 0, activities: [], lastUsed: 0 });
    this.forgetOverflow(id);
    return true;
  }

  async append(id: string, activities: Partial<Activity>[]): Promise<string[]> {
    this.forgetIdle();
    const kept = this.conversations.get(id) ?? { base: 0, activities: [], lastUsed: 0 };
    const from = kept.base + kept.activities.length;
    const stamped = activities.map((a, i) => ({ ...a, id: activityId(id, from + i) }));
    kept.activities.push(...stamped);
    this.total += activities.length;
    const over = kept.activities.length - this.limits.maxActivities;
    if (over > 0) {
      kept.activities.splice(0, over);
      kept.base += over;
      this.total -= over;
    }
    this.touch(id, kept);
    this.forgetOverflow(id);
    this.events.emit(id, { from, activities: stamped, watermark: from + stamped.length } satisfies Appended);
    return stamped.map((a) => a.id);
  }

  async since(id: string, watermark: number): Promise<ActivityPage> {
    const kept = this.conversations.get(id);
    if (!kept || kept.lastUsed + this.limits.idleMs <= this.now()) return { activities: [], watermark: Math.max(0, watermark) };
    const end = kept.base + kept.activities.length;
    // A watermark past the end: the conversation was forgotten and has begun again; read what is kept.
    const from = watermark > end ? kept.base : Math.max(kept.base, watermark);
    return { activities: kept.activities.slice(from - kept.base), watermark: end };
  }

  subscribe(id: string, onNew: (appended?: Appended) => void): () => void {
    this.events.on(id, onNew);
    return () => this.events.off(id, onNew);
  }

  /** How many conversations and activities are held (for tests and metrics). */
  size(): { conversations: number; activities: number } {
    return { conversations: this.conversations.size, activities: this.total };
  }

  private touch(id: string, kept: Kept): void {
    kept.lastUsed = this.now();
    this.conversations.delete(id);
    this.conversations.set(id, kept);
  }

  private forget(id: string): void {
    this.total -= this.conversations.get(id)?.activities.length ?? 0;
    this.conversations.delete(id);
  }

  private forgetIdle(): void {
    const before = this.now() - this.limits.idleMs;
    for (const [id, kept] of this.conversations) {
      if (kept.lastUsed > before) break;
      this.forget(id);
    }
  }

  /** Over a limit in all: the least recently used conversations go (never the one just used). */
  private forgetOverflow(current: string): void {
    for (const id of this.conversations.keys()) {
      if (this.conversations.size <= this.limits.maxConversations && this.total <= this.limits.maxTotal) return;
      if (id !== current) this.forget(id);
    }
  }
}

/**
 * Each id once. A write whose reply was lost as Redis went away (the connection cut after the
 * MULTI ran) is kept here and written again when Redis returns, under the same ids: at least once
 * in Redis, exactly once to a client.
 */
function unique(activities: Partial<Activity>[]): Partial<Activity>[] {
  const seen = new Set<string>();
  return activities.filter((a) => (a.id === undefined ? true : seen.has(a.id) ? false : (seen.add(a.id), true)));
}

export class RedisActivityQueue implements ActivityQueue {
  private readonly events = new EventEmitter().setMaxListeners(0);
  private readonly subscriber: Redis;
  /** Each conversation's list length in Redis as this instance last saw it (recent ones only). */
  private readonly known = new Map<string, number>();
  /** What was queued while Redis was away, per conversation, to be written to Redis first once it is back. */
  private readonly outbox = new Map<string, Outbox>();
  /** Conversations opened while Redis was away. */
  private readonly openedOffline = new Set<string>();
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'ecert:dl:',
  ) {
    // Its own connection, connecting now and queueing the SUBSCRIBE until it is up (the main
    // client fails fast instead); ioredis re-subscribes after a reconnect.
    this.subscriber = redis.duplicate({ lazyConnect: false, enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined, enableAutoPipelining: false });
    this.subscriber.on('error', () => undefined);
    void this.subscriber.subscribe(`${prefix}new`).catch(() => undefined);
    // `<conversation>\n<length>` from an append (any instance), `<conversation>` from a flush.
    this.subscriber.on('message', (_channel, message: string) => {
      const [id, length] = message.split('\n');
      this.events.emit(id!, length ? ({ watermark: Number(length) } satisfies Appended) : undefined);
    });
    if (typeof (redis as unknown as Partial<Scripted>)[APPEND_COMMAND] !== 'function') {
      redis.defineCommand(APPEND_COMMAND, { numberOfKeys: 2, lua: APPEND_SCRIPT });
    }
  }

  async open(id: string): Promise<boolean> {
    try {
      return (await this.redis.set(`${this.prefix}open:${id}`, '1', 'EX', TTL_SECONDS, 'NX')) === 'OK';
    } catch (err) {
      // Redis away: this instance decides alone (the welcome turn then apologises).
      if (this.outbox.has(id) || this.openedOffline.has(id)) return false;
      if (this.openedOffline.size >= MAX_OFFLINE_CONVERSATIONS) throw err;
      this.openedOffline.add(id);
      return true;
    }
  }

  append(id: string, activities: Partial<Activity>[]): Promise<string[]> {
    if (activities.length === 0) return Promise.resolve([]);
    return this.serially(id, async () => {
      const ids: string[] = [];
      try {
        await this.flush(id);
        // Ids come from a counter (unique across instances); the watermark is the list position.
        // One round trip whatever the count (APPEND_SCRIPT); this instance's streams are then
        // handed the activities at once, and other instances' read them on the notice.
        const bodies = activities.map(({ id: _given, ...rest }) => JSON.stringify(rest));
        const idPrefix = JSON.stringify(`${id}|`).slice(0, -1);
        const [n, length] = await (this.redis as unknown as Scripted)[APPEND_COMMAND](this.key(id), `${this.prefix}n:${id}`, TTL_SECONDS, `${this.prefix}new`, id, idPrefix, ...bodies);
        const stamped = activities.map((a, i) => ({ ...a, id: activityId(id, n - activities.length + i) }));
        ids.push(...stamped.map((a) => a.id));
        this.remember(id, length);
        this.forgetOldest(id, length, stamped.length);
        this.events.emit(id, { from: length - stamped.length, activities: stamped, watermark: length } satisfies Appended);
        return ids;
      } catch (err) {
        // Redis away: keep what is left here, shown to this instance's clients, written later.
        return [...ids, ...this.keep(id, activities.slice(ids.length), err)];
      }
    });
  }

  async since(id: string, watermark: number): Promise<ActivityPage> {
    const from = Math.max(0, watermark);
    try {
      if (this.outbox.has(id)) await this.serially(id, () => this.flush(id));
      const raw = await this.redis.lrange(this.key(id), from, -1);
      if (raw.length > 0) this.remember(id, from + raw.length);
      return { activities: unique(raw.filter((r) => r !== FORGOTTEN).map((r) => JSON.parse(r) as Partial<Activity>)), watermark: from + raw.length };
    } catch {
      const box = this.outbox.get(id);
      if (!box) return { activities: [], watermark: from };
      // Never seen here before the outage: the client's watermark is where Redis stood.
      box.base ??= from;
      return { activities: box.activities.slice(Math.max(0, from - box.base)), watermark: Math.max(from, box.base + box.activities.length) };
    }
  }

  subscribe(id: string, onNew: (appended?: Appended) => void): () => void {
    this.events.on(id, onNew);
    return () => this.events.off(id, onNew);
  }

  close(): void {
    this.subscriber.disconnect();
  }

  private key(id: string): string {
    return `${this.prefix}a:${id}`;
  }

  private keep(id: string, activities: Partial<Activity>[], err: unknown): string[] {
    let box = this.outbox.get(id);
    if (!box) {
      if (this.outbox.size >= MAX_OFFLINE_CONVERSATIONS) throw err;
      box = { base: this.known.get(id), activities: [] };
      this.outbox.set(id, box);
    }
    const ids = activities.map((a) => {
      const position = box.activities.length;
      const withId = { ...a, id: box.base === undefined ? `${id}|offline-${position}` : activityId(id, box.base + position) };
      box.activities.push(withId);
      return withId.id;
    });
    this.events.emit(id);
    return ids;
  }

  /** Writes what was kept during an outage to Redis, in order, before anything newer. */
  private async flush(id: string): Promise<void> {
    const box = this.outbox.get(id);
    if (!box) return;
    const count = box.activities.length;
    const [[, length] = []] =
      (await this.redis
        .multi()
        .rpush(this.key(id), ...box.activities.map((a) => JSON.stringify(a)))
        .incrby(`${this.prefix}n:${id}`, count)
        .expire(this.key(id), TTL_SECONDS)
        .expire(`${this.prefix}n:${id}`, TTL_SECONDS)
        .set(`${this.prefix}open:${id}`, '1', 'EX', TTL_SECONDS, 'NX')
        .exec()) ?? [];
    this.outbox.delete(id);
    this.openedOffline.delete(id);
    if (typeof length === 'number') this.remember(id, length);
    this.forgetOldest(id, length, count);
    await this.redis.publish(`${this.prefix}new`, id).catch(() => undefined);
  }

  /**
   * Past MAX_ACTIVITIES, the activities that fell out of a conversation's window are replaced by
   * a tiny placeholder: positions (watermarks) stay as given out, and the list stays small.
   */
  private forgetOldest(id: string, length: unknown, added: number): void {
    if (typeof length !== 'number' || length <= MAX_ACTIVITIES) return;
    const upTo = length - MAX_ACTIVITIES; // positions before this are forgotten
    const pipeline = this.redis.pipeline();
    for (let i = Math.max(0, upTo - added); i < upTo; i++) pipeline.lset(this.key(id), i, FORGOTTEN);
    void pipeline.exec().catch(() => undefined);
  }

  private remember(id: string, length: number): void {
    this.known.delete(id);
    this.known.set(id, length);
    if (this.known.size > MAX_KNOWN) this.known.delete(this.known.keys().next().value!);
  }

  /** One append or flush at a time per conversation in this process, so positions stay in order. */
  private async serially<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const mine = (this.tails.get(id) ?? Promise.resolve()).catch(() => undefined).then(fn);
    this.tails.set(id, mine);
    try {
      return await mine;
    } finally {
      if (this.tails.get(id) === mine) this.tails.delete(id);
    }
  }
}

interface Outbox {
  /** The Redis position of the first kept activity; unknown until a client asks with its watermark. */
  base: number | undefined;
  activities: Partial<Activity>[];
}

/**
 * One append: the ids from the counter, the activities (each JSON body given without its id, which
 * goes first: `{"id":"<conversation>|0000042",…}`), both keys' expiry, and the notice
 * `<conversation>\n<length>`. KEYS: list, counter. ARGV: ttl, channel, conversation, the id's JSON
 * prefix (`"<conversation>|`, escaped by JSON.stringify), the bodies. Returns [counter, length].
 */
const APPEND_SCRIPT = `
local count = #ARGV - 4
local n = redis.call('INCRBY', KEYS[2], count)
local length = 0
for i = 1, count do
  local body = ARGV[4 + i]
  local id = ARGV[4] .. string.format('%07d', n - count + i - 1) .. '"'
  local rest = string.sub(body, 2)
  if rest ~= '}' then rest = ',' .. rest end
  length = redis.call('RPUSH', KEYS[1], '{"id":' .. id .. rest)
end
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[1])
redis.call('PUBLISH', ARGV[2], ARGV[3] .. '\\n' .. length)
return {n, length}`;
const APPEND_COMMAND = 'ecertDirectLineAppend';
type Scripted = { [APPEND_COMMAND]: (list: string, counter: string, ttl: number, channel: string, conversation: string, idPrefix: string, ...bodies: string[]) => Promise<[number, number]> };

const MAX_OFFLINE_CONVERSATIONS = 10_000;
/** What stands in for an activity past a conversation's last MAX_ACTIVITIES (valid JSON, never an activity). */
const FORGOTTEN = '0';
const MAX_KNOWN = 50_000;
