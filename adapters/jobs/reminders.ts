// Reminders before the visit (issue 15). Every minute one instance (a transaction-scoped advisory
// try-lock, as for retention) looks at the booked reservations of the next two weeks and claims
// those whose reminder is due (domain/reminders.ts: the configured time on the business day
// before, not for a window taken after that moment, not after an opt-out, once per window): in
// the same transaction each claimed row gets its attempt counted and a lease, so no other
// instance takes it meanwhile. Then each is sent on its own channel — a LINE push into the
// conversation it was booked in, an SMS to a phone booking's mobile number (both through the
// door's proactive path, `Doors.continueConversation`, so they are serialised with that
// conversation's turns and kept in its transcript), an e-mail for the web chat — and settled:
// sent; on a transient failure (5xx, 429, a 4xx from SMTP, a lost connection) tried again after
// a backoff, up to MAX_ATTEMPTS; on a refusal, failed. A reservation cancelled or moved since it
// was claimed is checked just before sending and not reminded for the old window.
//
// Once only: a reminder is marked sent for its window and never claimed again for it. A process
// that dies between a send and its mark leaves the claim to lapse after LEASE_MS, and the
// reminder is sent again — the one case where a citizen could get two (logged as a retry).
import type { ConversationReference } from 'botbuilder-core';
import * as m from '../../bot/messages/reminders.ja.js';
import { CHANNEL_IDS, send, setLang } from '../../dialogs/turn.js';
import { addDays, tokyoDate } from '../../domain/civil.js';
import type { OfficeConfig } from '../../domain/office-config.js';
import { isDue, MAX_ATTEMPTS, reminderState, retryAt, type ReminderReason } from '../../domain/reminders.js';
import type { Reservation } from '../../domain/reservation.js';
import { ChannelUnavailableError } from '../channels/door.js';
import type { Doors } from '../channels/doors.js';
import { TWILIO_SERVICE_URL } from '../channels/twilio-voice.js';
import type { Clock } from '../clock.js';
import type { SqlDatabase } from '../ledger/database.js';
import type { Candidate, Lang, ReminderRow, SqlReminderStore } from '../ledger/reminder-store.js';
import type { Logger } from '../log.js';

const JOB = 'reminders';
const REMINDER_LOCK = 7_102_015; // shared by every instance, distinct from the other jobs' locks
/** Between checks unless told (REMINDER_CHECK_SECONDS). */
const CHECK_EVERY_MS = 60_000;
/** How long a claimed reminder is left to its sender before another tick may try it again. */
const LEASE_MS = 10 * 60_000;
/** The business day before a date can be this far back (the year-end closure and a weekend). */
const LOOKAHEAD_DAYS = 14;

/** What came of one reminder this tick (the metrics' "reminders by outcome"). */
export type ReminderOutcome = 'sent' | 'retry' | 'failed' | 'skipped';

export interface ReminderReport {
  number: string;
  channel: Reservation['channel'];
  outcome: ReminderOutcome;
  reason?: ReminderReason;
}

export interface ReminderMailer {
  sendMail(to: string, mail: { subject: string; text: string }): Promise<void>;
}

export interface ReminderJobOptions {
  db: SqlDatabase;
  store: SqlReminderStore;
  /** The reservation as it is now (checked just before sending). */
  find: (number: string) => Promise<Reservation | undefined>;
  doors: Doors;
  /** E-mail for web bookings (SMTP_URL); without it web reminders fail as unavailable. */
  mailer?: ReminderMailer | undefined;
  clock: Clock;
  config: () => OfficeConfig;
  logger: Logger;
  /** Each reminder's outcome, for the metrics (`reminders by outcome`). */
  onOutcome?: ((outcome: ReminderOutcome, channel: Reservation['channel']) => void) | undefined;
  /** Between checks; default a minute. */
  intervalMs?: number;
}

