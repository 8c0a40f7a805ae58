// Retention, once a day across all instances: transcripts older than TRANSCRIPT_RETENTION_DAYS,
// reservations (and their windows' rows) dated more than RESERVATION_RETENTION_DAYS ago,
// expired staff sessions, and handoffs resolved longer ago than the transcripts are kept.
// Proxy form requests (the holder's name in kana, birthday, phone): a closed one
// TRANSCRIPT_RETENTION_DAYS after it was closed, any one RESERVATION_RETENTION_DAYS after it was
// made, whatever its state — a request the desk never closed does not stay for ever.
// Every instance checks at start (after a random delay, so they do not all ask at once) and
// then hourly; a transaction-scoped advisory lock and the `job_runs` row let exactly one of them
// run it per day (in Japan), and a purge either completes or leaves everything as it was.
import { addDays, tokyoDate, type CivilDate } from '../../domain/civil.js';
import type { Clock } from '../clock.js';
import type { SqlClient, SqlDatabase } from '../ledger/database.js';
import type { Logger } from '../log.js';

export interface RetentionPolicy {
  transcriptDays: number;
  reservationDays: number;
}

/** How many rows of each kind went. */
export interface RetentionReport {
  day: CivilDate;
  transcripts: number;
  reservations: number;
  windows: number;
  staffSessions: number;
  handoffs: number;
  /** Security alerts older than the transcripts are kept. */
  alerts: number;
  /** Proxy form requests closed longer ago than transcripts are kept, or made longer ago than reservations are. */
  proxyRequests: number;
}

const JOB = 'retention';
const RETENTION_LOCK = 7_102_005; // shared by every instance, distinct from the migration lock
const DAY_MS = 86_400_000;

/**
 * Runs today's purge unless it has run today or another instance is running it right now;
 * returns what went, or undefined when there was nothing to do here.
 */
export function runRetention(db: SqlDatabase, now: Date, policy: RetentionPolicy): Promise<RetentionReport | undefined> {
  return db.transaction(async (tx) => {
    const { rows: lock } = await tx.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [RETENTION_LOCK]);
    if (!lock[0]?.locked) return undefined;
    const day = tokyoDate(now);
    const { rows: done } = await tx.query<{ ran: boolean }>('SELECT last_run >= $2::date AS ran FROM job_runs WHERE name = $1', [JOB, day]);
    if (done[0]?.ran) return undefined;

    const transcriptCutoff = new Date(now.getTime() - policy.transcriptDays * DAY_MS);
    const reservationCutoff = addDays(day, -policy.reservationDays);
    const report: RetentionReport = {
      day,
      transcripts: await count(tx, 'DELETE FROM transcript_activities WHERE created_at < $1', [transcriptCutoff]),
      reservations: await count(tx, 'DELETE FROM reservations WHERE slot_date < $1', [reservationCutoff]),
      // The windows of those dates; a row still referenced (none should be) stays.
      windows: await count(
        tx,
        `DELETE FROM window_slots w WHERE w.slot_date < $1
         AND NOT EXISTS (SELECT 1 FROM reservations r WHERE r.slot_date = w.slot_date AND r.start_time = w.start_time)`,
        [reservationCutoff],
      ),
      staffSessions: await count(tx, 'DELETE FROM staff_sessions WHERE expires_at < $1', [now]),
      handoffs: 0,
      alerts: 0,
      proxyRequests: 0,
    };
    // The handoffs table comes with the staff console's migration; older databases lack it.
    const { rows: table } = await tx.query<{ present: boolean }>("SELECT to_regclass('handoffs') IS NOT NULL AS present");
    if (table[0]?.present) {
      report.handoffs = await count(tx, "DELETE FROM handoffs WHERE status = 'resolved' AND created_at < $1", [transcriptCutoff]);
    }
    const { rows: alertTable } = await tx.query<{ present: boolean }>("SELECT to_regclass('security_alerts') IS NOT NULL AS present");
    if (alertTable[0]?.present) report.alerts = await count(tx, 'DELETE FROM security_alerts WHERE created_at < $1', [transcriptCutoff]);
    const { rows: requestTable } = await tx.query<{ present: boolean }>("SELECT to_regclass('proxy_form_requests') IS NOT NULL AS present");
    if (requestTable[0]?.present) {
      const requestCutoff = new Date(now.getTime() - policy.reservationDays * DAY_MS);
      report.proxyRequests = await count(
        tx,
        "DELETE FROM proxy_form_requests WHERE (status = 'closed' AND closed_at < $1) OR created_at < $2",
        [transcriptCutoff, requestCutoff],
      );
    }
    await tx.query(
      'INSERT INTO job_runs (name, last_run) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET last_run = EXCLUDED.last_run',
      [JOB, day],
    );
    return report;
  });
}

async function count(tx: SqlClient, deletion: string, params: unknown[]): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(`WITH gone AS (${deletion} RETURNING 1) SELECT count(*)::int AS n FROM gone`, params);
  return rows[0]?.n ?? 0;
}

export interface RetentionJobOptions {
  db: SqlDatabase;
  clock: Clock;
  policy: RetentionPolicy;
  logger: Logger;
  /** The longest wait before the first check; default 60 s. */
  maxStartDelayMs?: number;
  /** Between checks; default an hour. */
  intervalMs?: number;
  random?: () => number;
}

export interface RetentionJob {
  /** Stops the timers and waits for a run in progress (so the database is not closed under it). */
  stop(): Promise<void>;
}

export function startRetentionJob(o: RetentionJobOptions): RetentionJob {
  let running: Promise<void> | undefined;
  let stopped = false;
  const check = () => {
    if (stopped || running) return;
    running = runRetention(o.db, o.clock(), o.policy)
      .then((report) => {
        if (report) o.logger.info({ job: JOB, ...report }, 'retention purge done');
      })
      .catch((err: unknown) => o.logger.warn({ err, job: JOB }, 'retention purge failed; the next check tries again'))
      .finally(() => (running = undefined));
  };
  const first = setTimeout(check, Math.floor((o.random ?? Math.random)() * (o.maxStartDelayMs ?? 60_000)));
  const hourly = setInterval(check, o.intervalMs ?? 3_600_000);
  // Neither timer keeps the process alive.
  first.unref();
  hourly.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(hourly);
      await running;
    },
  };
}
