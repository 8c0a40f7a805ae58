// Open days of window 102 (R2) and the phone desk's business days (R7, R25).
// Holidays (祝日, with 振替休日 and 国民の休日) come from @holiday-jp/holiday_jp's fixed table,
// looked up by civil date so the server's time zone never matters.
import holidayJp from '@holiday-jp/holiday_jp';
import { addDays, minutesOf, parts, tokyoParts, weekday, type CivilDate } from './civil.js';
import type { OfficeConfig } from './office-config.js';

export type ClosedReason =
  | { kind: 'sunday' }
  | { kind: 'saturday' } // a Saturday that is not the 2nd/4th (outside March and April)
  | { kind: 'holiday'; name: string }
  | { kind: 'year-end' } // 年末年始 12/29–1/3
  | { kind: 'closure'; reason?: string };

export type DayStatus = { open: true } | { open: false; closed: ClosedReason };

const holidays = holidayJp.holidays as Readonly<Record<string, { name: string } | undefined>>;

/** The national holiday's name on this date, if any. */
export function holidayName(date: CivilDate): string | undefined {
  return holidays[date]?.name;
}

export function isYearEnd(date: CivilDate): boolean {
  const { month, day } = parts(date);
  return (month === 12 && day >= 29) || (month === 1 && day <= 3);
}

/** R2: whether window 102 is open on a date, and if not, why. */
export function dayStatus(date: CivilDate, config: OfficeConfig): DayStatus {
  const closure = config.closures.find((c) => c.date === date);
  if (closure) return closed({ kind: 'closure', ...(closure.reason ? { reason: closure.reason } : {}) });
  if (isYearEnd(date)) return closed({ kind: 'year-end' });
  const name = holidayName(date);
  if (name) return closed({ kind: 'holiday', name });
  const dow = weekday(date);
  if (dow === 0) return closed({ kind: 'sunday' });
  if (dow === 6 && !isOpenSaturday(date, config)) return closed({ kind: 'saturday' });
  return { open: true };
}

export function isOpenDay(date: CivilDate, config: OfficeConfig): boolean {
  return dayStatus(date, config).open;
}

function isOpenSaturday(date: CivilDate, config: OfficeConfig): boolean {
  const { month, day } = parts(date);
  if (config.saturdays.everyInMonths.includes(month)) return true;
  const nth = Math.ceil(day / 7); // the 1st Saturday falls on days 1–7, the 2nd on 8–14, …
  return config.saturdays.nth.includes(nth);
}

/** R7/R25: Mon–Fri that is not a holiday or 12/29–1/3 (the phone desk's days). */
export function isBusinessDay(date: CivilDate): boolean {
  const dow = weekday(date);
  return dow !== 0 && dow !== 6 && !holidayName(date) && !isYearEnd(date);
}

/** The `n`th business day before `date` (n = 1: the last business day before it). */
export function businessDaysBefore(date: CivilDate, n: number): CivilDate {
  let d = date;
  for (let found = 0; found < n; ) {
    d = addDays(d, -1);
    if (isBusinessDay(d)) found++;
  }
  return d;
}

/** R24: the first open day after a weekend or holiday, and Saturdays, are the busiest. */
export function isLikelyCrowded(date: CivilDate, config: OfficeConfig): boolean {
  if (!isOpenDay(date, config)) return false;
  if (weekday(date) === 6) return true;
  const before = addDays(date, -1);
  return !isBusinessDay(before) && weekday(date) !== 0;
}

function closed(reason: ClosedReason): DayStatus {
  return { open: false, closed: reason };
}

/** R25: whether people answer the reservation line now (business days, staffed hours). */
export function isDeskStaffed(now: Date, config: OfficeConfig): boolean {
  const { date, minutes } = tokyoParts(now);
  return isBusinessDay(date) && minutes >= minutesOf(config.staffedHours.start) && minutes < minutesOf(config.staffedHours.end);
}
