// Small constructors for readings, so every reader states its confidence the same way.
import type { AnswerReading, AnswerWord, Reading } from './types.js';

/** Sure: the words leave no other reading. */
export const SURE = 0.9;
/** Likely: a statement that answers the question without its yes or no. */
export const LIKELY = 0.75;
/** Nothing to act on: the dialog asks a short clarifying question. */
export const UNSURE = 0.3;

export function reading(r: Reading, confidence: number): AnswerReading {
  return { ...r, confidence } as AnswerReading;
}

export function answer(word: AnswerWord, confidence = word === 'unclear' ? UNSURE : SURE): AnswerReading {
  return reading({ answer: word }, confidence);
}

export const unclear = (confidence = UNSURE) => answer('unclear', confidence);
