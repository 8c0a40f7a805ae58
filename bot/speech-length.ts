// How long a Japanese sentence takes to say on the phone line: its morae (拍) from kuromoji's
// katakana readings, at the pace a Japanese text-to-speech voice reads (about 7–8 morae a
// second; 7.5 here), plus a short pause at each 、 and a longer one at each 。.
//
// IPADIC gives digits, Latin letters and symbols no reading, and reads a counter after a numeral
// out of context (3日 → サン + ニチ): those are read here as a voice says them — 10時 じゅうじ,
// 3日 みっか, 2027年 にせんにじゅうななねん; digits apart (「0 9 0」), a number beginning with 0
// (0503) or one of five digits or more, digit by digit (ゼロ、キュウ、ニー、ゴー: two morae each);
// # シャープ, LINE ライン, other Latin letters spelled.
import type { JapaneseTokenizer, Token } from './understanding/tokenizer.js';

/** Morae a second at which a Japanese voice reads (RESEARCH.md: about 7–8). */
export const MORAE_PER_SECOND = 7.5;
/** Seconds of the pause a voice makes at a 、 and at the end of a sentence (・ makes none). */
export const COMMA_PAUSE = 0.2;
export const STOP_PAUSE = 0.4;

export interface SpeechLength {
  /** Morae (拍) spoken. */
  morae: number;
  /** Pauses: 、 (short), 。？！ (long). */
  commas: number;
  stops: number;
  /** morae / MORAE_PER_SECOND + the pauses. */
  seconds: number;
  /** The whole as read, in katakana with its punctuation (to see what was counted). */
  reading: string;
}

const SMALL = new Set([...'ァィゥェォャュョヮ']);

/** Morae of a kana string: every kana but the small ones that join the one before; ッ, ー and ン count. */
export function moraeOfKana(kana: string): number {
  let n = 0;
  for (const ch of toKatakana(kana)) if (/[\u30A1-\u30FA\u30FC]/.test(ch) && !SMALL.has(ch)) n++;
  return n;
}

