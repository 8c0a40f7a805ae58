// Every sentence the reservation bot says has its English (web and LINE) and says what it does in
// the conversation (its act, in the words of test/conversations): each exported message function
// is called with representative arguments, and what an English-speaking citizen would see is
// checked — English only, buttons in the same order as the Japanese ones and short enough for
// LINE, dates as "Tue, Dec 22, 10:00–10:30", and buttons the answer reader takes back.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
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
import { inLanguage, type Act, type Say } from '../../bot/messages/say.js';
import { birthdayTextEn, dateTextEn, windowChoiceTextEn, windowTextEn } from '../../bot/format.js';
import { ASK_KINDS, readAnswer, type AskContext, type AskKind } from '../../bot/understanding/answers.js';
import { TOPICS_BY_INTENT } from '../../bot/understanding/intent-topics.js';
import { loadTokenizer, type JapaneseTokenizer } from '../../bot/understanding/tokenizer.js';
import type { BookingRefusal, Channel } from '../../domain/booking-rules.js';
import type { DayStatus } from '../../domain/calendar.js';
import { checklistFor, ID_DOCUMENTS, type ApplicantSituation } from '../../domain/documents.js';
import { assessEligibility, type EligibilityFacts } from '../../domain/eligibility.js';
import { feeFor, type FeeSituation } from '../../domain/fees.js';
import type { Reservation, ReservationStatus } from '../../domain/reservation.js';

const DESK = '072-724-6920';
const NOW = new Date('2026-12-07T10:00:00+09:00'); // a Monday

/** The act vocabulary of test/conversations (FORMAT.md), checked against the `Act` type both ways. */
const ACTS = [
  'welcome', 'asks-notice', 'asks-certificate-expiry', 'asks-card-expiry', 'asks-in-person', 'asks-date', 'asks-time',
  'offers-windows', 'asks-birthday', 'asks-phone', 'asks-use-caller-number', 'asks-email', 'read-back', 'booked',
  'asks-another-member', 'asks-reservation-number', 'asks-birthday-lookup', 'shows-reservation', 'asks-manage-action',
  'confirm-cancel', 'cancelled', 'confirm-change', 'changed', 'kept-as-is', 'answers-documents', 'answers-fees',
  'answers-eligibility', 'answers-office', 'answers-pin', 'answers-proxy', 'not-eligible', 'refers-to-phone', 'clarifies',
  'stopped', 'off-topic-reply', 'help', 'handoff', 'offers-handoff', 'anything-else', 'goodbye', 'resumes',
  'full-offers-alternatives', 'too-soon-phone-only', 'closed-day',
  'offers-proxy-request', 'asks-requester', 'asks-name', 'proxy-request-taken',
] as const satisfies readonly Act[];
const everyAct: Exclude<Act, (typeof ACTS)[number]> extends never ? true : false = true;

/**
 * Sentences said only together with another message, whose act that one carries; the
 * vocabulary has no act for them (a lead-in, or why a found reservation cannot be changed).
 */
const WITHOUT_ACT = new Set(['windowAvailable', 'detailsCorrected', 'wishNoted', 'handoffCallbackCancelled', 'emailCodeExpired', 'notActive', 'alreadyStarted', 'wrongChannel internet', 'findForReminders']);

/** Exports of the message modules that are no message (helpers, tables, constants). */
const NOT_MESSAGES = new Set(['choiceLabels', 'choiceLabelsEn', 'documentsNote', 'isDocumentsTopic', 'isEligibilityTopic', 'isOfficeTopic', 'eraDateText', 'reminderMail']);

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー「」『』【】、。・〜（）]/u;
/** LINE shows at most 20 characters on a button; English buttons have no short form. */
const LINE_LABEL = 20;

const window = (date: string, start: string, end: string) => ({ date, start, end, capacity: 2, remaining: 1 });
const W1 = window('2026-12-22', '10:00', '10:30');
const W2 = window('2026-12-22', '10:30', '11:00');
const W3 = window('2026-12-23', '09:00', '09:30');
const reservation = (status: ReservationStatus = 'booked', at: Partial<Reservation> = {}): Reservation => ({
  number: '38401726', date: '2026-12-22', start: '10:00', end: '10:30', status, channel: 'web', birthday: '05-03', phone: '09012345678',
  email: 'taro@example.jp', lineUserId: null, createdAt: NOW, updatedAt: NOW, ...at,
});
const CHANNELS: Channel[] = ['web', 'line', 'phone'];

