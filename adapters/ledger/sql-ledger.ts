// The reservation ledger on PostgreSQL (or PGlite: the same SQL). Capacity is enforced by a
// conditional UPDATE on the window's row, so concurrent bookings from any number of processes
// serialise on that row and never exceed it; the holder's active booking is checked under an
// advisory lock on the holder, and a retried request is recognised by its idempotency key.
import { randomInt } from 'node:crypto';
import type { CivilDate, ClockTime } from '../../domain/civil.js';
import type {
  BookRequest,
  BookResult,
  ChangeResult,
  Ledger,
  StatusChange,
  WindowClaim,
  WindowRecord,
  WindowSetting,
} from '../../domain/ports.js';
import { holderKey, type Reservation } from '../../domain/reservation.js';
import { newReservationNumber } from '../../domain/reservation-number.js';
import type { SqlClient, SqlDatabase } from './database.js';

const RESERVATION_COLUMNS = `number, slot_date::text AS date, start_time AS start, end_time AS "end", status,
  channel, birthday, phone, email, line_user_id AS "lineUserId", created_at AS "createdAt", updated_at AS "updatedAt"`;

const WINDOW_COLUMNS = `slot_date::text AS date, start_time AS start, booked,
  capacity_override AS "capacityOverride", blocked`;

const NUMBER_ATTEMPTS = 10;

export class SqlLedger implements Ledger {
  constructor(
    private readonly db: SqlDatabase,
    private readonly random: (max: number) => number = randomInt,
  ) {}

  async windows(from: CivilDate, to: CivilDate): Promise<WindowRecord[]> {
    const { rows } = await this.db.query<WindowRecord>(
      `SELECT ${WINDOW_COLUMNS} FROM window_slots WHERE slot_date BETWEEN $1 AND $2 ORDER BY slot_date, start_time`,
      [from, to],
    );
    return rows;
  }

