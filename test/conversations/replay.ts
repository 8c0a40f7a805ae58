// Replays a whole conversation (test/conversations/*/*.json) against the running service through
// its real doors — web chat over Direct Line, LINE webhooks signed as LINE signs them (replies to
// a local fake LINE API), the phone line as signed Twilio webhooks — and checks each of the bot's
// answers against what the best clerk would do, as tags (`asks-date`, `clarifies`, …). The bot's
// answers are read from the conversation's transcript, where every door's messages carry their
// acts, so one check serves all three doors.
import { randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import twilio from 'twilio';
import type { Activity } from 'botbuilder';
import { TWILIO_VOICE_PATH, LINE_WEBHOOK_PATH } from '../../adapters/app.js';
import type { RunningApp } from '../support/app.js';
import { lineText, signedLine } from '../support/clients.js';

export interface ConversationTurn {
  user?: string;
  keys?: string;
  expect: string[];
  mentions?: string[];
  not?: string[];
}

export interface Conversation {
  id: string;
  channel: 'web' | 'line' | 'phone';
  lang: 'ja' | 'en';
  now: string;
  pattern: string;
  callerNumber?: string;
  caller?: string;
  setup?: {
    bookings?: { date: string; time: string; birthday: string; phone: string; channel: 'web' | 'line' | 'phone'; number?: string; email?: string }[];
    full?: { date: string; time: string }[];
  };
  turns: ConversationTurn[];
}

export interface TurnOutcome {
  turn: number;
  said: string;
  expected: string[];
  acts: string[];
  text: string;
  ok: boolean;
  missing: string[];
}

export interface ConversationOutcome {
  id: string;
  channel: string;
  pattern: string;
  lang: string;
  turns: TurnOutcome[];
  /** Every turn answered as expected. */
  ok: boolean;
}

export const LINE_SECRET = 'conversation-line-secret';
export const TWILIO_TOKEN = 'conversation-twilio-token';
export const PUBLIC = 'https://ecert.example.jp';

export function loadConversations(set: 'dev' | 'holdout'): Conversation[] {
  const dir = path.join(import.meta.dirname, set);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Conversation);
}

const CHANNEL_IDS = { web: 'webchat', line: 'line', phone: 'twilio-voice' } as const;

/** A door client that sends one turn and returns once the bot has answered it. */
interface Door {
  conversationId: string;
  /** What the door does when a conversation begins (a call is answered; web chat already greeted). */
  open?(): Promise<void>;
  send(turn: ConversationTurn): Promise<void>;
}

async function webDoor(svc: RunningApp): Promise<Door> {
  const ip = `10.${randomInt(0, 250)}.${randomInt(0, 250)}.${randomInt(1, 250)}`;
  const call = async (method: string, p: string, token?: string, body?: unknown) => {
    const res = await fetch(`${svc.url}/v3/directline${p}`, {
      method,
      headers: { 'x-forwarded-for': ip, 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as any;
  };
  // A token as the city's page gets one (its own same-origin route).
  const page = await fetch(`${svc.url}/webchat/token`, { method: 'POST', headers: { origin: new URL(svc.url).origin, 'x-forwarded-for': ip } });
  const { token } = (await page.json()) as { token: string };
  const conv = await call('POST', '/conversations', token);
  /** Bot activities so far; the turn is over when they stop coming (or none come: the bot keeps out). */
  const count = async () => ((await call('GET', `/conversations/${conv.conversationId}/activities?watermark=0`, conv.token)).activities as any[]).filter((a) => a.from?.role === 'bot').length;
  const settle = async (before: number) => {
    let last = before;
    let stable = 0;
    for (let i = 0; i < 100 && stable < (last > before ? 4 : 25); i++) {
      await new Promise((r) => setTimeout(r, 30));
      const n = await count();
      stable = n === last ? stable + 1 : 0;
      last = n;
    }
  };
  await settle(0);
  return {
    conversationId: conv.conversationId,
    async send(t) {
      const before = await count();
      await call('POST', `/conversations/${conv.conversationId}/activities`, conv.token, { type: 'message', text: t.user ?? t.keys ?? '', from: { id: 'citizen' } });
      await settle(before);
    },
  };
}

function lineDoor(svc: RunningApp, userId: string): Door {
  return {
    conversationId: `line-${userId}`,
    async send(t) {
      const { body, headers } = signedLine(LINE_SECRET, [lineText(userId, t.user ?? t.keys ?? '')]);
      const res = await fetch(svc.url + LINE_WEBHOOK_PATH, { method: 'POST', headers, body });
      if (res.status !== 200) throw new Error(`LINE webhook answered ${res.status}`);
    },
  };
}

function phoneDoor(svc: RunningApp, from: string): Door {
  const callSid = `CA${randomInt(1e9, 1e10)}${'0'.repeat(22)}`;
  let query = '';
  const post = async (q: string, input: Record<string, string>) => {
    const p = `${TWILIO_VOICE_PATH}${q}`;
    const params = { CallSid: callSid, From: from, To: '+81727246920', AccountSid: 'AC' + '0'.repeat(32), ...input };
    const res = await fetch(svc.url + p, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(TWILIO_TOKEN, PUBLIC + p, params) },
      body: new URLSearchParams(params).toString(),
    });
    const twiml = await res.text();
    query = /action="[^"?]*(\?turn=\d+)"/.exec(twiml)?.[1] ?? query;
  };
  return {
    conversationId: callSid,
    open: () => post('', {}),
    async send(t) {
      if (t.keys !== undefined) return post(query, { Digits: t.keys });
      if (!t.user) return post(`${query}&noinput=1`, {});
      return post(query, { SpeechResult: t.user, Confidence: '0.9' });
    },
  };
}

