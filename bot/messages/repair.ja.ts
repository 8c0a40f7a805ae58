// What the bot says to repair a conversation (Rasa CALM's patterns): a short clarifying question
// when an answer could mean two things, what kinds of answer work after two misses, a polite word
// on something off the topic, an empty message, English on the phone, and the offer of a person.
// Japanese with English (web and LINE); the phone speaks Japanese, keys said.
import type { AskKind } from '../understanding/answers.js';
import { deskPhoneText, deskPhoneTextEn, phoneNumberSpeech } from './desk.ja.js';
import { as, say, withEnglish, YES_NO, type Choice, type Say } from './say.js';

const YES_NO_UNKNOWN: Choice[] = [
  { label: 'はい', digit: '1' },
  { label: 'いいえ', digit: '2' },
  { label: 'わからない', digit: '3' },
];
const YES_NO_UNKNOWN_EN = ['Yes', 'No', "I don't know"];

interface Clarification {
  text: string;
  speak: string;
  en: string;
  choices?: Choice[];
  choicesEn?: string[];
}

/** For each question: how a clerk would ask again when the answer could mean two things. */
const CLARIFY: Record<AskKind, Clarification> = {
  'notice-received': {
    text: '水色の封筒の「電子証明書の有効期限通知書」が届いているかどうかを、「はい」「いいえ」「わからない」でお答えください。',
    speak: '有効期限通知書が届いていれば1、届いていなければ2、わからなければ3を押してください。',
    en: 'Has the notice of your e-certificate’s expiry (a light-blue envelope) arrived? Please answer yes, no, or I don’t know.',
    choices: YES_NO_UNKNOWN,
    choicesEn: YES_NO_UNKNOWN_EN,
  },
  'certificate-expiry': {
    text: 'カードの表面に書かれた「電子証明書の有効期限」の日付(例:2027年3月10日)を教えてください。もう切れている場合は「切れている」、わからない場合は「わからない」とお答えください。',
    speak: '有効期限を、2027年3月10日のようにお話しください。切れていれば、切れている、とお話しください。',
    en: 'Please tell me the expiry date of your e-certificate printed on the card (e.g. March 10, 2027), or say “expired” or “I don’t know”.',
  },
  'card-expiring-soon': {
    text: 'カード本体の有効期限(表面の「まで有効」の日付)まで3か月未満なら「はい」、3か月以上あるなら「いいえ」でお答えください。日付を教えていただいても結構です。',
    speak: 'カード本体の有効期限まで、3か月未満なら1、3か月以上あれば2、わからなければ3を押してください。',
    en: 'Does the card itself expire within 3 months (or has it expired)? Please answer yes or no — or tell me the “valid until” date on the card.',
    choices: YES_NO_UNKNOWN,
    choicesEn: YES_NO_UNKNOWN_EN,
  },
  'in-person': {
    text: 'カードをお持ちのご本人が来られる場合は「はい」、代理のかたが来られる場合は「いいえ」でお答えください。',
    speak: 'ご本人が来られる場合は1、代理のかたが来られる場合は2を押してください。',
    en: 'Will the card holder come in person? Please answer yes, or no if someone else will come on their behalf.',
    choices: YES_NO,
    choicesEn: ['Yes', 'No'],
  },
  date: {
    text: 'ご希望の日にちを、「12月22日」「来週の火曜日」のように教えてください。「一番早い日」でもお探しします。',
    speak: '日にちを、12月22日のようにお話しください。番号なら、1222のように4桁です。',
    en: 'Which day would you like? For example “Dec 22” or “next Tuesday” — or “the earliest day”.',
  },
  time: {
    text: 'ご希望の時間を、「10時」「10時半」「午後」のように教えてください。',
    speak: 'ご希望の時間を、10時のようにお話しください。',
    en: 'What time would you like? For example “10:00”, “10:30” or “afternoon”.',
  },
  'window-choice': {
    text: '番号(「1」「2番」)か日時でお選びください。ほかの日がよろしければ、その日にちを教えてください。',
    // Said before the list again (the prompt restates it).
    speak: 'もう一度申し上げます。',
    en: 'Please choose by number (“1”, “the second one”) or by date and time, or tell me another day.',
  },
  birthday: {
    text: 'カードをお持ちのかたの誕生日を、月と日で教えてください(例:5月3日)。',
    speak: '誕生日を、5月3日のようにお話しください。番号なら、0503のように4桁です。',
    en: 'Please tell me the card holder’s birthday, month and day (e.g. May 3).',
  },
  phone: {
    text: 'ご連絡のつくお電話番号を、数字で教えてください(例:090-1234-5678)。',
    speak: '電話番号をお話しいただくか、番号とシャープを押してください。',
    en: 'Please give a phone number we can reach you at (e.g. 090-1234-5678).',
  },
  'use-caller-number': {
    text: 'このお電話番号でよろしければ「はい」、別の番号にする場合はその番号を教えてください。',
    speak: 'このお電話番号でよろしければ1を、別の番号にする場合は2を押してください。',
    en: 'Shall we use this number? Say yes, or give another number.',
    choices: YES_NO,
    choicesEn: ['Yes', 'No'],
  },
  email: {
    text: 'メールアドレスを「name@example.jp」のように入力してください。',
    speak: 'メールアドレスを、入力してください。',
    en: 'Please type your e-mail address, like name@example.jp.',
  },
  'read-back': {
    text: 'この内容でよろしければ「はい」、直すところがあれば「時間は11時に」のように教えてください。',
    // Said before the read-back again (the prompt restates it).
    speak: '確認します。',
    en: 'If this is right, say yes; if something should change, tell me, e.g. “make it 11:00”.',
    choices: YES_NO,
    choicesEn: ['Yes', 'No'],
  },
  'reservation-number': {
    text: '予約番号は8桁の数字です。予約完了のときのメッセージやメールでご確認ください。',
    speak: '予約番号、8桁を押して、シャープを押してください。',
    en: 'The reservation number has 8 digits; it is in the message or e-mail you got when you booked.',
  },
  'manage-action': {
    text: '「日時を変更する」「キャンセルする」「このままでよい」からお選びください。',
    speak: '変更は1、キャンセルは2、このままでよい場合は3を押してください。',
    en: 'Would you like to change the date and time, cancel, or keep the reservation as it is?',
    choices: [
      { label: '日時を変更する', digit: '1' },
      { label: 'キャンセルする', digit: '2' },
      { label: 'このままでよい', digit: '3' },
    ],
    choicesEn: ['Change the date/time', 'Cancel', 'Keep it'],
  },
  'anything-else': {
    text: 'ほかにご用件があればお知らせください。なければ「ありません」とお答えください。',
    // Asked after a yes-or-no question (another family member, a person, booking now).
    speak: 'はいなら1、いいえなら2を押してください。',
    en: 'Is there anything else? If not, just say “no”.',
  },
  'proxy-form-offer': {
    text: '照会書兼回答書の郵送をご依頼になる場合は「郵送を依頼する」、ご依頼にならない場合は「依頼しない」とお答えください。',
    speak: '照会書の郵送をご依頼なら1、ご依頼にならなければ2を押してください。',
    en: 'Shall I take a request to mail the inquiry and answer form to the card holder? Please answer yes or no.',
    choices: [
      { label: '郵送を依頼する', digit: '1' },
      { label: '依頼しない', digit: '2' },
    ],
    choicesEn: ['Yes, please', 'No, thanks'],
  },
  requester: {
    text: 'ご依頼になるかたが、カードをお持ちのご本人なら「本人です」、15歳未満のかたや成年被後見人のかたの法定代理人(親権者・成年後見人)なら「法定代理人です」、どちらでもなければ「どちらでもない」とお答えください。',
    speak: 'ご本人なら1、法定代理人なら2、どちらでもなければ3を押してください。',
    en: 'Are you the card holder, or the legal representative (parent with custody, or guardian) of a holder under 15 or under adult guardianship? If neither, say “neither”.',
    choices: [
      { label: '本人です', digit: '1' },
      { label: '法定代理人です', digit: '2' },
      { label: 'どちらでもない', digit: '3' },
    ],
    choicesEn: ['I am the holder', 'Legal guardian', 'Neither'],
  },
  'kana-name': {
    text: 'カードをお持ちのご本人のお名前を、カタカナかひらがなで入力してください(例:ミノオ ハナコ)。マイナンバーなどの番号は入力しないでください。',
    speak: 'ご本人のお名前を、名字から、ゆっくりお話しください。',
    en: 'Please type the card holder’s full name in katakana or hiragana, as on the resident record. Please do not type the My Number or any other number.',
  },
};

