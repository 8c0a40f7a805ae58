// The ledger as the staff consoles watch it: after every booking, change, cancellation or
// window setting — from any channel, on any instance — the consoles showing that day refresh.
// Each commit is also counted (`onCommit`: the metrics' reservations by channel), where the
// ledger has decided it rather than where a dialog hoped for it.
import type { Channel } from '../../domain/booking-rules.js';
import type { CivilDate } from '../../domain/civil.js';
import type { BookRequest, BookResult, ChangeResult, Ledger, StatusChange, WindowClaim, WindowSetting } from '../../domain/ports.js';
import type { Reservation } from '../../domain/reservation.js';
import type { StaffEvents } from './events.js';

/** A committed booking (not a replay of one), change or status, by the channel the reservation was booked on. */
export type CommitObserver = (channel: Channel, event: 'booked' | 'changed' | StatusChange) => void;

export function observedLedger(ledger: Ledger, events: StaffEvents, onCommit: CommitObserver = () => undefined): Ledger {
  const changed = (...dates: CivilDate[]) => {
    for (const date of new Set(dates)) {
      void events.publish({ type: 'reservations', data: { date } });
      void events.publish({ type: 'windows', data: { date } });
    }
  };
  return {
    windows: (from, to) => ledger.windows(from, to),
    async book(request: BookRequest): Promise<BookResult> {
      const r = await ledger.book(request);
      if (r.ok && !r.replayed) {
        changed(r.reservation.date);
        onCommit(r.reservation.channel, 'booked');
      }
      return r;
    },
    async change(number: string, to: WindowClaim): Promise<ChangeResult> {
      const r = await ledger.change(number, to);
      if (r.ok) {
        changed(r.previous.date, r.reservation.date);
        onCommit(r.reservation.channel, 'changed');
      }
      return r;
    },
    async setStatus(number: string, status: StatusChange): Promise<Reservation | undefined> {
      const r = await ledger.setStatus(number, status);
      if (r) {
        changed(r.date);
        onCommit(r.channel, status);
      }
      return r;
    },
    find: (number) => ledger.find(number),
    findByLineUser: (lineUserId, today) => ledger.findByLineUser(lineUserId, today),
    listByDate: (date) => ledger.listByDate(date),
    async setWindow(date: CivilDate, start, setting: WindowSetting) {
      const r = await ledger.setWindow(date, start, setting);
      changed(date);
      return r;
    },
    ping: () => ledger.ping(),
    close: () => ledger.close(),
  };
}
