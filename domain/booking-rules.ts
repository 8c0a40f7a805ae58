// Whether a channel may book a window now: service start (R5), release (R6), lead time (R7),
// started windows, blocks and capacity (R4, R8). Each refusal carries its reason so a dialog
// can explain it and offer the nearest free windows.
import { addDays, tokyoInstant, tokyoParts, weekday, type CivilDate, type ClockTime } from './civil.js';
import { businessDaysBefore, dayStatus, type ClosedReason } from './calendar.js';
import type { OfficeConfig } from './office-config.js';
import { isWindowStart } from './windows.js';

export type Channel = 'web' | 'line' | 'phone';
export const CHANNELS: readonly Channel[] = ['web', 'line', 'phone'];

export type BookingRefusal =
  | { reason: 'no-such-window' }
  | { reason: 'closed'; closed: ClosedReason }
  | { reason: 'before-service-start'; firstDate: CivilDate }
  | { reason: 'not-accepting-yet'; opensOn: CivilDate }
  | { reason: 'started' }
  | { reason: 'not-released'; releasedAt: Moment }
  | { reason: 'too-soon-phone-only'; deadline: CivilDate; deskPhone: string }
  | { reason: 'blocked' }
  | { reason: 'full' };

export type BookingDecision = { ok: true } | ({ ok: false } & BookingRefusal);

/** A date and time of day in Japan. */
export interface Moment {
  date: CivilDate;
  time: ClockTime;
}

/** What the ledger knows of a window right now. */
export interface WindowLoad {
  remaining: number;
  blocked: boolean;
}

/** R7: web and LINE take bookings over the internet; the phone line is the other door. */
export function isInternet(channel: Channel): boolean {
  return channel !== 'phone';
}

/** The nominal release day (a Friday by default) on or before a date. */
function releaseDayOnOrBefore(date: CivilDate, config: OfficeConfig): CivilDate {
  const back = (weekday(date) - config.release.weekday + 7) % 7;
  return addDays(date, -back);
}

/** When the release due on `nominal` happens: its configured move, else the usual time. */
function releaseMoment(nominal: CivilDate, config: OfficeConfig): Moment {
  const move = config.release.moves.find((m) => m.insteadOf === nominal);
  if (move) return { date: move.on, time: move.time ?? config.release.time };
  return { date: nominal, time: config.release.time };
}

function hasHappened(m: Moment, now: Date): boolean {
  return tokyoInstant(m.date, m.time).getTime() <= now.getTime();
}

/** R6: the last date released for booking as of `now`. */
export function releasedThrough(now: Date, config: OfficeConfig): CivilDate {
  const today = tokyoParts(now).date;
  const latestNominal = releaseDayOnOrBefore(addDays(today, 14), config);
  // Moves shift a release by days, not months: ten weeks back always finds one that happened.
  for (let n = latestNominal, i = 0; i < 10; n = addDays(n, -7), i++) {
    if (hasHappened(releaseMoment(n, config), now)) return addDays(n, config.release.horizonDays);
  }
  return addDays(latestNominal, config.release.horizonDays - 70);
}

/** R6: when a date becomes bookable. */
export function releaseOf(date: CivilDate, config: OfficeConfig): Moment {
  const earliest = addDays(date, -config.release.horizonDays);
  const nominal = releaseDayOnOrBefore(addDays(earliest, 6), config); // the first on or after
  return releaseMoment(nominal, config);
}

/** R7: the last day web and LINE may book a date (the 2nd business day before it by default). */
export function internetDeadline(date: CivilDate, config: OfficeConfig): CivilDate {
  return config.leadBusinessDays === 0 ? date : businessDaysBefore(date, config.leadBusinessDays);
}

/** R2–R7: whether `channel` may book this window now, before asking the ledger about room. */
export function checkWindowRules(
  date: CivilDate,
  start: ClockTime,
  channel: Channel,
  now: Date,
  config: OfficeConfig,
): BookingDecision {
  if (!isWindowStart(start, config)) return refuse({ reason: 'no-such-window' });
  const day = dayStatus(date, config);
  if (!day.open) return refuse({ reason: 'closed', closed: day.closed });
  if (date < config.serviceStart.firstDate) {
    return refuse({ reason: 'before-service-start', firstDate: config.serviceStart.firstDate });
  }
  if (tokyoInstant(date, start).getTime() <= now.getTime()) return refuse({ reason: 'started' });
  const today = tokyoParts(now).date;
  if (today < config.serviceStart.bookingOpens) {
    return refuse({ reason: 'not-accepting-yet', opensOn: config.serviceStart.bookingOpens });
  }
  if (date > releasedThrough(now, config)) return refuse({ reason: 'not-released', releasedAt: releaseOf(date, config) });
  if (isInternet(channel)) {
    const deadline = internetDeadline(date, config);
    if (today > deadline) return refuse({ reason: 'too-soon-phone-only', deadline, deskPhone: config.deskPhone });
  }
  return { ok: true };
}

/** R4, R8: room in the window, as the ledger sees it. */
export function checkLoad(load: WindowLoad): BookingDecision {
  if (load.blocked) return refuse({ reason: 'blocked' });
  if (load.remaining <= 0) return refuse({ reason: 'full' });
  return { ok: true };
}

export function decideBooking(
  date: CivilDate,
  start: ClockTime,
  channel: Channel,
  now: Date,
  config: OfficeConfig,
  load: WindowLoad,
): BookingDecision {
  const rules = checkWindowRules(date, start, channel, now, config);
  return rules.ok ? checkLoad(load) : rules;
}

function refuse(r: BookingRefusal): BookingDecision {
  return { ok: false, ...r };
}