/** A short clarifying question: never a guess that could refuse someone. */
export function clarify(kind: AskKind): Say {
  const c = CLARIFY[kind];
  return as('clarifies', withEnglish(say(c.text, c.speak, c.choices), { text: c.en, ...(c.choicesEn ? { choices: c.choicesEn } : {}) }));
}

/** After two misses: what kinds of answer work (help), the buttons or keys, and that a person is there. */
export function cannotHandle(kind: AskKind, voice: boolean): Say {
  const c = CLARIFY[kind];
  return as('help', as(
    'clarifies',
    withEnglish(
      say(
        `うまく読み取れず、申し訳ありません。${c.text}\n職員とお話しになりたいときは「担当者」とお伝えください。`,
        `申し訳ありません。${voice ? '担当者は0です。' : ''}${c.speak}`,
        c.choices,
      ),
      { text: `Sorry, I could not follow. ${c.en}\nTo talk to a member of staff, say “staff”.`, ...(c.choicesEn ? { choices: c.choicesEn } : {}) },
    ),
  ));
}

/** Something the desk cannot help with (the falls' autumn leaves): a short answer and what it can do. */
export const offTopic = (): Say =>
  as(
    'off-topic-reply',
    withEnglish(
      say(
        '申し訳ありません。そのご質問には、こちらではお答えできません。こちらでは、電子証明書の新規発行・更新の予約(予約・確認・変更・キャンセル)と、持ち物・手数料などのご案内をしています。',
        '申し訳ありません。そのご質問には、お答えできません。',
      ),
      'Sorry, I can’t help with that here. I can book, check, change or cancel a reservation for the e-certificate renewal or new issuance, and tell you what to bring and what it costs.',
    ),
  );

