// What the bot says when an abuse limit stops a request (Japanese): a locked reservation number
// (without saying whether it exists), too many look-ups, a client's bookings for the day, and
// the e-mail confirmation code of a web booking. Each points to the staffed phone desk.
import type { Channel } from '../../domain/booking-rules.js';
import { deskPhoneText, phoneNumberSpeech, PHONE_HOURS_SPEECH } from './desk.ja.js';
import { say, type Say } from './say.js';

const deskSpeech = (deskPhone: string) => `職員がお受けする予約専用電話、${phoneNumberSpeech(deskPhone)}、${PHONE_HOURS_SPEECH}におかけください。`;

/** The number is locked for the bot: the same words whether or not such a reservation exists. */
export const lookupLocked = (deskPhone: string): Say =>
  say(
    `この予約番号は、安全のため、しばらくの間チャットではお調べ・変更・キャンセルができません。お手数ですが、${deskPhoneText(deskPhone)}へおかけください。`,
    `この予約番号は、安全のため、しばらく自動音声ではお手続きできません。${deskSpeech(deskPhone)}`,
  );

export const tooManyLookups = (deskPhone: string): Say =>
  say(
    `ご予約の確認が短い時間に続いたため、しばらくの間お受けできません。時間をおいてお試しいただくか、${deskPhoneText(deskPhone)}へおかけください。`,
    `ご予約の確認が続いたため、しばらくお受けできません。${deskSpeech(deskPhone)}`,
  );

const fromWhere: Record<Channel, string> = { web: 'このご利用環境', line: 'このLINEアカウント', phone: 'このお電話番号' };

/** A client reached its bookings for today (a family's worth). */
export const bookingLimitReached = (channel: Channel, limit: number | undefined, deskPhone: string): Say =>
  say(
    `${fromWhere[channel]}からの本日のご予約は、受付できる件数${limit ? `(${limit}件)` : ''}に達しました。さらにご予約が必要な場合は、${deskPhoneText(deskPhone)}へおかけください。`,
    `このお電話番号からの、きょうのご予約は、受付できる件数に達しました。さらにご予約が必要な場合は、${deskSpeech(deskPhone)}`,
  );

export const RESEND = '確認コードを再送';
export const CHANGE_EMAIL = 'メールアドレスを変更';

/** The code is on its way; the booking is not made (nor the window held) until it is typed back. */
export const askEmailCode = (email: string): Say =>
  say(
    `${email} に6桁の確認コードをお送りしました。メールに書かれたコードを入力してください。(まだ予約は確定していません)`,
    undefined,
    [{ label: RESEND }, { label: CHANGE_EMAIL }],
  );

export const wrongEmailCode = (): Say =>
  say('確認コードが一致しません。メールに書かれた6桁の数字をもう一度入力してください。', undefined, [{ label: RESEND }, { label: CHANGE_EMAIL }]);

export const emailCodeResent = (email: string): Say =>
  say(`${email} に新しい確認コードをお送りしました。新しいコードを入力してください。`, undefined, [{ label: CHANGE_EMAIL }]);

export const emailCodeExpired = (): Say => say('確認コードの有効期限(10分)が過ぎました。新しいコードをお送りします。');

export const emailCodeFailed = (): Say => say('確認コードを確認できませんでした。お手数ですが、メールアドレスをもう一度入力してください。');

export const emailCodeNotSent = (deskPhone: string): Say =>
  say(`確認コードのメールをお送りできませんでした。メールアドレスをご確認のうえ、もう一度入力してください。うまくいかない場合は、${deskPhoneText(deskPhone)}へおかけください。`);
