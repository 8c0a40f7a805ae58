// Looks up, changes or cancels a reservation: found by reservation number + birthday (R10,
// R22), or — for a LINE user — among their own bookings without re-identifying (R12);
// internet bookings are managed on the internet and phone bookings by phone (R12).
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BookingRefusal } from '../domain/booking-rules.js';
import { mayManage, type Reservation } from '../domain/reservation.js';
import * as bm from '../bot/messages/booking.ja.js';
import * as m from '../bot/messages/manage.ja.js';
import * as limits from '../bot/messages/limits.ja.js';
import { ChooseWindowDialog, type ChooseWindowResult, type Wish } from './choose-window-dialog.js';
import type { NeedsStaff } from './booking-dialog.js';
import type { Answer } from './prompts/understanding-prompt.js';
import { AskPrompt, askIn } from './prompts/ask-prompt.js';
import type { AnswerReading } from '../bot/understanding/answers.js';
import { channelOf, clientOf, lineUserId, send, setApplicant, type BotServices } from './turn.js';

export type ManageMode = 'check' | 'change' | 'cancel' | 'ask';

export interface ManageOptions {
  mode: ManageMode;
  number?: string | undefined;
  wish?: Wish | undefined;
  /** Look-ups that found nothing so far. */
  misses?: number;
  /** The birthday, when said with the request (「予約番号は…、誕生日は8月20日です」): not asked again. */
  birthday?: string | undefined;
  /** Already found in this conversation (going round again after a correction or a full window). */
  identified?: { number: string; birthday: string };
}

interface ManageState {
  number?: string;
  birthday?: string;
  reservation?: Reservation;
  action?: 'change' | 'cancel';
  target?: { date: string; start: string; end: string };
}

const NUMBER = 'manageNumber';
const BIRTHDAY = 'manageBirthday';
const YES_NO = 'manageYesNo';
const CONFIRM_CANCEL = 'manageConfirmCancel';
const ACTION = 'manageAction';
const WHICH = 'manageWhich';
const STEPS = 'manageSteps';
const MAX_MISSES = 2;

const yesNo = (a: AnswerReading): boolean | undefined => ('answer' in a && (a.answer === 'yes' || a.answer === 'no') ? a.answer === 'yes' : undefined);

/** 変更 (with a new wish when one was said), キャンセル, このまま: 0, 1, 2. */
function actionOf(a: AnswerReading): { action: number; wish?: Wish } | undefined {
  if ('choice' in a && a.choice >= 0 && a.choice <= 2) return { action: a.choice };
  if (!('action' in a)) return undefined;
  if (a.action === 'change') return { action: 0, ...(a.date || a.time ? { wish: { date: a.date ?? null, time: a.time ?? null, timeRange: null } } : {}) };
  return { action: a.action === 'cancel' ? 1 : 2 };
}

export class ManageDialog extends ComponentDialog {
  static readonly id = 'manage';

