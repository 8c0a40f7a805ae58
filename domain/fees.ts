// Fees for e-certificates (R20 手数料). Pure arithmetic on the page's amounts.

export interface FeeSituation {
  /** true = onto a valid card; false = the card is re-issued (expiry, loss) // 再交付 */
  cardValid: boolean;
  /** Signing certificate // 署名用電子証明書; default true. */
  signing?: boolean;
  /** User authentication certificate // 利用者証明用電子証明書; default true. */
  userAuth?: boolean;
  /** Express card issuance // 特急発行 */
  express?: boolean;
}

export interface Fee {
  certificateYen: number;
  cardYen: number;
  totalYen: number;
  rule: 'R20';
  /** Codes, e.g. 'express-issuance-separate-page'. */
  notes: string[];
}

const PER_CERTIFICATE_YEN = 200;
/** Both certificates issued together cost as much as one. */
const BOTH_CERTIFICATES_YEN = 200;
const CARD_REISSUE_YEN = 800;

export function feeFor(s: FeeSituation): Fee {
  const notes: string[] = [];
  // The page prices express re-issue elsewhere: our amounts are the ordinary ones.
  if (s.express === true) notes.push('express-issuance-separate-page');

  if (s.cardValid) {
    notes.push('free-on-valid-card');
    return { certificateYen: 0, cardYen: 0, totalYen: 0, rule: 'R20', notes };
  }

  const count = ((s.signing ?? true) ? 1 : 0) + ((s.userAuth ?? true) ? 1 : 0);
  const certificateYen = count === 2 ? BOTH_CERTIFICATES_YEN : count * PER_CERTIFICATE_YEN;
  const cardYen = CARD_REISSUE_YEN;
  return { certificateYen, cardYen, totalYen: certificateYen + cardYen, rule: 'R20', notes };
}
