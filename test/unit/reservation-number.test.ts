import { randomInt } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { isReservationNumber, newReservationNumber, RESERVATION_NUMBER_LENGTH } from '../../domain/reservation-number.js';

const draw = (): string => newReservationNumber((max) => randomInt(max));

/** Every number one wrong digit away from `n` (including a 0 in front). */
function singleDigitChanges(n: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < n.length; i++) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) === n[i]) continue;
      out.push(n.slice(0, i) + String(d) + n.slice(i + 1));
    }
  }
  return out;
}

/** Every swap of two neighbouring, different digits of `n`. */
function adjacentTranspositions(n: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < n.length; i++) {
    if (n[i] === n[i + 1]) continue;
    out.push(n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2));
  }
  return out;
}

describe('newReservationNumber', () => {
  it('8 digits: the length is 8', () => {
    expect(RESERVATION_NUMBER_LENGTH).toBe(8);
  });

  it.each([
    ['8 digits: the smallest draw gives 1000000 and its Damm check digit', () => 0, '10000004'],
    ['8 digits: the largest draw gives 9999999 and its Damm check digit', (max: number) => max - 1, '99999992'],
  ] as const)('%s', (_name, source, expected) => {
    expect(newReservationNumber(source)).toBe(expected);
    expect(isReservationNumber(expected)).toBe(true);
  });

  it('8 digits: 1,000 drawn numbers are 8 digits, never start with 0, and carry a valid check digit', () => {
    for (let i = 0; i < 1000; i++) {
      const n = draw();
      expect(n, n).toMatch(/^[1-9]\d{7}$/);
      expect(isReservationNumber(n), n).toBe(true);
    }
  });

  it('Damm: every single-digit change of a valid number is rejected', () => {
    const numbers = [...Array.from({ length: 200 }, draw), '10000004', '99999992'];
    for (const n of numbers) {
      const changes = singleDigitChanges(n);
      expect(changes).toHaveLength(8 * 9);
      for (const wrong of changes) expect(isReservationNumber(wrong), `${n} → ${wrong}`).toBe(false);
    }
  });

  it('Damm: every adjacent transposition of a valid number is rejected', () => {
    const numbers = [...Array.from({ length: 200 }, draw), '10000004', '99999992'];
    let checked = 0;
    for (const n of numbers) {
      for (const swapped of adjacentTranspositions(n)) {
        expect(isReservationNumber(swapped), `${n} → ${swapped}`).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('not guessable: 10,000 draws from crypto.randomInt have no more than a handful of duplicates', () => {
    const numbers = Array.from({ length: 10_000 }, draw);
    const duplicates = numbers.length - new Set(numbers).size;
    // 9,000,000 possible numbers: about 5.6 duplicates are expected among 10,000 draws.
    expect(duplicates).toBeLessThanOrEqual(20);
  });

  it('not sequential: consecutive draws are neither neighbours nor ordered', () => {
    const values = Array.from({ length: 10_000 }, () => Number(draw()));
    let close = 0;
    let rising = 0;
    for (let i = 1; i < values.length; i++) {
      const diff = values[i]! - values[i - 1]!;
      if (Math.abs(diff) <= 100) close++;
      if (diff > 0) rising++;
    }
    // About 0.2 close pairs and 5,000 rising ones are expected from independent draws.
    expect(close).toBeLessThanOrEqual(3);
    expect(rising).toBeGreaterThan(4_500);
    expect(rising).toBeLessThan(5_500);
  });
});

describe('isReservationNumber', () => {
  it.each([
    ['8 digits: 7 digits are rejected', '1000000', false],
    ['8 digits: 9 digits are rejected', '100000040', false],
    ['8 digits: a leading 0 is rejected', '00000000', false],
    ['8 digits: letters are rejected', '1000000a', false],
    ['8 digits: spaces are rejected', '1000 0004', false],
    ['8 digits: full-width digits are rejected', '１００００００４', false],
    ['8 digits: an empty string is rejected', '', false],
    ['Damm: a valid number is accepted', '10000004', true],
    ['Damm: a wrong check digit is rejected', '10000005', false],
  ] as const)('%s', (_name, input, expected) => {
    expect(isReservationNumber(input)).toBe(expected);
  });
});
