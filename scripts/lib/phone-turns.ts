// Every turn a caller hears on the reservation line, for its spoken-time budget (issue 14):
// each message function of bot/messages called as the phone line calls it (voice, channel
// 'phone'), and the turns the dialogs compose from them — a window available + the crowded
// note + the birthday question, an answer + 「ほかにご用件は」, a clarification + the question
// again, the completion + the next question. Used by `npm run bench:voice` and
// test/unit/voice-budget.test.ts.
//
// Budgets (seconds at 7.5 morae a second, bot/speech-length.ts):
// - a question turn ≤ 10 s: the caller must still hold the question when it ends;
// - the read-back and the completion (and the other turns that read a reservation back: the
//   one found, a cancellation or change to confirm, done) ≤ 15 s: every detail is needed there;
// - an answer to a question ≤ 15 s, the question after it included (「ほかのご用件は…」): about
//   three short sentences and the menu, as much as a caller follows without writing it down. A
//   longer answer says its first sentences and sends the rest to staff (「担当者、とお話しください」);
// - the welcome ≤ 15 s: one sentence saying where the caller is, then the menu (itself ≤ 10 s);
// - a repair — the question again after a miss — may open with a short lead (an apology, 0 for
//   a person, 「もう一度申し上げます」) of at most 4 s before the question, which keeps its budget.
import * as bm from '../../bot/messages/booking.ja.js';
import * as general from '../../bot/messages/general.ja.js';
import * as info from '../../bot/messages/info.ja.js';
import * as limits from '../../bot/messages/limits.ja.js';
import * as mg from '../../bot/messages/manage.ja.js';
import * as repair from '../../bot/messages/repair.ja.js';
import * as transfer from '../../bot/messages/transfer.ja.js';
import * as ra from '../../bot/messages/rule-answers.ja.js';
import * as rem from '../../bot/messages/reminders.ja.js';
import * as pr from '../../bot/messages/proxy-request.ja.js';
import type { Act, Say } from '../../bot/messages/say.js';
import { turnLength } from '../../bot/speech-length.js';
import type { JapaneseTokenizer } from '../../bot/understanding/tokenizer.js';
import { ASK_KINDS, type AskKind } from '../../bot/understanding/answers.js';
import { TOPICS_BY_INTENT } from '../../bot/understanding/intent-topics.js';
import type { BookingRefusal } from '../../domain/booking-rules.js';
import type { DayStatus } from '../../domain/calendar.js';
import { checklistFor, type ApplicantSituation } from '../../domain/documents.js';
import { assessEligibility, type EligibilityFacts, type Verdict } from '../../domain/eligibility.js';
import { feeFor, type FeeSituation } from '../../domain/fees.js';
import type { Reservation, ReservationStatus } from '../../domain/reservation.js';

export const QUESTION_BUDGET = 10;
export const READ_BACK_BUDGET = 15;
export const ANSWER_BUDGET = 15;
export const WELCOME_BUDGET = 15;
/** The lead a repair may say before the question again. */
export const REPAIR_LEAD = 4;

/** Acts of a turn that reads a reservation back or says it is done: every detail counts. */
const READS_BACK = new Set<Act>(['read-back', 'booked', 'confirm-cancel', 'confirm-change', 'cancelled', 'changed', 'shows-reservation']);
/** Acts of a question or a repair that expects the caller's answer (and nothing else). */
const ASKS = new Set<Act>([
  'welcome', 'asks-notice', 'asks-certificate-expiry', 'asks-card-expiry', 'asks-in-person', 'asks-date', 'asks-time', 'offers-windows',
  'asks-birthday', 'asks-phone', 'asks-use-caller-number', 'asks-email', 'asks-another-member', 'asks-reservation-number', 'asks-birthday-lookup',
  'asks-manage-action', 'clarifies', 'offers-handoff', 'anything-else', 'offers-proxy-request', 'asks-requester', 'asks-name',
]);

