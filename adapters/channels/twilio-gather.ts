// How the phone line listens for the answer to a question: the <Gather> attributes that fit it.
// A menu or a yes/no takes one key (numDigits 1, so the key answers at once instead of after the
// timeout); a birthday or a date four (MMDD), a time four (HHMM), a reservation number eight; a
// phone number any length up to # (or the timeout). The question's kind is what the prompt marked
// on its message (channelData.expects, dialogs/prompts/ask-prompt.ts); a question without one is
// the router's 「ご用件は」 or a list, answered with one key. Speech gets hints: the words an
// answer to this question is made of, the dates and times just offered, and the desk's words
// (担当者, やめる) that work on every question.
import type { Activity } from 'botbuilder-core';

/** What a prompt's message says about its question (the bot's AskKind and how a date is keyed). */
export interface Expects {
  kind: string;
  keysFormat?: 'MMDD' | 'YYYYMMDD';
}

export interface GatherShape {
  timeout: number;
  speechTimeout: string;
  finishOnKey: string;
  numDigits?: number;
  hints: string;
  speechModel?: string;
}

/** Keys of a known length, by the kind of question. */
const KEY_COUNT: Readonly<Record<string, number>> = { birthday: 4, date: 4, time: 4, 'reservation-number': 8, 'certificate-expiry': 8 };
/** Entries of a length not known in advance: ended by # (or by the timeout). */
const UNTIL_HASH: ReadonlySet<string> = new Set(['phone', 'email']);
/** Seconds of silence before Twilio sends what it has (and between two keys). */
const TIMEOUT = 6;

const YES_NO = ['はい', 'いいえ'];
/** Words that work on every question (a person, giving up, starting over, hearing it again). */
const DESK = ['担当者', '職員', 'やめる', '最初から', 'もう一度'];
/** The router's question (「ご用件は」): what can be asked for. */
const MENU = ['予約', '確認', '変更', 'キャンセル', '持ち物', '手数料', 'ありません'];
const WORDS: Readonly<Record<string, readonly string[]>> = {
  'notice-received': [...YES_NO, '届いています', '届いていません', 'わからない'],
  'card-expiring-soon': [...YES_NO, '切れています'],
  'in-person': [...YES_NO, '本人', '代理'],
  'use-caller-number': [...YES_NO, 'この番号', '別の番号'],
  'read-back': [...YES_NO, 'お願いします'],
  'anything-else': [...YES_NO, ...MENU],
  'certificate-expiry': ['切れている', 'わからない', '令和'],
  date: ['明日', 'あさって', '来週', '再来週', '一番早い日', '土曜日'],
  time: ['午前', '午後', '半'],
  'window-choice': ['午前', '午後', '1番', '2番', '3番', 'ほかの日'],
  'manage-action': ['変更', 'キャンセル', 'このまま'],
  // The proxy form request: take it now?, who asks (the name itself has no words to expect).
  'proxy-form-offer': [...YES_NO, '依頼する', '依頼しない', 'お願いします'],
  requester: ['本人', '法定代理人', 'どちらでもない'],
};
const MAX_HINTS = 40;

export function expectsOf(activity: Partial<Activity>): Expects | undefined {
  const e = (activity.channelData as { expects?: Partial<Expects> } | undefined)?.expects;
  return e && typeof e.kind === 'string' ? (e as Expects) : undefined;
}

/** The digits the message's choices are picked with (1 = はい, a list's numbers). */
function choiceDigits(activity: Partial<Activity>): string[] {
  return (activity.suggestedActions?.actions ?? []).map((a) => (a.channelData as { digit?: string } | undefined)?.digit).filter((d): d is string => Boolean(d));
}

/** How many keys answer the question; undefined when the length is not known (then # ends it). */
export function keyCount(activity: Partial<Activity>): number | undefined {
  const expects = expectsOf(activity);
  const kind = expects?.kind;
  if (kind === 'date' || kind === 'certificate-expiry') {
    if (expects?.keysFormat) return expects.keysFormat === 'YYYYMMDD' ? 8 : 4;
  }
  if (kind && KEY_COUNT[kind]) return KEY_COUNT[kind];
  if (kind && UNTIL_HASH.has(kind)) return undefined;
  // A list of more than nine is picked with two keys, then #.
  return choiceDigits(activity).some((d) => d.length > 1) ? undefined : 1;
}

/** 10:00 → 10時, 10:30 → 10時半: a time as a caller says it. */
const spokenTime = (h: string, m: string) => `${Number(h)}時${m === '30' ? '半' : m === '00' ? '' : `${Number(m)}分`}`;

/** Dates and times the message offered (「12月3日」「10時半」), as a caller would say them back. */
function offered(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(\d{1,2})月(\d{1,2})日/g)) out.push(`${Number(m[1])}月${Number(m[2])}日`);
  for (const m of text.matchAll(/(\d{1,2}):(\d{2})/g)) out.push(spokenTime(m[1]!, m[2]!));
  for (const m of text.matchAll(/(\d{1,2})時(半)?/g)) out.push(`${Number(m[1])}時${m[2] ?? ''}`);
  return out;
}

/** A choice's label as words a caller may say (「予約の確認・変更・キャンセル」 → 予約の確認, 変更, キャンセル). */
function labelWords(label: string): string[] {
  return label
    .replace(/[（(][^）)]*[）)]/g, '')
    .split(/[・、,，/／\s]+/)
    .map((w) => w.trim())
    .filter((w) => w.length >= 1 && w.length <= 20 && !/[0-9０-９:：〜~]/.test(w));
}

export function hintsFor(activity: Partial<Activity>): string[] {
  const kind = expectsOf(activity)?.kind;
  const labels = (activity.suggestedActions?.actions ?? []).map((a) => String(a.title ?? a.value ?? ''));
  const said = [activity.text ?? '', activity.speak ?? '', ...labels].join('\n');
  const words = [...offered(said), ...labels.flatMap(labelWords), ...(kind ? (WORDS[kind] ?? []) : MENU), ...DESK];
  return [...new Set(words.map((w) => w.replace(/,/g, '')).filter(Boolean))].slice(0, MAX_HINTS);
}

/** The <Gather> attributes for the question `activity` asks (its last message). */
export function gatherFor(activity: Partial<Activity>, speechModel: string): GatherShape {
  const keys = keyCount(activity);
  const open = !expectsOf(activity);
  return {
    timeout: TIMEOUT,
    // A whole number of seconds of silence ends speech (Twilio rejects `auto` with an explicit model);
    // a yes/no or a pick is said in a word; 「ご用件は」, a number or a date may come with pauses.
    speechTimeout: keys === 1 && !open ? '2' : '3',
    finishOnKey: '#',
    ...(keys ? { numDigits: keys } : {}),
    hints: hintsFor(activity).join(','),
    ...(speechModel ? { speechModel } : {}),
  };
}
