// Civil dates and times in Asia/Tokyo. Japan keeps no daylight saving, so JST is always
// UTC+09:00 and a date is computed from an instant by shifting nine hours, never from the
// server's own time zone (the holiday packages' trap: RESEARCH.md).

/** A calendar date in Japan, `YYYY-MM-DD`. */
export type CivilDate = string;
/** A time of day, `HH:MM`. */
export type ClockTime = string;

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const WEEKDAYS_JA = ['日', '月', '火', '水', '木', '金', '土'] as const;

export function isCivilDate(s: string): s is CivilDate {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function isClockTime(s: string): s is ClockTime {
  return TIME_RE.test(s);
}

export function parts(date: CivilDate): { year: number; month: number; day: number } {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a civil date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function civil(year: number, month: number, day: number): CivilDate {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Remembers a pure function of one string or number. Availability checks ask about the same few
 * hundred dates and times thousands of times a turn (the bench profile showed it).
 */
function remembered<K, V>(fn: (key: K) => V, limit = 10_000): (key: K) => V {
  const seen = new Map<K, V>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined) {
      value = fn(key);
      if (seen.size >= limit) seen.clear();
      seen.set(key, value);
    }
    return value;
  };
}

const toUtcMidnight = remembered((date: CivilDate): number => {
  const { year, month, day } = parts(date);
  return Date.UTC(year, month - 1, day);
});

const fromUtcMidnight = remembered((ms: number): CivilDate => {
  const d = new Date(ms);
  return civil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
});

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromUtcMidnight(toUtcMidnight(date) + days * 86_400_000);
}

/** Calendar months, clamped to the month's last day (1/31 + 1 month = 2/28). */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return civil(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Days from `a` to `b` (positive when b is later). */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  return Math.round((toUtcMidnight(b) - toUtcMidnight(a)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: CivilDate): number {
  return new Date(toUtcMidnight(date)).getUTCDay();
}

/** Every date from `from` to `to`, both included. */
export function* eachDate(from: CivilDate, to: CivilDate): Generator<CivilDate> {
  for (let d = from; d <= to; d = addDays(d, 1)) yield d;
}

/** The date and time of day in Japan at an instant. */
export function tokyoParts(instant: Date): { date: CivilDate; minutes: number } {
  const shifted = new Date(instant.getTime() + JST_OFFSET_MS);
  return {
    date: civil(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate()),
    minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

export function tokyoDate(instant: Date): CivilDate {
  return tokyoParts(instant).date;
}

/** The instant of a date and time of day in Japan. */
export function tokyoInstant(date: CivilDate, time: ClockTime): Date {
  return new Date(toUtcMidnight(date) + minutesOf(time) * 60_000 - JST_OFFSET_MS);
}

export const minutesOf = remembered((time: ClockTime): number => {
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`not a clock time: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
});

export function clockTime(minutes: number): ClockTime {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** `2026-12-01T09:00:00+09:00`: the offset form the public API uses. */
export function tokyoIso(date: CivilDate, time: ClockTime): string {
  return `${date}T${time}:00+09:00`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
