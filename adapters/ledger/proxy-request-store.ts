// The proxy form requests (R21c step 1) as the desk works them: stored when a citizen agrees at
// the read-back (once per read-back, once per open request for the same holder and number),
// listed for the console, moved on by staff one step at a time. Every change is written to
// audit_log in the same transaction (who, when, from → to; never the name or the number), and
// the consoles are told after it commits.
import { randomUUID } from 'node:crypto';
import { canMove, kanaName, type NewProxyRequest, type ProxyRequests, type ProxyRequestStatus } from '../../domain/proxy-request.js';
import { isBirthday, normalizePhone } from '../../domain/reservation.js';
import type { Channel } from '../../domain/booking-rules.js';
import type { StaffEvents } from '../staff/events.js';
import type { SqlClient, SqlDatabase } from './database.js';

export interface ProxyRequestRecord {
  id: string;
  kanaName: string;
  birthday: string;
  phone: string;
  channel: Channel;
  status: ProxyRequestStatus;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string | null;
  closedAt: Date | null;
}

/** One step of a request's audit trail. */
export interface ProxyRequestChange {
  at: Date;
  staff: string;
  /** null for the request's arrival. */
  from: ProxyRequestStatus | null;
  to: ProxyRequestStatus;
}

export type MoveResult =
  | { ok: true; request: ProxyRequestRecord }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'not-allowed'; request: ProxyRequestRecord };

type Row = {
  id: string;
  kana_name: string;
  birthday: string;
  phone: string;
  channel: Channel;
  status: ProxyRequestStatus;
  created_at: Date | string;
  updated_at: Date | string;
  updated_by: string | null;
  closed_at: Date | string | null;
};

const COLUMNS = 'id::text AS id, kana_name, birthday, phone, channel, status, created_at, updated_at, updated_by, closed_at';
const RECEIVED = 'proxy-request-received';
const MOVED = 'proxy-request-status';
/** How long a closed request stays in the console's list. */
const CLOSED_SHOWN_DAYS = 7;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const fromRow = (r: Row): ProxyRequestRecord => ({
  id: r.id,
  kanaName: r.kana_name,
  birthday: r.birthday,
  phone: r.phone,
  channel: r.channel,
  status: r.status,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
  updatedBy: r.updated_by,
  closedAt: r.closed_at === null ? null : new Date(r.closed_at),
});

export const isRequestId = (s: string): boolean => UUID.test(s);

export class SqlProxyRequestStore implements ProxyRequests {
  constructor(
    private readonly db: SqlDatabase,
    private readonly events?: StaffEvents,
  ) {}

  async submit(request: NewProxyRequest, key: string, now: Date): Promise<{ id: string; duplicate: boolean }> {
    // What the dialog checked, checked again where it is kept: only kana, MM-DD and a phone number.
    const name = kanaName(request.kanaName);
    const phone = normalizePhone(request.phone);
    if (!name || !phone || !isBirthday(request.birthday)) throw new Error('proxy form request with details the bot should not have taken');
    const result = await this.db.transaction(async (tx) => {
      const replay = await tx.query<{ id: string }>('SELECT id::text AS id FROM proxy_form_requests WHERE idempotency_key = $1', [key]);
      if (replay.rows[0]) return { id: replay.rows[0].id, duplicate: false, fresh: false };
      const open = await tx.query<{ id: string }>(
        "SELECT id::text AS id FROM proxy_form_requests WHERE status <> 'closed' AND phone = $1 AND birthday = $2 AND kana_name = $3 LIMIT 1",
        [phone, request.birthday, name],
      );
      if (open.rows[0]) return { id: open.rows[0].id, duplicate: true, fresh: false };
      const id = randomUUID();
      await tx.query(
        `INSERT INTO proxy_form_requests (id, kana_name, birthday, phone, channel, idempotency_key, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
        [id, name, request.birthday, phone, request.channel, key, now],
      );
      await audit(tx, now, 'system', RECEIVED, id, { channel: request.channel, to: 'new' });
      return { id, duplicate: false, fresh: true };
    });
    if (result.fresh) await this.events?.publish({ type: 'proxy-requests', data: { id: result.id, status: 'new' } });
    return { id: result.id, duplicate: result.duplicate };
  }

  /** Open requests, oldest first (the desk works the queue in order), then those closed in the last week. */
  async list(now: Date): Promise<ProxyRequestRecord[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM proxy_form_requests WHERE status <> 'closed' OR closed_at >= $1
       ORDER BY (status = 'closed'), CASE WHEN status = 'closed' THEN closed_at END DESC, created_at LIMIT 500`,
      [new Date(now.getTime() - CLOSED_SHOWN_DAYS * 86_400_000)],
    );
    return rows.map(fromRow);
  }

  async get(id: string): Promise<ProxyRequestRecord | undefined> {
    if (!isRequestId(id)) return undefined;
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM proxy_form_requests WHERE id = $1`, [id]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  /** Each request's trail, oldest first: its arrival and every status change, by whom. */
  async history(ids: string[]): Promise<Map<string, ProxyRequestChange[]>> {
    const out = new Map<string, ProxyRequestChange[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return out;
    const { rows } = await this.db.query<{ at: Date | string; staff: string; target: string; detail: { from?: ProxyRequestStatus; to: ProxyRequestStatus } | string }>(
      'SELECT at, staff, target, detail FROM audit_log WHERE action = ANY($1::text[]) AND target = ANY($2::text[]) ORDER BY at, id',
      [[RECEIVED, MOVED], ids],
    );
    for (const r of rows) {
      const detail = typeof r.detail === 'string' ? (JSON.parse(r.detail) as { from?: ProxyRequestStatus; to: ProxyRequestStatus }) : r.detail;
      out.get(r.target)?.push({ at: new Date(r.at), staff: r.staff, from: detail.from ?? null, to: detail.to });
    }
    return out;
  }

  /** One step on (or closed), by `staff`; refused when the request is not where that step starts. */
  async move(id: string, to: ProxyRequestStatus, staff: string, now: Date): Promise<MoveResult> {
    if (!isRequestId(id)) return { ok: false, reason: 'not-found' };
    const result = await this.db.transaction(async (tx): Promise<MoveResult> => {
      const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} FROM proxy_form_requests WHERE id = $1 FOR UPDATE`, [id]);
      if (!rows[0]) return { ok: false, reason: 'not-found' };
      const before = fromRow(rows[0]);
      if (!canMove(before.status, to)) return { ok: false, reason: 'not-allowed', request: before };
      const updated = await tx.query<Row>(
        `UPDATE proxy_form_requests SET status = $2, updated_at = $3, updated_by = $4, closed_at = CASE WHEN $2 = 'closed' THEN $3::timestamptz ELSE closed_at END
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, to, now, staff],
      );
      await audit(tx, now, staff, MOVED, id, { from: before.status, to });
      return { ok: true, request: fromRow(updated.rows[0]!) };
    });
    if (result.ok) await this.events?.publish({ type: 'proxy-requests', data: { id, status: to } });
    return result;
  }
}

function audit(tx: SqlClient, at: Date, staff: string, action: string, target: string, detail: object) {
  return tx.query('INSERT INTO audit_log (at, staff, action, target, detail) VALUES ($1, $2, $3, $4, $5)', [at, staff, action, target, JSON.stringify(detail)]);
}
