// Finds the window a citizen wants: date and time together or in parts, a period or a range,
// snapped to its 30-minute window (R3); when the wish cannot be booked from this channel it
// says why (full, closed, too soon → phone, not yet released) and offers the nearest free
// windows (R8). Ends with the chosen window, or `{ gaveUp: true }` after repeated failures.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder-core';
import { addDays, tokyoParts, weekday, type CivilDate, type ClockTime } from '../domain/civil.js';
import type { AvailableWindow } from '../domain/desk.js';
import { windowAt, windowContaining } from '../domain/windows.js';
import * as m from '../bot/messages/booking.ja.js';
import { join, type Say } from '../bot/messages/say.js';
import type { AnswerReading, AskKind } from '../bot/understanding/answers.js';
import { WEEKDAY_NAMES } from '../bot/understanding/answers/types.js';
import { AskPrompt, askIn } from './prompts/ask-prompt.js';
import type { Answer } from './prompts/understanding-prompt.js';
import { channelOf, isVoice, type BotServices } from './turn.js';

export interface Wish {
  date: CivilDate | null;
  time: ClockTime | null;
  timeRange: [ClockTime, ClockTime] | null;
  /** 「一番早い日」: the nearest free window. */
  earliest?: boolean;
  /** 「土曜日に行きたい」 (0 = Sunday): the nearest such days. */
  weekday?: number;
  /** 「1月中」 (YYYY-MM): free windows in that month. */
  month?: string;
}

export type ChooseWindowResult = { window: AvailableWindow } | { gaveUp: true };

type Step = { window: AvailableWindow } | { ask: Say; kind: AskKind; offers: AvailableWindow[]; nearest?: CivilDate };

/** The readings that say something about the window wanted. */
function aboutWindow(r: AnswerReading): AnswerReading | undefined {
  return 'choice' in r || 'none' in r || 'date' in r || 'time' in r || 'range' in r || 'earliest' in r || 'weekday' in r || 'month' in r ? r : undefined;
}

const offeredAt = (w: AvailableWindow) => `${w.date}T${w.start}`;

const PROMPT = 'chooseWindowPrompt';
const STEPS = 'chooseWindowSteps';
const EMPTY: Wish = { date: null, time: null, timeRange: null };

export class ChooseWindowDialog extends ComponentDialog {
  static readonly id = 'chooseWindow';

