// Who may book (R13–R19, R26), in Japanese with English for web and LINE: the questions the
// eligibility check asks, and the verdict of domain/eligibility.ts with its reasons and notes in
// plain words.
import { parts } from '../../domain/civil.js';
import { checklistFor } from '../../domain/documents.js';
import type { Verdict } from '../../domain/eligibility.js';
import { dateText, dateTextEn, dateWithYearText, dateWithYearTextEn, monthDaySpeech } from '../format.js';
import { askTheDesk } from './desk.ja.js';
import { bringForSelf, documentsFor, documentsNote } from './documents.ja.js';
import { OFFICE } from './office.ja.js';
import { as, say, withEnglish, YES_NO, type Act, type English, type Say } from './say.js';

/** A sentence on screen, the same idea for the voice, and in English (web and LINE). */
interface Phrase {
  text: string;
  speak: string;
  en: string;
}

/** A message with its acts and English. */
const said = (acts: Act[], s: Say, en: string | English): Say => acts.reduce((m, act) => as(act, m), withEnglish(s, en));

// A code the domain adds before this table knows it: never show the code, send to a person.
const UNKNOWN: Phrase = { text: '詳しくは担当者におたずねください。', speak: '詳しくは、担当者におたずねください。', en: 'For details, please ask a member of staff.' };
const phrase = (table: Record<string, Phrase>, code: string): Phrase => table[code] ?? UNKNOWN;

// ── questions ─────────────────────────────────────────────────────────────────────────

/** R13a: the notice in the light-blue envelope; わからない goes on to the expiry date. */
export const askNoticeReceived = (): Say =>
  said(
    ['asks-notice'],
    say(
      '薄い水色の封筒で「電子証明書の有効期限通知書」は届いていますか?\n(A4サイズの通知書で、「更新手続」の欄に「電子証明書の更新手続」と書かれています)',
      '水色の封筒の、有効期限通知書は届いていますか。はいは1、いいえは2、わからなければ3です。',
      [
        { label: 'はい', digit: '1' },
        { label: 'いいえ', digit: '2' },
        { label: 'わからない', digit: '3' },
      ],
    ),
    {
      text: 'Have you received the notice that your electronic certificate is expiring? It comes in a light-blue envelope.\n(An A4 sheet; its renewal section says the electronic certificates need renewing.)',
      choices: ['Yes', 'No', "I don't know"],
    },
  );

/** R13b/R15: the date printed on the card. */
export const askCertificateExpiry = (): Say =>
  said(
    ['asks-certificate-expiry'],
    say(
      'マイナンバーカードの表面に書かれている「電子証明書の有効期限」を教えてください。(例:2027年3月10日)\nもう切れている場合は「切れている」、わからない場合は「わからない」とお答えください。',
      'カードの表面にある、電子証明書の有効期限をお話しください。切れていれば、切れている、とお話しください。',
    ),
    'When does your electronic certificate expire? The date is printed on the front of your My Number card (e.g. March 10, 2027).\nIf it has already expired, say “expired”; if you don’t know, say “I don’t know”.',
  );

/** R14: the card itself, not the certificate. */
export const askCardExpiringSoon = (): Say =>
  said(
    ['asks-card-expiry'],
    say(
      'マイナンバーカード本体の有効期限まで、3か月未満ですか?すでに切れている場合も「はい」とお答えください。\n(カードの表面に「まで有効」と書かれている日付です)',
      'カード本体の有効期限まで、3か月未満ですか。切れていても、はいです。はいは1、いいえは2を押してください。',
      YES_NO,
    ),
    {
      text: 'Does the My Number card itself expire in less than 3 months? If it has already expired, please answer “Yes” too.\n(This is the “valid until” date on the front of the card.)',
      choices: ['Yes', 'No'],
    },
  );

// ── verdict ───────────────────────────────────────────────────────────────────────────

