// What the bot says when a citizen looks up, changes or cancels a reservation (Japanese).
import type { Reservation, ReservationStatus } from '../../domain/reservation.js';
import { reservationNumberSpeech, reservationNumberText, windowShortText, windowSpeech, windowText } from '../format.js';
import { say, YES_NO, type Say } from './say.js';

export const askReservationNumber = (): Say =>
  say('予約番号(8桁)を教えてください。予約完了時にお知らせした番号です。', '予約番号、8桁をお話しいただくか、番号を押してください。');

/** No reservation number at hand: it cannot be looked up here (LINE users see their own). */
export const numberLost = (deskPhone: string): Say =>
  say(
    `予約番号がわからない場合、チャットではご予約をお探しできません。予約専用電話 ${deskPhone}(平日9時〜17時)でお調べします。LINEで予約されたかたは、LINEから「予約の確認」とお送りください。`,
    `予約番号がわからない場合は、職員がお調べします。予約専用電話、${deskPhone.split('-').join('、')}、平日の9時から17時までに、おかけください。`,
  );

export const numberNotUnderstood = (): Say =>
  say('予約番号は8桁の数字です。もう一度教えてください。', '予約番号が聞き取れませんでした。8桁の番号を押してください。');

export const askBirthdayForLookup = (): Say =>
  say('ご予約のときにお伝えいただいた誕生日(月日)を教えてください。', 'ご予約のときの誕生日を、月と日でお話しください。');

export const notFound = (): Say =>
  say('その予約番号と誕生日のご予約が見つかりませんでした。番号と誕生日をもう一度ご確認ください。', 'その番号と誕生日のご予約が見つかりませんでした。');

export const statusText: Record<ReservationStatus, string> = {
  booked: 'ご予約中',
  cancelled: 'キャンセル済み',
  'checked-in': '受付済み',
  'no-show': 'ご来庁がなかったため無効',
};

export const showReservation = (r: Reservation): Say =>
  say(
    `予約番号 ${reservationNumberText(r.number)}\n日時:${windowText(r)}\n状態:${statusText[r.status]}`,
    `予約番号${reservationNumberSpeech(r.number)}は、${windowSpeech(r)}、${statusText[r.status]}です。`,
  );

export const askManageAction = (): Say =>
  say('このご予約をどうしますか?', 'このご予約を変更する場合は1を、キャンセルする場合は2を、このままでよい場合は3を押してください。', [
    { label: '日時を変更する', digit: '1' },
    { label: 'キャンセルする', digit: '2' },
    { label: 'このままでよい', digit: '3' },
  ]);

export const askWhichBooking = (list: Reservation[]): Say =>
  say('どのご予約ですか?', 'どのご予約ですか。', list.map((r, i) => ({ label: windowText(r), short: windowShortText(r), digit: String(i + 1) })));

export const confirmCancel = (r: Reservation): Say =>
  say(`${windowText(r)}のご予約をキャンセルします。よろしいですか?`, `${windowSpeech(r)}のご予約をキャンセルします。よろしければ1を、やめる場合は2を押してください。`, YES_NO);

export const cancelled = (r: Reservation): Say =>
  say(`${windowText(r)}のご予約をキャンセルしました。またのご利用をお待ちしています。`, `${windowSpeech(r)}のご予約を、キャンセルしました。`);

export const keptAsIs = (): Say => say('ご予約はそのままです。', 'ご予約は、そのままです。');

export const confirmChange = (from: Reservation, to: { date: string; start: string; end: string }): Say =>
  say(
    `${windowText(from)} から ${windowText(to)} に変更します。よろしいですか?`,
    `${windowSpeech(from)}から、${windowSpeech(to)}に変更します。よろしければ1を、やめる場合は2を押してください。`,
    YES_NO,
  );

export const changed = (r: Reservation): Say =>
  say(
    `ご予約を ${windowText(r)} に変更しました。予約番号は変わりません(${reservationNumberText(r.number)})。`,
    `ご予約を、${windowSpeech(r)}に変更しました。予約番号は変わりません。`,
  );

/** R12: internet bookings are changed on the internet, phone bookings by phone. */
export const wrongChannel = (bookedOn: 'internet' | 'phone', deskPhone: string): Say =>
  bookedOn === 'phone'
    ? say(`お電話で予約されたご予約の変更・キャンセルは、予約専用電話 ${deskPhone}(平日9時〜17時)でお受けしています。`, 'お電話でのご予約の変更とキャンセルは、予約専用電話でお受けしています。')
    : say(
        'インターネット(チャット・LINE)で予約されたご予約の変更・キャンセルは、チャットまたはLINEでお手続きください。',
        'インターネットで予約されたご予約の変更とキャンセルは、インターネットでお手続きください。',
      );

export const notActive = (status: ReservationStatus): Say =>
  say(`このご予約は「${statusText[status]}」のため、変更・キャンセルはできません。新しくご予約ください。`, `このご予約は、${statusText[status]}のため、変更やキャンセルはできません。`);

export const alreadyStarted = (): Say =>
  say('ご予約の時間帯がすでに始まっているため、変更・キャンセルはできません。来られなかった場合は、あらためてご予約ください。', 'ご予約の時間帯が、すでに始まっているため、変更やキャンセルはできません。');

export const noBookingsOnLine = (): Say =>
  say('このLINEアカウントでのご予約は見つかりませんでした。予約番号をお持ちでしたら教えてください。');
