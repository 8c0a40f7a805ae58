// Sentences the router and the bot itself say (Japanese, with English for web and LINE): short
// answers to side questions, the information menu, the apology when a turn fails.
import type { Fee } from '../../domain/fees.js';
import { deskPhoneTextEn, phoneNumberSpeech } from './desk.ja.js';
import { as, say, withEnglish, type Act, type English, type Say } from './say.js';

const said = (act: Act, s: Say, en: string | English): Say => as(act, withEnglish(s, en));

/**
 * R20 in two sentences: free onto a valid card; not free with a card re-issue (loss, expiry).
 * Said mid-booking, where no one has said which case is theirs.
 */
export const feeAnswerShort = (reissue: Fee): Say =>
  said('answers-fees', say(
    `有効なマイナンバーカードへの電子証明書の新規発行・更新は無料です。紛失や有効期限切れでカードを再交付する場合は、カードの再交付${reissue.cardYen}円と電子証明書${reissue.certificateYen}円(署名用・利用者証明用の2つ同時でも${reissue.certificateYen}円)で、合計${reissue.totalYen}円かかります。`,
    `有効なカードなら無料です。再交付では、${reissue.totalYen}円かかります。`,
  ), `Issuing or renewing electronic certificates on a valid My Number card is free. If the card itself must be re-issued (because it was lost or has expired), it costs ${reissue.cardYen.toLocaleString('en-US')} yen for the card plus ${reissue.certificateYen.toLocaleString('en-US')} yen for the certificates (the same for both together): ${reissue.totalYen.toLocaleString('en-US')} yen in total.`);

/** Reserving costs nothing (the page names no fee for it); then what the procedure costs. */
export const reservationFree = (reissue: Fee): Say => {
  const fee = feeAnswerShort(reissue);
  return said(
    'answers-fees',
    say(`ご予約・変更・キャンセルに、料金はかかりません(キャンセル料はありません)。\nなお、${fee.text}`, `ご予約とキャンセルは、無料です。電子証明書の発行と更新も、有効なカードなら無料です。`),
    `Making, changing or cancelling a reservation is free (there is no cancellation fee).\nAs for the procedure itself: ${fee.en?.text ?? ''}`,
  );
};

export const infoMenu = (): Say =>
  said('help', say('ご案内できること:持ち物、手数料、予約できるかたの条件、窓口の場所と時間、暗証番号を忘れた場合。知りたいことをお伝えください。', '持ち物は1、手数料は2、予約できるかたは3、窓口の場所と時間は4、暗証番号を忘れたときは5を押してください。', [
    { label: '持ち物', digit: '1' },
    { label: '手数料', digit: '2' },
    { label: '予約できるかた', digit: '3' },
    { label: '窓口の場所と時間', digit: '4' },
    { label: '暗証番号を忘れた', digit: '5' },
  ]), {
    text: 'I can tell you about: what to bring, what it costs, who can book, where and when the window is open, and what to do if you forgot your PIN. What would you like to know?',
    choices: ['What to bring', 'What it costs', 'Who is eligible', 'Where and when', 'Forgot my PIN'],
  });

export const sorry = (deskPhone: string): Say =>
  said('refers-to-phone', say(
    `申し訳ありません。ただいまお手続きできませんでした。少し時間をおいてもう一度お試しいただくか、予約専用電話 ${deskPhone}(平日9時〜17時)におかけください。`,
    `申し訳ありません。ただいまお手続きできませんでした。少し時間をおいて、おかけ直しください。職員の電話は、${phoneNumberSpeech(deskPhone)}です。`,
  ), `Sorry, something went wrong on our side. Please try again in a little while, or call ${deskPhoneTextEn(deskPhone)}.`);

export const whatIsIt = (voice: boolean): Say =>
  said(
    'anything-else',
    say('ご用件をどうぞ。(例:「予約したい」「予約をキャンセルしたい」「持ち物は?」)', voice ? 'ご用件をお話しください。予約は1、変更やキャンセルは2、ご案内は3、担当者は0です。' : undefined),
    'What can I help you with? (e.g. “I want to book”, “I want to cancel my reservation”, “What should I bring?”)',
  );
