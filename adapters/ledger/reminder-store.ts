// The reminders table (issue 15): where each booking was made (the door's conversation reference,
// for a LINE push; the language) and its reminder's state for one window. The job claims a due
// reminder in the same transaction as its try-lock (attempts + 1, not again before a lease ends),
// sends outside it, then settles it: sent, retried later, or failed. An opt-out is never undone
// by a claim or a settle that races it.
import type { ConversationReference } from 'botbuilder-core';
import type { CivilDate, ClockTime } from '../../domain/civil.js';
import type { Reminders } from '../../domain/ports.js';
import type { ReminderReason, ReminderRecord, ReminderStatus } from '../../domain/reminders.js';
import type { Reservation } from '../../domain/reservation.js';
import type { SqlClient, SqlDatabase } from './database.js';

export type Lang = 'ja' | 'en';

export interface ReminderRow extends ReminderRecord {
  number: string;
  reference: Partial<ConversationReference> | null;
  lang: Lang;
  sentAt: Date | null;
}

type Row = {
  number: string;
  status: ReminderStatus;
  reason: ReminderReason | null;
  window_date: string | null;
  window_start: string | null;
  attempts: number;
  next_attempt_at: Date | null;
  sent_at: Date | null;
  reference: Partial<ConversationReference> | string | null;
  lang: Lang;
};

const COLUMNS = 'number, status, reason, window_date::text AS window_date, window_start, attempts, next_attempt_at, sent_at, reference, lang';

const toRow = (r: Row): ReminderRow => ({
  number: r.number,
  status: r.status,
  reason: r.reason,
  window: r.window_date && r.window_start ? { date: r.window_date, start: r.window_start } : null,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at ? new Date(r.next_attempt_at) : null,
  sentAt: r.sent_at ? new Date(r.sent_at) : null,
  reference: typeof r.reference === 'string' ? (JSON.parse(r.reference) as Partial<ConversationReference>) : r.reference,
  lang: r.lang,
});

/** The conversation a reference names, as the transcript keys it. */
function conversationOf(reference: object): { channelId: string | null; conversationId: string | null } {
  const ref = reference as Partial<ConversationReference>;
  return { channelId: ref.channelId ?? null, conversationId: ref.conversation?.id ?? null };
}

/** What an opt-out leaves alone: nothing. What a claim or a settle must leave alone: an opt-out. */
const NOT_OPTED_OUT = "NOT (reminders.status = 'off' AND reminders.reason = 'opted-out')";

/** A booked reservation with its reminder row, if any (what the job looks at). */
export interface Candidate {
  reservation: Reservation;
  record: ReminderRow | undefined;
}

export class SqlReminderStore implements Reminders {
  constructor(private readonly db: SqlDatabase) {}

  async remember(number: string, conversation: object, lang: Lang): Promise<void> {
    const { channelId, conversationId } = conversationOf(conversation);
    await this.db.query(
      `INSERT INTO reminders (number, reference, lang, channel_id, conversation_id) VALUES ($1, $2::jsonb, $3, $4, $5)
       ON CONFLICT (number) DO UPDATE SET reference = EXCLUDED.reference, lang = EXCLUDED.lang,
         channel_id = EXCLUDED.channel_id, conversation_id = EXCLUDED.conversation_id, updated_at = now()`,
      [number, JSON.stringify(conversation), lang, channelId, conversationId],
    );
  }

  async bookedIn(conversation: object): Promise<string[]> {
    const { channelId, conversationId } = conversationOf(conversation);
    if (!channelId || !conversationId) return [];
    const { rows } = await this.db.query<{ number: string }>(
      'SELECT number FROM reminders WHERE channel_id = $1 AND conversation_id = $2 ORDER BY number',
      [channelId, conversationId],
    );
    return rows.map((r) => r.number);
  }

  async optOut(numbers: string[]): Promise<string[]> {
    if (numbers.length === 0) return [];
    const { rows } = await this.db.query<{ number: string }>(
      `INSERT INTO reminders (number, status, reason)
       SELECT r.number, 'off', 'opted-out' FROM reservations r WHERE r.number = ANY($1::text[])
       ON CONFLICT (number) DO UPDATE SET status = 'off', reason = 'opted-out', next_attempt_at = NULL, updated_at = now()
       RETURNING number`,
      [numbers],
    );
    return rows.map((r) => r.number);
  }

