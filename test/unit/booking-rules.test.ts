import { describe, it, expect } from 'vitest';
import {
  checkLoad,
  checkWindowRules,
  decideBooking,
  internetDeadline,
  releasedThrough,
  releaseOf,
  type BookingDecision,
  type Channel,
} from '../../domain/booking-rules.js';
import { defaultOfficeConfig, type OfficeConfig } from '../../domain/office-config.js';

const config = defaultOfficeConfig();
const DESK = '072-724-6920';

function withRelease(moves: OfficeConfig['release']['moves']): OfficeConfig {
  const c = defaultOfficeConfig();
  return { ...c, release: { ...c.release, moves } };
}

describe('releasedThrough (R6)', () => {
  it.each([
    ['R6: Thursday 23:59 — only last Friday\'s release (11/20 + 28 days)', '2026-11-26T23:59:00+09:00', '2026-12-18'],
    ['R6: Friday 08:59 — this Friday\'s release has not happened yet', '2026-11-27T08:59:00+09:00', '2026-12-18'],
    ['R6: Friday 09:00 — dates up to Friday + 28 days are released', '2026-11-27T09:00:00+09:00', '2026-12-25'],
    ['R6: Friday afternoon — still Friday + 28 days', '2026-11-27T16:00:00+09:00', '2026-12-25'],
    ['R6: the Saturday after — still Friday + 28 days', '2026-11-28T12:00:00+09:00', '2026-12-25'],
    ['R6: the Thursday after, 23:59 — still Friday + 28 days', '2026-12-03T23:59:00+09:00', '2026-12-25'],
    ['R6: the next Friday 09:00 — one week more', '2026-12-04T09:00:00+09:00', '2027-01-01'],
    ['R6: at 00:30 JST on a Friday (still Thursday in UTC) — not yet released', '2026-11-27T00:30:00+09:00', '2026-12-18'],
  ] as const)('%s', (_name, now, expected) => {
    expect(releasedThrough(new Date(now), config)).toBe(expected);
  });
});

describe('releaseOf (R6)', () => {
  it.each([
    ['R6: Friday + 28 days is released on that Friday at 09:00', '2026-12-25', { date: '2026-11-27', time: '09:00' }],
    ['R6: the day after the horizon waits for the next Friday', '2026-12-26', { date: '2026-12-04', time: '09:00' }],
    ['R6: a Monday beyond the horizon opens the Friday 09:00 four weeks and a bit before', '2026-12-28', { date: '2026-12-04', time: '09:00' }],
    ['R6: 1/4 opens on Friday 12/11 at 09:00', '2027-01-04', { date: '2026-12-11', time: '09:00' }],
  ] as const)('%s', (_name, date, expected) => {
    expect(releaseOf(date, config)).toEqual(expected);
  });

  it('R6: a configured move releases the Friday batch on the Thursday instead', () => {
    const moved = withRelease([{ insteadOf: '2026-11-27', on: '2026-11-26' }]);
    expect(releaseOf('2026-12-25', moved)).toEqual({ date: '2026-11-26', time: '09:00' });
    expect(releasedThrough(new Date('2026-11-26T08:59:00+09:00'), moved)).toBe('2026-12-18');
    expect(releasedThrough(new Date('2026-11-26T09:00:00+09:00'), moved)).toBe('2026-12-25');
    // The move concerns that week only: the next Friday is as usual.
    expect(releaseOf('2027-01-01', moved)).toEqual({ date: '2026-12-04', time: '09:00' });
    expect(releasedThrough(new Date('2026-12-04T08:59:00+09:00'), moved)).toBe('2026-12-25');
    expect(releasedThrough(new Date('2026-12-04T09:00:00+09:00'), moved)).toBe('2027-01-01');
  });

  it('R6: a configured move with its own time', () => {
    const moved = withRelease([{ insteadOf: '2026-11-27', on: '2026-11-26', time: '13:00' }]);
    expect(releaseOf('2026-12-25', moved)).toEqual({ date: '2026-11-26', time: '13:00' });
    expect(releasedThrough(new Date('2026-11-26T12:59:00+09:00'), moved)).toBe('2026-12-18');
    expect(releasedThrough(new Date('2026-11-26T13:00:00+09:00'), moved)).toBe('2026-12-25');
  });

  it('R6: a release due on a holiday (元日, Friday) moved to the next Monday', () => {
    const moved = withRelease([{ insteadOf: '2027-01-01', on: '2027-01-04' }]);
    expect(releaseOf('2027-01-29', moved)).toEqual({ date: '2027-01-04', time: '09:00' });
    expect(releasedThrough(new Date('2027-01-01T10:00:00+09:00'), moved)).toBe('2027-01-22');
    expect(releasedThrough(new Date('2027-01-04T08:59:00+09:00'), moved)).toBe('2027-01-22');
    expect(releasedThrough(new Date('2027-01-04T09:00:00+09:00'), moved)).toBe('2027-01-29');
  });
});

