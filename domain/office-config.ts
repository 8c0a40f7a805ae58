// The office configuration (R2–R7, R25): one validated file with defaults. Every value the
// city's page leaves open ("default" in RULES.md) lives here, not in code.
import { z } from 'zod';
import { isCivilDate, isClockTime, minutesOf } from './civil.js';
import { normalizePhone } from './reservation.js';

const date = z.string().refine(isCivilDate, { message: 'must be a date YYYY-MM-DD' });
const time = z.string().refine(isClockTime, { message: 'must be a time HH:MM' });
/**
 * A Japanese number as people write it (072-724-6920) or in E.164 (+81727246920); kept as
 * written (the desk phone is read out in its groups) and dialled as E.164 (`dialable`).
 */
const phone = z.string().refine((s) => /^(?:0[0-9-]+|\+81[0-9-]+)$/.test(s) && normalizePhone(s) !== undefined, {
  message: 'must be a Japanese phone number, national (072-724-6920) or E.164 (+81727246920)',
});

const capacityOverride = z.strictObject({
  date,
  /** One window; absent = every window of the date. */
  start: time.optional(),
  capacity: z.number().int().min(0).max(100),
});

const block = z.strictObject({ date, start: time.optional(), reason: z.string().optional() });

export const officeConfigSchema = z
  .strictObject({
    /** R4: reservations per window. */
    capacity: z
      .strictObject({
        default: z.number().int().min(0).max(100).default(3),
        overrides: z.array(capacityOverride).default([]),
      })
      .prefault({}),
    /** R3: 30-minute windows (ご予約時間帯); `last` is the start of the last window. */
    windows: z
      .strictObject({
        first: time.default('09:00'),
        last: time.default('16:30'),
        minutes: z.number().int().min(5).max(120).default(30),
      })
      .prefault({}),
    /** R6: at `time` on `weekday` (5 = Friday) dates up to `horizonDays` after that day open. */
    release: z
      .strictObject({
        weekday: z.number().int().min(0).max(6).default(5),
        time: time.default('09:00'),
        horizonDays: z.number().int().min(1).max(366).default(28),
        /** A release moved by a holiday or maintenance: the one due on `insteadOf` happens at `on` `time`. */
        moves: z.array(z.strictObject({ insteadOf: date, on: date, time: time.optional() })).default([]),
      })
      .prefault({}),
    /** R7: web and LINE book up to this many business days before the date. */
    leadBusinessDays: z.number().int().min(0).max(30).default(2),
    /** R5: bookings taken from `bookingOpens`, for dates from `firstDate`. */
    serviceStart: z
      .strictObject({ bookingOpens: date.default('2026-02-02'), firstDate: date.default('2026-02-24') })
      .prefault({}),
    /** R2: Saturdays open: the nth Saturdays of every month, and every Saturday in these months. */
    saturdays: z
      .strictObject({
        nth: z.array(z.number().int().min(1).max(5)).default([2, 4]),
        everyInMonths: z.array(z.number().int().min(1).max(12)).default([3, 4]),
      })
      .prefault({}),
    /** R2: ad-hoc closures (maintenance, elections). */
    closures: z.array(z.strictObject({ date, reason: z.string().optional() })).default([]),
    /** R4: windows blocked in advance (staff block windows in the console too). */
    blocks: z.array(block).default([]),
    /** R25: the reservation phone line staffed by people. */
    deskPhone: phone.default('072-724-6920'),
    staffedHours: z
      .strictObject({ start: time.default('09:00'), end: time.default('17:00') })
      .prefault({}),
    /** Where a phone handoff is transferred (national or E.164, dialled as E.164); empty = callback requests only. */
    staffTransferNumber: z.union([phone, z.literal('')]).default(''),
    /**
     * Reminders (issue 15): each booking is reminded once, on its own channel, at `time` (Japan)
     * on the business day before the visit (R7); a booking made after that moment is not.
     */
    reminders: z
      .strictObject({ enabled: z.boolean().default(true), time: time.default('17:00') })
      .prefault({}),
  })
  .superRefine((c, ctx) => {
    // zod runs this even when a field above failed: compare only well-formed values.
    const { first, last, minutes } = c.windows;
    const times = [first, last, c.staffedHours.start, c.staffedHours.end];
    if (!times.every((t) => typeof t === 'string' && isClockTime(t))) return;
    if (minutesOf(last) < minutesOf(first)) {
      ctx.addIssue({ code: 'custom', path: ['windows', 'last'], message: 'must not be before windows.first' });
    }
    if ((minutesOf(last) - minutesOf(first)) % minutes !== 0) {
      ctx.addIssue({ code: 'custom', path: ['windows', 'last'], message: 'must be a whole number of windows after windows.first' });
    }
    if (minutesOf(c.staffedHours.end) <= minutesOf(c.staffedHours.start)) {
      ctx.addIssue({ code: 'custom', path: ['staffedHours', 'end'], message: 'must be after staffedHours.start' });
    }
    if (c.serviceStart.firstDate < c.serviceStart.bookingOpens) {
      ctx.addIssue({ code: 'custom', path: ['serviceStart', 'firstDate'], message: 'must not be before serviceStart.bookingOpens' });
    }
  });

export type OfficeConfig = z.infer<typeof officeConfigSchema>;

export type ConfigResult = { ok: true; config: OfficeConfig } | { ok: false; errors: string[] };

/** Validates a parsed configuration; each error names the bad field (`capacity.default: …`). */
export function parseOfficeConfig(input: unknown): ConfigResult {
  const result = officeConfigSchema.safeParse(input ?? {});
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(file)'}: ${i.message}`),
  };
}

/** A phone number of the configuration as Twilio dials it: 072-724-6920 → +81727246920. */
export function dialable(phone: string): string | undefined {
  const national = normalizePhone(phone);
  return national ? `+81${national.slice(1)}` : undefined;
}

/** The configuration with every default: what the office runs on when no file says otherwise. */
export function defaultOfficeConfig(): OfficeConfig {
  return officeConfigSchema.parse({});
}
