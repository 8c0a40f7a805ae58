// Direct Line 3.0 as Microsoft documents it, over HTTP and WebSocket: who may do what with the
// secret and with a token, the status codes and the error body of the spec, the watermark on
// reconnect, and the demo page's own token route. (The official client is in directlinejs.test.ts.)
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app.js';
import { directLine, type WebChat } from '../support/clients.js';

const SECRET = 'direct-line-test-secret-0123456789abcdef';
const FAKE_NOW = '2026-11-25T10:00:00+09:00';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { conv: string; user?: string; exp: number };

/** Opens a stream and collects what it sends; `status` is the HTTP status of a refused upgrade. */
async function openStream(url: string) {
  const ws = new WebSocket(url);
  const got: any[] = [];
  ws.on('message', (d) => got.push(...(JSON.parse(String(d)).activities ?? [])));
  const status = await new Promise<number>((resolve) => {
    ws.once('open', () => resolve(101));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c) => (body += c)).on('end', () => resolve(res.statusCode ?? 0));
    });
    ws.once('error', () => resolve(0));
  });
  return { ws, got, status, close: () => ws.close() };
}

describe('Direct Line with a secret configured', () => {
  let svc: RunningApp;
  beforeAll(async () => {
    svc = await startApp({ FAKE_NOW, DIRECTLINE_SECRET: SECRET });
  });
  afterAll(() => svc?.stop());

  const dl = () => directLine(svc.url);
  const call: ReturnType<typeof directLine>['call'] = (...args) => dl().call(...args);
  const until = async (conv: WebChat, re: RegExp) => {
    await dl().until(conv, re);
    return (await call('GET', `/conversations/${conv.conversationId}/activities?watermark=0`, conv.token)).body;
  };

  it('starts with the welcome, echoes the message under the token’s user with its client id, and answers it by id', async () => {
    const conv = await dl().start();
    await until(conv, /予約窓口/);
    const posted = await call('POST', `/conversations/${conv.conversationId}/activities`, conv.token, {
      type: 'message', text: '手数料はいくらですか', from: { id: 'someone-else' }, channelData: { clientActivityID: 'client-1' },
    });
    expect(posted.status).toBe(200);
    expect(posted.body.id).toMatch(new RegExp(`^${conv.conversationId}\\|`));
    const page = await until(conv, /新規発行・更新は無料/);
    const echo = page.activities.find((a: any) => a.channelData?.clientActivityID === 'client-1');
    expect(echo).toMatchObject({ id: posted.body.id, text: '手数料はいくらですか', from: { role: 'user' } });
    // The page's token names its user, as Azure's do: the client cannot post as someone else.
    expect(echo.from.id).toBe(claims(conv.token).user);
    expect(echo.from.id).toMatch(/^dl_/);
    const answer = page.activities.find((a: any) => a.from.role === 'bot' && /新規発行・更新は無料/.test(a.text));
    expect(answer.replyToId).toBe(posted.body.id);
    const later = await call('GET', `/conversations/${conv.conversationId}/activities?watermark=${page.watermark}`, conv.token);
    expect(later.body.activities).toEqual([]);
  });

  it('generates tokens only for the secret, with the user asked for; refresh needs a live token', async () => {
    for (const auth of [undefined, 'not-the-secret', 'Basic abc']) {
      const r = await call('POST', '/tokens/generate', auth);
      expect(r.status, String(auth)).toBe(401);
      expect(r.body).toEqual({ error: { code: 'Unauthorized', message: expect.any(String) } });
    }
    const conv = await dl().start();
    const withToken = await call('POST', '/tokens/generate', conv.token);
    expect(withToken.status).toBe(403);
    const generated = await call('POST', '/tokens/generate', SECRET, { user: { id: 'dl_citizen-1', name: '箕面 太郎' } });
    expect(generated.status).toBe(200);
    expect(generated.body).toEqual({ conversationId: expect.any(String), token: expect.any(String), expires_in: 1800 });
    expect(claims(generated.body.token)).toMatchObject({ conv: generated.body.conversationId, user: 'dl_citizen-1' });
    expect((await call('POST', '/tokens/generate', SECRET, { user: { id: 'has space' } })).status).toBe(400);
    expect((await call('POST', '/tokens/generate', SECRET, { user: 'x' })).body.error.code).toBe('BadArgument');
    // Generate does not start the conversation: start does (201), then the echo keeps the token's user.
    const started = await call('POST', '/conversations', generated.body.token);
    expect(started.status).toBe(201);
    const { conversationId, token } = started.body;
    expect(conversationId).toBe(generated.body.conversationId);
    const posted = await call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: '持ち物は?', from: { id: 'mallory' } });
    const list = await until({ conversationId, token, streamUrl: '' }, /お持ちいただくもの/);
    expect(list.activities.find((a: any) => a.id === posted.body.id).from).toMatchObject({ id: 'dl_citizen-1', name: '箕面 太郎', role: 'user' });
    // Refresh: a new token for the same conversation and user; a secret or nothing is refused.
    const refreshed = await call('POST', '/tokens/refresh', token);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.token).not.toBe(token);
    expect(claims(refreshed.body.token)).toMatchObject({ conv: conversationId, user: 'dl_citizen-1' });
    expect((await call('GET', `/conversations/${conversationId}`, refreshed.body.token)).status).toBe(200);
    expect((await call('POST', '/tokens/refresh')).status).toBe(401);
    expect((await call('POST', '/tokens/refresh', SECRET)).status).toBe(403);
  });

  it('the secret works on every operation: each start is a new conversation (201) and the client’s own user id is kept', async () => {
    const a = await call('POST', '/conversations', SECRET, { user: { id: 'citizen-9' }, locale: 'ja-JP' });
    const b = await call('POST', '/conversations', SECRET);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.conversationId).not.toBe(b.body.conversationId);
    expect(a.body.streamUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/v3\/directline\/conversations\/[^/]+\/stream\?t=/);
    // The stream URL carries a token, never the secret.
    expect(a.body.streamUrl).not.toContain(SECRET);
    const id = a.body.conversationId;
    const posted = await call('POST', `/conversations/${id}/activities`, SECRET, { type: 'message', text: '持ち物は?', from: { id: 'citizen-9', name: '花子' } });
    expect(posted.status).toBe(200);
    await dl().until({ conversationId: id, token: SECRET, streamUrl: '' }, /お持ちいただくもの/);
    const list = (await call('GET', `/conversations/${id}/activities`, SECRET)).body.activities;
    expect(list.find((x: any) => x.id === posted.body.id).from).toEqual({ id: 'citizen-9', name: '花子', role: 'user' });
    // An id that is the bot's, or not a plain id, is not taken.
    const posing = await call('POST', `/conversations/${id}/activities`, SECRET, { type: 'typing', from: { id: 'ecert-bot' } });
    const after = (await call('GET', `/conversations/${id}/activities`, SECRET)).body.activities;
    expect(after.find((x: any) => x.id === posing.body.id).from.id).toBe(`web-${id}`);
    expect((await call('GET', `/conversations/${id}`, SECRET)).status).toBe(200);
  });

  it('a second start with the same token answers 200 and sends no second welcome', async () => {
    const token = await dl().pageToken();
    const first = await call('POST', '/conversations', token);
    const second = await call('POST', '/conversations', token);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.conversationId).toBe(first.body.conversationId);
    await until(first.body, /予約窓口/);
    await sleep(500);
    const list = (await call('GET', `/conversations/${first.body.conversationId}/activities`, token)).body.activities;
    expect(list.filter((a: any) => /予約窓口/.test(a.text ?? ''))).toHaveLength(1);
  });

  it('reconnect: the stream URL carries the watermark given, and the stream resumes there (none: from now on)', async () => {
    const conv = await dl().start();
    const page = await until(conv, /予約窓口/);
    await call('POST', `/conversations/${conv.conversationId}/activities`, conv.token, { type: 'message', text: '持ち物は?' });
    const seen = await until(conv, /お持ちいただくもの/);
    const info = await call('GET', `/conversations/${conv.conversationId}?watermark=${page.watermark}`, conv.token);
    expect(info.status).toBe(200);
    expect(info.body).toEqual({ conversationId: conv.conversationId, token: expect.any(String), expires_in: 1800, streamUrl: expect.stringContaining(`stream?watermark=${page.watermark}&t=`) });
    const resumed = await openStream(info.body.streamUrl);
    await sleep(300);
    resumed.close();
    // What came after the watermark, not the welcome before it.
    expect(resumed.got.map((a) => a.id)).toEqual(seen.activities.slice(Number(page.watermark)).map((a: any) => a.id));
    const fromNow = await call('GET', `/conversations/${conv.conversationId}`, conv.token);
    expect(fromNow.body.streamUrl).toContain(`watermark=${seen.watermark}&`);
    const live = await openStream(fromNow.body.streamUrl);
    await sleep(300);
    expect(live.got).toEqual([]);
    await call('POST', `/conversations/${conv.conversationId}/activities`, conv.token, { type: 'message', text: '手数料は?' });
    for (let i = 0; i < 100 && !live.got.some((a) => a.from.role === 'bot'); i++) await sleep(50);
    live.close();
    expect(live.got.map((a) => a.text)).toContain('手数料は?');
    expect((await call('GET', `/conversations/${conv.conversationId}?watermark=abc`, conv.token)).status).toBe(400);
  });

  it('streams activities over the WebSocket at the streamUrl', async () => {
    const conv = await dl().start();
    const s = await openStream(conv.streamUrl);
    expect(s.status).toBe(101);
    await call('POST', `/conversations/${conv.conversationId}/activities`, conv.token, { type: 'message', text: '持ち物は?', from: { id: 'u' } });
    for (let i = 0; i < 100 && !s.got.some((a) => /お持ちいただくもの/.test(a.text ?? '')); i++) await sleep(50);
    s.close();
    const texts = s.got.map((a) => a.text ?? '');
    expect(texts.some((t) => t.includes('予約窓口'))).toBe(true);
    expect(texts).toContain('持ち物は?');
    expect(texts.some((t) => t.includes('お持ちいただくもの'))).toBe(true);
  });

  it('answers a missing or forged credential 401, another conversation’s token 403, in the spec’s error shape', async () => {
    const a = await dl().start();
    const b = await dl().start();
    const forged = `${a.token.slice(0, -4)}AAAA`;
    for (const [method, path] of [['GET', `/conversations/${a.conversationId}/activities`], ['GET', `/conversations/${a.conversationId}`], ['POST', `/conversations/${a.conversationId}/activities`], ['POST', '/tokens/refresh'], ['POST', '/conversations']] as const) {
      const body = method === 'POST' ? { type: 'message', text: 'x' } : undefined;
      for (const token of [undefined, 'forged.token', forged, 'a.b.c']) {
        const r = await call(method, path, token, body);
        expect(r.status, `${method} ${path} ${token}`).toBe(401);
        expect(r.body).toEqual({ error: { code: 'Unauthorized', message: expect.any(String) } });
      }
    }
    for (const [method, path] of [['GET', `/conversations/${a.conversationId}/activities`], ['GET', `/conversations/${a.conversationId}`], ['POST', `/conversations/${a.conversationId}/activities`], ['POST', `/conversations/${a.conversationId}/upload`]] as const) {
      const r = await call(method, path, b.token, method === 'POST' ? { type: 'message', text: 'x' } : undefined);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body).toEqual({ error: { code: 'Forbidden', message: expect.any(String) } });
    }
    const bad = await openStream(a.streamUrl.replace(/t=[^&]+/, 't=forged'));
    expect(bad.status).toBe(401);
    expect((await openStream(a.streamUrl.replace(/t=[^&]+/, `t=${encodeURIComponent(b.token)}`))).status).toBe(403);
    // The secret is taken in a header only, never in a URL.
    expect((await openStream(a.streamUrl.replace(/t=[^&]+/, `t=${SECRET}`))).status).toBe(401);
  });

  it('refuses activities without a type or with too long a text (400), and an event without a name', async () => {
    const a = await dl().start();
    const post = (body: unknown) => call('POST', `/conversations/${a.conversationId}/activities`, a.token, body);
    expect(await post({ text: 'no type' })).toMatchObject({ status: 400, body: { error: { code: 'MissingProperty' } } });
    expect(await post({ type: 'message', text: 'あ'.repeat(3000) })).toMatchObject({ status: 400, body: { error: { code: 'BadArgument' } } });
    expect(await post({ type: 'event', value: 1 })).toMatchObject({ status: 400, body: { error: { code: 'MissingProperty' } } });
  });

  it('passes an event to the bot with its name and value: echoed, and the bot neither answers nor fails', async () => {
    const a = await dl().start();
    await until(a, /予約窓口/);
    const posted = await call('POST', `/conversations/${a.conversationId}/activities`, a.token, { type: 'event', name: 'webchat/join', value: { language: 'ja-JP' } });
    expect(posted.status).toBe(200);
    await sleep(1000);
    const list = (await call('GET', `/conversations/${a.conversationId}/activities`, a.token)).body.activities;
    expect(list.find((x: any) => x.id === posted.body.id)).toMatchObject({ type: 'event', name: 'webchat/join', value: { language: 'ja-JP' } });
    expect(list.filter((x: any) => x.from.role === 'bot')).toHaveLength(1); // the welcome only
    // The event ran a turn through the transcript: the bot saw it.
    const transcript = await svc.app.transcripts.getTranscriptActivities('webchat', a.conversationId);
    expect(transcript.items.some((x) => x.type === 'event' && x.name === 'webchat/join')).toBe(true);
  });

  it('upload asks for a credential like every other operation (401), then refuses files (415)', async () => {
    const a = await dl().start();
    const upload = (token?: string) => call('POST', `/conversations/${a.conversationId}/upload?userId=u`, token);
    expect(await upload()).toMatchObject({ status: 401, body: { error: { code: 'Unauthorized' } } });
    expect(await upload(a.token)).toMatchObject({ status: 415, body: { error: { code: 'UploadNotSupported' } } });
    expect((await upload(SECRET)).status).toBe(415);
  });
});