describe('internetDeadline (R7)', () => {
  it.each([
    ['R7: a Monday\'s deadline is the Thursday before', '2026-11-30', '2026-11-26'],
    ['R7: a Friday\'s deadline is the Wednesday', '2026-12-04', '2026-12-02'],
    ['R7: an open Saturday\'s deadline is the Thursday', '2026-11-28', '2026-11-26'],
    ['R7: across a holiday — Tuesday after 勤労感謝の日 → Thursday 11/19', '2026-11-24', '2026-11-19'],
    ['R7: across a holiday — Wednesday after 勤労感謝の日 → Friday 11/20', '2026-11-25', '2026-11-20'],
    ['R7: across the September holidays — 9/24 → 9/17', '2026-09-24', '2026-09-17'],
    ['R7: across the year end — 1/4 → 12/25', '2027-01-04', '2026-12-25'],
    ['R7: across the year end — 1/5 → 12/28', '2027-01-05', '2026-12-28'],
  ] as const)('%s', (_name, date, expected) => {
    expect(internetDeadline(date, config)).toBe(expected);
  });

  it('R7: with leadBusinessDays 0 the deadline is the date itself', () => {
    expect(internetDeadline('2026-11-30', { ...defaultOfficeConfig(), leadBusinessDays: 0 })).toBe('2026-11-30');
  });
});

type Case = {
  name: string;
  date: string;
  start: string;
  channel: Channel;
  now: string;
  config?: OfficeConfig;
  expected: BookingDecision;
};

const tooSoon = (deadline: string): BookingDecision => ({ ok: false, reason: 'too-soon-phone-only', deadline, deskPhone: DESK });