export interface ReminderJob {
  /** One check, as the timer runs it (tests pass the instant): what came of each reminder it took. */
  tick(now?: Date): Promise<ReminderReport[]>;
  /** Stops the timer and waits for a check in progress. */
  stop(): Promise<void>;
}

/**
 * When the reservation got its window, on the service clock. The ledger stamps rows with the
 * database's clock (`now()`, real time); the service clock may be set ahead (FAKE_NOW starts
 * it at an instant and lets it run), so the stamp moves by the same difference.
 */
export function windowSetAt(r: Pick<Reservation, 'updatedAt'>, clock: Clock): Date {
  return new Date(new Date(r.updatedAt).getTime() + (clock().getTime() - Date.now()));
}

/** The reminder state the staff console shows for a reservation now. */
export function reminderView(r: Reservation, record: ReminderRow | undefined, config: OfficeConfig, clock: Clock): { status: string; reason?: string } {
  const state = reminderState(r, windowSetAt(r, clock), record, config, clock());
  return 'reason' in state ? { status: state.status, reason: state.reason } : { status: state.status };
}

type Failure = 'transient' | 'refused' | 'unavailable';

/** Whether trying again later may help: server trouble and lost connections may pass; a refusal will not. */
export function failureKind(err: unknown): Failure {
  if (err instanceof ChannelUnavailableError) return 'unavailable';
  const e = err as { status?: unknown; responseCode?: unknown };
  // LINE's HTTPFetchError and Twilio's RestException carry the HTTP status.
  if (typeof e.status === 'number') return e.status >= 500 || e.status === 429 || e.status === 408 ? 'transient' : 'refused';
  // An SMTP reply: 4xx is "try again later", 5xx is final.
  if (typeof e.responseCode === 'number') return e.responseCode >= 400 && e.responseCode < 500 ? 'transient' : 'refused';
  return 'transient';
}

/** A proactive turn that could not start (its conversation's lock was not had). */
class NotRun extends Error {
  override readonly name = 'NotRun';
}

