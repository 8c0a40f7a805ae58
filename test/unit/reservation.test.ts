import { describe, it, expect } from 'vitest';
import type { Channel } from '../../domain/booking-rules.js';
import {
  holderKey,
  isActive,
  isBirthday,
  mayManage,
  normalizePhone,
  type ManageDecision,
  type Reservation,
  type ReservationStatus,
} from '../../domain/reservation.js';

const DESK = '072-724-6920';

describe('isBirthday (R10)', () => {
  it.each([
    ['R10: 01-01 is a birthday', '01-01', true],
    ['R10: 12-31 is a birthday', '12-31', true],
    ['R10: 02-29 is a birthday (leap-day births exist)', '02-29', true],
    ['R10: 04-30 is a birthday', '04-30', true],
    ['R10: 02-30 is not a birthday', '02-30', false],
    ['R10: 04-31 is not a birthday', '04-31', false],
    ['R10: 13-01 is not a birthday (no 13th month)', '13-01', false],
    ['R10: 00-10 is not a birthday', '00-10', false],
    ['R10: 05-00 is not a birthday', '05-00', false],
    ['R10: 1-5 is not the MM-DD form', '1-5', false],
    ['R10: a full birth date is not kept (month and day only)', '1990-05-01', false],
    ['R10: an empty string is not a birthday', '', false],
    ['R10: 5月1日 is not the stored form', '5月1日', false],
  ] as const)('%s', (_name, input, expected) => {
    expect(isBirthday(input)).toBe(expected);
  });
});

describe('normalizePhone (R10)', () => {
  it.each([
    ['R10: a mobile with hyphens', '090-1234-5678', '09012345678'],
    ['R10: a mobile typed in full-width digits', '０９０１２３４５６７８', '09012345678'],
    ['R10: a mobile in full-width with full-width hyphens', '０９０－１２３４－５６７８', '09012345678'],
    ['R10: a mobile with spaces', '090 1234 5678', '09012345678'],
    ['R10: a mobile in international form', '+81 90 1234 5678', '09012345678'],
    ['R10: international form keeping the trunk 0', '+81 090-1234-5678', '09012345678'],
    ['R10: an 080 mobile', '080-9876-5432', '08098765432'],
    ['R10: a 070 mobile', '070-1111-2222', '07011112222'],
    ['R10: a 050 IP phone', '050-1234-5678', '05012345678'],
    ['R10: the desk line in international form', '+81-72-724-6920', '0727246920'],
    ['R10: a landline with the area code in brackets', '072(724)6920', '0727246920'],
    ['R10: a landline with full-width brackets', '072（724）6920', '0727246920'],
    ['R10: a landline as bare digits', '0727246920', '0727246920'],
    ['R10: a Tokyo landline', '03-1234-5678', '0312345678'],
    ['R10: junk is not a phone number', 'でんわばんごう', undefined],
    ['R10: letters are not a phone number', 'abc-defg-hijk', undefined],
    ['R10: an empty string is not a phone number', '', undefined],
    ['R10: too short (9 digits)', '072-724-692', undefined],
    ['R10: too short (a mobile missing a digit)', '090-1234-567', undefined],
    ['R10: too long (12 digits)', '090-1234-56789', undefined],
    ['R10: no trunk prefix', '727246920', undefined],
    ['R10: an 11-digit landline is invalid', '072-7246-9201', undefined],
    ['R10: an 11-digit Tokyo landline is invalid', '03-1234-56789', undefined],
  ] as const)('%s', (_name, input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });
});

describe('holderKey (R9)', () => {
  it('R9: the same person gives the same key', () => {
    expect(holderKey({ birthday: '05-01', phone: '09012345678' })).toBe(holderKey({ birthday: '05-01', phone: '09012345678' }));
  });

  it('R9: the same person typing the phone differently gives the same key once normalized', () => {
    const a = normalizePhone('090-1234-5678');
    const b = normalizePhone('０９０１２３４５６７８');
    expect(a).toBeDefined();
    expect(holderKey({ birthday: '05-01', phone: a! })).toBe(holderKey({ birthday: '05-01', phone: b! }));
  });

  it('R9: a family of three sharing one phone gives three keys', () => {
    const phone = '0727246920';
    const keys = ['05-01', '11-23', '02-29'].map((birthday) => holderKey({ birthday, phone }));
    expect(new Set(keys).size).toBe(3);
  });

  it('R9: the same birthday on different phones gives different keys', () => {
    expect(holderKey({ birthday: '05-01', phone: '09012345678' })).not.toBe(holderKey({ birthday: '05-01', phone: '08012345678' }));
  });
});