export type BudgetKind = 'question' | 'read-back' | 'answer' | 'welcome';

/**
 * What a turn is, from its messages' acts: the welcome; a read-back; a question (only asks — a
 * repair's 'help', what works, is part of asking again); else an answer (something told).
 */
export function kindOf(acts: readonly Act[]): BudgetKind {
  if (acts.includes('welcome')) return 'welcome';
  if (acts.some((a) => READS_BACK.has(a))) return 'read-back';
  const repair = acts.includes('clarifies');
  if (acts.length > 0 && acts.every((a) => ASKS.has(a) || (repair && a === 'help'))) return 'question';
  return 'answer';
}

/** A repair that says the question again after a lead: a clarification with what works, or with the question's own act. */
export function isRepair(acts: readonly Act[]): boolean {
  return acts.includes('clarifies') && acts.some((a) => a !== 'clarifies');
}

export function budgetOf(kind: BudgetKind, acts: readonly Act[] = []): number {
  const base = kind === 'question' ? QUESTION_BUDGET : kind === 'read-back' ? READ_BACK_BUDGET : kind === 'welcome' ? WELCOME_BUDGET : ANSWER_BUDGET;
  return base + (kind !== 'answer' && isRepair(acts) ? REPAIR_LEAD : 0);
}

export interface Measured {
  turn: PhoneTurn;
  label: string;
  morae: number;
  seconds: number;
  kind: BudgetKind;
  budget: number;
  /** What the caller hears, the turn's messages in a row. */
  speech: string;
}

/** A turn's spoken length against its budget. */
export function measure(t: PhoneTurn, tokenizer: JapaneseTokenizer): Measured {
  const l = turnLength(t.parts.map((p) => p.speak), tokenizer);
  const kind = kindOfTurn(t);
  return {
    turn: t,
    label: t.about ? `${t.name} (${t.about})` : t.name,
    morae: l.morae,
    seconds: l.seconds,
    kind,
    budget: budgetOf(kind, t.parts.flatMap((p) => p.acts ?? [])),
    speech: t.parts.map((p) => p.speak).join(' '),
  };
}

/** Messages whose acts do not say they ask (the information menu asks which topic). */
const ASKING = new Set(['infoMenu']);

/** The budget kind of a turn: by its acts, and a message that asks without an asking act. */
export function kindOfTurn(t: PhoneTurn): BudgetKind {
  const acts = t.parts.flatMap((p) => p.acts ?? []);
  return ASKING.has(t.name) ? 'question' : kindOf(acts);
}

export interface PhoneTurn {
  /** The message function, or the composition (「a + b」). */
  name: string;
  about: string;
  /** The messages said in the turn, in order. */
  parts: Say[];
}

const DESK = '072-724-6920';
const NOW = new Date('2026-12-07T10:00:00+09:00'); // a Monday
const window = (date: string, start: string, end: string) => ({ date, start, end, capacity: 2, remaining: 1 });
const W1 = window('2026-12-22', '10:00', '10:30');
const W2 = window('2026-12-22', '10:30', '11:00');
const W3 = window('2026-12-23', '09:00', '09:30');
// The longest a window reads: two-digit month and day, minutes on both ends.
const LONG = [window('2026-12-24', '11:30', '12:00'), window('2026-12-28', '14:30', '15:00'), window('2027-01-12', '16:00', '16:30')];
const reservation = (status: ReservationStatus = 'booked', at: Partial<Reservation> = {}): Reservation => ({
  number: '38401726', date: '2026-12-22', start: '10:00', end: '10:30', status, channel: 'phone', birthday: '05-03', phone: '09012345678',
  email: null, lineUserId: null, createdAt: NOW, updatedAt: NOW, ...at,
});
const REISSUE = feeFor({ cardValid: false });

