import { describe, it, expect } from 'vitest';
import { assessEligibility, lessThanThreeMonthsFrom, type EligibilityFacts, type Verdict } from '../../domain/eligibility.js';

const TODAY = '2026-03-10';

interface Case {
  name: string;
  facts: EligibilityFacts;
  today?: string;
  kind: Verdict['kind'];
  firstBookableDate?: string;
  reasons: string[];
}

const verdicts: Case[] = [
  // R14: the card itself comes first.
  { name: 'R14: card expiring in 2 months → card-renewal-needed', facts: { cardExpiresOn: '2026-05-10' }, kind: 'card-renewal-needed', reasons: ['card-expires-within-3-months'] },
  { name: 'R14: card expired yesterday → card-renewal-needed', facts: { cardExpiresOn: '2026-03-09' }, kind: 'card-renewal-needed', reasons: ['card-expired'] },
  { name: 'R14: card expiring in 3 months less a day → card-renewal-needed', facts: { cardExpiresOn: '2026-06-09', noticeReceived: true }, kind: 'card-renewal-needed', reasons: ['card-expires-within-3-months'] },
  { name: 'R14: card expiring in exactly 3 months is not yet a card renewal', facts: { cardExpiresOn: '2026-06-10', certificateExpiresOn: '2026-05-01' }, kind: 'renewal', reasons: ['certificate-expires-within-3-months'] },
  { name: 'R14: card and certificate both expiring → card-renewal-needed', facts: { cardExpiresOn: '2026-04-20', certificateExpiresOn: '2026-04-20', noticeReceived: true }, kind: 'card-renewal-needed', reasons: ['card-expires-within-3-months'] },
  { name: 'R14: card and certificate both expired → card-renewal-needed', facts: { cardExpiresOn: '2026-01-31', certificateExpired: true }, kind: 'card-renewal-needed', reasons: ['card-expired'] },
  { name: 'R14: citizen only knows the card expires soon → card-renewal-needed', facts: { cardExpiringSoon: true, noticeReceived: true }, kind: 'card-renewal-needed', reasons: ['card-expires-within-3-months'] },
  { name: 'R14: card renewal takes precedence over R16', facts: { cardExpiringSoon: true, issuedWithoutCertificates: true }, kind: 'card-renewal-needed', reasons: ['card-expires-within-3-months'] },
  { name: 'R14: the printed card date wins over the citizen saying it expires soon', facts: { cardExpiresOn: '2030-01-01', cardExpiringSoon: true, noticeReceived: true }, kind: 'renewal', reasons: ['notice-received'] },

  // R16: no certificates on the card.
  { name: 'R16: card issued without certificates → ask-staff', facts: { issuedWithoutCertificates: true }, kind: 'ask-staff', reasons: ['issued-without-certificates'] },
  { name: 'R16: even with a valid card and a notice → ask-staff', facts: { issuedWithoutCertificates: true, cardExpiresOn: '2030-01-01', noticeReceived: true }, kind: 'ask-staff', reasons: ['issued-without-certificates'] },

  // R13c/R15: expired certificate.
  { name: 'R13c: certificate expired yesterday → new-issuance', facts: { certificateExpiresOn: '2026-03-09' }, kind: 'new-issuance', reasons: ['certificate-expired'] },
  { name: 'R15: certificate expiring today is still valid today → renewal', facts: { certificateExpiresOn: TODAY }, kind: 'renewal', reasons: ['certificate-expires-within-3-months'] },
  { name: 'R13c: citizen only knows it has expired → new-issuance', facts: { certificateExpired: true }, kind: 'new-issuance', reasons: ['certificate-expired'] },
  { name: 'R15: expired with the notice in hand is still a new-issuance', facts: { certificateExpiresOn: '2026-02-01', noticeReceived: true }, kind: 'new-issuance', reasons: ['certificate-expired'] },
  { name: 'R13c: expired certificate on a card valid for years → new-issuance', facts: { certificateExpiresOn: '2025-12-31', cardExpiresOn: '2031-12-31' }, kind: 'new-issuance', reasons: ['certificate-expired'] },

  // R13b/R15: less than 3 months left (strict).
  { name: 'R13b: certificate expiring tomorrow → renewal', facts: { certificateExpiresOn: '2026-03-11' }, kind: 'renewal', reasons: ['certificate-expires-within-3-months'] },
  { name: 'R13b: certificate expiring in 2 months → renewal', facts: { certificateExpiresOn: '2026-05-10' }, kind: 'renewal', reasons: ['certificate-expires-within-3-months'] },
  { name: 'R15: 3 months less a day left → renewal', facts: { certificateExpiresOn: '2026-06-09' }, kind: 'renewal', reasons: ['certificate-expires-within-3-months'] },
  { name: 'R15: exactly 3 months left → not-yet, bookable from tomorrow', facts: { certificateExpiresOn: '2026-06-10' }, kind: 'not-yet', firstBookableDate: '2026-03-11', reasons: ['certificate-expires-in-3-months-or-more'] },
  { name: 'R15: month-end clamp, expiry 2027-05-31 seen on 2027-02-28 → not-yet from 2027-03-01', facts: { certificateExpiresOn: '2027-05-31' }, today: '2027-02-28', kind: 'not-yet', firstBookableDate: '2027-03-01', reasons: ['certificate-expires-in-3-months-or-more'] },
  { name: 'R15: month-end clamp, expiry 2027-05-31 seen on 2027-03-01 → renewal', facts: { certificateExpiresOn: '2027-05-31' }, today: '2027-03-01', kind: 'renewal', reasons: ['certificate-expires-within-3-months'] },
  { name: 'R15: leap year clamp, expiry 2028-05-31 → not-yet from 2028-03-01', facts: { certificateExpiresOn: '2028-05-31' }, today: '2028-02-28', kind: 'not-yet', firstBookableDate: '2028-03-01', reasons: ['certificate-expires-in-3-months-or-more'] },
  { name: 'R15: certificate 6 months away, no notice → not-yet', facts: { certificateExpiresOn: '2026-09-10' }, kind: 'not-yet', firstBookableDate: '2026-06-11', reasons: ['certificate-expires-in-3-months-or-more'] },

  // R13a: the notice.
  { name: 'R13a: notice received, no dates known → renewal', facts: { noticeReceived: true }, kind: 'renewal', reasons: ['notice-received'] },
  { name: 'R13a: notice received and certificate 6 months away → renewal', facts: { noticeReceived: true, certificateExpiresOn: '2026-09-10' }, kind: 'renewal', reasons: ['notice-received'] },
  { name: 'R13a+R13b: notice and 1 month left → renewal, both reasons', facts: { noticeReceived: true, certificateExpiresOn: '2026-04-10' }, kind: 'renewal', reasons: ['certificate-expires-within-3-months', 'notice-received'] },

  // R13: nothing decisive.
  { name: 'R13: nothing known → ask-staff', facts: {}, kind: 'ask-staff', reasons: ['not-enough-facts'] },
  { name: 'R13: only a far card expiry known → ask-staff', facts: { cardExpiresOn: '2031-01-01' }, kind: 'ask-staff', reasons: ['not-enough-facts'] },
  { name: 'R13: "not expired" without a date → ask-staff', facts: { certificateExpired: false, noticeReceived: false }, kind: 'ask-staff', reasons: ['not-enough-facts'] },
  { name: 'R13: the printed certificate date wins over "it has expired"', facts: { certificateExpiresOn: '2026-09-10', certificateExpired: true }, kind: 'not-yet', firstBookableDate: '2026-06-11', reasons: ['certificate-expires-in-3-months-or-more'] },
];

