// What to bring to window 102 (R21 持ち物), by who applies. Pure: returns item and note codes;
// the messages module turns them into sentences.
import type { CivilDate } from './civil.js';

export type ApplicantKind =
  | 'self' // the holder in person // 本人
  | 'legal-representative' // for an under-15 or an adult ward // 法定代理人
  | 'proxy' // 代理人
  | 'household-proxy-at-move'; // same-household proxy on the day of a move // 転入・転居

export interface ApplicantSituation {
  kind: ApplicantKind;
  /** For a legal representative: whom they apply for (adult ward // 成年被後見人). */
  holder?: 'minor' | 'adult-ward';
  /** Legal representative: the holder comes too // 同行. */
  holderComesAlong?: boolean;
  /** The representative has an [A] (photo) ID document. */
  representativeHasPhotoId?: boolean;
  /** The holder's registered domicile is in Minoh // 本籍 */
  honsekiInMinoh?: boolean;
  /** Same household and holding parental authority // 親権者 */
  sameHouseholdParent?: boolean;
  faceAuthCard?: boolean;
}

export type ChecklistItem = { code: string; rule: string; idList?: 'A' | 'B' | 'A-or-B' };

export interface ChecklistNote {
  code: string;
  rule: string;
}

export interface Checklist {
  items: ChecklistItem[];
  /** The procedure is finished on the day of the visit // 即日 */
  sameDay: boolean;
  /** R21c: codes for the proxy steps 1–5, in order. */
  steps?: string[];
  notes: ChecklistNote[];
  /** R11: internet bookings are for the holder coming in person. */
  mustBookByPhone: boolean;
}

/**
 * R21d ID documents // 本人確認書類, names exactly as on the city page. Both lists end in
 * 「など」 there: they are examples, not closed sets.
 */
export const ID_DOCUMENTS: { A: readonly string[]; B: readonly string[] } = {
  // [A]: with a face photo only.
  A: [
    'マイナンバーカード',
    '運転免許証',
    '運転経歴証明書', // only if issued on or after DRIVING_HISTORY_CERTIFICATE_ISSUED_FROM
    'パスポート',
    '身体障害者手帳',
    '在留カード',
    '特別永住者証明書',
  ],
  // [B]: showing name + birth date, or name + address, as on the resident record // 住民票
  B: [
    '顔写真なしマイナンバーカード',
    '資格確認書',
    '介護保険被保険者証',
    '年金手帳',
    '子どもの医療証',
    '児童扶養手当証書',
    '生活保護受給者証',
    '社員証',
    '学生証',
    '精神障害者保健福祉手帳',
    '療育手帳',
  ],
};

/** R21d: a 運転経歴証明書 counts as [A] only if issued on or after this date (平成24年4月1日). */
export const DRIVING_HISTORY_CERTIFICATE_ISSUED_FROM: CivilDate = '2012-04-01';

/** R21d: the health insurance card // 健康保険証 is no ID document from this date (令和7年12月2日). */
export const HEALTH_INSURANCE_CARD_NOT_ACCEPTED_FROM: CivilDate = '2025-12-02';

/** R21c steps 1–5 for a proxy; face-auth holders write no PIN and do not seal (steps 3 and 5). */
const PROXY_STEPS = [
  'request-form', // 1 ask the city to mail 照会書兼回答書(兼委任状)
  'city-mails-form-to-holder', // 2 sent 転送不要 to the holder's address
  'holder-fills-in-and-seals-form', // 3 with the PINs, sealed // 封入封緘
  'proxy-brings-documents', // 4
  'staff-enter-pin-and-hand-card-to-proxy', // 5
] as const;

const FACE_AUTH_PROXY_STEPS = [
  'request-form',
  'city-mails-form-to-holder',
  'holder-fills-in-form',
  'proxy-brings-documents',
  'staff-hand-card-to-proxy',
] as const;

export function checklistFor(s: ApplicantSituation): Checklist {
  const draft = draftFor(s);
  return { ...draft, notes: [...draft.notes, ...idNotes(draft.items)] };
}

function draftFor(s: ApplicantSituation): Checklist {
  switch (s.kind) {
    case 'self':
      return selfChecklist(s);
    case 'legal-representative':
      return legalRepresentativeChecklist(s);
    case 'proxy':
      return proxyChecklist(s);
    case 'household-proxy-at-move':
      return householdProxyAtMoveChecklist(s);
  }
}

// R19: every e-certificate procedure needs the set PINs; face-auth cards have none set.
function pinsItem(s: ApplicantSituation): ChecklistItem[] {
  return s.faceAuthCard === true ? [] : [{ code: 'holder-pins', rule: 'R19' }];
}