describe('Direct Line tokens that expire', () => {
  let svc: RunningApp;
  beforeAll(async () => {
    svc = await startApp({ FAKE_NOW, DIRECTLINE_SECRET: SECRET, DIRECTLINE_TOKEN_SECONDS: '1' });
  });
  afterAll(() => svc?.stop());

  it('an expired token is 403 TokenExpired on every operation and cannot be refreshed', async () => {
    const conv = await directLine(svc.url).start();
    expect(conv).toMatchObject({ expires_in: 1 });
    await sleep(1100);
    const call = directLine(svc.url).call;
    for (const [method, path] of [['GET', `/conversations/${conv.conversationId}/activities`], ['GET', `/conversations/${conv.conversationId}`], ['POST', `/conversations/${conv.conversationId}/activities`], ['POST', '/tokens/refresh'], ['POST', '/conversations']] as const) {
      const r = await call(method, path, conv.token, method === 'POST' ? { type: 'message', text: 'x' } : undefined);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body).toEqual({ error: { code: 'TokenExpired', message: expect.any(String) } });
    }
    expect((await openStream(conv.streamUrl)).status).toBe(403);
    // The site's server gets a new token for the conversation with the secret.
    const info = await call('GET', `/conversations/${conv.conversationId}`, SECRET);
    expect((await call('GET', `/conversations/${conv.conversationId}/activities`, info.body.token)).status).toBe(200);
  });
});

