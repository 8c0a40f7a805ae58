// Turning reminders off in the conversation (issue 15): 「リマインド不要」「リマインドはいりません」
// / "no reminders". The citizen's own bookings stop getting the reminder the business day before:
// on LINE every booking of theirs still to come (R12: a LINE user's own), on web and the phone
// the bookings made in this very conversation — or, with none, one found by its number and
// birthday (R10, R22; counted like any look-up). The bookings themselves stand; the bot says
// which ones will get no reminder. Mid-task (say, right after booking, at 「ほかのご家族も?」)
// it is an aside: this conversation's bookings are turned off and the task goes on.
//
// Where a booking's conversation is kept: when a booking is committed, `rememberBooking` stores
// the door's conversation reference with it (a LINE reminder is pushed into it) and the language.
import { TurnContext } from 'botbuilder-core';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { tokyoDate } from '../domain/civil.js';
import { isActive, type Reservation } from '../domain/reservation.js';
import * as limits from '../bot/messages/limits.ja.js';
import * as mg from '../bot/messages/manage.ja.js';
import * as m from '../bot/messages/reminders.ja.js';
import { join, type Say } from '../bot/messages/say.js';
import { AskPrompt, askIn, type AskAnswer } from './prompts/ask-prompt.js';
import { clientOf, langOf, lineUserId, send, type BotServices } from './turn.js';

/**
 * What turns reminders off, typed or spoken: リマインド (or 前日のお知らせ) said with not needed
 * or stop; in English, "no reminders", "stop (the) reminders", "don't send / I don't need a
 * reminder", "don't remind me". 「リマインドはいつ届きますか」 is a question, not this.
 */
const JA = /(?:リマインド|りまいんど|リマインダー|前日の(?:お知らせ|通知|連絡|メール|ショートメール|SMS))(?:メール|通知|連絡)?[はをもの]?(?:不要|いら(?:ない|ん|ねえ)|要らない|いりません|要りません|結構|けっこう|止め|とめ|停止|やめ|オフ|なし|無し|しないで|送らないで|おくらないで|要らん)/i;
const EN = /\bno (?:more )?reminders?\b|\bstop (?:sending )?(?:the |any |all )?reminders?\b|\b(?:don'?t|do not) (?:send|need|want)(?: me)?(?: a| any| the)? reminders?\b|\b(?:don'?t|do not) remind me\b|\bturn off (?:the )?reminders?\b/i;

export function wantsNoReminders(text: string | undefined): boolean {
  const t = (text ?? '').normalize('NFKC').replace(/[’‘]/g, "'");
  return JA.test(t.replace(/[\s、。!?「」]/g, '')) || EN.test(t);
}

/** Keeps where the booking was made (and the conversation's language), for its reminder; never stops the booking. */
export async function rememberBooking(context: TurnContext, services: BotServices, number: string): Promise<void> {
  await services.reminders?.remember(number, TurnContext.getConversationReference(context.activity), langOf(context)).catch(() => undefined);
}

/** The citizen's own bookings still to come: on LINE all of theirs, elsewhere those made in this conversation. */
async function ownBookings(context: TurnContext, services: BotServices): Promise<Reservation[]> {
  const now = services.clock();
  const lineUser = lineUserId(context);
  if (lineUser) return services.desk.bookingsOfLineUser(lineUser, now);
  const numbers = (await services.reminders?.bookedIn(TurnContext.getConversationReference(context.activity))) ?? [];
  const found = await Promise.all(numbers.map((n) => services.desk.find(n)));
  const today = tokyoDate(now);
  return found.filter((r): r is Reservation => r !== undefined && isActive(r, today));
}

/** Turns off what is found; what the citizen hears. */
async function turnOff(services: BotServices, rs: Reservation[]): Promise<Say> {
  const off = new Set(await (services.reminders?.optOut(rs.map((r) => r.number)) ?? Promise.resolve([])));
  return m.remindersOff(rs.filter((r) => off.has(r.number)));
}

/** Mid-task: this conversation's (or LINE user's) bookings turned off, or what to do once booked. */
export async function remindersOffAside(context: TurnContext, services: BotServices): Promise<Say> {
  const own = await ownBookings(context, services);
  return own.length && services.reminders ? turnOff(services, own) : m.noReminderYet();
}

const NUMBER = 'remindersNumber';
const BIRTHDAY = 'remindersBirthday';
const STEPS = 'remindersSteps';

export class ReminderDialog extends ComponentDialog {
  static readonly id = 'reminders';

  constructor(private readonly services: BotServices) {
    super(ReminderDialog.id);
    this.addDialog(new AskPrompt<string>(NUMBER, services, (a) => ('number' in a ? a.number : undefined)));
    this.addDialog(new AskPrompt<string>(BIRTHDAY, services, (a) => ('birthday' in a ? a.birthday : undefined)));
    this.addDialog(new WaterfallDialog(STEPS, [this.findStep.bind(this), this.birthdayStep.bind(this), this.lookupStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Their own bookings are turned off at once; with none, which reservation? */
  private async findStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const own = await ownBookings(step.context, this.services);
    if (own.length && this.services.reminders) {
      await send(step.context, await turnOff(this.services, own));
      return step.endDialog();
    }
    // On LINE: none booked from this account, so a number it may have been booked under.
    const question = lineUserId(step.context) ? mg.noBookingsOnLine() : join(m.findForReminders(), mg.askReservationNumber());
    return askIn(step, NUMBER, 'reservation-number', question);
  }

  private async birthdayStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<string>;
    if (!answer.ok) return step.endDialog({ handoff: 'not-understood' });
    (step.values as { number?: string }).number = answer.value;
    const { desk, clock } = this.services;
    // A number locked by wrong birthdays is not tried again (the words do not say whether it exists).
    if (await desk.lookupLocked(answer.value, clock())) {
      await send(step.context, limits.lookupLocked(desk.config.deskPhone));
      return step.endDialog();
    }
    return askIn(step, BIRTHDAY, 'birthday', mg.askBirthdayForLookup());
  }

  /** R10, R22: the number with its birthday, counted like every look-up. */
  private async lookupStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<string>;
    if (!answer.ok) return step.endDialog({ handoff: 'not-understood' });
    const number = (step.values as { number: string }).number;
    const { desk, clock } = this.services;
    const found = await desk.identify(number, answer.value, clientOf(step.context), clock());
    if (!found.ok) {
      const deskPhone = desk.config.deskPhone;
      await send(step.context, found.reason === 'locked' ? limits.lookupLocked(deskPhone) : found.reason === 'too-many-attempts' ? limits.tooManyLookups(deskPhone) : mg.notFound());
      return step.endDialog();
    }
    const r = found.reservation;
    await send(step.context, isActive(r, tokyoDate(clock())) ? await turnOff(this.services, [r]) : m.noReminderFor(r));
    return step.endDialog();
  }
}
