// Books a window (R1–R12, R21a, R22): eligibility in a few short questions, the holder in
// person (R11), the window, birthday, phone (the caller's own number on the phone line),
// e-mail on the web, a read-back, the commit, and then the next family member (R9).
import { randomUUID } from 'node:crypto';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { isLikelyCrowded } from '../domain/calendar.js';
import { tokyoParts } from '../domain/civil.js';
import type { AvailableWindow } from '../domain/desk.js';
import { assessEligibility } from '../domain/eligibility.js';
import * as m from '../bot/messages/booking.ja.js';
import * as info from '../bot/messages/info.ja.js';
import * as limits from '../bot/messages/limits.ja.js';
import { join } from '../bot/messages/say.js';
import { ChooseWindowDialog, type ChooseWindowResult, type Wish } from './choose-window-dialog.js';
import { EmailCodeDialog, type EmailCodeResult } from './email-code-dialog.js';
import { ask, UnderstandingPrompt, type Answer, type Recognizer } from './prompts/understanding-prompt.js';
import * as r from './prompts/recognizers.js';
import { callerNumber, channelOf, clientOf, isVoice, lineUserId, send, understood, type BotServices } from './turn.js';

export interface BookingOptions {
  wish?: Wish;
  /** The citizen already said the notice came (「通知書が届いたので予約したい」). */
  noticeReceived?: boolean;
  /** Kept for the next family member: same phone, same e-mail (already confirmed). */
  family?: { phone: string; email?: string | undefined };
}

interface BookingState extends BookingOptions {
  /** Eligibility and in-person questions answered: not asked again when something is fixed. */
  checked?: boolean;
  window?: AvailableWindow;
  birthday?: string;
  phone?: string;
  email?: string;
  /** One key per confirmed booking: a repeated commit turn books once. */
  idempotencyKey?: string;
  /** The e-mail address whose code was typed back (web, when codes are on). */
  verifiedEmail?: string;
  /** E-mail codes sent in this booking. */
  codesSent?: number;
}

const YES_NO = 'bookingYesNo';
const CHOICE3 = 'bookingNoticeAnswer';
const EXPIRY = 'bookingExpiry';
const BIRTHDAY = 'bookingBirthday';
const PHONE = 'bookingPhone';
const EMAIL = 'bookingEmail';
const FIX = 'bookingFix';
const STEPS = 'bookingSteps';
const FIX_STEPS = 'bookingFixSteps';

/** How a booking ends when the citizen should talk to staff: the main dialog hands off. */
export interface NeedsStaff {
  handoff: string;
}

/** An expiry date, or 「もう切れています」. */
const expiry: Recognizer<{ date: string | null; expired: boolean }> = (context, services) => {
  const u = understood(context, services);
  if (u.date) return { date: u.date, expired: false };
  if (/切れ|過ぎ|期限切|失効/.test(context.activity.text ?? '')) return { date: null, expired: true };
  return undefined;
};

export class BookingDialog extends ComponentDialog {
  static readonly id = 'booking';

