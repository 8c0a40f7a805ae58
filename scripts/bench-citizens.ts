// Simulated citizens for `npm run bench`: each one books a window from start to finish over
// the web chat (Direct Line over HTTP, polling with a watermark) or the phone line (signed
// Twilio webhooks following each <Gather action>), answering what the bot asks as a person
// would. A full window is a normal outcome: they take the first alternative offered.
import { randomInt } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import twilio from 'twilio';
import WebSocket from 'ws';

export type ChannelName = 'web' | 'phone';
export type Outcome = 'booked' | 'refused-full' | 'error' | 'stuck';

export interface Citizen {
  index: number;
  channel: ChannelName;
  /** 11 digits, distinct per citizen (R9: one active booking per holder). */
  phone: string;
  birthday: { month: number; day: number };
  /** The window they ask for first, e.g. 2026-12-09 14:30. */
  wish: { date: string; start: string };
}

export interface Turn {
  ms: number;
  /** Why the turn failed: `http 500`, `timeout`, `apology`; absent when it went well. */
  error?: string;
}

export interface ConversationResult {
  channel: ChannelName;
  outcome: Outcome;
  /** The bot said a window was full at some point (and offered others). */
  sawFull: boolean;
  turns: Turn[];
  detail?: string;
  /** The web chat's conversation id or the call's CallSid (the bench deletes their Redis keys). */
  conversationId: string;
}

export interface Target {
  baseUrl: string;
  /** The echo bot: a fixed script of the same length, each reply checked for the echo. */
  echo: boolean;
  thinkMs: number;
  /** How the web chat hears the bot: polling GET activities (every pollMs) or the WebSocket stream. */
  web: 'poll' | 'stream';
  pollMs: number;
  twilio: { authToken: string; publicBaseUrl: string; path: string };
}

export const TURN_TIMEOUT_MS = 10_000;
const MAX_TURNS = 30;
// Idle sockets are dropped before the server's keep-alive timeout (5 s), as nginx's upstream is
// (deploy/nginx): a turn sent on a socket the server is closing would fail with a reset.
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, timeout: 4000 });

interface HttpAnswer {
  status: number;
  body: string;
}

/** One HTTP request on a keep-alive connection (lighter on the client's CPU than fetch). */
function request(url: string, method: string, headers: Record<string, string>, body?: string): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent, timeout: TURN_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

class TurnFailed extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const think = (t: Target) => sleep(t.thinkMs * (0.5 + Math.random()));

// ── what the citizen answers ──────────────────────────────────────────────────────────

type Next = { say: string; digits?: string } | { end: Outcome; detail?: string };

const md = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const hm = (start: string) => `${Number(start.slice(0, 2))}時${start.endsWith(':30') ? '半' : ''}`;
const phoneText = (p: string) => `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`;

/**
 * The answer to what the bot just said (display text on the web, speech on the phone; the
 * patterns match both). Tried in order: the most specific question first.
 */
function answer(said: string, c: Citizen, firstChoice: string | undefined, state: { booked: boolean; sawFull: boolean }): Next {
  const voice = c.channel === 'phone';
  const yes = { say: 'はい', digits: '1' };
  const no = { say: 'いいえ', digits: '2' };
  if (/満席/.test(said)) state.sawFull = true;
  if (/予約が完了しました|で予約しました。番号は/.test(said)) state.booked = true;
  if (/申し訳ありません/.test(said)) return { end: 'error', detail: 'apology' };
  if (/ほかのご家族/.test(said)) return no;
  if (/ほかにご用件|ご利用ありがとうございました/.test(said)) return state.booked ? { end: 'booked' } : { end: 'stuck', detail: `ended without a booking: ${said.slice(0, 80)}` };
  if (/いまおかけの/.test(said)) return yes;
  if (/よろしいですか|よろしければ1/.test(said)) return yes;
  if (/メールアドレス/.test(said)) return { say: `citizen${c.index}@example.jp` };
  if (/つながるお電話番号|ご連絡先のお電話番号/.test(said)) return { say: phoneText(c.phone) };
  if (/ご本人の誕生日/.test(said)) {
    const { month, day } = c.birthday;
    return { say: `${month}月${day}日です`, digits: `${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}` };
  }
  if (/見つかりませんでした/.test(said)) return { end: 'refused-full' };
  if (/番号か日時でお選び|番号を押すか|番号を押してください|ご希望の時間を/.test(said)) {
    state.sawFull ||= /空いている時間帯がありません|空きがありません/.test(said);
    return voice ? { say: '1番', digits: '1' } : { say: firstChoice ?? '1' };
  }
  if (/ご希望の日にち/.test(said)) return { say: `${md(c.wish.date)}の${hm(c.wish.start)}${voice ? 'でお願いします' : ''}` };
  if (/本人が窓口|ご本人が来られ/.test(said)) return yes;
  if (/カード本体の有効期限まで/.test(said)) return no;
  if (/有効期限通知書/.test(said)) return yes;
  if (/予約窓口/.test(said)) return { say: '予約したいです', digits: '1' };
  // Booked: whatever the bot says next (the number read again, a farewell) ends the call well.
  if (state.booked) return { end: 'booked' };
  return { end: 'stuck', detail: `unexpected: ${said.slice(0, 80)}` };
}

