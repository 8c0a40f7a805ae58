// `npm run bench:understand`: what understanding costs and how well it reads, on the corpus.
// Prints dictionary load time, RSS after load, utterances per second and per-utterance
// latency (mean, p50, p99), then date/time accuracy beside recognizers-text alone and
// chrono-node's Japanese parser on the same lines; then the accuracy of answers read in
// context (test/fixtures/context: dev and holdout) by ask, channel and language, and the mean
// time per reading.
//   -- --misses    also list the dev lines read wrong (never the holdout's: it is not tuned on)
//   -- --answers   only the answers in context
//   -- --dev       only the dev set (while tuning, so the holdout's figures are not watched)
import { performance } from 'node:perf_hooks';
import * as chrono from 'chrono-node';
import { Culture, DateTimeOptions, recognizeDateTime } from '@microsoft/recognizers-text-date-time';
import { readAnswer, type AnswerReading } from '../bot/understanding/answers.js';
import { loadTokenizer, type JapaneseTokenizer } from '../bot/understanding/tokenizer.js';
import { understand, type Understanding } from '../bot/understanding/understand.js';
import {
  accuracy, comparable, DATE_TIME_FIELDS, DETAIL_FIELDS, loadContextCorpus, loadCorpus, sameReading, score, share, tallyAnswers,
  type ContextLine, type CorpusLine, type Tally,
} from './lib/corpus.js';

const PASSES = Number(process.env.BENCH_PASSES ?? 20);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
type DateTimeGuess = Pick<Understanding, 'date' | 'time' | 'timeRange'>;

/** Recognizers-Text's DateTime model asked for Japanese (it falls back to English). */
function viaRecognizersText(line: CorpusLine): DateTimeGuess {
  // The library reads local time components; shift the reference so they are Japan's.
  const ref = new Date(Date.parse(line.now) + 9 * 3600_000 + new Date().getTimezoneOffset() * 60_000);
  const out: DateTimeGuess = { date: null, time: null, timeRange: null };
  for (const r of recognizeDateTime(line.text, Culture.Japanese, DateTimeOptions.None, ref)) {
    const v = (r.resolution?.values as Record<string, string>[] | undefined)?.[0];
    if (!v) continue;
    if (v.type === 'date' && v.value) out.date ??= v.value;
    if (v.type === 'time' && v.value) out.time ??= v.value.slice(0, 5);
    if (v.type === 'datetime' && v.value) {
      out.date ??= v.value.slice(0, 10);
      out.time ??= v.value.slice(11, 16);
    }
    if (v.type === 'timerange' && v.start && v.end) out.timeRange ??= [v.start.slice(0, 5), v.end.slice(0, 5)];
  }
  return out;
}

/** chrono-node's Japanese casual parser. */
function viaChrono(line: CorpusLine): DateTimeGuess {
  const out: DateTimeGuess = { date: null, time: null, timeRange: null };
  const [r] = chrono.ja.parse(line.text, { instant: new Date(line.now), timezone: 540 });
  if (!r) return out;
  const s = r.start;
  if (s.isCertain('day')) out.date = `${s.get('year')}-${pad2(s.get('month')!)}-${pad2(s.get('day')!)}`;
  if (s.isCertain('hour')) {
    const t = `${pad2(s.get('hour')!)}:${pad2(s.get('minute') ?? 0)}`;
    if (r.end?.isCertain('hour')) out.timeRange = [t, `${pad2(r.end.get('hour')!)}:${pad2(r.end.get('minute') ?? 0)}`];
    else out.time = t;
  }
  return out;
}

const args = process.argv.slice(2);

function readAll(lines: ContextLine[], tokenizer: JapaneseTokenizer): AnswerReading[] {
  // The line's `lang` is the conversation's language, which the dialog keeps (issue 13).
  return lines.map((l) => readAnswer(l.ask, l.text, { now: new Date(l.now), channel: l.channel, tokenizer, context: l.context, lang: l.lang }));
}