  constructor(private readonly services: BotServices) {
    super(ManageDialog.id);
    this.addDialog(new AskPrompt<string | 'unknown'>(NUMBER, services, (a) => ('number' in a ? a.number : 'answer' in a && a.answer === 'unknown' ? 'unknown' : undefined)));
    this.addDialog(new AskPrompt<string>(BIRTHDAY, services, (a) => ('birthday' in a ? a.birthday : undefined)));
    // The change's read-back: yes, no, or a corrected date or time (「いや、やっぱり11時で」).
    this.addDialog(new AskPrompt<boolean | Wish>(YES_NO, services, (a) => ('correct' in a ? { date: a.correct.date ?? null, time: a.correct.time ?? null, timeRange: a.correct.timeRange ?? null } : yesNo(a))));
    // 「キャンセルします」 answers 「キャンセルします。よろしいですか?」 with yes, as does 「はい」.
    this.addDialog(new AskPrompt<boolean>(CONFIRM_CANCEL, services, (a) => ('action' in a ? a.action === 'cancel' : yesNo(a))));
    this.addDialog(new AskPrompt<{ action: number; wish?: Wish }>(ACTION, services, (a) => actionOf(a)));
    this.addDialog(new AskPrompt<number>(WHICH, services, (a) => ('choice' in a ? a.choice : undefined)));
    this.addDialog(new ChooseWindowDialog(services));
    this.addDialog(
      new WaterfallDialog(STEPS, [
        this.identifyStep.bind(this),
        this.birthdayStep.bind(this),
        this.lookupStep.bind(this),
        this.actionStep.bind(this),
        this.confirmStep.bind(this),
        this.commitStep.bind(this),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  private options(step: WaterfallStepContext): ManageOptions {
    return step.options as ManageOptions;
  }

  private state(step: WaterfallStepContext): ManageState {
    const v = step.values as { manage?: ManageState };
    return (v.manage ??= {});
  }

  /** The reservation number, or on LINE the user's own bookings. */
  private async identifyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const o = this.options(step);
    const s = this.state(step);
    const lineUser = lineUserId(step.context);
    if (lineUser && !o.number && !o.misses) {
      const mine = await this.services.desk.bookingsOfLineUser(lineUser, this.services.clock());
      if (mine.length === 1) return step.next({ ok: true, value: { own: mine[0] } });
      if (mine.length > 1) {
        (step.values as { own?: Reservation[] }).own = mine;
        return askIn(step, WHICH, 'window-choice', m.askWhichBooking(mine), { offered: mine.map((r) => `${r.date}T${r.start}`) });
      }
      await send(step.context, m.noBookingsOnLine());
    }
    if (o.identified) return step.next({ ok: true, value: o.identified.number });
    if (o.number) return step.next({ ok: true, value: o.number });
    s.number = undefined;
    return askIn(step, NUMBER, 'reservation-number', m.askReservationNumber());
  }

  private async birthdayStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<string | number | { own: Reservation }>;
    if (!answer.ok) return step.endDialog({ handoff: 'not-understood' } satisfies NeedsStaff);
    const own = (step.values as { own?: Reservation[] }).own;
    if (typeof answer.value === 'number' && own) return step.next({ own: own[answer.value] });
    if (typeof answer.value === 'object') return step.next(answer.value);
    if (answer.value === 'unknown') {
      // Without the number a booking cannot be found here (only a LINE user's own can): the desk can help.
      await send(step.context, m.numberLost(this.services.desk.config.deskPhone));
      return step.endDialog();
    }
    this.state(step).number = String(answer.value);
    const known = this.options(step).identified;
    if (known) return step.next({ ok: true, value: known.birthday });
    const said = this.options(step).birthday;
    // A number locked by wrong birthdays is not tried again (the words do not say whether it exists).
    if (await this.services.desk.lookupLocked(String(answer.value), this.services.clock())) {
      await send(step.context, limits.lookupLocked(this.services.desk.config.deskPhone));
      return step.endDialog();
    }
    if (said) return step.next({ ok: true, value: said });
    return askIn(step, BIRTHDAY, 'birthday', m.askBirthdayForLookup());
  }

  /** Finds the reservation; the number and birthday must match (nothing is revealed otherwise). */
  private async lookupStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.state(step);
    const o = this.options(step);
    let found: Reservation | undefined;
    const result = step.result as Answer<string> | { own: Reservation };
    if ('own' in result) {
      found = result.own;
      s.birthday = found.birthday;
      s.number = found.number;
    } else {
      if (!result.ok) return step.endDialog({ handoff: 'not-understood' } satisfies NeedsStaff);
      s.birthday = result.value;
      // Found once already in this conversation: not counted as another look-up.
      const identified = o.identified ? await this.found(s.number!, s.birthday) : await this.services.desk.identify(s.number!, s.birthday, clientOf(step.context), this.services.clock());
      if (!identified.ok && identified.reason !== 'not-found') {
        await send(step.context, this.refusal(identified));
        return step.endDialog();
      }
      found = identified.ok ? identified.reservation : undefined;
    }
    if (!found) {
      await send(step.context, m.notFound());
      const misses = (o.misses ?? 0) + 1;
      if (misses >= MAX_MISSES) return step.endDialog({ handoff: 'reservation-not-found' } satisfies NeedsStaff);
      return step.replaceDialog(STEPS, { ...o, number: undefined, misses } satisfies ManageOptions);
    }
    s.reservation = found;
    // An internet booking is the holder's own, coming in person (R11): what to bring follows from it.
    if (found.channel !== 'phone') setApplicant(step.context, 'self');
    await send(step.context, m.showReservation(found));
    const may = mayManage(found, channelOf(step.context), this.services.clock(), this.services.desk.config.deskPhone);
    // A look-up shows it; what to do with it (変更・キャンセル・このまま) is asked where it can be done here.
    if (o.mode === 'check' && !may.ok) return step.endDialog();
    if (!may.ok) {
      await send(step.context, may.reason === 'wrong-channel' ? m.wrongChannel(may.bookedOn, may.deskPhone) : may.reason === 'started' ? m.alreadyStarted() : m.notActive(may.status));
      return step.endDialog();
    }
    if (o.mode === 'ask' || o.mode === 'check') return askIn(step, ACTION, 'manage-action', m.askManageAction());
    return step.next({ ok: true, value: { action: o.mode === 'change' ? 0 : 1 } });
  }

  private async actionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<{ action: number; wish?: Wish }>;
    if (!answer.ok) return step.endDialog({ handoff: 'not-understood' } satisfies NeedsStaff);
    const s = this.state(step);
    const { action, wish } = answer.value;
    if (action === 2) {
      await send(step.context, m.keptAsIs(s.reservation));
      return step.endDialog();
    }
    if (action === 1) {
      s.action = 'cancel';
      // 「キャンセルします」 and 「はい」 say yes; on the keypad it is a yes/no (1 = はい, 2 = いいえ).
      return askIn(step, CONFIRM_CANCEL, 'manage-action', m.confirmCancel(s.reservation!), { keys: { '1': 'yes', '2': 'no' } }, 'read-back');
    }
    s.action = 'change';
    return step.beginDialog(ChooseWindowDialog.id, { wish: wish ?? this.options(step).wish });
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.state(step);
    const { desk, clock } = this.services;
    const channel = channelOf(step.context);
    if (s.action === 'cancel') {
      const answer = step.result as Answer<boolean>;
      if (!answer.ok) return step.endDialog({ handoff: 'not-understood' } satisfies NeedsStaff);
      if (!answer.value) {
        await send(step.context, m.keptAsIs(s.reservation));
        return step.endDialog();
      }
      const result = await desk.cancel(s.number!, s.birthday!, channel, clock(), clientOf(step.context));
      await send(step.context, result.ok ? m.cancelled(result.reservation) : this.refusal(result));
      return step.endDialog();
    }
    const chosen = step.result as ChooseWindowResult;
    if ('gaveUp' in chosen) return step.endDialog({ handoff: 'not-understood' } satisfies NeedsStaff);
    s.target = { date: chosen.window.date, start: chosen.window.start, end: chosen.window.end };
    return askIn(step, YES_NO, 'read-back', m.confirmChange(s.reservation!, s.target), { readBack: { date: s.target.date, time: s.target.start } });
  }

