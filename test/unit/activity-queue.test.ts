// The web chat's in-memory activity queue stays bounded: idle conversations are forgotten (as
// Redis expires them), a flood of new conversations pushes out the oldest, and a conversation
// keeps only its last activities, at the positions already given out.
import { describe, expect, it } from 'vitest';
import { MEMORY_QUEUE_LIMITS, MemoryActivityQueue } from '../../adapters/channels/directline/queue.js';

const msg = (text: string) => ({ type: 'message', text });

describe('in-memory activity queue', () => {
  it('forgets a conversation a day after its last activity, not before', async () => {
    let now = 0;
    const queue = new MemoryActivityQueue(MEMORY_QUEUE_LIMITS, () => now);
    expect(await queue.open('a')).toBe(true);
    await queue.append('a', [msg('こんにちは')]);
    now += 23 * 3600_000;
    await queue.append('a', [msg('まだいます')]);
    now += 23 * 3600_000;
    expect((await queue.since('a', 0)).activities.map((a) => a.text)).toEqual(['こんにちは', 'まだいます']);
    expect(await queue.open('a')).toBe(false);
    now += 2 * 3600_000;
    await queue.open('b'); // any later use sweeps the idle ones
    expect(queue.size()).toEqual({ conversations: 1, activities: 0 });
    expect(await queue.since('a', 0)).toEqual({ activities: [], watermark: 0 });
    expect(await queue.open('a')).toBe(true);
  });

  it('stays bounded under a flood of new conversations: the least recently used go first', async () => {
    const queue = new MemoryActivityQueue({ ...MEMORY_QUEUE_LIMITS, maxConversations: 100, maxTotal: 1_000 }, () => 0);
    await queue.open('citizen');
    await queue.append('citizen', [msg('予約したい')]);
    for (let i = 0; i < 5_000; i++) {
      await queue.open(`flood-${i}`);
      await queue.append(`flood-${i}`, [msg('x'), msg('y')]);
      if (i % 50 === 0) await queue.append('citizen', [msg(`まだ ${i}`)]); // a live conversation stays
    }
    const size = queue.size();
    expect(size.conversations).toBeLessThanOrEqual(100);
    expect(size.activities).toBeLessThanOrEqual(1_000);
    expect((await queue.since('citizen', 0)).activities[0]!.text).toBe('予約したい');
    expect((await queue.since('flood-0', 0)).activities).toEqual([]);
  });

  it('keeps a conversation’s last activities; watermarks and ids go on from where they were', async () => {
    const queue = new MemoryActivityQueue({ ...MEMORY_QUEUE_LIMITS, maxActivities: 10 }, () => 0);
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push(...(await queue.append('c', [msg(String(i))])));
    expect(ids[24]).toBe('c|0000024');
    const all = await queue.since('c', 0);
    expect(all.activities.map((a) => a.text)).toEqual(['15', '16', '17', '18', '19', '20', '21', '22', '23', '24']);
    expect(all.watermark).toBe(25);
    expect((await queue.since('c', 23)).activities.map((a) => a.text)).toEqual(['23', '24']);
    expect(queue.size().activities).toBe(10);
  });

  it('a client whose conversation was forgotten reads the new one from its start', async () => {
    let now = 0;
    const queue = new MemoryActivityQueue(MEMORY_QUEUE_LIMITS, () => now);
    for (let i = 0; i < 30; i++) await queue.append('d', [msg(String(i))]);
    now += 25 * 3600_000;
    await queue.append('d', [msg('再開')]);
    expect(await queue.since('d', 30)).toMatchObject({ activities: [{ text: '再開' }], watermark: 1 });
  });
});