/** The echo bot's conversation: as many turns as a booking, each reply must be the echo. */
const ECHO_SCRIPT: Record<ChannelName, string[]> = {
  web: ['予約したいです', 'はい', 'いいえ', 'はい', '12月9日の10時', '5月3日です', '090-1234-5678', 'taro@example.jp', 'はい', 'いいえ'],
  phone: ['1', '1', '2', '1', '12月9日の10時でお願いします', '0503', '1', '1', '2'],
};

function echoAnswer(said: string, c: Citizen, turn: number): Next {
  if (/申し訳ありません/.test(said)) return { end: 'error', detail: 'apology' };
  if (turn > 0 && !/echo/.test(said)) return { end: 'stuck', detail: `unexpected: ${said.slice(0, 80)}` };
  const next = ECHO_SCRIPT[c.channel][turn];
  if (next === undefined) return { end: 'booked' };
  return /^\d+$/.test(next) ? { say: next, digits: next } : { say: next };
}

// ── the conversation loop, common to both doors ───────────────────────────────────────

interface Door {
  /** Opens the conversation; resolves with what the bot said first. */
  open(): Promise<Heard>;
  /** Says something; resolves with the bot's answer. */
  say(next: { say: string; digits?: string }): Promise<Heard>;
  id(): string;
  close(): void;
}

interface Heard {
  said: string;
  firstChoice?: string | undefined;
}

export async function runCitizen(c: Citizen, t: Target): Promise<ConversationResult> {
  const door = c.channel === 'web' ? directLine(c, t) : twilioCall(c, t);
  const turns: Turn[] = [];
  const state = { booked: false, sawFull: false };
  const timed = async (fn: () => Promise<Heard>): Promise<Heard> => {
    const started = performance.now();
    try {
      const heard = await fn();
      const apology = /申し訳ありません/.test(heard.said);
      turns.push({ ms: performance.now() - started, ...(apology ? { error: 'apology' } : {}) });
      return heard;
    } catch (err) {
      const ms = performance.now() - started;
      turns.push({ ms, error: err instanceof TurnFailed ? err.message : `client: ${(err as Error).message}` });
      throw err;
    }
  };
  const result = (outcome: Outcome, detail?: string): ConversationResult => ({ channel: c.channel, outcome, sawFull: state.sawFull, turns, conversationId: door.id(), ...(detail ? { detail } : {}) });
  try {
    let heard = await timed(() => door.open());
    for (let turn = 0; turn < MAX_TURNS; turn++) {
      const next = t.echo ? echoAnswer(heard.said, c, turn) : answer(heard.said, c, heard.firstChoice, state);
      if ('end' in next) return result(next.end, next.detail);
      await think(t);
      heard = await timed(() => door.say(next));
    }
    return result('stuck', `more than ${MAX_TURNS} turns`);
  } catch (err) {
    return result('error', (err as Error).message);
  } finally {
    door.close();
  }
}

// ── web chat: Direct Line 3.0 over HTTP ───────────────────────────────────────────────

interface DlActivity {
  type?: string;
  text?: string;
  inputHint?: string;
  from?: { role?: string };
  suggestedActions?: { actions?: { value?: unknown }[] };
}

