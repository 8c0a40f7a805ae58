// Japanese numerals to digits. Positional kanji numerals (十二, 二十四, 千二百) are read by
// @microsoft/recognizers-text-number's Japanese model, the one part of Recognizers-Text that
// knows Japanese (its DateTime model does not: see README); digit strings (〇九〇, 二〇二六) and
// spoken kana digits (ゼロキューゼロ, いちにさん) are read here.
import { Culture, recognizeNumber } from '@microsoft/recognizers-text-number';

const KANJI_DIGIT: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const KANJI_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

const positionalCache = new Map<string, number | undefined>();

/** The value of a positional kanji numeral such as 二十四 or 千二百, or undefined. */
export function positionalValue(run: string): number | undefined {
  if (positionalCache.has(run)) return positionalCache.get(run);
  const [found] = recognizeNumber(run, Culture.Japanese);
  const text = found?.text;
  const value = text === run && found?.resolution?.value !== undefined ? Number(found.resolution.value) : ownPositional(run);
  if (positionalCache.size < 10_000) positionalCache.set(run, value);
  return value;
}

/** Fallback for runs the recogniser leaves: 十, 二十, 百五 … */
function ownPositional(run: string): number | undefined {
  let total = 0;
  let digit = -1;
  for (const ch of run) {
    if (ch in KANJI_DIGIT) {
      if (digit >= 0) return undefined;
      digit = KANJI_DIGIT[ch]!;
    } else if (ch in KANJI_UNIT) {
      total += (digit < 0 ? 1 : digit) * KANJI_UNIT[ch]!;
      digit = -1;
    } else return undefined;
  }
  return total + Math.max(digit, 0);
}

/** 〇九〇 → "090", 二〇二六 → "2026". */
export function digitString(run: string): string {
  return [...run].map((ch) => String(KANJI_DIGIT[ch] ?? '')).join('');
}

export function isPositional(run: string): boolean {
  return /[十百千]/.test(run);
}

// Spoken digits, as speech-to-text or a caller's typing renders them (katakana or hiragana).
const SPOKEN_DIGITS: [string, string][] = [
  ['ゼロ', '0'], ['ぜろ', '0'], ['レイ', '0'], ['れい', '0'], ['マル', '0'], ['まる', '0'],
  ['イチ', '1'], ['いち', '1'], ['ニー', '2'], ['にー', '2'], ['ニ', '2'], ['に', '2'],
  ['サン', '3'], ['さん', '3'], ['ヨン', '4'], ['よん', '4'], ['シ', '4'], ['し', '4'],
  ['ゴー', '5'], ['ごー', '5'], ['ゴ', '5'], ['ご', '5'], ['ロク', '6'], ['ろく', '6'],
  ['ナナ', '7'], ['なな', '7'], ['シチ', '7'], ['しち', '7'], ['ハチ', '8'], ['はち', '8'],
  ['キュウ', '9'], ['きゅう', '9'], ['キュー', '9'], ['きゅー', '9'], ['ク', '9'], ['く', '9'],
];
const SPOKEN_WORD = SPOKEN_DIGITS.map(([w]) => w).sort((a, b) => b.length - a.length).join('|');
const SPOKEN_VALUE = new Map(SPOKEN_DIGITS);
// A run of spoken or written digits with pauses (space, の, ー, 、, -) between groups.
const SPOKEN_RUN = new RegExp(`(?:(?:${SPOKEN_WORD}|\\d)(?:[\\sの、ー-]{0,3}))+`, 'g');
const SPOKEN_TOKEN = new RegExp(`${SPOKEN_WORD}|\\d|[\\sの、ー-]+`, 'g');

/**
 * Replaces runs of at least `min` spoken digits (「ゼロキューゼロ いちにさんよん」) by digits with
 * hyphens where the caller paused (090-1234). Shorter runs are left: 「に」 is usually a particle.
 */
export function spokenDigitsToNumbers(text: string, min = 4): string {
  return text.replace(SPOKEN_RUN, (run) => {
    const tokens = run.match(SPOKEN_TOKEN) ?? [];
    const words = tokens.filter((t) => SPOKEN_VALUE.has(t) || /^\d$/.test(t));
    if (words.filter((t) => SPOKEN_VALUE.has(t)).length < 2 || words.length < min) return run;
    let out = '';
    for (const t of tokens) {
      if (SPOKEN_VALUE.has(t)) out += SPOKEN_VALUE.get(t);
      else if (/^\d$/.test(t)) out += t;
      else if (out && !out.endsWith('-')) out += '-';
    }
    const trailing = /[\sの、ー-]+$/.exec(run)?.[0] ?? '';
    return out.replace(/-$/, '') + (trailing ? ' ' : '');
  });
}