  /** The rows of these reservations, by number (the staff console's day view). */
  async records(numbers: string[]): Promise<Map<string, ReminderRow>> {
    if (numbers.length === 0) return new Map();
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM reminders WHERE number = ANY($1::text[])`, [numbers]);
    return new Map(rows.map((r) => [r.number, toRow(r)]));
  }

  async record(number: string): Promise<ReminderRow | undefined> {
    return (await this.records([number])).get(number);
  }

  /** Booked reservations dated `from`–`to`, each with its reminder row (inside the job's transaction). */
  async candidates(tx: SqlClient, from: CivilDate, to: CivilDate): Promise<Candidate[]> {
    const { rows } = await tx.query<Reservation & { reminder: Row | string | null }>(
      `SELECT r.number, r.slot_date::text AS date, r.start_time AS start, r.end_time AS "end", r.status, r.channel,
         r.birthday, r.phone, r.email, r.line_user_id AS "lineUserId", r.created_at AS "createdAt", r.updated_at AS "updatedAt",
         CASE WHEN m.number IS NULL THEN NULL ELSE json_build_object(
           'number', m.number, 'status', m.status, 'reason', m.reason, 'window_date', m.window_date::text,
           'window_start', m.window_start, 'attempts', m.attempts, 'next_attempt_at', m.next_attempt_at,
           'sent_at', m.sent_at, 'reference', m.reference, 'lang', m.lang) END AS reminder
       FROM reservations r LEFT JOIN reminders m ON m.number = r.number
       WHERE r.status = 'booked' AND r.slot_date BETWEEN $1 AND $2
       ORDER BY r.slot_date, r.start_time, r.number`,
      [from, to],
    );
    return rows.map(({ reminder, ...reservation }) => {
      const raw = typeof reminder === 'string' ? (JSON.parse(reminder) as Row) : reminder;
      return { reservation: { ...reservation, updatedAt: new Date(reservation.updatedAt), createdAt: new Date(reservation.createdAt) }, record: raw ? toRow(raw) : undefined };
    });
  }

  /**
   * Takes a due reminder for `window` (inside the job's transaction): attempt `attempts`, not to
   * be taken again before `leaseUntil` unless settled. False when an opt-out or a send for this
   * window got there first.
   */
  async claim(tx: SqlClient, number: string, window: { date: CivilDate; start: ClockTime }, attempts: number, leaseUntil: Date): Promise<boolean> {
    const { rows } = await tx.query<{ number: string }>(
      `INSERT INTO reminders (number, status, window_date, window_start, attempts, next_attempt_at)
       VALUES ($1, 'pending', $2, $3, $4, $5)
       ON CONFLICT (number) DO UPDATE SET status = 'pending', reason = NULL, window_date = EXCLUDED.window_date,
         window_start = EXCLUDED.window_start, attempts = EXCLUDED.attempts, next_attempt_at = EXCLUDED.next_attempt_at, updated_at = now()
       WHERE ${NOT_OPTED_OUT}
         AND NOT (reminders.status = 'sent' AND reminders.window_date = EXCLUDED.window_date AND reminders.window_start = EXCLUDED.window_start)
       RETURNING number`,
      [number, window.date, window.start, attempts, leaseUntil],
    );
    return rows.length === 1;
  }

  /** What came of a claimed attempt: sent, another try at `retryAt`, or failed for `reason`. */
  async settle(
    number: string,
    window: { date: CivilDate; start: ClockTime },
    outcome: { status: 'sent'; at: Date } | { status: 'pending'; retryAt: Date; reason?: ReminderReason } | { status: 'failed' | 'off'; reason: ReminderReason },
  ): Promise<void> {
    const sentAt = outcome.status === 'sent' ? outcome.at : null;
    const next = outcome.status === 'pending' ? outcome.retryAt : null;
    const reason = 'reason' in outcome ? (outcome.reason ?? null) : null;
    await this.db.query(
      `UPDATE reminders SET status = $4, reason = $5, next_attempt_at = $6, sent_at = COALESCE($7, sent_at), updated_at = now()
       WHERE number = $1 AND window_date = $2 AND window_start = $3 AND status = 'pending' AND ${NOT_OPTED_OUT}`,
      [number, window.date, window.start, outcome.status, reason, next, sentAt],
    );
  }
}
