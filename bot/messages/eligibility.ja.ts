// Who may book (R13–R19, R26), in Japanese: the questions the eligibility check asks, and the
// verdict of domain/eligibility.ts with its reasons and notes in plain words.
import { parts } from '../../domain/civil.js';
import type { Verdict } from '../../domain/eligibility.js';
import { dateSpeech, dateText, dateWithYearText } from '../format.js';
import { say, YES_NO, type Say } from './say.js';

interface Phrase {
  text: string;
  speak: string;
}

// A code the domain adds before this table knows it: never show the code, send to a person.
const UNKNOWN: Phrase = { text: '詳しくは担当者におたずねください。', speak: '詳しくは、担当者におたずねください。' };
const phrase = (table: Record<string, Phrase>, code: string): Phrase => table[code] ?? UNKNOWN;

// ── questions ─────────────────────────────────────────────────────────────────────────

/** R13a: the notice in the light-blue envelope; わからない goes on to the expiry date. */
export const askNoticeReceived = (): Say =>
  say(
    '薄い水色の封筒で「電子証明書の有効期限通知書」は届いていますか?\n(A4サイズの通知書で、「更新手続」の欄に「電子証明書の更新手続」と書かれています)',
    '薄い水色の封筒で、電子証明書の有効期限通知書は、届いていますか。届いていれば1を、届いていなければ2を、わからなければ3を押してください。',
    [
      { label: 'はい', digit: '1' },
      { label: 'いいえ', digit: '2' },
      { label: 'わからない', digit: '3' },
    ],
  );

/** R13b/R15: the date printed on the card. */
export const askCertificateExpiry = (): Say =>
  say(
    'マイナンバーカードの表面に書かれている「電子証明書の有効期限」を教えてください。(例:2027年3月10日)\nもう切れている場合は「切れている」、わからない場合は「わからない」とお答えください。',
    'マイナンバーカードの表面に書かれている、電子証明書の有効期限を教えてください。たとえば、2027年3月10日のように、お話しください。もう切れている場合は、切れている、とお話しください。',
  );

/** R14: the card itself, not the certificate. */
export const askCardExpiringSoon = (): Say =>
  say(
    'マイナンバーカード本体の有効期限まで、3か月未満ですか?すでに切れている場合も「はい」とお答えください。\n(カードの表面に「まで有効」と書かれている日付です)',
    'マイナンバーカード本体の有効期限まで、3か月未満ですか。すでに切れている場合も、はい、です。はいは1を、いいえは2を押してください。',
    YES_NO,
  );

/** R17 */
export const askUnder15OrWard = (): Say =>
  say(
    'カードをお持ちのかたは、15歳未満のかた、または成年被後見人のかたですか?',
    'カードをお持ちのかたは、15歳未満のかた、または成年被後見人のかたですか。はいは1を、いいえは2を押してください。',
    YES_NO,
  );

// ── verdict ───────────────────────────────────────────────────────────────────────────

/** Why the verdict was reached, as the citizen told us. */
const REASONS: Record<string, Phrase> = {
  'card-expired': { text: 'マイナンバーカード本体の有効期限が切れています。', speak: 'カード本体の有効期限が、切れています。' },
  'card-expires-within-3-months': {
    text: 'マイナンバーカード本体の有効期限まで、3か月未満です。',
    speak: 'カード本体の有効期限まで、3か月未満です。',
  },
  'issued-without-certificates': { text: 'カードに電子証明書が搭載されていません。', speak: 'カードに、電子証明書が入っていません。' },
  'certificate-expired': { text: '電子証明書の有効期限が切れています。', speak: '電子証明書の有効期限が、切れています。' },
  'certificate-expires-within-3-months': { text: '電子証明書の有効期限まで、3か月未満です。', speak: '電子証明書の有効期限まで、3か月未満です。' },
  'notice-received': { text: '電子証明書の有効期限通知書が届いています。', speak: '電子証明書の、有効期限通知書が届いています。' },
  'certificate-expires-in-3-months-or-more': {
    text: '電子証明書の有効期限まで、まだ3か月以上あります。',
    speak: '電子証明書の有効期限まで、まだ3か月以上あります。',
  },
  'not-enough-facts': {
    text: 'お伺いした内容だけでは、ご予約の対象かどうか判断できませんでした。',
    speak: 'お伺いした内容だけでは、ご予約の対象かどうか、判断できませんでした。',
  },
};

