// What the bot says when a citizen looks up, changes or cancels a reservation (Japanese, with
// English for web and LINE), each message marked with what it does (its act).
import type { Reservation, ReservationStatus } from '../../domain/reservation.js';
import { reservationNumberText, windowChoiceTextEn, windowShortText, windowStartSpeech, windowText, windowTextEn } from '../format.js';
import { deskPhoneTextEn, phoneNumberSpeech } from './desk.ja.js';
import { as, say, withEnglish, YES_NO, type Act, type English, type Say } from './say.js';

const YES_NO_EN = ['Yes', 'No'];

/** A message with its acts (none for a sentence the vocabulary has no act for) and English. */
const said = (acts: Act | Act[], s: Say, en: string | English): Say => [acts].flat().reduce((m, act) => as(act, m), withEnglish(s, en));

export const askReservationNumber = (): Say =>
  said(
    'asks-reservation-number',
    say('予約番号(8桁)を教えてください。予約完了時にお知らせした番号です。', '予約番号の8桁をお話しいただくか、番号を押して最後にシャープを押してください。'),
    'What is your reservation number? It has 8 digits and was given to you when you booked.',
  );

/** No reservation number at hand: it cannot be looked up here (LINE users see their own). */
export const numberLost = (deskPhone: string): Say =>
  said(
    'refers-to-phone',
    say(
      `予約番号がわからない場合、チャットではご予約をお探しできません。予約専用電話 ${deskPhone}(平日9時〜17時)でお調べします。LINEで予約されたかたは、LINEから「予約の確認」とお送りください。`,
      `番号がわからない場合は、職員がお調べします。${phoneNumberSpeech(deskPhone)}へおかけください。`,
    ),
    `Without the reservation number I can’t find your reservation in the chat, but staff can look it up: please call ${deskPhoneTextEn(deskPhone)}. If you booked on LINE, send “Check my reservation” on LINE.`,
  );

export const numberNotUnderstood = (): Say =>
  said('clarifies', say('予約番号は8桁の数字です。もう一度教えてください。', '予約番号が聞き取れませんでした。8桁の番号を押してください。'), 'The reservation number has 8 digits. Could you give it again?');

export const askBirthdayForLookup = (): Say =>
  said(
    'asks-birthday-lookup',
    say('ご予約のときにお伝えいただいた誕生日(月日)を教えてください。', 'ご予約のときの誕生日をどうぞ。5月3日なら、0503と押せます。'),
    'What birthday (month and day) did you give when you booked?',
  );

/** Nothing is revealed: the number and birthday are asked to be checked (the dialog asks again). */
export const notFound = (): Say =>
  said(
    'clarifies',
    say('その予約番号と誕生日のご予約が見つかりませんでした。番号と誕生日をもう一度ご確認ください。', 'その番号と誕生日のご予約が見つかりませんでした。'),
    'I couldn’t find a reservation with that number and birthday. Please check both and try again.',
  );

export const statusText: Record<ReservationStatus, string> = {
  booked: 'ご予約中',
  cancelled: 'キャンセル済み',
  'checked-in': '受付済み',
  'no-show': 'ご来庁がなかったため無効',
};

/** The state as the phone says it after the window (a booking needs no word). */
const STATUS_SPEECH: Record<ReservationStatus, string> = { booked: '', cancelled: 'キャンセル済みです。', 'checked-in': '受付済みです。', 'no-show': 'ご来庁がなく、無効です。' };

export const statusTextEn: Record<ReservationStatus, string> = {
  booked: 'Booked',
  cancelled: 'Cancelled',
  'checked-in': 'Checked in',
  'no-show': 'No longer valid (no visit)',
};

export const showReservation = (r: Reservation): Say =>
  said(
    'shows-reservation',
    say(
      `予約番号 ${reservationNumberText(r.number)}\n日時:${windowText(r)}\n状態:${statusText[r.status]}`,
      // The phone: the window and its state (the number was just keyed or said).
      `${windowStartSpeech(r)}の、ご予約です。${STATUS_SPEECH[r.status]}`,
    ),
    `Reservation number ${reservationNumberText(r.number)}\nDate and time: ${windowTextEn(r)}\nStatus: ${statusTextEn[r.status]}`,
  );

export const askManageAction = (): Say =>
  said(
    'asks-manage-action',
    say('このご予約をどうしますか?', '変更は1、キャンセルは2、このままなら3を押してください。', [
      { label: '日時を変更する', digit: '1' },
      { label: 'キャンセルする', digit: '2' },
      { label: 'このままでよい', digit: '3' },
    ]),
    { text: 'What would you like to do with this reservation?', choices: ['Change the date/time', 'Cancel', 'Keep it'] },
  );

