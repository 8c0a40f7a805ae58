// What the bot says when a holder who cannot come asks for the proxy form by mail (R21c step 1):
// the offer, the five steps, who may ask (the holder or the legal representative; anyone else
// at the window with ID, as the city's page says), the holder's name, birthday and a number to
// call back, the read-back, and what happens next — the desk calls back to confirm identity,
// mails the form 転送不要, and a proxy's booking is made by phone (R11). Japanese with English
// (web and LINE); the phone speaks Japanese, keys said.
import { birthdayText, birthdayTextEn, phoneSpeech, phoneText } from '../format.js';
import { deskPhoneSpeech, deskPhoneText, deskPhoneTextEn, DESK_PLACE, DESK_PLACE_EN } from './desk.ja.js';
import { as, say, withEnglish, YES_NO, type Act, type Choice, type English, type Say } from './say.js';

const said = (acts: Act | Act[], s: Say, en: string | English): Say => [acts].flat().reduce((m, act) => as(act, m), withEnglish(s, en));
const YES_NO_EN = ['Yes', 'No'];

/** The offer's buttons; 1 and 2 on the phone. */
const OFFER: Choice[] = [
  { label: '郵送を依頼する', digit: '1' },
  { label: '依頼しない', digit: '2' },
];
const OFFER_EN = ['Yes, please', 'No, thanks'];

/** Who asks: the holder and the legal representative may (1, 2); anyone else (3) comes to the window. */
const REQUESTER: Choice[] = [
  { label: '本人です', digit: '1' },
  { label: '法定代理人です', digit: '2' },
  { label: 'どちらでもない', digit: '3' },
];
const REQUESTER_EN = ['I am the holder', 'Legal guardian', 'Neither'];
/** What the phone's keys mean at the requester question (read by bot/understanding/answers/keypad.ts). */
export const REQUESTER_KEYS: Record<string, string> = { '1': 'yes', '2': 'yes', '3': 'no' };

// ── the offer and the steps ───────────────────────────────────────────────────────────

/** After the proxy answer: 「照会書の郵送を依頼しますか?」 */
export const offerRequest = (voice: boolean): Say =>
  said(
    'offers-proxy-request',
    say(
      'ご本人が来られない場合は、市からご本人あてに「照会書兼回答書(兼委任状)」を郵送します。その郵送のご依頼を、ここでお受けしましょうか?',
      voice
        ? '照会書の郵送を依頼しますか。依頼する場合は1、しない場合は2です。'
        : 'ご本人が来られない場合は、市から照会書を郵送します。郵送のご依頼を、ここでお受けしましょうか。',
      OFFER,
    ),
    { text: 'If the card holder cannot come, the city mails them the inquiry and answer form (which is also the letter of proxy). Shall I take the request to mail it now?', choices: OFFER_EN },
  );

/** R21c: the five steps, briefly; that it takes days; face-auth cards; the move-in exception. */
export const steps = (voice: boolean): Say =>
  said(
    'answers-proxy',
    say(
      [
        '代理人のお手続きの流れです(日数がかかります)。',
        '1. 市に「照会書兼回答書(兼委任状)」の郵送を依頼します(このあとお受けします)。',
        '2. 市からご本人あてに、〈転送不要〉の郵便でお送りします。',
        '3. ご本人が必要事項と暗証番号を記入し、封入封緘します。顔認証マイナンバーカードのかたは、暗証番号の記入と封入封緘は不要です。',
        '4. 代理人が、ご本人のマイナンバーカード、代理人の顔写真付きの本人確認書類、照会書兼回答書を持って来庁します。',
        '5. 職員が封入された暗証番号を入力し、代理人にカードをお渡しします。',
        '※転入・転居の届出の当日に、新しい住所で同じ世帯のかたが委任状を持って来られる場合は、郵送なしでその日に手続きできます。',
      ].join('\n'),
      voice
        ? '数日かかります。照会書を郵送し、ご本人が記入して封をします。'
        : undefined,
    ),
    [
      'How a proxy does it (it takes several days):',
      '1. Ask the city to mail the inquiry and answer form (also the letter of proxy) — I can take that request next.',
      '2. The city mails it to the card holder, marked “not to be forwarded”.',
      '3. The holder fills it in with their PINs and seals it. With a face-authentication card, no PIN and no sealing are needed.',
      '4. The proxy comes with the holder’s My Number card, their own photo ID and the form.',
      '5. Staff enter the PINs from the sealed form and hand the card to the proxy.',
      'On the day a move into or within the city is notified, a member of the same household at the new address who brings a letter of proxy can do it that day, without the form.',
    ].join('\n'),
  );

