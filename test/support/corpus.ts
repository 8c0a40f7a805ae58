// The labelled utterance corpus (test/fixtures/understanding/*.jsonl) and per-field scoring.
import fs from 'node:fs';
import path from 'node:path';
import type { Understanding, UtteranceChannel } from '../../bot/understanding/understand.js';

export interface CorpusLine {
  file: string;
  text: string;
  now: string;
  channel: UtteranceChannel;
  style: string;
  expect: Understanding;
}

export const CORPUS_DIR = path.resolve('test/fixtures/understanding');

export function loadCorpus(filter: (file: string) => boolean = () => true): CorpusLine[] {
  const lines: CorpusLine[] = [];
  for (const file of fs.readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.jsonl') && filter(f)).sort()) {
    for (const raw of fs.readFileSync(path.join(CORPUS_DIR, file), 'utf8').split('\n')) {
      if (raw.trim()) lines.push({ file, ...(JSON.parse(raw) as Omit<CorpusLine, 'file'>) });
    }
  }
  return lines;
}

export const DATE_TIME_FIELDS = ['date', 'time', 'timeRange'] as const;
export const DETAIL_FIELDS = ['intent', 'birthday', 'phone', 'reservationNumber', 'people'] as const;
export type Field = (typeof DATE_TIME_FIELDS)[number] | (typeof DETAIL_FIELDS)[number];

export interface FieldScore {
  field: Field;
  /** Lines where the field was expected or produced (both null does not count, except intent). */
  counted: number;
  correct: number;
  misses: { text: string; expected: unknown; actual: unknown }[];
}

/** Scores one field; for entities only lines where either side is non-null count. */
export function score(field: Field, lines: CorpusLine[], actual: Partial<Understanding>[]): FieldScore {
  const s: FieldScore = { field, counted: 0, correct: 0, misses: [] };
  lines.forEach((line, i) => {
    const expected = line.expect[field] ?? null;
    const got = actual[i]?.[field] ?? null;
    if (field !== 'intent' && expected === null && got === null) return;
    s.counted++;
    if (JSON.stringify(expected) === JSON.stringify(got)) s.correct++;
    else s.misses.push({ text: line.text, expected, actual: got });
  });
  return s;
}

export function accuracy(s: FieldScore): number {
  return s.counted === 0 ? 1 : s.correct / s.counted;
}
