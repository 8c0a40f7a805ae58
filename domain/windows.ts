// Reservation windows (ご予約時間帯, R3) and their capacity (R4).
import { clockTime, minutesOf, type CivilDate, type ClockTime } from './civil.js';
import type { OfficeConfig } from './office-config.js';

export interface ReservationWindow {
  date: CivilDate;
  start: ClockTime;
  end: ClockTime;
}

/** R3: the window starts of a day: 09:00, 09:30, … 16:30 by default. */
export function windowStarts(config: OfficeConfig): ClockTime[] {
  const { first, last, minutes } = config.windows;
  const starts: ClockTime[] = [];
  for (let m = minutesOf(first); m <= minutesOf(last); m += minutes) starts.push(clockTime(m));
  return starts;
}

export function windowAt(date: CivilDate, start: ClockTime, config: OfficeConfig): ReservationWindow {
  return { date, start, end: clockTime(minutesOf(start) + config.windows.minutes) };
}

export function isWindowStart(start: ClockTime, config: OfficeConfig): boolean {
  return windowStarts(config).includes(start);
}

/** The window a time of day falls in (10:15 → 10:00), or undefined outside the windows. */
export function windowContaining(time: ClockTime, config: OfficeConfig): ClockTime | undefined {
  const { first, minutes } = config.windows;
  const offset = minutesOf(time) - minutesOf(first);
  if (offset < 0) return undefined;
  const start = clockTime(minutesOf(first) + Math.floor(offset / minutes) * minutes);
  return isWindowStart(start, config) ? start : undefined;
}

/** R4: the configured capacity of a window: a window override, else a date override, else the default. */
export function configuredCapacity(date: CivilDate, start: ClockTime, config: OfficeConfig): number {
  const overrides = config.capacity.overrides.filter((o) => o.date === date);
  const exact = overrides.find((o) => o.start === start);
  if (exact) return exact.capacity;
  const wholeDay = overrides.find((o) => o.start === undefined);
  return wholeDay ? wholeDay.capacity : config.capacity.default;
}

/** R4: a window blocked in the configuration (staff blocks live in the ledger). */
export function blockedByConfig(date: CivilDate, start: ClockTime, config: OfficeConfig): boolean {
  return config.blocks.some((b) => b.date === date && (b.start === undefined || b.start === start));
}