/** Only the holder or the legal representative may ask by phone (the city's page); the bot keeps that. */
export const askRequester = (): Say =>
  said(
    'asks-requester',
    say(
      '照会書の郵送は、ご本人か、法定代理人(15歳未満・成年被後見人のかたの親権者や成年後見人)からのご依頼に限ります。ご依頼になるのはどなたですか?',
      'ご依頼は、ご本人か法定代理人だけです。ご本人なら1、法定代理人なら2、ほかのかたは3です。',
      REQUESTER,
    ),
    { text: 'The request must come from the card holder, or from the legal representative of a holder under 15 or under adult guardianship. Who is making the request?', choices: REQUESTER_EN },
  );

/** Anyone else asks at the window with their ID (the city's page). */
export const requesterRefused = (deskPhone: string, voice: boolean): Say =>
  said(
    'not-eligible',
    say(
      `申し訳ありません。ご本人・法定代理人以外のかたからのご依頼は、お電話やインターネットではお受けできません。ご依頼になるかたの本人確認書類をお持ちのうえ、${DESK_PLACE}でご依頼ください。ご本人からのご依頼なら、${voice ? 'このお電話' : deskPhoneText(deskPhone)}でもお受けします。`,
      voice
        ? '申し訳ありません。ほかのかたは、本人確認書類を持って、102番窓口でご依頼ください。'
        : `申し訳ありません。ご本人か法定代理人以外のかたは、本人確認書類を持って、102番窓口でご依頼ください。ご本人からなら、${deskPhoneSpeech(deskPhone)}でもお受けします。`,
    ),
    `Sorry — a request from anyone other than the card holder or their legal representative cannot be taken by phone or online. Please bring your own ID to ${DESK_PLACE_EN} and ask there. The holder can also ask ${voice ? 'on this line' : `on ${deskPhoneTextEn(deskPhone)}`}.`,
  );

// ── the holder's details ──────────────────────────────────────────────────────────────

/** The name the resident record is found by; typed in kana, said on the phone. */
export const askName = (voice: boolean): Say =>
  said(
    'asks-name',
    say(
      voice
        ? 'カードをお持ちのご本人のお名前を、名字からお話しください。'
        : 'カードをお持ちのご本人のお名前を、カタカナかひらがなで入力してください。(例:ミノオ ハナコ)\n※マイナンバー(個人番号)はお伺いしません。入力しないでください。',
      'カードをお持ちのご本人のお名前を、名字からお話しください。',
    ),
    'What is the card holder’s full name? Please type it in katakana or hiragana, as on the resident record. We never ask for the My Number: please do not type it.',
  );

/** The phone: the name as speech-to-text heard it, read back for a yes. */
export const confirmName = (kana: string): Say =>
  said(
    'read-back',
    say(`お名前は「${kana}」さまで、よろしいですか?`, `お名前は、${kana}さま、でよろしいですか。よろしければ1、言い直す場合は2を押してください。`, YES_NO),
    { text: 'Did I get the name right?', choices: YES_NO_EN },
  );

export const askNameAgain = (): Say =>
  said(
    'asks-name',
    say('失礼しました。もう一度、ご本人のお名前を、名字からゆっくりお話しください。', '失礼しました。もう一度、お名前を、名字からゆっくりお話しください。'),
    'Sorry. Please tell me the card holder’s name again, slowly, family name first.',
  );

export const askBirthday = (): Say =>
  said(
    'asks-birthday',
    say('ご本人の誕生日(月日)を教えてください。(例:5月3日)', 'ご本人の誕生日をどうぞ。5月3日なら、0503と押せます。'),
    'What is the card holder’s birthday (month and day)? (e.g. May 3)',
  );

