// What to bring (R21 持ち物), in Japanese with English for web and LINE: the checklist from
// domain/documents.ts as a short list on screen and as one idea per sentence on the phone, the
// ID lists [A]/[B] (R21d), and the question of who will come to the counter.
import {
  DRIVING_HISTORY_CERTIFICATE_ISSUED_FROM,
  HEALTH_INSURANCE_CARD_NOT_ACCEPTED_FROM,
  ID_DOCUMENTS,
  type Checklist,
  type ChecklistItem,
} from '../../domain/documents.js';
import { ruleDateTextEn } from '../format.js';
import { DEFAULT_DESK_PHONE, deskPhoneSpeech, deskPhoneText, deskPhoneTextEn, eraDateText } from './desk.ja.js';
import { as, say, withEnglish, type Say } from './say.js';

/** A sentence on screen, the same idea for the voice, and in English (web and LINE). */
export interface Phrase {
  text: string;
  speak: string;
  en: string;
}

// A code the domain adds before this table knows it: never show the code, send to a person.
const UNKNOWN: Phrase = {
  text: 'そのほかに必要なものがあります。詳しくは担当者におたずねください。',
  speak: 'そのほかに必要なものがあります。詳しくは担当者におたずねください。',
  en: 'Some other items are also needed. For details, please ask a member of staff.',
};

const phrase = (table: Record<string, Phrase>, code: string): Phrase => table[code] ?? UNKNOWN;

const ITEMS: Record<string, Phrase> = {
  'holder-card': { text: 'ご本人の有効なマイナンバーカード', speak: 'ご本人の、有効なマイナンバーカードをお持ちください。', en: 'The card holder’s valid My Number card' },
  'holder-pins': { text: '設定済みの暗証番号(手続きで入力します)', speak: '設定した暗証番号も必要です。', en: 'The PINs set for the card (you enter them during the procedure)' },
  'holder-comes-along': { text: 'ご本人(一緒にお越しください)', speak: 'ご本人も、一緒にお越しください。', en: 'The card holder (please come together)' },
  'representative-id': { text: '法定代理人の本人確認書類', speak: '法定代理人のかたの、本人確認書類が必要です。', en: 'ID of the legal representative' },
  'proxy-id': { text: '代理人の本人確認書類', speak: '代理人のかたの、本人確認書類が必要です。', en: 'ID of the proxy' },
  'family-register-copy': {
    text: '法定代理人であることがわかる書類(戸籍謄本など。本籍が箕面市にある場合、または同一世帯の親権者の場合は不要)',
    speak: '法定代理人であることがわかる、戸籍謄本などをお持ちください。本籍が箕面市にある場合や、同じ世帯の親権者の場合は、要りません。',
    en: 'A document showing you are the legal representative, such as a copy of the family register (not needed if the registered domicile is in Minoh, or for a parent in the same household)',
  },
  'guardianship-registry-certificate': {
    text: '成年後見人であることがわかる書類(登記事項証明書など)',
    speak: '成年後見人であることがわかる、登記事項証明書などをお持ちください。',
    en: 'A document showing you are the adult guardian, such as a certificate of registered matters',
  },
  'guardian-name-address-document': {
    text: '登記事項証明書などに書かれた後見人の住所と氏名が確認できる書類1点',
    speak: '登記事項証明書などに書かれた、後見人の住所と氏名が確認できる書類も、1点お持ちください。',
    en: 'One document showing the guardian’s address and name as written on that certificate',
  },
  'sealed-inquiry-answer-form': {
    text: '照会書兼回答書(兼委任状):市がご本人あてに郵送したもの。ご本人が暗証番号を記入し、封入封緘したもの',
    speak: '市からご本人あてに郵送する、照会書兼回答書をお持ちください。ご本人が暗証番号を書いて、封をしたものです。',
    en: 'The inquiry and answer form (which is also the letter of proxy) that the city mails to the card holder, with the PINs written in by the holder and sealed',
  },
  'inquiry-answer-form': {
    text: '照会書兼回答書(兼委任状):市がご本人あてに郵送したもの。ご本人が必要事項を記入したもの',
    speak: '市からご本人あてに郵送する、照会書兼回答書をお持ちください。ご本人が記入したものです。',
    en: 'The inquiry and answer form (which is also the letter of proxy) that the city mails to the card holder, filled in by the holder',
  },
  'letter-of-attorney': { text: '委任状', speak: '委任状をお持ちください。', en: 'A letter of proxy' },
};