/** LINE: the account's own reservations, to pick one. */
export const askWhichBooking = (list: Reservation[]): Say =>
  said(
    'shows-reservation',
    say('どのご予約ですか?', 'どのご予約ですか。', list.map((r, i) => ({ label: windowText(r), short: windowShortText(r), digit: String(i + 1) }))),
    { text: 'Which reservation?\n' + list.map((r, i) => `${i + 1}. ${windowTextEn(r)}`).join('\n'), choices: list.map(windowChoiceTextEn) },
  );

export const confirmCancel = (r: Reservation): Say =>
  said(
    'confirm-cancel',
    say(`${windowText(r)}のご予約をキャンセルします。よろしいですか?`, `${windowStartSpeech(r)}のご予約をキャンセルします。よろしければ1、やめる場合は2を押してください。`, YES_NO),
    { text: `I will cancel your reservation for ${windowTextEn(r)}. Is that all right?`, choices: YES_NO_EN },
  );

export const cancelled = (r: Reservation): Say =>
  said(
    'cancelled',
    say(`${windowText(r)}のご予約をキャンセルしました。またのご利用をお待ちしています。`, `${windowStartSpeech(r)}のご予約を、キャンセルしました。`),
    `Your reservation for ${windowTextEn(r)} has been cancelled. You are welcome to book again at any time.`,
  );

/** Nothing changed: the reservation kept, with its window when it is known (what the citizen keeps). */
export const keptAsIs = (r?: Pick<Reservation, 'date' | 'start' | 'end'>): Say =>
  r
    ? said('kept-as-is', say(`${windowText(r)}のご予約は、そのままです。`, `${windowStartSpeech(r)}のご予約は、そのままです。`), `Your reservation for ${windowTextEn(r)} stays as it is.`)
    : said('kept-as-is', say('ご予約はそのままです。', 'ご予約は、そのままです。'), 'Your reservation stays as it is.');

export const confirmChange = (from: Reservation, to: { date: string; start: string; end: string }): Say =>
  said(
    'confirm-change',
    say(
      `${windowText(from)} から ${windowText(to)} に変更します。よろしいですか?`,
      `${windowStartSpeech(from)}のご予約を、${windowStartSpeech(to)}に変更します。よろしければ1、やめる場合は2を押してください。`,
      YES_NO,
    ),
    { text: `I will move your reservation from ${windowTextEn(from)} to ${windowTextEn(to)}. Is that all right?`, choices: YES_NO_EN },
  );

export const changed = (r: Reservation): Say =>
  said(
    'changed',
    say(
      `ご予約を ${windowText(r)} に変更しました。予約番号は変わりません(${reservationNumberText(r.number)})。`,
      `ご予約を、${windowStartSpeech(r)}に変更しました。予約番号は、変わりません。`,
    ),
    `Your reservation has been moved to ${windowTextEn(r)}. The reservation number stays the same (${reservationNumberText(r.number)}).`,
  );

/**
 * R12: internet bookings are changed on the internet, phone bookings by phone. The way back to
 * the internet has no act of its own in the conversation tests' vocabulary.
 */
export const wrongChannel = (bookedOn: 'internet' | 'phone', deskPhone: string): Say =>
  bookedOn === 'phone'
    ? said(
        'refers-to-phone',
        say(`お電話で予約されたご予約の変更・キャンセルは、予約専用電話 ${deskPhone}(平日9時〜17時)でお受けしています。`, 'お電話でのご予約の変更とキャンセルは、予約専用電話でお受けしています。'),
        `A reservation made by phone is changed or cancelled by phone: please call ${deskPhoneTextEn(deskPhone)}.`,
      )
    : said(
        [],
        say(
          'インターネット(チャット・LINE)で予約されたご予約の変更・キャンセルは、チャットまたはLINEでお手続きください。',
          'このご予約は、インターネットで変更してください。',
        ),
        'A reservation made online (chat or LINE) is changed or cancelled online, in the chat or on LINE.',
      );

/** Shown after the reservation: why it cannot be changed (no act of its own). */
export const notActive = (status: ReservationStatus): Say =>
  said(
    [],
    say(`このご予約は「${statusText[status]}」のため、変更・キャンセルはできません。新しくご予約ください。`, '変更やキャンセルはできません。'),
    `This reservation is “${statusTextEn[status]}”, so it can’t be changed or cancelled. Please make a new reservation.`,
  );

/** Shown after the reservation: why it cannot be changed (no act of its own). */
export const alreadyStarted = (): Say =>
  said(
    [],
    say('ご予約の時間帯がすでに始まっているため、変更・キャンセルはできません。来られなかった場合は、あらためてご予約ください。', 'もう始まっているため、変更とキャンセルはできません。'),
    'Your reservation slot has already started, so it can’t be changed or cancelled. If you could not come, please make a new reservation.',
  );

export const noBookingsOnLine = (): Say =>
  said(
    'asks-reservation-number',
    say('このLINEアカウントでのご予約は見つかりませんでした。予約番号をお持ちでしたら教えてください。'),
    'I couldn’t find a reservation made from this LINE account. If you have the reservation number, please send it.',
  );
