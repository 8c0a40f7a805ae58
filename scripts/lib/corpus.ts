// The labelled utterance corpus (test/fixtures/understanding/*.jsonl) and per-field scoring;
// the corpus of answers in context (test/fixtures/context/*.jsonl) and its tallies.
import fs from 'node:fs';
import path from 'node:path';
import type { AnswerChannel, AskContext, AskKind } from '../../bot/understanding/answers/types.js';
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

// ---- Answers in context (test/fixtures/context/*.jsonl; format in FORMAT.md) ----

export interface ContextLine {
  id: string;
  ask: AskKind;
  channel: AnswerChannel;
  lang: 'ja' | 'en';
  text: string;
  context?: AskContext;
  expect: Record<string, unknown>;
  note?: string;
  /** The clock of the line; FORMAT.md's default when absent. */
  now: string;
}

export const CONTEXT_DIR = path.resolve('test/fixtures/context');
/** FORMAT.md: every dev line is read at this instant unless it states its own `now`. */
export const CONTEXT_NOW = '2026-12-07T10:00:00+09:00';

export function loadContextCorpus(name: 'dev' | 'holdout'): ContextLine[] {
  return fs
    .readFileSync(path.join(CONTEXT_DIR, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((raw) => raw.trim())
    .map((raw) => {
      const line = JSON.parse(raw) as Omit<ContextLine, 'now'> & { now?: string };
      return { ...line, now: line.now ?? CONTEXT_NOW };
    });
}

/** A reading as the corpus writes it: the confidence left out, keys in a fixed order. */
export function comparable(reading: object): string {
  const canon = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'confidence').sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canon(x)]))
      : v;
  return JSON.stringify(canon(reading));
}

export function sameReading(expected: object, actual: object): boolean {
  return comparable(expected) === comparable(actual);
}

export interface Tally {
  counted: number;
  correct: number;
}

/** Correct readings grouped by `key` (ask, channel, lang …), plus an `overall` row. */
export function tallyAnswers(lines: ContextLine[], readings: object[], key: (l: ContextLine) => string): Map<string, Tally> {
  const rows = new Map<string, Tally>();
  lines.forEach((line, i) => {
    for (const k of [key(line), 'overall']) {
      const row = rows.get(k) ?? { counted: 0, correct: 0 };
      row.counted++;
      if (sameReading(line.expect, readings[i]!)) row.correct++;
      rows.set(k, row);
    }
  });
  return rows;
}

export function share(t: Tally): number {
  return t.counted === 0 ? 1 : t.correct / t.counted;
}