/**
 * Message functions never said on a call, and why: the phone line asks no e-mail; a handoff on
 * the phone is a transfer or a callback (later words reach a caller by text message); LINE's own
 * reservations; English on web and LINE (on the phone, englishOnPhone in an English voice).
 */
export const NOT_SPOKEN: Record<string, string> = {
  askEmail: 'web only', emailNotUnderstood: 'web only', askEmailCode: 'web only', wrongEmailCode: 'web only', emailCodeResent: 'web only',
  emailCodeExpired: 'web only', emailCodeFailed: 'web only', emailCodeNotSent: 'web only',
  handoffWeb: 'web', handoffLine: 'LINE', handoffReopened: 'web and LINE', handoffUnanswered: 'web and LINE (a call is texted)', handoffWaiting: 'web and LINE',
  handoffEnded: 'web and LINE', handoffAskCallbackPhone: 'web and LINE', handoffCallbackNoted: 'web and LINE', handoffCallbackPhoneUnclear: 'web and LINE',
  handoffCallbackCancelled: 'web and LINE',
  askWhichBooking: 'LINE', noBookingsOnLine: 'LINE', proxyMustCall: 'web and LINE (the phone: proxyBooksWithStaff)',
  switchedToEnglish: 'web and LINE', switchedToJapanese: 'web and LINE', englishOnPhone: 'English, in an English voice',
  detailsCorrected: 'web and LINE (on the phone the read-back says every detail; a question has no time to spare)',
  wishNoted: 'web and LINE (on the phone the day is kept silently: the question it interrupted has no time to spare)',
  reminder: 'LINE and e-mail', reminderSms: 'a text message', othersBringOther: 'web and LINE (on the phone, anyone else’s documents go to staff)',
};

/** Exports of the message modules that are no message (helpers, tables, constants). */
export const NOT_MESSAGES = new Set(['choiceLabels', 'choiceLabelsEn', 'documentsNote', 'isDocumentsTopic', 'isEligibilityTopic', 'isOfficeTopic', 'eraDateText', 'reminderMail']);

const VERDICT_FACTS: EligibilityFacts[] = [
  { noticeReceived: true }, { certificateExpired: true }, { certificateExpiresOn: '2027-01-10' }, { certificateExpiresOn: '2027-06-10' },
  { cardExpiresOn: '2026-11-01' }, { cardExpiresOn: '2027-01-10', noticeReceived: true }, { noticeReceived: false },
  { noticeReceived: true, under15: true, faceAuthCard: true }, { certificateExpiresOn: '2027-03-10', cardExpiresOn: '2027-05-01' },
  { issuedWithoutCertificates: true }, { noticeReceived: true, pinKnown: false }, { noticeReceived: true, adultWard: true },
];
const verdicts = (): [string, Verdict][] => VERDICT_FACTS.map((f) => [JSON.stringify(f), assessEligibility(f, '2026-11-25')]);

const SITUATIONS: ApplicantSituation[] = [
  { kind: 'self' }, { kind: 'self', faceAuthCard: true }, { kind: 'proxy' }, { kind: 'proxy', faceAuthCard: true },
  { kind: 'legal-representative', holder: 'minor' }, { kind: 'legal-representative', holder: 'adult-ward' }, { kind: 'legal-representative' },
  { kind: 'legal-representative', holder: 'minor', holderComesAlong: true, representativeHasPhotoId: false },
  { kind: 'legal-representative', holder: 'minor', honsekiInMinoh: true }, { kind: 'household-proxy-at-move' },
];