const ruleCases: Case[] = [
  // R7: lead time
  { name: 'R7: web may book a Monday on the Thursday before (the deadline)', date: '2026-11-30', start: '10:00', channel: 'web', now: '2026-11-26T16:59:00+09:00', expected: { ok: true } },
  { name: 'R7: LINE may book a Monday on the Thursday before (the deadline)', date: '2026-11-30', start: '10:00', channel: 'line', now: '2026-11-26T10:00:00+09:00', expected: { ok: true } },
  { name: 'R7: web cannot book a Monday on the Friday before (1 business day ahead)', date: '2026-11-30', start: '10:00', channel: 'web', now: '2026-11-27T10:00:00+09:00', expected: tooSoon('2026-11-26') },
  { name: 'R7: LINE cannot book a Monday on the Friday before', date: '2026-11-30', start: '10:00', channel: 'line', now: '2026-11-27T10:00:00+09:00', expected: tooSoon('2026-11-26') },
  { name: 'R7: web cannot book a Monday on the Saturday before', date: '2026-11-30', start: '10:00', channel: 'web', now: '2026-11-28T10:00:00+09:00', expected: tooSoon('2026-11-26') },
  { name: 'R7: phone may book the same Monday window on the Friday before', date: '2026-11-30', start: '10:00', channel: 'phone', now: '2026-11-27T10:00:00+09:00', expected: { ok: true } },
  { name: 'R7: web cannot book 1 business day ahead (Tuesday for Wednesday)', date: '2026-12-02', start: '14:00', channel: 'web', now: '2026-12-01T09:00:00+09:00', expected: tooSoon('2026-11-30') },
  { name: 'R7: web may book 2 business days ahead (Monday for Wednesday)', date: '2026-12-02', start: '14:00', channel: 'web', now: '2026-11-30T09:00:00+09:00', expected: { ok: true } },
  { name: 'R7: across a holiday, web may book Wednesday 11/25 on Friday 11/20', date: '2026-11-25', start: '11:00', channel: 'web', now: '2026-11-20T16:00:00+09:00', expected: { ok: true } },
  { name: 'R7: across a holiday, web cannot book Wednesday 11/25 on Saturday 11/21', date: '2026-11-25', start: '11:00', channel: 'web', now: '2026-11-21T10:00:00+09:00', expected: tooSoon('2026-11-20') },
  { name: 'R7: across a holiday, LINE cannot book Wednesday 11/25 on the holiday 11/23', date: '2026-11-25', start: '11:00', channel: 'line', now: '2026-11-23T10:00:00+09:00', expected: tooSoon('2026-11-20') },
  { name: 'R7: across a holiday, phone may book Wednesday 11/25 on Tuesday 11/24', date: '2026-11-25', start: '11:00', channel: 'phone', now: '2026-11-24T10:00:00+09:00', expected: { ok: true } },
  { name: 'R7: web cannot book today', date: '2026-11-27', start: '16:30', channel: 'web', now: '2026-11-27T10:15:00+09:00', expected: tooSoon('2026-11-25') },
  { name: 'R7: phone may book a later window today', date: '2026-11-27', start: '10:30', channel: 'phone', now: '2026-11-27T10:15:00+09:00', expected: { ok: true } },
  { name: 'R7: phone may book the last window today', date: '2026-11-27', start: '16:30', channel: 'phone', now: '2026-11-27T16:29:00+09:00', expected: { ok: true } },
  { name: 'R7: phone may not book a window that has started (10:00 at 10:15)', date: '2026-11-27', start: '10:00', channel: 'phone', now: '2026-11-27T10:15:00+09:00', expected: { ok: false, reason: 'started' } },
  { name: 'R7: phone may not book a window starting right now', date: '2026-11-27', start: '10:30', channel: 'phone', now: '2026-11-27T10:30:00+09:00', expected: { ok: false, reason: 'started' } },
  { name: 'R7: phone may not book a window of yesterday', date: '2026-11-26', start: '16:30', channel: 'phone', now: '2026-11-27T09:00:00+09:00', expected: { ok: false, reason: 'started' } },
  { name: 'R6/R7: web may book an open 4th Saturday once it is released', date: '2026-12-26', start: '09:00', channel: 'web', now: '2026-12-04T09:00:00+09:00', expected: { ok: true } },

  // R5: service start
  { name: 'R5: 2026-02-20 is before the first bookable date (phone)', date: '2026-02-20', start: '10:00', channel: 'phone', now: '2026-02-02T10:00:00+09:00', expected: { ok: false, reason: 'before-service-start', firstDate: '2026-02-24' } },
  { name: 'R5: 2026-02-20 is before the first bookable date (web)', date: '2026-02-20', start: '10:00', channel: 'web', now: '2026-02-02T10:00:00+09:00', expected: { ok: false, reason: 'before-service-start', firstDate: '2026-02-24' } },
  { name: 'R5: no bookings are taken before 2026-02-02 (phone, 2/1 23:59)', date: '2026-02-24', start: '10:00', channel: 'phone', now: '2026-02-01T23:59:00+09:00', expected: { ok: false, reason: 'not-accepting-yet', opensOn: '2026-02-02' } },
  { name: 'R5: no bookings are taken before 2026-02-02 (web, 1/30)', date: '2026-02-24', start: '10:00', channel: 'web', now: '2026-01-30T10:00:00+09:00', expected: { ok: false, reason: 'not-accepting-yet', opensOn: '2026-02-02' } },
  { name: 'R5: on 2026-02-02 the phone may book 2026-02-24', date: '2026-02-24', start: '10:00', channel: 'phone', now: '2026-02-02T09:00:00+09:00', expected: { ok: true } },
  { name: 'R5: on 2026-02-02 the web may book 2026-02-24', date: '2026-02-24', start: '10:00', channel: 'web', now: '2026-02-02T09:00:00+09:00', expected: { ok: true } },

  // R6: release
  { name: 'R6: Friday + 28 days is not bookable at 08:59 that Friday', date: '2026-12-25', start: '10:00', channel: 'phone', now: '2026-11-27T08:59:00+09:00', expected: { ok: false, reason: 'not-released', releasedAt: { date: '2026-11-27', time: '09:00' } } },
  { name: 'R6: Friday + 28 days is bookable at 09:00 that Friday', date: '2026-12-25', start: '10:00', channel: 'web', now: '2026-11-27T09:00:00+09:00', expected: { ok: true } },
  { name: 'R6: a date beyond the horizon says the Friday 09:00 it opens', date: '2026-12-28', start: '10:00', channel: 'web', now: '2026-11-27T10:00:00+09:00', expected: { ok: false, reason: 'not-released', releasedAt: { date: '2026-12-04', time: '09:00' } } },
  { name: 'R6: the phone cannot book beyond the horizon either', date: '2026-12-28', start: '10:00', channel: 'phone', now: '2026-11-27T10:00:00+09:00', expected: { ok: false, reason: 'not-released', releasedAt: { date: '2026-12-04', time: '09:00' } } },
  {
    name: 'R6: a release moved to Thursday makes Friday + 28 days bookable on Thursday 09:00',
    date: '2026-12-25', start: '10:00', channel: 'web', now: '2026-11-26T09:00:00+09:00',
    config: withRelease([{ insteadOf: '2026-11-27', on: '2026-11-26' }]),
    expected: { ok: true },
  },

  // R2: closed days
  { name: 'R2: Sunday is closed', date: '2026-11-29', start: '10:00', channel: 'phone', now: '2026-11-20T10:00:00+09:00', expected: { ok: false, reason: 'closed', closed: { kind: 'sunday' } } },
  { name: 'R2: a 3rd Saturday is closed', date: '2026-11-21', start: '10:00', channel: 'web', now: '2026-11-13T10:00:00+09:00', expected: { ok: false, reason: 'closed', closed: { kind: 'saturday' } } },
  { name: 'R2: 勤労感謝の日 is closed', date: '2026-11-23', start: '10:00', channel: 'web', now: '2026-11-13T10:00:00+09:00', expected: { ok: false, reason: 'closed', closed: { kind: 'holiday', name: '勤労感謝の日' } } },
  { name: 'R2: 12/29 is closed', date: '2026-12-29', start: '10:00', channel: 'phone', now: '2026-12-04T10:00:00+09:00', expected: { ok: false, reason: 'closed', closed: { kind: 'year-end' } } },
  {
    name: 'R2: a configured closure is closed, with its reason',
    date: '2026-12-02', start: '10:00', channel: 'web', now: '2026-11-27T10:00:00+09:00',
    config: { ...defaultOfficeConfig(), closures: [{ date: '2026-12-02', reason: '選挙事務' }] },
    expected: { ok: false, reason: 'closed', closed: { kind: 'closure', reason: '選挙事務' } },
  },

  // R3: windows
  { name: 'R3: 10:15 is not a window', date: '2026-12-02', start: '10:15', channel: 'web', now: '2026-11-27T10:00:00+09:00', expected: { ok: false, reason: 'no-such-window' } },
  { name: 'R3: 17:00 is not a window', date: '2026-12-02', start: '17:00', channel: 'phone', now: '2026-11-27T10:00:00+09:00', expected: { ok: false, reason: 'no-such-window' } },
  { name: 'R3: 08:30 is not a window', date: '2026-12-02', start: '08:30', channel: 'phone', now: '2026-11-27T10:00:00+09:00', expected: { ok: false, reason: 'no-such-window' } },

  // Order of reasons
  { name: 'R2/R6: a closed day beyond the horizon says closed (Sunday)', date: '2027-01-10', start: '10:00', channel: 'web', now: '2026-11-27T10:00:00+09:00', expected: { ok: false, reason: 'closed', closed: { kind: 'sunday' } } },
  { name: 'R2/R6: a holiday beyond the horizon says closed (成人の日)', date: '2027-01-11', start: '10:00', channel: 'web', now: '2026-11-27T10:00:00+09:00', expected: { ok: false, reason: 'closed', closed: { kind: 'holiday', name: '成人の日' } } },
  { name: 'R2/R7: a closed day within the lead time says closed, not phone-only', date: '2026-11-29', start: '10:00', channel: 'web', now: '2026-11-27T10:00:00+09:00', expected: { ok: false, reason: 'closed', closed: { kind: 'sunday' } } },
  { name: 'R3/R2: a non-window on a closed day says no-such-window', date: '2026-11-29', start: '10:15', channel: 'web', now: '2026-11-20T10:00:00+09:00', expected: { ok: false, reason: 'no-such-window' } },
  { name: 'R7: a started window says started, not phone-only', date: '2026-11-27', start: '10:00', channel: 'web', now: '2026-11-27T10:15:00+09:00', expected: { ok: false, reason: 'started' } },
];

