// The reservation desk: the office rules applied to the ledger. Dialogs, the HTTP API and the
// staff console all book, change and cancel through here; `now` always comes in as an argument.
import { addDays, eachDate, tokyoInstant, tokyoParts, type CivilDate, type ClockTime } from './civil.js';
import {
  checkLoad,
  checkWindowRules,
  releasedThrough,
  type BookingRefusal,
  type Channel,
} from './booking-rules.js';
import { isOpenDay } from './calendar.js';
import type { OfficeConfig } from './office-config.js';
import type { BookingQuota, ClientId, Ledger, LookupGuard, WindowClaim, WindowRecord, WindowSetting } from './ports.js';
import {
  isActive,
  isBirthday,
  isEmail,
  mayManage,
  normalizePhone,
  type HolderDetails,
  type ManageDecision,
  type Reservation,
} from './reservation.js';
import { blockedByConfig, configuredCapacity, windowAt, windowStarts, type ReservationWindow } from './windows.js';

export interface AvailableWindow extends ReservationWindow {
  capacity: number;
  remaining: number;
}

export type InvalidHolder = { reason: 'invalid-holder'; field: 'birthday' | 'phone' | 'email' };

/** The abuse limits: too many bookings from one client today, too many look-ups, a locked number. */
export type ClientLimited = { reason: 'client-limit' };
export type LookupRefused = { ok: false; reason: 'locked' | 'too-many-attempts' };

export type BookOutcome =
  | { ok: true; reservation: Reservation; replayed: boolean }
  | ({ ok: false } & (BookingRefusal | InvalidHolder | ClientLimited | { reason: 'already-booked'; existing: Reservation }));

type Refused<T> = { ok: false } & T;
type ManageRefusal = Exclude<ManageDecision, { ok: true }>;
type NotFound = { ok: false; reason: 'not-found' };

export type ChangeOutcome =
  | { ok: true; reservation: Reservation; previous: { date: CivilDate; start: ClockTime } }
  | NotFound
  | LookupRefused
  | ManageRefusal
  | Refused<BookingRefusal>;

export type CancelOutcome = { ok: true; reservation: Reservation } | NotFound | LookupRefused | ManageRefusal;

export type IdentifyOutcome = { ok: true; reservation: Reservation } | NotFound | LookupRefused;

export type CheckInOutcome =
  | { ok: true; reservation: Reservation }
  | NotFound
  | { ok: false; reason: 'birthday-mismatch' | 'not-today' }
  | { ok: false; reason: 'not-active'; status: Reservation['status'] };

export interface ScheduledWindow extends ReservationWindow {
  capacity: number;
  booked: number;
  blocked: boolean;
  capacityOverride: number | null;
}

export interface DaySchedule {
  date: CivilDate;
  /** R2: false on closed days (weekends, holidays, the year end). */
  open: boolean;
  windows: ScheduledWindow[];
}

export type WindowChange = { ok: true; window: ScheduledWindow } | { ok: false; reason: 'no-such-window' } | { ok: false; reason: 'below-booked'; booked: number };

export interface BookingRequest {
  date: CivilDate;
  start: ClockTime;
  channel: Channel;
  holder: HolderDetails;
  now: Date;
  idempotencyKey?: string | undefined;
  /** Who books (a citizen through a door); counted against the per-client daily limit. Staff: none. */
  client?: ClientId | undefined;
}

/** The abuse limits the desk applies to citizens (absent in some tests and tools). */
export interface DeskGuards {
  lookups?: LookupGuard | undefined;
  quota?: BookingQuota | undefined;
}

const key = (date: CivilDate, start: ClockTime) => `${date} ${start}`;

export class ReservationDesk {
  constructor(
    private readonly ledger: Ledger,
    readonly config: OfficeConfig,
    private readonly guards: DeskGuards = {},
  ) {}