const REFUSALS: BookingRefusal[] = [
  { reason: 'closed', closed: { kind: 'sunday' } }, { reason: 'closed', closed: { kind: 'saturday' } }, { reason: 'closed', closed: { kind: 'holiday', name: '天皇誕生日' } },
  { reason: 'closed', closed: { kind: 'year-end' } }, { reason: 'closed', closed: { kind: 'closure', reason: '庁舎点検' } }, { reason: 'full' }, { reason: 'blocked' },
  { reason: 'started' }, { reason: 'no-such-window' }, { reason: 'too-soon-phone-only', deadline: '2026-12-18', deskPhone: DESK },
  { reason: 'not-released', releasedAt: { date: '2026-12-18', time: '09:00' } }, { reason: 'before-service-start', firstDate: '2026-12-01' }, { reason: 'not-accepting-yet', opensOn: '2026-12-01' },
];
/** The phone line books days the internet no longer does (R7): never told 'too-soon-phone-only'. */
const PHONE_REFUSALS = REFUSALS.filter((r) => r.reason !== 'too-soon-phone-only');
const refusalName = (r: BookingRefusal) => ('closed' in r ? `closed (${r.closed.kind})` : r.reason);

/** Every message function as the phone line calls it: [function, the case, the message]. */
export function phoneMessages(): PhoneTurn[] {
  const out: PhoneTurn[] = [];
  const add = (name: string, about: string, s: Say) => out.push({ name, about, parts: [s] });
  add('welcome', '', info.welcome('phone'));
  add('help', '', info.help('phone'));
  add('notUnderstood', '', info.notUnderstood(true));
  add('goodbye', '', info.goodbye(true));
  add('whatIsIt', '', general.whatIsIt(true));
  add('infoMenu', '', general.infoMenu());
  add('sorry', '', general.sorry(DESK));
  add('anythingElse', '', bm.anythingElse(true));
  add('askNoticeReceived', '', info.askNoticeReceived());
  add('askCertificateExpiry', '', info.askCertificateExpiry());
  add('askCardExpiringSoon', '', info.askCardExpiringSoon());
  add('askMinorOrWard', '', bm.askMinorOrWard());
  add('askApplicantKind', '', info.askApplicantKind());
  add('askCardValid', '', info.askCardValid());
  add('offerToBook', '', bm.offerToBook());
  add('askInPerson', '', bm.askInPerson());
  add('askDate', 'with the nearest free day', bm.askDate(['2026-12-22', '2026-12-23'], true));
  add('askDate', 'no days free soon', bm.askDate([], true));
  add('dateNotUnderstood', '', bm.dateNotUnderstood());
  add('askTime', '3 times', bm.askTime('2026-12-22', [W1, W2, W3], true));
  add('askTime', 'the longest times', bm.askTime('2026-12-24', LONG, true));
  add('timeNotUnderstood', '', bm.timeNotUnderstood());
  add('offers', '3 windows', bm.offers([W1, W2, W3], true));
  add('offers', 'the longest windows', bm.offers(LONG, true));
  add('offers', 'none', bm.offers([], true));
  add('pickNotUnderstood', '', bm.pickNotUnderstood());
  add('dayFull', '', bm.dayFull('2026-12-22'));
  add('noneInPeriod', '', bm.noneInPeriod('2026-12-22'));
  for (const r of PHONE_REFUSALS) add('refusal', refusalName(r), bm.refusal(r, W1));
  add('windowAvailable', '', bm.windowAvailable(W1));
  add('crowdedNote', 'a Saturday', info.crowdedNote('2026-12-26'));
  add('crowdedNote', 'after a holiday', info.crowdedNote('2027-01-04'));
  add('askBirthday', '', bm.askBirthday());
  add('birthdayNotUnderstood', '', bm.birthdayNotUnderstood());
  add('askPhone', 'the caller’s number', bm.askPhone('09012345678'));
  add('askPhone', 'no caller number', bm.askPhone(undefined));
  add('askOtherPhone', '', bm.askOtherPhone());
  add('phoneNotUnderstood', '', bm.phoneNotUnderstood());
  add('confirmBooking', '', bm.confirmBooking({ window: W1, birthday: '05-03', phone: '09012345678' }));
  add('confirmBooking', 'the longest', bm.confirmBooking({ window: LONG[1]!, birthday: '12-24', phone: '0727246920' }));
  add('askWhatToFix', '', bm.askWhatToFix());
  add('booked', '', bm.booked(reservation(), info.bringForSelf(true)));
  add('booked', 'the longest', bm.booked(reservation('booked', { date: '2026-12-28', start: '14:30', end: '15:00' }), info.bringForSelf(true)));
  add('repeatNumber', '', bm.repeatNumber(reservation()));
  add('alreadyBooked', '', bm.alreadyBooked(reservation()));
  add('askAnotherMember', '', bm.askAnotherMember());
  add('bookingCancelledByUser', '', bm.bookingCancelledByUser());
  add('stopped', '', bm.stopped());
  add('askReservationNumber', '', mg.askReservationNumber());
  add('numberLost', '', mg.numberLost(DESK));
  add('numberNotUnderstood', '', mg.numberNotUnderstood());
  add('askBirthdayForLookup', '', mg.askBirthdayForLookup());
  add('notFound', '', mg.notFound());
  for (const status of ['booked', 'cancelled', 'checked-in', 'no-show'] as const) {
    add('showReservation', status, mg.showReservation(reservation(status)));
    add('notActive', status, mg.notActive(status));
  }
  add('askManageAction', '', mg.askManageAction());
  add('confirmCancel', '', mg.confirmCancel(reservation()));
  add('cancelled', '', mg.cancelled(reservation()));
  add('keptAsIs', '', mg.keptAsIs());
  add('confirmChange', '', mg.confirmChange(reservation(), W3));
  add('confirmChange', 'the longest', mg.confirmChange(reservation('booked', { date: '2026-12-24', start: '11:30', end: '12:00' }), LONG[1]!));
  add('changed', '', mg.changed(reservation()));
  add('alreadyStarted', '', mg.alreadyStarted());
  add('wrongChannel', 'phone', mg.wrongChannel('phone', DESK));
  add('wrongChannel', 'internet', mg.wrongChannel('internet', DESK));
  add('lookupLocked', '', limits.lookupLocked(DESK));
  add('tooManyLookups', '', limits.tooManyLookups(DESK));
  add('bookingLimitReached', '', limits.bookingLimitReached('phone', 5, DESK));
  for (const [about, v] of verdicts()) add('eligibilityVerdict', about, info.eligibilityVerdict(v, true));
  add('whoMayBook', '', info.whoMayBook());
  for (const s of SITUATIONS) add('documentsFor', JSON.stringify(s), info.documentsFor(checklistFor(s), true, DESK));
  add('idDocumentLists', '', info.idDocumentLists(true));
  add('bringForSelf', '', info.bringForSelf(true));
  add('pinForgotten', '', info.pinForgotten(true));
  add('proxyBooksWithStaff', '', info.proxyBooksWithStaff());
  add('proxyInfo', '', info.proxyInfo(DESK, 'phone'));
  add('officeInfo', '', info.officeInfo(DESK, true));
  const fees: FeeSituation[] = [{ cardValid: true }, { cardValid: false }, { cardValid: false, express: true }, { cardValid: false, signing: false, userAuth: false }];
  for (const f of fees) add('feeAnswer', JSON.stringify(f), info.feeAnswer(feeFor(f)));
  for (const asked of [false, true]) add('cardReissueAnswer', asked ? 'asked about fees' : 'asked about booking', info.cardReissueAnswer(REISSUE, DESK, true, asked));
  add('feeAnswerShort', '', general.feeAnswerShort(REISSUE));
  add('reservationFree', '', general.reservationFree(REISSUE));
  const days: DayStatus[] = [{ open: true }, { open: false, closed: { kind: 'year-end' } }, { open: false, closed: { kind: 'holiday', name: '元日' } }, { open: false, closed: { kind: 'saturday' } }];
  for (const topic of ['open-days', 'hours'] as const) {
    for (const status of days) add('officeTopicAnswer', `${topic}, ${JSON.stringify(status)}`, info.officeTopicAnswer(topic, { deskPhone: DESK, voice: true, askedDay: { date: '2026-12-29', status } }));
  }
  add('eligibilityTopicAnswer', 'face-auth', info.eligibilityTopicAnswer('face-auth', true, DESK));
  add('documentsTopicAnswer', 'copies', info.documentsTopicAnswer('copies', true));
  // Every rule topic, as each intent it belongs to asks it (officeTopicAnswer, eligibilityTopicAnswer,
  // documentsTopicAnswer, feeAnswer, reservationFree, proxyBooksWithStaff in their contexts).
  for (const [intent, topics] of TOPICS_BY_INTENT) {
    for (const topic of topics) {
      const s = ra.ruleAnswer(topic, intent, { channel: 'phone', deskPhone: DESK, reissueFee: REISSUE, openSaturdays: ['2026-12-12', '2026-12-26'], releasedThrough: '2027-01-08', leadBusinessDays: 2 });
      if (s) add('ruleAnswer', `${intent}/${topic}`, s);
    }
  }
  add('staffUnavailable', '', info.staffUnavailable(DESK));
  add('handoffPhoneTransfer', '', info.handoffPhoneTransfer());
  for (const staffed of [true, false]) add('handoffPhoneCallback', staffed ? 'desk hours' : 'closed', info.handoffPhoneCallback(staffed));
  add('transferEnded', '', transfer.transferEnded());
  add('transferUnanswered', '', transfer.transferUnanswered());
  add('transferUnansweredAskPhone', '', transfer.transferUnansweredAskPhone());
  add('askCallbackPhone', '', transfer.askCallbackPhone());
  add('callbackNoted', '', transfer.callbackNoted('09012345678'));
  add('callbackNotTaken', '', transfer.callbackNotTaken(DESK));
  for (const kind of ASK_KINDS) {
    add('clarify', kind, repair.clarify(kind));
    add('cannotHandle', kind, repair.cannotHandle(kind, true));
  }
  // A detail heard unsurely, said back (the longest: a reservation number in groups).
  add('confirmHeard', 'a date', repair.confirmHeard({ text: '12月23日(水)', speak: '12月23日 水曜日', en: 'Wed, Dec 23' }));
  add('confirmHeard', 'a reservation number', repair.confirmHeard({ text: '3840 1726', speak: '3 8 4 0、1 7 2 6', en: '3840 1726' }));
  add('heardWrong', '', repair.heardWrong());
  add('remindersOff', 'one', rem.remindersOff([reservation()]));
  add('remindersOff', 'a family', rem.remindersOff([reservation(), reservation('booked', { number: '51203348', start: '10:30', end: '11:00' })]));
  add('noReminderFor', 'cancelled', rem.noReminderFor(reservation('cancelled')));
  add('noReminderYet', '', rem.noReminderYet());
  add('findForReminders', '', rem.findForReminders());
  add('offerRequest', '', pr.offerRequest(true));
  add('steps', '', pr.steps(true));
  add('askRequester', '', pr.askRequester());
  add('requesterRefused', '', pr.requesterRefused(DESK, true));
  add('askName', '', pr.askName(true));
  add('confirmName', '', pr.confirmName('ミノオ ハナコ'));
  add('askNameAgain', '', pr.askNameAgain());
  add('askBirthday', 'the proxy form', pr.askBirthday());
  add('askCallbackPhone', 'the proxy form, the caller’s number', pr.askCallbackPhone('09012345678'));
  add('askCallbackPhone', 'the proxy form, no caller number', pr.askCallbackPhone(undefined));
  add('askOtherCallbackPhone', '', pr.askOtherCallbackPhone());
  add('confirmRequest', '', pr.confirmRequest({ kanaName: 'ミノオ ハナコ', birthday: '12-24', phone: '0727246920' }));
  add('startOver', '', pr.startOver());
  add('requestTaken', '', pr.requestTaken(DESK, true));
  add('alreadyRequested', '', pr.alreadyRequested());
  add('requestByPhone', '', pr.requestByPhone(DESK));
  add('offTopic', '', repair.offTopic());
  add('blank', '', repair.blank());
  add('offerHandoff', '', repair.offerHandoff());
  add('handoffDeclined', '', repair.handoffDeclined(DESK));
  add('silentLine', '', repair.silentLine(DESK));
  return out;
}

