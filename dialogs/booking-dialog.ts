// Books a window (R1–R12, R21a, R22): eligibility in a few short questions, the holder in
// person (R11), the window, birthday, phone (the caller's own number on the phone line),
// e-mail on the web, a read-back, the commit, and then the next family member (R9).
//
// The details live in one frame (the dialog's state), filled from every utterance: what the
// citizen already said (「通知書が届いたので」「本人が行きます」「先月切れてしまいました」) is not
// asked again, and a detail said out of turn — at any question or at the read-back
// (「いや、やっぱり11時で」) — corrects the frame and the flow goes round again, asking only what
// is still missing and reading the details back once more.
import { randomUUID } from 'node:crypto';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { isLikelyCrowded } from '../domain/calendar.js';
import { addDays, tokyoParts } from '../domain/civil.js';
import type { AvailableWindow } from '../domain/desk.js';
import { assessEligibility, type EligibilityFacts } from '../domain/eligibility.js';
import type { ReadBackDetails } from '../bot/understanding/answers/types.js';
import * as m from '../bot/messages/booking.ja.js';
import * as info from '../bot/messages/info.ja.js';
import * as limits from '../bot/messages/limits.ja.js';
import { join } from '../bot/messages/say.js';
import { ChooseWindowDialog, merged, type ChooseWindowResult, type Wish } from './choose-window-dialog.js';
import type { AnswerReading } from '../bot/understanding/answers.js';
import { windowAt, windowContaining } from '../domain/windows.js';
import { rememberBooking } from './reminder-dialog.js';
import { EmailCodeDialog, type EmailCodeResult } from './email-code-dialog.js';
import { detailsIn, factsIn } from './frame.js';
import { AskPrompt, askIn, isCorrection, type AskAnswer } from './prompts/ask-prompt.js';
import { ask, UnderstandingPrompt, type Answer } from './prompts/understanding-prompt.js';
import * as r from './prompts/recognizers.js';
import { callerNumber, channelOf, clientOf, isVoice, lineUserId, rememberTold, send, setApplicant, toldBefore, understood, type BotServices } from './turn.js';

export interface BookingOptions {
  wish?: Wish;
  /** The citizen already said the notice came (「通知書が届いたので予約したい」). */
  noticeReceived?: boolean;
  /** What the citizen said about their card and certificate before this booking began. */
  facts?: BookingFacts;
  /** Kept for the next family member: same phone, same e-mail (already confirmed). */
  family?: { phone: string; email?: string | undefined };
}

/** Eligibility as the citizen has told it so far (R13, R14, R11). */
export interface BookingFacts extends EligibilityFacts {
  /** R11: the holder comes in person (false: a proxy). */
  inPerson?: boolean;
}

interface BookingState extends BookingOptions {
  facts: BookingFacts;
  /** Eligibility and in-person questions answered: not asked again when something is fixed. */
  checked?: boolean;
  window?: AvailableWindow;
  /** The window was corrected (「やっぱり17日に」): the new one is said when it is found. */
  moved?: boolean;
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

const DAY = 'bookingDay';
const NOTICE = 'bookingNotice';
/** Refusals that hold for a whole day from this door (a full window is offered alternatives later). */
const DAY_REFUSALS = new Set<string>(['closed', 'too-soon-phone-only', 'not-released', 'before-service-start', 'not-accepting-yet']);
const EXPIRY = 'bookingExpiry';
const CARD = 'bookingCard';
const IN_PERSON = 'bookingInPerson';
const BIRTHDAY = 'bookingBirthday';
const PHONE = 'bookingPhone';
const CALLER = 'bookingCallerNumber';
const EMAIL = 'bookingEmail';
const READ_BACK = 'bookingReadBack';
const ANOTHER = 'bookingAnother';
const FIX = 'bookingFix';
const STEPS = 'bookingSteps';
const FIX_STEPS = 'bookingFixSteps';

/** How a task ends when the citizen has said they need nothing more: the main dialog says goodbye. */
export interface Done {
  done: true;
}

/** How a task ends when the citizen named the next one (「予約の確認もしたい」). */
export interface NextTask {
  next: 'change' | 'cancel' | 'check';
}

/** The next family member (true), no one (false), or another task. */
type Another = boolean | NextTask['next'];

const SAME_DAY = /同じ日|おなじ日|おなじひ|同日|same (?:day|date)/i;
const SAME_TIME = /同じ時間|おなじ時間|おなじじかん|同じ枠|同じ時刻|same (?:time|slot)/i;

/** How a booking ends when the citizen should talk to staff: the main dialog offers a person. */
export interface NeedsStaff {
  handoff: string;
}

type Yes = boolean | 'unknown';
/** The certificate's expiry; 'none' when the card was made without certificates (R16). */
type Expiry = { date: string | null; expired: boolean } | 'unknown' | 'none';
type UseCaller = boolean | { phone: string };
type ReadBack = boolean | { correct: ReadBackDetails };

export class BookingDialog extends ComponentDialog {
  static readonly id = 'booking';