  /** R2–R8: the windows `channel` may book now in a date range, each with room left. */
  async availability(from: CivilDate, to: CivilDate, channel: Channel, now: Date): Promise<AvailableWindow[]> {
    const first = maxDate(from, tokyoParts(now).date, this.config.serviceStart.firstDate);
    const last = to < releasedThrough(now, this.config) ? to : releasedThrough(now, this.config);
    if (first > last) return [];
    const records = await this.records(first, last);
    const found: AvailableWindow[] = [];
    for (const date of eachDate(first, last)) {
      if (!isOpenDay(date, this.config)) continue;
      for (const start of windowStarts(this.config)) {
        if (!checkWindowRules(date, start, channel, now, this.config).ok) continue;
        const load = this.load(date, start, records.get(key(date, start)));
        if (load.blocked || load.remaining <= 0) continue;
        found.push({ ...windowAt(date, start, this.config), capacity: load.capacity, remaining: load.remaining });
      }
    }
    return found;
  }

  /** The free windows nearest to a wish (same day first by distance in time), at most `count`. */
  async nearestFree(date: CivilDate, start: ClockTime | undefined, channel: Channel, now: Date, count = 3) {
    const target = tokyoInstant(date, start ?? this.config.windows.first).getTime();
    const from = maxDate(addDays(date, -14), tokyoParts(now).date);
    const windows = await this.availability(from, addDays(date, 42), channel, now);
    const distance = (w: AvailableWindow) =>
      (w.date === date ? 0 : 1e13) + Math.abs(tokyoInstant(w.date, w.start).getTime() - target);
    return windows.sort((a, b) => distance(a) - distance(b)).slice(0, count);
  }

  /** Whether `channel` can book this window now, and if not, why. */
  async check(date: CivilDate, start: ClockTime, channel: Channel, now: Date) {
    const rules = checkWindowRules(date, start, channel, now, this.config);
    if (!rules.ok) return rules;
    const records = await this.records(date, date);
    return checkLoad(this.load(date, start, records.get(key(date, start))));
  }

  async book(req: BookingRequest): Promise<BookOutcome> {
    const holder = this.validHolder(req.holder, req.channel);
    if ('reason' in holder) return { ok: false, ...holder };
    const rules = checkWindowRules(req.date, req.start, req.channel, req.now, this.config);
    if (!rules.ok) return rules;
    const claim = this.claim(req.date, req.start);
    if (blockedByConfig(req.date, req.start, this.config)) return { ok: false, reason: 'blocked' };
    const today = tokyoParts(req.now).date;
    const { quota } = this.guards;
    const counted = quota && req.client !== undefined ? { quota, client: req.client } : undefined;
    if (counted && !(await counted.quota.take(counted.client, today))) return { ok: false, reason: 'client-limit' };
    let result: Awaited<ReturnType<Ledger['book']>> | undefined;
    try {
      result = await this.ledger.book({ window: claim, channel: req.channel, holder, today, idempotencyKey: req.idempotencyKey });
      return result;
    } finally {
      // Only a new booking uses the allowance: not a full window, not a replayed commit, not a failure.
      if (counted && !(result?.ok && !result.replayed)) await counted.quota.giveBack(counted.client, today);
    }
  }

  /** How many more bookings this client may make today (Infinity without a limit). */
  async bookingsLeft(client: ClientId, now: Date): Promise<number> {
    return this.guards.quota ? this.guards.quota.left(client, tokyoParts(now).date) : Infinity;
  }

  /** R10/R22: a reservation is found by its number together with the holder's birthday. */
  async lookUp(number: string, birthday: string): Promise<Reservation | undefined> {
    const found = await this.ledger.find(number);
    return found && found.birthday === birthday ? found : undefined;
  }

  /**
   * A citizen's look-up (R10): counted per client, refused for a number locked by wrong
   * birthdays, and each wrong birthday counted for the number, whether or not it exists — the
   * answer never says which.
   */
  async identify(number: string, birthday: string, client: ClientId, now: Date): Promise<IdentifyOutcome> {
    const { lookups } = this.guards;
    if (lookups && !(await lookups.attempt(client, now))) return { ok: false, reason: 'too-many-attempts' };
    return this.verify(number, birthday, client, now);
  }

