// Who may book an e-certificate appointment at window 102 (R13–R19), decided from what the
// caller knows. Pure: `today` comes in as an argument; every outcome is a value.
import { addDays, addMonths, type CivilDate } from './civil.js';

export interface EligibilityFacts {
  /** R13a: the expiry notice arrived // 有効期限通知書 (light-blue envelope, A4). */
  noticeReceived?: boolean;
  /** The e-certificate expiry date printed on the card. */
  certificateExpiresOn?: CivilDate;
  /** The citizen only knows the e-certificate has expired. */
  certificateExpired?: boolean;
  /** The card's own expiry date. */
  cardExpiresOn?: CivilDate;
  /** The citizen only knows the card expires within 3 months or has expired. */
  cardExpiringSoon?: boolean;
  /** R17 */
  under15?: boolean;
  /** R17: adult ward // 成年被後見人 */
  adultWard?: boolean;
  /** R18: face-authentication card // 顔認証マイナンバーカード */
  faceAuthCard?: boolean;
  /** R19: the holder knows the PINs they set // 暗証番号 */
  pinKnown?: boolean;
  /** R16: the card was issued without certificates (declined at application). */
  issuedWithoutCertificates?: boolean;
}

/** Why a verdict was reached: a rule id ('R13a') and a kebab-case code. */
export interface Reason {
  rule: string;
  code: string;
}

/** Something to tell the caller whatever the verdict. */
export interface Note {
  rule: string;
  code: string;
}

export type Verdict =
  /** Renewal // 更新 */
  | { kind: 'renewal'; reasons: Reason[]; notes: Note[] }
  /** New issuance // 新規発行 */
  | { kind: 'new-issuance'; reasons: Reason[]; notes: Note[] }
  | { kind: 'not-yet'; firstBookableDate: CivilDate; reasons: Reason[]; notes: Note[] }
  | { kind: 'card-renewal-needed'; reasons: Reason[]; notes: Note[] }
  | { kind: 'ask-staff'; reasons: Reason[]; notes: Note[] };

export type VerdictKind = Verdict['kind'];

/**
 * R13b/R14/R15: the first day with "less than 3 months" left before `expiresOn`: the day after
 * the same date three months earlier, clamped to month end (expiry 5/31 → 2/28 → from 3/1).
 */
export function lessThanThreeMonthsFrom(expiresOn: CivilDate): CivilDate {
  return addDays(addMonths(expiresOn, -3), 1);
}

type ExpiryStatus = 'expired' | 'within-3-months' | 'later' | 'unknown';

// A printed date, when given, wins over the citizen's recollection (the flag): it is what the
// page tells people to check, and it lets us compute dates.
// The printed expiry date is the last valid day (有効期限): on that day it can still be renewed.
function statusByDate(expiresOn: CivilDate, today: CivilDate): ExpiryStatus {
  if (expiresOn < today) return 'expired';
  if (today >= lessThanThreeMonthsFrom(expiresOn)) return 'within-3-months';
  return 'later';
}

function cardStatus(f: EligibilityFacts, today: CivilDate): ExpiryStatus {
  if (f.cardExpiresOn !== undefined) return statusByDate(f.cardExpiresOn, today);
  if (f.cardExpiringSoon === true) return 'within-3-months'; // may also mean expired; same verdict
  if (f.cardExpiringSoon === false) return 'later';
  return 'unknown';
}

function certificateStatus(f: EligibilityFacts, today: CivilDate): ExpiryStatus {
  if (f.certificateExpiresOn !== undefined) return statusByDate(f.certificateExpiresOn, today);
  if (f.certificateExpired === true) return 'expired';
  // "not expired" alone says nothing about the 3 months left.
  return 'unknown';
}

function notesFor(f: EligibilityFacts): Note[] {
  const notes: Note[] = [];
  if (f.under15 === true || f.adultWard === true) {
    notes.push({ rule: 'R17', code: 'signing-certificate-not-issued' }); // 署名用電子証明書
    notes.push({ rule: 'R17', code: 'legal-representative-applies' }); // 法定代理人
  }
  if (f.faceAuthCard === true) notes.push({ rule: 'R18', code: 'face-auth-still-needs-renewal' });
  // Face-auth cards have no PINs set (the page waives PIN entry for them), so a forgotten PIN
  // cannot block their procedure.
  if (f.pinKnown === false && f.faceAuthCard !== true) {
    notes.push({ rule: 'R19', code: 'pin-reset-needed' }); // 暗証番号変更・再設定申請
  }
  return notes;
}

export function assessEligibility(facts: EligibilityFacts, today: CivilDate): Verdict {
  const notes = notesFor(facts);

  // R14 comes first: a card renewal is a different procedure, whatever the certificates say.
  const card = cardStatus(facts, today);
  if (card === 'expired') {
    return { kind: 'card-renewal-needed', reasons: [{ rule: 'R14', code: 'card-expired' }], notes };
  }
  if (card === 'within-3-months') {
    return {
      kind: 'card-renewal-needed',
      reasons: [{ rule: 'R14', code: 'card-expires-within-3-months' }],
      notes,
    };
  }

  // R16: a new issuance is needed, but the page does not list this case as bookable.
  if (facts.issuedWithoutCertificates === true) {
    return { kind: 'ask-staff', reasons: [{ rule: 'R16', code: 'issued-without-certificates' }], notes };
  }

  const certificate = certificateStatus(facts, today);
  // R13c/R15: after expiry only a new issuance is possible, even with a notice in hand.
  if (certificate === 'expired') {
    return { kind: 'new-issuance', reasons: [{ rule: 'R13c', code: 'certificate-expired' }], notes };
  }

  const reasons: Reason[] = [];
  if (certificate === 'within-3-months') {
    reasons.push({ rule: 'R13b', code: 'certificate-expires-within-3-months' });
  }
  // R13a: the page lists the notice as sufficient on its own, even if the date looks far.
  if (facts.noticeReceived === true) reasons.push({ rule: 'R13a', code: 'notice-received' });
  if (reasons.length > 0) return { kind: 'renewal', reasons, notes };

  if (certificate === 'later' && facts.certificateExpiresOn !== undefined) {
    const firstBookableDate = lessThanThreeMonthsFrom(facts.certificateExpiresOn);
    // If the card reaches its own last 3 months by then, that day brings a card renewal (R14).
    if (facts.cardExpiresOn !== undefined && lessThanThreeMonthsFrom(facts.cardExpiresOn) <= firstBookableDate) {
      notes.push({ rule: 'R14', code: 'card-renewal-due-by-then' });
    }
    return {
      kind: 'not-yet',
      firstBookableDate,
      reasons: [{ rule: 'R15', code: 'certificate-expires-in-3-months-or-more' }],
      notes,
    };
  }

  return { kind: 'ask-staff', reasons: [{ rule: 'R13', code: 'not-enough-facts' }], notes };
}