/** [function name, what the case is, the call]. */
type Case = [fn: string, about: string, call: () => Say];
const cases: Case[] = [];
const add = (fn: string, about: string, call: () => Say) => cases.push([fn, about, call]);

for (const voice of [false, true]) {
  const v = voice ? 'phone' : 'screen';
  add('askDate', v, () => bm.askDate(['2026-12-22', '2026-12-23'], voice));
  add('askDate', `${v}, no days free soon`, () => bm.askDate([], voice));
  add('askTime', v, () => bm.askTime('2026-12-22', [W1, W2, W3], voice));
  add('offers', v, () => bm.offers([W1, W2, W3], voice));
  add('offers', `${v}, none`, () => bm.offers([], voice));
  add('anythingElse', v, () => bm.anythingElse(voice));
  add('notUnderstood', v, () => info.notUnderstood(voice));
  add('goodbye', v, () => info.goodbye(voice));
  add('pinForgotten', v, () => info.pinForgotten(voice));
  add('whatIsIt', v, () => general.whatIsIt(voice));
  add('bringForSelf', v, () => info.bringForSelf(voice));
  add('idDocumentLists', v, () => info.idDocumentLists(voice));
  add('officeInfo', v, () => info.officeInfo(DESK, voice));
  for (const kind of ASK_KINDS) add('cannotHandle', `${v}, ${kind}`, () => repair.cannotHandle(kind, voice));
  for (const fees of [false, true]) add('cardReissueAnswer', `${v}, asked about ${fees ? 'fees' : 'booking'}`, () => info.cardReissueAnswer(feeFor({ cardValid: false }), DESK, voice, fees));
  const situations: ApplicantSituation[] = [
    { kind: 'self' }, { kind: 'self', faceAuthCard: true }, { kind: 'proxy' }, { kind: 'proxy', faceAuthCard: true },
    { kind: 'legal-representative', holder: 'minor' }, { kind: 'legal-representative', holder: 'adult-ward' }, { kind: 'legal-representative' },
    { kind: 'legal-representative', holder: 'minor', holderComesAlong: true, representativeHasPhotoId: false },
    { kind: 'legal-representative', holder: 'minor', honsekiInMinoh: true }, { kind: 'household-proxy-at-move' },
  ];
  for (const s of situations) add('documentsFor', `${v}, ${JSON.stringify(s)}`, () => info.documentsFor(checklistFor(s), voice, DESK));
  const facts: EligibilityFacts[] = [
    { noticeReceived: true }, { certificateExpired: true }, { certificateExpiresOn: '2027-01-10' }, { certificateExpiresOn: '2027-06-10' },
    { cardExpiresOn: '2026-11-01' }, { cardExpiresOn: '2027-01-10', noticeReceived: true }, { noticeReceived: false },
    { noticeReceived: true, under15: true, faceAuthCard: true }, { certificateExpiresOn: '2027-03-10', cardExpiresOn: '2027-05-01' },
    { issuedWithoutCertificates: true }, { noticeReceived: true, pinKnown: false }, { noticeReceived: true, adultWard: true },
  ];
  for (const f of facts) add('eligibilityVerdict', `${v}, ${JSON.stringify(f)}`, () => info.eligibilityVerdict(assessEligibility(f, '2026-11-25'), voice));
  const days: DayStatus[] = [{ open: true }, { open: false, closed: { kind: 'year-end' } }, { open: false, closed: { kind: 'holiday', name: '元日' } }, { open: false, closed: { kind: 'saturday' } }];
  for (const topic of ['open-days', 'hours'] as const) for (const status of days) add('officeTopicAnswer', `${v}, ${topic}, ${JSON.stringify(status)}`, () => info.officeTopicAnswer(topic, { deskPhone: DESK, voice, askedDay: { date: '2026-12-29', status } }));
}
// Every rule topic, as each intent it belongs to asks it, on each door (also runs officeTopicAnswer,
// eligibilityTopicAnswer, documentsTopicAnswer, feeAnswer and reservationFree).
for (const [intent, topics] of TOPICS_BY_INTENT) {
  for (const topic of topics) {
    for (const channel of CHANNELS) {
      add('ruleAnswer', `${intent}/${topic} on ${channel}`, () => ra.ruleAnswer(topic, intent, {
        channel, deskPhone: DESK, reissueFee: feeFor({ cardValid: false }), openSaturdays: ['2026-12-12', '2026-12-26'], releasedThrough: '2027-01-08', leadBusinessDays: 2,
      })!);
    }
  }
}
for (const channel of CHANNELS) {
  add('welcome', channel, () => info.welcome(channel));
  add('help', channel, () => info.help(channel));
  add('proxyInfo', channel, () => info.proxyInfo(DESK, channel));
  for (const staffed of [true, false]) add('handoffUnanswered', `${channel}, ${staffed ? 'desk hours' : 'closed'}`, () => info.handoffUnanswered(channel, staffed, DESK));
  for (const o of [{ offerCallback: true }, { offerCallback: false }, { offerCallback: true, callbackPhone: '09012345678' }]) add('handoffReopened', `${channel}, ${JSON.stringify(o)}`, () => info.handoffReopened(channel, o, DESK));
  add('bookingLimitReached', channel, () => limits.bookingLimitReached(channel, 5, DESK));
}
const refusals: BookingRefusal[] = [
  { reason: 'closed', closed: { kind: 'sunday' } }, { reason: 'closed', closed: { kind: 'saturday' } }, { reason: 'closed', closed: { kind: 'holiday', name: '天皇誕生日' } },
  { reason: 'closed', closed: { kind: 'year-end' } }, { reason: 'closed', closed: { kind: 'closure', reason: '庁舎点検' } }, { reason: 'full' }, { reason: 'blocked' },
  { reason: 'started' }, { reason: 'no-such-window' }, { reason: 'too-soon-phone-only', deadline: '2026-12-18', deskPhone: DESK },
  { reason: 'not-released', releasedAt: { date: '2026-12-18', time: '09:00' } }, { reason: 'before-service-start', firstDate: '2026-12-01' }, { reason: 'not-accepting-yet', opensOn: '2026-12-01' },
];
for (const r of refusals) add('refusal', 'closed' in r ? `closed (${r.closed.kind})` : r.reason, () => bm.refusal(r, W1));
const fees: FeeSituation[] = [{ cardValid: true }, { cardValid: false }, { cardValid: false, express: true }, { cardValid: false, signing: false, userAuth: false }];
for (const f of fees) add('feeAnswer', JSON.stringify(f), () => info.feeAnswer(feeFor(f)));
for (const status of ['booked', 'cancelled', 'checked-in', 'no-show'] as const) {
  add('showReservation', status, () => mg.showReservation(reservation(status)));
  add('notActive', status, () => mg.notActive(status));
}
for (const staffed of [true, false]) {
  const s = staffed ? 'desk hours' : 'closed';
  add('handoffWeb', s, () => info.handoffWeb(staffed, DESK));
  add('handoffLine', s, () => info.handoffLine(staffed, DESK));
  add('handoffPhoneCallback', s, () => info.handoffPhoneCallback(staffed));
  add('handoffEnded', staffed ? 'by staff' : 'by the citizen', () => info.handoffEnded(!staffed));
}
for (const kind of ASK_KINDS) add('clarify', kind, () => repair.clarify(kind));
add('confirmHeard', 'a date', () => repair.confirmHeard({ text: '12月23日(水)', speak: '12月23日 水曜日', en: 'Wed, Dec 23' }));
add('heardWrong', '', () => repair.heardWrong());
const one: [string, () => Say][] = [
  ['othersBringOther', () => info.othersBringOther()], ['askInPerson', () => bm.askInPerson()], ['dateNotUnderstood', () => bm.dateNotUnderstood()], ['timeNotUnderstood', () => bm.timeNotUnderstood()],
  ['dayFull', () => bm.dayFull('2026-12-22')], ['noneInPeriod', () => bm.noneInPeriod('2026-12-22')], ['pickNotUnderstood', () => bm.pickNotUnderstood()],
  ['windowAvailable', () => bm.windowAvailable(W1)], ['detailsCorrected', () => bm.detailsCorrected({ birthday: '05-03', phone: '09077771234' })], ['wishNoted', () => bm.wishNoted({ date: '2026-12-21', time: null, timeRange: ['12:00', '17:00'] })], ['askBirthday', () => bm.askBirthday()], ['birthdayNotUnderstood', () => bm.birthdayNotUnderstood()],
  ['askPhone', () => bm.askPhone(undefined)], ['askOtherPhone', () => bm.askOtherPhone()], ['phoneNotUnderstood', () => bm.phoneNotUnderstood()],
  ['askEmail', () => bm.askEmail()], ['emailNotUnderstood', () => bm.emailNotUnderstood()],
  ['confirmBooking', () => bm.confirmBooking({ window: W1, birthday: '05-03', phone: '09012345678', email: 'taro@example.jp' })],
  ['askWhatToFix', () => bm.askWhatToFix()], ['booked', () => bm.booked(reservation(), info.bringForSelf(false))], ['repeatNumber', () => bm.repeatNumber(reservation())], ['alreadyBooked', () => bm.alreadyBooked(reservation())],
  ['askAnotherMember', () => bm.askAnotherMember()], ['bookingCancelledByUser', () => bm.bookingCancelledByUser()], ['offerToBook', () => bm.offerToBook()],
  ['stopped', () => bm.stopped()], ['askMinorOrWard', () => bm.askMinorOrWard()],
  ['askReservationNumber', () => mg.askReservationNumber()], ['numberLost', () => mg.numberLost(DESK)], ['numberNotUnderstood', () => mg.numberNotUnderstood()],
  ['askBirthdayForLookup', () => mg.askBirthdayForLookup()], ['notFound', () => mg.notFound()], ['askManageAction', () => mg.askManageAction()],
  ['askWhichBooking', () => mg.askWhichBooking([reservation(), reservation('booked', { date: '2027-01-05', start: '14:00', end: '14:30' })])],
  ['confirmCancel', () => mg.confirmCancel(reservation())], ['cancelled', () => mg.cancelled(reservation())], ['keptAsIs', () => mg.keptAsIs()],
  ['confirmChange', () => mg.confirmChange(reservation(), { date: '2026-12-23', start: '09:00', end: '09:30' })], ['changed', () => mg.changed(reservation())],
  ['alreadyStarted', () => mg.alreadyStarted()], ['noBookingsOnLine', () => mg.noBookingsOnLine()],
  ['askNoticeReceived', () => info.askNoticeReceived()], ['askCertificateExpiry', () => info.askCertificateExpiry()], ['askCardExpiringSoon', () => info.askCardExpiringSoon()],
  ['whoMayBook', () => info.whoMayBook()], ['askApplicantKind', () => info.askApplicantKind()],
  ['eligibilityTopicAnswer', () => info.eligibilityTopicAnswer('face-auth', false, DESK)], ['documentsTopicAnswer', () => info.documentsTopicAnswer('copies', false)],
  ['askCardValid', () => info.askCardValid()], ['proxyBooksWithStaff', () => info.proxyBooksWithStaff()], ['proxyMustCall', () => info.proxyMustCall(DESK)],
  ['handoffAskCallbackPhone', () => info.handoffAskCallbackPhone()], ['handoffCallbackNoted', () => info.handoffCallbackNoted('09012345678')],
  ['handoffCallbackPhoneUnclear', () => info.handoffCallbackPhoneUnclear()], ['handoffCallbackCancelled', () => info.handoffCallbackCancelled()],
  ['handoffWaiting', () => info.handoffWaiting()], ['handoffPhoneTransfer', () => info.handoffPhoneTransfer()], ['staffUnavailable', () => info.staffUnavailable(DESK)],
  ['crowdedNote', () => info.crowdedNote('2026-12-26')], ['feeAnswerShort', () => general.feeAnswerShort(feeFor({ cardValid: false }))],
  ['reservationFree', () => general.reservationFree(feeFor({ cardValid: false }))], ['infoMenu', () => general.infoMenu()], ['sorry', () => general.sorry(DESK)],
  ['lookupLocked', () => limits.lookupLocked(DESK)], ['tooManyLookups', () => limits.tooManyLookups(DESK)], ['askEmailCode', () => limits.askEmailCode('taro@example.jp')],
  ['wrongEmailCode', () => limits.wrongEmailCode()], ['emailCodeResent', () => limits.emailCodeResent('taro@example.jp')], ['emailCodeExpired', () => limits.emailCodeExpired()],
  ['emailCodeFailed', () => limits.emailCodeFailed()], ['emailCodeNotSent', () => limits.emailCodeNotSent(DESK)], ['offTopic', () => repair.offTopic()],
  ['blank', () => repair.blank()], ['offerHandoff', () => repair.offerHandoff()], ['handoffDeclined', () => repair.handoffDeclined(DESK)],
  ['silentLine', () => repair.silentLine(DESK)], ['switchedToEnglish', () => repair.switchedToEnglish()], ['switchedToJapanese', () => repair.switchedToJapanese()],
  ['englishOnPhone', () => repair.englishOnPhone(DESK)], ['transferEnded', () => transfer.transferEnded()], ['transferUnanswered', () => transfer.transferUnanswered()],
  ['transferUnansweredAskPhone', () => transfer.transferUnansweredAskPhone()], ['askCallbackPhone', () => transfer.askCallbackPhone()],
  ['callbackNoted', () => transfer.callbackNoted('09012345678')], ['callbackNotTaken', () => transfer.callbackNotTaken(DESK)],
];
for (const [fn, call] of one) add(fn, '', call);
add('askPhone', 'the caller’s number', () => bm.askPhone('09012345678'));
add('wrongChannel', 'phone', () => mg.wrongChannel('phone', DESK));
add('wrongChannel', 'internet', () => mg.wrongChannel('internet', DESK));
for (const channel of CHANNELS) add('reminder', channel, () => rem.reminder(reservation('booked', { channel }), channel, DESK));
add('reminderSms', '', () => rem.reminderSms(reservation('booked', { channel: 'phone' }), DESK));
add('remindersOff', 'one', () => rem.remindersOff([reservation()]));
add('remindersOff', 'a family', () => rem.remindersOff([reservation(), reservation('booked', { number: '51203348', start: '10:30', end: '11:00' })]));
add('noReminderFor', 'cancelled', () => rem.noReminderFor(reservation('cancelled')));
add('noReminderYet', '', () => rem.noReminderYet());
add('findForReminders', '', () => rem.findForReminders());
// The proxy form request (R21c step 1).
for (const voice of [false, true]) {
  const v = voice ? 'phone' : 'screen';
  add('offerRequest', v, () => pr.offerRequest(voice));
  add('steps', v, () => pr.steps(voice));
  add('requesterRefused', v, () => pr.requesterRefused(DESK, voice));
  add('askName', v, () => pr.askName(voice));
  add('requestTaken', v, () => pr.requestTaken(DESK, voice));
}
add('askRequester', '', () => pr.askRequester());
add('confirmName', '', () => pr.confirmName('ミノオ ハナコ'));
add('askNameAgain', '', () => pr.askNameAgain());
add('askBirthday', 'for the proxy form', () => pr.askBirthday());
add('askCallbackPhone', 'the caller’s number', () => pr.askCallbackPhone('09012345678'));
add('askCallbackPhone', 'no caller number', () => pr.askCallbackPhone(undefined));
add('askOtherCallbackPhone', '', () => pr.askOtherCallbackPhone());
add('confirmRequest', '', () => pr.confirmRequest({ kanaName: 'ミノオ ハナコ', birthday: '05-03', phone: '09012345678' }));
add('startOver', '', () => pr.startOver());
add('alreadyRequested', '', () => pr.alreadyRequested());
add('requestByPhone', '', () => pr.requestByPhone(DESK));