  /** Whether the bot may not look this number up now (asked before the birthday is). */
  async lookupLocked(number: string, now: Date): Promise<boolean> {
    return this.guards.lookups ? this.guards.lookups.locked(number, now) : false;
  }

  private async verify(number: string, birthday: string, client: ClientId | undefined, now: Date): Promise<IdentifyOutcome> {
    const { lookups } = this.guards;
    if (lookups && client !== undefined && (await lookups.locked(number, now))) return { ok: false, reason: 'locked' };
    const found = await this.lookUp(number, birthday);
    if (found) return { ok: true, reservation: found };
    if (lookups && client !== undefined && (await lookups.miss(number, client, now)).locked) return { ok: false, reason: 'locked' };
    return { ok: false, reason: 'not-found' };
  }

  /** R12: a LINE user's own bookings still to come. */
  async bookingsOfLineUser(lineUserId: string, now: Date): Promise<Reservation[]> {
    const today = tokyoParts(now).date;
    return (await this.ledger.findByLineUser(lineUserId, today)).filter((r) => isActive(r, today));
  }

  async change(
    number: string,
    birthday: string,
    to: { date: CivilDate; start: ClockTime },
    channel: Channel,
    now: Date,
    client?: ClientId,
  ): Promise<ChangeOutcome> {
    const found = await this.verify(number, birthday, client, now);
    if (!found.ok) return found;
    const may = mayManage(found.reservation, channel, now, this.config.deskPhone);
    if (!may.ok) return may;
    return this.move(number, to, channel, now);
  }

  /**
   * Staff on the reservation line move any booked reservation whose window has not started,
   * whatever channel booked it (they are the office; R12 binds citizens), under the phone's rules.
   */
  async staffChange(number: string, to: { date: CivilDate; start: ClockTime }, now: Date): Promise<ChangeOutcome> {
    const current = await this.ledger.find(number);
    if (!current) return { ok: false, reason: 'not-found' };
    const may = mayManage({ ...current, channel: 'phone' }, 'phone', now, this.config.deskPhone);
    if (!may.ok) return may;
    return this.move(number, to, 'phone', now);
  }

  /** The window rules for `channel`, then the ledger's atomic move. */
  private async move(number: string, to: { date: CivilDate; start: ClockTime }, channel: Channel, now: Date): Promise<ChangeOutcome> {
    const rules = checkWindowRules(to.date, to.start, channel, now, this.config);
    if (!rules.ok) return rules;
    if (blockedByConfig(to.date, to.start, this.config)) return { ok: false, reason: 'blocked' };
    const result = await this.ledger.change(number, this.claim(to.date, to.start));
    if (result.ok) return result;
    if (result.reason === 'not-found') return { ok: false, reason: 'not-found' };
    if (result.reason === 'not-active') {
      // Cancelled or used by someone else between our look-up and the change.
      const latest = await this.ledger.find(number);
      return { ok: false, reason: 'not-active', status: latest?.status ?? 'cancelled' };
    }
    return { ok: false, reason: result.reason };
  }

  async cancel(number: string, birthday: string, channel: Channel, now: Date, client?: ClientId): Promise<CancelOutcome> {
    const found = await this.verify(number, birthday, client, now);
    if (!found.ok) return found;
    const may = mayManage(found.reservation, channel, now, this.config.deskPhone);
    if (!may.ok) return may;
    const cancelled = await this.ledger.setStatus(number, 'cancelled');
    return cancelled ? { ok: true, reservation: cancelled } : { ok: false, reason: 'not-found' };
  }

  /** R22: at the counter staff confirm the birthday and the reserved day. */
  async checkIn(number: string, birthday: string, now: Date): Promise<CheckInOutcome> {
    const r = await this.ledger.find(number);
    if (!r) return { ok: false, reason: 'not-found' };
    if (r.birthday !== birthday) return { ok: false, reason: 'birthday-mismatch' };
    if (r.status !== 'booked') return { ok: false, reason: 'not-active', status: r.status };
    if (r.date !== tokyoParts(now).date) return { ok: false, reason: 'not-today' };
    const updated = await this.ledger.setStatus(number, 'checked-in');
    return updated ? { ok: true, reservation: updated } : { ok: false, reason: 'not-found' };
  }

