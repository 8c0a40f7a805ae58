// The reservation ledger on real databases: embedded PGlite and a PostgreSQL server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookRequest, Ledger, WindowClaim } from '../../domain/ports.js';
import { isReservationNumber } from '../../domain/reservation-number.js';
import { DATABASE_KINDS, makeTestDatabase, unavailable, type TestDatabase } from '../../scripts/lib/databases.js';

const TODAY = '2026-11-25';

function claim(date: string, start: string, configuredCapacity = 3): WindowClaim {
  const [h, m] = start.split(':').map(Number) as [number, number];
  const endMin = h * 60 + m + 30;
  const end = `${String(Math.floor(endMin / 60)).padStart(2, '0')}:${String(endMin % 60).padStart(2, '0')}`;
  return { date, start, end, configuredCapacity };
}

/** A distinct card holder for each i: family members share a phone, not a birthday. */
function request(window: WindowClaim, i: number, extra: Partial<BookRequest> = {}): BookRequest {
  const birthday = `${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (Math.floor(i / 12) % 28)).padStart(2, '0')}`;
  return {
    window,
    channel: 'phone',
    holder: { birthday, phone: `090${String(10_000_000 + Math.floor(i / 336)).slice(0, 8)}` },
    today: TODAY,
    ...extra,
  };
}