function directLine(c: Citizen, t: Target): Door {
  const base = `${t.baseUrl}/v3/directline`;
  let conversationId = '';
  let token = '';
  let watermark = '0';
  // Each citizen from its own address (the server trusts one proxy), as on the real Friday.
  const n = c.index + identitySalt;
  const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const call = async (method: string, path: string, body?: unknown): Promise<any> => {
    const headers: Record<string, string> = { 'x-forwarded-for': address, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) };
    const res = await request(base + path, method, headers, body === undefined ? undefined : JSON.stringify(body));
    if (res.status >= 400) throw new TurnFailed(`http ${res.status}`);
    return JSON.parse(res.body);
  };
  /** The bot's turn is over when it asks (or ends the conversation), or apologises. */
  const turnOver = (got: DlActivity[]): Heard | undefined => {
    const last = got.at(-1);
    if (!last || !(last.inputHint === 'expectingInput' || last.inputHint === 'ignoringInput' || /申し訳ありません/.test(last.text ?? ''))) return undefined;
    const first = last.suggestedActions?.actions?.[0]?.value;
    return { said: got.map((a) => a.text ?? '').join('\n'), firstChoice: typeof first === 'string' ? first : undefined };
  };
  const fromBot = (activities: DlActivity[]) => activities.filter((a) => a.from?.role === 'bot' && a.type === 'message');
  /** Polls from the watermark until the turn is over. */
  const poll = async (deadline: number): Promise<Heard> => {
    const got: DlActivity[] = [];
    for (;;) {
      const page = (await call('GET', `/conversations/${encodeURIComponent(conversationId)}/activities?watermark=${watermark}`)) as { activities: DlActivity[]; watermark: string };
      watermark = page.watermark;
      got.push(...fromBot(page.activities));
      const heard = turnOver(got);
      if (heard) return heard;
      if (performance.now() > deadline) throw new TurnFailed('timeout');
      await sleep(t.pollMs);
    }
  };
  // The stream: activities arrive as the server queues them; a turn waits for its end.
  let ws: WebSocket | undefined;
  let heardOnStream: DlActivity[] = [];
  let wake: (() => void) | undefined;
  const listen = async (deadline: number): Promise<Heard> => {
    for (;;) {
      const heard = turnOver(heardOnStream);
      if (heard) {
        heardOnStream = [];
        return heard;
      }
      const left = deadline - performance.now();
      if (left <= 0) throw new TurnFailed('timeout');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => (clearTimeout(timer), resolve());
      });
    }
  };
  const reply = (deadline: number) => (t.web === 'stream' ? listen(deadline) : poll(deadline));
  const openStream = async () => {
    const url = `${t.baseUrl.replace(/^http/, 'ws')}/v3/directline/conversations/${encodeURIComponent(conversationId)}/stream?t=${encodeURIComponent(token)}`;
    const socket = new WebSocket(url);
    socket.on('message', (data) => {
      heardOnStream.push(...fromBot((JSON.parse(String(data)) as { activities?: DlActivity[] }).activities ?? []));
      wake?.();
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject).once('unexpected-response', (_req, res) => reject(new TurnFailed(`http ${res.statusCode}`))));
    ws = socket;
  };
  return {
    id: () => conversationId,
    close: () => ws?.close(),
    async open() {
      const deadline = performance.now() + TURN_TIMEOUT_MS;
      // The token as the web chat page takes it: from the page's own route, same origin.
      const page = await request(`${t.baseUrl}/webchat/token`, 'POST', { 'x-forwarded-for': address, origin: new URL(t.baseUrl).origin });
      if (page.status >= 400) throw new TurnFailed(`http ${page.status}`);
      token = (JSON.parse(page.body) as { token: string }).token;
      const started = await call('POST', '/conversations');
      conversationId = started.conversationId;
      token = started.token;
      if (t.web === 'stream') await openStream();
      return reply(deadline);
    },
    async say(next) {
      const deadline = performance.now() + TURN_TIMEOUT_MS;
      await call('POST', `/conversations/${encodeURIComponent(conversationId)}/activities`, { type: 'message', text: next.say, from: { id: `citizen-${c.index}` }, locale: 'ja-JP' });
      return reply(deadline);
    },
  };
}

// ── the phone line: Twilio voice webhooks ─────────────────────────────────────────────

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function twilioCall(c: Citizen, t: Target): Door {
  const callSid = `CA${c.index.toString(16).padStart(6, '0')}${runTag}`;
  const base = { CallSid: callSid, AccountSid: 'AC' + '0'.repeat(32), From: `+81${c.phone.slice(1)}`, To: '+81727246920', CallStatus: 'in-progress' };
  let action = t.twilio.path;
  const post = async (params: Record<string, string>): Promise<Heard> => {
    const signature = twilio.getExpectedTwilioSignature(t.twilio.authToken, t.twilio.publicBaseUrl + action, params);
    const res = await request(t.baseUrl + action, 'POST', { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, new URLSearchParams(params).toString());
    if (res.status >= 400) throw new TurnFailed(`http ${res.status}`);
    const next = /<Gather [^>]*action="([^"]+)"/.exec(res.body)?.[1];
    if (next) action = unescapeXml(next);
    const said = [...res.body.matchAll(/<Say[^>]*>([^<]*)<\/Say>/g)].map((m) => unescapeXml(m[1]!)).join('\n');
    return { said };
  };
  return {
    id: () => callSid,
    close: () => undefined,
    open: () => post(base),
    say: (next) => post(next.digits ? { ...base, Digits: next.digits } : { ...base, SpeechResult: next.say, Confidence: '0.9' }),
  };
}

/**
 * Added to each citizen's number for its address and phone: the per-client booking limit counts
 * in Redis by client and day, so citizens of an earlier bench on the same FAKE_NOW day would
 * otherwise arrive with their day's bookings used up.
 */
export const identitySalt = randomInt(0, 1 << 22);

/** Distinguishes this run's calls from any earlier run's (CallSids must be unique). */
export const runTag = Math.random().toString(36).slice(2, 12).padEnd(10, '0');
