import { describe, it, expect } from 'vitest';
import { feeFor, type FeeSituation } from '../../domain/fees.js';

const cases: { name: string; situation: FeeSituation; certificateYen: number; cardYen: number; totalYen: number }[] = [
  { name: 'R20: renewal onto a valid card is free', situation: { cardValid: true }, certificateYen: 0, cardYen: 0, totalYen: 0 },
  { name: 'R20: new issuance of one certificate onto a valid card is free', situation: { cardValid: true, signing: false }, certificateYen: 0, cardYen: 0, totalYen: 0 },
  { name: 'R20: card re-issue with both certificates → 200 + 800', situation: { cardValid: false }, certificateYen: 200, cardYen: 800, totalYen: 1000 },
  { name: 'R20: both certificates named explicitly → still 200 together', situation: { cardValid: false, signing: true, userAuth: true }, certificateYen: 200, cardYen: 800, totalYen: 1000 },
  { name: 'R20: card re-issue with the signing certificate only → 200 + 800', situation: { cardValid: false, userAuth: false }, certificateYen: 200, cardYen: 800, totalYen: 1000 },
  { name: 'R20: card re-issue with the user certificate only (under 15) → 200 + 800', situation: { cardValid: false, signing: false }, certificateYen: 200, cardYen: 800, totalYen: 1000 },
  { name: 'R20: card re-issue without certificates → 800', situation: { cardValid: false, signing: false, userAuth: false }, certificateYen: 0, cardYen: 800, totalYen: 800 },
];

describe('feeFor', () => {
  it.each(cases)('$name', ({ situation, certificateYen, cardYen, totalYen }) => {
    const fee = feeFor(situation);
    expect(fee).toMatchObject({ certificateYen, cardYen, totalYen, rule: 'R20' });
  });

  it.each([
    ['R20: express re-issue points to the separate page', { cardValid: false, express: true }, true],
    ['R20: ordinary re-issue has no express note', { cardValid: false }, false],
  ] as const)('%s', (_name, situation, hasNote) => {
    expect(feeFor(situation).notes.includes('express-issuance-separate-page')).toBe(hasNote);
  });
});
