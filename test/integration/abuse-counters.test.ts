// The counters behind the abuse limits, the same contract in this process's memory and in Redis:
// wrong birthdays over a sliding 24 h lock a number for its lock time and then let it go;
// staff lift a lock; a day's bookings per client never pass the limit under parallel takes.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryHitCounter, RedisHitCounter } from '../../adapters/http/rate-limit.js';
import { DailyBookingQuota, MemoryQuotaCounter, RedisQuotaCounter, type QuotaCounter } from '../../adapters/security/booking-quota.js';
import { clientKey, describeClient } from '../../adapters/security/client-id.js';
import { CountingLookupGuard, MemoryMissStore, RedisMissStore, type MissStore } from '../../adapters/security/lookup-guard.js';
import { redisUrl } from '../../scripts/lib/databases.js';

const HOUR = 3_600_000;
const LIMITS = { maxMisses: 5, missWindowMs: 24 * HOUR, lockMs: 24 * HOUR, perClient: 10, clientWindowMs: HOUR };
const T0 = Date.parse('2026-12-01T10:00:00+09:00');
const at = (ms: number) => new Date(T0 + ms);

const redis = redisUrl ? new Redis(redisUrl) : undefined;
afterAll(() => redis?.disconnect());
const unique = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}:`;

const stores: [string, () => MissStore | undefined][] = [
  ['memory', () => new MemoryMissStore()],
  ['redis', () => (redis ? new RedisMissStore(redis, `ecert:test:${unique()}`) : undefined)],
];

describe.each(stores)('wrong birthdays per reservation number (%s)', (name, make) => {
  const skip = name === 'redis' && !redis;

  it.skipIf(skip)('locks on the 5th wrong birthday within 24 h, for 24 h, and lets go afterwards', async () => {
    const guard = new CountingLookupGuard(make()!, new MemoryHitCounter(), LIMITS);
    for (let i = 0; i < 4; i++) expect(await guard.miss('12345678', 'ip:192.0.2.1', at(i * HOUR))).toEqual({ locked: false });
    expect(await guard.locked('12345678', at(5 * HOUR))).toBe(false);
    expect(await guard.miss('12345678', 'ip:192.0.2.2', at(5 * HOUR))).toEqual({ locked: true });
    expect(await guard.locked('12345678', at(5 * HOUR + 1))).toBe(true);
    expect(await guard.locked('12345678', at(29 * HOUR - 1))).toBe(true);
    expect(await guard.locked('12345678', at(29 * HOUR + 1))).toBe(false);
    expect(await guard.locked('87654321', at(6 * HOUR))).toBe(false);
  });

  it.skipIf(skip)('forgets misses older than 24 h', async () => {
    const guard = new CountingLookupGuard(make()!, new MemoryHitCounter(), LIMITS);
    for (let i = 0; i < 4; i++) await guard.miss('11112222', 'ip:192.0.2.1', at(i * HOUR));
    // The first miss is 24 h old by now: four in the window, still open.
    expect(await guard.miss('11112222', 'ip:192.0.2.1', at(24 * HOUR + 1))).toEqual({ locked: false });
  });

  it.skipIf(skip)('counts 40 parallel misses once each: locked, and no second lock', async () => {
    const store = make()!;
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => store.recordMiss('33334444', T0 + i, LIMITS)));
    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    expect(await store.lockedUntil('33334444')).toBeGreaterThan(T0);
  });

  it.skipIf(skip)('staff lift a lock and the count starts again', async () => {
    const store = make()!;
    const guard = new CountingLookupGuard(store, new MemoryHitCounter(), LIMITS);
    for (let i = 0; i < 5; i++) await guard.miss('55556666', 'ip:192.0.2.1', at(i));
    expect(await guard.locked('55556666', at(10))).toBe(true);
    await store.unlock('55556666');
    expect(await guard.locked('55556666', at(11))).toBe(false);
    expect(await guard.miss('55556666', 'ip:192.0.2.1', at(12))).toEqual({ locked: false });
  });
});

describe('look-ups per client', () => {
  it('allows 10 an hour per client, then refuses that client only, and resets with the hour', async () => {
    const guard = new CountingLookupGuard(new MemoryMissStore(), redis ? new RedisHitCounter(redis, `ecert:test:${unique()}`) : new MemoryHitCounter(), LIMITS);
    for (let i = 0; i < 10; i++) expect(await guard.attempt('line:Uattacker', at(i))).toBe(true);
    expect(await guard.attempt('line:Uattacker', at(11))).toBe(false);
    expect(await guard.attempt('line:Uother', at(12))).toBe(true);
    expect(await guard.attempt('line:Uattacker', at(HOUR))).toBe(true);
  });
});

const counters: [string, () => QuotaCounter | undefined][] = [
  ['memory', () => new MemoryQuotaCounter()],
  ['redis', () => (redis ? new RedisQuotaCounter(redis, `ecert:test:${unique()}`) : undefined)],
];

describe.each(counters)('bookings per client per day (%s)', (name, make) => {
  const skip = name === 'redis' && !redis;

  it.skipIf(skip)('50 parallel takes give exactly 3; giving back frees one; days and clients are apart', async () => {
    const quota = new DailyBookingQuota(make()!, 3);
    const taken = await Promise.all(Array.from({ length: 50 }, () => quota.take('ip:198.51.100.7', '2026-12-01')));
    expect(taken.filter(Boolean)).toHaveLength(3);
    expect(await quota.left('ip:198.51.100.7', '2026-12-01')).toBe(0);
    await quota.giveBack('ip:198.51.100.7', '2026-12-01');
    expect(await quota.left('ip:198.51.100.7', '2026-12-01')).toBe(1);
    expect(await quota.left('ip:198.51.100.7', '2026-12-02')).toBe(3);
    expect(await quota.left('ip:198.51.100.8', '2026-12-01')).toBe(3);
    // Giving back more than was taken never makes room beyond the limit.
    for (let i = 0; i < 5; i++) await quota.giveBack('ip:198.51.100.9', '2026-12-01');
    expect(await quota.left('ip:198.51.100.9', '2026-12-01')).toBe(3);
  });

  it.skipIf(skip)('0 means no limit', async () => {
    const quota = new DailyBookingQuota(make()!, 0);
    for (let i = 0; i < 20; i++) expect(await quota.take('tel:09011112222', '2026-12-01')).toBe(true);
    expect(await quota.left('tel:09011112222', '2026-12-01')).toBe(Infinity);
  });
});

describe('client ids', () => {
  it('are kept as hashes and shown to staff masked', () => {
    expect(clientKey('tel:09011112222')).not.toContain('0901111');
    expect(clientKey('ip:203.0.113.9')).toBe(clientKey('ip:203.0.113.9'));
    expect(describeClient('ip:203.0.113.9')).toEqual({ channel: 'web', subject: '203.0.113.x' });
    expect(describeClient('tel:09011112222')).toEqual({ channel: 'phone', subject: '090-****-2222' });
    expect(describeClient('line:U0123456789abcdef')).toEqual({ channel: 'line', subject: 'LINE利用者 …cdef' });
    expect(describeClient('call:CA123')).toEqual({ channel: 'phone', subject: '番号非通知の電話' });
  });
});