/** Which ID list an ID item draws from (R21d). */
const ID_LISTS: Record<NonNullable<ChecklistItem['idList']>, Phrase> = {
  A: { text: '【A】から1点', speak: '顔写真付きのものを、1点お持ちください。', en: 'one from list [A]' },
  B: { text: '【B】から1点', speak: '氏名と生年月日、または氏名と住所が書かれたものを、1点お持ちください。', en: 'one from list [B]' },
  'A-or-B': {
    text: '【A】から1点。ご本人が同行する場合は【B】から1点でも可',
    speak: '顔写真付きのものを、1点お持ちください。ご本人が一緒に来られる場合は、顔写真のないものでも構いません。',
    en: 'one from list [A]; one from list [B] will do if the card holder comes along',
  },
};

const NOTES: Record<string, Phrase> = {
  'ids-valid-originals-no-copies': {
    text: '本人確認書類は、有効期間内の原本をお持ちください(コピー不可)。',
    speak: '書類は、有効期間内の原本をお持ちください。コピーは使えません。',
    en: 'ID documents must be valid originals; copies are not accepted.',
  },
  'health-insurance-card-not-accepted': {
    text: `${eraDateText(HEALTH_INSURANCE_CARD_NOT_ACCEPTED_FROM)}以降、健康保険証は本人確認書類として使えません。`,
    speak: '健康保険証は、本人確認に使えません。',
    en: `Since ${ruleDateTextEn(HEALTH_INSURANCE_CARD_NOT_ACCEPTED_FROM)}, the health insurance card is no longer accepted as ID.`,
  },
  'b-document-must-match-resident-record': {
    text: '【B】は、住民票と同じ「氏名・生年月日」または「氏名・住所」が記載されたものに限ります。',
    speak: '顔写真のない書類は、住民票と同じ、氏名と生年月日、または氏名と住所が書かれたものに限ります。',
    en: 'A [B] document must show the name and date of birth, or the name and address, exactly as on the resident record.',
  },
  'holder-must-come-along': {
    text: '法定代理人が【A】の書類をお持ちでない場合は、ご本人も一緒にお越しください。ご本人が来られないと、お手続きできません。',
    speak: '法定代理人のかたが、顔写真付きの書類をお持ちでない場合は、ご本人も一緒にお越しください。',
    en: 'If the legal representative has no [A] document, the card holder must come too; without the holder the procedure cannot be done.',
  },
  'holder-comes-if-no-photo-id': {
    text: '法定代理人が【A】の書類をお持ちでない場合は、ご本人も一緒にお越しください。その場合、法定代理人の本人確認書類は【B】から1点でも構いません。',
    speak: '法定代理人のかたが、顔写真付きの書類をお持ちでない場合は、ご本人も一緒にお越しください。',
    en: 'If the legal representative has no [A] document, please come with the card holder; the representative’s ID can then be one from list [B].',
  },
  'holder-kind-unknown': {
    text: '成年被後見人のかたの場合は、戸籍謄本などではなく、登記事項証明書などと、後見人の住所と氏名が確認できる書類1点が必要です。',
    speak: '成年被後見人のかたの場合は、戸籍謄本ではなく、登記事項証明書などが必要です。',
    en: 'For an adult under guardianship, bring a certificate of registered matters (not a family register copy) and one document showing the guardian’s address and name.',
  },
  'family-register-not-needed': {
    text: '本籍が箕面市にある場合、または同一世帯の親権者の場合は、戸籍謄本などは不要です。',
    speak: '本籍が箕面市にある場合や、同じ世帯の親権者の場合は、戸籍謄本は要りません。',
    en: 'No family register copy is needed if the registered domicile is in Minoh, or for a parent with parental authority in the same household.',
  },
  'form-request-by-phone-holder-only': {
    text: '照会書兼回答書の送付は、ご本人(15歳未満のかたや成年被後見人のかたは法定代理人)からなら、戸籍住民異動室へのお電話で依頼できます。それ以外のかたが依頼する場合は、本人確認書類を持って来庁してください。',
    speak: '照会書の送付は、ご本人からなら、お電話で依頼できます。ほかのかたが依頼するときは、本人確認書類を持って、窓口にお越しください。',
    en: 'The card holder (or the legal representative of someone under 15 or under adult guardianship) can ask for the inquiry and answer form by phoning the Resident Registration Section. Anyone else must come to the office with ID to ask for it.',
  },
  'face-auth-no-pin-no-seal': {
    text: '顔認証マイナンバーカードのかたは、照会書兼回答書(代理人の手続き)への暗証番号の記入と封入封緘は不要です。',
    speak: '代理の手続きでも、暗証番号の記入と封は要りません。',
    en: 'With a face-authentication My Number card, the inquiry and answer form (for a proxy) needs no PIN and no sealing.',
  },
  'same-day-of-move-notification-only': {
    text: '転入・転居の届出の当日に、新しい住所で同一世帯のかたが委任状を持って来られた場合に限り、代理人としてその日のうちに手続きできます。',
    speak: '届出の日なら、同じ世帯のかたが委任状でできます。',
    en: 'Only on the day a move into or within the city is notified: a member of the same household at the new address who brings a letter of proxy can do it for you that same day.',
  },
};

