// Hostile input at every public door of the whole service: thousands of random and malformed
// requests (forged signatures and tokens, huge and deep bodies, bad JSON, wrong content types,
// control characters, lone surrogates, duplicate headers, broken HTTP). No answer may be a 5xx,
// the service must stay healthy, and its memory must not keep growing.
// The run is seeded: FUZZ_SEED=<n> replays one; FUZZ_REQUESTS=<n> makes it longer.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINE_WEBHOOK_PATH, TWILIO_VOICE_PATH } from '../../adapters/app.js';
import { startApp, type RunningApp } from '../support/app.js';
import { startFakeLine } from '../support/fake-line.js';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const CONCURRENCY = 20;
const HEAP_GROWTH_LIMIT = 64 * 1024 * 1024;
const TWILIO_TOKEN = 'fuzz-twilio-token';
const PUBLIC = 'https://ecert.example.jp';
const LINE_SECRET = 'fuzz-line-secret';
const DL_SECRET = 'fuzz-directline-secret-0123456789abcdef';
const STAFF = { user: 'fuzzadmin', password: 'correct horse battery staple' };

// mulberry32: small, fast and the same on every machine.
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

interface FuzzRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body?: Buffer;
  /** Sent as raw bytes over a socket (malformed HTTP). */
  raw?: Buffer;
}

interface Outcome {
  status: number | 'error' | 'timeout';
  detail?: string;
}

// ---- junk ----------------------------------------------------------------------------------

const WORDS = ['予約したい', 'はい', 'いいえ', '12月3日の10時', '手数料は?', '090-1234-5678', '3月3日', 'キャンセル', '担当者', '持ち物', 'ｱｲｳ', '①②③', '𠮷野家', '🙂', '👨‍👩‍👧‍👦', '🇯🇵'];
const NASTY = ['\u0000', '\u0001', '\u001b[31m', '\u007f', '\u200b', '\u202e', '\ufeff', '\ud800', '\udfff', '\udbff\udfff', '\r\n', '\t', '%00', '%E3%81', '../../etc/passwd', "'; DROP TABLE reservations; --", '<script>alert(1)</script>', '{{7*7}}', '${jndi:ldap://x}', '__proto__', 'constructor', 'NaN', '-1', '1e308', '9'.repeat(40), ' ', ''];

function junkString(r: Rng): string {
  switch (r.int(8)) {
    case 0:
      return r.pick(NASTY);
    case 1:
      return r.pick(WORDS);
    case 2:
      return Array.from({ length: 1 + r.int(6) }, () => r.pick([...WORDS, ...NASTY])).join(r.pick(['', ' ', '\n', '、']));
    case 3:
      return String.fromCharCode(...Array.from({ length: 1 + r.int(40) }, () => r.int(0x10000)));
    case 4:
      return r.pick(['あ', 'a', '🙂', '\ud800', 'x\u0000']).repeat(r.pick([100, 1000, 2000, 2001, 5000]));
    case 5:
      return r.pick(['あ', 'a']).repeat(r.chance(0.3) ? 100_000 : 20_000);
    case 6:
      return String(r.pick([0, -1, 1.5, 2 ** 53, 1e21, Number.MAX_SAFE_INTEGER]));
    default:
      return r.pick(['2026-12-01', '2026-02-30', '12/01', '2026-12-01T09:00:00+09:00', '0000-00-00', '9999-12-31', '2026-1-1']);
  }
}

function junkValue(r: Rng, depth = 0): unknown {
  const n = r.int(depth > 3 ? 5 : 8);
  if (n === 0) return null;
  if (n === 1) return r.chance(0.5);
  if (n === 2) return r.pick([0, -1, 1e308, -0, 3.14, 2 ** 63]);
  if (n <= 4) return junkString(r);
  if (n === 5) return Array.from({ length: r.int(4) }, () => junkValue(r, depth + 1));
  return Object.fromEntries(Array.from({ length: r.int(5) }, () => [r.chance(0.2) ? r.pick(['__proto__', 'constructor', 'type', 'text', '']) : junkString(r).slice(0, 30), junkValue(r, depth + 1)]));
}