  constructor(private readonly services: BotServices) {
    super(BookingDialog.id);
    this.addDialog(new UnderstandingPrompt(YES_NO, services, r.yesNo));
    this.addDialog(new UnderstandingPrompt(CHOICE3, services, (c, s, o) => r.yesNo(c, s, o) ?? (r.choice(['はい', 'いいえ', 'わからない'])(c, s, o) === 2 ? false : undefined)));
    this.addDialog(new UnderstandingPrompt(EXPIRY, services, expiry));
    this.addDialog(new UnderstandingPrompt(BIRTHDAY, services, r.birthday));
    this.addDialog(new UnderstandingPrompt(PHONE, services, r.phone));
    this.addDialog(new UnderstandingPrompt(EMAIL, services, r.email));
    this.addDialog(new UnderstandingPrompt(FIX, services, r.choice(['日時', '誕生日', '電話番号'])));
    this.addDialog(new ChooseWindowDialog(services));
    this.addDialog(new EmailCodeDialog(services));
    this.addDialog(
      new WaterfallDialog(STEPS, [
        this.noticeStep.bind(this),
        this.expiryStep.bind(this),
        this.cardStep.bind(this),
        this.inPersonStep.bind(this),
        this.windowStep.bind(this),
        this.birthdayStep.bind(this),
        this.phoneStep.bind(this),
        this.otherPhoneStep.bind(this),
        this.emailStep.bind(this),
        this.emailCodeStep.bind(this),
        this.confirmStep.bind(this),
        this.commitStep.bind(this),
        this.anotherMemberStep.bind(this),
      ]),
    );
    this.addDialog(new WaterfallDialog(FIX_STEPS, [this.whatToFixStep.bind(this), this.fixStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private state(step: WaterfallStepContext): BookingState {
    const s = step.values as { booking?: BookingState };
    s.booking ??= { ...(step.options as BookingOptions) };
    return s.booking;
  }

  private handoff(step: WaterfallStepContext, reason: string): Promise<DialogTurnResult> {
    return step.endDialog({ handoff: reason } satisfies NeedsStaff);
  }

  /** R13a: has the e-certificate expiry notice come? (Skipped when already said.) */
  private async noticeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.state(step);
    // A client that has booked its day's worth is told first, not after every question.
    if ((await this.services.desk.bookingsLeft(clientOf(step.context), this.services.clock())) <= 0) return this.limitReached(step);
    if (s.noticeReceived || s.checked) return step.next({ ok: true, value: true });
    return ask(step, CHOICE3, info.askNoticeReceived(), info.askNoticeReceived());
  }

  /** R13b/c, R15: without the notice, the certificate's expiry date decides. */
  private async expiryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<boolean>;
    if (!answer.ok) return this.handoff(step, 'eligibility-unclear');
    if (answer.value) return step.next({ ok: true, value: null });
    return ask(step, EXPIRY, info.askCertificateExpiry(), info.askCertificateExpiry());
  }

  /** R14: a card expiring within 3 months needs a card renewal, not this reservation. */
  private async cardStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<{ date: string | null; expired: boolean } | null>;
    if (!answer.ok) return this.handoff(step, 'eligibility-unclear');
    if (answer.value) {
      const today = tokyoParts(this.services.clock()).date;
      const verdict = assessEligibility(
        answer.value.date ? { certificateExpiresOn: answer.value.date } : { certificateExpired: answer.value.expired },
        today,
      );
      if (verdict.kind === 'not-yet' || verdict.kind === 'ask-staff') {
        await send(step.context, info.eligibilityVerdict(verdict, isVoice(step.context)));
        return verdict.kind === 'ask-staff' ? this.handoff(step, 'eligibility-needs-staff') : step.endDialog();
      }
    }
    if (this.state(step).checked) return step.next({ ok: true, value: false });
    return ask(step, YES_NO, info.askCardExpiringSoon(), info.askCardExpiringSoon());
  }

  /** R11: internet bookings are for the holder coming in person. */
  private async inPersonStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<boolean>;
    if (!answer.ok) return this.handoff(step, 'eligibility-unclear');
    if (answer.value) {
      const verdict = assessEligibility({ cardExpiringSoon: true }, tokyoParts(this.services.clock()).date);
      await send(step.context, info.eligibilityVerdict(verdict, isVoice(step.context)));
      return step.endDialog();
    }
    if (this.state(step).checked) return step.next({ ok: true, value: true });
    return ask(step, YES_NO, m.askInPerson(), m.askInPerson());
  }

