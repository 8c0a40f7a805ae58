// Every turn of the reservation line is short enough to listen to (issue 14): at 7.5 morae a
// second from kuromoji's readings, a question ≤ 10 s, the read-back and the completion ≤ 15 s,
// an answer with the question after it ≤ 15 s, the welcome ≤ 15 s (budgets and why:
// scripts/lib/phone-turns.ts). Walked: every message function of the messages modules as the
// phone line calls it, the turns the dialogs compose from them, and whole calls through the real
// bot. `npm run bench:voice` prints the same table.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as bm from '../../bot/messages/booking.ja.js';
import * as info from '../../bot/messages/info.ja.js';
import { speechLength } from '../../bot/speech-length.js';
import { loadTokenizer, type JapaneseTokenizer } from '../../bot/understanding/tokenizer.js';
import type { Reservation } from '../../domain/reservation.js';
import { phoneCalls } from '../../scripts/lib/phone-calls.js';
import { composedTurns, measure, NOT_MESSAGES, NOT_SPOKEN, phoneMessages, QUESTION_BUDGET, type PhoneTurn } from '../../scripts/lib/phone-turns.js';

let tokenizer: JapaneseTokenizer;
let calls: PhoneTurn[];
beforeAll(async () => {
  tokenizer = await loadTokenizer();
  calls = await phoneCalls();
});

const label = (t: PhoneTurn) => (t.about ? `${t.name} (${t.about})` : t.name);
const over = (turns: PhoneTurn[]) =>
  turns
    .map((t) => measure(t, tokenizer))
    .filter((m) => m.seconds > m.budget)
    .map((m) => `${m.label}: ${m.seconds} s > ${m.budget} s — ${m.speech}`);

describe('every turn within its spoken-time budget', () => {
  it('the table calls every message function of every messages module, or says why the phone never says it', async () => {
    const dir = path.join(import.meta.dirname, '../../bot/messages');
    const named = new Set([...phoneMessages().map((t) => t.name), ...Object.keys(NOT_SPOKEN)]);
    const missing: string[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ja.ts') && f !== 'desk.ja.ts')) {
      const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) if (typeof value === 'function' && !NOT_MESSAGES.has(name) && !named.has(name)) missing.push(`${file}: ${name}`);
    }
    expect(missing).toEqual([]);
  });

  it('each message, as the phone line says it', () => {
    expect(over(phoneMessages())).toEqual([]);
  });

  it('each turn the dialogs compose (an answer and 「ほかのご用件は」, a window and the birthday, a repair and the question again…)', () => {
    expect(over(composedTurns())).toEqual([]);
  });

  it('each turn of whole calls through the bot: keypad and speech bookings, side questions, the menu, a cancellation and a change, repairs', () => {
    expect(calls.length).toBeGreaterThan(50);
    expect(over(calls)).toEqual([]);
  });
});

describe('what the longest turns say', () => {
  const reservation = { number: '38401726', date: '2026-12-22', start: '10:00', end: '10:30', status: 'booked', channel: 'phone', birthday: '05-03', phone: '09012345678' } as Reservation;

  it('the welcome is one sentence, then the menu — a question within its own budget', () => {
    const speak = info.welcome('phone').speak;
    const [greeting, ...menu] = speak.split('。').filter(Boolean);
    expect(greeting).toContain('電子証明書の予約窓口です');
    expect(menu).toHaveLength(1);
    expect(menu[0]).toMatch(/予約は1.*2.*3.*担当者は0/);
    expect(speechLength(`${menu[0]}。`, tokenizer).seconds).toBeLessThanOrEqual(QUESTION_BUDGET);
  });

  it('the completion says when, then the reservation number twice, in groups of four digits, and 9 says it again', () => {
    const twice = /3 8 4 0、1 7 2 6[\s\S]*もう一度、3 8 4 0、1 7 2 6/;
    const completion = bm.booked(reservation, info.bringForSelf(true)).speak;
    expect(completion).toMatch(twice);
    expect(completion).toMatch(/^12月22日10時で予約しました。番号は 3 8 4 0/);
    expect(bm.askAnotherMember().speak).toMatch(/もう一度は9、ご家族の分は1/);
    expect(bm.repeatNumber(reservation).speak).toMatch(twice);
    expect(bm.repeatNumber(reservation).text).toContain('3840 1726');
  });

  it('the read-back says the day, the time, the birthday and the phone number, then the keys', () => {
    const s = bm.confirmBooking({ window: { date: '2026-12-22', start: '10:00', end: '10:30' }, birthday: '05-03', phone: '09012345678' }).speak;
    expect(s).toMatch(/12月22日 火曜日、10時、誕生日は5月3日、電話は0 9 0、1 2 3 4、5 6 7 8で予約します。よろしければ1、違えば2/);
  });

  it('keys are said briefly, the question last', () => {
    for (const s of [info.askNoticeReceived(), info.askCardExpiringSoon(), bm.askInPerson(), bm.offerToBook()]) {
      expect(s.speak).toMatch(/1、.*2.*(?:を押してください|です)。$/);
    }
  });
});
