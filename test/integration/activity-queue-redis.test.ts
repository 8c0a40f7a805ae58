// The web chat's activity queue on Redis when a write's reply is lost (Redis went away after the
// MULTI ran): the same activities are written again under the same ids when it returns, and a
// client still sees each activity once, at the positions already given out.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisActivityQueue } from '../../adapters/channels/directline/queue.js';
import { redisUrl } from '../../scripts/lib/databases.js';

describe.runIf(redisUrl)('activity queue on Redis', () => {
  const redis = new Redis(redisUrl!);
  const prefix = `test:dl:${randomBytes(4).toString('hex')}:`;
  const queue = new RedisActivityQueue(redis, prefix);
  afterAll(async () => {
    queue.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('shows an activity written twice under one id once', async () => {
    const id = 'conv-' + randomBytes(4).toString('hex');
    const [first, second] = await queue.append(id, [
      { type: 'message', text: 'お電話ありがとうございます' },
      { type: 'message', text: '予約したい' },
    ]);
    // The outbox flushed again after a lost reply: the second activity twice in the list.
    const list = await redis.lrange(`${prefix}a:${id}`, 0, -1);
    await redis.rpush(`${prefix}a:${id}`, list[1]!);
    const page = await queue.since(id, 0);
    expect(page.activities.map((a) => a.id)).toEqual([first, second]);
    expect(page.watermark).toBe(3);
    // What comes after is shown from its own position on.
    const [third] = await queue.append(id, [{ type: 'message', text: '持ち物は?' }]);
    expect((await queue.since(id, page.watermark)).activities.map((a) => a.id)).toEqual([third]);
  });
});