describe('checkWindowRules (R2–R7)', () => {
  it.each(ruleCases)('$name', ({ date, start, channel, now, config: c, expected }) => {
    expect(checkWindowRules(date, start, channel, new Date(now), c ?? config)).toEqual(expected);
  });
});

describe('checkLoad (R4, R8)', () => {
  it.each([
    ['R8: a window with room may be booked', { remaining: 1, blocked: false }, { ok: true }],
    ['R8: a full window is refused as full', { remaining: 0, blocked: false }, { ok: false, reason: 'full' }],
    ['R8: an overfull window is refused as full', { remaining: -1, blocked: false }, { ok: false, reason: 'full' }],
    ['R4: a blocked window is refused as blocked', { remaining: 3, blocked: true }, { ok: false, reason: 'blocked' }],
    ['R4: a blocked and full window says blocked', { remaining: 0, blocked: true }, { ok: false, reason: 'blocked' }],
  ] as const)('%s', (_name, load, expected) => {
    expect(checkLoad(load)).toEqual(expected);
  });
});

describe('decideBooking (R2–R8)', () => {
  const now = new Date('2026-11-27T10:00:00+09:00');
  it.each([
    ['R8: rules pass and room left → ok', '2026-12-02', '10:00', 'web', { remaining: 2, blocked: false }, { ok: true }],
    ['R8: rules pass but the window is full → full', '2026-12-02', '10:00', 'web', { remaining: 0, blocked: false }, { ok: false, reason: 'full' }],
    ['R4: rules pass but the window is blocked → blocked', '2026-12-02', '10:00', 'phone', { remaining: 3, blocked: true }, { ok: false, reason: 'blocked' }],
    ['R7: a rule refusal wins over a full window', '2026-11-30', '10:00', 'web', { remaining: 0, blocked: false }, tooSoon('2026-11-26')],
    ['R2: a closed day wins over a full window', '2026-11-29', '10:00', 'phone', { remaining: 0, blocked: false }, { ok: false, reason: 'closed', closed: { kind: 'sunday' } }],
    ['R7: phone books the Monday window with room', '2026-11-30', '10:00', 'phone', { remaining: 1, blocked: false }, { ok: true }],
  ] as const)('%s', (_name, date, start, channel, load, expected) => {
    expect(decideBooking(date, start, channel, now, config, load)).toEqual(expected);
  });
});