  constructor(private readonly services: BotServices) {
    super(BookingDialog.id);
    // Each question reads its answer in context; any of them takes a correction said out of turn.
    this.addDialog(new AskPrompt<AnswerReading>(DAY, services, (a) => ('date' in a || 'earliest' in a || 'weekday' in a || 'month' in a ? a : undefined), true));
    this.addDialog(new AskPrompt<Yes>(NOTICE, services, (a) => ('answer' in a ? (a.answer === 'unknown' ? 'unknown' : a.answer === 'yes' ? true : a.answer === 'no' ? false : undefined) : undefined), true));
    this.addDialog(
      new AskPrompt<Expiry>(EXPIRY, services, (a) => ('date' in a && a.date ? { date: a.date, expired: false } : 'expired' in a ? { date: null, expired: true } : 'month' in a ? { date: endOfMonth(a.month), expired: false } : 'answer' in a && a.answer === 'unknown' ? 'unknown' : 'withoutCertificates' in a ? 'none' : undefined), true),
    );
    this.addDialog(new AskPrompt<Yes | { date: string }>(CARD, services, (a) => ('date' in a && a.date ? { date: a.date } : yes(a)), true));
    this.addDialog(new AskPrompt<boolean>(IN_PERSON, services, (a) => bool(a), true));
    this.addDialog(new AskPrompt<string>(BIRTHDAY, services, (a) => ('birthday' in a ? a.birthday : undefined), true));
    this.addDialog(new AskPrompt<string>(PHONE, services, (a) => ('phone' in a ? a.phone : undefined), true));
    this.addDialog(new AskPrompt<UseCaller>(CALLER, services, (a) => ('phone' in a ? { phone: a.phone } : bool(a)), true));
    this.addDialog(new AskPrompt<string>(EMAIL, services, (a) => ('email' in a ? a.email : undefined), true));
    this.addDialog(new AskPrompt<ReadBack>(READ_BACK, services, (a) => ('correct' in a ? { correct: a.correct } : bool(a))));
    this.addDialog(new AskPrompt<Another>(ANOTHER, services, (a) => ('intent' in a ? (a.intent === 'book' ? true : a.intent === 'lookup' ? 'check' : a.intent === 'change' || a.intent === 'cancel' ? a.intent : undefined) : bool(a))));
    const fix = m.askWhatToFix();
    this.addDialog(new UnderstandingPrompt(FIX, services, (c, sv, o) => r.choice((fix.choices ?? []).map((x) => x.label), fix.en?.choices)(c, sv, o) ?? whatToFix(c.activity.text ?? '')));
    this.addDialog(new ChooseWindowDialog(services));
    this.addDialog(new EmailCodeDialog(services));
    this.addDialog(
      new WaterfallDialog(STEPS, [
        this.dayStep.bind(this),
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

  /** The frame, with whatever this turn's words add to it. */
  private state(step: WaterfallStepContext): BookingState {
    const v = step.values as { booking?: BookingState };
    const o = step.options as BookingOptions;
    // What was told about the card earlier in the chat (before this booking) is not asked again.
    v.booking ??= { ...o, facts: { ...(o.family ? {} : toldBefore(step.context)), ...(o.noticeReceived ? { noticeReceived: true } : {}), ...o.facts } };
    absorb(v.booking, factsIn(step.context, this.services));
    // A birthday, phone or e-mail said in passing is kept (a correction of one goes through `correct`).
    const said = detailsIn(step.context, this.services);
    if (said.birthday && !v.booking.birthday) v.booking.birthday = said.birthday;
    if (said.phone && !v.booking.phone) v.booking.phone = said.phone;
    if (said.email && !v.booking.email && channelOf(step.context) === 'web') v.booking.email = said.email;
    return v.booking;
  }

  private handoff(step: WaterfallStepContext, reason: string): Promise<DialogTurnResult> {
    return step.endDialog({ handoff: reason } satisfies NeedsStaff);
  }

  /** A prompt that ended: a correction goes round again; three misses end with the offer of a person. */
  private unanswered(step: WaterfallStepContext, answer: AskAnswer<unknown>, reason = 'not-understood'): Promise<DialogTurnResult> {
    if (isCorrection(answer)) return this.correct(step, answer.correct);
    return this.handoff(step, reason);
  }

  /**
   * A day asked for that cannot be booked from this door at all (too soon → the phone desk, a
   * closed day, not open yet) is said at once, as a clerk would, and another day asked for —
   * before any question on the card.
   */
  private async dayStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.state(step);
    // A client that has booked its day's worth is told first, not after every question.
    if ((await this.services.desk.bookingsLeft(clientOf(step.context), this.services.clock())) <= 0) return this.limitReached(step);
    const date = s.wish?.date;
    if (s.checked || s.window || !date) return step.next();
    const { desk, clock } = this.services;
    const config = desk.config;
    const channel = channelOf(step.context);
    const start = (s.wish?.time && windowContaining(s.wish.time, config)) || config.windows.first;
    const decision = await desk.check(date, start, channel, clock());
    if (decision.ok || !DAY_REFUSALS.has(decision.reason)) return step.next();
    const voice = isVoice(step.context);
    const today = this.today();
    const days = [...new Set((await desk.availability(today, addDays(today, 35), channel, clock())).map((w) => w.date))].slice(0, 5);
    const keyed = voice ? { keysFormat: 'MMDD' as const, keys: { '1': days[0] ?? 'earliest' } } : undefined;
    return askIn(step, DAY, 'date', join(m.refusal(decision, windowAt(date, start, config)), m.askDate(days, voice)), keyed);
  }

  /** R13a: has the e-certificate expiry notice come? (Skipped when already said.) */
  private async noticeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.state(step);
    const day = step.result as AskAnswer<AnswerReading> | undefined;
    if (day && !day.ok) return this.unanswered(step, day);
    // Another day, after one that could not be had: the wish from now on.
    if (day?.ok) s.wish = merged({ date: null, time: s.wish?.time ?? null, timeRange: s.wish?.timeRange ?? null }, day.value);
    const f = s.facts;
    if (s.checked || f.noticeReceived !== undefined || f.certificateExpired || f.certificateExpiresOn) return step.next({ ok: true, value: f.noticeReceived ?? false });
    return askIn(step, NOTICE, 'notice-received', info.askNoticeReceived());
  }

  /** R13b/c, R15: without the notice, the certificate's expiry date decides. */
  private async expiryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<Yes>;
    if (!answer.ok) return this.unanswered(step, answer, 'eligibility-unclear');
    const s = this.state(step);
    if (answer.value === true) s.facts.noticeReceived = true;
    if (s.checked || s.facts.noticeReceived || s.facts.certificateExpired || s.facts.certificateExpiresOn || s.facts.issuedWithoutCertificates) return step.next({ ok: true, value: null });
    return askIn(step, EXPIRY, 'certificate-expiry', info.askCertificateExpiry());
  }

  /** R14: a card expiring within 3 months needs a card renewal, not this reservation. */
  private async cardStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<Expiry | null>;
    if (!answer.ok) return this.unanswered(step, answer, 'eligibility-unclear');
    const s = this.state(step);
    if (answer.value === 'unknown') return this.handoff(step, 'eligibility-unclear');
    if (answer.value === 'none') s.facts.issuedWithoutCertificates = true;
    else if (answer.value?.date) s.facts.certificateExpiresOn = answer.value.date;
    if (answer.value !== 'none' && answer.value?.expired) s.facts.certificateExpired = true;
    if (!s.checked && !s.facts.noticeReceived) {
      const verdict = assessEligibility(s.facts, this.today());
      if (verdict.kind === 'not-yet' || verdict.kind === 'ask-staff') {
        await send(step.context, info.eligibilityVerdict(verdict, isVoice(step.context)));
        return verdict.kind === 'ask-staff' ? this.handoff(step, 'eligibility-needs-staff') : step.endDialog();
      }
    }
    if (s.checked || s.facts.cardExpiringSoon !== undefined || s.facts.cardExpiresOn) return step.next({ ok: true, value: s.facts.cardExpiringSoon ?? false });
    return askIn(step, CARD, 'card-expiring-soon', info.askCardExpiringSoon());
  }

