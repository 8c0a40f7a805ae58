// GET /api/availability?from=YYYY-MM-DD&to=YYYY-MM-DD&channel=web|line|phone (DESIGN.md):
// the windows this channel may book now, with capacity and room left.
import type { Request, Response } from 'restify';
import { CHANNELS, releasedThrough, type Channel } from '../../domain/booking-rules.js';
import { daysBetween, isCivilDate, tokyoDate, tokyoIso } from '../../domain/civil.js';
import type { ReservationDesk } from '../../domain/desk.js';
import type { Clock } from '../clock.js';
import { sendError } from './errors.js';

const MAX_DAYS = 93;

export function availabilityHandler(desk: ReservationDesk, clock: Clock) {
  return async (req: Request, res: Response): Promise<void> => {
    const now = clock();
    const q = (req.query ?? {}) as Record<string, unknown>;
    const channel = q.channel;
    if (typeof channel !== 'string' || !(CHANNELS as readonly string[]).includes(channel)) {
      return sendError(res, 400, 'bad-channel', `channel must be one of ${CHANNELS.join(', ')}`);
    }
    const from = q.from ?? tokyoDate(now);
    const to = q.to ?? releasedThrough(now, desk.config);
    for (const [name, value] of [['from', from], ['to', to]] as const) {
      if (typeof value !== 'string' || !isCivilDate(value)) {
        return sendError(res, 400, `bad-${name}`, `${name} must be a date YYYY-MM-DD`);
      }
    }
    const [f, t] = [from as string, to as string];
    if (t < f) return sendError(res, 400, 'bad-range', 'to must not be before from');
    if (daysBetween(f, t) >= MAX_DAYS) {
      return sendError(res, 400, 'bad-range', `ask for at most ${MAX_DAYS} days at a time`);
    }
    const windows = await desk.availability(f, t, channel as Channel, now);
    res.json({
      windows: windows.map((w) => ({
        start: tokyoIso(w.date, w.start),
        end: tokyoIso(w.date, w.end),
        capacity: w.capacity,
        remaining: w.remaining,
      })),
    });
  };
}
