// What the staff console hears live: a handoff opened, answered or closed; a reservation or a
// window changed; a proxy form request received or moved on. Through Redis pub/sub when
// configured, so a console on one instance hears what happened on another; else within this
// process.
import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';

export type StaffEvent =
  | { type: 'handoff'; data: { id: string; status: string } }
  | { type: 'reservations'; data: { date: string } }
  | { type: 'windows'; data: { date: string } }
  | { type: 'alert'; data: { id: string; kind: string } }
  // A proxy form request received or moved on (never its name or number: the console refetches).
  | { type: 'proxy-requests'; data: { id: string; status: string } }
  // A staff session logged out: its event streams end, on every instance (never sent to a console).
  | { type: 'session-ended'; data: { session: string } };

export interface StaffEvents {
  /** Never throws: a console that misses an event still refreshes on its own. */
  publish(event: StaffEvent): Promise<void>;
  subscribe(listener: (event: StaffEvent) => void): () => void;
  close(): void;
}

const LOCAL = 'event';

export class MemoryStaffEvents implements StaffEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(event: StaffEvent): Promise<void> {
    this.emitter.emit(LOCAL, event);
  }

  subscribe(listener: (event: StaffEvent) => void): () => void {
    this.emitter.on(LOCAL, listener);
    return () => this.emitter.off(LOCAL, listener);
  }

  close(): void {
    this.emitter.removeAllListeners();
  }
}

export class RedisStaffEvents implements StaffEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private subscriber: Redis | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly channel = 'ecert:staff-events',
  ) {}

  async publish(event: StaffEvent): Promise<void> {
    await this.redis.publish(this.channel, JSON.stringify(event)).catch(() => undefined);
  }

  subscribe(listener: (event: StaffEvent) => void): () => void {
    this.connect();
    this.emitter.on(LOCAL, listener);
    return () => this.emitter.off(LOCAL, listener);
  }

  close(): void {
    this.subscriber?.disconnect();
    this.emitter.removeAllListeners();
  }

  /** One subscriber connection, made when the first console listens; ioredis re-subscribes after a reconnect. */
  private connect(): void {
    if (this.subscriber) return;
    const sub = this.redis.duplicate({ lazyConnect: false, enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined, enableAutoPipelining: false });
    sub.on('error', () => undefined);
    sub.on('message', (_channel: string, message: string) => {
      try {
        this.emitter.emit(LOCAL, JSON.parse(message) as StaffEvent);
      } catch {
        // Not ours: ignore.
      }
    });
    void sub.subscribe(this.channel).catch(() => undefined);
    this.subscriber = sub;
  }
}