  /** R11: internet bookings are for the holder coming in person. */
  private async inPersonStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<Yes | { date: string }>;
    if (!answer.ok) return this.unanswered(step, answer, 'eligibility-unclear');
    const s = this.state(step);
    if (answer.value === 'unknown') return this.handoff(step, 'eligibility-unclear');
    if (typeof answer.value === 'object') s.facts.cardExpiresOn = answer.value.date;
    else if (!s.checked) s.facts.cardExpiringSoon = answer.value;
    if (!s.checked) {
      const verdict = assessEligibility(s.facts, this.today());
      if (verdict.kind === 'card-renewal-needed') {
        await send(step.context, info.eligibilityVerdict(verdict, isVoice(step.context)));
        return step.endDialog();
      }
    }
    if (s.checked || s.facts.inPerson !== undefined) return step.next({ ok: true, value: s.facts.inPerson ?? true });
    return askIn(step, IN_PERSON, 'in-person', m.askInPerson());
  }

  /** The window: date and time together or in parts, with alternatives when it cannot be had. */
  private async windowStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<boolean>;
    if (!answer.ok) return this.unanswered(step, answer);
    const s = this.state(step);
    s.facts.inPerson = answer.value;
    setApplicant(step.context, answer.value ? 'self' : 'proxy');
    // R11: a proxy's booking is taken where the documents are explained first — on the phone
    // line by staff (as when a proxy is mentioned earlier), elsewhere by calling the desk.
    if (!answer.value) {
      const deskPhone = this.services.desk.config.deskPhone;
      await send(step.context, channelOf(step.context) === 'phone' ? info.proxyInfo(deskPhone, 'phone') : info.proxyMustCall(deskPhone));
      return step.endDialog();
    }
    s.checked = true;
    if (s.window) return step.next({ window: s.window } satisfies ChooseWindowResult);
    return step.beginDialog(ChooseWindowDialog.id, { wish: s.wish });
  }

  private async birthdayStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const chosen = step.result as ChooseWindowResult;
    if ('gaveUp' in chosen) return this.handoff(step, 'not-understood');
    const s = this.state(step);
    const firstTime = !s.window || s.window.date !== chosen.window.date || s.window.start !== chosen.window.start;
    const moved = Boolean(s.window || s.moved) && firstTime;
    s.moved = undefined;
    s.window = chosen.window;
    if (s.birthday) {
      // 「やっぱり17日にできますか」 with the birthday known: the new window is said before the next question.
      // (Not before the read-back, which says it anyway.)
      if (moved && !(s.phone ?? s.family?.phone)) await send(step.context, m.windowAvailable(chosen.window));
      return step.next({ ok: true, value: s.birthday });
    }
    // R24: the first day after a weekend or holiday, and Saturdays, are the busiest.
    const crowded = firstTime && isLikelyCrowded(chosen.window.date, this.services.desk.config) ? [info.crowdedNote(chosen.window.date)] : [];
    return askIn(step, BIRTHDAY, 'birthday', join(m.windowAvailable(chosen.window), ...crowded, m.askBirthday()));
  }

  /** R10: a phone number; on the phone line, offer the caller's own. */
  private async phoneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<string>;
    if (!answer.ok) return this.unanswered(step, answer);
    const s = this.state(step);
    s.birthday = answer.value;
    const known = s.phone ?? s.family?.phone;
    if (known) {
      s.phone = known;
      return step.next({ ok: true, value: true });
    }
    const caller = callerNumber(step.context);
    if (caller) return askIn(step, CALLER, 'use-caller-number', m.askPhone(caller), { callerNumber: caller });
    return step.next({ ok: true, value: false });
  }

  private async otherPhoneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<UseCaller>;
    if (!answer.ok) return this.unanswered(step, answer);
    const s = this.state(step);
    if (s.phone) return step.next({ ok: true, value: s.phone });
    if (typeof answer.value === 'object') return step.next({ ok: true, value: answer.value.phone });
    const caller = callerNumber(step.context);
    if (answer.value && caller) return step.next({ ok: true, value: caller });
    return askIn(step, PHONE, 'phone', caller ? m.askOtherPhone() : m.askPhone(undefined));
  }

  /** R10: internet bookings give an e-mail for the confirmation (web chat). */
  private async emailStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<string>;
    if (!answer.ok) return this.unanswered(step, answer);
    const s = this.state(step);
    s.phone = answer.value;
    const known = s.email ?? s.family?.email;
    if (known || channelOf(step.context) !== 'web') return step.next({ ok: true, value: known ?? '' });
    return askIn(step, EMAIL, 'email', m.askEmail());
  }

  /** A new web address is confirmed by a code sent to it, when codes are on (nothing is held meanwhile, R8). */
  private async emailCodeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<string>;
    if (!answer.ok) return this.unanswered(step, answer);
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
      return step.replaceDialog(STEPS, { ...s, email: undefined });
    }
    if (s.email) s.verifiedEmail = s.email;
    s.idempotencyKey ??= `${step.context.activity.conversation.id}:${randomUUID()}`;
    const summary = { window: s.window!, birthday: s.birthday!, phone: s.phone!, email: s.email };
    return askIn(step, READ_BACK, 'read-back', m.confirmBooking(summary), { readBack: { date: s.window!.date, time: s.window!.start, birthday: s.birthday!, phone: s.phone! } });
  }

  private async commitStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<ReadBack>;
    if (!answer.ok) return this.unanswered(step, answer);
    const s = this.state(step);
    if (typeof answer.value === 'object') return this.correct(step, answer.value.correct);
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
      // The next booking in this chat is for another card: nothing told about this one carries over.
      rememberTold(step.context, undefined);
      // The booking stands whether or not the SMS goes out; a replayed commit sends nothing again.
      if (!result.replayed) await this.services.notifier?.bookingConfirmed(result.reservation).catch(() => undefined);
      // Its reminder the business day before goes to this conversation (LINE), in its language.
      await rememberBooking(step.context, this.services, result.reservation.number);
      // 「ほかのご家族の分も?」; on the phone 9 (or 「もう一度」) says the reservation number again first.
      const voice = isVoice(step.context);
      return askIn(step, ANOTHER, 'anything-else', m.askAnotherMember(), voice ? { keys: { '9': 'repeat' } } : undefined, undefined, voice ? m.repeatNumber(result.reservation) : undefined);
    }
    if (result.reason === 'already-booked') {
      await send(step.context, m.alreadyBooked(result.existing));
      return step.endDialog();
    }
    if (result.reason === 'client-limit') return this.limitReached(step);
    if (result.reason === 'invalid-holder') return this.handoff(step, 'invalid-details');
    // Taken by someone else since we looked (R8: first come, first served): choose again.
    await send(step.context, m.refusal(result, s.window!));
    return step.replaceDialog(STEPS, { ...s, window: undefined, idempotencyKey: undefined, wish: { date: s.window!.date, time: null, timeRange: null } });
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
    const answer = step.result as AskAnswer<Another>;
    if (answer.ok && answer.value === true) {
      const s = this.state(step);
      // 「妻の分も同じ日の同じ時間で」: the same window wished for again (one slot per card).
      const text = step.context.activity.text ?? '';
      const u = understood(step.context, this.services);
      const sameDay = SAME_DAY.test(text);
      const sameTime = SAME_TIME.test(text);
      const wish = u.date || u.time || u.timeRange || sameDay || sameTime ? { date: u.date ?? (sameDay || sameTime ? s.window!.date : null), time: u.time ?? (sameTime ? s.window!.start : null), timeRange: u.timeRange } : undefined;
      return step.replaceDialog(STEPS, { family: { phone: s.phone!, email: s.email }, verifiedEmail: s.verifiedEmail, codesSent: s.codesSent, facts: {}, ...(wish ? { wish } : {}) } satisfies Partial<BookingState>);
    }
    // 「いいえ」「以上です」: the booking is done and so is the conversation; another task named goes on to it.
    if (answer.ok && typeof answer.value === 'string') return step.endDialog({ next: answer.value } satisfies NextTask);
    return step.endDialog(answer.ok ? ({ done: true } satisfies Done) : undefined);
  }

  /**
   * A detail said again differently: the frame takes it and the flow goes round — a new date or
   * time is looked up again (it may be full), and the details are read back once more.
   */
  private async correct(step: WaterfallStepContext, c: ReadBackDetails): Promise<DialogTurnResult> {
    const s = { ...this.state(step), idempotencyKey: undefined };
    if (c.date || c.time || c.timeRange) {
      const keepDate = c.date ?? s.window?.date ?? s.wish?.date ?? null;
      const time = c.time ?? (c.date && !c.timeRange ? (s.window?.start ?? null) : null);
      s.wish = { date: keepDate, time, timeRange: time ? null : (c.timeRange ?? (c.date ? null : (s.wish?.timeRange ?? null))) };
      // Said before any window was looked up (「じゃあ12月21日の午後で」 while the card is asked
      // about): kept for when the day is asked, and said so, or the question looks deaf to it.
      // (Not on the phone: the question said again has no time to spare.)
      if (!s.window && !isVoice(step.context)) await send(step.context, m.wishNoted(s.wish));
      s.moved = Boolean(s.window);
      s.window = undefined;
    }
    // A birthday or phone number already given, now said differently: the citizen reads that it was
    // taken (on the phone the read-back says every detail; its questions have no time to spare).
    const birthday = c.birthday && s.birthday && c.birthday !== s.birthday ? c.birthday : undefined;
    const phone = c.phone && s.phone && c.phone !== s.phone ? c.phone : undefined;
    if ((birthday || phone) && channelOf(step.context) !== 'phone') await send(step.context, m.detailsCorrected({ birthday, phone }));
    if (c.birthday) s.birthday = c.birthday;
    if (c.phone) s.phone = c.phone;
    return step.replaceDialog(STEPS, s);
  }

  /** 「いいえ」 at the read-back: go round again keeping what was right. */
  private fixSomething(step: WaterfallStepContext, s: BookingState): Promise<DialogTurnResult> {
    return step.replaceDialog(FIX_STEPS, { ...s, idempotencyKey: undefined });
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

  private today(): string {
    return tokyoParts(this.services.clock()).date;
  }
}

const bool = (a: { answer?: string } | object): boolean | undefined => ('answer' in a ? (a.answer === 'yes' ? true : a.answer === 'no' ? false : undefined) : undefined);
const yes = (a: object): Yes | undefined => ('answer' in a && (a as { answer: string }).answer === 'unknown' ? 'unknown' : bool(a));

/** 「2027年3月」: the certificate runs to the end of that month. */
function endOfMonth(month: string): string {
  const [y, mo] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

/** Facts heard this turn join the frame; a fact already given is not overwritten by silence. */
function absorb(s: BookingState, heard: Partial<BookingFacts>): void {
  for (const [k, v] of Object.entries(heard)) if (v !== undefined) (s.facts as Record<string, unknown>)[k] = v;
}

/** 「誕生日が違います」「the phone number」: which detail to correct, in words (0 date and time, 1 birthday, 2 phone). */
function whatToFix(text: string): number | undefined {
  if (/誕生|たんじょう|birthday|\bborn\b/i.test(text)) return 1;
  if (/電話|でんわ|phone|number/i.test(text)) return 2;
  if (/日時|日にち|日付|時間|時刻|にちじ|date|day|time/i.test(text)) return 0;
  return undefined;
}
