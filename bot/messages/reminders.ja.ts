// Reminders before the visit (issue 15), Japanese with English for web and LINE: the reminder a
// booking gets the business day before — on LINE, by e-mail for the web chat, by SMS for the
// phone line (short: two 70-character segments at most) — and what the bot says when a citizen
// turns reminders off (「リマインド不要」 / "no reminders").
import type { Channel } from '../../domain/booking-rules.js';
import type { Reservation } from '../../domain/reservation.js';
import { reservationNumberText, windowSpeech, windowText, windowTextEn } from '../format.js';
import { bringForSelf } from './documents.ja.js';
import { DESK_PLACE, DESK_PLACE_EN, deskPhoneText, deskPhoneTextEn } from './desk.ja.js';
import { statusText, statusTextEn } from './manage.ja.js';
import { as, say, withEnglish, type Act, type English, type Say } from './say.js';

const said = (acts: Act | Act[], s: Say, en: string | English): Say => [acts].flat().reduce((m, act) => as(act, m), withEnglish(s, en));

/** What the citizen types to stop reminders (said in every reminder). */
export const OPT_OUT_WORDS = 'リマインド不要';

/** How to change or cancel, on the channel the booking was made on (R12). */
const HOW_TO_CHANGE: Record<Channel, (deskPhone: string) => { ja: string; en: string }> = {
  line: () => ({
    ja: '変更・キャンセルは、このトークで「予約の確認・変更・キャンセル」とお送りください。',
    en: 'To change or cancel, send “Check/change/cancel” in this chat.',
  }),
  web: () => ({
    ja: '変更・キャンセルは、市ホームページの予約チャットで、予約番号と誕生日を入力してお手続きください。',
    en: 'To change or cancel, use the reservation chat on the city website with your reservation number and birthday.',
  }),
  phone: (deskPhone) => ({ ja: `変更・キャンセルは${deskPhoneText(deskPhone)}へ。`, en: `To change or cancel, please call ${deskPhoneTextEn(deskPhone)}.` }),
};

/** How to stop reminders, where the conversation can hear it. */
const HOW_TO_STOP: Record<'line' | 'web', { ja: string; en: string }> = {
  line: { ja: `今後このお知らせが不要なかたは、このトークで「${OPT_OUT_WORDS}」とお送りください。`, en: 'If you would rather not get reminders, send “no reminders” in this chat.' },
  web: { ja: `今後このお知らせが不要なかたは、予約チャットで「${OPT_OUT_WORDS}」とお送りください。`, en: 'If you would rather not get reminders, send “no reminders” in the reservation chat.' },
};

/**
 * The reminder on LINE and by e-mail (web): the day and window, the place, what the holder brings
 * (R11: internet bookings are for the holder in person, R21a), the check at the counter (R22),
 * that a missed reservation is lost (R23), how to change or cancel here (R12), how to stop them.
 * On the phone line it is the SMS (`reminderSms`).
 */
export const reminder = (r: Reservation, channel: Channel, deskPhone: string): Say => {
  if (channel === 'phone') return reminderSms(r, deskPhone);
  const bring = bringForSelf(false);
  const change = HOW_TO_CHANGE[channel](deskPhone);
  const stop = HOW_TO_STOP[channel];
  return said(
    ['shows-reservation', 'answers-documents'],
    say(
      [
        '【箕面市】ご予約日のお知らせ',
        `電子証明書の新規発行・更新のご予約は ${windowText(r)} です。`,
        `予約番号:${reservationNumberText(r.number)}`,
        `場所:${DESK_PLACE}`,
        '持ち物:ご本人の有効なマイナンバーカード(設定した暗証番号が必要です)',
        '受付でご予約時の誕生日(月日)とご予約の時間を確認し、ご予約の時間帯の中でご案内します。時間に余裕をもってお越しください。',
        'ご予約の日にお越しにならなかった場合、そのご予約は無効になります(改めてご予約が必要です)。',
        change.ja,
        stop.ja,
      ].join('\n'),
      `${windowSpeech(r)}に、電子証明書のご予約があります。市役所本館1階の102番窓口へお越しください。${bring.speak}`,
    ),
    [
      'Minoh City: a reminder of your reservation',
      `Your reservation for the e-certificate (new issuance or renewal) is on ${windowTextEn(r)}.`,
      `Reservation number: ${reservationNumberText(r.number)}`,
      `Place: ${DESK_PLACE_EN}`,
      bring.en?.text ?? '',
      'At the counter staff confirm the birthday (month and day) you gave and your reserved time; you are served during your 30-minute slot, so please allow extra time.',
      'If you do not come on the day, the reservation is lost and you will need to book again.',
      change.en,
      stop.en,
    ].join('\n'),
  );
};

