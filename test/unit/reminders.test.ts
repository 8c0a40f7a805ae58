// When a reservation's reminder goes out and what state it is in (issue 15; R7's business day).
import { describe, expect, it } from 'vitest';
import { defaultOfficeConfig } from '../../domain/office-config.js';
import { isDue, reminderState, reminderTime, retryAt, type ReminderRecord } from '../../domain/reminders.js';
import type { Reservation } from '../../domain/reservation.js';

const config = defaultOfficeConfig();
const jst = (iso: string) => new Date(`${iso}+09:00`);
const THU = jst('2026-12-03T10:00:00');

const reservation = (at: Partial<Reservation> = {}): Reservation => ({
  number: '38401726', date: '2026-12-07', start: '10:00', end: '10:30', status: 'booked', channel: 'web', birthday: '05-03',
  phone: '09012345678', email: 'taro@example.jp', lineUserId: null, createdAt: THU, updatedAt: THU, ...at,
});
const record = (at: Partial<ReminderRecord> = {}): ReminderRecord => ({ status: 'pending', reason: null, window: { date: '2026-12-07', start: '10:00' }, attempts: 0, nextAttemptAt: null, ...at });

describe('reminderTime: 17:00 on the business day before (R7)', () => {
  it.each([
    ['a Friday visit: Thursday', '2026-12-04', '2026-12-03T17:00:00'],
    ['a Monday visit: the Friday before', '2026-12-07', '2026-12-04T17:00:00'],
    ['R7: after a Monday holiday (勤労感謝の日): the Friday before', '2026-11-24', '2026-11-20T17:00:00'],
    ['R2: an open Saturday (2nd): the Friday', '2026-12-12', '2026-12-11T17:00:00'],
    ['R7: after the year-end closure (12/29–1/3): 12月28日', '2027-01-04', '2026-12-28T17:00:00'],
  ])('%s', (_name, date, expected) => {
    expect(reminderTime(date, config).toISOString()).toBe(jst(expected).toISOString());
  });

  it('at the configured time', () => {
    expect(reminderTime('2026-12-04', { ...config, reminders: { enabled: true, time: '16:00' } }).toISOString()).toBe(jst('2026-12-03T16:00:00').toISOString());
  });
});

describe('reminderState', () => {
  const state = (r: Reservation, rec?: ReminderRecord, now = THU, setAt = r.updatedAt, c = config) => reminderState(r, setAt, rec, c, now);

  it('booked before its time: pending, due from 17:00 the business day before', () => {
    const s = state(reservation());
    expect(s).toMatchObject({ status: 'pending', attempts: 0 });
    expect(isDue(s, jst('2026-12-04T16:59:59'))).toBe(false);
    expect(isDue(s, jst('2026-12-04T17:00:00'))).toBe(true);
  });

  it('booked after its time: none', () => {
    expect(state(reservation({ date: '2026-12-04' }), undefined, jst('2026-12-03T18:00:00'), jst('2026-12-03T17:30:00'))).toEqual({ status: 'off', reason: 'booked-late' });
  });

  it('a phone booking with a landline: none (no SMS to landlines in Japan); a mobile: pending', () => {
    expect(state(reservation({ channel: 'phone', phone: '0727246920' }))).toEqual({ status: 'off', reason: 'landline' });
    expect(state(reservation({ channel: 'phone', phone: '07011112222' })).status).toBe('pending');
  });

  it('R12/R23: a cancelled or used reservation gets none; one already sent stays sent', () => {
    expect(state(reservation({ status: 'cancelled' }))).toEqual({ status: 'off', reason: 'not-booked' });
    expect(state(reservation({ status: 'checked-in' }), record({ status: 'sent' }))).toEqual({ status: 'sent' });
  });

  it('turned off by the citizen: off, whatever the window', () => {
    expect(state(reservation(), record({ status: 'off', reason: 'opted-out', window: null }))).toEqual({ status: 'off', reason: 'opted-out' });
    expect(state(reservation({ date: '2026-12-09' }), record({ status: 'off', reason: 'opted-out' }))).toEqual({ status: 'off', reason: 'opted-out' });
  });

  it('moved after its reminder went out: pending for the new window, unless moved after the new window’s time', () => {
    const sent = record({ status: 'sent', attempts: 1 });
    expect(state(reservation({ date: '2026-12-09' }), sent, jst('2026-12-05T10:00:00'), jst('2026-12-05T09:00:00'))).toMatchObject({ status: 'pending', attempts: 0 });
    expect(state(reservation({ date: '2026-12-09' }), sent, jst('2026-12-08T18:00:00'), jst('2026-12-08T17:30:00'))).toEqual({ status: 'off', reason: 'booked-late' });
    expect(state(reservation({ start: '14:00', end: '14:30' }), sent, jst('2026-12-05T10:00:00'), jst('2026-12-05T09:00:00'))).toEqual({ status: 'off', reason: 'booked-late' });
  });

  it('failed for this window stays failed; a move gives the new window its own tries', () => {
    expect(state(reservation(), record({ status: 'failed', reason: 'undeliverable' }))).toEqual({ status: 'failed', reason: 'undeliverable' });
    expect(state(reservation({ date: '2026-12-09' }), record({ status: 'failed', reason: 'gave-up', attempts: 5 })).status).toBe('pending');
  });

  it('waits for a retry or a send under way; gives up once the window has started', () => {
    const waiting = state(reservation(), record({ attempts: 2, nextAttemptAt: jst('2026-12-04T17:06:00') }));
    expect(isDue(waiting, jst('2026-12-04T17:05:00'))).toBe(false);
    expect(isDue(waiting, jst('2026-12-04T17:06:00'))).toBe(true);
    expect(state(reservation(), undefined, jst('2026-12-07T10:00:00'))).toEqual({ status: 'failed', reason: 'expired' });
  });

  it('switched off in the configuration: none', () => {
    expect(state(reservation(), undefined, THU, THU, { ...config, reminders: { enabled: false, time: '17:00' } })).toEqual({ status: 'off', reason: 'disabled' });
  });

  it('backs off 1, 5, 15, then 60 minutes', () => {
    const now = jst('2026-12-04T17:00:00');
    expect([1, 2, 3, 4, 5].map((n) => (retryAt(now, n).getTime() - now.getTime()) / 60_000)).toEqual([1, 5, 15, 60, 60]);
  });
});
