// Reservation numbers (予約番号): 8 digits, easy to say and to key on a phone, not sequential
// and not guessable: 7 random digits (no leading 0) and a Damm check digit, which catches
// every single wrong digit and every swap of two neighbours before the ledger is asked.

const DAMM: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

export const RESERVATION_NUMBER_LENGTH = 8;

function dammInterim(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim]![Number(ch)]!;
  return interim;
}

/** A new number from a source of random integers in [0, max) (crypto.randomInt in production). */
export function newReservationNumber(randomInt: (max: number) => number): string {
  let body = String(1 + randomInt(9));
  for (let i = 1; i < RESERVATION_NUMBER_LENGTH - 1; i++) body += String(randomInt(10));
  return body + String(dammInterim(body));
}

/** Whether a string is a well-formed reservation number (length and check digit). */
export function isReservationNumber(s: string): boolean {
  return /^[1-9]\d{7}$/.test(s) && dammInterim(s) === 0;
}
