// Dates, times and periods in normalised Japanese (see normalize.ts), relative to `now` in
// Asia/Tokyo, under the rules of CONVENTIONS.md. A date that is a birth date becomes the
// birthday instead. Pure: `now` comes in as an argument.
import { daysInMonth, parts, tokyoParts, type CivilDate, type ClockTime } from '../../domain/civil.js';
import { findDates, type DateMention } from './dates.js';
import { readTimes, type TimeRange } from './times.js';

export type { TimeRange } from './times.js';

export interface DateTimeReading {
  date: CivilDate | null;
  time: ClockTime | null;
  timeRange: TimeRange | null;
  birthday: string | null;
}

const BIRTH_CUE_AFTER = /誕生日|生年月日|たんじょうび/g; // the date follows the cue
const BIRTH_CUE_BEFORE = /生まれ|うまれ/g; // the date precedes the cue
const CORRECTION = /じゃなく|ではなく|やっぱり|やっぱ|いや|訂正|間違/;
/** A date written with a year this long ago is someone's birth date, not an appointment. */
const BIRTH_YEARS_AGO = 20;

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

/** The date to use: the first, or the one after a correction (「3日じゃなくて4日」). */
function pick(text: string, mentions: DateMention[]): DateMention | undefined {
  let chosen = mentions[0];
  for (let i = 1; i < mentions.length; i++) {
    if (CORRECTION.test(text.slice(mentions[i - 1]!.end, mentions[i]!.start))) chosen = mentions[i];
  }
  return chosen;
}

/** A date said as a birth date: near a cue (誕生日は…, …生まれ), or written with a long-past year. */
function pickBirthday(t: string, dates: DateMention[], today: CivilDate): DateMention | undefined {
  for (const cue of t.matchAll(BIRTH_CUE_AFTER)) {
    const after = dates.find((d) => d.start >= cue.index!);
    if (after) return after;
  }
  for (const cue of t.matchAll(BIRTH_CUE_BEFORE)) {
    const before = dates.filter((d) => d.end <= cue.index!).at(-1);
    if (before) return before;
  }
  const thisYear = parts(today).year;
  return dates.find((d) => d.year !== undefined && d.year <= thisYear - BIRTH_YEARS_AGO);
}

/** 「誕生日は0503」: four digits after a birthday cue. */
function birthdayDigits(t: string): string | null {
  const m = /(?:誕生日|生年月日|たんじょうび)\s?(?:は|が|:)?\s?(\d{2})[\s-]?(\d{2})(?!\d)/.exec(t);
  if (!m) return null;
  const [mo, d] = [Number(m[1]), Number(m[2])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(2024, mo) ? `${m[1]}-${m[2]}` : null;
}