  book(req: BookRequest): Promise<BookResult> {
    return this.db.transaction(async (tx) => {
      if (req.idempotencyKey) {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`idempotency:${req.idempotencyKey}`]);
        const replay = await tx.query<Reservation>(
          `SELECT ${RESERVATION_COLUMNS} FROM reservations WHERE idempotency_key = $1`,
          [req.idempotencyKey],
        );
        if (replay.rows[0]) return { ok: true, reservation: replay.rows[0], replayed: true };
      }
      const holder = holderKey(req.holder);
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`holder:${holder}`]);
      const active = await tx.query<Reservation>(
        `SELECT ${RESERVATION_COLUMNS} FROM reservations
         WHERE holder_key = $1 AND status = 'booked' AND slot_date >= $2 ORDER BY slot_date LIMIT 1`,
        [holder, req.today],
      );
      if (active.rows[0]) return { ok: false, reason: 'already-booked', existing: active.rows[0] };

      const taken = await this.take(tx, req.window);
      if (taken !== 'taken') return { ok: false, reason: taken };

      for (let attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
        const { rows } = await tx.query<Reservation>(
          `INSERT INTO reservations (number, slot_date, start_time, end_time, status, channel, birthday, phone,
             email, line_user_id, holder_key, idempotency_key)
           VALUES ($1, $2, $3, $4, 'booked', $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (number) DO NOTHING
           RETURNING ${RESERVATION_COLUMNS}`,
          [
            newReservationNumber(this.random),
            req.window.date,
            req.window.start,
            req.window.end,
            req.channel,
            req.holder.birthday,
            req.holder.phone,
            req.holder.email ?? null,
            req.holder.lineUserId ?? null,
            holder,
            req.idempotencyKey ?? null,
          ],
        );
        if (rows[0]) return { ok: true, reservation: rows[0], replayed: false };
      }
      throw new Error('no free reservation number after several attempts');
    });
  }

  change(number: string, to: WindowClaim): Promise<ChangeResult> {
    return this.db.transaction(async (tx) => {
      const current = await this.lockReservation(tx, number);
      if (!current) return { ok: false, reason: 'not-found' };
      if (current.status !== 'booked') return { ok: false, reason: 'not-active' };
      const previous = { date: current.date, start: current.start };
      if (current.date === to.date && current.start === to.start) return { ok: true, reservation: current, previous };

      // Lock both windows in one order so two opposite changes cannot deadlock.
      await this.ensureSlot(tx, to.date, to.start);
      await tx.query(
        `SELECT 1 FROM window_slots WHERE (slot_date, start_time) IN (($1::date, $2), ($3::date, $4))
         ORDER BY slot_date, start_time FOR UPDATE`,
        [current.date, current.start, to.date, to.start],
      );
      const taken = await this.take(tx, to);
      if (taken !== 'taken') return { ok: false, reason: taken };
      await this.release(tx, current.date, current.start);
      const { rows } = await tx.query<Reservation>(
        `UPDATE reservations SET slot_date = $2, start_time = $3, end_time = $4, updated_at = now()
         WHERE number = $1 RETURNING ${RESERVATION_COLUMNS}`,
        [number, to.date, to.start, to.end],
      );
      return { ok: true, reservation: rows[0]!, previous };
    });
  }

  setStatus(number: string, status: StatusChange): Promise<Reservation | undefined> {
    return this.db.transaction(async (tx) => {
      const current = await this.lockReservation(tx, number);
      // Only a booked reservation moves on; asking twice answers with what it already is.
      if (!current || current.status !== 'booked') return current;
      if (status === 'cancelled') await this.release(tx, current.date, current.start);
      const { rows } = await tx.query<Reservation>(
        `UPDATE reservations SET status = $2, updated_at = now() WHERE number = $1 RETURNING ${RESERVATION_COLUMNS}`,
        [number, status],
      );
      return rows[0];
    });
  }

  async find(number: string): Promise<Reservation | undefined> {
    const { rows } = await this.db.query<Reservation>(
      `SELECT ${RESERVATION_COLUMNS} FROM reservations WHERE number = $1`,
      [number],
    );
    return rows[0];
  }

  async findByLineUser(lineUserId: string, today: CivilDate): Promise<Reservation[]> {
    const { rows } = await this.db.query<Reservation>(
      `SELECT ${RESERVATION_COLUMNS} FROM reservations WHERE line_user_id = $1 AND slot_date >= $2
       ORDER BY slot_date, start_time`,
      [lineUserId, today],
    );
    return rows;
  }

  async listByDate(date: CivilDate): Promise<Reservation[]> {
    const { rows } = await this.db.query<Reservation>(
      `SELECT ${RESERVATION_COLUMNS} FROM reservations WHERE slot_date = $1 ORDER BY start_time, created_at`,
      [date],
    );
    return rows;
  }

  async setWindow(date: CivilDate, start: ClockTime, setting: WindowSetting): Promise<WindowRecord> {
    const { rows } = await this.db.query<WindowRecord>(
      `INSERT INTO window_slots (slot_date, start_time, capacity_override, blocked)
       VALUES ($1, $2, $4, COALESCE($5, false))
       ON CONFLICT (slot_date, start_time) DO UPDATE SET
         capacity_override = CASE WHEN $3 THEN EXCLUDED.capacity_override ELSE window_slots.capacity_override END,
         blocked = COALESCE($5, window_slots.blocked),
         updated_at = now()
       RETURNING ${WINDOW_COLUMNS}`,
      [date, start, setting.capacityOverride !== undefined, setting.capacityOverride ?? null, setting.blocked ?? null],
    );
    return rows[0]!;
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.db.close();
  }

  private async ensureSlot(tx: SqlClient, date: CivilDate, start: ClockTime): Promise<void> {
    await tx.query('INSERT INTO window_slots (slot_date, start_time) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      date,
      start,
    ]);
  }

  /** R4/R8: one more booking in the window if it has room; the row lock serialises takers. */
  private async take(tx: SqlClient, w: WindowClaim): Promise<'taken' | 'full' | 'blocked'> {
    await this.ensureSlot(tx, w.date, w.start);
    const { rows } = await tx.query<{ blocked: boolean; taken: boolean }>(
      `WITH claimed AS (
         UPDATE window_slots SET booked = booked + 1, updated_at = now()
         WHERE slot_date = $1 AND start_time = $2 AND NOT blocked AND booked < COALESCE(capacity_override, $3)
         RETURNING 1)
       SELECT blocked, EXISTS (SELECT 1 FROM claimed) AS taken FROM window_slots WHERE slot_date = $1 AND start_time = $2`,
      [w.date, w.start, w.configuredCapacity],
    );
    const row = rows[0]!;
    return row.taken ? 'taken' : row.blocked ? 'blocked' : 'full';
  }

  private async release(tx: SqlClient, date: CivilDate, start: ClockTime): Promise<void> {
    await tx.query(
      'UPDATE window_slots SET booked = booked - 1, updated_at = now() WHERE slot_date = $1 AND start_time = $2',
      [date, start],
    );
  }

  private async lockReservation(tx: SqlClient, number: string): Promise<Reservation | undefined> {
    const { rows } = await tx.query<Reservation>(
      `SELECT ${RESERVATION_COLUMNS} FROM reservations WHERE number = $1 FOR UPDATE`,
      [number],
    );
    return rows[0];
  }
}