/** Why the verdict was reached, as the citizen told us. */
const REASONS: Record<string, Phrase> = {
  'card-expired': { text: 'マイナンバーカード本体の有効期限が切れています。', speak: 'カード本体の有効期限が、切れています。', en: 'Your My Number card itself has expired.' },
  'card-expires-within-3-months': {
    text: 'マイナンバーカード本体の有効期限まで、3か月未満です。',
    speak: 'カード本体の有効期限まで、3か月未満です。',
    en: 'Your My Number card itself expires in less than 3 months.',
  },
  'issued-without-certificates': { text: 'カードに電子証明書が搭載されていません。', speak: 'カードに、電子証明書が入っていません。', en: 'Your card has no electronic certificates on it.' },
  'certificate-expired': { text: '電子証明書の有効期限が切れています。', speak: '電子証明書の有効期限が、切れています。', en: 'Your electronic certificate has expired.' },
  'certificate-expires-within-3-months': {
    text: '電子証明書の有効期限まで、3か月未満です。',
    speak: '電子証明書の有効期限まで、3か月未満です。',
    en: 'Your electronic certificate expires in less than 3 months.',
  },
  'notice-received': { text: '電子証明書の有効期限通知書が届いています。', speak: '電子証明書の、有効期限通知書が届いています。', en: 'You have received the notice that your electronic certificate is expiring.' },
  'certificate-expires-in-3-months-or-more': {
    text: '電子証明書の有効期限まで、まだ3か月以上あります。',
    speak: '電子証明書の有効期限まで、まだ3か月以上あります。',
    en: 'Your electronic certificate still has 3 months or more before it expires.',
  },
  'not-enough-facts': {
    text: 'お伺いした内容だけでは、ご予約の対象かどうか判断できませんでした。',
    speak: 'お伺いした内容では、判断できませんでした。',
    en: 'From what you have told me, I can’t tell whether this reservation is for you.',
  },
};

/** Told whatever the verdict. */
const NOTES: Record<string, Phrase> = {
  'signing-certificate-not-issued': {
    text: '15歳未満のかたや成年被後見人のかたには、署名用電子証明書は原則発行できません。',
    speak: '署名用は、原則出せません。',
    en: 'As a rule, the signature certificate is not issued to people under 15 or to adults under guardianship.',
  },
  'legal-representative-applies': {
    text: '申請は、法定代理人のかたが行ってください。',
    speak: '申請は法定代理人が行います。',
    en: 'The legal representative makes the application.',
  },
  'face-auth-still-needs-renewal': {
    text: '顔認証マイナンバーカードも、利用者証明用電子証明書の有効期限が切れたら、通常のカードと同じく更新の手続きが必要です。',
    speak: '顔認証カードも、期限が切れたら更新が必要です。',
    en: 'A face-authentication My Number card also needs its user certificate renewed when it expires, just like an ordinary card.',
  },
  'pin-reset-needed': {
    text: '暗証番号を忘れた場合は、別の手続き(暗証番号変更・再設定申請)が必要です。ご予約の前に、担当者にご相談ください。',
    speak: '暗証番号を忘れた場合は、先に再設定が必要です。担当者にご相談ください。',
    en: 'If you have forgotten your PIN, a separate procedure (changing or resetting the PIN) is needed. Please talk to a member of staff before booking.',
  },
  'card-renewal-due-by-then': {
    text: 'ただし、その頃にはマイナンバーカード本体の有効期限も3か月未満になります。その場合は、カード本体の更新という別の手続きが必要です。',
    speak: 'ただし、その頃には、カード本体の更新も必要になります。',
    en: 'Note, though: by then the My Number card itself will also have less than 3 months left. The card then needs renewing, which is a separate procedure.',
  },
};

/** The notes a caller hears first: those that change what they do. */
const NOTE_ORDER = ['legal-representative-applies', 'pin-reset-needed', 'card-renewal-due-by-then', 'signing-certificate-not-issued', 'face-auth-still-needs-renewal'];
const noteRank = (code: string) => (NOTE_ORDER.includes(code) ? NOTE_ORDER.indexOf(code) : NOTE_ORDER.length);

