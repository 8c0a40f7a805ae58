// `npm run bench:voice`: how long every phone turn takes to say (issue 14) — each message the
// phone line says, the turns the dialogs compose, and whole calls through the real bot — in
// morae and seconds at 7.5 morae a second, against its budget (question ≤ 10 s, read-back and
// completion ≤ 15 s, an answer with the question after it ≤ 15 s).
//   npm run bench:voice            the worst turns and every turn over budget
//   npm run bench:voice -- --all   every turn
//   npm run bench:voice -- --text  with what is said
import { loadTokenizer } from '../bot/understanding/tokenizer.js';
import { composedTurns, measure as measured, phoneMessages, type PhoneTurn } from './lib/phone-turns.js';
import { phoneCalls } from './lib/phone-calls.js';

const args = new Set(process.argv.slice(2));
const tokenizer = await loadTokenizer();

interface Row {
  section: string;
  turn: string;
  morae: number;
  seconds: number;
  budget: number;
  kind: string;
  speech: string;
}

const measure = (section: string, t: PhoneTurn): Row => {
  const m = measured(t, tokenizer);
  return { section, turn: m.label, morae: m.morae, seconds: m.seconds, budget: m.budget, kind: m.kind, speech: m.speech };
};

const rows: Row[] = [
  ...phoneMessages().map((t) => measure('message', t)),
  ...composedTurns().map((t) => measure('composed', t)),
  ...(await phoneCalls()).map((t) => measure('call', t)),
];

const over = rows.filter((r) => r.seconds > r.budget);
const shown = args.has('--all') ? rows : [...over, ...rows.filter((r) => r.seconds <= r.budget).sort((a, b) => b.seconds / b.budget - a.seconds / a.budget).slice(0, 15)];
const width = (s: string) => [...s].reduce((n, c) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const cut = (s: string, n: number) => {
  let out = '';
  for (const c of s) {
    if (width(out + c) > n - 1) return out + '…';
    out += c;
  }
  return out;
};

console.log(`${pad('', 9)}${pad('turn', 72)} ${'morae'.padStart(5)} ${'sec'.padStart(5)} ${'budget'.padStart(6)}  result`);
for (const r of shown) {
  console.log(`${pad(r.section, 9)}${pad(cut(r.turn, 72), 72)} ${String(r.morae).padStart(5)} ${r.seconds.toFixed(1).padStart(5)} ${`${r.budget} s`.padStart(6)}  ${r.seconds > r.budget ? 'OVER' : 'OK'}`);
  if (args.has('--text')) console.log(`         ${r.speech}`);
}
const worst = (kind: string) => rows.filter((r) => r.kind === kind).reduce((m, r) => Math.max(m, r.seconds), 0);
console.log(
  `\n${rows.length} turns (${rows.filter((r) => r.section === 'message').length} messages, ${rows.filter((r) => r.section === 'composed').length} composed, ${rows.filter((r) => r.section === 'call').length} from calls); ` +
    `${over.length} over budget. Longest: question ${worst('question').toFixed(1)} s, read-back ${worst('read-back').toFixed(1)} s, answer ${worst('answer').toFixed(1)} s.`,
);
process.exitCode = over.length ? 1 : 0;
