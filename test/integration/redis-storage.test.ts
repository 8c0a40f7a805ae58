// Conversation state on a real Redis: botbuilder's Storage contract (checked side by side with
// its own MemoryStorage), eTag races between two processes, TTL, turn locks across processes,
// and a conversation continued by a new process.
import { randomBytes } from 'node:crypto';
import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type Activity, type Storage } from 'botbuilder';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStorage } from '../../adapters/state/redis-storage.js';
import { MemoryTurnLock, RedisTurnLock, TurnLockTimeout, type TurnLock } from '../../adapters/state/turn-lock.js';
import { redisUrl } from '../../scripts/lib/databases.js';
import { conversation, makeTestBot } from '../support/bot.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!redisUrl)('Redis state', () => {
  // Two clients stand for two processes; every key of this run is under one random prefix.
  const prefix = `test:${randomBytes(6).toString('hex')}:`;
  let a: Redis;
  let b: Redis;
  const storage = (client: Redis, ttlSeconds = 3600) => new RedisStorage(client, { prefix, ttlSeconds });

  beforeAll(() => {
    a = new Redis(redisUrl!);
    b = new Redis(redisUrl!);
  });
  afterAll(async () => {
    for await (const keys of a.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await a.del(...keys);
    }
    a.disconnect();
    b.disconnect();
  });

  // The same cases against botbuilder's MemoryStorage prove they are its contract, not ours.
  describe.each([
    ['MemoryStorage', () => new MemoryStorage() as Storage],
    ['RedisStorage', () => storage(a) as Storage],
  ])('the Storage contract: %s', (_name, make) => {
    const key = () => `contract/${randomBytes(4).toString('hex')}`;

    it('reads back what was written, with an eTag that changes on every write', async () => {
      const s = make();
      const k = key();
      await s.write({ [k]: { n: 1, text: '12月3日に予約したい', nested: { people: 2 } } });
      const first = (await s.read([k]))[k];
      expect(first).toMatchObject({ n: 1, text: '12月3日に予約したい', nested: { people: 2 } });
      expect(first.eTag).toEqual(expect.any(String));
      await s.write({ [k]: { ...first, n: 2 } });
      const second = (await s.read([k]))[k];
      expect(second).toMatchObject({ n: 2 });
      expect(second.eTag).not.toBe(first.eTag);
    });

    it('leaves missing keys out of a read', async () => {
      const s = make();
      const [k, missing] = [key(), key()];
      await s.write({ [k]: { n: 1 } });
      expect(Object.keys(await s.read([missing, k]))).toEqual([k]);
      expect(await s.read([missing])).toEqual({});
    });

    it('refuses a stale eTag with MemoryStorage’s message and keeps the stored value', async () => {
      const s = make();
      const k = key();
      await s.write({ [k]: { n: 1 } });
      const stale = (await s.read([k]))[k];
      await s.write({ [k]: { ...stale, n: 2 } });
      await expect(s.write({ [k]: { ...stale, n: 3 } })).rejects.toThrow(`Storage: error writing "${k}" due to eTag conflict.`);
      expect((await s.read([k]))[k]).toMatchObject({ n: 2 });
    });

    it('lets "*" or no eTag overwrite whatever is stored', async () => {
      const s = make();
      const k = key();
      await s.write({ [k]: { n: 1 } });
      await s.write({ [k]: { n: 2, eTag: '*' } });
      expect((await s.read([k]))[k]).toMatchObject({ n: 2 });
      await s.write({ [k]: { n: 3 } });
      expect((await s.read([k]))[k]).toMatchObject({ n: 3 });
    });

    it('writes an item that is not stored whatever eTag it carries', async () => {
      const s = make();
      const k = key();
      await s.write({ [k]: { n: 1, eTag: 'from-an-expired-item' } });
      expect((await s.read([k]))[k]).toMatchObject({ n: 1 });
    });

    it('deletes', async () => {
      const s = make();
      const [k1, k2] = [key(), key()];
      await s.write({ [k1]: { n: 1 }, [k2]: { n: 2 } });
      await s.delete([k1]);
      expect(Object.keys(await s.read([k1, k2]))).toEqual([k2]);
    });
  });

  it('writes a batch all or nothing: one stale eTag and no key of the batch changes', async () => {
    const s = storage(a);
    await s.write({ 'batch/one': { n: 1 }, 'batch/two': { n: 1 } });
    const read = await s.read(['batch/one', 'batch/two']);
    await s.write({ 'batch/two': { ...read['batch/two'], n: 2 } });
    await expect(s.write({ 'batch/one': { ...read['batch/one'], n: 9 }, 'batch/two': { ...read['batch/two'], n: 9 }, 'batch/new': { n: 9 } })).rejects.toThrow(
      'Storage: error writing "batch/two" due to eTag conflict.',
    );
    const after = await s.read(['batch/one', 'batch/two', 'batch/new']);
    expect(after['batch/one']).toMatchObject({ n: 1 });
    expect(after['batch/two']).toMatchObject({ n: 2 });
    expect(after['batch/new']).toBeUndefined();
  });

  it('keeps keys with odd characters apart and escapes them in Redis', async () => {
    const s = storage(a);
    const odd = ['line/conversations/U1:a/', 'line/conversations/U1%003aa/', 'x/{tag}/', 'x/*/', 'x/?[]/', 'x/ /', 'x/予約/', 'x/\ud83d\ude00/', 'x/\ud83d/', 'x/\ude00/'];
    await s.write(Object.fromEntries(odd.map((k, i) => [k, { i }])));
    const read = await s.read(odd);
    odd.forEach((k, i) => expect(read[k]).toMatchObject({ i }));
    const stored = await a.keys(`${prefix}*`);
    const ours = stored.filter((k) => k.startsWith(`${prefix}line/`) || k.startsWith(`${prefix}x/`));
    expect(ours).toHaveLength(odd.length);
    for (const k of ours) expect(k.slice(prefix.length)).toMatch(/^[A-Za-z0-9/_.%-]+$/);
  });

  it('lets exactly one of two processes win with the same eTag, 50 times out of 50', async () => {
    const [sa, sb] = [storage(a), storage(b)];
    for (let i = 0; i < 50; i++) {
      const k = `race/${i}`;
      await sa.write({ [k]: { v: 'start' } });
      const seen = (await sa.read([k]))[k];
      const outcomes = await Promise.allSettled([sa.write({ [k]: { ...seen, v: 'a' } }), sb.write({ [k]: { ...seen, v: 'b' } })]);
      const winners = outcomes.flatMap((o, j) => (o.status === 'fulfilled' ? [j === 0 ? 'a' : 'b'] : []));
      expect(winners).toHaveLength(1);
      expect((await sb.read([k]))[k]).toMatchObject({ v: winners[0] });
    }
  });

  it('sets the TTL on write, does not refresh it on read, refreshes it on the next write', async () => {
    const s = storage(a, 120);
    await s.write({ ttl: { n: 1 } });
    expect(await a.pttl(`${prefix}ttl`)).toBeGreaterThan(110_000);
    await a.pexpire(`${prefix}ttl`, 5_000);
    await s.read(['ttl']);
    expect(await a.pttl(`${prefix}ttl`)).toBeLessThanOrEqual(5_000);
    const { eTag } = (await s.read(['ttl'])).ttl;
    await s.write({ ttl: { n: 2, eTag } });
    expect(await a.pttl(`${prefix}ttl`)).toBeGreaterThan(110_000);
  });

  it('expires an abandoned item after its TTL', async () => {
    await storage(a, 1).write({ abandoned: { n: 1 } });
    await sleep(1_100);
    expect(await storage(b).read(['abandoned'])).toEqual({});
  });

  it('passes Redis errors on instead of answering as if nothing were stored', async () => {
    const offline = new Redis(redisUrl!, { lazyConnect: true, enableOfflineQueue: false });
    const s = new RedisStorage(offline, { prefix });
    await expect(s.read(['k'])).rejects.toThrow();
    await expect(s.write({ k: { n: 1 } })).rejects.toThrow();
    offline.disconnect();
  });

  it('keeps a ConversationState property for another process (a new storage instance)', async () => {
    const activity: Partial<Activity> = { type: 'message', channelId: 'webchat', conversation: { id: 'c-1', name: '', isGroup: false, conversationType: '' }, from: { id: 'u', name: '' }, recipient: { id: 'bot', name: '' } };
    const first = new ConversationState(storage(a));
    const ctx1 = new TurnContext(new TestAdapter(), activity);
    await first.createProperty<string>('wish').set(ctx1, '12月3日の午前');
    await first.saveChanges(ctx1);
    const second = new ConversationState(storage(b));
    const ctx2 = new TurnContext(new TestAdapter(), activity);
    expect(await second.createProperty<string>('wish').get(ctx2)).toBe('12月3日の午前');
  });

  describe('turn locks', () => {
    // A turn as read-modify-write with an await in between, as a dialog does with its state.
    const increments = async (locks: (TurnLock | undefined)[]) => {
      let counter = 0;
      const turn = async () => {
        const seen = counter;
        await sleep(2);
        counter = seen + 1;
      };
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => {
          const lock = locks[i % locks.length];
          return lock ? lock.run('webchat/c-race', turn) : turn();
        }),
      );
      return counter;
    };

    it('without a lock, 20 concurrent turns lose updates', async () => {
      expect(await increments([undefined])).toBeLessThan(20);
    });

    it('MemoryTurnLock serialises 20 concurrent turns', async () => {
      expect(await increments([new MemoryTurnLock()])).toBe(20);
    });

    it('RedisTurnLock serialises 20 concurrent turns from two processes', async () => {
      const options = { prefix: `${prefix}lock:` };
      expect(await increments([new RedisTurnLock(a, options), new RedisTurnLock(b, options)])).toBe(20);
      expect(await a.exists(`${prefix}lock:webchat/c-race`)).toBe(0);
    });

    it('releases the lock when a turn fails, and passes the failure on', async () => {
      for (const lock of [new MemoryTurnLock(), new RedisTurnLock(a, { prefix: `${prefix}lock:`, waitMs: 200 })]) {
        await expect(lock.run('conv', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
        expect(await lock.run('conv', async () => 'next turn')).toBe('next turn');
      }
    });

    it('RedisTurnLock gives up with TurnLockTimeout after its wait, without running the turn', async () => {
      const options = { prefix: `${prefix}lock-timeout:`, waitMs: 150 };
      let release!: () => void;
      const holding = new RedisTurnLock(a, options).run('conv', () => new Promise<void>((r) => (release = r)));
      await sleep(20);
      let ran = false;
      const started = Date.now();
      const waiting = new RedisTurnLock(b, options).run('conv', async () => (ran = true));
      await expect(waiting).rejects.toBeInstanceOf(TurnLockTimeout);
      await expect(waiting).rejects.toMatchObject({ name: 'TurnLockTimeout', conversationKey: 'conv', waitedMs: 150 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(ran).toBe(false);
      release();
      await holding;
    });

    it('a dead holder’s lock expires after its TTL and the next turn runs', async () => {
      const options = { prefix: `${prefix}lock-dead:`, ttlMs: 300, waitMs: 3_000 };
      // A process killed mid-turn: its turn never ends, so it never releases.
      void new RedisTurnLock(b, options).run('conv', () => new Promise<never>(() => undefined));
      await sleep(20);
      const started = Date.now();
      expect(await new RedisTurnLock(a, options).run('conv', async () => 'ran')).toBe('ran');
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    });

    it('a turn that outlives its lock does not release the lock the next turn holds', async () => {
      const options = { prefix: `${prefix}lock-overrun:`, ttlMs: 150, waitMs: 3_000 };
      const slow = new RedisTurnLock(a, options).run('conv', () => sleep(300));
      await sleep(20);
      await new RedisTurnLock(b, { ...options, ttlMs: 5_000 }).run('conv', async () => {
        await slow; // the slow turn has finished and tried to release by now
        expect(await a.get(`${prefix}lock-overrun:conv`)).not.toBeNull();
      });
    });
  });

  it('continues a booking conversation in a new process from Redis state', async () => {
    const first = await makeTestBot('2026-11-25T10:00:00+09:00', undefined, storage(a));
    const c1 = conversation(first, 'web', 'moving-citizen');
    await c1.say('通知書が届いたので予約したい');
    expect((await c1.say('いいえ')).all).toContain('本人');
    await first.close();
    // A different process: its own storage client and bot, same Redis.
    const second = await makeTestBot('2026-11-25T10:00:00+09:00', undefined, storage(b));
    const c2 = conversation(second, 'web', 'moving-citizen');
    expect((await c2.say('はい')).all).toContain('日にち');
    await second.close();
  });
});