/** The bot's messages in a conversation's transcript, in order. */
async function botMessages(svc: RunningApp, channelId: string, conversationId: string): Promise<Partial<Activity>[]> {
  const out: Partial<Activity>[] = [];
  let token: string | undefined;
  do {
    const page = await svc.app.transcripts.getTranscriptActivities(channelId, conversationId, token);
    out.push(...page.items);
    token = page.continuationToken;
  } while (token);
  return out.filter((a) => a.type === 'message' && a.from?.role !== 'user');
}

/** Every conversation starts with an empty book: earlier ones' bookings (one per holder, R9) are cancelled. */
async function clearBookings(svc: RunningApp): Promise<void> {
  const today = svc.app.clock().toISOString().slice(0, 10);
  for (let i = -1; i < 70; i++) {
    const date = new Date(Date.parse(`${today}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
    for (const r of await svc.app.desk.listByDate(date)) if (r.status === 'booked') await svc.app.desk.staffCancel(r.number);
  }
}

/** Sets up what the conversation assumes (bookings, full windows) and replays it. */
export async function replay(svc: RunningApp, c: Conversation): Promise<ConversationOutcome> {
  await clearBookings(svc);
  try {
    return await replayed(svc, c);
  } finally {
    for (const f of c.setup?.full ?? []) await svc.app.desk.setWindow(f.date, f.time, { capacityOverride: null });
  }
}

async function replayed(svc: RunningApp, c: Conversation): Promise<ConversationOutcome> {
  const lineUser = `U${randomBytes(16).toString('hex')}`;
  const caller = c.callerNumber ?? c.caller ?? `090${randomInt(10_000_000, 100_000_000)}`;
  const numbers = new Map<string, string>();
  for (const b of c.setup?.bookings ?? []) {
    const r = await svc.app.desk.book({
      date: b.date,
      start: b.time,
      channel: b.channel,
      holder: { birthday: b.birthday, phone: b.phone, email: b.email ?? (b.channel === 'web' ? 'setup@example.jp' : undefined), lineUserId: b.channel === 'line' ? lineUser : undefined },
      now: svc.app.clock(),
    });
    if (!r.ok) throw new Error(`${c.id}: setup booking ${b.date} ${b.time} refused (${r.reason})`);
    // The author's number stands for the one the ledger gave (numbers carry a check digit).
    if (b.number) numbers.set(b.number, r.reservation.number);
  }
  for (const f of c.setup?.full ?? []) await svc.app.desk.setWindow(f.date, f.time, { capacityOverride: 0 });
  const substitute = (s: string) => {
    let out = s;
    for (const [given, real] of numbers) {
      out = out.split(given).join(real).split(`${given.slice(0, 4)} ${given.slice(4)}`).join(`${real.slice(0, 4)} ${real.slice(4)}`).split(`${given.slice(0, 4)}-${given.slice(4)}`).join(`${real.slice(0, 4)}-${real.slice(4)}`);
    }
    return out;
  };

  const door = c.channel === 'web' ? await webDoor(svc) : c.channel === 'line' ? lineDoor(svc, lineUser) : phoneDoor(svc, `+81${caller.replace(/^0/, '')}`);
  const channelId = CHANNEL_IDS[c.channel];
  // The conversation opens as each door opens it: web chat's welcome came with the start; a call is answered first.
  await door.open?.();
  let seen = (await botMessages(svc, channelId, door.conversationId)).length;
  const turns: TurnOutcome[] = [];
  for (const [i, t] of c.turns.entries()) {
    const turn = { ...t, ...(t.user !== undefined ? { user: substitute(t.user) } : {}), ...(t.keys !== undefined ? { keys: substitute(t.keys) } : {}) };
    await door.send(turn);
    const all = await botMessages(svc, channelId, door.conversationId);
    const fresh = all.slice(seen);
    seen = all.length;
    const acts = [...new Set(fresh.flatMap((a) => ((a.channelData as { acts?: string[] } | undefined)?.acts ?? [])))];
    const text = fresh.map((a) => `${a.text ?? ''}\n${a.speak ?? ''}`).join('\n');
    const missing = [
      ...t.expect.filter((tag) => !acts.includes(tag)),
      ...(t.mentions ?? []).filter((m) => !text.includes(substitute(m))).map((m) => `mention:${m}`),
      ...(t.not ?? []).filter((m) => text.includes(m)).map((m) => `not:${m}`),
    ];
    turns.push({ turn: i + 1, said: turn.user ?? `[keys ${turn.keys}]`, expected: t.expect, acts, text: text.replace(/\s+/g, ' ').slice(0, 300), ok: missing.length === 0, missing });
  }
  return { id: c.id, channel: c.channel, pattern: c.pattern, lang: c.lang, turns, ok: turns.every((t) => t.ok) };
}
