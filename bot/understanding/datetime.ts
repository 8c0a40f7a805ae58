// Dates, times and periods in normalised Japanese (see normalize.ts), relative to `now` in
// Asia/Tokyo, under the rules of CONVENTIONS.md. A date that is a birth date becomes the
// birthday instead. Pure: `now` comes in as an argument.
import { addDays, addMonths, civil, daysInMonth, isCivilDate, parts, tokyoParts, weekday, type CivilDate, type ClockTime } from '../../domain/civil.js';

export type TimeRange = [ClockTime, ClockTime];

export interface DateTimeReading {
  date: CivilDate | null;
  time: ClockTime | null;
  timeRange: TimeRange | null;
  birthday: string | null;
}

interface Mention<T> {
  start: number;
  end: number;
  value: T;
  /** Written with a year (birth dates are). */
  year?: number;
}

const OPEN = '09:00';
const CLOSE = '17:00';
const WEEKDAY_INDEX: Record<string, number> = { 日: 0, 月: 1, 火: 2, 水: 3, 木: 4, 金: 5, 土: 6 };
const ERA_BASE: Record<string, number> = { 令和: 2018, r: 2018, 平成: 1988, h: 1988, 昭和: 1925, s: 1925 };

const PERIODS: [RegExp, TimeRange][] = [
  [/午前中|午前(?![\s]?の?\s?\d)/g, ['09:00', '12:00']],
  [/昼過ぎ|昼すぎ/g, ['12:00', '15:00']],
  [/午後(?![\s]?の?\s?\d|一)/g, ['12:00', '17:00']],
  [/夕方(?![\s]?の?\s?\d)/g, ['15:00', '17:00']],
  [/お?昼(?!過|すぎ)(?![\s]?の?\s?\d)/g, ['11:00', '14:00']],
  [/朝(?!一)(?![\s]?の?\s?\d)/g, ['09:00', '11:00']],
];

const BIRTH_CUE_AFTER = /誕生日|生年月日|たんじょうび/g; // the date follows the cue
const BIRTH_CUE_BEFORE = /生まれ|うまれ/g; // the date precedes the cue
const CORRECTION = /じゃなく|ではなく|やっぱり|やっぱ|いや|訂正|間違/;

export function readDateTime(text: string, now: Date): DateTimeReading {
  const today = tokyoParts(now).date;
  // A weekday annotation after a date (12月3日(木)) says nothing new.
  const t = text.replace(/(?<=[\d日])\s?\(([月火水木金土日])(?:曜日?)?\)/g, (m) => ' '.repeat(m.length));
  const dates = findDates(t, today);
  const birthday = pickBirthday(t, dates, today);
  const bookingDates = dates.filter((d) => d !== birthday);
  return {
    date: pick(t, bookingDates)?.value ?? null,
    ...readTimes(t),
    birthday: birthday ? birthday.value.slice(5) : birthdayDigits(t),
  };
}

/** The mention to use: the first, or the one after a correction (「3日じゃなくて4日」). */
function pick<T>(text: string, mentions: Mention<T>[]): Mention<T> | undefined {
  let chosen = mentions[0];
  for (let i = 1; i < mentions.length; i++) {
    if (CORRECTION.test(text.slice(mentions[i - 1]!.end, mentions[i]!.start))) chosen = mentions[i];
  }
  return chosen;
}

