// Dates, times and numbers as a city would publish them: 「12月22日(火) 10:00〜10:30」 on screen,
// 「12月22日 火曜日、10時から10時半」 when spoken, "Tue, Dec 22, 10:00–10:30" in English. Never ISO strings.
import { parts, weekday, WEEKDAYS_JA, type CivilDate, type ClockTime } from '../domain/civil.js';

export function dateText(date: CivilDate): string {
  const { month, day } = parts(date);
  return `${month}月${day}日(${WEEKDAYS_JA[weekday(date)]})`;
}

export function dateSpeech(date: CivilDate): string {
  const { month, day } = parts(date);
  return `${month}月${day}日 ${WEEKDAYS_JA[weekday(date)]}曜日`;
}

/** 「12月22日」: a date without its weekday, where the weekday was just said or is said later. */
export function monthDaySpeech(date: CivilDate): string {
  const { month, day } = parts(date);
  return `${month}月${day}日`;
}

export function dateWithYearText(date: CivilDate): string {
  return `${parts(date).year}年${dateText(date)}`;
}

export function timeText(time: ClockTime): string {
  return time.replace(/^0/, '');
}

export function timeSpeech(time: ClockTime): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return m === 0 ? `${h}時` : m === 30 ? `${h}時半` : `${h}時${m}分`;
}

export function windowText(w: { date: CivilDate; start: ClockTime; end: ClockTime }): string {
  return `${dateText(w.date)} ${timeText(w.start)}〜${timeText(w.end)}`;
}

/** 「12/22(火) 10:00〜10:30」: at most 20 characters, for buttons (LINE's labels) — never a cut time. */
export function windowShortText(w: { date: CivilDate; start: ClockTime; end: ClockTime }): string {
  const { month, day } = parts(w.date);
  return `${month}/${day}(${WEEKDAYS_JA[weekday(w.date)]}) ${timeText(w.start)}〜${timeText(w.end)}`;
}

export function windowSpeech(w: { date: CivilDate; start: ClockTime; end: ClockTime }): string {
  return `${dateSpeech(w.date)}、${timeSpeech(w.start)}から${timeSpeech(w.end)}`;
}

/** A window by its start, for the phone: 「12月22日 火曜日、10時から」 (a slot is 30 minutes). */
export function windowStartSpeech(w: { date: CivilDate; start: ClockTime }): string {
  return `${dateSpeech(w.date)}、${timeSpeech(w.start)}から`;
}

/**
 * Windows offered on the phone, by number and start: 「1番は12月24日 11時半、2番は28日 14時半」 —
 * a month said once, the same day said once; no weekdays (the read-back says it), so two dates
 * fit a question a caller can hold.
 */
export function windowsOfferSpeech(ws: { date: CivilDate; start: ClockTime }[]): string {
  return ws
    .map((w, i) => {
      const prev = ws[i - 1];
      const { month, day } = parts(w.date);
      const when = prev?.date === w.date ? '' : prev && parts(prev.date).month === month ? `${day}日 ` : `${month}月${day}日 `;
      return `${i + 1}番は${when}${timeSpeech(w.start)}`;
    })
    .join('、');
}

/** 「5月3日」 from `05-03`. */
export function birthdayText(birthday: string): string {
  const [m, d] = birthday.split('-').map(Number);
  return `${m}月${d}日`;
}

/** 090-1234-5678 / 072-724-6920 for reading on screen. */
export function phoneText(digits: string): string {
  if (digits.length === 11) return `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
  if (digits.startsWith('0120')) return `${digits.slice(0, 4)}-${digits.slice(4, 7)}-${digits.slice(7)}`;
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
}

/** Digits read one by one, grouped, for speech: 「0 9 0、1 2 3 4 …」. */
export function digitsSpeech(digits: string, groups: number[] = []): string {
  let out = '';
  let i = 0;
  for (const g of groups.length ? groups : [digits.length]) {
    out += (out ? '、' : '') + [...digits.slice(i, i + g)].join(' ');
    i += g;
  }
  if (i < digits.length) out += '、' + [...digits.slice(i)].join(' ');
  return out;
}

export function phoneSpeech(digits: string): string {
  return digitsSpeech(digits, digits.length === 11 ? [3, 4, 4] : [3, 3, 4]);
}

/** Reservation numbers are shown in two groups of four: 3840 1726. */
export function reservationNumberText(n: string): string {
  return `${n.slice(0, 4)} ${n.slice(4)}`;
}

export function reservationNumberSpeech(n: string): string {
  return digitsSpeech(n, [4, 4]);
}

// ── English (web and LINE) ────────────────────────────────────────────────────────────

const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "Tue, Dec 22". */
export function dateTextEn(date: CivilDate): string {
  const { month, day } = parts(date);
  return `${WEEKDAYS_EN[weekday(date)]}, ${MONTHS_EN[month - 1]} ${day}`;
}

/** "Tue, Dec 22, 2026": for dates a year or more away (a certificate's renewal date). */
export function dateWithYearTextEn(date: CivilDate): string {
  return `${dateTextEn(date)}, ${parts(date).year}`;
}

/** "Dec 2, 2025": a date in a rule (no weekday). */
export function ruleDateTextEn(date: CivilDate): string {
  const { year, month, day } = parts(date);
  return `${MONTHS_EN[month - 1]} ${day}, ${year}`;
}

/** "Tue, Dec 22, 10:00–10:30". */
export function windowTextEn(w: { date: CivilDate; start: ClockTime; end: ClockTime }): string {
  return `${dateTextEn(w.date)}, ${timeText(w.start)}–${timeText(w.end)}`;
}

/**
 * "Tue, Dec 22, 10:00": a window on a button, by its start — what tapping sends is read back as
 * that window, and it fits LINE's 20 characters.
 */
export function windowChoiceTextEn(w: { date: CivilDate; start: ClockTime }): string {
  return `${dateTextEn(w.date)}, ${timeText(w.start)}`;
}

/** "May 3" from `05-03`. */
export function birthdayTextEn(birthday: string): string {
  const [m, d] = birthday.split('-').map(Number) as [number, number];
  return `${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1]} ${d}`;
}
