// GET /metrics: what the service does and how it is, in Prometheus' text format (prom-client).
// Every label is one of a few fixed values (a route's pattern, a channel, an outcome): never a
// path with an id, a number, a phone or an address. With METRICS_TOKEN set a scraper sends it
// as a bearer token; unset, only a request made on this machine is answered (the socket's
// address, and not one a proxy passed on: behind nginx on the same host everything arrives
// from 127.0.0.1). README "Operations" says how to read them and what to alert on.
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import client, { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Request, Response } from 'restify';
import { sendError } from './http/errors.js';
import type { SqlClient } from './ledger/database.js';
import { withTimeout } from './timeout.js';

export type MetricChannel = 'web' | 'line' | 'phone' | 'other';
const CHANNELS: MetricChannel[] = ['web', 'line', 'phone'];

/** A channel as a label: one of four values whatever is passed. */
export const channelLabel = (channel: string | undefined): MetricChannel => (CHANNELS as string[]).includes(channel ?? '') ? (channel as MetricChannel) : 'other';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** What happened to a reservation (the ledger's commits; replays of the same booking are not counted). */
export type ReservationEvent = 'booked' | 'changed' | 'cancelled' | 'checked-in' | 'no-show';

/** A health check that fails by throwing (the readiness checks). */
export interface DependencyCheck {
  name: string;
  check: () => Promise<void>;
}

export interface HandoffCount {
  state: 'open' | 'claimed';
  channel: string;
  count: number;
  /** When the oldest of them was opened. */
  oldest: Date;
}

const CHECK_TIMEOUT_MS = 2_000;

let processRegistry: Registry | undefined;

/** Process metrics (CPU, memory, heap, GC, event-loop lag, handles) once per process. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    client.collectDefaultMetrics({ register: processRegistry, eventLoopMonitoringPrecision: 10 });
  }
  return processRegistry;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly registers = [this.registry];
  private dependencies: DependencyCheck[] = [];
  private handoffSource: (() => Promise<HandoffCount[]>) | undefined;
  private now: () => Date = () => new Date();

  readonly requests = new Counter({
    name: 'ecert_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern (not the path) and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: this.registers,
  });

  readonly turns = new Histogram({
    name: 'ecert_turn_duration_seconds',
    help: "A citizen's turn through the pipeline (turn lock, transcript, handoff check, the bot), by channel and outcome (failed = the citizen heard an apology).",
    labelNames: ['channel', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: this.registers,
  });

  readonly reservations = new Counter({
    name: 'ecert_reservations_total',
    help: 'Reservations committed by the ledger on this instance: booked, changed, cancelled, checked-in, no-show; by the channel the reservation was booked on.',
    labelNames: ['channel', 'event'] as const,
    registers: this.registers,
  });

  readonly reminders = new Counter({
    name: 'ecert_reminders_total',
    help: 'Reminders before a visit, by channel and outcome (sent, retry, failed, skipped).',
    labelNames: ['channel', 'outcome'] as const,
    registers: this.registers,
  });

  readonly rateLimited = new Counter({
    name: 'ecert_rate_limited_total',
    help: 'Requests refused with 429 by a rate limit: ip (RATE_LIMIT_PER_IP_PER_MINUTE), conversation (RATE_LIMIT_PER_CONVERSATION_PER_MINUTE), webchat-token (WEBCHAT_TOKENS_PER_IP_PER_MINUTE).',
    labelNames: ['limit'] as const,
    registers: this.registers,
  });

  readonly wrongBirthdays = new Counter({
    name: 'ecert_lookup_wrong_birthdays_total',
    help: 'Look-ups of a reservation number with a wrong birthday, by channel.',
    labelNames: ['channel'] as const,
    registers: this.registers,
  });

  readonly lookupLocks = new Counter({
    name: 'ecert_lookup_locks_total',
    help: 'Reservation numbers locked after LOOKUP_MAX_WRONG_BIRTHDAYS wrong birthdays, by channel (each also raises a staff alert).',
    labelNames: ['channel'] as const,
    registers: this.registers,
  });

  readonly lookupLimitRefusals = new Counter({
    name: 'ecert_lookup_limit_refusals_total',
    help: 'Look-ups refused because the client reached LOOKUP_LIMIT_PER_CLIENT_PER_HOUR, by channel.',
    labelNames: ['channel'] as const,
    registers: this.registers,
  });

  readonly bookingLimitRefusals = new Counter({
    name: 'ecert_booking_limit_refusals_total',
    help: 'Bookings refused because the client reached BOOKING_LIMIT_PER_CLIENT_PER_DAY, by channel.',
    labelNames: ['channel'] as const,
    registers: this.registers,
  });

  readonly dependencyUp = new Gauge({
    name: 'ecert_dependency_up',
    help: "1 when the readiness check answers (ledger = PostgreSQL or PGlite, state = Redis, understanding = the Japanese dictionary), else 0; checked at each scrape.",
    labelNames: ['dependency'] as const,
    registers: this.registers,
    collect: async () => this.checkDependencies(),
  });

  readonly dependencySeconds = new Gauge({
    name: 'ecert_dependency_check_seconds',
    help: 'How long the readiness check took at this scrape.',
    labelNames: ['dependency'] as const,
    registers: this.registers,
  });

  readonly handoffs = new Gauge({
    name: 'ecert_handoffs',
    help: 'Conversations handed to staff and not yet resolved, by state (open = no one has taken it) and channel; the same on every instance (read from the database).',
    labelNames: ['state', 'channel'] as const,
    registers: this.registers,
    collect: async () => this.countHandoffs(),
  });

  readonly handoffOldestSeconds = new Gauge({
    name: 'ecert_handoff_oldest_seconds',
    help: 'Age of the oldest unresolved handoff in each state (0 when there is none).',
    labelNames: ['state'] as const,
    registers: this.registers,
  });

  constructor() {
    // Every series an alert may watch exists from the start, at 0.
    for (const channel of CHANNELS) {
      for (const event of ['booked', 'changed', 'cancelled'] as const) this.reservations.inc({ channel, event }, 0);
      this.wrongBirthdays.inc({ channel }, 0);
      this.lookupLocks.inc({ channel }, 0);
      this.lookupLimitRefusals.inc({ channel }, 0);
      this.bookingLimitRefusals.inc({ channel }, 0);
      for (const outcome of ['sent', 'failed'] as const) this.reminders.inc({ channel, outcome }, 0);
    }
    for (const limit of ['ip', 'conversation', 'webchat-token'] as const) this.rateLimited.inc({ limit }, 0);
  }

  /** The readiness checks, run at each scrape for the dependency gauges. */
  watchDependencies(checks: DependencyCheck[]): void {
    this.dependencies = checks;
  }

  /** Where the handoff gauges come from (the database), and the clock their ages are taken by. */
  watchHandoffs(source: () => Promise<HandoffCount[]>, now: () => Date): void {
    this.handoffSource = source;
    this.now = now;
  }

  /** One answered request; `route` is restify's route pattern, undefined when none matched. */
  request(method: string, route: string | undefined, status: number): void {
    this.requests.inc({ method: METHODS.has(method) ? method : 'other', route: route ?? '(none)', status: String(status) });
  }

  turn(channel: string, ms: number, ok: boolean): void {
    this.turns.observe({ channel: channelLabel(channel), outcome: ok ? 'ok' : 'failed' }, ms / 1000);
  }

  reservation(channel: string, event: ReservationEvent): void {
    this.reservations.inc({ channel: channelLabel(channel), event });
  }

  /** The look-up guard's events (adapters/security/lookup-guard.ts). */
  lookup(event: 'wrong-birthday' | 'locked' | 'client-limit', channel: string): void {
    const counter = event === 'wrong-birthday' ? this.wrongBirthdays : event === 'locked' ? this.lookupLocks : this.lookupLimitRefusals;
    counter.inc({ channel: channelLabel(channel) });
  }

  /** The text a scraper reads: this app's metrics and the process's. */
  async text(): Promise<{ contentType: string; body: string }> {
    const merged = Registry.merge([this.registry, processMetrics()]);
    return { contentType: merged.contentType, body: await merged.metrics() };
  }

  private async checkDependencies(): Promise<void> {
    this.dependencyUp.reset();
    this.dependencySeconds.reset();
    await Promise.all(
      this.dependencies.map(async ({ name, check }) => {
        const started = performance.now();
        const up = await withTimeout(check(), CHECK_TIMEOUT_MS).then(
          () => 1,
          () => 0,
        );
        this.dependencyUp.set({ dependency: name }, up);
        this.dependencySeconds.set({ dependency: name }, (performance.now() - started) / 1000);
      }),
    );
  }

  private async countHandoffs(): Promise<void> {
    if (!this.handoffSource) return;
    let counts: HandoffCount[];
    try {
      counts = await withTimeout(this.handoffSource(), CHECK_TIMEOUT_MS);
    } catch {
      // The database is away: no figure rather than a wrong one (ecert_dependency_up says why).
      this.handoffs.reset();
      this.handoffOldestSeconds.reset();
      return;
    }
    const now = this.now().getTime();
    for (const state of ['open', 'claimed'] as const) {
      for (const channel of CHANNELS) this.handoffs.set({ state, channel }, 0);
      this.handoffOldestSeconds.set({ state }, 0);
    }
    const oldest: Record<string, number> = {};
    for (const c of counts) {
      this.handoffs.inc({ state: c.state, channel: channelLabel(c.channel) }, c.count);
      oldest[c.state] = Math.min(oldest[c.state] ?? Infinity, c.oldest.getTime());
    }
    for (const [state, t] of Object.entries(oldest)) this.handoffOldestSeconds.set({ state }, Math.max(0, (now - t) / 1000));
  }
}