/** An empty message (a blank line, nothing typed). */
export const blank = (): Say =>
  as('clarifies', withEnglish(say('メッセージが空のようです。', 'お返事が、聞き取れませんでした。'), 'Your message seems to be empty.'));

/** A person, with consent: after repeated misunderstandings, or a case that needs staff. */
export const offerHandoff = (): Say =>
  as(
    'offers-handoff',
    withEnglish(
      say('うまくご案内できず、申し訳ありません。担当の職員におつなぎしましょうか?', 'うまくご案内できず、申し訳ありません。担当者におつなぎしますか。はいは1、いいえは2を押してください。', YES_NO),
      { text: 'I’m sorry I could not help. Shall I pass you to a member of staff?', choices: ['Yes', 'No'] },
    ),
  );

/** The citizen did not want a person after all: what they can do instead. */
export const handoffDeclined = (deskPhone: string): Say =>
  as('anything-else', as(
    'refers-to-phone',
    withEnglish(
      say(`承知しました。お手続きは、${deskPhoneText(deskPhone)}でもお受けしています。ほかにご用件があればどうぞ。`, `承知しました。職員の電話は、${phoneNumberSpeech(deskPhone)}です。ご用件をどうぞ。`),
      `All right. You can also call the reservation desk at ${deskPhone} (weekdays 9:00–17:00). Anything else?`,
    ),
  ));

/** The phone line heard nothing again and again: the call ends, with the desk's number. */
export const silentLine = (deskPhone: string): Say =>
  as('refers-to-phone', as(
    'goodbye',
    withEnglish(
      say(
        `お声が聞き取れませんでした。恐れ入りますが、もう一度おかけ直しいただくか、${deskPhoneText(deskPhone)}へおかけください。`,
        `お声が聞き取れませんでした。おかけ直しください。職員の電話は、${phoneNumberSpeech(deskPhone)}です。失礼いたします。`,
      ),
      `I couldn’t hear you. Please call again, or call ${deskPhoneTextEn(deskPhone)}.`,
    ),
  ));

/** English on the web or LINE: from now on the conversation is in English. */
export const switchedToEnglish = (): Say =>
  as('help', withEnglish(say('英語でご案内します。'), 'Of course — I’ll continue in English. I can book, check, change or cancel a reservation at window 102 for the My Number card e-certificate, and tell you what to bring and what it costs.'));

/** Japanese again, on request. */
export const switchedToJapanese = (): Say => as('anything-else', withEnglish(say('日本語でご案内します。ご用件をどうぞ。'), 'I’ll continue in Japanese. How can I help?'));

/**
 * English on the phone line: one English sentence pointing to what works in English. The phone
 * door speaks it in an English voice (its activity's locale).
 */
export const englishOnPhone = (deskPhone: string): Say => {
  const text = `This line is in Japanese only. For English, please use the chat on the Minoh City website or LINE, or call the reservation desk at ${deskPhone}, weekdays 9 to 5.`;
  return as('refers-to-phone', { text, speak: text, speakLang: 'en' });
};

/** A detail the phone heard, as it is shown and said back. */
export interface HeardDetail {
  text: string;
  speak: string;
  en: string;
}

/** The phone heard a date, a time, a birthday or a number unsurely: said back before it is used. */
export const confirmHeard = (heard: HeardDetail): Say =>
  as(
    'clarifies',
    withEnglish(
      say(`${heard.text}でよろしいですか?`, `${heard.speak}で、よろしいですか。よろしければ1、違えば2を押してください。`, YES_NO),
      { text: `Is that right: ${heard.en}?`, choices: ['Yes', 'No'] },
    ),
  );

/** 「いいえ」 to what was said back: the question is asked again after this. */
export const heardWrong = (): Say => as('clarifies', withEnglish(say('失礼しました。', '失礼しました。'), 'Sorry about that.'));
