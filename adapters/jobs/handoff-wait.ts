// Nobody handed to staff waits in silence. Every half minute one instance (a transaction-scoped
// advisory try-lock, as for retention) takes the web chat and LINE handoffs that no one has
// claimed within HANDOFF_WAIT_MINUTES — all of them at once while the desk is not staffed
// (R25) — and tells each citizen, in their own conversation through the door that serves it,
// that no one can answer now: the desk phone and a callback are offered, and the way back to
// the automatic assistant. Each handoff is marked as it is taken, so it is told once however
// many instances look; a notice that cannot be delivered is logged, not retried.
import * as info from '../../bot/messages/info.ja.js';
import { send } from '../../dialogs/turn.js';
import { isDeskStaffed } from '../../domain/calendar.js';
import type { OfficeConfig } from '../../domain/office-config.js';
import type { Doors } from '../channels/doors.js';
import type { Clock } from '../clock.js';
import type { SqlDatabase } from '../ledger/database.js';
import type { Logger } from '../log.js';
import type { StaffEvents } from '../staff/events.js';
import type { Handoff, HandoffStore } from '../staff/handoffs.js';

const JOB = 'handoff-wait';
const HANDOFF_WAIT_LOCK = 7_102_009; // shared by every instance, distinct from the other jobs' locks
const CHECK_EVERY_MS = 30_000;

export interface HandoffWaitOptions {
  db: SqlDatabase;
  handoffs: HandoffStore;
  doors: Doors;
  events: StaffEvents;
  clock: Clock;
  /** The office's configuration as it is now (staffed hours, the desk phone). */
  config: () => OfficeConfig;
  waitMinutes: number;
  logger: Logger;
  /** Between checks; default 30 s. */
  intervalMs?: number;
}

export interface HandoffWaitJob {
  /** One check, as the timer runs it: resolves with the handoffs whose citizen was told. */
  tick(now?: Date): Promise<Handoff[]>;
  /** Stops the timer and waits for a check in progress. */
  stop(): Promise<void>;
}

export function startHandoffWaitJob(o: HandoffWaitOptions): HandoffWaitJob {
  let running: Promise<unknown> | undefined;
  let stopped = false;

  const tick = async (now: Date = o.clock()): Promise<Handoff[]> => {
    const config = o.config();
    const staffed = isDeskStaffed(now, config);
    const openedBy = staffed ? new Date(now.getTime() - o.waitMinutes * 60_000) : now;
    const due = await o.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [HANDOFF_WAIT_LOCK]);
      return rows[0]?.locked ? o.handoffs.takeUnanswered(openedBy, now, tx) : [];
    });
    const told: Handoff[] = [];
    for (const h of due) {
      try {
        await o.doors.continueConversation(h.reference, (context) => send(context, info.handoffUnanswered(h.channel, staffed, config.deskPhone)));
        told.push(h);
      } catch (err) {
        o.logger.warn({ err: (err as Error).message, job: JOB, channel: h.channel }, 'citizen waiting for staff could not be told');
      }
      // Consoles show that the citizen was told (or that telling them failed: the mark is there either way).
      await o.events.publish({ type: 'handoff', data: { id: h.id, status: h.status } }).catch(() => undefined);
    }
    if (told.length) o.logger.info({ job: JOB, told: told.length, staffed }, 'citizens waiting for staff told no one can answer now');
    return told;
  };

  const check = () => {
    if (stopped || running) return;
    running = tick()
      .catch((err: unknown) => o.logger.warn({ err, job: JOB }, 'handoff wait check failed; the next check tries again'))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(check, o.intervalMs ?? CHECK_EVERY_MS);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