/** Messages said only before another one (composed below with what follows them), a menu, and the apology that ends a call. */
const LEAD_INS = new Set(['infoMenu', 'sorry', 'findForReminders', 'steps', 'startOver', 'refusal', 'dayFull', 'noneInPeriod', 'crowdedNote', 'windowAvailable', 'notActive', 'alreadyStarted', 'wrongChannel', 'repeatNumber', 'eligibilityVerdict', 'showReservation', 'alreadyBooked']);

/** The question a prompt of `kind` asks (for a clarification joined with it again). */
const QUESTION: Partial<Record<AskKind, () => Say>> = {
  'window-choice': () => bm.offers([W1, W2, W3], true),
  'read-back': () => bm.confirmBooking({ window: W1, birthday: '05-03', phone: '09012345678' }),
};

/**
 * The turns the dialogs compose on the phone line: several messages said in a row (each its
 * own <Say>, or joined into one). Kept next to the dialogs' code they mirror: booking-dialog
 * (verdict + next question, window + crowded + birthday, completion + family), choose-window
 * (why not + offers), ask-prompt (clarification + the question again, for lists and the
 * read-back), main-dialog (an answer + 「ほかにご用件は」, a side question + the question again),
 * manage-dialog (the reservation + what to do, or why it cannot be changed).
 */