const label = ([fn, about]: Case) => (about ? `${fn} ${about}` : fn);
const english = (s: Say) => (s.speakLang === 'en' ? s.text : s.en?.text);

describe('every message has its acts and its English', () => {
  it('the table calls every exported message function of every messages module', async () => {
    const dir = path.join(import.meta.dirname, '../../bot/messages');
    const called = new Set(cases.map(([fn]) => fn));
    const missing: string[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ja.ts') && f !== 'desk.ja.ts')) {
      const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) if (typeof value === 'function' && !NOT_MESSAGES.has(name) && !called.has(name)) missing.push(`${file}: ${name}`);
    }
    expect(missing).toEqual([]);
    expect(everyAct).toBe(true);
  });

  it.each(cases)('%s (%s)', (...c) => {
    const s = c[2]();
    const name = label(c);
    // What it does: acts of the vocabulary; none only for the few said with another message.
    if (WITHOUT_ACT.has(name) || WITHOUT_ACT.has(c[0])) expect(s.acts ?? []).toEqual([]);
    else expect(s.acts?.length, name).toBeGreaterThan(0);
    for (const act of s.acts ?? []) expect(ACTS).toContain(act);
    // Its English: present, in English only.
    const en = english(s);
    expect(en, name).toBeTruthy();
    expect(en).not.toMatch(JAPANESE);
    expect(en).not.toMatch(/undefined|NaN|null|\[object|\d{4}-\d{2}-\d{2}/);
    // Buttons: one English label per Japanese one, in English, short enough for a LINE button.
    if (s.choices?.length && s.en) {
      expect(s.en.choices, name).toHaveLength(s.choices.length);
      for (const l of s.en.choices ?? []) {
        expect(l).not.toMatch(JAPANESE);
        expect(l.length, l).toBeLessThanOrEqual(LINE_LABEL);
      }
    }
    if (s.card) {
      expect(s.en?.card).toBeDefined();
      for (const t of [s.en!.card!.title, s.en!.card!.lead, ...s.en!.card!.facts.flatMap((f) => [f.label, f.value])]) expect(t).not.toMatch(JAPANESE);
    }
    // The phone line speaks Japanese (only englishOnPhone speaks English, in an English voice).
    if (s.speakLang === 'en') expect(c[0]).toBe('englishOnPhone');
    else expect(s.speak).toMatch(JAPANESE);
  });
});