/** The unresolved handoffs by state and channel, from the database every instance shares. */
export async function handoffCounts(db: SqlClient): Promise<HandoffCount[]> {
  const { rows } = await db.query<{ status: 'open' | 'claimed'; channel: string; n: number | string; oldest: Date | string }>(
    "SELECT status, channel, count(*) AS n, min(created_at) AS oldest FROM handoffs WHERE status <> 'resolved' GROUP BY status, channel",
  );
  return rows.map((r) => ({ state: r.status, channel: r.channel, count: Number(r.n), oldest: new Date(r.oldest) }));
}

// ── who may read them ─────────────────────────────────────────────────────────────────

const FORWARDED = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.replace(/^::ffff:/i, '');
  return (isIP(a) === 4 && a.startsWith('127.')) || a === '::1';
}

/** Compared as SHA-256 digests: the same length whatever was sent, in constant time. */
function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** GET /metrics, behind METRICS_TOKEN (bearer) or, without one, loopback only. */
export function metricsHandler(metrics: Metrics, token: string | undefined) {
  return async (req: Request, res: Response): Promise<void> => {
    if (token) {
      const header = req.headers.authorization ?? '';
      const given = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
      if (!given || !sameToken(given, token)) {
        res.setHeader('www-authenticate', 'Bearer realm="metrics"');
        sendError(res, 401, 'unauthorized', 'send the metrics token: Authorization: Bearer <METRICS_TOKEN>');
        return;
      }
    } else if (!isLoopback(req.socket?.remoteAddress) || FORWARDED.some((h) => req.headers[h] !== undefined)) {
      sendError(res, 403, 'forbidden', 'metrics are answered on this machine only; set METRICS_TOKEN to scrape them from elsewhere');
      return;
    }
    const { contentType, body } = await metrics.text();
    res.setHeader('content-type', contentType);
    res.sendRaw(200, body);
  };
}