export function composedTurns(): PhoneTurn[] {
  const out: PhoneTurn[] = [];
  const turn = (about: string, ...parts: Say[]) => out.push({ name: parts.map((p) => nameOf(p)).join(' + '), about, parts });
  const again = bm.anythingElse(true);
  // booking-dialog: a window is free, maybe on a crowded day, then the birthday.
  turn('a window available', bm.windowAvailable(W1), bm.askBirthday());
  turn('a window available on a Saturday', bm.windowAvailable(window('2026-12-26', '11:30', '12:00')), info.crowdedNote('2026-12-26'), bm.askBirthday());
  turn('a window available after a holiday', bm.windowAvailable(window('2027-01-04', '14:30', '15:00')), info.crowdedNote('2027-01-04'), bm.askBirthday());
  // booking-dialog: the completion and the next family member's question; 9 says the number again.
  turn('the completion', bm.booked(reservation(), info.bringForSelf(true)), bm.askAnotherMember());
  turn('the completion, the longest', bm.booked(reservation('booked', { date: '2026-12-28', start: '14:30', end: '15:00' }), info.bringForSelf(true)), bm.askAnotherMember());
  turn('the number again (9)', bm.repeatNumber(reservation()), bm.askAnotherMember());
  turn('already booked, then anything else', bm.alreadyBooked(reservation()), again);
  // eligibility-dialog and booking-dialog: the verdict, then booking now? (it allows booking),
  // a person offered (a case for staff), or 「ほかのご用件は」.
  for (const [about, v] of verdicts()) {
    const verdict = info.eligibilityVerdict(v, true);
    if (v.kind === 'renewal' || v.kind === 'new-issuance') turn(`${about}, book now?`, verdict, bm.offerToBook());
    else if (v.kind === 'ask-staff') turn(`${about}, a person?`, verdict, repair.offerHandoff());
    else turn(`${about}, then anything else`, verdict, again);
  }
  // choose-window-dialog: why not, then the nearest windows (or another day).
  for (const r of PHONE_REFUSALS) turn(`${refusalName(r)}, then the nearest windows`, bm.refusal(r, W1), bm.offers(LONG, true));
  turn('a full day, then the nearest windows', bm.dayFull('2026-12-22'), bm.offers(LONG, true));
  turn('nothing then, another day?', bm.noneInPeriod('2026-12-22'), bm.askDate([], true));
  turn('nothing at that time, the day’s times', bm.noneInPeriod('2026-12-24'), bm.askTime('2026-12-24', LONG, true));
  // ask-prompt: a clarification (and after two misses, what works) with the question again.
  for (const [kind, question] of Object.entries(QUESTION) as [AskKind, () => Say][]) {
    turn(`${kind}: clarified`, repair.clarify(kind), question());
    turn(`${kind}: what works`, repair.cannotHandle(kind, true), question());
  }
  // ask-prompt: 「いいえ」 to what was said back, then the question again.
  for (const [kind, question] of Object.entries(QUESTION) as [AskKind, () => Say][]) turn(`${kind}: heard wrong, asked again`, repair.heardWrong(), question());
  // main-dialog: after a task or an answer, 「ほかにご用件は」.
  for (const t of phoneMessages()) {
    const acts = t.parts.flatMap((p) => p.acts ?? []);
    const ends = acts.includes('goodbye') || acts.includes('anything-else') || acts.includes('handoff');
    if (kindOf(acts) === 'answer' && !ends && !LEAD_INS.has(t.name)) turn(`${t.name}${t.about ? ` (${t.about})` : ''}, then anything else`, ...t.parts, again);
  }
  turn('cancelled, then anything else', mg.cancelled(reservation()), again);
  turn('changed, then anything else', mg.changed(reservation()), again);
  // proxy-request-dialog: the proxy answer and the offer to mail the form; the steps and who asks.
  turn('a proxy, then the offer of the form', info.proxyInfo(DESK, 'phone'), pr.offerRequest(true));
  turn('a proxy rule, then the offer of the form', ra.ruleAnswer('moving', 'proxy', { channel: 'phone', deskPhone: DESK, reissueFee: REISSUE })!, pr.offerRequest(true));
  turn('the steps, then who asks', pr.steps(true), pr.askRequester());
  turn('no, the details again', pr.startOver(), pr.askName(true));
  // main-dialog: help asked mid-booking (the question again), or at the top (「ほかのご用件は」).
  turn('help mid-booking', info.help('phone'), bm.askInPerson());
  // main-dialog: a side question mid-booking, then the question again.
  turn('documents asked at the date question', info.bringForSelf(true), bm.askDate(['2026-12-22'], true));
  turn('fees asked at the birthday question', general.feeAnswerShort(REISSUE), bm.askBirthday());
  // manage-dialog: the reservation found, then what to do — or why it cannot be changed.
  turn('found, what to do?', mg.showReservation(reservation()), mg.askManageAction());
  for (const status of ['cancelled', 'checked-in', 'no-show'] as const) turn(`found ${status}`, mg.showReservation(reservation(status)), mg.notActive(status), again);
  turn('found, started', mg.showReservation(reservation()), mg.alreadyStarted(), again);
  turn('found, booked on the internet', mg.showReservation(reservation()), mg.wrongChannel('internet', DESK), again);
  turn('not found, the number again', mg.notFound(), mg.askReservationNumber());
  // documents-dialog: the checklist, then the ID lists when the checklist names them.
  for (const s of SITUATIONS) {
    const c = checklistFor(s);
    const parts = [info.documentsFor(c, true, DESK), ...(c.items.some((i) => i.idList) ? [info.idDocumentLists(true)] : []), again];
    turn(`documents ${JSON.stringify(s)}`, ...parts);
  }
  return out;
}

// Function names for the composed turns' labels, by identity of what they say.
const NAMES = new Map<string, string>();
function nameOf(s: Say): string {
  if (!NAMES.size) for (const t of phoneMessages()) NAMES.set(t.parts[0]!.speak, t.name);
  return NAMES.get(s.speak) ?? 'message';
}
