// Rate limits per client IP and per web chat conversation: 429 with Retry-After once passed,
// health checks and the Twilio webhook never limited, one count across instances sharing Redis,
// and requests let through (with one warning) while Redis is away.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Request } from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../adapters/log.js';
import { clientIp, MemoryHitCounter, RateLimiter, type HitCounter } from '../../adapters/http/rate-limit.js';
import { redisUrl } from '../../scripts/lib/databases.js';
import { startApp, type RunningApp } from '../support/app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts are per wall-clock minute: start a counting test well inside one. */
async function awayFromWindowEdge(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 10_000) await sleep(left + 50);
}

const randomIp = () => `10.${[...randomBytes(3)].join('.')}`;

describe('rate limits on one instance (in memory)', () => {
  let svc: RunningApp;
  beforeAll(async () => {
    svc = await startApp({
      RATE_LIMIT_PER_IP_PER_MINUTE: '8',
      RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: '3',
      TRUST_PROXY: '1',
      TWILIO_AUTH_TOKEN: 'test-auth-token',
      PUBLIC_BASE_URL: 'https://ecert.example.jp',
    });
  }, 120_000);
  afterAll(() => svc?.stop());

  const get = (path: string, ip: string) => fetch(svc.url + path, { headers: { 'x-forwarded-for': ip } });

  it('refuses an IP past its limit with 429 JSON and Retry-After; health checks and the phone line still answer', async () => {
    await awayFromWindowEdge();
    const ip = randomIp();
    for (let i = 0; i < 8; i++) expect((await get('/api/availability?channel=web', ip)).status).toBe(200);
    const refused = await get('/api/availability?channel=web', ip);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate-limited', message: expect.any(String) } });
    expect((await get('/nope', ip)).status).toBe(429);
    // Another client behind the same proxy is counted on its own.
    expect((await get('/api/availability?channel=web', randomIp())).status).toBe(200);
    expect((await get('/healthz', ip)).status).toBe(200);
    expect((await get('/readyz', ip)).status).toBe(200);
    // Twilio's servers share addresses: its webhook answers on signatures alone (403 unsigned), never 429.
    const voice = await fetch(`${svc.url}/api/twilio/voice`, { method: 'POST', headers: { 'x-forwarded-for': ip, 'content-type': 'application/x-www-form-urlencoded' }, body: 'CallSid=CA123' });
    expect(voice.status).toBe(403);
  });

  it('counts the address the trusted proxy saw, not what the client wrote before it', async () => {
    await awayFromWindowEdge();
    const ip = randomIp();
    for (let i = 0; i < 8; i++) expect((await get('/api/availability?channel=web', `192.0.2.${i}, ${ip}`)).status).toBe(200);
    expect((await get('/api/availability?channel=web', `198.51.100.7, ${ip}`)).status).toBe(429);
  });

  it('refuses a web chat conversation past its messages per minute, not the next conversation', async () => {
    await awayFromWindowEdge();
    // Each request from its own address: only the conversation's count is at stake here.
    const call = async (path: string, token?: string, body?: unknown) =>
      fetch(`${svc.url}/v3/directline${path}`, {
        method: 'POST',
        headers: { 'x-forwarded-for': randomIp(), 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const start = async () => {
      const page = await fetch(`${svc.url}/webchat/token`, { method: 'POST', headers: { 'x-forwarded-for': randomIp(), origin: svc.url } });
      const { token } = (await page.json()) as { token: string };
      return (await (await call('/conversations', token)).json()) as { conversationId: string; token: string };
    };
    const a = await start();
    const say = (c: typeof a, text: string) => call(`/conversations/${c.conversationId}/activities`, c.token, { type: 'message', text, from: { id: 'u' } });
    for (const text of ['予約したい', 'はい', 'いいえ']) expect((await say(a, text)).status).toBe(200);
    const refused = await say(a, 'はい');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate-limited');
    const b = await start();
    expect((await say(b, '手数料は?')).status).toBe(200);
  });
});

describe.skipIf(!redisUrl)('rate limits across instances sharing Redis', () => {
  let a: RunningApp;
  let b: RunningApp;
  beforeAll(async () => {
    const env = {
      REDIS_URL: redisUrl!,
      RATE_LIMIT_PER_IP_PER_MINUTE: '6',
      RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: '3',
      TRUST_PROXY: '1',
      DIRECTLINE_SECRET: randomBytes(16).toString('hex'),
    };
    a = await startApp(env);
    b = await startApp(env);
  }, 120_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it('shares one count per IP between instances', async () => {
    await awayFromWindowEdge();
    // A fresh address is a fresh key: no earlier run's count can leak in.
    const ip = randomIp();
    const get = (svc: RunningApp) => fetch(`${svc.url}/api/availability?channel=phone`, { headers: { 'x-forwarded-for': ip } });
    for (const svc of [a, b, a, b, a, b]) expect((await get(svc)).status).toBe(200);
    expect((await get(a)).status).toBe(429);
    expect((await get(b)).status).toBe(429);
  });

  it('shares one count per conversation between instances', async () => {
    await awayFromWindowEdge();
    const on = (svc: RunningApp, path: string, token?: string, body?: unknown) =>
      fetch(`${svc.url}/v3/directline${path}`, {
        method: 'POST',
        headers: { 'x-forwarded-for': randomIp(), 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const page = await fetch(`${a.url}/webchat/token`, { method: 'POST', headers: { 'x-forwarded-for': randomIp(), origin: a.url } });
    const generated = (await page.json()) as { token: string };
    const conv = (await (await on(a, '/conversations', generated.token)).json()) as { conversationId: string; token: string };
    const say = (svc: RunningApp) => on(svc, `/conversations/${conv.conversationId}/activities`, conv.token, { type: 'message', text: '持ち物は?', from: { id: 'u' } });
    for (const svc of [a, b, a]) expect((await say(svc)).status).toBe(200);
    expect((await say(b)).status).toBe(429);
  });
});

describe('the limiter itself', () => {
  const request = (path: string, remoteAddress: string, xff?: string) =>
    ({ method: 'GET', getPath: () => path, headers: xff ? { 'x-forwarded-for': xff } : {}, socket: { remoteAddress } }) as unknown as Request;

  it('lets requests through while its store fails, warning once a minute', async () => {
    const lines: string[] = [];
    const logger = createLogger('warn', new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const broken: HitCounter = { hit: () => Promise.reject(new Error('connect ECONNREFUSED')) };
    const hanging: HitCounter = { hit: () => new Promise(() => undefined) };
    let now = 1_000_000;
    for (const counter of [broken, hanging]) {
      lines.length = 0;
      const limiter = new RateLimiter(counter, { perIp: 1, perConversation: 1, trustProxy: 0, windowMs: 60_000 }, logger, () => now);
      for (let i = 0; i < 3; i++) expect(await limiter.check(request('/api/availability', '203.0.113.9'))).toEqual({ ok: true });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('rate limiter unavailable');
      now += 60_000;
      await limiter.check(request('/api/availability', '203.0.113.9'));
      expect(lines).toHaveLength(2);
    }
  });

  it('keeps its memory bounded under a flood of addresses', async () => {
    const counter = new MemoryHitCounter(1000);
    for (let i = 0; i < 5000; i++) await counter.hit(`ip:${i}:1`, 60_000);
    expect(counter.size).toBeLessThanOrEqual(1000);
  });

  it.each([
    ['the socket address without a trusted proxy', '203.0.113.9', '198.51.100.1', 0, '203.0.113.9'],
    ['the entry the proxy added', '10.0.0.2', '198.51.100.1, 203.0.113.9', 1, '203.0.113.9'],
    ['the entry the outer of two proxies added', '10.0.0.2', '198.51.100.1, 203.0.113.9, 10.0.0.1', 2, '203.0.113.9'],
    ['the socket when the header is junk', '10.0.0.2', 'not-an-ip', 1, '10.0.0.2'],
    ['IPv4 out of an IPv4-mapped address', '::ffff:203.0.113.9', undefined, 0, '203.0.113.9'],
    ['an IPv6 client by its /64', '2001:db8:1:2:aaaa::1', undefined, 0, '2001:db8:1:2::/64'],
    ['a short IPv6 address by its /64', '2001:db8::1', undefined, 0, '2001:db8:0:0::/64'],
  ])('counts %s', (_name, remote, xff, trust, expected) => {
    expect(clientIp(request('/', remote, xff), trust)).toBe(expected);
  });
});