  /** R23: a reservation not used on its day is lost. */
  async markNoShow(number: string): Promise<Reservation | undefined> {
    const r = await this.ledger.find(number);
    if (!r || r.status !== 'booked') return undefined;
    return this.ledger.setStatus(number, 'no-show');
  }

  /** Staff cancel any booked reservation (at the counter or on the phone), whatever its channel. */
  async staffCancel(number: string): Promise<Reservation | undefined> {
    const r = await this.ledger.find(number);
    if (!r || r.status !== 'booked') return undefined;
    return this.ledger.setStatus(number, 'cancelled');
  }

  find(number: string): Promise<Reservation | undefined> {
    return this.ledger.find(number);
  }

  listByDate(date: CivilDate): Promise<Reservation[]> {
    return this.ledger.listByDate(date);
  }

  /** Staff's view of a day: every window with its capacity, bookings and whether it is stopped. */
  async daySchedule(date: CivilDate): Promise<DaySchedule> {
    const records = await this.records(date, date);
    const windows = windowStarts(this.config).map((start) => {
      const record = records.get(key(date, start));
      const load = this.load(date, start, record);
      return { ...windowAt(date, start, this.config), capacity: load.capacity, booked: record?.booked ?? 0, blocked: load.blocked, capacityOverride: record?.capacityOverride ?? null };
    });
    return { date, open: isOpenDay(date, this.config), windows };
  }

  /**
   * R4: staff stop or reopen a window, or change its capacity (null = the configured one).
   * A capacity below what is already booked is refused: nobody loses a reservation this way.
   */
  async setWindow(date: CivilDate, start: ClockTime, setting: WindowSetting): Promise<WindowChange> {
    if (!windowStarts(this.config).includes(start)) return { ok: false, reason: 'no-such-window' };
    if (setting.capacityOverride != null) {
      const record = (await this.records(date, date)).get(key(date, start));
      if (setting.capacityOverride < (record?.booked ?? 0)) return { ok: false, reason: 'below-booked', booked: record?.booked ?? 0 };
    }
    await this.ledger.setWindow(date, start, setting);
    const window = (await this.daySchedule(date)).windows.find((w) => w.start === start)!;
    return { ok: true, window };
  }

  private claim(date: CivilDate, start: ClockTime): WindowClaim {
    return { ...windowAt(date, start, this.config), configuredCapacity: configuredCapacity(date, start, this.config) };
  }

  private async records(from: CivilDate, to: CivilDate): Promise<Map<string, WindowRecord>> {
    const rows = await this.ledger.windows(from, to);
    return new Map(rows.map((r) => [key(r.date, r.start), r]));
  }

  private load(date: CivilDate, start: ClockTime, record: WindowRecord | undefined) {
    const capacity = record?.capacityOverride ?? configuredCapacity(date, start, this.config);
    const booked = record?.booked ?? 0;
    const blocked = (record?.blocked ?? false) || blockedByConfig(date, start, this.config);
    return { capacity, remaining: Math.max(0, capacity - booked), blocked };
  }

  /** R10: birthday and phone always; e-mail on the web chat; nothing else is kept. */
  private validHolder(h: HolderDetails, channel: Channel): HolderDetails | InvalidHolder {
    if (!isBirthday(h.birthday)) return { reason: 'invalid-holder', field: 'birthday' };
    const phone = normalizePhone(h.phone);
    if (!phone) return { reason: 'invalid-holder', field: 'phone' };
    const email = h.email?.trim() || undefined;
    if (email !== undefined ? !isEmail(email) : channel === 'web') return { reason: 'invalid-holder', field: 'email' };
    return { birthday: h.birthday, phone, email, lineUserId: channel === 'line' ? h.lineUserId : undefined };
  }
}

function maxDate(...dates: CivilDate[]): CivilDate {
  return dates.reduce((a, b) => (a > b ? a : b));
}
