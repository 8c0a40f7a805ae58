// The answer to a read-back (「この内容でよろしいですか」): yes, no, or a correction of one or
// more of the details read back (「いや、やっぱり11時で」「誕生日が違います。5月30日です」
// 「電話、最後が9です」). A detail said again unchanged is agreement, not a correction.
import { readEnglishWhen, officeHour } from './english-when.js';
import type { Heard } from './heard.js';
import { phoneIn } from './details.js';
import { leadWord, noncommittal } from './polarity.js';
import { answer, LIKELY, reading, SURE, unclear } from './result.js';
import type { AnswerReading, AskContext, ReadBackDetails } from './types.js';
import { readWhen } from './when.js';

const BIRTHDAY_JA = /誕生日|たんじょうび|生年月日|生まれ/;
const BIRTHDAY_EN = /\bbirth ?day\b|\bdate of birth\b|\bborn\b/;
// 「電話、最後が9です」「末尾は79」: the last digits of the number read back.
const LAST_DIGITS = /(?:最後|さいご|末尾|下\d?桁|しもひとけた)(?:の(?:数字|番号|桁|ほう))?(?:が|は|を)?\s?(\d{1,4})(?!\d)/;
const AGREE_JA = /^(?:ソレデ|コレデ)?(?:アッテ|アッ|マチガイ(?:ナイ|アリマセン|ゴザイマセン))|^ソレデ(?:オネガイ|イイ|ヨロシク|ダイジョウブ|ケッコウ|OK)|^(?:ヨロシク|オネガイ)|^タダシイ|バッチリ|カンペキ|^ソレデ(?:デス|オッケー|OK)?$/;
const DISAGREE_JA = /(?<!マ)チガ[イウ]|マチガッテ|マチガイ(?:ガ|デス|ガアリ|アリ(?!マセン))|チガッテ/;
const AGREE_EN = /\b(?:correct|right|perfect|looks good|all good|that'?s it|confirm)\b/;
const DISAGREE_EN = /\b(?:wrong|incorrect|not right|mistake)\b/;

export function readReadBack(h: Heard, ctx: AskContext): AnswerReading {
  const before = ctx.readBack ?? {};
  const fixed = h.lang === 'en' ? correctionsEn(h, before) : correctionsJa(h, before);
  const lead = leadWord(h);
  if (Object.keys(fixed).length > 0) return reading({ correct: fixed }, lead === 'yes' ? LIKELY : SURE);
  if (h.lang === 'en') {
    if (lead === 'no' || DISAGREE_EN.test(h.text)) return answer('no');
    if (lead === 'yes' || AGREE_EN.test(h.text) || noncommittal(h)) return answer('yes');
    return unclear();
  }
  const k = h.kana;
  if (DISAGREE_JA.test(k)) return answer('no', lead === 'no' ? SURE : LIKELY + 0.1);
  if (lead) return answer(lead);
  // To 「この内容でよろしいですか」 大丈夫です and OK assent.
  if (noncommittal(h) || AGREE_JA.test(k) || /アッテ(?:マス|イマス|ル)/.test(k)) return answer('yes', LIKELY + 0.1);
  return unclear();
}

function correctionsJa(h: Heard, before: ReadBackDetails): ReadBackDetails {
  const fixed: ReadBackDetails = {};
  const phone = phoneIn(h);
  if (phone && phone !== before.phone) fixed.phone = phone;
  const last = LAST_DIGITS.exec(h.text);
  if (!phone && last && before.phone && /電話|でんわ|番号|携帯/.test(h.text)) fixed.phone = before.phone.slice(0, -last[1]!.length) + last[1];
  const w = h.when;
  if (BIRTHDAY_JA.test(h.text)) {
    const birthday = w.birthday ?? (w.date ? w.date.slice(5) : undefined);
    if (birthday && birthday !== before.birthday) fixed.birthday = birthday;
    return fixed;
  }
  const said = readWhen(h);
  if (said.date && said.date !== before.date && !phone) fixed.date = said.date;
  if (said.time && said.time !== before.time) fixed.time = said.time;
  return fixed;
}

function correctionsEn(h: Heard, before: ReadBackDetails): ReadBackDetails {
  const fixed: ReadBackDetails = {};
  const phone = phoneIn(h);
  if (phone && phone !== before.phone) fixed.phone = phone;
  const said = readEnglishWhen(h);
  if (BIRTHDAY_EN.test(h.text)) {
    const birthday = said.date?.slice(5);
    if (birthday && birthday !== before.birthday) fixed.birthday = birthday;
    return fixed;
  }
  if (said.date && said.date !== before.date && !phone) fixed.date = said.date;
  let time = said.time;
  // 「the time should be 11」: an hour with no am/pm after a word about the time.
  const bare = /\btime\b.*?\b(?:be|to|at|is)\s+(\d{1,2})(?::(\d{2}))?\b(?!\s*(?:am|pm|st|nd|rd|th|\/))/.exec(h.text);
  if (!time && bare) time = `${String(officeHour(Number(bare[1]))).padStart(2, '0')}:${bare[2] ?? '00'}`;
  if (time && time !== before.time) fixed.time = time;
  return fixed;
}
