// One utterance in, everything the dialogs need out: intent, date, time or period, birthday,
// phone, reservation number and number of people (the JSON shape of DESIGN.md's CLI).
import type { CivilDate, ClockTime } from '../../domain/civil.js';
import { readDateTime, type TimeRange } from './datetime.js';
import { readDetails } from './entities.js';
import type { Topic } from './intent-topics.js';
import { recognizeIntent, type Intent } from './intents.js';
import { normalize } from './normalize.js';
import type { JapaneseTokenizer } from './tokenizer.js';

export type UtteranceChannel = 'voice' | 'chat';

export interface Understanding {
  intent: Intent;
  date: CivilDate | null;
  time: ClockTime | null;
  timeRange: TimeRange | null;
  birthday: string | null;
  phone: string | null;
  reservationNumber: string | null;
  people: number | null;
  /** Which office rule a question is about (not in the CLI's JSON). */
  topic?: Topic;
}

export interface UnderstandOptions {
  now: Date;
  tokenizer: JapaneseTokenizer;
  channel?: UtteranceChannel;
}

/** Longer input is cut: no citizen says 2,000 characters in one turn, and it bounds the cost. */
export const MAX_UTTERANCE_CHARS = 2000;

export function understand(text: string, { now, tokenizer }: UnderstandOptions): Understanding & { confidence: number } {
  const normalized = normalize(text.slice(0, MAX_UTTERANCE_CHARS));
  const { intent, confidence, topic } = recognizeIntent(normalized, tokenizer);
  const when = readDateTime(normalized, now);
  const details = readDetails(normalized);
  // A phone number's digits are not also a reservation number.
  const reservationNumber = details.reservationNumber && details.reservationNumber !== details.phone ? details.reservationNumber : null;
  return {
    intent,
    date: when.date,
    time: when.time,
    timeRange: when.timeRange,
    birthday: when.birthday,
    phone: details.phone,
    reservationNumber,
    people: details.people,
    ...(topic ? { topic } : {}),
    confidence,
  };
}

/** The public JSON of the `understand` CLI: exactly the fields of DESIGN.md, in order. */
export function toPublicJson(u: Understanding): Understanding {
  return {
    intent: u.intent,
    date: u.date,
    time: u.time,
    timeRange: u.timeRange,
    birthday: u.birthday,
    phone: u.phone,
    reservationNumber: u.reservationNumber,
    people: u.people,
  };
}