function findDates(t: string, today: CivilDate): Mention<CivilDate>[] {
  const found: Mention<CivilDate>[] = [];
  const taken: [number, number][] = [];
  const add = (re: RegExp, resolve: (m: RegExpExecArray) => CivilDate | undefined, withYear = false) => {
    for (const m of t.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      const value = resolve(m as RegExpExecArray);
      taken.push([start, end]);
      if (value && isCivilDate(value)) found.push({ start, end, value, ...(withYear ? { year: parts(value).year } : {}) });
    }
  };
  const { year, month } = parts(today);
  const dow = weekday(today);
  const exact = (y: number, mo: number, d: number) => (mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) ? civil(y, mo, d) : undefined);

  add(/(令和|平成|昭和|(?<![a-z])[rhs])\s?(\d{1,2}|元)\s?[年.\/-]\s?(\d{1,2})\s?[月.\/-]\s?(\d{1,2})日?/g, (m) =>
    exact(ERA_BASE[m[1]!]! + (m[2] === '元' ? 1 : Number(m[2])), Number(m[3]), Number(m[4])), true);
  add(/(?<!\d)(\d{4})\s?[年.\/-]\s?(\d{1,2})\s?[月.\/-]\s?(\d{1,2})日?/g, (m) => exact(Number(m[1]), Number(m[2]), Number(m[3])), true);
  add(/(今月|来月|再来月)\s?の?\s?(\d{1,2})日/g, (m) => {
    const first = addMonths(civil(year, month, 1), m[1] === '今月' ? 0 : m[1] === '来月' ? 1 : 2);
    const p = parts(first);
    return exact(p.year, p.month, Number(m[2]));
  });
  add(/(今月|来月)?\s?の?\s?(?:月末|(?<=月)末)/g, (m) => {
    const p = parts(addMonths(civil(year, month, 1), m[1] === '来月' ? 1 : 0));
    return civil(p.year, p.month, daysInMonth(p.year, p.month));
  });
  const monthDay = (mo: number, d: number) => {
    const thisYear = exact(year, mo, d);
    if (thisYear && thisYear >= today) return thisYear;
    return exact(year + 1, mo, d) ?? (mo === 2 && d === 29 ? exact(year + 4 - (year % 4), mo, d) : undefined);
  };
  add(/(?<![\d.\/])(\d{1,2})月\s?の?\s?(\d{1,2})(?:日|(?![\d時分:]))/g, (m) => monthDay(Number(m[1]), Number(m[2])));
  add(/(?<![\d.\/:])(\d{1,2})\/(\d{1,2})(?![\d\/:])/g, (m) => monthDay(Number(m[1]), Number(m[2])));
  add(/明々後日|明後日|明日|今日|本日/g, (m) => addDays(today, { 明々後日: 3, 明後日: 2, 明日: 1 }[m[0]] ?? 0));
  add(/(\d{1,3})日後/g, (m) => addDays(today, Number(m[1])));
  add(/(\d{1,2})週間後/g, (m) => addDays(today, 7 * Number(m[1])));
  add(/(\d{1,2})[かヶカケ箇]月後/g, (m) => addMonths(today, Number(m[1])));
  const mondayThisWeek = addDays(today, -((dow + 6) % 7));
  add(/(今週|来週|再来週|次の?|今度の?)\s?の?\s?([月火水木金土日])(?:曜日|曜)?/g, (m) => {
    const target = WEEKDAY_INDEX[m[2]!]!;
    if (m[1] === '今週' || m[1] === '来週' || m[1] === '再来週') {
      const week = { 今週: 0, 来週: 7, 再来週: 14 }[m[1]];
      return addDays(mondayThisWeek, week + ((target + 6) % 7));
    }
    return addDays(today, (target - dow + 7) % 7 || 7);
  });
  add(/([月火水木金土日])曜日?|(?<=^|\s)([月火水木金土])(?=の\s?(?:\d|午|朝|夕))/g, (m) =>
    addDays(today, (WEEKDAY_INDEX[(m[1] ?? m[2])!]! - dow + 7) % 7 || 7));
  add(/(?<![\d月\/.])(\d{1,2})日(?![後間前中\d])/g, (m) => {
    const d = Number(m[1]);
    for (let i = 0; i < 3; i++) {
      const p = parts(addMonths(civil(year, month, 1), i));
      const date = exact(p.year, p.month, d);
      if (date && date >= today) return date;
    }
    return undefined;
  });
  return found.sort((a, b) => a.start - b.start);
}

/** A date said as a birth date: near a cue (誕生日は…, …生まれ), or written with a past year. */
function pickBirthday(t: string, dates: Mention<CivilDate>[], today: CivilDate): Mention<CivilDate> | undefined {
  for (const cue of t.matchAll(BIRTH_CUE_AFTER)) {
    const after = dates.find((d) => d.start >= cue.index!);
    if (after) return after;
  }
  for (const cue of t.matchAll(BIRTH_CUE_BEFORE)) {
    const before = dates.filter((d) => d.end <= cue.index!).at(-1);
    if (before) return before;
  }
  const thisYear = parts(today).year;
  return dates.find((d) => d.year !== undefined && d.year <= thisYear - 2);
}

