// `npm run bench:dates [-- --misses]`: our date/time reader on the external benchmark
// (../shared/benchmarks/external-dates.jsonl, or DATES_BENCHMARK): cases, correct and % by
// `kind`, overall, with chrono-node's Japanese parser beside it as a reference (as is, and
// with `forwardDate`, which is closer to our convention of the next such date). A case is
// correct when both `date` and `time` equal the expectation (null = absent). Prints the mean
// understanding time per case; `--misses` lists what we got wrong.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as chrono from 'chrono-node';
import { readDateTime } from '../bot/understanding/datetime.js';
import { normalize } from '../bot/understanding/normalize.js';
import { loadTokenizer } from '../bot/understanding/tokenizer.js';
import { understand } from '../bot/understanding/understand.js';

interface Case {
  source: string;
  text: string;
  now: string;
  kind: string;
  expect: { date: string | null; time: string | null };
  note?: string;
}
type Reading = { date: string | null; time: string | null };

const file = process.env.DATES_BENCHMARK ?? path.resolve('../shared/benchmarks/external-dates.jsonl');
const showMisses = process.argv.includes('--misses');
const pad2 = (n: number) => String(n).padStart(2, '0');
const pct = (a: number, b: number) => (b === 0 ? '—' : `${((a / b) * 100).toFixed(1)}%`);
const same = (r: Reading, c: Case) => r.date === c.expect.date && r.time === c.expect.time;

/**
 * chrono-node's Japanese casual parser: the first certain day (or weekday) and the first
 * certain hour that is not the start of a range, over all its results.
 */
function viaChrono(c: Case, forwardDate: boolean): Reading {
  const out: Reading = { date: null, time: null };
  for (const r of chrono.ja.parse(c.text, { instant: new Date(c.now), timezone: 540 }, { forwardDate })) {
    const s = r.start;
    if (!out.date && (s.isCertain('day') || s.isCertain('weekday'))) out.date = `${s.get('year')}-${pad2(s.get('month')!)}-${pad2(s.get('day')!)}`;
    if (!out.time && s.isCertain('hour') && !r.end?.isCertain('hour')) out.time = `${pad2(s.get('hour')!)}:${pad2(s.get('minute') ?? 0)}`;
  }
  return out;
}

async function main(): Promise<void> {
  if (!fs.existsSync(file)) {
    console.log(`bench:dates: no benchmark at ${file} (set DATES_BENCHMARK); nothing to measure`);
    return;
  }
  const cases = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Case);
  const tokenizer = await loadTokenizer();
  const ours = (c: Case): Reading => {
    const u = understand(c.text, { now: new Date(c.now), tokenizer, channel: 'chat' });
    return { date: u.date, time: u.time };
  };
  cases.forEach(ours); // warm-up
  const t0 = performance.now();
  const readings = cases.map(ours);
  const meanMs = (performance.now() - t0) / cases.length;
  const t1 = performance.now();
  for (const c of cases) readDateTime(normalize(c.text), new Date(c.now));
  const dateMeanMs = (performance.now() - t1) / cases.length;
  const chronoReadings = cases.map((c) => viaChrono(c, false));
  const chronoForward = cases.map((c) => viaChrono(c, true));

  const kinds = [...new Set(cases.map((c) => c.kind))].sort();
  const rows: Record<string, Record<string, string | number>> = {};
  let okAll = 0;
  let chronoAll = 0;
  let forwardAll = 0;
  for (const kind of kinds) {
    const idx = cases.map((c, i) => (c.kind === kind ? i : -1)).filter((i) => i >= 0);
    const ok = idx.filter((i) => same(readings[i]!, cases[i]!)).length;
    const ch = idx.filter((i) => same(chronoReadings[i]!, cases[i]!)).length;
    const fw = idx.filter((i) => same(chronoForward[i]!, cases[i]!)).length;
    okAll += ok;
    chronoAll += ch;
    forwardAll += fw;
    rows[kind] = { cases: idx.length, correct: ok, ours: pct(ok, idx.length), 'chrono ja': pct(ch, idx.length), 'chrono ja forwardDate': pct(fw, idx.length) };
  }
  rows['overall'] = {
    cases: cases.length,
    correct: okAll,
    ours: pct(okAll, cases.length),
    'chrono ja': pct(chronoAll, cases.length),
    'chrono ja forwardDate': pct(forwardAll, cases.length),
  };

  console.log(`Date/time benchmark — ${cases.length} cases from ${path.relative(process.cwd(), file) || file}`);
  console.table(rows);
  console.log(`mean time per case: ${meanMs.toFixed(3)} ms whole understanding (tokens, intent, dates, details); ${dateMeanMs.toFixed(3)} ms normalise + dates and times`);
  if (showMisses) {
    console.log('\nMisses (kind | text | now → expected / got):');
    cases.forEach((c, i) => {
      const r = readings[i]!;
      if (same(r, c)) return;
      const show = (x: Reading) => `${x.date ?? '-'} ${x.time ?? '-'}`;
      console.log(`${c.kind} | ${c.text} | ${c.now.slice(0, 16)} → ${show(c.expect)} / ${show(r)}`);
    });
  }
}

void main();