/**
 * The reminder by SMS to a phone booking's mobile number: at most two 70-character Japanese
 * segments (134 characters once split), so it names the window, the place, the card, that a missed
 * reservation is lost, and the desk phone for changes (R12: phone bookings change by phone).
 */
export const reminderSms = (r: Reservation, deskPhone: string): Say =>
  said(
    ['shows-reservation', 'answers-documents', 'refers-to-phone'],
    say(
      `【箕面市】${windowText(r).replace(' ', '')} 電子証明書のご予約(予約番号${r.number}) 市役所本館1階102番窓口 持ち物:本人のマイナンバーカード(暗証番号要) 当日来られないと予約は無効 変更・取消は${deskPhone}(平日9-17時)`,
      `${windowSpeech(r)}に、電子証明書のご予約があります。市役所本館1階の102番窓口へ、ご本人のマイナンバーカードをお持ちください。`,
    ),
    `Minoh City: e-certificate reservation ${r.number}, ${windowTextEn(r)}, Window 102, City Hall Main Bldg 1F. Bring the holder’s My Number card (PINs needed). Not coming on the day loses it. To change or cancel: ${deskPhone} (weekdays 9–17).`,
  );

/** The reminder as an e-mail (web bookings), in the conversation's language: subject and body. */
export function reminderMail(r: Reservation, lang: 'ja' | 'en', deskPhone: string): { subject: string; text: string } {
  const body = reminder(r, 'web', deskPhone);
  return lang === 'en'
    ? {
        subject: `[Minoh City] Your e-certificate reservation: ${windowTextEn(r)}`,
        text: `${body.en!.text}\n\nThis address only sends. For questions, please call ${deskPhoneTextEn(deskPhone)}.`,
      }
    : {
        subject: `【箕面市】電子証明書 ご予約日のお知らせ(${windowText(r)})`,
        text: `${body.text}\n\nこのメールは送信専用です。お問い合わせは${deskPhoneText(deskPhone)}へ。`,
      };
}

const list = (rs: Reservation[], en: boolean) => rs.map((r) => (en ? `- ${windowTextEn(r)} (reservation number ${reservationNumberText(r.number)})` : `・${windowText(r)}(予約番号 ${reservationNumberText(r.number)})`)).join('\n');

/** Reminders turned off for these bookings (still to come); the bookings themselves stand. */
export const remindersOff = (rs: Reservation[]): Say =>
  said(
    'changed',
    say(
      `承知しました。次のご予約のリマインド(前日のお知らせ)はお送りしません。ご予約はそのままです。\n${list(rs, false)}`,
      `承知しました。${rs.map((r) => windowSpeech(r)).join('、')}のご予約の、前日のお知らせは、お送りしません。ご予約はそのままです。`,
    ),
    `All right: no reminder will be sent for ${rs.length > 1 ? 'these reservations' : 'this reservation'}. The reservation itself stays as it is.\n${list(rs, true)}`,
  );

/** A reservation found by its number that is no longer to come (cancelled, used, missed): nothing will be sent. */
export const noReminderFor = (r: Reservation): Say =>
  said(
    'shows-reservation',
    say(
      `予約番号 ${reservationNumberText(r.number)}(${windowText(r)})は「${statusText[r.status]}」のため、リマインドはお送りしません。`,
      `そのご予約は、${statusText[r.status]}のため、前日のお知らせはお送りしません。`,
    ),
    `Reservation ${reservationNumberText(r.number)} (${windowTextEn(r)}) is “${statusTextEn[r.status]}”, so no reminder will be sent for it.`,
  );

/** Asked mid-task with no booking yet to stop reminders for: what to do after booking. */
export const noReminderYet = (): Say =>
  said(
    'clarifies',
    say(
      `リマインドを止めるご予約は、まだありません。ご予約のあとで「${OPT_OUT_WORDS}」とお送りください。`,
      `前日のお知らせを止めるご予約は、まだありません。ご予約のあとで、リマインド不要、とお話しください。`,
    ),
    'There is no reservation yet to stop reminders for. Once you have booked, send “no reminders” again.',
  );

/** Before asking for the reservation number: why it is asked (said with that question, no act of its own). */
export const findForReminders = (): Say =>
  said(
    [],
    say('リマインド(前日のお知らせ)を止めるご予約をお探しします。', '前日のお知らせを止めるご予約を、お探しします。'),
    'Let me find the reservation to stop reminders for.',
  );
