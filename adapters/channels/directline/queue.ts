// The activities of each web chat conversation, in order, with their watermark (the index of
// the next one). In Redis when configured — any instance serves any conversation and pushes to
// its WebSocket clients through pub/sub — else in this process.
import { EventEmitter } from 'node:events';
import type { Activity } from 'botbuilder';
import type { Redis } from 'ioredis';

export interface ActivityPage {
  activities: Partial<Activity>[];
  watermark: number;
}

export interface ActivityQueue {
  /** True the first time a conversation is opened (the welcome is sent then). */
  open(conversationId: string): Promise<boolean>;
  /** Queues activities in order; resolves with the ids given to them. */
  append(conversationId: string, activities: Partial<Activity>[]): Promise<string[]>;
  since(conversationId: string, watermark: number): Promise<ActivityPage>;
  subscribe(conversationId: string, onNew: () => void): () => void;
}

const TTL_SECONDS = 86_400;

/** Direct Line ids: the conversation and a zero-padded sequence. */
const activityId = (conversationId: string, index: number) => `${conversationId}|${String(index).padStart(7, '0')}`;

export class MemoryActivityQueue implements ActivityQueue {
  private readonly conversations = new Map<string, Partial<Activity>[]>();
  private readonly events = new EventEmitter().setMaxListeners(0);

  async open(id: string): Promise<boolean> {
    if (this.conversations.has(id)) return false;
    this.conversations.set(id, []);
    return true;
  }

  async append(id: string, activities: Partial<Activity>[]): Promise<string[]> {
    const list = this.conversations.get(id) ?? [];
    const ids = activities.map((a) => {
      const withId = { ...a, id: activityId(id, list.length) };
      list.push(withId);
      return withId.id;
    });
    this.conversations.set(id, list);
    this.events.emit(id);
    return ids;
  }

  async since(id: string, watermark: number): Promise<ActivityPage> {
    const list = this.conversations.get(id) ?? [];
    const from = Math.max(0, watermark);
    return { activities: list.slice(from), watermark: Math.max(from, list.length) };
  }

  subscribe(id: string, onNew: () => void): () => void {
    this.events.on(id, onNew);
    return () => this.events.off(id, onNew);
  }
}

export class RedisActivityQueue implements ActivityQueue {
  private readonly events = new EventEmitter().setMaxListeners(0);
  private readonly subscriber: Redis;

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'ecert:dl:',
  ) {
    // Its own connection, connecting now and queueing the SUBSCRIBE until it is up (the main
    // client fails fast instead); ioredis re-subscribes after a reconnect.
    this.subscriber = redis.duplicate({ lazyConnect: false, enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.subscriber.on('error', () => undefined);
    void this.subscriber.subscribe(`${prefix}new`).catch(() => undefined);
    this.subscriber.on('message', (_channel, id: string) => this.events.emit(id));
  }

  async open(id: string): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}open:${id}`, '1', 'EX', TTL_SECONDS, 'NX')) === 'OK';
  }

  async append(id: string, activities: Partial<Activity>[]): Promise<string[]> {
    const key = `${this.prefix}a:${id}`;
    const ids: string[] = [];
    // Ids come from a counter (unique across instances); the watermark is the list position.
    for (const a of activities) {
      const n = await this.redis.incr(`${this.prefix}n:${id}`);
      ids.push(activityId(id, n - 1));
      await this.redis.rpush(key, JSON.stringify({ ...a, id: ids.at(-1) }));
    }
    await this.redis.expire(key, TTL_SECONDS);
    await this.redis.expire(`${this.prefix}n:${id}`, TTL_SECONDS);
    await this.redis.publish(`${this.prefix}new`, id);
    return ids;
  }

  async since(id: string, watermark: number): Promise<ActivityPage> {
    const key = `${this.prefix}a:${id}`;
    const from = Math.max(0, watermark);
    const raw = await this.redis.lrange(key, from, -1);
    return { activities: raw.map((r) => JSON.parse(r) as Partial<Activity>), watermark: from + raw.length };
  }

  subscribe(id: string, onNew: () => void): () => void {
    this.events.on(id, onNew);
    return () => this.events.off(id, onNew);
  }

  close(): void {
    this.subscriber.disconnect();
  }
}
