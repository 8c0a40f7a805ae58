// Conversations with the real bot for dialog tests: real dialogs, real Japanese understanding,
// a real ledger (PGlite in memory), the service clock fixed at a chosen instant.
import { MemoryStorage, type Activity, type Storage } from 'botbuilder';
import { expect } from 'vitest';
import { CollectingAdapter, messageTexts } from './collecting-adapter.js';
import { openLedger, type OpenLedger } from '../../adapters/ledger/open.js';
import { ReservationBot } from '../../bot/reservation-bot.js';
import { loadTokenizer } from '../../bot/understanding/tokenizer.js';
import { ReservationDesk } from '../../domain/desk.js';
import { defaultOfficeConfig, type OfficeConfig } from '../../domain/office-config.js';
import { CHANNEL_IDS, type BotServices } from '../../dialogs/turn.js';

export type Door = keyof typeof CHANNEL_IDS;

export interface TestBot {
  services: BotServices;
  ledger: OpenLedger;
  storage: Storage;
  bot: ReservationBot;
  /** Moves the service clock. */
  setNow(iso: string): void;
  close(): Promise<void>;
}

export async function makeTestBot(nowIso: string, config: OfficeConfig = defaultOfficeConfig(), storage: Storage = new MemoryStorage()): Promise<TestBot> {
  const ledger = await openLedger({});
  let now = new Date(nowIso);
  const services: BotServices = { desk: new ReservationDesk(ledger.ledger, config), clock: () => now, tokenizer: await loadTokenizer() };
  return {
    services,
    ledger,
    storage,
    bot: new ReservationBot(storage, services),
    setNow: (iso) => (now = new Date(iso)),
    close: () => ledger.db.close(),
  };
}

export interface Turn {
  /** Every bot message of the turn, text only. */
  texts: string[];
  /** Everything the bot sent, events (handoff) included. */
  activities: Partial<Activity>[];
  /** All the turn's texts joined, for `toContain`. */
  all: string;
  speak: string;
}

/** One citizen talking through one door; `say` returns the bot's answer to each line. */
export function conversation(t: TestBot, door: Door, user = 'citizen-1', extra: Partial<Activity> = {}) {
  const adapter = new CollectingAdapter();
  adapter.onTurnError = async (_context, error) => {
    throw error;
  };
  const base: Partial<Activity> = {
    channelId: CHANNEL_IDS[door],
    conversation: { id: `test-${door}-${user}`, name: 'test', isGroup: false, conversationType: 'personal' },
    from: { id: user, name: user, role: 'user' },
    recipient: { id: 'bot', name: 'bot', role: 'bot' },
    serviceUrl: 'test:',
    locale: 'ja-JP',
    ...extra,
  };
  const run = async (activity: Partial<Activity>): Promise<Turn> => {
    const activities = await adapter.processActivity({ ...base, ...activity }, (c) => t.bot.run(c));
    const texts = messageTexts(activities);
    return { texts, activities, all: texts.join('\n'), speak: activities.map((a) => a.speak ?? '').join(' ') };
  };
  return {
    open: () => run({ type: 'conversationUpdate', membersAdded: [{ id: user, name: user }] }),
    // On the phone, digits alone were pressed (the phone door marks keypad input so).
    say: (text: string) => run({ type: 'message', text, ...(door === 'phone' && /^[\d#*]+$/.test(text) ? { channelData: { ...(extra.channelData as object), input: 'keypad' } } : {}) }),
  };
}

export interface Step {
  user: string;
  /** Substrings the bot's answer must contain. */
  bot: (string | RegExp)[];
  /** Substrings it must not contain. */
  not?: (string | RegExp)[];
}

/** Replays a table of turns, asserting each answer. */
export async function replay(c: ReturnType<typeof conversation>, steps: Step[], expectFn: (turn: Turn, step: Step) => void): Promise<Turn[]> {
  const turns: Turn[] = [];
  for (const step of steps) {
    const turn = await c.say(step.user);
    expectFn(turn, step);
    turns.push(turn);
  }
  return turns;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const asRe = (m: string | RegExp) => (m instanceof RegExp ? m : new RegExp(escapeRe(m)));

/** The default assertion for `replay`: every `bot` text is said, no `not` text is. */
export function checkTurn(turn: Turn, step: Step): void {
  for (const b of step.bot) expect(turn.all, `after 「${step.user}」`).toMatch(asRe(b));
  for (const n of step.not ?? []) expect(turn.all, `after 「${step.user}」`).not.toMatch(asRe(n));
}