function toKatakana(s: string): string {
  return s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

// ── numbers ────────────────────────────────────────────────────────────────────────────

const ONES = ['', 'イチ', 'ニ', 'サン', 'ヨン', 'ゴ', 'ロク', 'ナナ', 'ハチ', 'キュウ'];
/** Digits said one by one: a voice lengthens ニ and ゴ (ニー, ゴー). */
const DIGIT = ['ゼロ', 'イチ', 'ニー', 'サン', 'ヨン', 'ゴー', 'ロク', 'ナナ', 'ハチ', 'キュウ'];

function under10000(n: number): string {
  const [th, h, t, o] = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  const thousands = th === 0 ? '' : th === 1 ? 'セン' : th === 3 ? 'サンゼン' : th === 8 ? 'ハッセン' : `${ONES[th]}セン`;
  const hundreds = h === 0 ? '' : h === 1 ? 'ヒャク' : h === 3 ? 'サンビャク' : h === 6 ? 'ロッピャク' : h === 8 ? 'ハッピャク' : `${ONES[h]}ヒャク`;
  const tens = t === 0 ? '' : t === 1 ? 'ジュウ' : `${ONES[t]}ジュウ`;
  return thousands + hundreds + tens + ONES[o];
}

/** A number as a voice reads it: 2027 → ニセンニジュウナナ, 0 → ゼロ. */
export function numberReading(n: number): string {
  if (n === 0) return 'ゼロ';
  let out = '';
  const oku = Math.floor(n / 1e8);
  const man = Math.floor(n / 1e4) % 1e4;
  if (oku) out += under10000(oku) + 'オク';
  if (man) out += under10000(man) + 'マン';
  return out + under10000(n % 1e4);
}

export function digitsReading(digits: string): string {
  return [...digits].map((d) => DIGIT[Number(d)] ?? '').join('');
}

/** The day of a month: 1日 ついたち … 20日 はつか; others ～ニチ. */
const DAYS: Record<number, string> = {
  1: 'ツイタチ', 2: 'フツカ', 3: 'ミッカ', 4: 'ヨッカ', 5: 'イツカ', 6: 'ムイカ', 7: 'ナノカ', 8: 'ヨウカ', 9: 'ココノカ', 10: 'トオカ',
  14: 'ジュウヨッカ', 20: 'ハツカ', 24: 'ニジュウヨッカ',
};
/** Counters whose numeral changes before them (4時 よじ, 9月 くがつ). */
const LAST_DIGIT: Record<string, Record<number, string>> = {
  時: { 4: 'ヨ', 7: 'シチ', 9: 'ク' },
  時半: { 4: 'ヨ', 7: 'シチ', 9: 'ク' },
  月: { 4: 'シ', 7: 'シチ', 9: 'ク' },
  年: { 4: 'ヨ' },
  円: { 4: 'ヨ' },
  人: { 4: 'ヨ' },
};
/** Counters whose reading IPADIC gives out of context (月 ツキ): as said after a numeral. */
const COUNTER: Record<string, string> = { 月: 'ガツ', 日: 'ニチ', 人: 'ニン', 時: 'ジ', 時半: 'ジハン', 分: 'フン' };
const NATIVE: Record<string, Record<number, string>> = {
  人: { 1: 'ヒトリ', 2: 'フタリ' },
  つ: { 1: 'ヒトツ', 2: 'フタツ', 3: 'ミッツ', 4: 'ヨッツ', 5: 'イツツ', 6: 'ムッツ', 7: 'ナナツ', 8: 'ヤッツ', 9: 'ココノツ' },
};

/** A numeral and the counter after it, as one reading; `counter` undefined: the numeral alone. */
function numeralReading(surface: string, counter: string | undefined, spelled: boolean): { reading: string; takesCounter: boolean } {
  if (spelled || (surface.length > 1 && surface.startsWith('0')) || surface.length >= 5) return { reading: digitsReading(surface), takesCounter: false };
  const n = Number(surface);
  if (counter === '日' && DAYS[n]) return { reading: DAYS[n]!, takesCounter: true };
  const native = counter ? NATIVE[counter]?.[n] : undefined;
  if (native) return { reading: native, takesCounter: true };
  const changed = counter ? LAST_DIGIT[counter]?.[n % 10] : undefined;
  const numeral = changed && n % 10 !== 0 ? numberReading(n - (n % 10)).replace(/^ゼロ$/, '') + changed : numberReading(n);
  if (counter && COUNTER[counter]) return { reading: numeral + COUNTER[counter], takesCounter: true };
  return { reading: numeral, takesCounter: false };
}

// ── letters and symbols ────────────────────────────────────────────────────────────────

const WORDS: Record<string, string> = { LINE: 'ライン', PIN: 'ピン', SMS: 'エスエムエス', OK: 'オーケー', QR: 'キューアール', A4: 'エーヨン' };
const LETTERS: Record<string, string> = {
  A: 'エー', B: 'ビー', C: 'シー', D: 'ディー', E: 'イー', F: 'エフ', G: 'ジー', H: 'エイチ', I: 'アイ', J: 'ジェー', K: 'ケー', L: 'エル', M: 'エム',
  N: 'エヌ', O: 'オー', P: 'ピー', Q: 'キュー', R: 'アール', S: 'エス', T: 'ティー', U: 'ユー', V: 'ブイ', W: 'ダブリュー', X: 'エックス', Y: 'ワイ', Z: 'ゼット',
};
const SYMBOLS: Record<string, string> = { '#': 'シャープ', '＃': 'シャープ', '*': 'コメ', '＊': 'コメ', '@': 'アット', '＠': 'アット', '%': 'パーセント', '％': 'パーセント', '〜': 'カラ', '~': 'カラ', '～': 'カラ' };
const COMMA = /^[、，,]+$/;
const STOP = /^[。．？！?!]+$/;

function latinReading(word: string): string {
  const upper = word.toUpperCase();
  return WORDS[upper] ?? [...upper].map((c) => LETTERS[c] ?? '').join('');
}

/** A token IPADIC could not read: kana as written, kanji at two morae each (rare). */
function unknownReading(surface: string): string {
  let out = '';
  for (const ch of surface) {
    if (/[\u3041-\u3096\u30A1-\u30FA\u30FC]/.test(ch)) out += toKatakana(ch);
    else if (/\p{Script=Han}/u.test(ch)) out += 'ナニ';
    else if (SYMBOLS[ch]) out += SYMBOLS[ch];
  }
  return out;
}

const DIGITS_ONLY = /^[0-9]+$/;

/**
 * What a voice says for `text`, token by token: katakana, with 、 and 。 where it pauses.
 * Full-width digits and letters are read as their half-width forms.
 */
export function spokenReading(text: string, tokenizer: JapaneseTokenizer): string {
  // 1,000円: a thousands separator is no pause.
  const normal = text.normalize('NFKC').replace(/[~～]/g, '〜').replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  const tokens: Token[] = tokenizer.tokenize(normal);
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const s = t.surface;
    if (/^\s+$/.test(s)) continue;
    if (COMMA.test(s)) out += '、';
    else if (STOP.test(s)) out += '。';
    else if (DIGITS_ONLY.test(s)) {
      // Digits apart (「0 9 0」): said one by one, as are numbers beginning with 0 and long ones.
      const prev = tokens[i - 1];
      const next = tokens[i + 1];
      const apart = (a: Token | undefined, b: Token | undefined) => a?.surface === ' ' && b !== undefined && /^[0-9]$/.test(b.surface);
      const spelled = s.length === 1 && (apart(next, tokens[i + 2]) || apart(prev, tokens[i - 2]));
      const counter = next && !/^\s/.test(next.surface) ? next.surface : undefined;
      const { reading, takesCounter } = numeralReading(s, counter, spelled);
      out += reading;
      if (takesCounter) i++;
    } else if (/^[A-Za-z0-9]+$/.test(s)) out += latinReading(s);
    else if (SYMBOLS[s]) out += SYMBOLS[s];
    else out += t.reading ?? unknownReading(s);
  }
  return out;
}

/** The spoken length of `text` (one message's speech). */
export function speechLength(text: string, tokenizer: JapaneseTokenizer): SpeechLength {
  const reading = spokenReading(text, tokenizer);
  const morae = moraeOfKana(reading);
  const commas = (reading.match(/、/g) ?? []).length;
  const stops = (reading.match(/。/g) ?? []).length;
  return { morae, commas, stops, seconds: round(morae / MORAE_PER_SECOND + commas * COMMA_PAUSE + stops * STOP_PAUSE), reading };
}

/**
 * A turn: its messages said one after another (each its own <Say>, so each ends with a
 * sentence's pause even when its text has no 。).
 */
export function turnLength(speeches: string[], tokenizer: JapaneseTokenizer): SpeechLength {
  const parts = speeches.filter((s) => s.trim()).map((s) => speechLength(/[。．？！?!]\s*$/.test(s) ? s : `${s}。`, tokenizer));
  const morae = parts.reduce((n, p) => n + p.morae, 0);
  const commas = parts.reduce((n, p) => n + p.commas, 0);
  const stops = parts.reduce((n, p) => n + p.stops, 0);
  return { morae, commas, stops, seconds: round(morae / MORAE_PER_SECOND + commas * COMMA_PAUSE + stops * STOP_PAUSE), reading: parts.map((p) => p.reading).join('') };
}

const round = (s: number) => Math.round(s * 10) / 10;
