// Conversation state on a real Redis: eTag concurrency as botbuilder's Storage contract says,
// TTL, turn locks across processes, and a conversation continued by a new process.
import { randomBytes } from 'node:crypto';
import { ConversationState } from 'botbuilder';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStorage } from '../../adapters/state/redis-storage.js';
import { MemoryTurnLock, RedisTurnLock, TurnLockTimeout, type TurnLock } from '../../adapters/state/turn-lock.js';
import { redisUrl } from '../support/databases.js';
import { conversation, makeTestBot } from '../support/bot.js';

describe.skipIf(!redisUrl)('Redis state', () => {
  const prefix = `test:${randomBytes(4).toString('hex')}:`;
  let a: Redis;
  let b: Redis;
  const storage = (client: Redis, ttlSeconds = 3600) => new RedisStorage(client, { prefix, ttlSeconds });

  beforeAll(() => {
    a = new Redis(redisUrl!);
    b = new Redis(redisUrl!);
  });
  afterAll(async () => {
    const keys = await a.keys(`${prefix}*`);
    if (keys.length) await a.del(...keys);
    a.disconnect();
    b.disconnect();
  });

  it('reads what was written, with a new eTag; missing keys are left out', async () => {
    const s = storage(a);
    await s.write({ k1: { n: 1, text: '予約' } });
    const read = await s.read(['k1', 'nothing']);
    expect(Object.keys(read)).toEqual(['k1']);
    expect(read.k1).toMatchObject({ n: 1, text: '予約' });
    expect(typeof read.k1!.eTag).toBe('string');
  });

  it('refuses a write with a stale eTag and keeps the stored value; "*" overwrites', async () => {
    const s = storage(a);
    await s.write({ k2: { n: 1 } });
    const first = (await s.read(['k2'])).k2!;
    await s.write({ k2: { ...first, n: 2 } });
    await expect(s.write({ k2: { ...first, n: 3 } })).rejects.toThrow(/eTag conflict/);
    expect((await s.read(['k2'])).k2).toMatchObject({ n: 2 });
    await s.write({ k2: { n: 4, eTag: '*' } });
    expect((await s.read(['k2'])).k2).toMatchObject({ n: 4 });
  });

  it('lets exactly one of two processes win with the same eTag, every time', async () => {
    const [sa, sb] = [storage(a), storage(b)];
    for (let i = 0; i < 50; i++) {
      const key = `race-${i}`;
      await sa.write({ [key]: { v: 0 } });
      const seen = (await sa.read([key]))[key]!;
      const outcomes = await Promise.allSettled([sa.write({ [key]: { ...seen, v: 'a' } }), sb.write({ [key]: { ...seen, v: 'b' } })]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    }
  });

  it('sets a TTL on write and refreshes it on the next write', async () => {
    const s = storage(a, 120);
    await s.write({ k3: { n: 1 } });
    expect(await a.pttl(`${prefix}k3`)).toBeGreaterThan(100_000);
    await a.pexpire(`${prefix}k3`, 5_000);
    await s.write({ k3: { n: 2, eTag: '*' } });
    expect(await a.pttl(`${prefix}k3`)).toBeGreaterThan(100_000);
    await s.delete(['k3']);
    expect(await s.read(['k3'])).toEqual({});
  });

  it('keeps a ConversationState property for another process (a new storage instance)', async () => {
    const ctx = { activity: { channelId: 'webchat', conversation: { id: 'c-1' } }, turnState: new Map() } as never;
    const state1 = new ConversationState(storage(a));
    const prop1 = state1.createProperty<string>('wish');
    await prop1.set(ctx, '12月3日');
    await state1.saveChanges(ctx, true);
    const ctx2 = { activity: { channelId: 'webchat', conversation: { id: 'c-1' } }, turnState: new Map() } as never;
    const state2 = new ConversationState(storage(b));
    expect(await state2.createProperty<string>('wish').get(ctx2)).toBe('12月3日');
  });

  const counterRace = async (lock: TurnLock | undefined) => {
    let counter = 0;
    const step = async () => {
      const seen = counter;
      await new Promise((r) => setTimeout(r, 2));
      counter = seen + 1;
    };
    await Promise.all(Array.from({ length: 20 }, () => (lock ? lock.run('conv', step) : step())));
    return counter;
  };

  it('without a lock concurrent turns lose updates; with one (memory or Redis) none are lost', async () => {
    expect(await counterRace(undefined)).toBeLessThan(20);
    expect(await counterRace(new MemoryTurnLock())).toBe(20);
    expect(await counterRace(new RedisTurnLock(a, { prefix: `${prefix}lock:` }))).toBe(20);
  });

  it('a Redis lock times out for a waiter, and a dead holder’s lock expires', async () => {
    const held = new RedisTurnLock(a, { prefix: `${prefix}lock2:`, ttlMs: 300, waitMs: 100 });
    await a.set(`${prefix}lock2:conv`, 'dead-holder', 'PX', 300);
    await expect(held.run('conv', async () => 1)).rejects.toBeInstanceOf(TurnLockTimeout);
    const patient = new RedisTurnLock(b, { prefix: `${prefix}lock2:`, ttlMs: 300, waitMs: 2_000 });
    expect(await patient.run('conv', async () => 'ran')).toBe('ran');
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
