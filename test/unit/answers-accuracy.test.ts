// Accuracy of answers read in context, on the corpora written by people who never saw the code
// (test/fixtures/context, FORMAT.md): dev ≥ 92% overall and ≥ 85% for every ask; the holdout
// ≥ HOLDOUT_FLOOR overall. The holdout floor was MEASURED once, at the end of the work (94.7%,
// 357/377), and rounded down — it was not tuned: the holdout's lines and misses were never read.
import { beforeAll, describe, expect, it } from 'vitest';
import { readAnswer, type AnswerReading } from '../../bot/understanding/answers.js';
import { loadTokenizer } from '../../bot/understanding/tokenizer.js';
import { loadContextCorpus, sameReading, share, tallyAnswers, type ContextLine } from '../../scripts/lib/corpus.js';

const HOLDOUT_FLOOR = 0.94; // measured, not tuned

describe('answers in context: accuracy on the corpora', () => {
  const corpora: Record<'dev' | 'holdout', { lines: ContextLine[]; readings: AnswerReading[] }> = {
    dev: { lines: [], readings: [] },
    holdout: { lines: [], readings: [] },
  };

  beforeAll(async () => {
    const tokenizer = await loadTokenizer();
    for (const name of ['dev', 'holdout'] as const) {
      const lines = loadContextCorpus(name);
      // The line's lang is the conversation's language, which the dialog keeps.
      const readings = lines.map((l) => readAnswer(l.ask, l.text, { now: new Date(l.now), channel: l.channel, tokenizer, context: l.context, lang: l.lang }));
      corpora[name] = { lines, readings };
    }
  });

  it('has at least 600 dev lines, typed, spoken and keyed, in Japanese and English', () => {
    const { lines } = corpora.dev;
    expect(lines.length).toBeGreaterThanOrEqual(600);
    for (const channel of ['typed', 'spoken', 'keypad'] as const) expect(lines.some((l) => l.channel === channel), channel).toBe(true);
    expect(lines.some((l) => l.lang === 'en')).toBe(true);
  });

  it('reads ≥ 92% of the dev answers right, and ≥ 85% for every kind of question', () => {
    const { lines, readings } = corpora.dev;
    const byAsk = tallyAnswers(lines, readings, (l) => l.ask);
    const report = [...byAsk].map(([ask, t]) => `${ask.padEnd(20)} ${(share(t) * 100).toFixed(1).padStart(5)}% (${t.correct}/${t.counted})`);
    console.log(report.join('\n'));
    expect(share(byAsk.get('overall')!)).toBeGreaterThanOrEqual(0.92);
    for (const [ask, t] of byAsk) expect(share(t), ask).toBeGreaterThanOrEqual(0.85);
  });

  it(`holds on the holdout (never read while tuning): ≥ ${HOLDOUT_FLOOR * 100}% overall`, () => {
    const { lines, readings } = corpora.holdout;
    const correct = lines.filter((l, i) => sameReading(l.expect, readings[i]!)).length;
    expect(lines.length).toBeGreaterThanOrEqual(300);
    expect(correct / lines.length).toBeGreaterThanOrEqual(HOLDOUT_FLOOR);
  });

  it('never guesses a yes or no to an eligibility question where a clerk would ask again (dev)', () => {
    // A guessed yes to 「3か月未満ですか」 refuses an eligible citizen (R14); a guessed no to the
    // notice or in-person question sends them the wrong way.
    const { lines, readings } = corpora.dev;
    const eligibility = new Set(['notice-received', 'card-expiring-soon', 'in-person']);
    const decided = (r: object) => sameReading(r, { answer: 'yes' }) || sameReading(r, { answer: 'no' });
    const guessed = lines.filter((l, i) => eligibility.has(l.ask) && !decided(l.expect) && decided(readings[i]!));
    expect(guessed.map((l) => `${l.ask}: ${l.text}`)).toEqual([]);
  });
});