describe('what an English conversation sees', () => {
  it('dates and windows read as "Tue, Dec 22, 10:00–10:30"', () => {
    expect(dateTextEn('2026-12-22')).toBe('Tue, Dec 22');
    expect(windowTextEn(W1)).toBe('Tue, Dec 22, 10:00–10:30');
    expect(windowTextEn(window('2027-01-04', '09:00', '09:30'))).toBe('Mon, Jan 4, 9:00–9:30');
    expect(windowChoiceTextEn(W1)).toBe('Tue, Dec 22, 10:00');
    expect(birthdayTextEn('05-03')).toBe('May 3');
    expect(inLanguage(bm.offers([W1, W2, W3], false), 'en').text).toContain('1. Tue, Dec 22, 10:00–10:30\n2. Tue, Dec 22, 10:30–11:00\n3. Wed, Dec 23, 9:00–9:30');
    expect(inLanguage(mg.confirmChange(reservation(), W3), 'en').text).toContain('from Tue, Dec 22, 10:00–10:30 to Wed, Dec 23, 9:00–9:30');
  });

  it('the read-back is an English card with the details', () => {
    const s = inLanguage(bm.confirmBooking({ window: W1, birthday: '05-03', phone: '09012345678', email: 'taro@example.jp' }), 'en');
    expect(s.acts).toEqual(['read-back']);
    expect(s.card?.facts).toEqual([
      { label: 'Date and time', value: 'Tue, Dec 22, 10:00–10:30' },
      { label: 'Birthday', value: 'May 3' },
      { label: 'Phone', value: '090-1234-5678' },
      { label: 'E-mail', value: 'taro@example.jp' },
      { label: 'Place', value: 'Window 102, 1st floor, Main Building, Minoh City Hall' },
    ]);
    expect(s.choices?.map((c) => c.label)).toEqual(['Yes', 'No']);
    expect(s.choices?.map((c) => c.digit)).toEqual(['1', '2']);
  });

  it('acts follow what the message does', () => {
    const acts = (s: Say) => s.acts;
    expect(acts(bm.refusal({ reason: 'full' }, W1))).toEqual(['full-offers-alternatives']);
    expect(acts(bm.refusal({ reason: 'closed', closed: { kind: 'sunday' } }, W1))).toEqual(['closed-day']);
    expect(acts(bm.refusal({ reason: 'too-soon-phone-only', deadline: '2026-12-18', deskPhone: DESK }, W1))).toEqual(['too-soon-phone-only', 'refers-to-phone']);
    expect(acts(bm.askPhone('09012345678'))).toEqual(['asks-use-caller-number']);
    expect(acts(bm.askPhone(undefined))).toEqual(['asks-phone']);
    expect(acts(info.eligibilityVerdict(assessEligibility({ noticeReceived: true }, '2026-11-25'), false))).toEqual(['answers-eligibility']);
    expect(acts(info.eligibilityVerdict(assessEligibility({ cardExpiresOn: '2026-11-01' }, '2026-11-25'), false))).toEqual(['answers-eligibility', 'not-eligible']);
    expect(acts(info.proxyInfo(DESK, 'web'))).toEqual(['answers-proxy', 'refers-to-phone']);
    expect(acts(info.proxyInfo(DESK, 'phone'))).toEqual(['answers-proxy']);
    expect(acts(info.handoffWeb(true, DESK))).toEqual(['handoff']);
    expect(acts(info.handoffWeb(false, DESK))).toEqual(['handoff', 'refers-to-phone']);
    // A rule answer carries its intent's act once.
    const rule = ra.ruleAnswer('face-auth', 'eligibility', { channel: 'web', deskPhone: DESK, reissueFee: feeFor({ cardValid: false }) })!;
    expect(rule.acts?.filter((a) => a === 'answers-eligibility')).toHaveLength(1);
  });

  it('every ID document has an English name', () => {
    const lists = inLanguage(info.idDocumentLists(false), 'en').text;
    for (const name of [...ID_DOCUMENTS.A, ...ID_DOCUMENTS.B]) expect(info.ID_NAMES_EN[name], name).toBeTruthy();
    expect(lists).not.toContain('please ask staff');
  });
});