for (const kind of DATABASE_KINDS) {
  describe.skipIf(unavailable(kind))(`reservation ledger on ${kind}`, () => {
    let database: TestDatabase;
    let ledgers: Ledger[];
    let ledger: Ledger;

    beforeAll(async () => {
      database = await makeTestDatabase(kind);
      // Two separate connection pools on PostgreSQL: what two service processes would have.
      ledgers = [(await database.open()).ledger, (await database.open()).ledger];
      ledger = ledgers[0]!;
    });
    afterAll(() => database?.drop());

    it('R4/R8: 240 concurrent bookings for one window of capacity 3 give exactly 3', async () => {
      const w = claim('2026-12-01', '10:00');
      const results = await Promise.all(
        Array.from({ length: 240 }, (_, i) => ledgers[i % 2]!.book(request(w, i))),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(3);
      expect(results.filter((r) => !r.ok && r.reason === 'full')).toHaveLength(237);
      const booked = (await ledger.listByDate('2026-12-01')).filter((r) => r.status === 'booked');
      expect(booked).toHaveLength(3);
      const [record] = await ledger.windows('2026-12-01', '2026-12-01');
      expect(record).toMatchObject({ start: '10:00', booked: 3 });
    });

    it('gives each booking an 8-digit number with a valid check digit, all different', async () => {
      const w = claim('2026-12-02', '09:00', 40);
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => ledger.book(request(w, 1000 + i))));
      const numbers = results.map((r) => (r.ok ? r.reservation.number : 'refused'));
      expect(numbers.every(isReservationNumber)).toBe(true);
      expect(new Set(numbers).size).toBe(40);
    });

    it('R9: a holder with an active booking cannot take a second window, even all at once', async () => {
      const holder = { birthday: '07-07', phone: '09077770000' };
      const results = await Promise.all(
        ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'].map((start, i) =>
          ledgers[i % 2]!.book({ window: claim('2026-12-03', start), channel: 'web', holder: { ...holder, email: 'a@example.jp' }, today: TODAY }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const refused = results.filter((r) => !r.ok);
      expect(refused.every((r) => !r.ok && r.reason === 'already-booked')).toBe(true);
    });

    it('R9: family members sharing a phone each get their own window', async () => {
      const phone = '09088880000';
      const w = claim('2026-12-03', '14:00');
      const results = await Promise.all(
        ['01-10', '05-20', '11-30'].map((birthday) => ledger.book({ window: w, channel: 'phone', holder: { birthday, phone }, today: TODAY })),
      );
      expect(results.every((r) => r.ok)).toBe(true);
    });

    it('R9: a past booking does not stop the holder booking again', async () => {
      const holder = { birthday: '03-03', phone: '09033330000' };
      const first = await ledger.book({ window: claim('2026-12-04', '09:00'), channel: 'phone', holder, today: '2026-11-01' });
      expect(first.ok).toBe(true);
      const again = await ledger.book({ window: claim('2026-12-18', '09:00'), channel: 'phone', holder, today: '2026-12-05' });
      expect(again.ok).toBe(true);
    });

    it('a retried request with the same idempotency key books once and answers the same', async () => {
      const w = claim('2026-12-07', '09:00');
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => ledgers[i % 2]!.book(request(w, 5000, { idempotencyKey: 'call-CA123-turn-9' }))),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      const numbers = new Set(results.map((r) => (r.ok ? r.reservation.number : '')));
      expect(numbers.size).toBe(1);
      expect(results.filter((r) => r.ok && !r.replayed)).toHaveLength(1);
      const [record] = await ledger.windows('2026-12-07', '2026-12-07');
      expect(record?.booked).toBe(1);
    });

    it('cancelling frees the place; cancelling twice frees it once', async () => {
      const w = claim('2026-12-08', '09:00', 1);
      const first = await ledger.book(request(w, 6000));
      expect(first.ok).toBe(true);
      expect(await ledger.book(request(w, 6001))).toMatchObject({ ok: false, reason: 'full' });
      const number = first.ok ? first.reservation.number : '';
      const [a, b] = await Promise.all([ledger.setStatus(number, 'cancelled'), ledgers[1]!.setStatus(number, 'cancelled')]);
      expect(a?.status).toBe('cancelled');
      expect(b?.status).toBe('cancelled');
      const [record] = await ledger.windows('2026-12-08', '2026-12-08');
      expect(record?.booked).toBe(0);
      expect(await ledger.book(request(w, 6001))).toMatchObject({ ok: true });
    });

    it('changing moves the booking and keeps both counts exact; a full target keeps the original', async () => {
      const from = claim('2026-12-09', '09:00');
      const to = claim('2026-12-09', '15:00', 1);
      const mine = await ledger.book(request(from, 7000));
      const number = mine.ok ? mine.reservation.number : '';
      const moved = await ledger.change(number, to);
      expect(moved).toMatchObject({ ok: true, reservation: { date: '2026-12-09', start: '15:00', end: '15:30' }, previous: { start: '09:00' } });
      const other = await ledger.book(request(from, 7001));
      const otherNumber = other.ok ? other.reservation.number : '';
      expect(await ledger.change(otherNumber, to)).toMatchObject({ ok: false, reason: 'full' });
      expect((await ledger.find(otherNumber))?.start).toBe('09:00');
      const records = await ledger.windows('2026-12-09', '2026-12-09');
      expect(records.map((r) => [r.start, r.booked])).toEqual([['09:00', 1], ['15:00', 1]]);
    });

    it('concurrent opposite changes between two windows finish without deadlock and keep counts', async () => {
      const x = claim('2026-12-10', '09:00', 10);
      const y = claim('2026-12-10', '10:00', 10);
      const inX = await Promise.all(Array.from({ length: 5 }, (_, i) => ledger.book(request(x, 8000 + i))));
      const inY = await Promise.all(Array.from({ length: 5 }, (_, i) => ledger.book(request(y, 8100 + i))));
      const number = (r: (typeof inX)[number]) => (r.ok ? r.reservation.number : '');
      const moves = await Promise.all([
        ...inX.map((r, i) => ledgers[i % 2]!.change(number(r), y)),
        ...inY.map((r, i) => ledgers[(i + 1) % 2]!.change(number(r), x)),
      ]);
      expect(moves.every((m) => m.ok)).toBe(true);
      const records = await ledger.windows('2026-12-10', '2026-12-10');
      expect(records.map((r) => r.booked)).toEqual([5, 5]);
    });

    it('R4: staff capacity and blocks apply to the next booking', async () => {
      const w = claim('2026-12-11', '09:00');
      await ledger.setWindow('2026-12-11', '09:00', { capacityOverride: 1 });
      expect(await ledger.book(request(w, 9000))).toMatchObject({ ok: true });
      expect(await ledger.book(request(w, 9001))).toMatchObject({ ok: false, reason: 'full' });
      await ledger.setWindow('2026-12-11', '09:00', { capacityOverride: null });
      const blocked = await ledger.setWindow('2026-12-11', '09:00', { blocked: true });
      expect(blocked).toMatchObject({ capacityOverride: null, blocked: true, booked: 1 });
      expect(await ledger.book(request(w, 9001))).toMatchObject({ ok: false, reason: 'blocked' });
    });

    it('R22/R23: check-in and no-show keep the window taken', async () => {
      const w = claim('2026-12-14', '09:00', 2);
      const a = await ledger.book(request(w, 9100));
      const b = await ledger.book(request(w, 9101));
      const [na, nb] = [a, b].map((r) => (r.ok ? r.reservation.number : ''));
      expect((await ledger.setStatus(na!, 'checked-in'))?.status).toBe('checked-in');
      expect((await ledger.setStatus(nb!, 'no-show'))?.status).toBe('no-show');
      expect((await ledger.setStatus(nb!, 'cancelled'))?.status).toBe('no-show');
      expect(await ledger.book(request(w, 9102))).toMatchObject({ ok: false, reason: 'full' });
    });

    it('finds a LINE user’s bookings and lists a day by window', async () => {
      const w = claim('2026-12-15', '13:30');
      await ledger.book({ window: w, channel: 'line', holder: { birthday: '09-09', phone: '09099990000', lineUserId: 'U-line-1' }, today: TODAY });
      const mine = await ledger.findByLineUser('U-line-1', TODAY);
      expect(mine.map((r) => [r.date, r.start, r.channel])).toEqual([['2026-12-15', '13:30', 'line']]);
      expect(await ledger.findByLineUser('U-line-1', '2026-12-16')).toEqual([]);
      const day = await ledger.listByDate('2026-12-15');
      expect(day.map((r) => r.start)).toEqual(['13:30']);
    });
  });
}
