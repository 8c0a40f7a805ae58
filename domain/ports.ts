// The ports the office rules need from the outside world. Adapters implement them.
import type { CivilDate, ClockTime } from './civil.js';
import type { Channel } from './booking-rules.js';
import type { HolderDetails, Reservation } from './reservation.js';

/** A window as the ledger records it; windows nobody has touched have no record. */
export interface WindowRecord {
  date: CivilDate;
  start: ClockTime;
  /** Active reservations holding the window (booked, checked in or no-show). */
  booked: number;
  /** Staff's capacity for this window, replacing the configured one (R4). */
  capacityOverride: number | null;
  blocked: boolean;
}

/** A window to take, with the capacity the configuration gives it. */
export interface WindowClaim {
  date: CivilDate;
  start: ClockTime;
  end: ClockTime;
  configuredCapacity: number;
}

export interface BookRequest {
  window: WindowClaim;
  channel: Channel;
  holder: HolderDetails;
  /** Today in Japan: bookings on or after it count as the holder's active one (R9). */
  today: CivilDate;
  /** The same key twice (a retried webhook) returns the first booking instead of a second. */
  idempotencyKey?: string | undefined;
}

export type BookResult =
  | { ok: true; reservation: Reservation; replayed: boolean }
  | { ok: false; reason: 'full' | 'blocked' }
  | { ok: false; reason: 'already-booked'; existing: Reservation };

export type ChangeResult =
  | { ok: true; reservation: Reservation; previous: { date: CivilDate; start: ClockTime } }
  | { ok: false; reason: 'full' | 'blocked' | 'not-found' | 'not-active' };

export type StatusChange = 'checked-in' | 'no-show' | 'cancelled';

export interface WindowSetting {
  /** null restores the configured capacity. */
  capacityOverride?: number | null;
  blocked?: boolean;
}

/** The reservation ledger: the one place that decides who holds a window. */
export interface Ledger {
  /** Records for windows in a date range (both included). */
  windows(from: CivilDate, to: CivilDate): Promise<WindowRecord[]>;
  /** Takes a window atomically: never above capacity, never two active per holder. */
  book(request: BookRequest): Promise<BookResult>;
  /** Moves a booked reservation: releases the old window and takes the new one in one step. */
  change(number: string, to: WindowClaim): Promise<ChangeResult>;
  /** Moves a booked reservation to another status; cancelling frees its window. */
  setStatus(number: string, status: StatusChange): Promise<Reservation | undefined>;
  find(number: string): Promise<Reservation | undefined>;
  /** A LINE user's bookings from `today` on (R12: they manage them without re-identifying). */
  findByLineUser(lineUserId: string, today: CivilDate): Promise<Reservation[]>;
  listByDate(date: CivilDate): Promise<Reservation[]>;
  setWindow(date: CivilDate, start: ClockTime, setting: WindowSetting): Promise<WindowRecord>;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Tells the citizen their booking is made (SMS after a phone booking, when configured). */
export interface Notifier {
  bookingConfirmed(reservation: Reservation): Promise<void>;
}

/**
 * Who is asking, as the door saw them: an address (web), a LINE user, a caller's number. Counted
 * by the abuse limits below; never stored with a reservation.
 */
export type ClientId = string;

/**
 * Wrong birthdays per reservation number, shared by every conversation, channel and instance,
 * and look-up attempts per client: a reservation number cannot be tried until its birthday is
 * found (R10, R22 make the birthday the only secret a caller has).
 */
export interface LookupGuard {
  /** One more look-up attempt by this client; false once it is past its limit. */
  attempt(client: ClientId, now: Date): Promise<boolean>;
  /** Whether this number is locked for look-ups by the bot (too many wrong birthdays). */
  locked(number: string, now: Date): Promise<boolean>;
  /** Counts a wrong birthday for this number; `locked` when the number is (now) locked. */
  miss(number: string, client: ClientId, now: Date): Promise<{ locked: boolean }>;
}

/** Bookings per client per Japan day: one address, LINE user or caller cannot book out a day. */
export interface BookingQuota {
  /** How many more bookings this client may make today (Infinity when there is no limit); 0 is a refusal. */
  left(client: ClientId, today: CivilDate): Promise<number>;
  /** Takes one booking of today's allowance; false (nothing taken) when none is left. */
  take(client: ClientId, today: CivilDate): Promise<boolean>;
  /** Gives back what `take` took when no booking came of it (full, refused, a replay). */
  giveBack(client: ClientId, today: CivilDate): Promise<void>;
}

/** Sends the 6-digit code that confirms a web booker's e-mail address before the booking is made. */
export interface EmailVerifier {
  sendCode(email: string, code: string): Promise<void>;
}

/**
 * Reminders before the visit (issue 15). A booking's conversation is remembered when it is made
 * (a LINE reminder is pushed into it, the language it was held in is kept); a citizen can turn
 * reminders off. `conversation` is the door's reference, opaque here: only the adapters read it.
 */
export interface Reminders {
  /** Keeps where (and in which language) the booking `number` was made. */
  remember(number: string, conversation: object, lang: 'ja' | 'en'): Promise<void>;
  /** The reservation numbers booked in this conversation (the same reference's conversation). */
  bookedIn(conversation: object): Promise<string[]>;
  /** No reminder for these reservations from now on; resolves with the numbers turned off. */
  optOut(numbers: string[]): Promise<string[]>;
}
