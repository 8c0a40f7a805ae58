// Finds the window a citizen wants: date and time together or in parts, a period or a range,
// snapped to its 30-minute window (R3); when the wish cannot be booked from this channel it
// says why (full, closed, too soon → phone, not yet released) and offers the nearest free
// windows (R8). Ends with the chosen window, or `{ gaveUp: true }` after repeated failures.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { addDays, tokyoParts, type CivilDate, type ClockTime } from '../domain/civil.js';
import type { AvailableWindow } from '../domain/desk.js';
import { windowAt, windowContaining } from '../domain/windows.js';
import * as m from '../bot/messages/booking.ja.js';
import { join, type Say } from '../bot/messages/say.js';
import { ask, UnderstandingPrompt, type Answer, type Recognizer } from './prompts/understanding-prompt.js';
import { offeredWindow, when } from './prompts/recognizers.js';
import { channelOf, isVoice, type BotServices } from './turn.js';

export interface Wish {
  date: CivilDate | null;
  time: ClockTime | null;
  timeRange: [ClockTime, ClockTime] | null;
}

export type ChooseWindowResult = { window: AvailableWindow } | { gaveUp: true };

type Reply = { window: AvailableWindow } | { wish: Wish };
type Step = { window: AvailableWindow } | { ask: Say; retry: Say; offers: AvailableWindow[] };

const PROMPT = 'chooseWindowPrompt';
const STEPS = 'chooseWindowSteps';
const EMPTY: Wish = { date: null, time: null, timeRange: null };

export class ChooseWindowDialog extends ComponentDialog {
  static readonly id = 'chooseWindow';

  constructor(private readonly services: BotServices) {
    super(ChooseWindowDialog.id);
    // An answer is either one of the windows offered or a new wish (「じゃあ12月4日は?」).
    const reply: Recognizer<Reply> = (context, s, options) => {
      const picked = offeredWindow(context, s, options);
      if (picked) return { window: picked };
      const wish = when(context, s, options);
      return wish ? { wish } : undefined;
    };
    this.addDialog(new UnderstandingPrompt<Reply>(PROMPT, services, reply));
    this.addDialog(new WaterfallDialog(STEPS, [this.offerStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Evaluates the wish; asks for what is missing or offers what can be booked. */
  private async offerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const wish = { ...EMPTY, ...((step.options as { wish?: Wish }).wish ?? {}) };
    (step.values as { wish?: Wish }).wish = wish;
    const next = await this.evaluate(step.context, wish);
    if ('window' in next) return step.endDialog({ window: next.window } satisfies ChooseWindowResult);
    return ask(step, PROMPT, next.ask, join(next.retry, next.ask), next.offers);
  }

  /** Takes the chosen window, or starts over with the new wish merged into the old one. */
  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<Reply>;
    if (!answer.ok) return step.endDialog({ gaveUp: true } satisfies ChooseWindowResult);
    if ('window' in answer.value) return step.endDialog({ window: answer.value.window } satisfies ChooseWindowResult);
    const before = (step.values as { wish: Wish }).wish;
    const said = answer.value.wish;
    // A time alone keeps the date already given; a new date keeps a time only if none was said.
    const wish: Wish = said.date
      ? { date: said.date, time: said.time ?? (said.timeRange ? null : before.time), timeRange: said.timeRange ?? (said.time ? null : before.timeRange) }
      : { date: before.date, time: said.time, timeRange: said.timeRange };
    return step.replaceDialog(ChooseWindowDialog.id, { wish });
  }

  private async evaluate(context: TurnContext, wish: Wish): Promise<Step> {
    const { desk, clock } = this.services;
    const now = clock();
    const channel = channelOf(context);
    const voice = isVoice(context);
    const config = desk.config;

    if (!wish.date) {
      const today = tokyoParts(now).date;
      const soon = await desk.availability(today, addDays(today, 35), channel, now);
      const days = [...new Set(soon.map((w) => w.date))].slice(0, 5);
      return { ask: m.askDate(days, voice), retry: m.dateNotUnderstood(), offers: [] };
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
    if (inRange.length > 0) return { ask: m.askTime(date, inRange, voice), retry: m.timeNotUnderstood(), offers: inRange.slice(0, voice ? 3 : 8) };
    if (dayWindows.length > 0) {
      return { ask: join(m.noneInPeriod(date), m.askTime(date, dayWindows, voice)), retry: m.timeNotUnderstood(), offers: dayWindows.slice(0, voice ? 3 : 8) };
    }
    // Nothing that day: say why (closed, too soon, not released, or simply full).
    const decision = await desk.check(date, config.windows.first, channel, now);
    const why = decision.ok || decision.reason === 'full' || decision.reason === 'started' ? m.dayFull(date) : m.refusal(decision, windowAt(date, config.windows.first, config));
    return this.refuse(context, why, date, wish.timeRange?.[0]);
  }

  private async refuse(context: TurnContext, why: Say, date: CivilDate, start: ClockTime | undefined): Promise<Step> {
    const { desk, clock } = this.services;
    const offers = await desk.nearestFree(date, start, channelOf(context), clock(), 3);
    return { ask: join(why, m.offers(offers, isVoice(context))), retry: m.pickNotUnderstood(), offers };
  }
}