// R21c steps; the voice numbers them with words, one step a sentence.
const STEPS: Record<string, Phrase> = {
  'request-form': { text: '市に照会書兼回答書(兼委任状)の送付を依頼します。', speak: '市に、照会書の送付をご依頼ください。', en: 'Ask the city to send the inquiry and answer form (which is also the letter of proxy).' },
  'city-mails-form-to-holder': {
    text: '市からご本人あてに、〈転送不要〉の郵便で送付します。',
    speak: '市から、ご本人あてに郵便でお送りします。転送はされません。',
    en: 'The city mails it to the card holder (it is not forwarded to another address).',
  },
  'holder-fills-in-and-seals-form': { text: 'ご本人が暗証番号などを記入し、封入封緘します。', speak: 'ご本人が、暗証番号などを書いて、封をします。', en: 'The card holder writes in the PINs and other details and seals the form.' },
  'holder-fills-in-form': { text: 'ご本人が必要事項を記入します。', speak: 'ご本人が、必要なことを書きます。', en: 'The card holder fills in the form.' },
  'proxy-brings-documents': { text: '代理人が上の持ち物を持って来庁し、窓口に出します。', speak: '代理人のかたが、持ち物を持って窓口にお越しになります。', en: 'The proxy brings the items above to the window.' },
  'staff-enter-pin-and-hand-card-to-proxy': {
    text: '職員が封入封緘された回答書の暗証番号を入力し、代理人にマイナンバーカードをお渡しします。',
    speak: '職員が暗証番号を入力して、代理人のかたにカードをお渡しします。',
    en: 'Staff enter the PINs from the sealed form and hand the My Number card to the proxy.',
  },
  'staff-hand-card-to-proxy': {
    text: '職員が手続きをして、代理人にマイナンバーカードをお渡しします。',
    speak: '職員が手続きをして、代理人のかたにカードをお渡しします。',
    en: 'Staff complete the procedure and hand the My Number card to the proxy.',
  },
};

/** The holder's own items: all a holder who comes in person brings (R21a). */
const HOLDER_ITEMS = new Set(['holder-card', 'holder-pins']);

const STEP_WORDS = ['はじめに', '次に', 'その次に', 'それから', 'さいごに'];

function item(i: ChecklistItem): Phrase {
  const p = phrase(ITEMS, i.code);
  if (!i.idList) return p;
  const list = ID_LISTS[i.idList];
  return { text: `${p.text}(${list.text})`, speak: p.speak + list.speak, en: `${p.en} (${list.en})` };
}

function stepSpeech(s: string, index: number, count: number): string {
  const word = index === count - 1 ? 'さいごに' : (STEP_WORDS[index] ?? '次に');
  return `${word}、${phrase(STEPS, s).speak}`;
}

/**
 * R21: the checklist for who applies. The screen gets the list, the proxy steps, the notes and
 * where to book when it must be by phone (R11); the voice gets the same, one idea a sentence.
 */