  private async commitStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.state(step);
    const answer = step.result as Answer<boolean | Wish>;
    if (!answer.ok) return step.endDialog({ handoff: 'not-understood' } satisfies NeedsStaff);
    if (typeof answer.value === 'object') {
      // 「いや、やっぱり11時で」 at the read-back: the new wish, on the day already chosen unless another is said.
      const said = answer.value;
      const wish: Wish = { date: said.date ?? s.target!.date, time: said.time, timeRange: null };
      return step.replaceDialog(STEPS, { mode: 'change', number: s.number, wish, identified: { number: s.number!, birthday: s.birthday! } } satisfies ManageOptions);
    }
    if (!answer.value) {
      await send(step.context, m.keptAsIs(s.reservation));
      return step.endDialog();
    }
    const result = await this.services.desk.change(s.number!, s.birthday!, s.target!, channelOf(step.context), this.services.clock(), clientOf(step.context));
    if (result.ok) {
      await send(step.context, m.changed(result.reservation));
      return step.endDialog();
    }
    await send(step.context, this.refusal(result, s.target));
    if (result.reason === 'full' || result.reason === 'blocked') {
      // Taken since we offered it: choose again (the reservation itself is unchanged).
      return step.replaceDialog(STEPS, { mode: 'change', number: s.number, wish: { date: s.target!.date, time: null, timeRange: null }, identified: { number: s.number!, birthday: s.birthday! } } satisfies ManageOptions);
    }
    return step.endDialog();
  }

  private async found(number: string, birthday: string) {
    const r = await this.services.desk.lookUp(number, birthday);
    return r ? ({ ok: true, reservation: r } as const) : ({ ok: false, reason: 'not-found' } as const);
  }

  private refusal(result: { reason: string } & Record<string, unknown>, target?: ManageState['target']) {
    const deskPhone = this.services.desk.config.deskPhone;
    const s = result as { reason: string; bookedOn?: 'internet' | 'phone'; status?: Reservation['status'] };
    if (s.reason === 'not-found') return m.notFound();
    if (s.reason === 'locked') return limits.lookupLocked(deskPhone);
    if (s.reason === 'too-many-attempts') return limits.tooManyLookups(deskPhone);
    if (s.reason === 'wrong-channel') return m.wrongChannel(s.bookedOn!, deskPhone);
    if (s.reason === 'not-active') return m.notActive(s.status ?? 'cancelled');
    if (s.reason === 'started') return m.alreadyStarted();
    return bm.refusal(result as unknown as BookingRefusal, target ?? { date: '', start: '', end: '' });
  }
}
