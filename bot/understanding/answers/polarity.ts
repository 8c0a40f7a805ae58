// What a yes/no question's answer leans to, in the pieces every such question shares: the
// first word (はい… / いいえ…), not knowing (わかりません), a word that agrees without saying
// which way (大丈夫です, 結構です, いいです), and whether a verb is said or denied (届いてます /
// 届いてない), read on the katakana so that kanji and kana spellings are one.
import type { Heard } from './heard.js';

export type Lean = 'yes' | 'no';

// 「そうですね…」 before more is a hesitation, not a yes.
const YES_LEAD_KANA = /^(?:ハイ(?![ッルラリレロ])|エエ(?!ト)|ウン(?!テン|ト|ドウ)|ソウ(?:デス|ダ|ヨ)?(?:ネ|ヨ)?$|ソウデス(?!ネ|カ)|モチロン|ソノトオリ|オッケー|オーケー|イエス)/;
const NO_LEAD_KANA = /^(?:イイエ|イエ(?![ノニデハガスモヘ])|イヤ(?![ダデナ])|ウウン|チガ[イウ]|ノー)/;
const YES_LEAD_EN = /^(?:yes|yeah|yep|yup|sure|correct|right|that'?s right|of course|i did|i have|absolutely|definitely|i think so)\b/;
const NO_LEAD_EN = /^(?:no|nope|nah|not yet|not really|i haven'?t|i didn'?t|negative|i don'?t think so)\b/;

const UNSURE_KANA = /ワカラ(?:ナ|ン)|ワカリマセン|ワカンナ|ワカンネ|シラナイ|シリマセン|オボエテ(?:イ)?ナ|オボエテマセン|オボエ(?:ガ|ハ)ナ|キオクガナ|フメイ|カモシレ|ハッキリ(?:シナ|シマセ|ワカ)|ミテミナイト|カクニンシナイト|ミナイト|テモトニナ|ミラレナ|ミレナ|ワスレ(?:タ|チャ|テシマ|マシタ)|カモ(?:ネ|デス|ダケド)?$/;
const UNSURE_EN = /not sure|don'?t know|no idea|can'?t remember|don'?t remember|not certain|\bunsure\b|i forgot|no clue|can'?t check|haven'?t checked|can'?t see/;

// Agreement that does not say which way (大丈夫です to 「3か月未満ですか」: fine, or yes?).
const NONCOMMITTAL_KANA = /^(?:ダイジョウブ|ケッコウ|イイ|ヨイ|ヘイキ|モンダイ(?:ナイ|アリマセン|ナシ)|オッケー|オーケー|ok)(?:デス|ダ|ヨ|ネ|ト|オモイマス|オモウ|デショウ|ダロウ|カナ|ッス|okay)*$/i;
const NONCOMMITTAL_EN = /^(?:(?:i think )?(?:it'?s |that'?s )?(?:fine|ok|okay|good|alright|all right)|no problem)$/;

/** Words a verb's negation follows with (届いて|ない, 来て|ません, 届か|ない, 来|ない). */
const NEGATED_TAIL = /^(?:テ|デ)?(?:ハ|モ)?(?:イ|オ)?(?:ナ[イクカケ]|マセ|ネ[ーエ]|ヘン|ズ)/;

export function leadWord(h: Heard): Lean | undefined {
  if (h.lang === 'en') {
    const t = h.text.replace(/^(?:um+|uh+|well|oh|ah),?\s*/, '');
    return YES_LEAD_EN.test(t) ? 'yes' : NO_LEAD_EN.test(t) ? 'no' : undefined;
  }
  if (/^(?:ok|okay|yes)\b/.test(h.text)) return 'yes';
  // 「はい？」 alone asks to hear the question again.
  if (h.asks && /^(?:ハイ|エ|エエ)$/.test(h.kana)) return undefined;
  return YES_LEAD_KANA.test(h.kana) ? 'yes' : NO_LEAD_KANA.test(h.kana) ? 'no' : undefined;
}

/** Says they do not know (or cannot check). */
export function unsure(h: Heard): boolean {
  return h.lang === 'en' ? UNSURE_EN.test(h.text) : UNSURE_KANA.test(h.kana);
}

/** The whole line is 大丈夫です / 結構です / いいです / OK: agreement without a direction. */
export function noncommittal(h: Heard): boolean {
  if (h.lang === 'en') return NONCOMMITTAL_EN.test(h.text.replace(/[.!]+$/, ''));
  return NONCOMMITTAL_KANA.test(h.kana);
}

/** How often a verb (its stem, as a global regex on katakana) is said and how often denied. */
export function verbHits(kana: string, stem: RegExp): { said: number; denied: number } {
  let said = 0;
  let denied = 0;
  for (const m of kana.matchAll(stem)) {
    if (NEGATED_TAIL.test(kana.slice(m.index! + m[0].length, m.index! + m[0].length + 8))) denied++;
    else said++;
  }
  return { said, denied };
}
