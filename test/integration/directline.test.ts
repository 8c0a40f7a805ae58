// The Direct Line 3.0 subset the official Web Chat uses, over HTTP and WebSocket.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app.js';
import { directLine, type WebChat } from '../support/clients.js';

describe('Direct Line', () => {
  let svc: RunningApp;
  beforeAll(async () => {
    svc = await startApp({ FAKE_NOW: '2026-11-25T10:00:00+09:00' });
  });
  afterAll(() => svc?.stop());

  const call: ReturnType<typeof directLine>['call'] = (...args) => directLine(svc.url).call(...args);
  const start = () => directLine(svc.url).start();
  /** Polls until the bot has said something matching, returning all activities so far. */
  const until = async (conv: WebChat, re: RegExp) => {
    await directLine(svc.url).until(conv, re);
    return (await call('GET', `/conversations/${conv.conversationId}/activities?watermark=0`, conv.token)).body;
  };
  it('starts with the welcome, echoes the user’s message with its client id, and answers', async () => {
    const conv = await start();
    await until(conv, /予約窓口/);
    const posted = await call('POST', `/conversations/${conv.conversationId}/activities`, conv.token, {
      type: 'message', text: '手数料はいくらですか', from: { id: 'someone-else' }, channelData: { clientActivityID: 'client-1' },
    });
    expect(posted.status).toBe(200);
    expect(posted.body.id).toMatch(new RegExp(`^${conv.conversationId}\\|`));
    const page = await until(conv, /有効期限内/);
    const echo = page.activities.find((a: any) => a.channelData?.clientActivityID === 'client-1');
    expect(echo).toMatchObject({ id: posted.body.id, text: '手数料はいくらですか', from: { role: 'user' } });
    expect(echo.from.id).not.toBe('someone-else');
    const later = await call('GET', `/conversations/${conv.conversationId}/activities?watermark=${page.watermark}`, conv.token);
    expect(later.body.activities).toEqual([]);
  });

  it('streams activities over the WebSocket at the streamUrl', async () => {
    const conv = await start();
    const ws = new WebSocket(conv.streamUrl);
    const texts: string[] = [];
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data));
      for (const a of msg.activities ?? []) if (a.text) texts.push(a.text);
    });
    await new Promise((r) => ws.once('open', r));
    await call('POST', `/conversations/${conv.conversationId}/activities`, conv.token, { type: 'message', text: '持ち物は?', from: { id: 'u' } });
    for (let i = 0; i < 100 && !texts.some((t) => t.includes('どなた')); i++) await new Promise((r) => setTimeout(r, 50));
    ws.close();
    expect(texts.some((t) => t.includes('予約窓口'))).toBe(true);
    expect(texts).toContain('持ち物は?');
    expect(texts.some((t) => t.includes('どなた'))).toBe(true);
  });

  it('refuses forged and foreign tokens, refreshes good ones, and rejects bad activities', async () => {
    const a = await start();
    const b = await start();
    expect((await call('GET', `/conversations/${a.conversationId}/activities`, 'forged.token')).status).toBe(401);
    expect((await call('GET', `/conversations/${a.conversationId}/activities`)).status).toBe(401);
    expect((await call('GET', `/conversations/${a.conversationId}/activities`, b.token)).status).toBe(403);
    expect((await call('POST', `/conversations/${a.conversationId}/activities`, b.token, { type: 'message', text: 'x' })).status).toBe(403);
    const bare = await fetch(`${svc.url}/v3/directline/tokens/generate`, { method: 'POST' });
    expect(bare.status).toBe(200);
    const refreshed = await call('POST', '/tokens/refresh', a.token);
    expect(refreshed.body.conversationId).toBe(a.conversationId);
    expect((await call('GET', `/conversations/${a.conversationId}`, refreshed.body.token)).status).toBe(200);
    expect((await call('POST', `/conversations/${a.conversationId}/activities`, a.token, { text: 'no type' })).status).toBe(400);
    expect((await call('POST', `/conversations/${a.conversationId}/activities`, a.token, { type: 'message', text: 'あ'.repeat(3000) })).status).toBe(400);
    const badWs = new WebSocket(a.streamUrl.replace(/t=[^&]+/, 't=forged'));
    const code = await new Promise((r) => badWs.on('unexpected-response', (_req, res) => r(res.statusCode)).on('error', () => r('error')));
    expect(code).toBe(401);
  });
});

describe.skipIf(!process.env.REDIS_URL)('Direct Line across two instances sharing Redis', () => {
  it('a conversation started on one instance continues on the other, and its stream sees both', async () => {
    const env = { REDIS_URL: process.env.REDIS_URL!, DIRECTLINE_SECRET: 'shared-secret-for-test-0123456789abcdef', FAKE_NOW: '2026-11-25T10:00:00+09:00' };
    const [a, b] = [await startApp(env), await startApp(env)];
    try {
      const on = (svc: RunningApp) => async (method: string, path: string, token?: string, body?: unknown) => {
        const res = await fetch(`${svc.url}/v3/directline${path}`, {
          method,
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, body: (await res.json()) as any };
      };
      const generated = await on(a)('POST', '/tokens/generate');
      const conv = (await on(a)('POST', '/conversations', generated.body.token)).body;
      const ws = new WebSocket(conv.streamUrl);
      const texts: string[] = [];
      ws.on('message', (d) => texts.push(...(JSON.parse(String(d)).activities ?? []).map((x: any) => x.text ?? '')));
      await new Promise((r) => ws.once('open', r));
      const posted = await on(b)('POST', `/conversations/${conv.conversationId}/activities`, conv.token, { type: 'message', text: '手数料は?', from: { id: 'u' } });
      expect(posted.status).toBe(200);
      for (let i = 0; i < 100 && !texts.some((t) => t.includes('有効期限内')); i++) await new Promise((r) => setTimeout(r, 50));
      ws.close();
      expect(texts.some((t) => t.includes('予約窓口'))).toBe(true);
      expect(texts).toContain('手数料は?');
      expect(texts.some((t) => t.includes('有効期限内'))).toBe(true);
      const page = await on(b)('GET', `/conversations/${conv.conversationId}/activities?watermark=0`, conv.token);
      expect(new Set(page.body.activities.map((x: any) => x.id)).size).toBe(page.body.activities.length);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