  /** The window: date and time together or in parts, with alternatives when it cannot be had. */
  private async windowStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<boolean>;
    if (!answer.ok) return this.handoff(step, 'not-understood');
    if (!answer.value && channelOf(step.context) !== 'phone') {
      await send(step.context, info.proxyMustCall(this.services.desk.config.deskPhone));
      return step.endDialog();
    }
    const s = this.state(step);
    s.checked = true;
    if (s.window) return step.next({ window: s.window } satisfies ChooseWindowResult);
    return step.beginDialog(ChooseWindowDialog.id, { wish: s.wish });
  }

  private async birthdayStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const chosen = step.result as ChooseWindowResult;
    if ('gaveUp' in chosen) return this.handoff(step, 'not-understood');
    const s = this.state(step);
    s.window = chosen.window;
    if (s.birthday) return step.next({ ok: true, value: s.birthday });
    // R24: the first day after a weekend or holiday, and Saturdays, are the busiest.
    const crowded = isLikelyCrowded(chosen.window.date, this.services.desk.config) ? [info.crowdedNote(chosen.window.date)] : [];
    return ask(step, BIRTHDAY, join(m.windowAvailable(chosen.window), ...crowded, m.askBirthday()), m.birthdayNotUnderstood());
  }

  /** R10: a phone number; on the phone line, offer the caller's own. */
  private async phoneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<string>;
    if (!answer.ok) return this.handoff(step, 'not-understood');
    const s = this.state(step);
    s.birthday = answer.value;
    const known = s.phone ?? s.family?.phone;
    if (known) {
      s.phone = known;
      return step.next({ ok: true, value: true });
    }
    const caller = callerNumber(step.context);
    if (caller) return ask(step, YES_NO, m.askPhone(caller), m.askPhone(caller));
    return step.next({ ok: true, value: false });
  }

  private async otherPhoneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<boolean>;
    if (!answer.ok) return this.handoff(step, 'not-understood');
    const s = this.state(step);
    if (s.phone) return step.next({ ok: true, value: s.phone });
    const caller = callerNumber(step.context);
    if (answer.value && caller) return step.next({ ok: true, value: caller });
    return ask(step, PHONE, caller ? m.askOtherPhone() : m.askPhone(undefined), m.phoneNotUnderstood());
  }

  /** R10: internet bookings give an e-mail for the confirmation (web chat). */
  private async emailStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<string>;
    if (!answer.ok) return this.handoff(step, 'not-understood');
    const s = this.state(step);
    s.phone = answer.value;
    const known = s.email ?? s.family?.email;
    if (known || channelOf(step.context) !== 'web') return step.next({ ok: true, value: known ?? '' });
    return ask(step, EMAIL, m.askEmail(), m.emailNotUnderstood());
  }

  /** A new web address is confirmed by a code sent to it, when codes are on (nothing is held meanwhile, R8). */
  private async emailCodeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<string>;
    if (!answer.ok) return this.handoff(step, 'not-understood');
    const s = this.state(step);
    if (answer.value) s.email = answer.value;
    const needsCode = this.services.emailVerifier && channelOf(step.context) === 'web' && s.email && s.email !== s.verifiedEmail && s.email !== s.family?.email;
    if (!needsCode) return step.next({ verified: true } satisfies EmailCodeResult);
    return step.beginDialog(EmailCodeDialog.id, { email: s.email!, sent: s.codesSent ?? 0 });
  }

  /** Read-back before anything is written. */
  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const code = step.result as EmailCodeResult & { sent?: number };
    const s = this.state(step);
    if (code.sent !== undefined) s.codesSent = code.sent;
    if (!code.verified) {
      if (code.reason === 'too-many-codes') {
        await send(step.context, limits.emailCodeNotSent(this.services.desk.config.deskPhone));
        return step.endDialog();
      }
      // Ask for the address again (a typo, a mailbox that does not answer); the rest is kept.
      return step.replaceDialog(STEPS, { ...s, email: undefined, noticeReceived: true });
    }
    if (s.email) s.verifiedEmail = s.email;
    s.idempotencyKey ??= `${step.context.activity.conversation.id}:${randomUUID()}`;
    const summary = { window: s.window!, birthday: s.birthday!, phone: s.phone!, email: s.email };
    return ask(step, YES_NO, m.confirmBooking(summary), m.confirmBooking(summary));
  }

  private async commitStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<boolean>;
    if (!answer.ok) return this.handoff(step, 'not-understood');
    const s = this.state(step);
    if (!answer.value) return this.fixSomething(step, s);
    const result = await this.services.desk.book({
      date: s.window!.date,
      start: s.window!.start,
      channel: channelOf(step.context),
      holder: { birthday: s.birthday!, phone: s.phone!, email: s.email, lineUserId: lineUserId(step.context) },
      now: this.services.clock(),
      idempotencyKey: s.idempotencyKey,
      client: clientOf(step.context),
    });
    if (result.ok) {
      await send(step.context, m.booked(result.reservation, info.bringForSelf(isVoice(step.context))));
      // The booking stands whether or not the SMS goes out; a replayed commit sends nothing again.
      if (!result.replayed) await this.services.notifier?.bookingConfirmed(result.reservation).catch(() => undefined);
      return ask(step, YES_NO, m.askAnotherMember(), m.askAnotherMember());
    }
    if (result.reason === 'already-booked') {
      await send(step.context, m.alreadyBooked(result.existing));
      return step.endDialog();
    }
    if (result.reason === 'client-limit') return this.limitReached(step);
    // Taken by someone else since we looked (R8: first come, first served): choose again.
    if (result.reason === 'invalid-holder') return this.handoff(step, 'invalid-details');
    await send(step.context, m.refusal(result, s.window!));
    const next: BookingState = { ...s, window: undefined, idempotencyKey: undefined, wish: { date: s.window!.date, time: null, timeRange: null } };
    return step.replaceDialog(STEPS, { ...next, noticeReceived: true });
  }

  /** The client's bookings for today are used up: the staffed phone desk can help further. */
  private async limitReached(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { config } = this.services.desk;
    const limit = this.services.bookingLimitPerDay;
    await send(step.context, limits.bookingLimitReached(channelOf(step.context), limit, config.deskPhone));
    return step.endDialog();
  }

  /** R9: the next card holder of the family, with the same phone and e-mail. */
  private async anotherMemberStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<boolean>;
    if (answer.ok && answer.value) {
      const s = this.state(step);
      return step.replaceDialog(STEPS, { family: { phone: s.phone!, email: s.email }, verifiedEmail: s.verifiedEmail, codesSent: s.codesSent } satisfies BookingState);
    }
    return step.endDialog();
  }

  /** 「いいえ」 at the read-back: go round again keeping what was right. */
  private fixSomething(step: WaterfallStepContext, s: BookingState): Promise<DialogTurnResult> {
    return step.replaceDialog(FIX_STEPS, { ...s, noticeReceived: true, idempotencyKey: undefined });
  }

  /** Which detail was wrong? */
  private async whatToFixStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return ask(step, FIX, m.askWhatToFix(), m.askWhatToFix());
  }

  private async fixStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<number>;
    if (!answer.ok) return this.handoff(step, 'not-understood');
    const s = { ...(step.options as BookingState) };
    if (answer.value === 0) Object.assign(s, { window: undefined, wish: undefined });
    if (answer.value === 1) s.birthday = undefined;
    if (answer.value === 2) Object.assign(s, { phone: undefined, family: undefined });
    return step.replaceDialog(STEPS, s);
  }
}
