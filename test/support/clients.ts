// HTTP clients the way the citizen's Web Chat and the staff console call the service.
import { createHmac } from 'node:crypto';
import { expect } from 'vitest';

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

export interface WebChat {
  conversationId: string;
  token: string;
  streamUrl: string;
}

/** Direct Line over HTTP: start a conversation, post messages, poll what the bot (or staff) said. */
export function directLine(baseUrl: string) {
  const call = async (method: string, path: string, token?: string, body?: unknown): Promise<Reply> => {
    const res = await fetch(`${baseUrl}/v3/directline${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  /** A token as the demo page gets one (its own route, same origin): no secret needed. */
  const pageToken = async (): Promise<string> => {
    const res = await fetch(`${baseUrl}/webchat/token`, { method: 'POST', headers: { origin: new URL(baseUrl).origin } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  };
  const start = async (): Promise<WebChat> => {
    const started = await call('POST', '/conversations', await pageToken());
    expect(started.status).toBe(201);
    return started.body as WebChat;
  };
  const activities = async (conv: WebChat): Promise<any[]> =>
    (await call('GET', `/conversations/${conv.conversationId}/activities?watermark=0`, conv.token)).body.activities;
  /** Polls until a bot (or staff) activity matches; returns every activity so far. */
  const until = async (conv: WebChat, re: RegExp): Promise<any[]> => {
    for (let i = 0; i < 200; i++) {
      const list = await activities(conv);
      if (list.some((a: any) => a.from.role === 'bot' && re.test(a.text ?? ''))) return list;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no bot activity matching ${re}`);
  };
  const send = (conv: WebChat, text: string) => call('POST', `/conversations/${conv.conversationId}/activities`, conv.token, { type: 'message', text, from: { id: 'citizen' } });
  return { call, start, activities, until, send, pageToken };
}

export interface StaffLogin {
  cookie: string;
  csrf: string;
  setCookie: string;
}

/** The staff JSON API with its session cookie and CSRF header. */
export function staffApi(baseUrl: string, account: { user: string; password: string }) {
  const call = async (method: string, path: string, opts: { cookie?: string; csrf?: string; body?: unknown } = {}): Promise<Reply> => {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
        ...(opts.csrf ? { 'x-csrf-token': opts.csrf } : {}),
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  const login = async (as = account): Promise<StaffLogin> => {
    const r = await call('POST', '/api/staff/login', { body: as });
    expect(r.status).toBe(200);
    return { cookie: r.headers.get('set-cookie')!.split(';')[0]!, csrf: r.body.csrfToken as string, setCookie: r.headers.get('set-cookie')! };
  };
  return { call, login };
}

/** A LINE webhook body signed with the channel secret (or a wrong one). */
export function signedLine(secret: string, events: object[], sign: 'good' | 'bad' | 'none' = 'good') {
  const body = JSON.stringify({ destination: 'Ubot', events });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (sign !== 'none') headers['x-line-signature'] = createHmac('sha256', sign === 'good' ? secret : 'other').update(body).digest('base64');
  return { body, headers };
}

let lineEvents = 0;

/** A LINE text message event from one user. */
export function lineText(userId: string, text: string, id = `ev-${Date.now()}-${++lineEvents}`) {
  return {
    type: 'message',
    mode: 'active',
    timestamp: Date.now(),
    source: { type: 'user', userId },
    webhookEventId: id,
    deliveryContext: { isRedelivery: false },
    replyToken: `rt-${id}`,
    message: { type: 'text', id: `m-${id}`, quoteToken: 'q', text },
  };
}

/** Reads Server-Sent Events from a stream until `stop()`; events collect in `events`. */
export async function sseListen(url: string, cookie: string) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal });
  const events: { event: string; data: any }[] = [];
  const done = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    events,
    async waitFor(pred: (e: { event: string; data: any }) => boolean, ms = 5_000) {
      for (let t = 0; t < ms; t += 25) {
        if (events.some(pred)) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`no matching event in ${JSON.stringify(events)}`);
    },
    async stop() {
      controller.abort();
      await done;
    },
  };
}

/**
 * A citizen's web chat from one address (X-Forwarded-For, for a service with TRUST_PROXY=1):
 * `say` posts a line and resolves with everything the bot said in answer, joined.
 */
export async function webChatFrom(baseUrl: string, ip: string) {
  const headers = { 'x-forwarded-for': ip, 'content-type': 'application/json' };
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}/v3/directline${path}`, { method, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return (await res.json()) as any;
  };
  const page = await fetch(`${baseUrl}/webchat/token`, { method: 'POST', headers: { 'x-forwarded-for': ip, origin: new URL(baseUrl).origin } });
  const { token } = (await page.json()) as { token: string };
  const conv = (await call('POST', '/conversations', token)) as WebChat;
  let seen = 0;
  /** What the bot said since last asked: waits for its first message, then for the turn to settle. */
  const botSays = async (): Promise<string> => {
    let count = seen;
    let stable = 0;
    for (let i = 0; i < 250; i++) {
      const list = ((await call('GET', `/conversations/${conv.conversationId}/activities?watermark=0`, conv.token)).activities as any[]).filter((a) => a.from.role === 'bot' && a.type === 'message');
      if (list.length > seen && list.length === count && ++stable >= 3) {
        const fresh = list.slice(seen);
        seen = list.length;
        return fresh.map((a) => a.text).join('\n');
      }
      if (list.length !== count) stable = 0;
      count = list.length;
      await new Promise((r) => setTimeout(r, 30));
    }
    throw new Error('the bot did not answer');
  };
  await botSays(); // the welcome
  return {
    conversationId: conv.conversationId,
    async say(text: string): Promise<string> {
      await call('POST', `/conversations/${conv.conversationId}/activities`, conv.token, { type: 'message', text, from: { id: 'citizen' } });
      return botSays();
    },
  };
}

export type WebChatFrom = Awaited<ReturnType<typeof webChatFrom>>;

/** A caller on the reservation line: Twilio's webhooks, signed as Twilio signs them; resolves with the TwiML. */
export function twilioCaller(baseUrl: string, opts: { authToken: string; publicBaseUrl: string; path: string; callSid: string; from: string }) {
  let query = '';
  return async (input: { Digits?: string; SpeechResult?: string } = {}): Promise<string> => {
    const path = `${opts.path}${query}`;
    const params = { CallSid: opts.callSid, From: opts.from, To: '+81727246920', AccountSid: 'AC' + '0'.repeat(32), ...input };
    const { default: twilio } = await import('twilio');
    const res = await fetch(baseUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(opts.authToken, opts.publicBaseUrl + path, params) },
      body: new URLSearchParams(params).toString(),
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`voice webhook answered ${res.status}: ${body}`);
    query = /action="[^"?]*(\?turn=\d+)"/.exec(body)?.[1] ?? '';
    return body;
  };
}