/** Percent-encodes, writing a lone surrogate as the invalid UTF-8 bytes it would be. */
function enc(s: string): string {
  return Array.from(s, (ch) => {
    try {
      return encodeURIComponent(ch);
    } catch {
      return '%ED%A0%80';
    }
  }).join('');
}

function deep(n: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n);
}

/** A body in some shape a client might (or should never) send, with its content type. */
function junkBody(r: Rng, shaped?: () => unknown): { body: Buffer; type?: string } {
  const json = (v: unknown) => ({ body: Buffer.from(JSON.stringify(v)), type: 'application/json' });
  switch (r.int(14)) {
    case 0:
    case 1:
    case 2:
      return shaped ? json(shaped()) : json(junkValue(r));
    case 3:
      return json(junkValue(r));
    case 4:
      return { body: Buffer.from(r.pick(['{bad', '{"a":', '[1,]', "{'a':1}", 'null', '"str"', '1', 'true', '{"a":1}{"b":2}', '\u0000{}', ''])), type: 'application/json' };
    case 5:
      return { body: Buffer.from(deep(r.pick([40, 500, 5000, 20_000]), r.pick(['array', 'object'] as const))), type: 'application/json' };
    case 6:
      return { body: Buffer.alloc(r.pick([65_537, 200_000, 1_000_000]), r.pick(['a', '{', '['])), type: r.pick(['application/json', 'application/x-www-form-urlencoded', 'text/plain']) };
    case 7:
      return { body: Buffer.from([0xed, 0xa0, 0x80, 0xff, 0xfe, 0xc0, 0xaf, 0x22, 0x7b]), type: r.pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded']) };
    case 8:
      return { body: Buffer.from(new URLSearchParams(Object.entries({ [junkString(r).slice(0, 20)]: junkString(r), CallSid: 'CA' + 'f'.repeat(32) })).toString()), type: 'application/x-www-form-urlencoded' };
    case 9:
      return { body: Buffer.from(r.pick(['a[b][c][d][e][f][g]=1', 'a[]=1&a[]=2&a=3', '__proto__[x]=1', 'constructor[prototype][x]=1', '%E3%81=%ZZ', '&&&==&', 'a=' + '%'.repeat(1000)])), type: 'application/x-www-form-urlencoded' };
    case 10:
      return { body: Buffer.from(junkString(r)), type: r.pick(['text/plain', 'application/xml', 'text/html; charset=shift_jis', 'image/png', 'application/octet-stream', 'multipart/form-data; boundary=zz', 'application/vnd.api+json', 'application/json; charset=utf-16', ';;;', 'x'.repeat(300)]) };
    case 11:
      return { body: Buffer.from(JSON.stringify({ a: 1 })), type: undefined };
    case 12:
      return json(Array.from({ length: r.int(3000) }, () => r.pick(['x', 1, null, {}])));
    default:
      return { body: Buffer.alloc(0), type: r.pick([undefined, 'application/json', 'application/x-www-form-urlencoded']) };
  }
}

// ---- the doors -----------------------------------------------------------------------------

interface Material {
  conversations: { conversationId: string; token: string }[];
  expiredToken: string;
  staff: { cookie: string; csrf: string };
  reservationNumbers: string[];
}

/** A Direct Line token signed as the service signs them (its key derived from the secret), with any claims. */
function mintToken(conversationId: unknown, expiresAt: number): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ conv: conversationId, exp: expiresAt })).toString('base64url');
  const key = createHmac('sha256', DL_SECRET).update('direct-line-token-key-v1').digest();
  return `${header}.${payload}.${createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url')}`;
}

