// The proxy form request (R21c step 1): a holder who cannot come asks the city to mail the
// 照会書兼回答書(兼委任状) — the inquiry and answer form, also the letter of proxy — to their
// registered address (転送不要, not forwarded). The bot takes the request; the desk calls the
// holder back to confirm identity (the city's rule that the request is made by phone is kept),
// mails the form, and closes the request. What is kept: the holder's name in kana (to find the
// resident record), birthday MM-DD, a phone number to call back — never a My Number.
import type { Channel } from './booking-rules.js';
import type { Birthday } from './reservation.js';

/** new → called back (identity confirmed by phone) → mailed → closed; closed from any step. */
export type ProxyRequestStatus = 'new' | 'called-back' | 'mailed' | 'closed';

export const PROXY_REQUEST_STATUSES: readonly ProxyRequestStatus[] = ['new', 'called-back', 'mailed', 'closed'];

const NEXT: Record<ProxyRequestStatus, readonly ProxyRequestStatus[]> = {
  new: ['called-back', 'closed'],
  'called-back': ['mailed', 'closed'],
  mailed: ['closed'],
  // A closed request is done: a new one is a new request (and a new call back).
  closed: [],
};

/** The statuses a request may move to from `from`: forward one step, or closed. */
export function nextStatuses(from: ProxyRequestStatus): readonly ProxyRequestStatus[] {
  return NEXT[from];
}

export function canMove(from: ProxyRequestStatus, to: ProxyRequestStatus): boolean {
  return NEXT[from].includes(to);
}

export function isProxyRequestStatus(s: unknown): s is ProxyRequestStatus {
  return typeof s === 'string' && (PROXY_REQUEST_STATUSES as readonly string[]).includes(s);
}

/** What the citizen gave, agreed at the read-back. */
export interface NewProxyRequest {
  /** Katakana, words one space apart (`ミノオ ハナコ`). */
  kanaName: string;
  birthday: Birthday;
  /** Domestic digits, `09012345678`: the number the desk calls back. */
  phone: string;
  channel: Channel;
}

export interface ProxyRequests {
  /**
   * Stores a request the citizen agreed to. The same `key` twice (a retried webhook) stores it
   * once; an open request for the same name, birthday and phone is not stored again
   * (`duplicate`: the desk will call about the first one).
   */
  submit(request: NewProxyRequest, key: string, now: Date): Promise<{ id: string; duplicate: boolean }>;
}

export const KANA_NAME_MAX = 40;

// Kana as typed (hiragana, katakana, the long mark, the middle dot between given and family name).
const KANA_ONLY = /^[\u3041-\u3096\u30A1-\u30FA\u30FC\u30FB\s]+$/;
// Kana digits as speech-to-text prints a number read aloud (いち に さん…): never a name.
const KANA_DIGIT = /ゼロ|レイ|マル|イチ|ニー?|サン|ヨン|シチ|シ|ゴー?|ロク|ナナ|ハチ|キュウ|キュー?|ク/y;
// Words that answer something else (はい to the question, わかりません): not a name.
const NOT_A_NAME = /^(?:ハイ|イイエ|ウン|エエ|イヤ|ダメ|ワカリマセン|ワカラナイ|シリマセン|オネガイシマス|ナイデス|アリマセン)$/;

/** Hiragana → katakana (the same sounds, one spelling to store and search). */
export function toKatakana(s: string): string {
  return s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/** A run of eight or more kana digits: a number said aloud, not a name (a My Number has 12). */
function soundsLikeDigits(kana: string): boolean {
  const s = kana.replace(/\s/g, '');
  let at = 0;
  let digits = 0;
  while (at < s.length) {
    KANA_DIGIT.lastIndex = at;
    const m = KANA_DIGIT.exec(s);
    if (!m) return false;
    at += m[0].length;
    digits++;
  }
  return digits >= 8;
}

/**
 * The holder's name as kana to keep — katakana, one space between words — or undefined when
 * `text` is not a name written in kana (kanji, latin letters, digits, a yes, a number read aloud).
 */
export function kanaName(text: string): string | undefined {
  const t = text.normalize('NFKC').replace(/[・･]/g, ' ').trim();
  if (!t || !KANA_ONLY.test(t)) return undefined;
  const kana = toKatakana(t).replace(/\s+/g, ' ');
  const letters = kana.replace(/[\sー]/g, '');
  if (letters.length < 2 || kana.length > KANA_NAME_MAX) return undefined;
  if (NOT_A_NAME.test(kana.replace(/\s/g, '')) || soundsLikeDigits(kana)) return undefined;
  return kana;
}
