// Reminders before the visit (issue 15): at the configured time on the business day before the
// reservation (R7's business day: the phone desk's days), each booking is reminded once, on its
// own channel. Pure: what a reminder's state is now, from the reservation, what was recorded of
// its reminder, the configuration and `now`; the job and the staff console both ask here.
//
// A reminder is for a window. A booking moved to another window (a change) is reminded for the
// new one if it got that window before the new window's reminder time — a change, like a
// booking, made after that moment is not reminded (the citizen has just chosen it, and the
// change's own confirmation names it). A reminder already sent stays sent for its window.
import { businessDaysBefore } from './calendar.js';
import { tokyoInstant, type CivilDate, type ClockTime } from './civil.js';
import type { OfficeConfig } from './office-config.js';
import type { Reservation } from './reservation.js';

export type ReminderStatus = 'pending' | 'sent' | 'failed' | 'off';

/** Why a reminder is off or failed. */
export type ReminderReason =
  | 'opted-out' // the citizen said 「リマインド不要」 / "no reminders"
  | 'booked-late' // booked (or moved to this window) after its reminder time
  | 'landline' // a phone booking without a mobile number: Japan takes no SMS to landlines
  | 'disabled' // reminders are switched off in the office configuration
  | 'not-booked' // cancelled, checked in or marked no-show before it went out
  | 'undeliverable' // the channel refused it for good (LINE, Twilio or SMTP answered 4xx/5xx permanent)
  | 'unavailable' // no way to reach the citizen (channel not configured, no conversation stored)
  | 'gave-up' // transient failures until the last attempt
  | 'expired'; // the window started before it could go out

export interface ReminderRecord {
  status: ReminderStatus;
  reason: ReminderReason | null;
  /** The window the status is about (what a `sent` was sent for); null before the first attempt. */
  window: { date: CivilDate; start: ClockTime } | null;
  /** Attempts for that window. */
  attempts: number;
  /** Not before this instant (a claimed send in progress, or the backoff after a failure). */
  nextAttemptAt: Date | null;
}

export type ReminderState =
  | { status: 'pending'; dueAt: Date; attempts: number; nextAttemptAt: Date | null }
  | { status: 'sent' }
  | { status: 'failed' | 'off'; reason: ReminderReason };

/** Attempts before a reminder that keeps failing for a transient reason is given up. */
export const MAX_ATTEMPTS = 5;
/** Minutes to wait after the nth failed attempt (then the last one again). */
const BACKOFF_MINUTES = [1, 5, 15, 60];

/** When the reminder for a visit on `date` goes out: `reminders.time` on the business day before (R7). */
export function reminderTime(date: CivilDate, config: OfficeConfig): Date {
  return tokyoInstant(businessDaysBefore(date, 1), config.reminders.time);
}

/** Japanese mobile numbers (070/080/090): the only ones an SMS reaches. */
export function isMobilePhone(phone: string): boolean {
  return /^0[789]0\d{8}$/.test(phone);
}

/** When to try again after `attempts` failed attempts. */
export function retryAt(now: Date, attempts: number): Date {
  const minutes = BACKOFF_MINUTES[Math.min(attempts, BACKOFF_MINUTES.length) - 1] ?? BACKOFF_MINUTES[0]!;
  return new Date(now.getTime() + minutes * 60_000);
}

const sameWindow = (r: Pick<Reservation, 'date' | 'start'>, record: ReminderRecord | undefined) =>
  record?.window?.date === r.date && record.window.start === r.start;

/**
 * The reminder's state now. `windowSetAt`: when the reservation got its current window on the
 * service clock (its booking, or its last change).
 */
export function reminderState(
  r: Pick<Reservation, 'date' | 'start' | 'status' | 'channel' | 'phone'>,
  windowSetAt: Date,
  record: ReminderRecord | undefined,
  config: OfficeConfig,
  now: Date,
): ReminderState {
  const same = sameWindow(r, record);
  if (record?.status === 'off' && record.reason === 'opted-out') return { status: 'off', reason: 'opted-out' };
  if (same && record?.status === 'sent') return { status: 'sent' };
  if (r.status !== 'booked') return { status: 'off', reason: 'not-booked' };
  if (same && record?.status === 'failed') return { status: 'failed', reason: record.reason ?? 'undeliverable' };
  if (!config.reminders.enabled) return { status: 'off', reason: 'disabled' };
  if (r.channel === 'phone' && !isMobilePhone(r.phone)) return { status: 'off', reason: 'landline' };
  const dueAt = reminderTime(r.date, config);
  if (windowSetAt.getTime() >= dueAt.getTime()) return { status: 'off', reason: 'booked-late' };
  if (now.getTime() >= tokyoInstant(r.date, r.start).getTime()) return { status: 'failed', reason: 'expired' };
  return { status: 'pending', dueAt, attempts: same ? record!.attempts : 0, nextAttemptAt: same ? record!.nextAttemptAt : null };
}

/** Whether the job should send it now: pending, its time has come, and no attempt is under way or waiting. */
export function isDue(state: ReminderState, now: Date): state is Extract<ReminderState, { status: 'pending' }> {
  if (state.status !== 'pending') return false;
  if (now.getTime() < state.dueAt.getTime()) return false;
  return !state.nextAttemptAt || now.getTime() >= state.nextAttemptAt.getTime();
}