/** The desk calls back to confirm identity: the caller's own number offered on the phone. */
export const askCallbackPhone = (callerNumber: string | undefined): Say =>
  callerNumber
    ? said(
        'asks-use-caller-number',
        say(
          `本人確認のため、窓口から折り返しお電話します。いまおかけの ${phoneText(callerNumber)} におかけしてよろしいですか?`,
          `折り返しは、この番号、${phoneSpeech(callerNumber)}でよろしいですか。はいは1、いいえは2です。`,
          YES_NO,
        ),
        { text: `To confirm identity, the desk will call you back. May we call the number you are calling from, ${phoneText(callerNumber)}?`, choices: YES_NO_EN },
      )
    : said(
        'asks-phone',
        say('本人確認のため、窓口から折り返しお電話します。日中につながるお電話番号を教えてください。(例:090-1234-5678)', '本人確認のため、窓口から折り返しお電話します。日中につながる電話番号をお話しください。'),
        'To confirm identity, the desk will call you back. What phone number can we reach you at during the day? (e.g. 090-1234-5678)',
      );

export const askOtherCallbackPhone = (): Say =>
  said('asks-phone', say('折り返しのお電話番号を教えてください。', '折り返しの電話番号をお話しいただくか、番号を押してください。'), 'What number should the desk call you back at?');

// ── the read-back and after ───────────────────────────────────────────────────────────

export interface RequestSummary {
  kanaName: string;
  birthday: string;
  phone: string;
}

/** Nothing is stored before the citizen's yes to this. */
export const confirmRequest = (s: RequestSummary): Say => {
  const lead = '次の内容で、照会書兼回答書の郵送を依頼します。よろしいですか?';
  const facts = [
    { label: 'お名前(カナ)', value: s.kanaName },
    { label: '誕生日', value: birthdayText(s.birthday) },
    { label: '折り返しのお電話', value: phoneText(s.phone) },
  ];
  const leadEn = 'I will send the following request to mail the form. Is this correct?';
  const factsEn = [
    { label: 'Name', value: romaji(s.kanaName) },
    { label: 'Birthday', value: birthdayTextEn(s.birthday) },
    { label: 'Call-back number', value: phoneText(s.phone) },
  ];
  return as(
    'read-back',
    withEnglish(
      {
        ask: 'confirm',
        card: { title: '郵送依頼の確認', lead, facts },
        ...say(
          [lead, ...facts.map((f) => `${f.label}:${f.value}`)].join('\n'),
          `お名前は${s.kanaName}さま、誕生日は${birthdayText(s.birthday)}、折り返しの電話は${phoneSpeech(s.phone)}で、郵送を依頼します。よろしければ1、違えば2を押してください。`,
          YES_NO,
        ),
      },
      { text: [leadEn, ...factsEn.map((f) => `${f.label}: ${f.value}`)].join('\n'), choices: YES_NO_EN, card: { title: 'Please check your request', lead: leadEn, facts: factsEn } },
    ),
  );
};

/** A no at the read-back: nothing was stored; the details are asked again. */
export const startOver = (): Say =>
  said('clarifies', say('わかりました。お手数ですが、もう一度お伺いします。', 'わかりました。もう一度お伺いします。'), 'All right — nothing has been sent. Let me ask again.');

/** Stored: the desk calls back to confirm identity, then mails the form; a proxy books by phone (R11). */
export const requestTaken = (deskPhone: string, voice: boolean): Say =>
  said(
    ['proxy-request-taken', 'refers-to-phone'],
    say(
      [
        '照会書兼回答書の郵送のご依頼をお受けしました。',
        '・本人確認のため、窓口の職員から、開庁日の受付時間内に折り返しお電話します。',
        '・確認ができましたら、照会書兼回答書を〈転送不要〉の郵便でご本人の住所にお送りします。届くまで数日かかります。',
        `・代理人が来られるご予約は、必要な書類をご案内するため、お電話でお受けしています。${voice ? '折り返しのお電話のときにもお受けできます。' : deskPhoneText(deskPhone)}`,
      ].join('\n'),
      voice
        ? 'ご依頼をお受けしました。本人確認のため、折り返しお電話します。代理の予約も、そのときにどうぞ。'
        : `ご依頼をお受けしました。窓口から折り返しお電話して、本人確認をします。代理のかたのご予約は、${deskPhoneSpeech(deskPhone)}でお受けします。`,
    ),
    [
      'Your request to mail the inquiry and answer form has been received.',
      '• To confirm identity, a member of staff will call you back during office hours on a business day.',
      '• Once confirmed, the form is mailed to the card holder’s address, marked “not to be forwarded”. It takes several days to arrive.',
      `• A proxy’s visit is booked by phone, so that staff can explain the documents: ${voice ? 'you can also do it when we call you back' : deskPhoneTextEn(deskPhone)}.`,
    ].join('\n'),
  );

