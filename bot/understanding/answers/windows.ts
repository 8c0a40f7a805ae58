// A choice among the windows just offered (「番号か日時でお選びください」): by its number
// (「2番で」「2つ目」「the second one」), by position (「最初の」「真ん中の」「一番早いの」), or by
// what it is (「10時半の」「水曜日の」「午後のやつ」) when that fits exactly one; none of them,
// perhaps with a new wish; `unclear` when what is said fits more than one.
import { addDays, weekday, type CivilDate } from '../../../domain/civil.js';
import type { Heard } from './heard.js';
import { LIKELY, reading, SURE, unclear } from './result.js';
import { whenOf } from './schedule.js';
import { WEEKDAY_NAMES, type AnswerReading, type AskContext } from './types.js';

interface Offered {
  date: CivilDate;
  time: string;
}

const KANA_DIGIT: Record<string, number> = { イチ: 1, ニ: 2, サン: 3, ヨン: 4, ヨ: 4, ゴ: 5, ロク: 6, ナナ: 7, ハチ: 8, キュウ: 9, ヒト: 1, フタ: 2, ミッ: 3, ヨッ: 4 };
// 2番, にばんめ, 2つ目, ふたつめ (not 一番早い, 番号).
const NUMBERED = /(\d{1,2}|イチ|ニ|サン|ヨン|ヨ|ゴ|ロク|ナナ|ハチ|キュウ)(?:バンメ|バン(?!ゴウ|ハヤ|オソ|サイ|イイ|チカ|ヨイ|スキ|サキ|アト|ウエ|シタ|マエ|ウシロ)|コメ)|(\d{1,2}|ヒト|フタ|ミッ|ヨッ)ツメ/g;
const FROM_BOTTOM = /シタカラ/;
const FIRST = /サイショ(?!カラ)|ハジメノ|イチバンウエ|トップ|first|\b1st\b/g;
const LAST = /サイゴ|イチバンシタ|ラスト|\blast\b/g;
const MIDDLE = /マンナカ|マンナカノ|\bmiddle\b/g;
const EARLIEST = /(?:イチバン|モットモ|イッチバン)(?:ハヤ|サキ)|ハヤイホウ|ハヤイノ|\bearliest\b|\bsoonest\b/g;
const LATEST = /(?:イチバン|モットモ)(?:オソ|アト)|オソイホウ|\blatest\b/g;
const ORDINAL_EN = /\b(?:the )?(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\b|\b(?:number|option|no\.?|#)\s?(\d)\b|^(?:number |option )?(one|two|three|four|five)(?: please)?$/g;
const ORDINAL_WORDS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5, one: 1, two: 2, three: 3, four: 4, five: 5,
};
const TOP_TEXT = /一番上|いちばんうえ|上の(?:やつ|方|ほう|もの)/;
const BOTTOM_TEXT = /一番下|いちばんした|下の(?:やつ|方|ほう|もの)|一番後|あとのほう|後の方/;
const CORRECTION = /イヤ|ヤッパ|ジャナク|デハナク|チガ|マチガ|\bno,? |\bactually\b|\bsorry\b/;

const NONE_JA = /(?:ドレモ|ドッチモ|ドチラモ|ゼンブ|イズレモ|ミンナ).{0,6}(?:ムリ|ダメ|チョット|ツゴウ|アワ|イケナ|ヨクナ|ワル)|(?:ホカ|ベツ|チガウ)ノ(?:ヒ|ヒニチ|ジカン|ワク|ニチジ|ヒ)|(?:モウスコシ|モット|モウチョット)(?:オソイ|ハヤイ|アト|マエ|サキ)/;
const NONE_EN = /none of (?:these|them|those)|\bneither\b|(?:don'?t|doesn'?t|won'?t|can'?t) (?:work|make (?:it|any))|other (?:dates|days|times|options)|another (?:day|date|time)|something else|not (?:these|those)/;

// Parts of the day, taken loosely when choosing among windows: 朝 covers 11:00 too.
const LOOSE_PERIODS: [RegExp, string, string][] = [
  [/朝|午前|あさ|ごぜん|\bmorning\b/, '00:00', '12:00'],
  [/昼過ぎ|午後|ごご|\bafternoon\b/, '12:00', '24:00'],
  [/昼|おひる|\bnoon\b|\blunch/, '11:00', '14:00'],
  [/夕方|夕|ゆうがた|\bevening\b/, '15:00', '24:00'],
];

function parse(offered: string[]): Offered[] {
  return offered.map((o) => ({ date: o.slice(0, 10), time: o.slice(11, 16) }));
}

/** 0-based index chosen by number or position, or undefined. */
function byPosition(h: Heard, count: number, windows: Offered[]): number | undefined {
  // IPADIC reads 上 and 下 here as ジョウ and カ: 「一番上」「下のやつ」 are found on the written text.
  const top = TOP_TEXT.test(h.text);
  if (h.lang === 'ja' && top !== BOTTOM_TEXT.test(h.text)) return top ? 0 : count - 1;
  const k = h.lang === 'en' ? h.text : h.kana;
  const found: { at: number; index: number }[] = [];
  const add = (at: number, index: number | undefined) => {
    if (index !== undefined && index >= 0 && index < count) found.push({ at, index });
  };
  for (const m of k.matchAll(NUMBERED)) {
    const word = m[1] ?? m[2]!;
    const n = /^\d+$/.test(word) ? Number(word) : KANA_DIGIT[word];
    if (n === undefined) continue;
    const before = k.slice(Math.max(0, m.index! - 6), m.index!);
    add(m.index!, FROM_BOTTOM.test(before) ? count - n : n - 1);
  }
  if (h.lang === 'en') {
    for (const m of k.matchAll(ORDINAL_EN)) add(m.index!, (m[1] ? ORDINAL_WORDS[m[1]]! : m[3] ? ORDINAL_WORDS[m[3]]! : Number(m[2])) - 1);
  }
  const sorted = windows.map((w, i) => ({ key: `${w.date}T${w.time}`, i })).sort((a, b) => a.key.localeCompare(b.key));
  for (const m of k.matchAll(EARLIEST)) add(m.index!, sorted[0]?.i);
  for (const m of k.matchAll(LATEST)) add(m.index!, sorted.at(-1)?.i);
  for (const m of k.matchAll(FIRST)) add(m.index!, 0);
  for (const m of k.matchAll(LAST)) add(m.index!, count - 1);
  for (const m of k.matchAll(MIDDLE)) if (count % 2 === 1) add(m.index!, (count - 1) / 2);
  if (found.length === 0) return undefined;
  found.sort((a, b) => a.at - b.at);
  // 「1番、いや2番で」: the one after a correction.
  const corrected = found.length > 1 && CORRECTION.test(k.slice(found[0]!.at, found.at(-1)!.at));
  return corrected ? found.at(-1)!.index : found[0]!.index;
}

export function readWindowChoice(h: Heard, ctx: AskContext): AnswerReading {
  const windows = parse(ctx.offered ?? []);
  const count = windows.length;
  const digit = /^(\d{1,2})\s?(?:番|ばん)?(?:で|です|でお願いします)?$/.exec(h.text);
  if (digit) {
    const n = Number(digit[1]);
    return n >= 1 && n <= count ? reading({ choice: n - 1 }, SURE) : unclear();
  }
  const position = byPosition(h, count, windows);
  if (position !== undefined) return reading({ choice: position }, SURE);

  const w = whenOf(h);
  const none = h.lang === 'en' ? NONE_EN.test(h.text) : NONE_JA.test(h.kana);
  const wish = { ...(w.date ? { date: w.date } : {}), ...(w.time ? { time: w.time } : {}) };
  if (none) return reading({ none: true, ...wish }, LIKELY + 0.1);

  let candidates = windows.map((win, i) => ({ ...win, i }));
  let constrained = false;
  if (w.date) {
    candidates = candidates.filter((c) => c.date === w.date);
    constrained = true;
  } else if (w.weekday) {
    candidates = candidates.filter((c) => WEEKDAY_NAMES[weekday(c.date)] === w.weekday);
    constrained = true;
  }
  const week = weekSaid(h);
  if (week !== undefined && !w.date) {
    const monday = addDays(h.today, -((weekday(h.today) + 6) % 7) + 7 * week);
    candidates = candidates.filter((c) => c.date >= monday && c.date < addDays(monday, 7));
    constrained = true;
  }
  if (w.time) {
    candidates = candidates.filter((c) => c.time === w.time);
    constrained = true;
  } else {
    const period = LOOSE_PERIODS.find(([re]) => re.test(h.lang === 'en' ? h.text : h.raw));
    const [from, to] = period ? [period[1], period[2]] : w.range ?? [];
    if (from && to) {
      candidates = candidates.filter((c) => c.time >= from && c.time < to);
      constrained = true;
    }
  }
  if (!constrained) return unclear();
  if (candidates.length === 1) return reading({ choice: candidates[0]!.i }, LIKELY + 0.1);
  if (candidates.length > 1) return unclear();
  // Nothing offered fits: a new wish (「来週の金曜日がいいです」).
  return Object.keys(wish).length > 0 ? reading({ none: true, ...wish }, LIKELY) : unclear();
}

/** 今週の / 来週の / 再来週の without a day: the week, counted from this one. */
function weekSaid(h: Heard): number | undefined {
  const m = h.lang === 'en' ? /\b(this|next) week\b/.exec(h.text) : /(今週|来週|翌週|再来週)/.exec(h.text);
  if (!m) return undefined;
  return { 今週: 0, this: 0, 来週: 1, 翌週: 1, next: 1, 再来週: 2 }[m[1]!];
}