/** Accuracy of answers in context, dev beside holdout, by ask, channel and language. */
function benchAnswers(tokenizer: JapaneseTokenizer): void {
  const names = args.includes('--dev') ? (['dev'] as const) : (['dev', 'holdout'] as const);
  const sets = names.map((name) => {
    const lines = loadContextCorpus(name);
    readAll(lines, tokenizer); // warm-up
    const start = performance.now();
    const readings = readAll(lines, tokenizer);
    return { name, lines, readings, msPerReading: (performance.now() - start) / lines.length };
  });
  const cell = (t: Tally | undefined) => (t ? `${(share(t) * 100).toFixed(1)}% (${t.correct}/${t.counted})` : '—');
  const by = (key: (l: ContextLine) => string) => {
    const tallies = sets.map((s) => tallyAnswers(s.lines, s.readings, key));
    const keys = [...new Set(tallies.flatMap((t) => [...t.keys()]))].filter((k) => k !== 'overall').sort();
    const rows: Record<string, Record<string, string>> = {};
    for (const k of [...keys, 'overall']) rows[k] = Object.fromEntries(sets.map((s, i) => [s.name, cell(tallies[i]!.get(k))]));
    console.table(rows);
  };
  console.log(`\nAnswers in context — ${sets.map((s) => `${s.name} ${s.lines.length} lines`).join(', ')} (the holdout is never tuned on)`);
  console.log('By ask:');
  by((l) => l.ask);
  console.log('By channel:');
  by((l) => l.channel);
  console.log('By language:');
  by((l) => l.lang);
  console.log(`mean per reading (ms): ${sets.map((s) => `${s.name} ${s.msPerReading.toFixed(3)}`).join(', ')}`);
  if (args.includes('--misses')) {
    const dev = sets[0]!;
    console.log('\nDev misses:');
    dev.lines.forEach((l, i) => {
      if (!sameReading(l.expect, dev.readings[i]!)) console.log(`  ${l.id} [${l.channel}/${l.lang}] ${JSON.stringify(l.text)}  expected ${comparable(l.expect)}  got ${comparable(dev.readings[i]!)}`);
    });
  }
}

async function main(): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const tokenizer = await loadTokenizer();
  const loadMs = performance.now() - t0;
  const rssAfter = process.memoryUsage().rss;
  if (args.includes('--answers')) {
    benchAnswers(tokenizer);
    return;
  }

  const corpus = loadCorpus();
  const run = (l: CorpusLine) => understand(l.text, { now: new Date(l.now), tokenizer, channel: l.channel });
  corpus.forEach(run); // warm-up: JIT and caches
  const times: number[] = [];
  const start = performance.now();
  for (let p = 0; p < PASSES; p++) {
    for (const l of corpus) {
      const a = performance.now();
      run(l);
      times.push(performance.now() - a);
    }
  }
  const totalMs = performance.now() - start;
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;

  console.log(`Understanding benchmark — ${corpus.length} utterances × ${PASSES} passes, Node ${process.version}`);
  console.table({
    'dictionary load (ms)': loadMs.toFixed(0),
    'RSS before load (MB)': (rssBefore / 2 ** 20).toFixed(0),
    'RSS after load (MB)': (rssAfter / 2 ** 20).toFixed(0),
    'utterances / s': ((times.length / totalMs) * 1000).toFixed(0),
    'mean per utterance (ms)': mean.toFixed(3),
    'p50 per utterance (ms)': percentile(times, 50).toFixed(3),
    'p99 per utterance (ms)': percentile(times, 99).toFixed(3),
    'max per utterance (ms)': times.at(-1)!.toFixed(3),
  });
  console.log(`targets: p99 < 2 ms per utterance after load, load < 2000 ms`);

  const ours = corpus.map(run);
  const rt = corpus.map(viaRecognizersText);
  const ch = corpus.map(viaChrono);
  const rows: Record<string, Record<string, string>> = {};
  for (const f of DATE_TIME_FIELDS) {
    const cell = (guesses: Partial<Understanding>[]) => {
      const s = score(f, corpus, guesses);
      return `${(accuracy(s) * 100).toFixed(1)}% (${s.correct}/${s.counted})`;
    };
    rows[f] = { ours: cell(ours), 'recognizers-text (ja)': cell(rt), 'chrono-node ja': cell(ch) };
  }
  for (const f of DETAIL_FIELDS) {
    const s = score(f, corpus, ours);
    rows[f] = { ours: `${(accuracy(s) * 100).toFixed(1)}% (${s.correct}/${s.counted})`, 'recognizers-text (ja)': '—', 'chrono-node ja': '—' };
  }
  console.log('Accuracy per field (lines where the field is expected or produced):');
  console.table(rows);
  benchAnswers(tokenizer);
}

void main();
