// Reservations and who may hold and manage them: one window per card holder (R9, R10),
// channel ownership for change and cancel (R12), birthday + time at the counter (R22).
import { tokyoInstant, type CivilDate, type ClockTime } from './civil.js';
import { isInternet, type Channel } from './booking-rules.js';

export type ReservationStatus = 'booked' | 'cancelled' | 'checked-in' | 'no-show';

/** `MM-DD`: the only part of the birth date kept (R10). */
export type Birthday = string;

export interface Reservation {
  /** 8 digits, not sequential (see reservation-number.ts). */
  number: string;
  date: CivilDate;
  start: ClockTime;
  end: ClockTime;
  status: ReservationStatus;
  channel: Channel;
  birthday: Birthday;
  /** Domestic digits, `09012345678`. */
  phone: string;
  email: string | null;
  lineUserId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a booking stores about the holder: never a name or a My Number (R10). */
export interface HolderDetails {
  birthday: Birthday;
  phone: string;
  email?: string | undefined;
  lineUserId?: string | undefined;
}

const BIRTHDAY_RE = /^(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** R10: a month and day that exist in some year (02-29 included). */
export function isBirthday(s: string): s is Birthday {
  const m = BIRTHDAY_RE.exec(s);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * A Japanese phone number as domestic digits (`+81 90-1234-5678` → `09012345678`), or
 * undefined when it is not one: mobile, IP and M2M numbers (0X0: 020, 050, 070, 080, 090) and
 * 0800 have 11 digits; landlines and 0120 have 10.
 */
export function normalizePhone(input: string): string | undefined {
  let digits = input.normalize('NFKC').replace(/[\s\-‐‑–—ー()（）.]/g, '');
  if (digits.startsWith('+81')) digits = '0' + digits.slice(3).replace(/^0/, '');
  else if (digits.startsWith('81') && digits.length >= 11 && !digits.startsWith('0')) digits = '0' + digits.slice(2);
  const elevenDigits = /^0[2-9]0|^0800/.test(digits);
  return new RegExp(`^0\\d{${elevenDigits ? 10 : 9}}$`).test(digits) ? digits : undefined;
}

export function isEmail(s: string): boolean {
  return s.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);
}

/**
 * R9: a card holder is known by birthday + phone; the ledger keeps at most one active booking
 * per key. A family shares a phone but not (usually) a birthday; twins sharing both book by phone.
 */
export function holderKey(h: Pick<HolderDetails, 'birthday' | 'phone'>): string {
  return `${h.phone}/${h.birthday}`;
}

/** R9: a booking still to come counts against its holder; past or used ones do not. */
export function isActive(r: Pick<Reservation, 'status' | 'date'>, today: CivilDate): boolean {
  return r.status === 'booked' && r.date >= today;
}

export type ManageDecision =
  | { ok: true }
  | { ok: false; reason: 'wrong-channel'; bookedOn: 'internet' | 'phone'; deskPhone: string }
  | { ok: false; reason: 'not-active'; status: ReservationStatus }
  | { ok: false; reason: 'started' };

/**
 * R12: internet bookings (web chat, LINE) are changed or cancelled on the internet, phone
 * bookings by phone; R23: a window that has started can no longer be changed or cancelled.
 */
export function mayManage(
  r: Pick<Reservation, 'channel' | 'status' | 'date' | 'start'>,
  channel: Channel,
  now: Date,
  deskPhone: string,
): ManageDecision {
  if (isInternet(r.channel) !== isInternet(channel)) {
    return { ok: false, reason: 'wrong-channel', bookedOn: isInternet(r.channel) ? 'internet' : 'phone', deskPhone };
  }
  if (r.status !== 'booked') return { ok: false, reason: 'not-active', status: r.status };
  if (tokyoInstant(r.date, r.start).getTime() <= now.getTime()) return { ok: false, reason: 'started' };
  return { ok: true };
}