function junkToken(r: Rng, m: Material): string {
  const conv = r.pick(m.conversations);
  switch (r.int(9)) {
    case 0:
      return `Bearer ${conv.token}`;
    case 1:
      return `Bearer ${m.expiredToken}`;
    case 2:
      return `Bearer ${conv.token.slice(0, -2)}xx`;
    case 3:
      return `Bearer ${mintToken(r.pick([conv.conversationId, 123, null, {}, '']), r.pick([0, 2 ** 60, -1]))}`;
    case 4:
      return `Bearer ${Buffer.from('{"c":"x","e":99999999999}').toString('base64url')}.${'A'.repeat(43)}`;
    case 5:
      return r.pick(['', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer ....', 'Bearer ' + 'a'.repeat(8000) + '.b']);
    case 6:
      return conv.token;
    case 7:
      return `Bearer ${junkString(r).replace(/[^\x20-\x7e]/g, '').slice(0, 200)}`;
    default:
      return `Bearer ${r.pick(m.conversations).token}`;
  }
}

const withType = (headers: Record<string, string | string[]>, type?: string) => (type ? { ...headers, 'content-type': type } : headers);

function directLine(r: Rng, m: Material): FuzzRequest {
  const conv = r.pick(m.conversations);
  const id = r.chance(0.8) ? conv.conversationId : enc(junkString(r).slice(0, 300)) || 'x';
  const headers: Record<string, string | string[]> = r.chance(0.9) ? { authorization: junkToken(r, m) } : {};
  if (r.chance(0.05)) headers.authorization = [junkToken(r, m), junkToken(r, m)];
  const { body, type } = junkBody(r, () => ({
    type: r.pick(['message', 'message', 'typing', 'event', 'conversationUpdate', junkString(r).slice(0, 20)]),
    text: r.chance(0.8) ? junkString(r).slice(0, r.pick([50, 2000, 2001])) : junkValue(r),
    from: r.chance(0.5) ? { id: junkString(r).slice(0, 50), name: junkValue(r) } : junkValue(r),
    value: r.chance(0.3) ? junkValue(r) : undefined,
    channelData: r.chance(0.5) ? { clientActivityID: junkValue(r) } : junkValue(r),
  }));
  const base = '/v3/directline';
  switch (r.int(8)) {
    case 0:
      return { kind: 'dl-generate', method: 'POST', path: `${base}/tokens/generate`, headers: withType(headers, type), ...(r.chance(0.5) ? { body } : {}) };
    case 1:
      return { kind: 'dl-refresh', method: 'POST', path: `${base}/tokens/refresh`, headers: withType(headers, type), body };
    case 2:
      return { kind: 'dl-start', method: 'POST', path: `${base}/conversations`, headers: withType(headers, type), body };
    case 3:
      return { kind: 'dl-get', method: 'GET', path: `${base}/conversations/${id}`, headers };
    case 4:
      return { kind: 'dl-activities', method: 'GET', path: `${base}/conversations/${id}/activities?watermark=${enc(junkString(r).slice(0, 40))}`, headers };
    case 5:
      return { kind: 'dl-upload', method: 'POST', path: `${base}/conversations/${id}/upload`, headers: withType(headers, type), body };
    default:
      return { kind: 'dl-post', method: 'POST', path: `${base}/conversations/${id}/activities`, headers: withType(headers, type), body };
  }
}

function twilioVoice(r: Rng): FuzzRequest {
  const query = r.pick(['', '?turn=1', '?turn=2&noinput=1', `?turn=${enc(junkString(r).slice(0, 30))}`, '?turn[]=1', '?turn=1e308', '?turn=-5']);
  const path = TWILIO_VOICE_PATH + query;
  const sid = r.pick(['CA' + 'a'.repeat(32), 'CA' + r.int(1e9).toString(36).padEnd(32, '0'), 'CA1', '', junkString(r).slice(0, 60)]);
  const params: Record<string, string> = { CallSid: sid, AccountSid: 'AC' + '0'.repeat(32) };
  if (r.chance(0.7)) params.From = r.pick(['+819011112222', 'anonymous', '', '+1', junkString(r).slice(0, 40)]);
  if (r.chance(0.5)) params.SpeechResult = junkString(r).slice(0, r.pick([20, 500, 5000]));
  if (r.chance(0.4)) params.Digits = r.pick(['1', '0503', '#', '*', junkString(r).slice(0, 20)]);
  if (r.chance(0.2)) params.Confidence = junkString(r).slice(0, 10);
  // Signed as Twilio signs (a bot turn runs), forged, missing or duplicated.
  const sign = r.int(10);
  const headers: Record<string, string | string[]> = {};
  const good = twilio.getExpectedTwilioSignature(TWILIO_TOKEN, PUBLIC + path, params);
  if (sign <= 1) headers['x-twilio-signature'] = good;
  else if (sign <= 4) headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature('not-the-token', PUBLIC + path, params);
  else if (sign === 5) headers['x-twilio-signature'] = [good, good];
  else if (sign === 6) headers['x-twilio-signature'] = junkString(r).replace(/[^\x20-\x7e]/g, '').slice(0, 100);
  if (sign <= 2 || r.chance(0.5)) return { kind: sign <= 1 ? 'twilio-signed' : 'twilio', method: 'POST', path, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(new URLSearchParams(params).toString()) };
  const { body, type } = junkBody(r, () => params);
  return { kind: 'twilio-junk', method: r.pick(['POST', 'POST', 'GET', 'PUT']), path, headers: withType(headers, type), body };
}

function lineWebhook(r: Rng): FuzzRequest {
  const event = () => ({
    type: r.pick(['message', 'message', 'postback', 'follow', 'unfollow', 'join', 'beacon', junkString(r).slice(0, 10)]),
    mode: r.pick(['active', 'standby']),
    timestamp: r.pick([Date.now(), -1, 'x', 1e20, null]),
    source: r.pick([{ type: 'user', userId: 'U' + r.int(50).toString(16).padStart(32, '0') }, { type: 'group', groupId: 'C1' }, {}, null, { type: 'user', userId: junkValue(r) }]),
    webhookEventId: r.chance(0.8) ? `fz-${r.int(1e12)}` : junkValue(r),
    deliveryContext: { isRedelivery: r.chance(0.1) },
    replyToken: r.chance(0.8) ? `rt-${r.int(1e9)}` : junkValue(r),
    message: r.pick([{ type: 'text', id: '1', text: junkString(r).slice(0, 5000) }, { type: 'sticker', id: '2' }, { type: 'text' }, junkValue(r), null]),
    postback: r.pick([{ data: junkString(r).slice(0, 300) }, { data: 'pick-date', params: { date: r.pick(['2026-12-03', '2026-13-45', 'x', '']) } }, { data: 'pick-date', params: junkValue(r) }, junkValue(r)]),
  });
  const shaped = () => ({ destination: 'Ubot', events: r.chance(0.9) ? Array.from({ length: r.int(3) }, event) : junkValue(r) });
  const { body, type } = r.chance(0.6) ? { body: Buffer.from(JSON.stringify(shaped())), type: 'application/json' } : junkBody(r, shaped);
  const signed = r.chance(0.35);
  const headers: Record<string, string | string[]> = {};
  const good = createHmac('sha256', LINE_SECRET).update(body).digest('base64');
  if (signed) headers['x-line-signature'] = good;
  else if (r.chance(0.7)) headers['x-line-signature'] = r.pick([createHmac('sha256', 'forged').update(body).digest('base64'), '', 'x'.repeat(500), good.slice(1)]);
  else if (r.chance(0.3)) headers['x-line-signature'] = [good, good];
  return { kind: signed ? 'line-signed' : 'line', method: 'POST', path: LINE_WEBHOOK_PATH, headers: withType(headers, type), body };
}

function staffApi(r: Rng, m: Material): FuzzRequest {
  const authed = r.chance(0.4);
  const headers: Record<string, string | string[]> = {};
  if (authed) headers.cookie = r.chance(0.9) ? m.staff.cookie : `${m.staff.cookie}; ecert_staff=other`;
  else if (r.chance(0.5)) headers.cookie = r.pick(['ecert_staff=' + 'A'.repeat(43), 'ecert_staff=', 'ecert_staff=%00', 'a=b; ecert_staff=' + junkString(r).replace(/[^\x21-\x7e]/g, '').slice(0, 100), 'x'.repeat(4000)]);
  if (authed && r.chance(0.8)) headers['x-csrf-token'] = r.chance(0.8) ? m.staff.csrf : 'wrong';
  const number = r.chance(0.5) ? r.pick(m.reservationNumbers) : enc(junkString(r).slice(0, 30)) || '0';
  const { body, type } = junkBody(r, () => ({ user: r.chance(0.3) ? STAFF.user : junkValue(r), password: junkValue(r), birthday: r.pick(['05-03', '13-45', '02-30', junkValue(r)]) }));
  switch (r.int(7)) {
    case 0:
      // Only ill-shaped logins: a well-formed one costs a deliberate scrypt and locks the account.
      return { kind: 'staff-login', method: 'POST', path: '/api/staff/login', headers: withType(headers, type), body: r.chance(0.5) ? Buffer.from(JSON.stringify({ user: junkValue(r) })) : body };
    case 1:
      return { kind: 'staff-session', method: 'GET', path: '/api/staff/session', headers };
    case 2:
      return { kind: 'staff-list', method: 'GET', path: `/api/staff/reservations?date=${enc(junkString(r).slice(0, 40))}`, headers };
    case 3:
      return { kind: 'staff-list', method: 'GET', path: `/api/staff/reservations?date=2026-12-01&date=2026-12-02`, headers };
    case 4:
      return { kind: 'staff-logout', method: 'POST', path: '/api/staff/logout', headers: { ...withType(headers, type), 'x-csrf-token': 'wrong' }, body };
    default:
      return { kind: 'staff-action', method: 'POST', path: `/api/staff/reservations/${number}/${r.pick(['check-in', 'no-show', 'cancel', 'delete', ''])}`, headers: withType(headers, type), body };
  }
}

function availability(r: Rng): FuzzRequest {
  const params = Array.from({ length: r.int(5) }, () => `${r.pick(['from', 'to', 'channel', 'channel[]', 'from[a]', enc(junkString(r).slice(0, 10))])}=${enc(r.chance(0.3) ? r.pick(['web', 'line', 'phone', '2026-12-01', '2026-12-31']) : junkString(r).slice(0, 200))}`);
  if (r.chance(0.2)) params.push('%ZZ=%E3%81', 'a=' + 'b'.repeat(10_000));
  const method = r.chance(0.8) ? 'GET' : r.pick(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
  const { body, type } = junkBody(r);
  return { kind: 'availability', method, path: `/api/availability?${params.join('&')}`, headers: withType({}, method === 'GET' || method === 'HEAD' ? undefined : type), ...(method !== 'GET' && method !== 'HEAD' ? { body } : {}) };
}

function elsewhere(r: Rng): FuzzRequest {
  const path = r.pick(['/', '/staff', '/staff/', '/healthz', '/readyz', '/index.html', '/.env', '/api', '/api/messages', '/v3/directline', '/api/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/' + enc(junkString(r).slice(0, 100)), '/' + 'a/'.repeat(2000), '//healthz', '/?' + 'q='.repeat(3000)]);
  const method = r.pick(['GET', 'GET', 'GET', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH']);
  const { body, type } = junkBody(r);
  return { kind: 'other', method, path, headers: withType({}, method === 'GET' || method === 'HEAD' ? undefined : type), ...(method !== 'GET' && method !== 'HEAD' ? { body } : {}) };
}

/** Malformed HTTP, written straight to a socket: Node's parser must answer (4xx) or hang up. */
function brokenHttp(r: Rng): FuzzRequest {
  const raws = [
    'GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET / HTTP/9.9\r\nHost: x\r\n\r\n',
    'FOO / HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
    `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    'POST /api/staff/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nabcdefg',
    'POST /api/staff/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
    'POST /api/line/webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n',
    'POST /v3/directline/tokens/generate HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
    'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
  ];
  return { kind: 'raw', method: 'RAW', path: '', headers: {}, raw: Buffer.from(r.pick(raws), 'latin1') };
}

function randomRequest(r: Rng, m: Material): FuzzRequest {
  const door = r.next();
  let req: FuzzRequest;
  if (door < 0.22) req = directLine(r, m);
  else if (door < 0.38) req = twilioVoice(r);
  else if (door < 0.52) req = lineWebhook(r);
  else if (door < 0.68) req = staffApi(r, m);
  else if (door < 0.85) req = availability(r);
  else if (door < 0.98) req = elsewhere(r);
  else req = brokenHttp(r);
  // Now and then a duplicated or odd header on top.
  if (!req.raw && r.chance(0.05)) req.headers['content-type'] = ['application/json', 'text/plain'];
  if (!req.raw && r.chance(0.03)) req.headers['content-encoding'] = r.pick(['gzip', 'deflate', 'br', 'identity', 'x']);
  if (!req.raw && r.chance(0.02)) req.headers['content-md5'] = 'AAAA';
  if (!req.raw && r.chance(0.03)) req.headers['x-forwarded-for'] = [junkString(r).replace(/[^\x20-\x7e]/g, ''), '1.2.3.4'];
  return req;
}

// ---- sending -------------------------------------------------------------------------------

function send(base: URL, agent: http.Agent, req: FuzzRequest): Promise<Outcome> {
  if (req.raw) return sendRaw(base, req.raw);
  return new Promise((resolve) => {
    const headers = { ...req.headers, ...(req.body ? { 'content-length': String(req.body.length) } : {}) };
    let settled = false;
    const done = (o: Outcome) => {
      if (!settled) (settled = true), resolve(o);
    };
    let r: http.ClientRequest;
    try {
      r = http.request({ host: base.hostname, port: base.port, method: req.method, path: req.path, headers, agent, timeout: 20_000 }, (res) => {
        res.resume();
        res.on('end', () => done({ status: res.statusCode ?? 0 }));
        res.on('error', (e) => done({ status: 'error', detail: e.message }));
      });
    } catch (e) {
      // The client itself refused to write it (an invalid header): nothing reached the server.
      return done({ status: 0, detail: (e as Error).message });
    }
    r.on('timeout', () => (r.destroy(), done({ status: 'timeout' })));
    r.on('error', (e) => done({ status: 'error', detail: (e as NodeJS.ErrnoException).code ?? e.message }));
    r.end(req.body);
  });
}

function sendRaw(base: URL, raw: Buffer): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(base.port), base.hostname);
    let head = '';
    const timer = setTimeout(() => (socket.destroy(), resolve({ status: 'timeout' })), 20_000);
    socket.on('data', (d) => (head += d.toString('latin1').slice(0, 200)));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const m = /^HTTP\/1\.1 (\d{3})/.exec(head);
      resolve({ status: m ? Number(m[1]) : 0, detail: m ? undefined : 'hung up without an answer' });
    });
    socket.end(raw);
  });
}

function describeRequest(req: FuzzRequest): string {
  const body = (req.raw ?? req.body)?.toString('utf8') ?? '';
  return `${req.kind} ${req.method} ${req.path.slice(0, 200)} headers=${JSON.stringify(req.headers).slice(0, 300)} body(${body.length})=${JSON.stringify(body.slice(0, 300))}`;
}

function collectGarbage(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

// ---- the run -------------------------------------------------------------------------------

describe('hostile input at every door', () => {
  let svc: RunningApp;
  let line: Awaited<ReturnType<typeof startFakeLine>>;
  const material: Material = { conversations: [], expiredToken: '', staff: { cookie: '', csrf: '' }, reservationNumbers: [] };

  beforeAll(async () => {
    line = await startFakeLine();
    svc = await startApp({
      FAKE_NOW: '2026-12-01T09:05:00+09:00',
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      PUBLIC_BASE_URL: PUBLIC,
      LINE_CHANNEL_SECRET: LINE_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: 'fuzz-line-token',
      LINE_API_BASE_URL: line.url,
      DIRECTLINE_SECRET: DL_SECRET,
      STAFF_ADMIN_USER: STAFF.user,
      STAFF_ADMIN_PASSWORD: STAFF.password,
      // The limits are proven in rate-limit.test.ts; here they would only hide the routes.
      RATE_LIMIT_PER_IP_PER_MINUTE: '100000000',
      RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: '100000000',
    });
    const post = async (path: string, token?: string) =>
      (await fetch(svc.url + path, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} })).json() as Promise<{ conversationId: string; token: string }>;
    for (let i = 0; i < 4; i++) material.conversations.push(await post('/v3/directline/conversations', (await post('/v3/directline/tokens/generate', DL_SECRET)).token));
    // An hour before the service's clock starts (FAKE_NOW).
    material.expiredToken = mintToken(material.conversations[0]!.conversationId, Math.floor(Date.parse('2026-12-01T09:05:00+09:00') / 1000) - 3600);
    const login = await fetch(`${svc.url}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(STAFF) });
    material.staff = { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await login.json()) as { csrfToken: string }).csrfToken };
    const now = new Date('2026-11-25T10:00:00+09:00');
    for (const start of ['10:00', '10:30']) {
      const r = await svc.app.desk.book({ date: '2026-12-01', start, channel: 'phone', holder: { birthday: '05-03', phone: '09012345678' }, now });
      if (r.ok) material.reservationNumbers.push(r.reservation.number);
    }
  }, 120_000);
  afterAll(async () => {
    await svc?.stop();
    await line?.close();
  });

  it(`answers ${REQUESTS} random and malformed requests without a 5xx, stays healthy and does not leak`, async () => {
    const rng = prng(SEED);
    const base = new URL(svc.url);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const gc = collectGarbage();
    const statuses = new Map<string, number>();
    const kinds = new Map<string, number>();
    const failures: string[] = [];
    /** No HTTP status: refused by the client before sending, or the server hung up (malformed HTTP). */
    const unanswered = new Map<string, number>();
    const started = Date.now();
    let issued = 0;
    let finished = 0;
    let heapAfterFirst = 0;
    let rssAfterFirst = 0;
    const measureAt = Math.min(1000, Math.floor(REQUESTS / 10));

    // Requests are drawn in order from one generator, so a seed replays the same list.
    const requests = Array.from({ length: REQUESTS }, () => randomRequest(rng, material));
    const worker = async () => {
      while (issued < requests.length) {
        const req = requests[issued++]!;
        const outcome = await send(base, agent, req);
        const key = String(outcome.status);
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        kinds.set(req.kind, (kinds.get(req.kind) ?? 0) + 1);
        if (outcome.detail) unanswered.set(`${req.kind}: ${outcome.detail}`, (unanswered.get(`${req.kind}: ${outcome.detail}`) ?? 0) + 1);
        const huge = (req.body?.length ?? 0) > 65_536 || Number(req.headers['content-length'] ?? 0) > 65_536;
        // A refused oversize upload may see the connection close under it; anything else is a failure.
        const bad = typeof outcome.status === 'number' ? outcome.status >= 500 : outcome.status === 'timeout' || !huge;
        if (bad) failures.push(`${key}${outcome.detail ? ` (${outcome.detail})` : ''} ← ${describeRequest(req)}`);
        if (++finished === measureAt) {
          gc();
          heapAfterFirst = process.memoryUsage().heapUsed;
          rssAfterFirst = process.memoryUsage().rss;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agent.destroy();
    const sentMs = Date.now() - started;

    // Let turns queued behind their answers finish before measuring.
    await new Promise((r) => setTimeout(r, 2000));
    gc();
    const heapAfterAll = process.memoryUsage().heapUsed;
    const rssAfterAll = process.memoryUsage().rss;
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    console.log(
      [
        `fuzz: seed ${SEED}, ${finished} requests in ${(sentMs / 1000).toFixed(1)} s (concurrency ${CONCURRENCY})`,
        `statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
        `doors: ${JSON.stringify(Object.fromEntries([...kinds].sort()))}`,
        `without a status: ${JSON.stringify(Object.fromEntries([...unanswered].sort()))}`,
        `heap after ${measureAt}: ${mb(heapAfterFirst)}, after all: ${mb(heapAfterAll)} (growth ${mb(heapAfterAll - heapAfterFirst)}); rss ${mb(rssAfterFirst)} → ${mb(rssAfterAll)}`,
        ...failures.slice(0, 50).map((f) => `FAILED: ${f}`),
      ].join('\n'),
    );

    expect(failures, failures.slice(0, 20).join('\n')).toEqual([]);
    expect(finished).toBe(REQUESTS);
    const health = await fetch(`${svc.url}/healthz`);
    expect(health.status).toBe(200);
    expect((await fetch(`${svc.url}/readyz`)).status).toBe(200);
    expect(heapAfterAll - heapAfterFirst).toBeLessThan(HEAP_GROWTH_LIMIT);
  }, 180_000);
});