describe('Direct Line without a secret: only the page starts conversations', () => {
  let svc: RunningApp;
  beforeAll(async () => {
    svc = await startApp({ FAKE_NOW, TRUST_PROXY: '1', WEBCHAT_TOKENS_PER_IP_PER_MINUTE: '2' });
  });
  afterAll(() => svc?.stop());
  const pageToken = (headers: Record<string, string>) => fetch(`${svc.url}/webchat/token`, { method: 'POST', headers });

  it('gives the page a token for its own origin; tokens/generate hands out none', async () => {
    const call = directLine(svc.url).call;
    expect((await call('POST', '/tokens/generate')).status).toBe(401);
    expect((await call('POST', '/conversations')).status).toBe(401);
    const ip = `192.0.2.${Math.floor(Math.random() * 200) + 1}`;
    const own = await pageToken({ origin: svc.url, 'sec-fetch-site': 'same-origin', 'x-forwarded-for': ip });
    expect(own.status).toBe(200);
    const body = (await own.json()) as { conversationId: string; token: string; expires_in: number };
    expect(claims(body.token)).toMatchObject({ conv: body.conversationId, user: expect.stringMatching(/^dl_/) });
    expect((await call('POST', '/conversations', body.token)).status).toBe(201);
    // Another site, a page that sends no Origin, or a cross-site fetch: refused.
    for (const headers of [{ origin: 'https://evil.example' }, {}, { origin: svc.url, 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
      const r = await pageToken({ ...headers, 'x-forwarded-for': ip });
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(await r.json()).toEqual({ error: { code: 'Forbidden', message: expect.any(String) } });
    }
  });

  it('limits the page’s tokens per address (429 with Retry-After), not its neighbours', async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    const take = (from: string) => pageToken({ origin: svc.url, 'x-forwarded-for': from });
    // Counts are per wall-clock minute: keep away from a window's edge.
    if (60_000 - (Date.now() % 60_000) < 5_000) await sleep(6_000);
    expect((await take(ip)).status).toBe(200);
    expect((await take(ip)).status).toBe(200);
    const refused = await take(ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await take(`203.0.113.${Math.floor(Math.random() * 200) + 1}`)).status).toBe(200);
  });
});