describe('what tapping an English button sends is read back as that choice', () => {
  let tokenizer: JapaneseTokenizer;
  beforeAll(async () => {
    tokenizer = await loadTokenizer();
  });
  const read = (ask: AskKind, text: string, context?: AskContext) => readAnswer(ask, text, { now: NOW, channel: 'typed', tokenizer, lang: 'en', ...(context ? { context } : {}) });
  const labels = (s: Say) => s.en?.choices ?? [];

  it('windows offered, by their buttons', () => {
    const offered = [W1, W2, W3].map((w) => `${w.date}T${w.start}`);
    labels(bm.offers([W1, W2, W3], false)).forEach((l, i) => expect(read('window-choice', l, { offered })).toMatchObject({ choice: i }));
    const mine = [reservation(), reservation('booked', { date: '2027-01-05', start: '14:00', end: '14:30' })];
    labels(mg.askWhichBooking(mine)).forEach((l, i) => expect(read('window-choice', l, { offered: mine.map((r) => `${r.date}T${r.start}`) })).toMatchObject({ choice: i }));
  });

  it('days and times, by their buttons', () => {
    labels(bm.askDate(['2026-12-22', '2026-12-23'], false)).forEach((l, i) => expect(read('date', l)).toMatchObject({ date: ['2026-12-22', '2026-12-23'][i] }));
    const offered = [W1, W2, W3].map((w) => `${w.date}T${w.start}`);
    labels(bm.askTime('2026-12-22', [W1, W2], false)).forEach((l, i) => expect(read('window-choice', l, { offered, date: '2026-12-22' })).toMatchObject({ choice: i }));
  });

  it('yes / no / I don’t know, and what to do with a reservation', () => {
    expect(labels(info.askNoticeReceived()).map((l) => read('notice-received', l))).toMatchObject([{ answer: 'yes' }, { answer: 'no' }, { answer: 'unknown' }]);
    for (const [ask, s] of [['card-expiring-soon', info.askCardExpiringSoon()], ['in-person', bm.askInPerson()], ['anything-else', bm.askAnotherMember()]] as const) {
      expect(labels(s).map((l) => read(ask, l))).toMatchObject([{ answer: 'yes' }, { answer: 'no' }]);
    }
    const readBack = { readBack: { date: '2026-12-22', time: '10:00', birthday: '05-03', phone: '09012345678' } };
    expect(labels(bm.confirmBooking({ window: W1, birthday: '05-03', phone: '09012345678' })).map((l) => read('read-back', l, readBack))).toMatchObject([{ answer: 'yes' }, { answer: 'no' }]);
    expect(labels(mg.askManageAction()).map((l) => read('manage-action', l))).toMatchObject([{ action: 'change' }, { action: 'cancel' }, { action: 'keep' }]);
  });
});
