// Sentences the router and the bot itself say (Japanese): short answers to side questions,
// the information menu, the apology when a turn fails.
import { phoneNumberSpeech } from './desk.ja.js';
import { say, type Say } from './say.js';

export const feeAnswerShort = (): Say =>
  say('有効なマイナンバーカードへの電子証明書の新規発行・更新は無料です。', '有効なマイナンバーカードへの、電子証明書の発行と更新は、無料です。');

export const infoMenu = (): Say =>
  say('ご案内できること:持ち物、手数料、予約できるかたの条件、窓口の場所と時間、暗証番号を忘れた場合。知りたいことをお伝えください。', 'ご案内できるのは、持ち物、手数料、予約できるかたの条件、窓口の場所と時間、暗証番号を忘れた場合です。知りたいことをお話しください。', [
    { label: '持ち物', digit: '1' },
    { label: '手数料', digit: '2' },
    { label: '予約できるかた', digit: '3' },
    { label: '窓口の場所と時間', digit: '4' },
    { label: '暗証番号を忘れた', digit: '5' },
  ]);

export const sorry = (deskPhone: string): Say =>
  say(
    `申し訳ありません。ただいまお手続きできませんでした。少し時間をおいてもう一度お試しいただくか、予約専用電話 ${deskPhone}(平日9時〜17時)におかけください。`,
    `申し訳ありません。ただいまお手続きできませんでした。少し時間をおいて、もう一度おかけ直しください。職員がお受けする予約専用電話は、${phoneNumberSpeech(deskPhone)}、平日の9時から17時までです。`,
  );

export const whatIsIt = (voice: boolean): Say =>
  say('ご用件をどうぞ。(例:「予約したい」「予約をキャンセルしたい」「持ち物は?」)', voice ? 'ご用件をお話しください。予約は1、確認、変更、キャンセルは2、ご案内は3、担当者は0を押してください。' : undefined);
