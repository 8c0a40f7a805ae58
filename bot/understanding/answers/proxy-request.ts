// Answers to the proxy form request's questions (R21c step 1): whether to take the request now
// (「照会書の郵送を依頼しますか」), who is asking (the holder or the legal representative may; anyone
// else must come to the window with ID), and the holder's name in kana. A family word alone
// (「母です」) is `unclear`: a parent of a child under 15 is its legal representative, so a
// clerk asks rather than refuse.
import { kanaName } from '../../../domain/proxy-request.js';
import type { Heard } from './heard.js';
import { readAnythingElse } from './manage.js';
import { leadWord } from './polarity.js';
import { answer, LIKELY, reading, SURE, unclear } from './result.js';
import type { AnswerReading } from './types.js';

// ---- 照会書の郵送を依頼しますか ----

const DECLINE_JA = /依頼(?:は)?(?:し)?(?:ない|ません|しな)|(?:いら|要ら)ない|いりません|不要|今は(?:いい|結構|大丈夫)|やめておき|しません/;
const ACCEPT_JA = /依頼(?:する|します|したい|を?お願い)|お願い|おねがい|頼みます|頼む|たのみます|送って|おくって|郵送して|(?:ほしい|欲しい)(?:です)?$/;
const DECLINE_EN = /\bno\b|\bnot now\b|\bdon'?t\b|\bno thanks\b/;
const ACCEPT_EN = /\b(?:yes|please|send|mail)\b/;

export function readProxyFormOffer(h: Heard): AnswerReading {
  if (h.lang === 'en') {
    if (DECLINE_EN.test(h.text)) return answer('no');
    if (ACCEPT_EN.test(h.text)) return answer('yes');
    return readAnythingElse(h);
  }
  if (DECLINE_JA.test(h.text)) return answer('no');
  if (leadWord(h) === 'no') return answer('no');
  if (ACCEPT_JA.test(h.text) || leadWord(h) === 'yes') return answer('yes');
  // Anything else as to 「ほかにご用件は」: 「わかりました、電話します」 ends, 「予約したい」 books.
  return readAnythingElse(h);
}

// ---- ご本人または法定代理人のかたですか ----

const REPRESENTATIVE = /ホウテイダイリ|シンケンシャ|コウケンニン/;
const NOT_HOLDER = /ホンニン(?:デハ|ジャ|ジャア)(?:ナ|アリマセン)|ホンニンイガイ|ドチラデモ(?:ナイ|アリマセン)|ドッチデモナイ|ダイリ|カワリ/;
const HOLDER = /ホンニン|ワタシノ(?:カード|ブン)|ジブンノ(?:カード|ブン)|ジブンデス/;
const REPRESENTATIVE_EN = /\blegal (?:representative|guardian)\b|\bguardian\b|\bparent of\b/;
const HOLDER_EN = /\b(?:i am|i'?m) the (?:card ?)?holder\b|\bthe holder\b|\bmyself\b|\bmy own\b|\bmine\b/;
const NOT_HOLDER_EN = /\bneither\b|\bproxy\b|\bon (?:his|her|their|my \w+'?s) behalf\b|\bsomeone else\b|\bnot the (?:card ?)?holder\b/;

export function readRequester(h: Heard): AnswerReading {
  if (h.lang === 'en') {
    if (REPRESENTATIVE_EN.test(h.text)) return answer('yes');
    if (NOT_HOLDER_EN.test(h.text)) return answer('no');
    if (HOLDER_EN.test(h.text)) return answer('yes');
    const lead = leadWord(h);
    return lead ? answer(lead) : unclear();
  }
  const k = h.kana;
  // 法定代理人 says 代理 too: the representative first.
  if (REPRESENTATIVE.test(k)) return answer('yes');
  if (NOT_HOLDER.test(k)) return answer('no', leadWord(h) === 'yes' ? LIKELY : SURE);
  if (HOLDER.test(k)) return answer('yes');
  const lead = leadWord(h);
  return lead ? answer(lead) : unclear();
}

// ---- お名前(カナ) ----

// 「名前は…です」「…と申します」: the name is between them.
const BEFORE_JA = /^(?:私の|わたしの|本人の|ほんにんの)?(?:名前|なまえ|お名前|おなまえ|氏名|しめい|フルネーム)(?:は|:)\s*/;
const AFTER_JA = /\s*(?:です|でございます|と申します|ともうします|といいます|と言います|でお願いします|でおねがいします|様|さま)[。.!]*$/;
const BEFORE_KANA = /^(?:ワタシノ|ホンニンノ)?(?:オナマエ|ナマエ|シメイ|フルネーム)(?:ハ|ワ)/;
const AFTER_KANA = /(?:デス|デゴザイマス|トモウシマス|トイイマス|デオネガイシマス|サマ)$/;

/**
 * The holder's name in kana. Typed: kana only (kanji have several readings; the desk finds the
 * resident record by the reading), hiragana kept as katakana. Spoken: what speech-to-text
 * printed, read as kana (山田花子 → ヤマダハナコ), which the dialog reads back for a yes.
 */
export function readKanaName(h: Heard): AnswerReading {
  if (h.channel === 'spoken') {
    const said = h.rawKana.replace(BEFORE_KANA, '').replace(AFTER_KANA, '');
    const name = kanaName(said);
    return name ? reading({ kana: name }, LIKELY) : unclear();
  }
  const name = kanaName(h.raw.replace(BEFORE_JA, '').replace(AFTER_JA, ''));
  return name ? reading({ kana: name }, SURE) : unclear();
}
