// The shapes of an answer read in the context of the question just asked: exactly the
// `expect` shapes of test/fixtures/context/FORMAT.md, plus a confidence.
import type { CivilDate, ClockTime } from '../../../domain/civil.js';
import type { JapaneseTokenizer } from '../tokenizer.js';

export type AskKind =
  | 'notice-received' | 'certificate-expiry' | 'card-expiring-soon' | 'in-person' | 'date' | 'time'
  | 'window-choice' | 'birthday' | 'phone' | 'use-caller-number' | 'email' | 'read-back'
  | 'reservation-number' | 'manage-action' | 'anything-else'
  // The proxy form request (R21c step 1): take it now?, who asks, the holder's name in kana.
  | 'proxy-form-offer' | 'requester' | 'kana-name';

export const ASK_KINDS: readonly AskKind[] = [
  'notice-received', 'certificate-expiry', 'card-expiring-soon', 'in-person', 'date', 'time',
  'window-choice', 'birthday', 'phone', 'use-caller-number', 'email', 'read-back',
  'reservation-number', 'manage-action', 'anything-else', 'proxy-form-offer', 'requester', 'kana-name',
];

export type AnswerChannel = 'typed' | 'spoken' | 'keypad';
export type Lang = 'ja' | 'en';
export type TimeRange = [ClockTime, ClockTime];
export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';
export const WEEKDAY_NAMES: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The details a read-back repeats (any of them may be corrected). */
export interface ReadBackDetails {
  date?: CivilDate;
  time?: ClockTime;
  /** 「午後で」: a part of the day, where no time was said. */
  timeRange?: TimeRange;
  birthday?: string;
  phone?: string;
}

export interface AskContext {
  /** Windows just listed, `YYYY-MM-DDTHH:MM`, numbered from 1 for the person. */
  offered?: string[];
  /** The date already chosen (asking for the time). */
  date?: CivilDate;
  readBack?: ReadBackDetails;
  /** The caller's number offered by `use-caller-number`. */
  callerNumber?: string;
  /** What the prompt said each key means, when not 1 = yes / 2 = no or a list number. */
  keys?: Record<string, string>;
  /** How the prompt asked for a date on the keypad. */
  keysFormat?: 'MMDD' | 'YYYYMMDD';
}

export type Topic = 'documents' | 'fees' | 'eligibility' | 'office' | 'pin' | 'proxy' | 'hours';

/** Repairs any question may get instead of an answer. */
export type RepairReading =
  | { intent: 'stop' | 'restart' | 'staff' | 'off-topic' | 'blank' | 'help' | 'repeat' }
  | { intent: 'question'; topic: Topic }
  | { intent: 'language'; lang: Lang };

export type AnswerWord = 'yes' | 'no' | 'unknown' | 'unclear';

/** A reading without its confidence. */
export type Reading =
  | RepairReading
  | { answer: AnswerWord }
  | { intent: 'book' | 'change' | 'cancel' | 'lookup' }
  | { date: CivilDate; time?: ClockTime; range?: TimeRange }
  | { time: ClockTime }
  | { range: TimeRange }
  // A time or period said with these is kept (「土曜の午前」); FORMAT.md's lines have none.
  | { earliest: true; time?: ClockTime; range?: TimeRange }
  | { weekday: Weekday; time?: ClockTime; range?: TimeRange }
  | { month: string; time?: ClockTime; range?: TimeRange }
  | { expired: true }
  // R16: 「カードを作るときに電子証明書は断った」 — there is no certificate to expire.
  | { withoutCertificates: true }
  | { choice: number }
  | { none: true; date?: CivilDate; time?: ClockTime }
  | { birthday: string }
  | { phone: string }
  | { email: string }
  | { number: string }
  // The holder's name, katakana (the proxy form request).
  | { kana: string }
  | { correct: ReadBackDetails }
  | { action: 'change'; date?: CivilDate; time?: ClockTime }
  | { action: 'cancel' | 'keep' };

/**
 * A reading and how sure the reader is, in [0, 1]. Below CLARIFY_BELOW the dialog asks a short
 * clarifying question rather than act on it (every `unclear` is below it).
 */
export type AnswerReading = Reading & { confidence: number };

export const CLARIFY_BELOW = 0.5;

export interface ReadAnswerOptions {
  now: Date;
  channel: AnswerChannel;
  tokenizer: JapaneseTokenizer;
  context?: AskContext;
  /** The conversation's language so far: a line without words (「03/05」) is read in it. */
  lang?: Lang;
  /** Only the question's own reading, without the repairs heard on any question: a fact said in
   * passing (「期限が切れちゃったんですけど、予約できますか」) is a fact even when the line asks. */
  answerOnly?: boolean;
}