/** Told whatever the verdict. */
const NOTES: Record<string, Phrase> = {
  'signing-certificate-not-issued': {
    text: '15歳未満のかたや成年被後見人のかたには、署名用電子証明書は原則発行できません。',
    speak: '15歳未満のかたや、成年被後見人のかたには、署名用の電子証明書は、原則発行できません。',
  },
  'legal-representative-applies': {
    text: '申請は、法定代理人のかたが行ってください。',
    speak: '申請は、法定代理人のかたが行ってください。',
  },
  'face-auth-still-needs-renewal': {
    text: '顔認証マイナンバーカードも、利用者証明用電子証明書の有効期限が切れたら、通常のカードと同じく更新の手続きが必要です。',
    speak: '顔認証マイナンバーカードも、電子証明書の期限が切れたら、更新の手続きが必要です。',
  },
  'pin-reset-needed': {
    text: '暗証番号を忘れた場合は、別の手続き(暗証番号変更・再設定申請)が必要です。ご予約の前に、担当者にご相談ください。',
    speak: '暗証番号を忘れた場合は、暗証番号の再設定という、別の手続きが必要です。ご予約の前に、担当者にご相談ください。',
  },
  'card-renewal-due-by-then': {
    text: 'ただし、その頃にはマイナンバーカード本体の有効期限も3か月未満になります。その場合は、カード本体の更新という別の手続きが必要です。',
    speak: 'ただし、その頃には、カード本体の有効期限も3か月未満になります。その場合は、カード本体の更新という、別の手続きが必要です。',
  },
};

/** R14 and R26: the card itself first; マイナ保険証 keeps working for a while. */
const CARD_RENEWAL: Phrase = {
  text: 'カード本体の更新は、電子証明書の手続きとは別の手続きのため、このご予約の対象外です。カード本体の手続きについては、担当者におたずねください。\nなお、マイナ保険証は、カードの有効期限が切れても3か月は使えます。',
  speak: 'カード本体の更新は、別の手続きです。このご予約の対象ではありません。なお、マイナ保険証は、カードの期限が切れても、3か月は使えます。',
};

function conclusion(v: Verdict): Phrase {
  switch (v.kind) {
    case 'renewal':
      return { text: '電子証明書の更新のご予約ができます。', speak: '電子証明書の更新の、ご予約ができます。' };
    case 'new-issuance':
      return {
        text: '期限が切れた電子証明書は更新できないため、新規発行の手続きになります。新規発行もご予約できます。',
        speak: '新規発行の手続きになります。ご予約できます。',
      };
    case 'not-yet': {
      const d = v.firstBookableDate;
      return {
        text: `${dateWithYearText(d)}から更新の手続きができます。ご予約は、${dateText(d)}以降の日にちでお取りください。予約できる日は、原則毎週金曜日に追加されます。`,
        speak: `${parts(d).year}年${dateSpeech(d)}から、更新の手続きができます。ご予約は、その日以降の日にちでお取りください。`,
      };
    }
    case 'card-renewal-needed':
      return CARD_RENEWAL;
    case 'ask-staff':
      // R16: a new issuance is possible, but the page does not list it as bookable.
      return v.reasons.some((r) => r.code === 'issued-without-certificates')
        ? {
            text: '電子証明書の新規発行の申請はできますが、このご予約の対象には含まれていません。予約なしで窓口にお越しいただくか、担当者にご相談ください。',
            speak: '電子証明書の新規発行は、できます。ただし、このご予約の対象ではありません。予約なしで窓口にお越しいただくか、担当者にご相談ください。',
          }
        : {
            text: 'カードの表面に書かれた「電子証明書の有効期限」をご確認いただくか、担当者にご相談ください。',
            speak: 'カードの表面の、電子証明書の有効期限をご確認いただくか、担当者にご相談ください。',
          };
  }
}

/** The verdict in plain Japanese: what we heard, what follows, and the notes (R17–R19, R14). */
export function eligibilityVerdict(v: Verdict, voice: boolean): Say {
  const reasons = v.reasons.map((r) => phrase(REASONS, r.code));
  const notes = v.notes.map((n) => phrase(NOTES, n.code));
  const all = [...reasons, conclusion(v), ...notes];
  // On the phone a renewal needs no reason read back: the caller has just said it.
  const spoken = voice && v.kind === 'renewal' ? [conclusion(v), ...notes] : all;
  return say(all.map((p) => p.text).join('\n'), spoken.map((p) => p.speak).join(''));
}