/** R21a: the holder in person, same day. */
function selfChecklist(s: ApplicantSituation): Checklist {
  return {
    items: [{ code: 'holder-card', rule: 'R21a' }, ...pinsItem(s)],
    sameDay: true,
    notes: [],
    mustBookByPhone: false,
  };
}

/** R21b: an under-15 or an adult ward, applied for by the legal representative, same day. */
function legalRepresentativeChecklist(s: ApplicantSituation): Checklist {
  const notes: ChecklistNote[] = [];
  // Without an [A] document the holder must come along; we plan for it and flag a caller who
  // said the holder will not come.
  const holderAlong = s.holderComesAlong === true || s.representativeHasPhotoId === false;
  if (s.representativeHasPhotoId === false && s.holderComesAlong !== true) {
    notes.push({ rule: 'R21b', code: 'holder-must-come-along' });
  } else if (s.representativeHasPhotoId === undefined && !holderAlong) {
    notes.push({ rule: 'R21b', code: 'holder-comes-if-no-photo-id' });
  }

  const items: ChecklistItem[] = [{ code: 'holder-card', rule: 'R21b' }, ...pinsItem(s)];
  if (holderAlong) items.push({ code: 'holder-comes-along', rule: 'R21b' });
  items.push({ code: 'representative-id', rule: 'R21b', idList: holderAlong ? 'A-or-B' : 'A' });

  if (s.holder === 'adult-ward') {
    // The guardianship registry, not the family register, proves a guardian; the 本籍 and
    // same-household waivers are written for the family register only.
    items.push({ code: 'guardianship-registry-certificate', rule: 'R21b' }); // 登記事項証明書など
    items.push({ code: 'guardian-name-address-document', rule: 'R21b' });
  } else {
    // Unknown holder kind: plan for the common case (a minor) and ask.
    if (s.holder === undefined) notes.push({ rule: 'R21b', code: 'holder-kind-unknown' });
    if (s.honsekiInMinoh === true || s.sameHouseholdParent === true) {
      notes.push({ rule: 'R21b', code: 'family-register-not-needed' });
    } else {
      items.push({ code: 'family-register-copy', rule: 'R21b' }); // 戸籍謄本など
    }
  }

  // R11 books the internet for the holder coming in person; a representative alone is not.
  return { items, sameDay: true, notes, mustBookByPhone: !holderAlong };
}

/** R21c: a proxy, over several days, with the sealed answer form the city mails. */
function proxyChecklist(s: ApplicantSituation): Checklist {
  const faceAuth = s.faceAuthCard === true;
  const notes: ChecklistNote[] = [
    // Step 1 by phone only for the holder (or legal representative); anyone else comes in with ID.
    { rule: 'R21c', code: 'form-request-by-phone-holder-only' },
  ];
  if (faceAuth) notes.push({ rule: 'R21c', code: 'face-auth-no-pin-no-seal' });
  return {
    items: [
      { code: 'holder-card', rule: 'R21c' },
      { code: 'proxy-id', rule: 'R21c', idList: 'A' },
      // the answer form of step 1
      { code: faceAuth ? 'inquiry-answer-form' : 'sealed-inquiry-answer-form', rule: 'R21c' },
    ],
    sameDay: false,
    steps: [...(faceAuth ? FACE_AUTH_PROXY_STEPS : PROXY_STEPS)],
    notes,
    mustBookByPhone: true,
  };
}

/**
 * R21c exception: on the day of a move-in or move notification, a same-household proxy with a
 * letter of attorney // 委任状 finishes the same day. The page names only the 委任状; we keep the
 * proxy's [A] ID (as for any proxy) and, as there is no sealed form, the holder's PINs (R19).
 */
function householdProxyAtMoveChecklist(s: ApplicantSituation): Checklist {
  return {
    items: [
      { code: 'holder-card', rule: 'R21c' },
      ...pinsItem(s),
      { code: 'proxy-id', rule: 'R21c', idList: 'A' },
      { code: 'letter-of-attorney', rule: 'R21c' },
    ],
    sameDay: true,
    notes: [{ rule: 'R21c', code: 'same-day-of-move-notification-only' }],
    mustBookByPhone: true,
  };
}

/** R21d: originals only, always; the ID-list notes whenever an ID document is asked for. */
function idNotes(items: ChecklistItem[]): ChecklistNote[] {
  const notes: ChecklistNote[] = [{ rule: 'R21d', code: 'ids-valid-originals-no-copies' }];
  const lists = items.flatMap((i) => (i.idList ? [i.idList] : []));
  if (lists.length > 0) notes.push({ rule: 'R21d', code: 'health-insurance-card-not-accepted' });
  if (lists.some((l) => l !== 'A')) {
    notes.push({ rule: 'R21d', code: 'b-document-must-match-resident-record' });
  }
  return notes;
}
