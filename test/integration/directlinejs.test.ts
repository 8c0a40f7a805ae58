// Our Direct Line with Microsoft's own client, botframework-directlinejs (what Web Chat runs), in
// Node against the real service: WebSocket and polling, the secret flow and the token flow, a
// booking from start to end, a dropped stream and reconnect() resuming at the watermark with
// nothing shown twice, token refresh, and an expired token reported as ExpiredToken (with a 401
// the client used to stop polling without a word). The client needs the browser's
// XMLHttpRequest (package xhr2) and WebSocket (ws) as globals.
import { createRequire } from 'node:module';
import WebSocket from 'ws';
import { ConnectionStatus, DirectLine, type Activity, type Conversation } from 'botframework-directlinejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app.js';
import { redisUrl } from '../../scripts/lib/databases.js';

const XMLHttpRequest = createRequire(import.meta.url)('xhr2') as unknown;
const SECRET = 'directlinejs-test-secret-0123456789abcdef';
const FAKE_NOW = '2026-11-25T10:00:00+09:00';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const globals = globalThis as Record<string, unknown>;
const saved = { XMLHttpRequest: globals.XMLHttpRequest, WebSocket: globals.WebSocket };
beforeAll(() => {
  globals.XMLHttpRequest = XMLHttpRequest;
  globals.WebSocket = WebSocket;
});
afterAll(() => {
  globals.XMLHttpRequest = saved.XMLHttpRequest;
  globals.WebSocket = saved.WebSocket;
});

/** Streams the client opened, so a test can drop one as a network would. */
class TrackedWebSocket extends WebSocket {
  static opened: TrackedWebSocket[] = [];
  constructor(url: string) {
    super(url);
    TrackedWebSocket.opened.push(this);
  }
}

type Options = ConstructorParameters<typeof DirectLine>[0];

/** One directlinejs client, with everything it emitted. */
function connect(options: Options) {
  const dl = new DirectLine({ pollingInterval: 200, ...options });
  const seen: Activity[] = [];
  const statuses: ConnectionStatus[] = [];
  const subs = [dl.activity$.subscribe((a) => seen.push(a)), dl.connectionStatus$.subscribe((s) => statuses.push(s))];
  const waitFor = async (what: string, found: () => boolean, ms = 15_000) => {
    for (const until = Date.now() + ms; Date.now() < until; await sleep(25)) if (found()) return;
    throw new Error(`waited ${ms} ms for ${what}; saw ${JSON.stringify(seen.map((a) => [a.id, a.type, (a as { text?: string }).text]))}`);
  };
  const botSaid = (re: RegExp) => seen.filter((a) => a.from.role === 'bot' && a.type === 'message' && re.test(a.text ?? ''));
  return {
    dl,
    seen,
    statuses,
    post: (activity: Partial<Activity>) =>
      new Promise<string>((resolve, reject) => dl.postActivity({ from: { id: 'citizen' }, ...activity } as Activity).subscribe(resolve, reject)),
    waitFor,
    botSaid,
    /** Waits until the bot has said something matching `re` `times` times in all. */
    hears: (re: RegExp, times = 1) => waitFor(`the bot to say ${re}`, () => botSaid(re).length >= times),
    /** Posts a line and waits for the answer to it: the bot's message whose replyToId is the posted id. */
    async say(text: string, extra: Partial<Activity> = {}) {
      const id = await this.post({ type: 'message', text, ...extra } as Partial<Activity>);
      await waitFor(`an answer to 「${text}」`, () => seen.some((a) => a.from.role === 'bot' && a.type === 'message' && (a as { replyToId?: string }).replyToId === id));
      return id;
    },
    end() {
      for (const s of subs) s.unsubscribe();
      dl.end();
    },
  };
}

const ids = (list: Activity[]) => list.map((a) => a.id);
const userOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { user?: string }).user;

