// Accuracy of the Japanese understanding on the labelled corpus (≥ 400 utterances, typed and
// spoken): ≥ 97% for dates and times, ≥ 95% for intents and details, per field.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTokenizer, type JapaneseTokenizer } from '../../bot/understanding/tokenizer.js';
import { understand, type Understanding } from '../../bot/understanding/understand.js';
import { accuracy, DATE_TIME_FIELDS, DETAIL_FIELDS, loadCorpus, score, type CorpusLine } from '../../scripts/lib/corpus.js';

describe('understanding accuracy on the corpus', () => {
  let corpus: CorpusLine[];
  let results: Understanding[];
  let tokenizer: JapaneseTokenizer;

  beforeAll(async () => {
    tokenizer = await loadTokenizer();
    corpus = loadCorpus();
    results = corpus.map((l) => understand(l.text, { now: new Date(l.now), tokenizer, channel: l.channel }));
  });

  it('has at least 400 labelled utterances, typed and spoken', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(400);
    expect(corpus.filter((l) => l.channel === 'voice').length).toBeGreaterThanOrEqual(100);
    expect(corpus.filter((l) => l.channel === 'chat').length).toBeGreaterThanOrEqual(100);
  });

  const report = (fields: readonly string[]) => {
    const rows = fields.map((f) => score(f as never, corpus, results));
    console.log(rows.map((r) => `${r.field.padEnd(18)} ${(accuracy(r) * 100).toFixed(1).padStart(5)}%  (${r.correct}/${r.counted})`).join('\n'));
    for (const r of rows) for (const m of r.misses.slice(0, 8)) console.log(`  miss ${r.field}: ${m.text} → expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`);
    return rows;
  };

  it('reads dates, times and periods at ≥ 97% per field', () => {
    for (const r of report(DATE_TIME_FIELDS)) expect(accuracy(r), r.field).toBeGreaterThanOrEqual(0.97);
  });

  it('reads intents, birthdays, phones, reservation numbers and people at ≥ 95% per field', () => {
    for (const r of report(DETAIL_FIELDS)) expect(accuracy(r), r.field).toBeGreaterThanOrEqual(0.95);
  });

  it('holds on the held-out lines too (not used while tuning)', () => {
    const held = corpus.map((l, i) => [l, results[i]!] as const).filter(([l]) => l.file.startsWith('holdout'));
    expect(held.length).toBeGreaterThanOrEqual(100);
    for (const f of [...DATE_TIME_FIELDS, ...DETAIL_FIELDS]) {
      const s = score(f, held.map(([l]) => l), held.map(([, r]) => r));
      expect(accuracy(s), `holdout ${f}`).toBeGreaterThanOrEqual(f === 'intent' || DETAIL_FIELDS.includes(f as never) ? 0.95 : 0.97);
    }
  });
});
