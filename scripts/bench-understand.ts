// `npm run bench:understand`: what understanding costs and how well it reads, on the corpus.
// Prints dictionary load time, RSS after load, utterances per second and per-utterance
// latency (mean, p50, p99), then date/time accuracy beside recognizers-text alone and
// chrono-node's Japanese parser on the same lines.
import { performance } from 'node:perf_hooks';
import * as chrono from 'chrono-node';
import { Culture, DateTimeOptions, recognizeDateTime } from '@microsoft/recognizers-text-date-time';
import { loadTokenizer } from '../bot/understanding/tokenizer.js';
import { understand, type Understanding } from '../bot/understanding/understand.js';
import { accuracy, DATE_TIME_FIELDS, DETAIL_FIELDS, loadCorpus, score, type CorpusLine } from '../test/support/corpus.js';

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

async function main(): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const tokenizer = await loadTokenizer();
  const loadMs = performance.now() - t0;
  const rssAfter = process.memoryUsage().rss;

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
}

void main();