describe('botframework-directlinejs against our Direct Line', () => {
  let svc: RunningApp;
  beforeAll(async () => {
    svc = await startApp({ FAKE_NOW, DIRECTLINE_SECRET: SECRET });
  });
  afterAll(() => svc?.stop());
  const domain = () => `${svc.url}/v3/directline`;
  const pageToken = async () => {
    const res = await fetch(`${svc.url}/webchat/token`, { method: 'POST', headers: { origin: svc.url } });
    return ((await res.json()) as { token: string }).token;
  };
  /** What the embedding site's server asks with the secret to let a client reconnect. */
  const conversationInfo = async (conversationId: string, watermark: string): Promise<Conversation> => {
    const res = await fetch(`${domain()}/conversations/${conversationId}?watermark=${watermark}`, { headers: { authorization: `Bearer ${SECRET}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as Conversation;
  };

  it('WebSocket, token flow (the page’s token): welcome, the echo under the token’s user, the answer naming the posted activity', async () => {
    const token = await pageToken();
    const c = connect({ token, domain: domain(), webSocket: true });
    try {
      await c.hears(/予約窓口/);
      const id = await c.say('手数料はいくらですか', { from: { id: 'someone-else' }, channelData: { clientActivityID: 'client-1' } } as Partial<Activity>);
      const echo = c.seen.find((a) => a.id === id)!;
      expect(echo).toMatchObject({ type: 'message', text: '手数料はいくらですか', channelData: { clientActivityID: 'client-1' }, from: { role: 'user' } });
      // The page's token names the user: nobody posts as anyone else with it (as on Azure).
      expect(echo.from.id).toBe(userOf(token));
      expect(c.botSaid(/新規発行・更新は無料/).length).toBeGreaterThan(0);
      expect(new Set(ids(c.seen)).size).toBe(c.seen.length);
      expect(c.statuses).toContain(ConnectionStatus.Online);
      expect(c.statuses).not.toContain(ConnectionStatus.FailedToConnect);
    } finally {
      c.end();
    }
  });

  it('polling, secret flow: the client’s own user id is kept, an event keeps its name and value and gets no answer, the welcome comes once', async () => {
    const c = connect({ secret: SECRET, domain: domain(), webSocket: false });
    try {
      await c.hears(/予約窓口/);
      const id = await c.say('持ち物は?', { from: { id: 'citizen-42', name: '箕面 花子' } } as Partial<Activity>);
      expect(c.seen.find((a) => a.id === id)!.from).toMatchObject({ id: 'citizen-42', role: 'user' });
      const before = c.botSaid(/./).length;
      const joined = await c.post({ type: 'event', name: 'webchat/join', value: { language: 'ja-JP' }, from: { id: 'citizen-42' } } as Partial<Activity>);
      await c.waitFor('the event’s echo', () => c.seen.some((a) => a.id === joined));
      expect(c.seen.find((a) => a.id === joined)).toMatchObject({ type: 'event', name: 'webchat/join', value: { language: 'ja-JP' }, from: { id: 'citizen-42' } });
      await sleep(1500);
      // The bot ignores events: no second welcome, no answer, no apology.
      expect(c.botSaid(/./).length).toBe(before);
      expect(c.botSaid(/予約窓口/)).toHaveLength(1);
      // And the conversation goes on.
      await c.say('手数料は?');
    } finally {
      c.end();
    }
  });

  it('books 12月3日(木) 10:30〜11:00 end to end over the WebSocket', async () => {
    const c = connect({ token: await pageToken(), domain: domain(), webSocket: true });
    try {
      await c.hears(/予約窓口/);
      const steps: [string, RegExp][] = [
        ['通知書が届いたので12月3日の10時半に予約したい', /カード本体/],
        ['いいえ', /ご本人が窓口に/],
        ['はい', /誕生日/],
        ['5月3日', /電話番号を/],
        ['090-1234-5678', /メールアドレス/],
        ['taro@example.jp', /よろしいですか/],
        ['はい', /予約が完了しました/],
      ];
      for (const [text, expected] of steps) {
        await c.say(text);
        await c.hears(expected);
      }
      const day = await svc.app.ledger.ledger.listByDate('2026-12-03');
      expect(day.map((r) => [r.start, r.channel, r.email])).toEqual([['10:30', 'web', 'taro@example.jp']]);
      expect(new Set(ids(c.seen)).size).toBe(c.seen.length);
    } finally {
      c.end();
    }
  });

  it('a dropped stream reconnects at the watermark (GET /conversations/{id}?watermark=…): nothing is shown twice', async () => {
    TrackedWebSocket.opened = [];
    // random() = 0: the client's shortest wait before reconnecting (3 s).
    const c = connect({ token: await pageToken(), domain: domain(), webSocket: true, WebSocket: TrackedWebSocket as never, random: () => 0 });
    try {
      await c.hears(/予約窓口/);
      await c.say('持ち物は?');
      await sleep(300);
      const before = c.seen.length;
      expect(TrackedWebSocket.opened).toHaveLength(1);
      TrackedWebSocket.opened[0]!.terminate();
      await c.waitFor('a second stream', () => TrackedWebSocket.opened.length === 2 && TrackedWebSocket.opened[1]!.readyState === WebSocket.OPEN, 20_000);
      expect(TrackedWebSocket.opened[1]!.url).toMatch(/[?&]watermark=\d+&/);
      await sleep(300);
      // Nothing replayed from the history.
      expect(c.seen.length).toBe(before);
      await c.say('手数料は?');
      await sleep(5000);
      console.log(TrackedWebSocket.opened.map((w) => [w.url.replace(/t=.*/, ''), w.readyState]), c.statuses, ids(c.seen));
      expect(new Set(ids(c.seen)).size).toBe(c.seen.length);
      expect(c.botSaid(/予約窓口/)).toHaveLength(1);
    } finally {
      c.end();
    }
  });

  it('refreshes its token with tokens/refresh; the new token carries on the conversation', async () => {
    const token = await pageToken();
    const c = connect({ token, domain: domain(), webSocket: true });
    try {
      await c.hears(/予約窓口/);
      // The client's own refresh (it runs every 15 minutes), called now.
      const refreshed = await new Promise<string>((resolve, reject) => (c.dl as unknown as { refreshToken(): { subscribe(n: (t: string) => void, e: (x: unknown) => void): void } }).refreshToken().subscribe(resolve, reject));
      expect(refreshed).not.toBe(token);
      expect(userOf(refreshed)).toBe(userOf(token));
      (c.dl as unknown as { token: string }).token = refreshed; // as its refresh loop does
      await c.say('手数料は?');
    } finally {
      c.end();
    }
  });

  it('starts a second time with the same token: 200, not a new conversation, and no second welcome', async () => {
    const token = await pageToken();
    const c = connect({ token, domain: domain(), webSocket: true });
    try {
      await c.hears(/予約窓口/);
      const again = await fetch(`${domain()}/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(again.status).toBe(200);
      expect(((await again.json()) as Conversation).conversationId).toBe((c.dl as unknown as { conversationId: string }).conversationId);
      await sleep(1000);
      expect(c.botSaid(/予約窓口/)).toHaveLength(1);
    } finally {
      c.end();
    }
  });

  it('reconnect() with conversation info the site’s server fetched resumes at the watermark', async () => {
    const c = connect({ token: await pageToken(), domain: domain(), webSocket: true });
    let d: ReturnType<typeof connect> | undefined;
    try {
      await c.hears(/予約窓口/);
      await c.say('持ち物は?');
      await sleep(300);
      const conversationId = (c.dl as unknown as { conversationId: string }).conversationId;
      const watermark = (c.dl as unknown as { watermark: string }).watermark;
      c.end();
      // A new page load that keeps the conversation: the site's server asks with the secret.
      const info = await conversationInfo(conversationId, watermark);
      expect(info.streamUrl).toContain(`watermark=${watermark}&`);
      d = connect({ token: info.token, conversationId, streamUrl: info.streamUrl, watermark, domain: domain(), webSocket: true });
      await d.say('手数料は?');
      // Only what came after the watermark: the new line and its answer, not the history.
      expect(d.botSaid(/予約窓口/)).toHaveLength(0);
      expect(ids(d.seen).filter((id) => ids(c.seen).includes(id))).toEqual([]);
    } finally {
      c.end();
      d?.end();
    }
  });
});

describe('botframework-directlinejs and an expired token', () => {
  let svc: RunningApp;
  beforeAll(async () => {
    svc = await startApp({ FAKE_NOW, DIRECTLINE_SECRET: SECRET, DIRECTLINE_TOKEN_SECONDS: '3' });
  });
  afterAll(() => svc?.stop());
  const domain = () => `${svc.url}/v3/directline`;
  const pageToken = async () => ((await (await fetch(`${svc.url}/webchat/token`, { method: 'POST', headers: { origin: svc.url } })).json()) as { token: string }).token;

  it('polling: the client’s status goes to ExpiredToken (403 TokenExpired), not a silent stop', async () => {
    const c = connect({ token: await pageToken(), domain: domain(), webSocket: false });
    try {
      await c.hears(/予約窓口/);
      await c.waitFor('ExpiredToken', () => c.statuses.includes(ConnectionStatus.ExpiredToken), 8_000);
      expect(c.statuses).not.toContain(ConnectionStatus.FailedToConnect);
    } finally {
      c.end();
    }
  });

  it('WebSocket: a post with the expired token turns the status to ExpiredToken; reconnect() with a new token goes on, no history replayed', async () => {
    TrackedWebSocket.opened = [];
    const c = connect({ token: await pageToken(), domain: domain(), webSocket: true, WebSocket: TrackedWebSocket as never, random: () => 0 });
    try {
      await c.hears(/予約窓口/);
      await sleep(3500);
      const failed = await c.post({ type: 'message', text: '手数料は?' });
      expect(failed).toBe('retry'); // what directlinejs answers a post refused as expired
      expect(c.statuses.at(-1)).toBe(ConnectionStatus.ExpiredToken);
      const conversationId = (c.dl as unknown as { conversationId: string }).conversationId;
      const watermark = (c.dl as unknown as { watermark: string }).watermark;
      const res = await fetch(`${domain()}/conversations/${conversationId}?watermark=${watermark}`, { headers: { authorization: `Bearer ${SECRET}` } });
      const history = ids(c.seen);
      c.dl.reconnect((await res.json()) as Conversation);
      expect(c.statuses.at(-1)).toBe(ConnectionStatus.Online);
      await c.say('手数料は?');
      await sleep(500);
      // directlinejs opens a stream on every change of status (here ExpiredToken, then Online), so
      // what is new may arrive on two of its streams (Web Chat keeps one per id); what came before
      // the watermark is never sent again.
      for (const id of history) expect(ids(c.seen).filter((x) => x === id)).toHaveLength(1);
      expect(TrackedWebSocket.opened.filter((w) => w.url.includes(`watermark=${watermark}&`)).length).toBeGreaterThan(0);
      expect(c.botSaid(/予約窓口/)).toHaveLength(1);
    } finally {
      c.end();
    }
  });
});

describe.skipIf(!redisUrl)('botframework-directlinejs across two instances sharing Redis (secret flow)', () => {
  it('a conversation started on one instance goes on through the other; each stream sees both', async () => {
    const env = { REDIS_URL: redisUrl!, DIRECTLINE_SECRET: SECRET, FAKE_NOW };
    const [a, b] = [await startApp(env), await startApp(env)];
    const onA = connect({ secret: SECRET, domain: `${a.url}/v3/directline`, webSocket: true });
    let onB: ReturnType<typeof connect> | undefined;
    try {
      await onA.hears(/予約窓口/);
      await onA.say('持ち物は?', { from: { id: 'citizen-7' } } as Partial<Activity>);
      await sleep(300);
      const conversationId = (onA.dl as unknown as { conversationId: string }).conversationId;
      const watermark = (onA.dl as unknown as { watermark: string }).watermark;
      // The same conversation from the other instance: the client reconnects there with the secret.
      onB = connect({ secret: SECRET, conversationId, watermark, domain: `${b.url}/v3/directline`, webSocket: true });
      const id = await onB.say('手数料は?', { from: { id: 'citizen-7' } } as Partial<Activity>);
      // A's stream saw B's line and its answer (pub/sub), B's saw no history.
      await onA.waitFor('B’s line on A’s stream', () => onA.seen.some((x) => x.id === id));
      await onA.hears(/無料/);
      expect(onB.botSaid(/予約窓口/)).toHaveLength(0);
      expect(onA.seen.find((x) => x.id === id)!.from.id).toBe('citizen-7');
      for (const c of [onA, onB]) expect(new Set(ids(c.seen)).size).toBe(c.seen.length);
    } finally {
      onA.end();
      onB?.end();
      await a.stop();
      await b.stop();
    }
  });
});
