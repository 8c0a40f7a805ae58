// Finding 1: one WebSocket upgrade with a malformed path ended the process (URIError in the
// 'upgrade' listener), and upgrades to paths without a WebSocket stayed open for minutes.
// Replayed on the real service with raw sockets: the process stays up, a bad upgrade is 400, a
// stray one 404, and each refused socket is closed at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app.js';
import { directLine } from '../support/clients.js';
import { rawRequest, upgradeRequest } from './support/raw-http.js';

describe('WebSocket upgrades at the door', () => {
  let svc: RunningApp;
  beforeAll(async () => {
    svc = await startApp({ FAKE_NOW: '2026-11-25T10:00:00+09:00' });
  });
  afterAll(() => svc?.stop());

  const healthy = async () => (await fetch(`${svc.url}/healthz`)).status;

  it('answers a malformed percent-encoding in the stream path with 400, closes the socket, and stays up', async () => {
    const exits: unknown[] = [];
    const onUncaught = (err: unknown) => exits.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      for (const path of ['/v3/directline/conversations/%E0%A4%A/stream', '/v3/directline/conversations/%/stream?t=x', '/v3/directline/conversations/%ED%A0%80/stream']) {
        const answer = await rawRequest(svc.url, upgradeRequest(path), { waitMs: 2000 });
        expect(answer.status, path).toBe(400);
        expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'bad-path' } });
        expect(answer.closed, path).toBe(true);
        expect(answer.closedAfterMs).toBeLessThan(1000);
      }
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(exits).toEqual([]);
    expect(await healthy()).toBe(200);
  });

  it('answers an upgrade to a path without a WebSocket with 404 and closes it within a second', async () => {
    for (const path of ['/foo', '/healthz', '/v3/directline/conversations', '/v3/directline/conversations/abc/activities']) {
      const answer = await rawRequest(svc.url, upgradeRequest(path), { waitMs: 3000 });
      expect(answer.status, path).toBe(404);
      expect(answer.closed, path).toBe(true);
      expect(answer.closedAfterMs, path).toBeLessThan(1000);
    }
    expect(await healthy()).toBe(200);
  });

  it('refuses a stream without a valid token (401) and one for another conversation (403), closing both', async () => {
    const a = await directLine(svc.url).start();
    const b = await directLine(svc.url).start();
    const forged = await rawRequest(svc.url, upgradeRequest(`/v3/directline/conversations/${a.conversationId}/stream?t=forged`), { waitMs: 2000 });
    expect(forged).toMatchObject({ status: 401, closed: true });
    const foreign = await rawRequest(svc.url, upgradeRequest(`/v3/directline/conversations/${a.conversationId}/stream?t=${encodeURIComponent(b.token)}`), { waitMs: 2000 });
    expect(foreign).toMatchObject({ status: 403, closed: true });
    // Not a WebSocket upgrade at all (h2c, junk): refused, never handed to the WebSocket server.
    const other = await rawRequest(svc.url, upgradeRequest(`/v3/directline/conversations/${a.conversationId}/stream?t=${encodeURIComponent(a.token)}`).replace('Upgrade: websocket', 'Upgrade: h2c'), { waitMs: 2000 });
    expect(other).toMatchObject({ status: 400, closed: true });
  });

  it('answers malformed HTTP with 400 and closes it, and a client that resets mid-upgrade harms nothing', async () => {
    const junk = await rawRequest(svc.url, 'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', { waitMs: 2000 });
    expect(junk).toMatchObject({ status: 400, closed: true });
    // Half an upgrade, then gone: the socket error must not reach the process.
    const a = await directLine(svc.url).start();
    for (let i = 0; i < 20; i++) {
      const { default: net } = await import('node:net');
      const s = net.connect(Number(new URL(svc.url).port), '127.0.0.1');
      s.on('error', () => undefined);
      s.write(upgradeRequest(`/v3/directline/conversations/${i % 2 ? '%E0%A4%A' : a.conversationId}/stream?t=${encodeURIComponent(a.token)}`));
      s.resetAndDestroy();
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(await healthy()).toBe(200);
  });
});