export function documentsFor(c: Checklist, voice: boolean, deskPhone: string = DEFAULT_DESK_PHONE): Say {
  const items = c.items.map(item);
  const steps = c.steps ?? [];
  const notes = c.notes.map((n) => phrase(NOTES, n.code));
  const when: Phrase = c.sameDay
    ? { text: '即日でお手続きできます。', speak: 'お手続きは、その日のうちにできます。', en: 'done the same day.' }
    : { text: '手続きに日数がかかります。', speak: 'お手続きには、日数がかかります。', en: 'this takes several days.' };
  const byPhone: Phrase[] = c.mustBookByPhone
    ? [
        voice
          ? {
              text: 'このご予約は、必要書類をご案内するため、担当者がお受けします。「担当者」とお話しください。',
              speak: 'このご予約は、担当者がお受けします。担当者、とお話しいただくと、おつなぎします。',
              en: 'A member of staff takes this reservation, to explain the documents. Please say “staff”.',
            }
          : {
              text: `このご予約は、必要書類をご案内するため、${deskPhoneText(deskPhone)}でお受けします。`,
              speak: `このご予約は、お電話でお受けします。${deskPhoneSpeech(deskPhone)}です。`,
              en: `This reservation is made by phone, so that staff can explain the documents: please call ${deskPhoneTextEn(deskPhone)}.`,
            },
      ]
    : [];
  const text = [
    `お持ちいただくもの(${when.text.replace(/。$/, '')})`,
    ...items.map((i) => `・${i.text}`),
    ...(steps.length ? ['お手続きの流れ', ...steps.map((s, n) => `${n + 1}. ${phrase(STEPS, s).text}`)] : []),
    ...notes.map((n) => n.text),
    ...byPhone.map((p) => p.text),
  ].join('\n');
  // The phone: the holder's own checklist in two sentences; anyone else's documents are
  // explained by staff (a list read out is not heard): the ID rule that catches people out
  // (R21d), then the way to staff.
  const holderOnly = c.items.every((i) => HOLDER_ITEMS.has(i.code));
  const idNote = c.notes.some((n) => n.code === 'health-insurance-card-not-accepted');
  const speak = !voice
    ? [when.speak, ...items.map((i) => i.speak), ...steps.map((s, n) => stepSpeech(s, n, steps.length)), ...notes.map((n) => n.speak), ...byPhone.map((p) => p.speak)].join('')
    : holderOnly
      ? `ご本人の有効なマイナンバーカードと、設定した暗証番号が必要です。${c.sameDay ? 'その日のうちにできます。' : ''}`
      : `書類は、担当者、とお話しください。${idNote ? '健康保険証は使えません。' : ''}`;
  const en = [
    `What to bring (${when.en.replace(/\.$/, '')})`,
    ...items.map((i) => `• ${i.en}`),
    ...(steps.length ? ['How it works', ...steps.map((s, n) => `${n + 1}. ${phrase(STEPS, s).en}`)] : []),
    ...notes.map((n) => n.en),
    ...byPhone.map((p) => p.en),
  ].join('\n');
  const answered = as('answers-documents', withEnglish(say(text, speak), en));
  return byPhone.length && !voice ? as('refers-to-phone', answered) : answered;
}

// R21d: the page restricts the 運転経歴証明書 to those issued from 平成24年4月1日.
const idName = (name: string): string =>
  name === '運転経歴証明書' ? `${name}(${eraDateText(DRIVING_HISTORY_CERTIFICATE_ISSUED_FROM)}以降に交付されたもの)` : name;

/** The ID documents of R21d in English. */
export const ID_NAMES_EN: Record<string, string> = {
  マイナンバーカード: 'My Number card',
  運転免許証: 'driver’s license',
  運転経歴証明書: 'certificate of driving history',
  パスポート: 'passport',
  身体障害者手帳: 'physical disability certificate',
  在留カード: 'residence card',
  特別永住者証明書: 'special permanent resident certificate',
  顔写真なしマイナンバーカード: 'My Number card without a photo',
  資格確認書: 'health insurance eligibility certificate',
  介護保険被保険者証: 'long-term care insurance card',
  年金手帳: 'pension book',
  子どもの医療証: 'child medical care certificate',
  児童扶養手当証書: 'child-rearing allowance certificate',
  生活保護受給者証: 'public assistance certificate',
  社員証: 'employee ID card',
  学生証: 'student ID card',
  精神障害者保健福祉手帳: 'mental disability certificate',
  療育手帳: 'intellectual disability certificate',
};
const idNameEn = (name: string): string =>
  name === '運転経歴証明書'
    ? `${ID_NAMES_EN[name]} (issued on or after ${ruleDateTextEn(DRIVING_HISTORY_CERTIFICATE_ISSUED_FROM)})`
    : (ID_NAMES_EN[name] ?? 'other documents (please ask staff)');

// The few a caller most likely has; the screen lists them all.
const SPOKEN_A = ['運転免許証', 'パスポート', 'マイナンバーカード'];
const SPOKEN_B = ['資格確認書', '年金手帳', '社員証', '学生証'];
const spokenFrom = (list: readonly string[], picks: string[]): string => picks.filter((p) => list.includes(p)).join('、');

