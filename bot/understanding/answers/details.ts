// Answers that are one detail: a birthday (month and day), a phone number, whether to use the
// caller's number, an e-mail address, an 8-digit reservation number. Half a detail (a month
// without its day, a number a digit short) is `unclear`: the dialog asks again for that part.
import { daysInMonth } from '../../../domain/civil.js';
import { isEmail, normalizePhone } from '../../../domain/reservation.js';
import { readPhone } from '../entities.js';
import { normalize } from '../normalize.js';
import { spokenDigitsToNumbers } from '../numerals.js';
import { readEnglishWhen } from './english-when.js';
import type { Heard } from './heard.js';
import { leadWord, unsure } from './polarity.js';
import { answer, LIKELY, reading, SURE, unclear } from './result.js';
import type { AnswerReading, AskContext } from './types.js';

// ---- 誕生日(月日) ----

const MONTH_SAID = /\d{1,2}\s?月|\d{1,2}\s?[\/.-]\s?\d{1,2}|七夕|ひな祭り|ひなまつり|雛祭り|元日|元旦|クリスマス|大晦日|バレンタイン|ホワイトデー|エイプリルフール|ハロウィン|こどもの日|子供の日/;

export function mmdd(month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2024, month)) return undefined;
  return `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const BIRTH_WORD = /誕生|生まれ|うまれ|たんじょう|birthday|\bborn\b|birth/;
const MOVES_APPOINTMENT_EN = /\bmake it\b|\binstead\b|\bmove (?:it|the (?:appointment|booking|reservation))\b|\bsame time\b|\b(?:appointment|booking|reservation|slot)\b/;
const MOVES_APPOINTMENT_JA = /予約(?:の)?(?:日|時間)|日にち(?:は|を)|日付(?:は|を)|同じ時間|おなじじかん|時間(?:は|を)(?:\d|変|か)/;

export function readBirthday(h: Heard): AnswerReading {
  const four = /^(\d{2})(\d{2})(?:です|で)?$/.exec(h.text.replace(/[\s-]/g, ''));
  if (four) {
    const b = mmdd(Number(four[1]), Number(four[2]));
    return b ? reading({ birthday: b }, SURE) : unclear();
  }
  // 「make it Dec 17 instead, same time」「予約の日にちは17日に変えて」: the appointment is corrected, not a birthday given.
  if (!BIRTH_WORD.test(h.text) && (h.lang === 'en' ? MOVES_APPOINTMENT_EN : MOVES_APPOINTMENT_JA).test(h.text)) return unclear();
  if (h.lang === 'en') {
    // 03/05: March 5 or 3 May; a clerk asks (1980/05/03, year first, is not in doubt).
    const numeric = /(?<![\d\/.-])(\d{1,2})\s?[\/.-]\s?(\d{1,2})(?![\d])/.exec(h.text);
    if (numeric && Number(numeric[1]) <= 12 && Number(numeric[2]) <= 12 && numeric[1] !== numeric[2]) return unclear();
    const w = readEnglishWhen(h);
    // Digits alone in the Japanese order (1980/05/03, S55.5.3) read as the Japanese reader does.
    const b = w.date?.slice(5) ?? h.when.birthday ?? h.when.date?.slice(5);
    return b ? reading({ birthday: b }, SURE) : unclear();
  }
  const w = h.when;
  if (w.birthday) return reading({ birthday: w.birthday }, SURE);
  // A month and a day (「5月3日」「11/23」「七夕」); a day or a month alone is half a birthday.
  if (w.date && MONTH_SAID.test(h.text)) return reading({ birthday: w.date.slice(5) }, SURE);
  return unclear();
}

// ---- 電話番号 ----

const FILLERS = /え[ー〜]*っ?と|えっと|あの[ー〜]+|あのう|ええと|うーん|ちょっと/g;
const CORRECTION = /間違え|まちがえ|じゃなく|ではなく|いや|訂正|でした|やっぱり|\bsorry\b|\bi mean\b|\bactually\b/;

/** The line with spoken digits (ぜろきゅうぜろ…, にい, ごお) turned into digits before anything else. */
export function digitsText(h: Heard): string {
  if (h.lang === 'en') return h.raw.toLowerCase();
  const spoken = h.raw.replace(FILLERS, ' ').replace(/にい/g, 'にー').replace(/ごお/g, 'ごー').replace(/[()（）]/g, '-');
  return normalize(spokenDigitsToNumbers(spoken));
}

/** The phone number said, the corrected one when a correction follows (「…あ、間違えた。…」). */
export function phoneIn(h: Heard): string | undefined {
  const t = digitsText(h).replace(/[()]/g, '-');
  const pieces = t.split(CORRECTION);
  for (let i = pieces.length - 1; i >= 0; i--) {
    // 「090-1234-56789」: a digit too many is a slip, not a number with something after it.
    if ([...pieces[i]!.matchAll(/\d[\d\s-]*\d/g)].some((m) => /^0\d{11,12}$/.test(m[0].replace(/[\s-]/g, '')))) continue;
    const p = readPhone(pieces[i]!);
    if (p) return p;
  }
  return undefined;
}

export function readPhoneAnswer(h: Heard): AnswerReading {
  const phone = phoneIn(h);
  return phone ? reading({ phone }, SURE) : unclear();
}

// ---- この電話番号でよろしいですか ----

const OTHER_NUMBER = /別の|べつの|ほかの|他の|違う番号|家の|いえの|自宅|固定|会社の番号|こっちじゃな|これじゃな|この番号じゃな|携帯の方に|携帯にして/;
const THIS_NUMBER = /この(?:番号|電話|携帯)で|それで|これで|お願いします|おねがいします|大丈夫|だいじょうぶ|構いません|かまいません|構わない|かまわない/;
const OTHER_EN = /\b(?:another|different|other) (?:number|phone)|\bnot this\b|\buse my\b/;
const THIS_EN = /\bthis (?:number|one|phone)\b|\bthat'?s fine\b|\bgo ahead\b/;

export function readUseCallerNumber(h: Heard, ctx: AskContext): AnswerReading {
  const phone = phoneIn(h);
  if (phone) return phone === normalizePhone(ctx.callerNumber ?? '') ? answer('yes') : reading({ phone }, SURE);
  const lead = leadWord(h);
  if (h.lang === 'en') {
    if (lead === 'no' || OTHER_EN.test(h.text)) return answer('no');
    if (lead === 'yes' || THIS_EN.test(h.text)) return answer('yes');
    return unclear();
  }
  if (OTHER_NUMBER.test(h.text)) return answer('no', lead === 'no' ? SURE : LIKELY);
  if (lead) return answer(lead);
  // 「大丈夫です」 to 「この番号でよろしいですか」 assents; 「けっこうです」「いいです」 alone may decline.
  const k = h.kana;
  if (/^(?:ケッコウ|イイ)(?:デス)?$/.test(k)) return unclear();
  if (THIS_NUMBER.test(h.text) || /デケッコウ|デイイ|デダイジョウブ|^ダイジョウブ/.test(k)) return answer('yes', LIKELY + 0.1);
  return unclear();
}

// ---- メールアドレス ----

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

export function readEmail(h: Heard): AnswerReading {
  let t = h.raw
    .replace(/\s*(?:\(at\)|\[at\]|\{at\}|アットマーク|あっとまーく|アット)\s*/gi, '@')
    .replace(/\b([\w.+-]+) at ([\w-]+(?:\.| dot )[\w.-]+)/gi, '$1@$2')
    .replace(/\s*(?:\(dot\)|\[dot\]| dot |ドット|どっと)\s*/gi, '.')
    .replace(/\s*@\s*/g, '@')
    .replace(/(?<=@[\w.-]*)\s*\.\s*(?=[a-z])/gi, '.');
  t = t.replace(/(?<=[\w-])\s+\.\s+(?=[\w-])/g, '.');
  const found = [...t.matchAll(EMAIL)].map((m) => ({ at: m.index!, address: m[0].replace(/\.$/, '') }));
  if (found.length === 0) return unclear();
  let { address, at } = found.at(-1)!;
  // 「aiko1985@example.ne.jp、あ、1986でした」: a corrected run of digits.
  const after = t.slice(at + address.length);
  const fix = /(?:^|[^\w@.])(\d{2,})(?:\s?(?:でした|です|に訂正|の間違い)|\s*$)/.exec(after);
  if (fix) {
    const runs = [...address.split('@')[0]!.matchAll(/\d+/g)].filter((r) => r[0].length === fix[1]!.length);
    if (runs.length === 1) address = address.slice(0, runs[0]!.index!) + fix[1] + address.slice(runs[0]!.index! + fix[1]!.length);
  }
  return isEmail(address) ? reading({ email: address }, SURE) : unclear();
}

// ---- 予約番号(8桁) ----

const LOST_JA = /なくし|無くし|失くし|紛失|消し(?:ちゃ|て|た)|消えちゃ|控えて(?:い)?な|メモして(?:い)?な|見つから|わから|分から|覚えて(?:い)?な|おぼえて(?:い)?な|忘れ|わすれ|手元にな/;
const LOST_EN = /\blost\b|\bdeleted\b|can'?t find|don'?t have|don'?t know|forgot|no idea|not sure/;

export function readReservationNumber(h: Heard): AnswerReading {
  const t = digitsText(h);
  const pieces = t.split(CORRECTION);
  for (let i = pieces.length - 1; i >= 0; i--) {
    const runs = [...pieces[i]!.matchAll(/\d[\d\s-]*\d|\d/g)].map((m) => m[0].replace(/[\s-]/g, ''));
    const run = runs.sort((a, b) => b.length - a.length)[0];
    if (run && run.length >= 4) return run.length === 8 ? reading({ number: run }, SURE) : unclear();
  }
  if (h.lang === 'en' ? LOST_EN.test(h.text) : LOST_JA.test(h.text) || unsure(h)) return answer('unknown', LIKELY + 0.1);
  return unclear();
}
