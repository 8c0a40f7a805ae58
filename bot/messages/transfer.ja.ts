// What a caller hears when the transfer to staff ends (phone only): staff answered and the talk is
// over → a polite end; no one answered (busy, no answer, a fault) → a callback, to the number the
// call comes from (1) or another one (2, then the number and #); the callback noted → goodbye.
// Each question turn stays under 10 s at 7.5 morae per second.
// The phone line is Japanese; the English is there for every sentence all the same (staff's
// transcripts, a door that may one day speak it).
import { phoneSpeech, phoneText } from '../format.js';
import { deskPhoneSpeech, deskPhoneText, deskPhoneTextEn } from './desk.ja.js';
import { as, say, withEnglish, type Say } from './say.js';

/** Staff answered, the talk is over, the caller is still on the line. */
export const transferEnded = (): Say => as('goodbye', withEnglish(say('お電話ありがとうございました。', 'お電話ありがとうございました。失礼いたします。'), 'Thank you for calling. Goodbye.'));

/** No one answered: a callback to this number (1) or another (2). */
export const transferUnanswered = (): Say =>
  as(
    'asks-use-caller-number',
    withEnglish(
      say(
        'ただいま担当者が電話に出られません。折り返しお電話します。この電話番号でよろしいですか?',
        'ただいま担当者が出られません。折り返しお電話します。この番号でよければ1、別の番号なら2を押してください。',
        [
          { label: 'この番号でよい', digit: '1' },
          { label: '別の番号にする', digit: '2' },
        ],
      ),
      { text: 'No one can take your call right now, so a member of staff will call you back. Shall we call this number?', choices: ['This number', 'Another number'] },
    ),
  );

/** No one answered and the call came without its number: the number to call back, keyed. */
export const transferUnansweredAskPhone = (): Say =>
  as(
    'asks-phone',
    withEnglish(
      say(
        'ただいま担当者が電話に出られません。折り返しをご希望でしたら、お電話番号を教えてください。',
        'ただいま担当者が出られません。折り返しをご希望なら、電話番号と、シャープを押してください。',
      ),
      'No one can take your call right now. If you would like a call back, please tell me your phone number.',
    ),
  );

/** The other number to call back. */
export const askCallbackPhone = (): Say =>
  as(
    'asks-phone',
    withEnglish(say('折り返し先のお電話番号を教えてください。', '折り返し先の電話番号をお話しいただくか、番号とシャープを押してください。'), 'What number should we call you back on?'),
  );

/** The callback is noted: staff see it in the console and call. */
export const callbackNoted = (phone: string): Say =>
  as(
    'handoff',
    withEnglish(
      say(
        `承りました。担当者から ${phoneText(phone)} へ折り返しお電話します。お電話ありがとうございました。`,
        `承りました。担当者から、${phoneSpeech(phone)}へ、お電話します。お電話ありがとうございました。`,
      ),
      `Thank you. A member of staff will call you back on ${phoneText(phone)}. Thank you for calling.`,
    ),
  );

/** No callback could be taken (no answer to the offer): the desk's own line. */
export const callbackNotTaken = (deskPhone: string): Say =>
  as(
    'refers-to-phone',
    as(
      'goodbye',
      withEnglish(
        say(
          `折り返しのご依頼を承れませんでした。${deskPhoneText(deskPhone)}へおかけ直しください。`,
          `折り返しのご依頼を、承れませんでした。${deskPhoneSpeech(deskPhone)}へ、平日におかけ直しください。`,
        ),
        `Sorry, we could not take a call-back request. Please call ${deskPhoneTextEn(deskPhone)} again.`,
      ),
    ),
  );