/** R26, from the city's FAQ the page links to. */
const MYNA_INSURANCE: Phrase = {
  text: 'マイナ保険証は、カードの有効期限が切れても3か月は使えます。',
  speak: 'マイナ保険証は、カードの期限が切れても3か月使えます。',
  en: 'The My Number card used as a health insurance card can still be used for 3 months after the card expires.',
};

/** R14: the card itself is renewed elsewhere. */
const CARD_RENEWAL_ELSEWHERE: Phrase = {
  text: 'カード本体の更新は、電子証明書の手続きとは別の手続きのため、このご予約の対象外です。',
  speak: 'カードの更新は、このご予約の対象外です。',
  en: 'Renewing the card itself is a separate procedure from the electronic certificates, so it is not covered by this reservation.',
};

/** R14 and R26: the card itself first; マイナ保険証 keeps working for a while. */
const CARD_RENEWAL: Phrase = {
  text: `${CARD_RENEWAL_ELSEWHERE.text}カード本体の手続きについては、担当者におたずねください。\nなお、${MYNA_INSURANCE.text}`,
  speak: 'カード本体の更新が先で、このご予約とは別の手続きです。マイナ保険証は、期限後も3か月使えます。',
  en: `${CARD_RENEWAL_ELSEWHERE.en} Please ask a member of staff about renewing the card.\n${MYNA_INSURANCE.en}`,
};

/** R16: a new issuance is possible, but the page does not list it as bookable. */
const WITHOUT_CERTIFICATES_NOT_LISTED: Phrase = {
  text: '電子証明書の新規発行の申請はできますが、このご予約の対象には含まれていません。予約なしで窓口にお越しいただくか、担当者にご相談ください。',
  speak: '新規発行は、このご予約の対象外です。予約なしで窓口へ来られるか、担当者にご相談ください。',
  en: 'You can apply for new electronic certificates, but this is not covered by these reservations. Please come to the window without a reservation, or talk to a member of staff.',
};

function conclusion(v: Verdict): Phrase {
  switch (v.kind) {
    case 'renewal':
      return { text: '電子証明書の更新のご予約ができます。', speak: '更新の、ご予約ができます。', en: 'You can book a renewal of your electronic certificates.' };
    case 'new-issuance':
      return {
        text: '期限が切れた電子証明書は更新できないため、新規発行の手続きになります。新規発行もご予約できます。',
        speak: '新規発行の手続きで、ご予約できます。',
        en: 'An expired certificate cannot be renewed, so it will be a new issuance. You can book that too.',
      };
    case 'not-yet': {
      const d = v.firstBookableDate;
      return {
        text: `${dateWithYearText(d)}から更新の手続きができます。ご予約は、${dateText(d)}以降の日にちでお取りください。予約できる日は、原則毎週金曜日に追加されます。`,
        speak: `${parts(d).year}年${monthDaySpeech(d)}から、更新できます。ご予約は、その日以降でお取りください。`,
        en: `You can renew from ${dateWithYearTextEn(d)}. Please book a date on or after ${dateTextEn(d)}; new dates are usually added every Friday.`,
      };
    }
    case 'card-renewal-needed':
      return CARD_RENEWAL;
    case 'ask-staff':
      // R16: a new issuance is possible, but the page does not list it as bookable.
      // The phone offers a person next: the way forward said once.
      return v.reasons.some((r) => r.code === 'issued-without-certificates')
        ? { ...WITHOUT_CERTIFICATES_NOT_LISTED, speak: '新規発行は、このご予約の対象外です。予約なしで窓口へどうぞ。' }
        : {
            text: 'カードの表面に書かれた「電子証明書の有効期限」をご確認いただくか、担当者にご相談ください。',
            speak: 'カードの表面の、有効期限をご確認ください。',
            en: 'Please check the electronic certificate’s expiry date printed on the front of your card, or talk to a member of staff.',
          };
  }
}