describe('isActive (R9)', () => {
  const today = '2026-11-27';
  it.each([
    ['R9: booked for today is active', 'booked', '2026-11-27', true],
    ['R9: booked for a later date is active', 'booked', '2026-12-02', true],
    ['R9: booked for yesterday is not active', 'booked', '2026-11-26', false],
    ['R9: cancelled is not active', 'cancelled', '2026-12-02', false],
    ['R9: checked in is not active', 'checked-in', '2026-11-27', false],
    ['R9: a no-show is not active', 'no-show', '2026-11-26', false],
  ] as const)('%s', (_name, status, date, expected) => {
    expect(isActive({ status, date }, today)).toBe(expected);
  });
});

describe('mayManage (R12, R23)', () => {
  type Case = {
    name: string;
    bookedVia: Channel;
    status?: ReservationStatus;
    date?: string;
    start?: string;
    via: Channel;
    now?: string;
    expected: ManageDecision;
  };
  const cases: Case[] = [
    { name: 'R12: a web booking is managed on the web', bookedVia: 'web', via: 'web', expected: { ok: true } },
    { name: 'R12: a web booking is managed on LINE (both internet)', bookedVia: 'web', via: 'line', expected: { ok: true } },
    { name: 'R12: a LINE booking is managed on the web', bookedVia: 'line', via: 'web', expected: { ok: true } },
    { name: 'R12: a LINE booking is managed on LINE', bookedVia: 'line', via: 'line', expected: { ok: true } },
    { name: 'R12: a phone booking is managed by phone', bookedVia: 'phone', via: 'phone', expected: { ok: true } },
    { name: 'R12: a web booking is refused on the phone', bookedVia: 'web', via: 'phone', expected: { ok: false, reason: 'wrong-channel', bookedOn: 'internet', deskPhone: DESK } },
    { name: 'R12: a LINE booking is refused on the phone', bookedVia: 'line', via: 'phone', expected: { ok: false, reason: 'wrong-channel', bookedOn: 'internet', deskPhone: DESK } },
    { name: 'R12: a phone booking is refused on the web', bookedVia: 'phone', via: 'web', expected: { ok: false, reason: 'wrong-channel', bookedOn: 'phone', deskPhone: DESK } },
    { name: 'R12: a phone booking is refused on LINE', bookedVia: 'phone', via: 'line', expected: { ok: false, reason: 'wrong-channel', bookedOn: 'phone', deskPhone: DESK } },
    { name: 'R23: a started window cannot be changed (10:00 at 10:15)', bookedVia: 'web', via: 'web', date: '2026-11-27', start: '10:00', now: '2026-11-27T10:15:00+09:00', expected: { ok: false, reason: 'started' } },
    { name: 'R23: a window starting now cannot be changed', bookedVia: 'phone', via: 'phone', date: '2026-11-27', start: '10:30', now: '2026-11-27T10:30:00+09:00', expected: { ok: false, reason: 'started' } },
    { name: 'R23: a window of yesterday cannot be changed', bookedVia: 'line', via: 'line', date: '2026-11-26', start: '16:30', now: '2026-11-27T09:00:00+09:00', expected: { ok: false, reason: 'started' } },
    { name: 'R23: a later window today can still be changed', bookedVia: 'phone', via: 'phone', date: '2026-11-27', start: '10:30', now: '2026-11-27T10:29:00+09:00', expected: { ok: true } },
    { name: 'R12: a cancelled booking is not active', bookedVia: 'web', via: 'web', status: 'cancelled', expected: { ok: false, reason: 'not-active', status: 'cancelled' } },
    { name: 'R23: a no-show booking is not active', bookedVia: 'phone', via: 'phone', status: 'no-show', expected: { ok: false, reason: 'not-active', status: 'no-show' } },
    { name: 'R22: a checked-in booking is not active', bookedVia: 'web', via: 'web', status: 'checked-in', expected: { ok: false, reason: 'not-active', status: 'checked-in' } },
  ];

  it.each(cases)('$name', ({ bookedVia, status, date, start, via, now, expected }) => {
    const r: Pick<Reservation, 'channel' | 'status' | 'date' | 'start'> = {
      channel: bookedVia,
      status: status ?? 'booked',
      date: date ?? '2026-12-02',
      start: start ?? '10:00',
    };
    expect(mayManage(r, via, new Date(now ?? '2026-11-27T10:00:00+09:00'), DESK)).toEqual(expected);
  });
});