describe.skipIf(!process.env.REDIS_URL)('Direct Line across two instances sharing Redis', () => {
  it('a conversation started on one instance continues on the other, and its stream sees both', async () => {
    const env = { REDIS_URL: process.env.REDIS_URL!, DIRECTLINE_SECRET: SECRET, FAKE_NOW };
    const [a, b] = [await startApp(env), await startApp(env)];
    try {
      const conv = (await directLine(a.url).call('POST', '/conversations', SECRET)).body as WebChat;
      const s = await openStream(conv.streamUrl);
      const posted = await directLine(b.url).call('POST', `/conversations/${conv.conversationId}/activities`, conv.token, { type: 'message', text: '手数料は?', from: { id: 'u' } });
      expect(posted.status).toBe(200);
      for (let i = 0; i < 100 && !s.got.some((x) => /無料|有効期限内/.test(x.text ?? '')); i++) await sleep(50);
      s.close();
      const texts = s.got.map((x) => x.text ?? '');
      expect(texts.some((t) => t.includes('予約窓口'))).toBe(true);
      expect(texts).toContain('手数料は?');
      expect(texts.some((t) => /無料|有効期限内/.test(t))).toBe(true);
      // A token from one instance is good on the other; ids are unique.
      const page = await directLine(b.url).call('GET', `/conversations/${conv.conversationId}/activities?watermark=0`, conv.token);
      expect(new Set(page.body.activities.map((x: any) => x.id)).size).toBe(page.body.activities.length);
      const pageToken = await directLine(a.url).pageToken();
      expect((await directLine(b.url).call('POST', '/conversations', pageToken)).status).toBe(201);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
