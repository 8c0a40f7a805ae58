// The reservation desk: office rules applied to a real ledger (embedded PGlite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, type OpenLedger } from '../../adapters/ledger/open.js';
import { ReservationDesk } from '../../domain/desk.js';
import { parseOfficeConfig, type OfficeConfig } from '../../domain/office-config.js';

const WED = new Date('2026-11-25T10:00:00+09:00');
const config = (() => {
  const r = parseOfficeConfig({
    blocks: [{ date: '2026-12-04', start: '09:00', reason: 'system maintenance' }],
    capacity: { overrides: [{ date: '2026-12-07', start: '10:00', capacity: 1 }] },
  });
  if (!r.ok) throw new Error(r.errors.join());
  return r.config as OfficeConfig;
})();

describe('reservation desk', () => {
  let opened: OpenLedger;
  let desk: ReservationDesk;
  const holder = (birthday: string, extra: Record<string, string> = {}) => ({ birthday, phone: '090-1111-2222', ...extra });

  beforeAll(async () => {
    opened = await openLedger({});
    desk = new ReservationDesk(opened.ledger, config);
  });
  afterAll(() => opened?.db.close());

  it('R10: web bookings need an e-mail; the phone line does not; phone numbers are kept as digits', async () => {
    const web = await desk.book({ date: '2026-12-01', start: '09:00', channel: 'web', holder: holder('01-15'), now: WED });
    expect(web).toMatchObject({ ok: false, reason: 'invalid-holder', field: 'email' });
    const phone = await desk.book({ date: '2026-12-01', start: '09:00', channel: 'phone', holder: holder('01-15'), now: WED });
    expect(phone).toMatchObject({ ok: true, reservation: { phone: '09011112222', email: null, channel: 'phone' } });
  });

  it.each([
    [{ birthday: '02-30', phone: '0901112222' }, 'birthday'],
    [{ birthday: '02-28', phone: '12345' }, 'phone'],
    [{ birthday: '02-28', phone: '09011112222', email: 'not-an-address' }, 'email'],
  ])('R10: refuses holder details that cannot be right (%o)', async (h, field) => {
    const r = await desk.book({ date: '2026-12-01', start: '09:30', channel: 'phone', holder: h, now: WED });
    expect(r).toMatchObject({ ok: false, reason: 'invalid-holder', field });
  });

  it('R7: on Wednesday the web cannot book Thursday (phone only) but the phone line can', async () => {
    const web = await desk.book({ date: '2026-11-26', start: '10:00', channel: 'web', holder: holder('03-01', { email: 'a@example.jp' }), now: WED });
    expect(web).toMatchObject({ ok: false, reason: 'too-soon-phone-only', deskPhone: '072-724-6920', deadline: '2026-11-24' });
    const phone = await desk.book({ date: '2026-11-26', start: '10:00', channel: 'phone', holder: holder('03-01'), now: WED });
    expect(phone.ok).toBe(true);
  });

  it('R2/R6: a closed day and a date not yet released are refused with their reason', async () => {
    expect(await desk.check('2026-11-29', '10:00', 'phone', WED)).toMatchObject({ ok: false, reason: 'closed', closed: { kind: 'sunday' } });
    expect(await desk.check('2026-12-25', '10:00', 'phone', WED)).toMatchObject({
      ok: false,
      reason: 'not-released',
      releasedAt: { date: '2026-11-27', time: '09:00' },
    });
  });

  it('R4: a window blocked in the configuration and a window override of capacity', async () => {
    expect(await desk.check('2026-12-04', '09:00', 'phone', WED)).toMatchObject({ ok: false, reason: 'blocked' });
    expect((await desk.availability('2026-12-04', '2026-12-04', 'phone', WED)).map((w) => w.start)).not.toContain('09:00');
    expect(await desk.book({ date: '2026-12-07', start: '10:00', channel: 'phone', holder: holder('04-01'), now: WED })).toMatchObject({ ok: true });
    expect(await desk.check('2026-12-07', '10:00', 'phone', WED)).toMatchObject({ ok: false, reason: 'full' });
  });

  it('R8: when a window is full the nearest free windows of the same day come first', async () => {
    const offers = await desk.nearestFree('2026-12-07', '10:00', 'web', WED);
    expect(offers.map((w) => `${w.date} ${w.start}`)).toEqual(['2026-12-07 09:30', '2026-12-07 10:30', '2026-12-07 09:00']);
  });

  it('R10/R22: look-up needs the number and the right birthday', async () => {
    const r = await desk.book({ date: '2026-12-08', start: '13:00', channel: 'phone', holder: holder('05-05'), now: WED });
    const number = r.ok ? r.reservation.number : '';
    expect(await desk.lookUp(number, '05-05')).toMatchObject({ date: '2026-12-08', start: '13:00' });
    expect(await desk.lookUp(number, '05-06')).toBeUndefined();
    expect(await desk.lookUp('12345678', '05-05')).toBeUndefined();
  });

  it('R12: a phone booking is changed by phone, not on the web; an internet booking on web or LINE', async () => {
    const byPhone = await desk.book({ date: '2026-12-08', start: '14:00', channel: 'phone', holder: holder('06-06'), now: WED });
    const n1 = byPhone.ok ? byPhone.reservation.number : '';
    expect(await desk.change(n1, '06-06', { date: '2026-12-09', start: '09:00' }, 'web', WED)).toMatchObject({
      ok: false,
      reason: 'wrong-channel',
      bookedOn: 'phone',
    });
    expect(await desk.change(n1, '06-06', { date: '2026-12-09', start: '09:00' }, 'phone', WED)).toMatchObject({ ok: true });

    const byWeb = await desk.book({ date: '2026-12-08', start: '14:00', channel: 'web', holder: holder('07-07', { email: 'b@example.jp' }), now: WED });
    const n2 = byWeb.ok ? byWeb.reservation.number : '';
    expect(await desk.cancel(n2, '07-07', 'phone', WED)).toMatchObject({ ok: false, reason: 'wrong-channel', bookedOn: 'internet' });
    expect(await desk.cancel(n2, '07-07', 'line', WED)).toMatchObject({ ok: true, reservation: { status: 'cancelled' } });
    expect(await desk.cancel(n2, '07-07', 'line', WED)).toMatchObject({ ok: false, reason: 'not-active' });
  });

  it('R7/R12: changing on the web to a date that is too soon says to call', async () => {
    const r = await desk.book({ date: '2026-12-10', start: '09:00', channel: 'web', holder: holder('08-08', { email: 'c@example.jp' }), now: WED });
    const n = r.ok ? r.reservation.number : '';
    expect(await desk.change(n, '08-08', { date: '2026-11-26', start: '15:00' }, 'web', WED)).toMatchObject({ ok: false, reason: 'too-soon-phone-only' });
    expect((await desk.lookUp(n, '08-08'))?.date).toBe('2026-12-10');
  });

  it('R9: a second booking for the same holder is refused with the existing one', async () => {
    const first = await desk.book({ date: '2026-12-11', start: '09:00', channel: 'phone', holder: holder('09-09'), now: WED });
    const again = await desk.book({ date: '2026-12-14', start: '09:00', channel: 'phone', holder: holder('09-09'), now: WED });
    expect(again).toMatchObject({ ok: false, reason: 'already-booked', existing: { date: '2026-12-11', start: '09:00' } });
    expect(first.ok).toBe(true);
  });

  it('R22/R23: check-in on the day with the right birthday; no-show after', async () => {
    const r = await desk.book({ date: '2026-12-01', start: '15:00', channel: 'phone', holder: holder('10-10'), now: WED });
    const n = r.ok ? r.reservation.number : '';
    const dayOf = new Date('2026-12-01T14:50:00+09:00');
    expect(await desk.checkIn(n, '10-10', WED)).toMatchObject({ ok: false, reason: 'not-today' });
    expect(await desk.checkIn(n, '10-11', dayOf)).toMatchObject({ ok: false, reason: 'birthday-mismatch' });
    expect(await desk.checkIn(n, '10-10', dayOf)).toMatchObject({ ok: true, reservation: { status: 'checked-in' } });
    expect(await desk.markNoShow(n)).toBeUndefined();
    expect(await desk.cancel(n, '10-10', 'phone', dayOf)).toMatchObject({ ok: false, reason: 'not-active' });
  });

  it.each([
    [null, true, 3],
    [2, true, 2],
    [1, true, 1],
    [0, false, 1],
  ] as const)('R4: staff set a window\'s capacity to %s (ok: %s), never below what is booked', async (capacity, ok, expected) => {
    const date = '2026-12-09';
    const made = await desk.book({ date, start: '14:00', channel: 'phone', holder: holder('09-09', { phone: '090-9999-0000' }), now: WED });
    if (!made.ok && made.reason !== 'already-booked') throw new Error(made.reason);
    const r = await desk.setWindow(date, '14:00', { capacityOverride: capacity });
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r).toEqual({ ok: false, reason: 'below-booked', booked: 1 });
    const day = await desk.daySchedule(date);
    expect(day.windows.find((w) => w.start === '14:00')).toMatchObject({ capacity: expected, booked: 1 });
    expect((await desk.setWindow(date, '14:15', { blocked: true })).ok).toBe(false);
  });

  it('R12/R25: staff on the phone move an internet booking; not into a started or stopped window (R23, R4)', async () => {
    const made = await desk.book({ date: '2026-12-10', start: '09:00', channel: 'web', holder: holder('10-10', { phone: '090-1010-1010', email: 'c@example.jp' }), now: WED });
    if (!made.ok) throw new Error(made.reason);
    const n = made.reservation.number;
    // A citizen on the phone may not move a booking made on the internet (R12)…
    expect(await desk.change(n, '10-10', { date: '2026-12-10', start: '10:00' }, 'phone', WED)).toMatchObject({ ok: false, reason: 'wrong-channel' });
    // …staff may, under the phone's rules.
    expect(await desk.staffChange(n, { date: '2026-12-10', start: '10:00' }, WED)).toMatchObject({ ok: true, reservation: { start: '10:00' } });
    expect(await desk.staffChange(n, { date: '2026-11-25', start: '09:30' }, WED)).toMatchObject({ ok: false, reason: 'started' });
    await desk.setWindow('2026-12-10', '11:00', { blocked: true });
    expect(await desk.staffChange(n, { date: '2026-12-10', start: '11:00' }, WED)).toMatchObject({ ok: false, reason: 'blocked' });
    expect(await desk.staffChange('00000000', { date: '2026-12-10', start: '11:30' }, WED)).toEqual({ ok: false, reason: 'not-found' });
  });
});