  constructor(private readonly services: BotServices) {
    super(ChooseWindowDialog.id);
    // An answer is either one of the windows offered or a new wish (「じゃあ12月4日は?」「一番早い日」).
    this.addDialog(new AskPrompt<AnswerReading>(PROMPT, services, aboutWindow));
    this.addDialog(new WaterfallDialog(STEPS, [this.offerStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Evaluates the wish; asks for what is missing or offers what can be booked. */
  private async offerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const wish = { ...EMPTY, ...((step.options as { wish?: Wish }).wish ?? {}) };
    const next = await this.evaluate(step.context, wish);
    if ('window' in next) return step.endDialog({ window: next.window } satisfies ChooseWindowResult);
    (step.values as { wish?: Wish; offers?: AvailableWindow[] }).wish = wish;
    (step.values as { offers?: AvailableWindow[] }).offers = next.offers;
    // On the phone a day is keyed as MMDD, or 1 for the nearest free one.
    const keyed = next.kind === 'date' && isVoice(step.context) ? { keysFormat: 'MMDD' as const, keys: { '1': next.nearest ?? 'earliest' } } : {};
    const context = { ...(next.offers.length ? { offered: next.offers.map(offeredAt) } : {}), ...(wish.date ? { date: wish.date } : {}), ...keyed };
    return askIn(step, PROMPT, next.kind, next.ask, Object.keys(context).length ? context : undefined);
  }

  /** Takes the chosen window, or starts over with what was said merged into the wish. */
  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<AnswerReading>;
    if (!answer.ok) return step.endDialog({ gaveUp: true } satisfies ChooseWindowResult);
    const { wish: before, offers } = step.values as { wish: Wish; offers: AvailableWindow[] };
    const r = answer.value;
    if ('choice' in r && offers[r.choice]) return step.endDialog({ window: offers[r.choice]! } satisfies ChooseWindowResult);
    return step.replaceDialog(ChooseWindowDialog.id, { wish: merged(before, r) });
  }

  private async evaluate(context: TurnContext, wish: Wish): Promise<Step> {
    const { desk, clock } = this.services;
    const now = clock();
    const channel = channelOf(context);
    const voice = isVoice(context);
    const config = desk.config;
    const today = tokyoParts(now).date;

    // 「一番早い日」「土曜日に」「1月中」: the nearest free windows that fit, to choose from.
    if (!wish.date && (wish.earliest || wish.weekday !== undefined || wish.month)) {
      const from = wish.month && `${wish.month}-01` > today ? `${wish.month}-01` : today;
      const fits = (await desk.availability(from, addDays(from, 42), channel, now)).filter(
        (w) => (wish.weekday === undefined || weekday(w.date) === wish.weekday) && (!wish.month || w.date.startsWith(wish.month)) && inPeriod(w, wish),
      );
      if (fits.length > 0) {
        const shown = spread(fits, voice ? 3 : 5);
        return { ask: m.offers(shown, voice), kind: 'window-choice', offers: shown };
      }
      return { ask: join(m.noneInPeriod(from), m.askDate([], voice)), kind: 'date', offers: [] };
    }
    if (!wish.date) {
      const soon = await desk.availability(today, addDays(today, 35), channel, now);
      const days = [...new Set(soon.map((w) => w.date))].slice(0, 5);
      return { ask: m.askDate(days, voice), kind: 'date', offers: [], ...(days[0] ? { nearest: days[0] } : {}) };
    }
    const date = wish.date;
    const dayWindows = await desk.availability(date, date, channel, now);

    if (wish.time) {
      const start = windowContaining(wish.time, config);
      const asked = windowAt(date, start ?? config.windows.first, config);
      if (!start) return this.refuse(context, m.refusal({ reason: 'no-such-window' }, asked), date, wish.time);
      const free = dayWindows.find((w) => w.start === start);
      if (free) return { window: free };
      const decision = await desk.check(date, start, channel, now);
      const why = decision.ok ? m.refusal({ reason: 'full' }, asked) : m.refusal(decision, asked);
      return this.refuse(context, why, date, start);
    }

    const inRange = wish.timeRange ? dayWindows.filter((w) => w.start >= wish.timeRange![0] && w.start < wish.timeRange![1]) : dayWindows;
    if (inRange.length > 0) return { ask: m.askTime(date, inRange, voice), kind: 'window-choice', offers: inRange.slice(0, voice ? 3 : 8) };
    if (dayWindows.length > 0) {
      return { ask: join(m.noneInPeriod(date), m.askTime(date, dayWindows, voice)), kind: 'window-choice', offers: dayWindows.slice(0, voice ? 3 : 8) };
    }
    // Nothing that day: say why (closed, too soon, not released, or simply full).
    const decision = await desk.check(date, config.windows.first, channel, now);
    const why = decision.ok || decision.reason === 'full' || decision.reason === 'started' ? m.dayFull(date) : m.refusal(decision, windowAt(date, config.windows.first, config));
    return this.refuse(context, why, date, wish.timeRange?.[0]);
  }

  private async refuse(context: TurnContext, why: Say, date: CivilDate, start: ClockTime | undefined): Promise<Step> {
    const { desk, clock } = this.services;
    const offers = await desk.nearestFree(date, start, channelOf(context), clock(), 3);
    return { ask: join(why, m.offers(offers, isVoice(context))), kind: 'window-choice', offers };
  }
}

/** A time alone keeps the day; a new day keeps the time only if none was said; a new kind of wish replaces the old. */
export function merged(before: Wish, r: AnswerReading): Wish {
  if ('earliest' in r) return { ...EMPTY, earliest: true, time: before.time, timeRange: before.timeRange };
  if ('weekday' in r) return { ...EMPTY, weekday: WEEKDAY_NAMES.indexOf(r.weekday), time: before.time, timeRange: before.timeRange };
  if ('month' in r) return { ...EMPTY, month: r.month };
  const date = 'date' in r && r.date ? r.date : before.date;
  const time = 'time' in r && r.time ? r.time : null;
  const range = 'range' in r && r.range ? r.range : null;
  const saidTime = time || range;
  const keepDay = { weekday: before.weekday, earliest: before.earliest, month: before.month };
  if ('date' in r && r.date) return { date, time: time ?? (saidTime ? null : before.time), timeRange: range ?? (saidTime ? null : before.timeRange) };
  // 「どれも都合が悪い」: another day is asked for, unless a time on this day was said with it.
  if ('none' in r && !saidTime) return { ...EMPTY };
  return { ...keepDay, date, time, timeRange: range };
}

/** A window inside the wish's time or period (any, when none was said). */
function inPeriod(w: AvailableWindow, wish: Wish): boolean {
  if (wish.time) return w.start === wish.time;
  if (wish.timeRange) return w.start >= wish.timeRange[0] && w.start < wish.timeRange[1];
  return true;
}

/** Up to `n` windows over different days first (so a list is not one morning), in time order. */
function spread(windows: AvailableWindow[], n: number): AvailableWindow[] {
  const firstOfDay = windows.filter((w, i) => i === 0 || windows[i - 1]!.date !== w.date);
  const picked = firstOfDay.slice(0, n);
  for (const w of windows) if (picked.length < n && !picked.includes(w)) picked.push(w);
  return picked.sort((a, b) => (a.date + a.start).localeCompare(b.date + b.start));
}
