// Finding 10: the per-conversation message limit was bypassed by percent-encoding the
// conversation id in the path (`/conversations/%61bc/activities`): the limiter matched the raw
// path, the route decoded it. Replayed on the real service: every spelling of one id counts
// toward the same limit, and a path that is not valid percent-encoding is 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app.js';
import { directLine, type WebChat } from '../support/clients.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const encodeEvery = (s: string) => [...Buffer.from(s)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
const encodeFirst = (s: string) => encodeEvery(s[0]!) + s.slice(1);
const lower = (s: string) => encodeEvery(s).toLowerCase();

describe('the per-conversation limit and percent-encoded ids', () => {
  let svc: RunningApp;
  beforeAll(async () => {
    svc = await startApp({ FAKE_NOW: '2026-11-25T10:00:00+09:00', RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: '3', RATE_LIMIT_PER_IP_PER_MINUTE: '0' });
  });
  afterAll(() => svc?.stop());

  const post = (conv: WebChat, spelled: string) =>
    fetch(`${svc.url}/v3/directline/conversations/${spelled}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${conv.token}` },
      body: JSON.stringify({ type: 'typing', from: { id: 'u' } }),
    });

  it('counts every spelling of one conversation id toward the same limit', async () => {
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 10_000) await sleep(left + 50);
    const conv = await directLine(svc.url).start();
    const id = conv.conversationId;
    // Each spelling reaches the conversation (the route decodes it)…
    for (const spelled of [encodeEvery(id), encodeFirst(id), lower(id)]) expect((await post(conv, spelled)).status, spelled).toBe(200);
    // …and all of them are the same conversation's count.
    for (const spelled of [id, encodeEvery(id), encodeFirst(id), lower(id)]) {
      const refused = await post(conv, spelled);
      expect(refused.status, spelled).toBe(429);
      expect(await refused.json()).toMatchObject({ error: { code: 'rate-limited' } });
    }
  });

  it('answers a conversation path that is not valid percent-encoding with 400, never 5xx', async () => {
    const conv = await directLine(svc.url).start();
    for (const spelled of ['%E0%A4%A', '%', '%ZZ', '%ED%A0%80']) {
      const res = await post(conv, spelled);
      expect(res.status, spelled).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'bad-path' } });
    }
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
  });
});
