// What the bot says when an abuse limit stops a request (Japanese): a locked reservation number
// (without saying whether it exists), too many look-ups, a client's bookings for the day, and
// the e-mail confirmation code of a web booking. Each points to the staffed phone desk.
// Japanese, with English for web and LINE.
import type { Channel } from '../../domain/booking-rules.js';
import { deskPhoneText, deskPhoneTextEn, phoneNumberSpeech } from './desk.ja.js';
import { as, say, withEnglish, type Act, type English, type Say } from './say.js';

const said = (acts: Act[], s: Say, en: string | English): Say => acts.reduce((m, act) => as(act, m), withEnglish(s, en));

const deskSpeech = (deskPhone: string) => `職員の電話、${phoneNumberSpeech(deskPhone)}へおかけください。`;

/** The number is locked for the bot: the same words whether or not such a reservation exists. */
export const lookupLocked = (deskPhone: string): Say =>
  said(
    ['refers-to-phone'],
    say(
      `この予約番号は、安全のため、しばらくの間チャットではお調べ・変更・キャンセルができません。お手数ですが、${deskPhoneText(deskPhone)}へおかけください。`,
      `この番号は、しばらくお手続きできません。${deskSpeech(deskPhone)}`,
    ),
    `For your security, this reservation number can’t be looked up, changed or cancelled in the chat for a while. Please call ${deskPhoneTextEn(deskPhone)}.`,
  );

export const tooManyLookups = (deskPhone: string): Say =>
  said(
    ['refers-to-phone'],
    say(
      `ご予約の確認が短い時間に続いたため、しばらくの間お受けできません。時間をおいてお試しいただくか、${deskPhoneText(deskPhone)}へおかけください。`,
      `しばらく、確認をお受けできません。${deskSpeech(deskPhone)}`,
    ),
    `There have been many look-ups in a short time, so I can’t check reservations for a while. Please try again later, or call ${deskPhoneTextEn(deskPhone)}.`,
  );

const fromWhere: Record<Channel, string> = { web: 'このご利用環境', line: 'このLINEアカウント', phone: 'このお電話番号' };
const fromWhereEn: Record<Channel, string> = { web: 'this device', line: 'this LINE account', phone: 'this phone number' };

/** A client reached its bookings for today (a family's worth). */
export const bookingLimitReached = (channel: Channel, limit: number | undefined, deskPhone: string): Say =>
  said(
    ['refers-to-phone'],
    say(
      `${fromWhere[channel]}からの本日のご予約は、受付できる件数${limit ? `(${limit}件)` : ''}に達しました。さらにご予約が必要な場合は、${deskPhoneText(deskPhone)}へおかけください。`,
      `この電話からの、きょうの予約は上限です。${deskSpeech(deskPhone)}`,
    ),
    `Today’s reservations from ${fromWhereEn[channel]} have reached the limit${limit ? ` (${limit})` : ''}. If you need more, please call ${deskPhoneTextEn(deskPhone)}.`,
  );

export const RESEND = '確認コードを再送';
export const CHANGE_EMAIL = 'メールアドレスを変更';
/** The same buttons in English (what tapping them sends in an English conversation). */
export const RESEND_EN = 'Resend the code';
export const CHANGE_EMAIL_EN = 'Change e-mail';

/** The code is on its way; the booking is not made (nor the window held) until it is typed back. */
export const askEmailCode = (email: string): Say =>
  said(
    ['asks-email'],
    say(
      `${email} に6桁の確認コードをお送りしました。メールに書かれたコードを入力してください。(まだ予約は確定していません)`,
      undefined,
      [{ label: RESEND }, { label: CHANGE_EMAIL }],
    ),
    { text: `I have sent a 6-digit confirmation code to ${email}. Please type the code from the e-mail. (Your reservation is not made yet.)`, choices: [RESEND_EN, CHANGE_EMAIL_EN] },
  );

export const wrongEmailCode = (): Say =>
  said(
    ['clarifies'],
    say('確認コードが一致しません。メールに書かれた6桁の数字をもう一度入力してください。', undefined, [{ label: RESEND }, { label: CHANGE_EMAIL }]),
    { text: 'That code doesn’t match. Please type the 6 digits from the e-mail again.', choices: [RESEND_EN, CHANGE_EMAIL_EN] },
  );

export const emailCodeResent = (email: string): Say =>
  said(
    ['asks-email'],
    say(`${email} に新しい確認コードをお送りしました。新しいコードを入力してください。`, undefined, [{ label: CHANGE_EMAIL }]),
    { text: `I have sent a new code to ${email}. Please type the new code.`, choices: [CHANGE_EMAIL_EN] },
  );

/** Said before a new code is sent and asked for (no act of its own). */
export const emailCodeExpired = (): Say =>
  said([], say('確認コードの有効期限(10分)が過ぎました。新しいコードをお送りします。'), 'The confirmation code has expired (codes are valid for 10 minutes). I will send you a new one.');

export const emailCodeFailed = (): Say =>
  said(['asks-email'], say('確認コードを確認できませんでした。お手数ですが、メールアドレスをもう一度入力してください。'), 'I couldn’t confirm the code. Please type your e-mail address again.');

export const emailCodeNotSent = (deskPhone: string): Say =>
  said(
    ['asks-email', 'refers-to-phone'],
    say(`確認コードのメールをお送りできませんでした。メールアドレスをご確認のうえ、もう一度入力してください。うまくいかない場合は、${deskPhoneText(deskPhone)}へおかけください。`),
    `I couldn’t send the e-mail with the code. Please check your e-mail address and type it again. If it still doesn’t work, please call ${deskPhoneTextEn(deskPhone)}.`,
  );