/** The verdict in plain Japanese: what we heard, what follows, and the notes (R17–R19, R14). */
export function eligibilityVerdict(v: Verdict, voice: boolean): Say {
  const reasons = v.reasons.map((r) => phrase(REASONS, r.code));
  const notes = v.notes.map((n) => phrase(NOTES, n.code));
  const all = [...reasons, conclusion(v), ...notes];
  // On the phone no reason is read back (the caller has just said it), except when nothing
  // decides; and the two notes that matter most (who applies first) — all are on screen.
  const spokenReasons = voice ? reasons.filter((_r, i) => v.reasons[i]!.code === 'not-enough-facts') : reasons;
  const spokenNotes = voice ? [...v.notes].sort((a, b) => noteRank(a.code) - noteRank(b.code)).slice(0, 2).map((n) => phrase(NOTES, n.code)) : notes;
  const spoken = [...spokenReasons, ...(spokenReasons.length ? [] : [conclusion(v)]), ...spokenNotes];
  // Not now, the card first, or a card without certificates (R16): this reservation is not for them.
  const refused = v.kind === 'not-yet' || v.kind === 'card-renewal-needed' || v.reasons.some((r) => r.code === 'issued-without-certificates');
  return said(
    ['answers-eligibility', ...(refused ? (['not-eligible'] as const) : [])],
    say(all.map((p) => p.text).join('\n'), spoken.map((p) => p.speak).join('')),
    all.map((p) => p.en).join('\n'),
  );
}

// ── one question, one answer (R14, R16–R18, R26) ──────────────────────────────────────

/** R13: who may book, in one sentence, for answers that end on whether booking is possible. */
const WHO_MAY_BOOK: Phrase = {
  text: 'ご予約できるのは、有効期限通知書が届いたかた、電子証明書の有効期限まで3か月未満のかた、または有効期限が切れたかたです。',
  speak: '通知書が届いたかた、または、証明書の期限まで3か月未満か、切れたかたが、ご予約できます。',
  en: 'You can book if you have received the expiry notice, if your electronic certificate expires in less than 3 months, or if it has already expired.',
};

/** R18: what a face-authentication card carries. */
const FACE_AUTH_CARRIES: Phrase = {
  text: '顔認証マイナンバーカードにも、利用者証明用電子証明書が入っています(暗証番号を設定していないため、ロックがかかっています)。',
  speak: '顔認証カードにも、利用者証明用の証明書が入っています。',
  en: 'A face-authentication My Number card also carries the user certificate (it is locked, since no PIN is set).',
};

/** R17: the signing certificate; the user certificate is not limited by age. */
const USER_CERTIFICATE_STILL_ISSUED: Phrase = {
  text: '利用者証明用電子証明書は発行できます。',
  speak: '利用者証明用の電子証明書は、発行できます。',
  en: 'The user certificate can be issued.',
};

const FIFTEEN_IS_NOT_UNDER_15: Phrase = {
  text: '15歳のかたは「15歳未満」にはあたりません。15歳以上のかたは、ご本人が手続きでき、署名用電子証明書も発行できます。',
  speak: '15歳のかたは、ご本人が手続きできます。署名用の証明書も出せます。',
  en: 'A 15-year-old is not “under 15”. From 15, people can apply themselves, and the signature certificate can be issued too.',
};

/** R14: a foreign resident's card lasts as long as the residence period. */
const RESIDENCE_PERIOD: Phrase[] = [
  {
    text: '在留期間があるかたのマイナンバーカードは、在留期間の満了日がカードの有効期限になります。',
    speak: '在留期間の満了日が、カードの期限です。',
    en: 'If you have a period of stay, your My Number card expires on the day your period of stay ends.',
  },
  {
    text: 'その日(カード本体の有効期限)まで3か月未満の場合や、すでに切れている場合は、カード本体の手続きになります。',
    speak: '3か月未満なら、カード本体の手続きで、予約の対象外です。',
    en: 'If that date (the card’s own expiry) is less than 3 months away, or has passed, the card itself needs to be renewed.',
  },
];

