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
