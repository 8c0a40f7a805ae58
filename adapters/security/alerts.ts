// Security alerts for staff: a reservation number locked by wrong birthdays, a client that
// reached its bookings for the day. Each is written once (its dedupe key), audited as the
// system's action, and announced live to every console.
import type { SqlDatabase } from '../ledger/database.js';
import type { Logger } from '../log.js';
import type { StaffEvents } from '../staff/events.js';

export type AlertKind = 'lookup-locked' | 'booking-limit';

export interface SecurityAlert {
  id: string;
  kind: AlertKind;
  channel: string;
  subject: string;
  createdAt: Date;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
}

export interface NewAlert {
  kind: AlertKind;
  channel: string;
  /** What staff read: a reservation number, a masked address or phone number. */
  subject: string;
  /** The same occurrence raised twice (two instances, a retry) is one alert. */
  dedupeKey: string;
}

type Row = { id: string; kind: AlertKind; channel: string; subject: string; created_at: Date | string; acknowledged_by: string | null; acknowledged_at: Date | string | null };
const COLUMNS = 'id::text AS id, kind, channel, subject, created_at, acknowledged_by, acknowledged_at';
/** How long an acknowledged alert stays in the console's list. */
const RECENT_HOURS = 24;

const fromRow = (r: Row): SecurityAlert => ({
  id: r.id,
  kind: r.kind,
  channel: r.channel,
  subject: r.subject,
  createdAt: new Date(r.created_at),
  acknowledgedBy: r.acknowledged_by,
  acknowledgedAt: r.acknowledged_at === null ? null : new Date(r.acknowledged_at),
});

export class SecurityAlerts {
  constructor(
    private readonly db: SqlDatabase,
    private readonly events: StaffEvents,
    private readonly logger: Logger,
  ) {}

  /** Records an alert (once per dedupe key), audits it and tells the consoles; never throws. */
  async raise(alert: NewAlert, now: Date): Promise<void> {
    try {
      const { rows } = await this.db.query<{ id: string }>(
        `INSERT INTO security_alerts (kind, channel, subject, dedupe_key, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id::text AS id`,
        [alert.kind, alert.channel, alert.subject, alert.dedupeKey, now],
      );
      if (!rows[0]) return;
      await this.db.query('INSERT INTO audit_log (staff, action, target, detail) VALUES ($1, $2, $3, $4)', [
        'system',
        alert.kind,
        alert.subject,
        JSON.stringify({ channel: alert.channel, alert: rows[0].id }),
      ]);
      this.logger.warn({ kind: alert.kind, channel: alert.channel, alert: rows[0].id }, 'security alert');
      await this.events.publish({ type: 'alert', data: { id: rows[0].id, kind: alert.kind } });
    } catch (err) {
      // The limit itself already held; only the notice to staff is lost.
      this.logger.error({ err: (err as Error).message, kind: alert.kind }, 'security alert not recorded');
    }
  }

  /** Unacknowledged alerts, newest first, then those acknowledged in the last day. */
  async list(now: Date): Promise<SecurityAlert[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM security_alerts WHERE acknowledged_at IS NULL OR acknowledged_at >= $1
       ORDER BY (acknowledged_at IS NOT NULL), created_at DESC LIMIT 200`,
      [new Date(now.getTime() - RECENT_HOURS * 3_600_000)],
    );
    return rows.map(fromRow);
  }

  async acknowledge(id: string, staff: string, now: Date): Promise<SecurityAlert | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const { rows } = await this.db.query<Row>(
      `UPDATE security_alerts SET acknowledged_by = COALESCE(acknowledged_by, $2), acknowledged_at = COALESCE(acknowledged_at, $3)
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, staff, now],
    );
    return rows[0] ? fromRow(rows[0]) : undefined;
  }
}