/** R21d: the ID lists [A] and [B]; read after `documentsFor`, whose notes carry the rest. */
export const idDocumentLists = (voice: boolean): Say =>
  answersDocuments(say(
    [
      '本人確認書類の種類',
      '【A】顔写真付きのものに限ります。',
      `${ID_DOCUMENTS.A.map(idName).join('、')}など`,
      '【B】住民票に記載されている「氏名・生年月日」または「氏名・住所」が記載されているものに限ります。',
      `${ID_DOCUMENTS.B.join('、')}など`,
    ].join('\n'),
    // The phone: said after the checklist (which ends on the health insurance card), what will do instead.
    voice
      ? '運転免許証などが使えます。'
      : `顔写真付きのものは、${spokenFrom(ID_DOCUMENTS.A, SPOKEN_A)}などです。顔写真のないものは、${spokenFrom(ID_DOCUMENTS.B, SPOKEN_B)}などです。`,
  ), [
    'Kinds of ID',
    '[A] With a face photo only:',
    `${ID_DOCUMENTS.A.map(idNameEn).join(', ')}, etc.`,
    '[B] Showing the name and date of birth, or the name and address, as on the resident record:',
    `${ID_DOCUMENTS.B.map(idNameEn).join(', ')}, etc.`,
  ].join('\n'));

function answersDocuments(s: Say, en: string): Say {
  return as('answers-documents', withEnglish(s, en));
}

/** R21a: the one line after a booking, and the short answer to 「持ち物は?」. */
export const bringForSelf = (voice: boolean): Say =>
  answersDocuments(
    say(
      '持ち物:ご本人の有効なマイナンバーカード(設定した暗証番号が必要です)',
      voice ? '持ち物は、ご本人の有効なマイナンバーカードと、暗証番号です。' : 'ご本人の有効なマイナンバーカードをお持ちください。設定した暗証番号が必要です。',
    ),
    'What to bring: the card holder’s valid My Number card (you will need the PINs you set for it).',
  );

/**
 * Said on web and LINE after the holder's checklist when nobody said who will come: others bring
 * other things (the phone's checklist for anyone else already sends to staff).
 */
export const othersBringOther = (): Say =>
  answersDocuments(
    say('代理のかたや、15歳未満・成年被後見人のかたの法定代理人が来られる場合は、持ち物が変わります。「代理人の持ち物は?」のようにお尋ねください。'),
    'If a proxy, or the legal representative of someone under 15 or under adult guardianship, will come instead, they bring other things: just ask, e.g. “What does a proxy bring?”.',
  );

/** Who will come to the counter decides the checklist (R21a–c). */
export const askApplicantKind = (): Say =>
  as(
    'clarifies',
    withEnglish(
      say(
        'どなたが窓口に来られますか?',
        'どなたが来られますか。ご本人なら1、15歳未満などの法定代理人なら2、代理人なら3を押してください。',
        [
          { label: 'ご本人', digit: '1' },
          { label: '15歳未満・成年被後見人の法定代理人', digit: '2' },
          { label: '代理人', digit: '3' },
        ],
      ),
      { text: 'Who will come to the window: the card holder, the legal representative of someone under 15 or under adult guardianship, or a proxy?', choices: ['The card holder', 'Legal representative', 'A proxy'] },
    ),
  );

// ── one question, one answer (R21a, R21d) ─────────────────────────────────────────────

/** R21a: the holder in person needs no other ID than the card. */
const SELF_NEEDS_ONLY_THE_CARD: Phrase = {
  text: 'ご本人が来られる場合は、ご本人の有効なマイナンバーカードがあれば、ほかの本人確認書類は要りません(設定した暗証番号が必要です)。',
  speak: 'ご本人なら、カードだけで大丈夫です。',
  en: 'If the card holder comes in person, their valid My Number card is all the ID needed (along with the PINs set for it).',
};

