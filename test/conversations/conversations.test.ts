// The conversations written by people who never saw the code (test/conversations/README.md),
// replayed through the real doors. Dev conversations are studied and worked on; the holdout is
// only measured. Each prints its table (by channel and pattern) and writes the turn-by-turn
// outcome to test-results/conversations-<set>.json; the floors were measured, not tuned to.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app.js';
import { startFakeLine } from '../support/fake-line.js';
import { LINE_SECRET, loadConversations, PUBLIC, replay, TWILIO_TOKEN, type Conversation, type ConversationOutcome } from './replay.js';

/** Floors: the share of turns answered as the best clerk would, and of whole conversations, a little
 * under what was measured on 2026-12-06 (dev 97.0% / 59 of 70, holdout 86.8% / 16 of 25). */
const FLOORS = { dev: { turns: 0.95, conversations: 0.8 }, holdout: { turns: 0.84, conversations: 0.6 } };

function table(outcomes: ConversationOutcome[]): string {
  const rows = new Map<string, { turns: number; ok: number; convs: number; convOk: number }>();
  const add = (key: string, o: ConversationOutcome) => {
    const r = rows.get(key) ?? { turns: 0, ok: 0, convs: 0, convOk: 0 };
    r.turns += o.turns.length;
    r.ok += o.turns.filter((t) => t.ok).length;
    r.convs += 1;
    r.convOk += o.ok ? 1 : 0;
    rows.set(key, r);
  };
  for (const o of outcomes) {
    add(`channel ${o.channel}`, o);
    add(`pattern ${o.pattern}`, o);
    add('all', o);
  }
  const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
  return [...rows.entries()].map(([k, r]) => `${k.padEnd(26)} turns ${String(r.ok).padStart(3)}/${String(r.turns).padEnd(3)} ${pct(r.ok, r.turns).padStart(6)}   conversations ${r.convOk}/${r.convs}`).join('\n');
}

describe.each(['dev', 'holdout'] as const)('conversations (%s)', (set) => {
  const conversations = loadConversations(set);
  const byNow = new Map<string, Conversation[]>();
  for (const c of conversations) byNow.set(c.now, [...(byNow.get(c.now) ?? []), c]);
  const outcomes: ConversationOutcome[] = [];
  let line: Awaited<ReturnType<typeof startFakeLine>>;
  beforeAll(async () => {
    line = await startFakeLine();
  });
  afterAll(() => line?.close());

  it(`replays ${conversations.length} conversations on web, LINE and the phone`, async () => {
    for (const [now, group] of byNow) {
      const svc: RunningApp = await startApp({
        FAKE_NOW: now,
        TRUST_PROXY: '1',
        LINE_CHANNEL_SECRET: LINE_SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: 'conversation-line-token',
        LINE_API_BASE_URL: line.url,
        TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
        PUBLIC_BASE_URL: PUBLIC,
      });
      try {
        for (const c of group) outcomes.push(await replay(svc, c));
      } finally {
        await svc.stop();
      }
    }
    fs.mkdirSync('test-results', { recursive: true });
    fs.writeFileSync(`test-results/conversations-${set}.json`, JSON.stringify(outcomes, null, 2));
    console.log(`conversations (${set})\n${table(outcomes)}`);
    const turns = outcomes.flatMap((o) => o.turns);
    const turnRate = turns.filter((t) => t.ok).length / turns.length;
    const convRate = outcomes.filter((o) => o.ok).length / outcomes.length;
    expect(turnRate).toBeGreaterThanOrEqual(FLOORS[set].turns);
    expect(convRate).toBeGreaterThanOrEqual(FLOORS[set].conversations);
  }, 600_000);
});