/** 「誕生日は0503」: four digits after a birthday cue. */
function birthdayDigits(t: string): string | null {
  const m = /(?:誕生日|生年月日|たんじょうび)\s?(?:は|が|:)?\s?(\d{2})[\s-]?(\d{2})(?!\d)/.exec(t);
  if (!m) return null;
  const [mo, d] = [Number(m[1]), Number(m[2])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(2024, mo) ? `${m[1]}-${m[2]}` : null;
}

function readTimes(t: string): { time: ClockTime | null; timeRange: TimeRange | null } {
  const times: Mention<number>[] = []; // minutes since midnight
  const push = (start: number, end: number, minutes: number | undefined) => {
    if (minutes !== undefined && !times.some((x) => start < x.end && end > x.start)) times.push({ start, end, value: minutes });
  };
  for (const m of t.matchAll(/正午|朝一|午後一/g)) push(m.index!, m.index! + m[0].length, { 正午: 720, 朝一: 540, 午後一: 780 }[m[0]]);
  // 「10-11時」: one hour range written once.
  const shortRange = /(午前|午後|朝|夕方)?\s?(?<![\d:])(\d{1,2})\s?[~-]\s?(\d{1,2})時(?!間)/.exec(t);
  if (shortRange) {
    const a = hourOf(Number(shortRange[2]), shortRange[1]);
    const b = hourOf(Number(shortRange[3]), shortRange[1]);
    if (a !== undefined && b !== undefined && b > a) return { time: null, timeRange: [clock(a * 60), clock(b * 60)] };
  }
  for (const m of t.matchAll(/(午前|午後|朝|夕方|夜|昼)?\s?の?\s?(?<![\d:.\/])(\d{1,2})時(?!間)(?:(半)|(\d{1,2})分)?/g)) {
    const hour = hourOf(Number(m[2]), m[1]);
    const minute = m[3] ? 30 : m[4] ? Number(m[4]) : 0;
    push(m.index!, m.index! + m[0].length, hour !== undefined && minute < 60 ? hour * 60 + minute : undefined);
  }
  for (const m of t.matchAll(/(午前|午後)?\s?(?<![\d.\/-])(\d{1,2}):(\d{2})(?!\d)/g)) {
    const h = Number(m[2]);
    const hour = m[1] === '午後' && h < 12 ? h + 12 : h;
    push(m.index!, m.index! + m[0].length, hour < 24 && Number(m[3]) < 60 ? hour * 60 + Number(m[3]) : undefined);
  }
  times.sort((a, b) => a.start - b.start);

  for (let i = 0; i + 1 < times.length; i++) {
    const between = t.slice(times[i]!.end, times[i + 1]!.start);
    if (/^\s?(から|~|-|ー|より|以降)\s?(の間)?\s?$/.test(between) && times[i + 1]!.value > times[i]!.value) {
      return { time: null, timeRange: [clock(times[i]!.value), clock(times[i + 1]!.value)] };
    }
  }
  const first = pick(t, times);
  if (first) {
    const after = t.slice(first.end);
    if (/^\s?(以降|以後|から|より後)/.test(after)) return { time: null, timeRange: [clock(first.value), CLOSE] };
    if (/^\s?(まで)/.test(after)) return { time: null, timeRange: [OPEN, clock(first.value)] };
    return { time: clock(first.value), timeRange: null };
  }
  for (const [re, range] of PERIODS) {
    re.lastIndex = 0;
    if (re.test(t)) return { time: null, timeRange: range };
  }
  return { time: null, timeRange: null };
}

/** The hour on a 24-hour clock; without 午前/午後 the reading inside office hours (2時 → 14). */
function hourOf(h: number, period: string | undefined): number | undefined {
  if (h > 24) return undefined;
  if (period === '午後' || period === '夕方' || period === '夜') return h < 12 ? h + 12 : h;
  if (period === '午前' || period === '朝') return h <= 12 ? h : undefined;
  if (h >= 1 && h <= 6) return h + 12;
  return h === 24 ? undefined : h;
}

function clock(minutes: number): ClockTime {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