export type EligibilityTopic =
  | 'myna-insurance' | 'face-auth' | 'without-certificates' | 'under-15' | 'age-15-or-over' | 'child' | 'adult-ward' | 'residence-period' | 'moving'
  | 'other-municipality';

export const isEligibilityTopic = (t: string | undefined): t is EligibilityTopic =>
  t === 'myna-insurance' || t === 'face-auth' || t === 'without-certificates' || t === 'under-15' || t === 'age-15-or-over'
  || t === 'child' || t === 'adult-ward' || t === 'residence-period' || t === 'moving' || t === 'other-municipality';

const R17_SIGNING = (): Phrase => phrase(NOTES, 'signing-certificate-not-issued');
const R17_REPRESENTATIVE = (): Phrase => phrase(NOTES, 'legal-representative-applies');

/**
 * The answer to one question about who may book: the rule, then the way forward (book, the
 * reservation line with its hours, or a person on the phone). The phone hears the first
 * sentences and the way forward.
 */
export function eligibilityTopicAnswer(topic: EligibilityTopic, voice: boolean, deskPhone: string): Say {
  const desk = askTheDesk(deskPhone, voice);
  // On screen every phrase; on the phone the ones that answer (`spoken`), then the way forward.
  // The desk's number as the way forward (on screen) refers to the phone; `refuses`: not for them.
  // The way forward is said on the phone only where the answer leaves room for it (≤ 15 s with 「ほかのご用件は」).
  const answer = (phrases: Phrase[], spoken: Phrase[] = phrases, after: Phrase[] = [], refuses = false, saysAfter = true): Say => {
    const heard = voice ? [...spoken, ...(saysAfter ? after : [])] : [...phrases, ...after];
    const acts: Act[] = ['answers-eligibility', ...(refuses ? (['not-eligible'] as const) : []), ...(after.includes(desk) && !voice ? (['refers-to-phone'] as const) : [])];
    return said(acts, say([...phrases, ...after].map((p) => p.text).join('\n'), heard.map((p) => p.speak).join('')), [...phrases, ...after].map((p) => p.en).join('\n'));
  };
  // R17/R21b: the legal representative's checklist, as the documents dialog gives it.
  const representativeBrings = (holder: 'minor' | 'adult-ward'): Phrase => {
    const s = documentsFor(checklistFor({ kind: 'legal-representative', holder }), voice, deskPhone);
    return { text: s.text, speak: s.speak, en: s.en?.text ?? '' };
  };
  switch (topic) {
    case 'myna-insurance':
      return answer([MYNA_INSURANCE, CARD_RENEWAL_ELSEWHERE], undefined, [desk], false, false);
    case 'face-auth': {
      const renewal = phrase(NOTES, 'face-auth-still-needs-renewal');
      const proxyForm = documentsNote('face-auth-no-pin-no-seal');
      return answer([FACE_AUTH_CARRIES, renewal, proxyForm, WHO_MAY_BOOK], [renewal, proxyForm]);
    }
    case 'without-certificates':
    {
      const newIssuance: Phrase = {
        text: 'カードの交付を受けるときに電子証明書の発行を希望しなかった場合は、電子証明書の新規発行の申請をしてください。',
        speak: '証明書のないカードは、新規発行です。',
        en: 'If you chose not to have electronic certificates when you received the card, please apply for new ones.',
      };
      return answer([newIssuance, WITHOUT_CERTIFICATES_NOT_LISTED, OFFICE.priority, OFFICE.branches], [WITHOUT_CERTIFICATES_NOT_LISTED], [desk], true, false);
    }
    case 'under-15':
    case 'adult-ward':
      // The phone hears the rule and is put through for the documents; the screen shows them.
      return voice
        ? answer([R17_SIGNING(), R17_REPRESENTATIVE()], undefined, [desk])
        : answer([R17_SIGNING(), USER_CERTIFICATE_STILL_ISSUED, R17_REPRESENTATIVE(), representativeBrings(topic === 'under-15' ? 'minor' : 'adult-ward')]);
    case 'age-15-or-over': {
      const self = bringForSelf(voice);
      const brings: Phrase = { text: self.text, speak: self.speak, en: self.en?.text ?? '' };
      return answer([FIFTEEN_IS_NOT_UNDER_15, brings, WHO_MAY_BOOK], [FIFTEEN_IS_NOT_UNDER_15]);
    }
    case 'child': {
      const byAge: Phrase[] = [
        { text: 'お子さんの年齢で、お手続きが変わります。', speak: 'お子さんの年齢で、お手続きが変わります。', en: 'The procedure depends on the child’s age.' },
        {
          text: '・15歳未満のかた:署名用電子証明書は原則発行できません。申請は、法定代理人(親権者など)が行います。',
          speak: '15歳未満なら、法定代理人のかたが申請します。',
          en: '• Under 15: as a rule the signature certificate is not issued, and the legal representative (such as a parent) applies.',
        },
        {
          text: '・15歳以上のかた(15歳を含む):ご本人が手続きでき、署名用電子証明書も発行できます。',
          speak: '15歳以上なら、ご本人が手続きできます。',
          en: '• 15 or older (15 included): they can apply themselves, and the signature certificate can be issued too.',
        },
      ];
      const more: Phrase = {
        text: 'お持ちいただくものは「持ち物」とお伝えいただければご案内します。',
        speak: '持ち物は、持ち物、とお話しいただければ、ご案内します。',
        en: 'To find out what to bring, just ask “what should I bring?”.',
      };
      return answer([...byAge, more], byAge.slice(1));
    }
    case 'moving': {
      // The page: a move can call for the certificates again; the same household may then do it that day.
      const reissue: Phrase = {
        text: '転入・転居の届出のときに、電子証明書の再発行が必要になる場合があります。',
        speak: '転入や転居で、証明書の再発行が要ることがあります。',
        en: 'When you notify a move into or within the city, the electronic certificates may need to be issued again.',
      };
      const letter: Phrase = {
        text: '委任状について詳しくは、市のホームページ「住民票・戸籍・転出・印鑑登録」のページをご覧ください。',
        speak: '委任状について詳しくは、市のホームページをご覧ください。',
        en: 'For details on the letter of proxy, see the city website’s page on resident records, family registers, moving out and seal registration.',
      };
      return answer([reissue, documentsNote('same-day-of-move-notification-only'), letter], [reissue, documentsNote('same-day-of-move-notification-only')], [desk], false, false);
    }
    case 'other-municipality': {
      // The page: 住民票のある市区町村役場で — Minoh's windows are for Minoh's residents.
      const where: Phrase = {
        text: '電子証明書の新規発行・更新は、住民票のある市区町村の役所でお手続きできます。箕面市の窓口とこのご予約は、箕面市に住民票のあるかたのためのものです。',
        speak: '手続きは、住民票のある市区町村でします。',
        en: 'Electronic certificates are issued and renewed at the office of the city, town or village where your resident record is. Minoh’s window and these reservations are for people whose resident record is in Minoh.',
      };
      const elsewhere: Phrase = {
        text: '住民票が箕面市以外にあるかたは、お住まいの市区町村にお問い合わせください。',
        speak: '箕面市以外のかたは、お住まいの市区町村へどうぞ。',
        en: 'If your resident record is outside Minoh, please contact the office where you live.',
      };
      return answer([where, elsewhere], undefined, [], true);
    }
    case 'residence-period': {
      const same: Phrase = { text: '外国籍のかたも、電子証明書の手続きは同じです。', speak: '外国籍のかたも、手続きは同じです。', en: 'For foreign residents, the procedure for electronic certificates is the same.' };
      return answer([same, ...RESIDENCE_PERIOD, CARD_RENEWAL_ELSEWHERE], RESIDENCE_PERIOD, [desk], false, false);
    }
  }
}

/** R13 in one sentence: the short answer to 「私は予約できますか」 asked mid-booking. */
export const whoMayBook = (): Say => said(['answers-eligibility'], say(WHO_MAY_BOOK.text, WHO_MAY_BOOK.speak), WHO_MAY_BOOK.en);
