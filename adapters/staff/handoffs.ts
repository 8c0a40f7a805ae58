// Conversations handed to staff, in the ledger database. At most one is active (open or
// claimed) per conversation; while it is, the bot keeps out and staff answer.
import { randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder-core';
import type { SqlClient, SqlDatabase } from '../ledger/database.js';
import { MemoryHandoffMarks, type HandoffMarks } from './handoff-marks.js';

export type HandoffStatus = 'open' | 'claimed' | 'resolved';
export type HandoffChannel = 'web' | 'line' | 'phone';
export type HandoffMode = 'reply' | 'transfer' | 'callback';

export interface Handoff {
  id: string;
  channelId: string;
  conversationId: string;
  channel: HandoffChannel;
  reason: string;
  mode: HandoffMode;
  status: HandoffStatus;
  /** The number staff call back: a caller's own, or one a chat citizen left (mode callback). */
  callbackPhone: string | null;
  /** Where the conversation can be written to later (staff replies, the end notice). */
  reference: Partial<ConversationReference> | null;
  createdAt: Date;
  claimedBy: string | null;
  claimedAt: Date | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  /** When the citizen was told no one can answer now (desk phone and callback offered); once. */
  waitToldAt: Date | null;
  /** When the citizen asked for a callback and was asked for the number. */
  callbackAskedAt: Date | null;
}

export interface NewHandoff {
  channelId: string;
  conversationId: string;
  channel: HandoffChannel;
  reason: string;
  mode: HandoffMode;
  callbackPhone?: string | undefined;
  reference?: Partial<ConversationReference> | undefined;
  /** Already told no one can answer now (opened outside desk hours, with the offer). */
  waitTold?: boolean | undefined;
}

export type HandoffChange = { ok: true; handoff: Handoff } | { ok: false; reason: 'not-found' | 'resolved' | 'claimed-by-other'; handoff?: Handoff };

/** How long a resolved handoff stays in the console's list. */
export const RECENT_HOURS = 24;
const LIST_LIMIT = 200;

type Row = {
  id: string;
  channel_id: string;
  conversation_id: string;
  channel: HandoffChannel;
  reason: string;
  mode: HandoffMode;
  status: HandoffStatus;
  callback_phone: string | null;
  reference: Partial<ConversationReference> | string | null;
  created_at: Date | string;
  claimed_by: string | null;
  claimed_at: Date | string | null;
  resolved_by: string | null;
  resolved_at: Date | string | null;
  wait_told_at: Date | string | null;
  callback_asked_at: Date | string | null;
};

const COLUMNS = 'id::text AS id, channel_id, conversation_id, channel, reason, mode, status, callback_phone, reference, created_at, claimed_by, claimed_at, resolved_by, resolved_at, wait_told_at, callback_asked_at';
const date = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

function fromRow(r: Row): Handoff {
  return {
    id: r.id,
    channelId: r.channel_id,
    conversationId: r.conversation_id,
    channel: r.channel,
    reason: r.reason,
    mode: r.mode,
    status: r.status,
    callbackPhone: r.callback_phone,
    reference: typeof r.reference === 'string' ? (JSON.parse(r.reference) as Partial<ConversationReference>) : r.reference,
    createdAt: new Date(r.created_at),
    claimedBy: r.claimed_by,
    claimedAt: date(r.claimed_at),
    resolvedBy: r.resolved_by,
    resolvedAt: date(r.resolved_at),
    waitToldAt: date(r.wait_told_at),
    callbackAskedAt: date(r.callback_asked_at),
  };
}

export const isUuid = (s: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

const markOf = (channelId: string, conversationId: string) => `${channelId}/${conversationId}`;

export class HandoffStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly marks: HandoffMarks = new MemoryHandoffMarks(),
  ) {}

  /** Marks every conversation whose handoff is open (at start: marks may have been lost). */
  async syncMarks(): Promise<void> {
    const { rows } = await this.db.query<{ channel_id: string; conversation_id: string }>(
      "SELECT channel_id, conversation_id FROM handoffs WHERE status <> 'resolved'",
    );
    await this.marks.sync(rows.map((r) => markOf(r.channel_id, r.conversation_id)));
  }

  /** Opens a handoff, or returns the one already active for the conversation (never two). */
  async open(h: NewHandoff, now: Date): Promise<{ handoff: Handoff; created: boolean }> {
    const { rows } = await this.db.query<Row>(
      `INSERT INTO handoffs (id, channel_id, conversation_id, channel, reason, mode, callback_phone, created_at, acked_at, reference, wait_told_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10)
       ON CONFLICT (channel_id, conversation_id) WHERE status <> 'resolved' DO NOTHING
       RETURNING ${COLUMNS}`,
      [randomUUID(), h.channelId, h.conversationId, h.channel, h.reason, h.mode, h.callbackPhone ?? null, now, h.reference ? JSON.stringify(h.reference) : null, h.waitTold ? now : null],
    );
    if (rows[0]) {
      await this.marks.add(markOf(h.channelId, h.conversationId)).catch(() => undefined);
      return { handoff: fromRow(rows[0]), created: true };
    }
    const active = await this.lookUp(h.channelId, h.conversationId);
    if (!active) throw new Error('handoff neither inserted nor found');
    await this.marks.add(markOf(h.channelId, h.conversationId)).catch(() => undefined);
    return { handoff: active, created: false };
  }

  /** The open or claimed handoff of a conversation, if any (asked before every turn). */
  async active(channelId: string, conversationId: string): Promise<Handoff | undefined> {
    const mark = markOf(channelId, conversationId);
    // Most conversations have none: the marks say so without the database.
    if (!(await this.marks.has(mark).catch(() => true))) return undefined;
    const found = await this.lookUp(channelId, conversationId);
    if (!found) await this.marks.remove(mark).catch(() => undefined);
    return found;
  }

  private async lookUp(channelId: string, conversationId: string): Promise<Handoff | undefined> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM handoffs WHERE channel_id = $1 AND conversation_id = $2 AND status <> 'resolved'`,
      [channelId, conversationId],
    );
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async get(id: string): Promise<Handoff | undefined> {
    if (!isUuid(id)) return undefined;
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM handoffs WHERE id = $1`, [id]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  /** Active ones (oldest first: who has waited longest), then those resolved in the last day. */
  async list(now: Date): Promise<Handoff[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM handoffs
       WHERE status <> 'resolved' OR resolved_at >= $1
       ORDER BY (status = 'resolved'), CASE WHEN status = 'resolved' THEN -extract(epoch FROM resolved_at) ELSE extract(epoch FROM created_at) END
       LIMIT ${LIST_LIMIT}`,
      [new Date(now.getTime() - RECENT_HOURS * 3_600_000)],
    );
    return rows.map(fromRow);
  }

  /** A staff member takes it; taking one already yours is fine. */
  async claim(id: string, staff: string, now: Date): Promise<HandoffChange> {
    if (!isUuid(id)) return { ok: false, reason: 'not-found' };
    const { rows } = await this.db.query<Row>(
      `UPDATE handoffs SET status = 'claimed', claimed_by = $2, claimed_at = $3
       WHERE id = $1 AND (status = 'open' OR (status = 'claimed' AND claimed_by = $2)) RETURNING ${COLUMNS}`,
      [id, staff, now],
    );
    return rows[0] ? { ok: true, handoff: fromRow(rows[0]) } : this.refusal(id);
  }

  /** Closed by staff, or by the citizen going back to the automatic assistant. */
  async resolve(id: string, by: string, now: Date): Promise<HandoffChange> {
    if (!isUuid(id)) return { ok: false, reason: 'not-found' };
    const { rows } = await this.db.query<Row>(
      `UPDATE handoffs SET status = 'resolved', resolved_by = $2, resolved_at = $3
       WHERE id = $1 AND status <> 'resolved' RETURNING ${COLUMNS}`,
      [id, by, now],
    );
    if (!rows[0]) return this.refusal(id);
    const handoff = fromRow(rows[0]);
    await this.marks.remove(markOf(handoff.channelId, handoff.conversationId)).catch(() => undefined);
    return { ok: true, handoff };
  }

  /**
   * True when the citizen should be told again that their message reached staff: nobody has
   * taken the handoff yet and they were not told within `minutes`.
   */
  async acknowledgeDue(id: string, now: Date, minutes: number): Promise<boolean> {
    const { rows } = await this.db.query(
      `UPDATE handoffs SET acked_at = $2
       WHERE id = $1 AND status = 'open' AND (acked_at IS NULL OR acked_at <= $3) RETURNING 1 AS one`,
      [id, now, new Date(now.getTime() - minutes * 60_000)],
    );
    return rows.length > 0;
  }

  /**
   * The written handoffs nobody has taken since `openedBy` and whose citizen was not yet told so,
   * marked told at `now` and returned: a handoff is returned once, whichever instance asks.
   */
  async takeUnanswered(openedBy: Date, now: Date, client: SqlClient = this.db): Promise<Handoff[]> {
    const { rows } = await client.query<Row>(
      `UPDATE handoffs SET wait_told_at = $2
       WHERE status = 'open' AND mode = 'reply' AND wait_told_at IS NULL AND created_at <= $1
       RETURNING ${COLUMNS}`,
      [openedBy, now],
    );
    return rows.map(fromRow);
  }

  /** The citizen asked for a callback: their next message is read as the number. */
  async askCallback(id: string, now: Date): Promise<void> {
    await this.db.query("UPDATE handoffs SET callback_asked_at = $2 WHERE id = $1 AND status <> 'resolved'", [id, now]);
  }

  /** The question for the number is over (answered or not). */
  async forgetCallbackQuestion(id: string): Promise<void> {
    await this.db.query('UPDATE handoffs SET callback_asked_at = NULL WHERE id = $1', [id]);
  }

  /** The citizen left a number to be called back on: staff see it, and call. */
  async requestCallback(id: string, phone: string): Promise<Handoff | undefined> {
    const { rows } = await this.db.query<Row>(
      `UPDATE handoffs SET callback_phone = $2, mode = 'callback', callback_asked_at = NULL
       WHERE id = $1 AND status <> 'resolved' RETURNING ${COLUMNS}`,
      [id, phone],
    );
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  private async refusal(id: string): Promise<HandoffChange> {
    const handoff = await this.get(id);
    if (!handoff) return { ok: false, reason: 'not-found' };
    return { ok: false, reason: handoff.status === 'resolved' ? 'resolved' : 'claimed-by-other', handoff };
  }
}
