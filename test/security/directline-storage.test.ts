// Finding 9: a posted web chat activity's value and channelData (60 KB each) were copied into
// the conversation's queue and its transcript, so one client could grow storage at will.
// Replayed over Direct Line; then what the queue and the transcript hold is read back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ACTIVITIES, RedisActivityQueue } from '../../adapters/channels/directline/queue.js';
import type { RunningApp } from '../support/app.js';
import { directLine } from '../support/clients.js';
import { modeUnavailable, SERVICE_MODES, startIn } from '../support/service-modes.js';

const ENV = { FAKE_NOW: '2026-11-25T10:00:00+09:00', RATE_LIMIT_PER_IP_PER_MINUTE: '0' };
const BIG = 'x'.repeat(60_000);

describe.each(SERVICE_MODES)('Direct Line storage (%s)', (mode) => {
  let svc: RunningApp;
  beforeAll(async () => {
    if (!modeUnavailable(mode)) svc = await startIn(mode, ENV);
  });
  afterAll(() => svc?.stop());

  it.skipIf(modeUnavailable(mode))('60 KB in value, channelData, attachments or the name is neither queued nor transcribed', async () => {
    const dl = directLine(svc.url);
    const conv = await dl.start();
    await dl.until(conv, /予約窓口/);
    const post = (body: object) => dl.call('POST', `/conversations/${conv.conversationId}/activities`, conv.token, { type: 'message', text: '手数料はいくらですか', ...body });
    for (const body of [
      { value: { blob: BIG } },
      { channelData: { clientActivityID: BIG } },
      { channelData: { clientActivityID: 'c-1', blob: BIG } },
      { attachments: [{ contentType: 'text/plain', content: BIG }] },
      { from: { id: 'x', name: BIG } },
    ]) {
      expect((await post(body)).status).toBe(200);
    }
    // A small card value and Web Chat's own id are kept: the client still works.
    expect((await post({ value: { choice: 'はい' }, channelData: { clientActivityID: 'client-7' } })).status).toBe(200);
    expect((await dl.call('POST', `/conversations/${conv.conversationId}/activities`, conv.token, { type: 'm'.repeat(60_000) })).status).toBe(400);
    await dl.until(conv, /新規発行・更新は無料/);
    await new Promise((r) => setTimeout(r, 500));

    const queued = await dl.call('GET', `/conversations/${conv.conversationId}/activities?watermark=0`, conv.token);
    const queuedJson = JSON.stringify(queued.body);
    expect(queuedJson).not.toContain('x'.repeat(100));
    expect(queued.body.activities.some((a: any) => a.channelData?.clientActivityID === 'client-7' && a.value?.choice === 'はい')).toBe(true);

    const { rows } = await svc.app.ledger.db.query<{ activity: unknown }>('SELECT activity FROM transcript_activities WHERE channel_id = $1 AND conversation_id = $2', ['webchat', conv.conversationId]);
    const stored = rows.map((r) => (typeof r.activity === 'string' ? r.activity : JSON.stringify(r.activity))).join('\n');
    expect(rows.length).toBeGreaterThan(6);
    expect(stored).not.toContain('x'.repeat(100));
    // Everything this conversation holds is small: the six posts and the answers in well under 64 KB.
    expect(Buffer.byteLength(queuedJson)).toBeLessThan(40_000);
    expect(Buffer.byteLength(stored)).toBeLessThan(40_000);
  });

  // Only on servers (declared only there: embedded has no Redis, and CI fails on any skipped test).
  if (mode === 'servers') it.skipIf(modeUnavailable(mode))('on Redis, a conversation keeps its last activities and its watermarks', async () => {
    const prefix = `ecert:test-dl-${Date.now()}:`;
    const queue = new RedisActivityQueue(svc.app.redis!, prefix);
    try {
      const id = 'flooded';
      for (let i = 0; i < MAX_ACTIVITIES + 40; i += 20) {
        await queue.append(id, Array.from({ length: 20 }, (_, j) => ({ type: 'message', text: `${i + j} ${'y'.repeat(1000)}` })));
      }
      await new Promise((r) => setTimeout(r, 200));
      const page = await queue.since(id, 0);
      expect(page.watermark).toBe(MAX_ACTIVITIES + 40);
      expect(page.activities).toHaveLength(MAX_ACTIVITIES);
      expect(page.activities[0]!.text).toMatch(/^40 /);
      expect((await queue.since(id, MAX_ACTIVITIES + 38)).activities.map((a) => a.text!.split(' ')[0])).toEqual([`${MAX_ACTIVITIES + 38}`, `${MAX_ACTIVITIES + 39}`]);
      // What fell out of the window takes a byte each in Redis, not a kilobyte.
      const held = await svc.app.redis!.lrange(`${prefix}a:${id}`, 0, -1);
      expect(held.slice(0, 40).every((r) => r.length <= 1)).toBe(true);
      expect(held.slice(40).every((r) => r.length > 1000)).toBe(true);
      await svc.app.redis!.del(`${prefix}a:${id}`, `${prefix}n:${id}`);
    } finally {
      queue.close();
    }
  });
});