export function startReminderJob(o: ReminderJobOptions): ReminderJob {
  let running: Promise<unknown> | undefined;
  let stopped = false;

  /** The message in the conversation it was booked in, through its door; a failure comes back here (not the citizen's apology). */
  const proactive = async (reference: Partial<ConversationReference>, r: Reservation, lang: Lang): Promise<void> => {
    let ran = false;
    let failure: unknown;
    await o.doors.continueConversation(reference, async (context) => {
      ran = true;
      try {
        setLang(context, lang);
        await send(context, m.reminder(r, r.channel, o.config().deskPhone));
      } catch (err) {
        failure = err;
      }
    });
    if (failure !== undefined) throw failure;
    if (!ran) throw new NotRun('the conversation could not be written to now');
  };

  const deliver = async (r: Reservation, record: ReminderRow | undefined): Promise<void> => {
    const lang = record?.lang ?? 'ja';
    if (r.channel === 'web') {
      if (!o.mailer || !r.email) throw new ChannelUnavailableError('no e-mail for this reservation');
      await o.mailer.sendMail(r.email, m.reminderMail(r, lang, o.config().deskPhone));
      return;
    }
    if (r.channel === 'line') {
      if (!record?.reference) throw new ChannelUnavailableError('no LINE conversation stored for this reservation');
      await proactive(record.reference, r, lang);
      return;
    }
    await proactive(phoneReference(record?.reference ?? null, r), r, 'ja');
  };

  const settle = async (c: Candidate & { attempts: number }, now: Date): Promise<ReminderReport> => {
    const claimed = c.reservation;
    const window = { date: claimed.date, start: claimed.start };
    const report = (outcome: ReminderOutcome, reason?: ReminderReason): ReminderReport => {
      o.onOutcome?.(outcome, claimed.channel);
      return { number: claimed.number, channel: claimed.channel, outcome, ...(reason ? { reason } : {}) };
    };
    // Cancelled or moved since it was claimed: never a reminder for a window it no longer holds.
    const current = await o.find(claimed.number);
    if (!current || current.status !== 'booked') {
      await o.store.settle(claimed.number, window, { status: 'off', reason: 'not-booked' });
      return report('skipped', 'not-booked');
    }
    if (current.date !== claimed.date || current.start !== claimed.start) {
      await o.store.settle(claimed.number, window, { status: 'pending', retryAt: now });
      return report('skipped');
    }
    try {
      await deliver(current, c.record);
    } catch (err) {
      const kind = err instanceof NotRun ? 'transient' : failureKind(err);
      const again = kind === 'transient' && c.attempts < MAX_ATTEMPTS;
      o.logger.warn({ err, job: JOB, number: claimed.number, channel: claimed.channel, attempts: c.attempts, kind }, again ? 'reminder not delivered; it will be tried again' : 'reminder not delivered; given up');
      if (again) {
        await o.store.settle(claimed.number, window, { status: 'pending', retryAt: retryAt(now, c.attempts) });
        return report('retry');
      }
      const reason: ReminderReason = kind === 'unavailable' ? 'unavailable' : kind === 'refused' ? 'undeliverable' : 'gave-up';
      await o.store.settle(claimed.number, window, { status: 'failed', reason });
      return report('failed', reason);
    }
    await o.store.settle(claimed.number, window, { status: 'sent', at: now });
    return report('sent');
  };

  const tick = async (now: Date = o.clock()): Promise<ReminderReport[]> => {
    const config = o.config();
    if (!config.reminders.enabled) return [];
    const today = tokyoDate(now);
    const claimed = await o.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [REMINDER_LOCK]);
      if (!rows[0]?.locked) return [];
      const taken: (Candidate & { attempts: number })[] = [];
      for (const c of await o.store.candidates(tx, today, addDays(today, LOOKAHEAD_DAYS))) {
        const state = reminderState(c.reservation, windowSetAt(c.reservation, o.clock), c.record, config, now);
        if (!isDue(state, now)) continue;
        const attempts = state.attempts + 1;
        const window = { date: c.reservation.date, start: c.reservation.start };
        if (await o.store.claim(tx, c.reservation.number, window, attempts, new Date(now.getTime() + LEASE_MS))) taken.push({ ...c, attempts });
      }
      return taken;
    });
    const reports: ReminderReport[] = [];
    for (const c of claimed) reports.push(await settle(c, now));
    const sent = reports.filter((r) => r.outcome === 'sent').length;
    if (reports.length) o.logger.info({ job: JOB, sent, other: reports.length - sent }, 'reminders sent');
    return reports;
  };

  // This instance's checks run one after another: a second one at the same time would only find
  // the try-lock taken by the first, and come back with nothing.
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = (now?: Date): Promise<ReminderReport[]> => {
    const run = queue.then(() => tick(now));
    queue = run.catch(() => undefined);
    return run;
  };

  const check = () => {
    if (stopped || running) return;
    running = inTurn()
      .catch((err: unknown) => o.logger.warn({ err, job: JOB }, 'reminder check failed; the next check tries again'))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(check, o.intervalMs ?? CHECK_EVERY_MS);
  timer.unref();
  return {
    tick: inTurn,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await queue;
    },
  };
}

/**
 * Where a phone booking's SMS goes: the phone door, to the reservation's own number (the one the
 * holder gave, which may not be the line they called from). A booking made in a call writes into
 * that call's conversation; one staff took at the desk has none, and gets its own.
 */
function phoneReference(stored: Partial<ConversationReference> | null, r: Reservation): Partial<ConversationReference> {
  const base: Partial<ConversationReference> =
    stored?.serviceUrl === TWILIO_SERVICE_URL
      ? stored
      : { channelId: CHANNEL_IDS.phone, serviceUrl: TWILIO_SERVICE_URL, conversation: { id: `reminder-${r.number}` } as ConversationReference['conversation'], bot: { id: 'desk', name: 'desk' } };
  return { ...base, user: { id: `+81${r.phone.slice(1)}`, name: 'caller', role: 'user' } };
}