/** R21c/R21b: a proxy brings one [A] document; a legal representative with the holder, a [B]. */
const OTHERS_BRING_AN_ID: Phrase = {
  text: `代理人のかたは、顔写真付きの本人確認書類【A】(${ID_DOCUMENTS.A.filter((d) => d !== 'マイナンバーカード').map(idName).join('、')}など)を1点お持ちください。`,
  speak: '代理のかたは、運転免許証などが要ります。',
  en: `A proxy brings one photo ID from list [A] (${ID_DOCUMENTS.A.filter((d) => d !== 'マイナンバーカード').map(idNameEn).join(', ')}, etc.).`,
};
const REPRESENTATIVE_WITH_HOLDER_B: Phrase = {
  text: `15歳未満・成年被後見人のかたの法定代理人は、【A】がなくても、ご本人と一緒に来られれば【B】(${spokenFrom(ID_DOCUMENTS.B, SPOKEN_B)}など)1点で手続きできます。`,
  speak: '法定代理人のかたは、ご本人と一緒なら、資格確認書など、顔写真のないものでも構いません。',
  en: `The legal representative of someone under 15 or under adult guardianship who comes with the holder may bring one ID from list [B] instead (${spokenFrom(ID_DOCUMENTS.B, SPOKEN_B).split('、').map(idNameEn).join(', ')}, etc.).`,
};

/** R21d: 「健康保険証でもいいですか」 — no, from 令和7年12月2日; what is accepted instead. */
const HEALTH_INSURANCE_CARD: Phrase[] = [NOTES['health-insurance-card-not-accepted']!, SELF_NEEDS_ONLY_THE_CARD, OTHERS_BRING_AN_ID, REPRESENTATIVE_WITH_HOLDER_B];

/** R21a/R21d: 「運転免許証がない」「パスポートでもいい?」 — the holder needs only the card; the lists. */
const ID_DOCUMENTS_ANSWER: Phrase[] = [
  SELF_NEEDS_ONLY_THE_CARD,
  OTHERS_BRING_AN_ID,
  REPRESENTATIVE_WITH_HOLDER_B,
  NOTES['ids-valid-originals-no-copies']!,
  NOTES['health-insurance-card-not-accepted']!,
];

/** R21d: originals only. */
const COPIES: Phrase[] = [
  NOTES['ids-valid-originals-no-copies']!,
  { text: 'マイナンバーカードも、ご本人の有効なカードそのものをお持ちください。', speak: 'カードも、そのものをお持ちください。', en: 'Please bring the holder’s valid My Number card itself, too.' },
];

/** The page lists no seal, resident record or photo for any applicant. */
const NOT_NEEDED: Phrase[] = [
  { text: '印鑑・住民票・写真は、持ち物に含まれていません。', speak: '印鑑、住民票、写真は要りません。', en: 'You do not need a personal seal, a copy of your resident record or a photo.' },
  {
    text: 'ご本人が来られる場合の持ち物は、ご本人の有効なマイナンバーカードと、設定した暗証番号です。代理人の場合は、市から郵送する照会書兼回答書(ご本人が記入し、封をしたもの)が必要です。',
    speak: 'ご本人なら、カードと暗証番号だけです。',
    en: 'If the card holder comes, bring their valid My Number card and know the PINs set for it. A proxy also needs the inquiry and answer form the city mails to the holder (filled in and sealed by the holder).',
  },
];

export type DocumentsTopic = 'health-insurance-card' | 'id-documents' | 'copies' | 'not-needed';
const BY_TOPIC: Record<DocumentsTopic, Phrase[]> = {
  'health-insurance-card': HEALTH_INSURANCE_CARD,
  'id-documents': ID_DOCUMENTS_ANSWER,
  copies: COPIES,
  'not-needed': NOT_NEEDED,
};

export const isDocumentsTopic = (t: string | undefined): t is DocumentsTopic => t !== undefined && t in BY_TOPIC;

/** On the phone, each answer's points in a sentence or two (the screen has every phrase). */
const SPOKEN: Record<DocumentsTopic, string> = {
  'health-insurance-card': '健康保険証は使えません。ご本人はカードだけ、代理のかたは顔写真付きのものが要ります。',
  'id-documents': 'ご本人なら、ほかの本人確認書類は要りません。代理のかたは、パスポートなど、顔写真付きのものが要ります。',
  copies: '書類は、有効期間内の原本をお持ちください。コピーは使えません。',
  'not-needed': '印鑑、住民票、写真は要りません。ご本人なら、カードと暗証番号だけです。',
};

/** The answer to one question about what to bring: a few sentences on screen, fewer on the phone. */
export function documentsTopicAnswer(topic: DocumentsTopic, voice: boolean): Say {
  const phrases = BY_TOPIC[topic];
  return answersDocuments(say(phrases.map((p) => p.text).join('\n'), voice ? SPOKEN[topic] : phrases.map((p) => p.speak).join('')), phrases.map((p) => p.en).join('\n'));
}

/** A note of the checklists, for answers elsewhere that say the same (R18's proxy form). */
export const documentsNote = (code: string): Phrase => phrase(NOTES, code);