/** The same request again while the first is open: not stored twice. */
export const alreadyRequested = (): Say =>
  said(
    'proxy-request-taken',
    say('このご依頼は、すでにお受けしています。窓口の職員から折り返しお電話しますので、お待ちください。', 'このご依頼は、すでにお受けしています。窓口から折り返しお電話しますので、お待ちください。'),
    'This request has already been received. A member of staff will call you back.',
  );

/** Where requests cannot be taken here (no ledger behind the bot): the desk takes them by phone. */
export const requestByPhone = (deskPhone: string): Say =>
  said(
    'refers-to-phone',
    say(`申し訳ありません。いま、ここでは郵送のご依頼をお受けできません。${deskPhoneText(deskPhone)}でご依頼ください。`, `申し訳ありません。郵送のご依頼は、${deskPhoneSpeech(deskPhone)}でお受けします。`),
    `Sorry, I cannot take the request here right now. Please call ${deskPhoneTextEn(deskPhone)}.`,
  );

// ── katakana in latin letters, for the English read-back ──────────────────────────────

const SYLLABLES: Record<string, string> = {
  ア: 'a', イ: 'i', ウ: 'u', エ: 'e', オ: 'o', カ: 'ka', キ: 'ki', ク: 'ku', ケ: 'ke', コ: 'ko', ガ: 'ga', ギ: 'gi', グ: 'gu', ゲ: 'ge', ゴ: 'go',
  サ: 'sa', シ: 'shi', ス: 'su', セ: 'se', ソ: 'so', ザ: 'za', ジ: 'ji', ズ: 'zu', ゼ: 'ze', ゾ: 'zo', タ: 'ta', チ: 'chi', ツ: 'tsu', テ: 'te', ト: 'to',
  ダ: 'da', ヂ: 'ji', ヅ: 'zu', デ: 'de', ド: 'do', ナ: 'na', ニ: 'ni', ヌ: 'nu', ネ: 'ne', ノ: 'no', ハ: 'ha', ヒ: 'hi', フ: 'fu', ヘ: 'he', ホ: 'ho',
  バ: 'ba', ビ: 'bi', ブ: 'bu', ベ: 'be', ボ: 'bo', パ: 'pa', ピ: 'pi', プ: 'pu', ペ: 'pe', ポ: 'po', マ: 'ma', ミ: 'mi', ム: 'mu', メ: 'me', モ: 'mo',
  ヤ: 'ya', ユ: 'yu', ヨ: 'yo', ラ: 'ra', リ: 'ri', ル: 'ru', レ: 're', ロ: 'ro', ワ: 'wa', ヰ: 'i', ヱ: 'e', ヲ: 'o', ン: 'n', ヴ: 'vu',
  ァ: 'a', ィ: 'i', ゥ: 'u', ェ: 'e', ォ: 'o', ヮ: 'wa', ヵ: 'ka', ヶ: 'ke',
};
const SMALL_Y: Record<string, string> = { ャ: 'a', ュ: 'u', ョ: 'o' };

/** ミノオ ハナコ → Minoo Hanako (Hepburn, long vowels spelt out): never Japanese in an English message. */
function romaji(kana: string): string {
  const chars = [...kana];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const small = SMALL_Y[chars[i + 1] ?? ''];
    if (c === 'ッ') {
      const next = SYLLABLES[chars[i + 1] ?? ''] ?? '';
      out += next.startsWith('ch') ? 't' : next[0] ?? '';
    } else if (c === 'ー') {
      out += /[aeiou]$/.exec(out)?.[0] ?? '';
    } else if (small && SYLLABLES[c]) {
      const base = SYLLABLES[c];
      out += /^(?:shi|chi|ji)$/.test(base) ? base.slice(0, -1) + small : base.slice(0, -1) + 'y' + small;
      i++;
    } else {
      out += SYLLABLES[c] ?? (/\s/.test(c) ? ' ' : '');
    }
  }
  return out.replace(/\b\w/g, (w) => w.toUpperCase());
}