describe('assessEligibility: verdicts', () => {
  it.each(verdicts)('$name', ({ facts, today, kind, firstBookableDate, reasons }) => {
    const verdict = assessEligibility(facts, today ?? TODAY);
    expect(verdict.kind).toBe(kind);
    expect(verdict.reasons.map((r) => r.code)).toEqual(reasons);
    if (verdict.kind === 'not-yet') expect(verdict.firstBookableDate).toBe(firstBookableDate);
    else expect(firstBookableDate).toBeUndefined();
  });
});

const notes: { name: string; facts: EligibilityFacts; kind: Verdict['kind']; notes: string[] }[] = [
  { name: 'R17: under 15 → no signing certificate, legal representative applies', facts: { noticeReceived: true, under15: true }, kind: 'renewal', notes: ['signing-certificate-not-issued', 'legal-representative-applies'] },
  { name: 'R17: adult ward → no signing certificate, legal representative applies', facts: { certificateExpired: true, adultWard: true }, kind: 'new-issuance', notes: ['signing-certificate-not-issued', 'legal-representative-applies'] },
  { name: 'R18: face-auth card still needs renewal', facts: { noticeReceived: true, faceAuthCard: true }, kind: 'renewal', notes: ['face-auth-still-needs-renewal'] },
  { name: 'R19: forgotten PIN → pin-reset-needed, not a silent booking', facts: { noticeReceived: true, pinKnown: false }, kind: 'renewal', notes: ['pin-reset-needed'] },
  { name: 'R19: PIN known → no note', facts: { noticeReceived: true, pinKnown: true }, kind: 'renewal', notes: [] },
  { name: 'R19: PIN not asked yet → no note', facts: { noticeReceived: true }, kind: 'renewal', notes: [] },
  { name: 'R18/R19: face-auth card has no PIN to forget', facts: { noticeReceived: true, faceAuthCard: true, pinKnown: false }, kind: 'renewal', notes: ['face-auth-still-needs-renewal'] },
  { name: 'R17/R19: notes ride along with card-renewal-needed', facts: { cardExpiringSoon: true, under15: true, pinKnown: false }, kind: 'card-renewal-needed', notes: ['signing-certificate-not-issued', 'legal-representative-applies', 'pin-reset-needed'] },
  { name: 'R17: notes ride along with ask-staff', facts: { adultWard: true }, kind: 'ask-staff', notes: ['signing-certificate-not-issued', 'legal-representative-applies'] },
  { name: 'R14: not-yet warns when the card reaches its last 3 months by then', facts: { certificateExpiresOn: '2026-09-10', cardExpiresOn: '2026-09-10' }, kind: 'not-yet', notes: ['card-renewal-due-by-then'] },
  { name: 'R14: not-yet with a card valid well beyond → no card warning', facts: { certificateExpiresOn: '2026-09-10', cardExpiresOn: '2031-09-10' }, kind: 'not-yet', notes: [] },
];

describe('assessEligibility: notes', () => {
  it.each(notes)('$name', ({ facts, kind, notes: expected }) => {
    const verdict = assessEligibility(facts, TODAY);
    expect(verdict.kind).toBe(kind);
    expect(verdict.notes.map((n) => n.code)).toEqual(expected);
  });
});

describe('lessThanThreeMonthsFrom', () => {
  it.each([
    ['R15: mid-month expiry', '2026-06-10', '2026-03-11'],
    ['R15: expiry 2027-05-31 clamps to February', '2027-05-31', '2027-03-01'],
    ['R15: expiry on the 1st opens on the 2nd', '2027-01-01', '2026-10-02'],
  ])('%s', (_name, expiresOn, opens) => {
    expect(lessThanThreeMonthsFrom(expiresOn)).toBe(opens);
  });
});
