// Details in normalised Japanese: phone number, reservation number, number of people.
// (Birthday comes with the dates: datetime.ts.)
import { normalizePhone } from '../../domain/reservation.js';

export interface Details {
  phone: string | null;
  reservationNumber: string | null;
  people: number | null;
}

const PHONE_CANDIDATE = /(?<![\d])(?:\+81[\s-]?|0)[\s-]?\d[\d\s-]{7,24}\d(?![\d])/g;
const NUMBER_CUE = /(?:予約番号|受付番号|(?<!電話)番号|予約no|no)\D{0,8}?(\d[\d\s-]{4,16}\d)(?!\d)/;
const LONE_NUMBER = /(?<![\d-])([1-9]\d{7})(?![\d-])/;
const PEOPLE = /(?<![\d])(\d{1,2})\s?(?:人|名|枠)/;

export function readDetails(text: string): Details {
  return { phone: readPhone(text), reservationNumber: readReservationNumber(text), people: readPeople(text) };
}

/** The first run of digits that is a Japanese phone number (10 or 11 digits from 0, or +81). */
export function readPhone(text: string): string | null {
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    // A run may hold a phone and more (「090-1234-5678 3人」): try its longest phone-shaped prefix.
    const compact = m[0].replace(/[\s-]/g, '');
    const digits = compact.startsWith('+81') ? compact : compact.slice(0, 11);
    const phone = normalizePhone(digits) ?? normalizePhone(digits.slice(0, 10));
    if (phone) return phone;
  }
  return null;
}

export function readReservationNumber(text: string): string | null {
  const cued = NUMBER_CUE.exec(text);
  if (cued) {
    const digits = cued[1]!.replace(/[\s-]/g, '');
    if (digits.length >= 6 && digits.length <= 8) return digits;
  }
  const lone = LONE_NUMBER.exec(text);
  return lone ? lone[1]! : null;
}

export function readPeople(text: string): number | null {
  const m = PEOPLE.exec(text);
  if (m) {
    const n = Number(m[1]);
    return n >= 1 && n <= 20 ? n : null;
  }
  return /夫婦/.test(text) ? 2 : null;
}
