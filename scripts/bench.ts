// `npm run bench`: whole booking conversations by many citizens at once, over the web chat
// (Direct Line) and the phone line (Twilio webhooks), against the service in a child process
// on real Redis and PostgreSQL; then the same conversations' length with an echo bot behind
// the same stack as the floor. Prints a table per channel and one line to quote.
//
//   REDIS_URL=redis://127.0.0.1:6379/0 DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench
//
// BENCH_CITIZENS (200) at once, half on each door; BENCH_THINK_MS (4000) mean pause before
// each answer (uniform 0.5–1.5×: reading the answer and typing, or the phone's speech playing,
// take longer in life); BENCH_WEB (stream) hears the bot on the Direct Line WebSocket as Web
// Chat does, or =poll polls every BENCH_POLL_MS (5);
// BENCH_INSTANCES (1) service processes per bot, sharing Redis and PostgreSQL, the citizens
// spread over them; BENCH_WARMUP (10) conversations per process first, not counted (a fresh process compiles as it goes);
// BENCH_RUNS (3) whole runs, each on a fresh schema, the figures their median;
// BENCH_NOW (a Monday morning with the windows open); BENCH_PROFILE=DIR writes each
// server's CPU profile there and summarises it; BENCH_SEED (1) the citizens' wishes.
// BENCH_NODE_FLAGS (e.g. "--trace-gc") go to the servers' node, and BENCH_KEEP_LOGS=DIR keeps their logs;
// BENCH_DUMP=FILE appends each run's turn times (ms) per bot, channel and conversation, in order (which step is slow).
// The bench works in a fresh PostgreSQL schema, dropped afterwards, and deletes the Redis keys
// of its own conversations (never anything else).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { identitySalt, runCitizen, runTag, type ChannelName, type Citizen, type ConversationResult, type Target } from './bench-citizens.js';
import { formatSummary, summariseFile } from './profile-summary.js';
// The bench is a test of the whole service: it takes its schema the way the tests do.
import { freshSchema } from './lib/databases.js';

const env = process.env;
const CITIZENS = Number(env.BENCH_CITIZENS ?? 200);
const THINK_MS = Number(env.BENCH_THINK_MS ?? 4000);
const WARMUP = Number(env.BENCH_WARMUP ?? 10);
const INSTANCES = Math.max(1, Number(env.BENCH_INSTANCES ?? 1));
const POLL_MS = Number(env.BENCH_POLL_MS ?? 5);
const WEB = env.BENCH_WEB === 'poll' ? 'poll' : 'stream';
const NOW = env.BENCH_NOW ?? '2026-12-07T10:00:00+09:00'; // a Monday after Friday's release
const PROFILE_DIR = env.BENCH_PROFILE ? path.resolve(env.BENCH_PROFILE) : undefined;
const TWILIO = { authToken: 'bench-twilio-token', publicBaseUrl: 'https://bench.example.jp', path: '/api/twilio/voice' };
const TARGET_P99_MS = 50;
const TARGET_RATIO = 2;
const RUNS = Math.max(1, Number(env.BENCH_RUNS ?? 3));

type Bot = 'reservation' | 'echo';

interface Window {
  start: string;
}

function required(name: string): string {
  const value = env[name];
  if (!value) {
    console.error(`bench: ${name} is not set. The bench runs on real Redis and PostgreSQL:\n  export REDIS_URL=redis://127.0.0.1:6379/0 DATABASE_URL=postgres://postgres@127.0.0.1:5432/test\n(start them with scripts/services.sh)`);
    process.exit(2);
  }
  return value;
}

/** A seeded generator, so a run's wishes can be replayed (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

// ── the service in a child process ────────────────────────────────────────────────────

interface Server {
  url: string;
  /** From spawning the process to its first ready answer: the profile skips this start-up. */
  startupMs: number;
  stop(): Promise<void>;
}

async function startServer(bot: Bot, databaseUrl: string, redisUrl: string, workDir: string): Promise<Server> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...env };
  // Nothing leaves the machine: no SMS, e-mail, LINE or Azure from the bench.
  for (const k of ['TWILIO_ACCOUNT_SID', 'TWILIO_SMS_FROM', 'SMTP_URL', 'LINE_CHANNEL_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN', 'MicrosoftAppId', 'MicrosoftAppPassword', 'OFFICE_CONFIG']) delete childEnv[k];
  Object.assign(childEnv, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: workDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    FAKE_NOW: NOW,
    TWILIO_AUTH_TOKEN: TWILIO.authToken,
    PUBLIC_BASE_URL: TWILIO.publicBaseUrl,
    DIRECTLINE_SECRET: randomBytes(24).toString('hex'),
    RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
    RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: '1000000',
    // Citizens send their own X-Forwarded-For: the per-client limits count each one apart.
    TRUST_PROXY: '1',
    LOG_LEVEL: env.LOG_LEVEL ?? 'info',
    BENCH_BOT: bot,
  });
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.join(PROFILE_DIR, `${bot}-${runTag}`)}`] : [];
  const nodeFlags = [...profile, ...(env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)];
  // The reservation bot exactly as `npm start` runs it; the echo bot through the bench entry.
  const entry = bot === 'reservation' ? 'adapters/main.ts' : 'scripts/bench-server.ts';
  const logFile = path.join(workDir, `${bot}.log`);
  const log = fs.openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', entry], { env: childEnv, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  if (env.BENCH_KEEP_LOGS) child.once('exit', () => fs.copyFileSync(logFile, path.join(env.BENCH_KEEP_LOGS!, `${bot}-${runTag}-${port}.log`)));
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code), resolve())));
  const url = `http://127.0.0.1:${port}`;
  const spawned = Date.now();
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited !== undefined || Date.now() > deadline) {
      child.kill('SIGKILL');
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
      throw new Error(`the ${bot} server did not become ready (${exited !== undefined ? `exit ${exited}` : 'timeout'}):\n${tail}`);
    }
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    startupMs: Date.now() - spawned,
    async stop() {
      if (exited === undefined) child.kill('SIGTERM');
      await exit;
    },
  };
}

// ── citizens and their wishes ─────────────────────────────────────────────────────────

async function openWindows(url: string, channel: ChannelName): Promise<Window[]> {
  const res = await fetch(`${url}/api/availability?channel=${channel}`);
  if (!res.ok) throw new Error(`availability for ${channel}: HTTP ${res.status}`);
  const { windows } = (await res.json()) as { windows: Window[] };
  if (windows.length === 0) throw new Error(`no open windows for ${channel} at ${NOW}; set BENCH_NOW to a business-day morning`);
  return windows;
}

function makeCitizens(windows: Record<ChannelName, Window[]>, seed: number, count = CITIZENS, first = 0): Citizen[] {
  const rnd = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const index = first + i;
    const channel: ChannelName = index % 2 === 0 ? 'web' : 'phone';
    const open = windows[channel];
    const w = open[Math.floor(rnd() * open.length)]!;
    // Distinct phones (090-0000-0000 + index) and spread birthdays: every citizen is a new holder.
    return {
      index,
      channel,
      phone: `090${String(10_000_000 + (index + identitySalt) * 7919).slice(-8)}`,
      birthday: { month: 1 + (index % 12), day: 1 + (Math.floor(index / 12) % 28) },
      wish: { date: w.start.slice(0, 10), start: w.start.slice(11, 16) },
    };
  });
}

interface Run {
  bot: Bot;
  results: ConversationResult[];
  seconds: Record<ChannelName, number>;
}

async function drive(bot: Bot, urls: string[], citizens: Citizen[], thinkMs = THINK_MS): Promise<Run> {
  // Citizens spread over the instances in turn (any instance could serve any of them).
  const target = (c: Citizen): Target => ({ baseUrl: urls[c.index % urls.length]!, echo: bot === 'echo', thinkMs, web: WEB, pollMs: POLL_MS, twilio: TWILIO });
  const span: Record<ChannelName, { first: number; last: number }> = { web: { first: Infinity, last: 0 }, phone: { first: Infinity, last: 0 } };
  const results = await Promise.all(
    citizens.map(async (c) => {
      // Arrivals spread over one think time rather than all in the same millisecond.
      await new Promise((r) => setTimeout(r, Math.random() * thinkMs));
      const s = span[c.channel];
      s.first = Math.min(s.first, performance.now());
      const result = await runCitizen(c, target(c));
      s.last = Math.max(s.last, performance.now());
      return result;
    }),
  );
  const seconds = (ch: ChannelName) => Math.max(0.001, (span[ch].last - span[ch].first) / 1000);
  return { bot, results, seconds: { web: seconds('web'), phone: seconds('phone') } };
}

// ── the tables ────────────────────────────────────────────────────────────────────────

interface Stats {
  conversations: number;
  booked: number;
  fullThenOther: number;
  refusedFull: number;
  failed: number;
  turns: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  errorKinds: string[];
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

/** BENCH_DUMP: one line per bot, run and channel — each conversation's turn times in order. */
function dumpTurns(file: string, bot: Bot, run: Run): void {
  for (const channel of ['web', 'phone'] as const) {
    const steps = run.results.filter((r) => r.channel === channel).map((r) => r.turns.map((t) => Math.round(t.ms * 10) / 10));
    fs.appendFileSync(file, JSON.stringify({ bot, channel, steps }) + '\n');
  }
}

function stats(run: Run, channel: ChannelName): Stats {
  const rs = run.results.filter((r) => r.channel === channel);
  const turns = rs.flatMap((r) => r.turns);
  const ms = turns.map((t) => t.ms).sort((a, b) => a - b);
  const kinds = new Map<string, number>();
  for (const t of turns) if (t.error) kinds.set(t.error, (kinds.get(t.error) ?? 0) + 1);
  for (const r of rs) if (r.outcome === 'stuck') kinds.set(`stuck: ${r.detail ?? ''}`, (kinds.get(`stuck: ${r.detail ?? ''}`) ?? 0) + 1);
  return {
    conversations: rs.length,
    booked: rs.filter((r) => r.outcome === 'booked').length,
    fullThenOther: rs.filter((r) => r.outcome === 'booked' && r.sawFull).length,
    refusedFull: rs.filter((r) => r.outcome === 'refused-full').length,
    failed: rs.filter((r) => r.outcome === 'error' || r.outcome === 'stuck').length,
    turns: turns.length,
    perSecond: turns.length / run.seconds[channel],
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    max: ms.at(-1) ?? NaN,
    errors: turns.filter((t) => t.error).length,
    errorKinds: [...kinds.entries()].map(([k, n]) => `${n}× ${k}`),
  };
}

function table(title: string, rows: [string, Stats][]): string {
  const head = ['channel', 'convs', 'booked', 'full→alt', 'refused', 'failed', 'turns', 'turns/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors'];
  const cells = rows.map(([name, s]) => [
    name,
    String(s.conversations),
    String(s.booked),
    String(s.fullThenOther),
    String(s.refusedFull),
    String(s.failed),
    String(s.turns),
    s.perSecond.toFixed(1),
    s.p50.toFixed(1),
    s.p95.toFixed(1),
    s.p99.toFixed(1),
    s.max.toFixed(1),
    String(s.errors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  const kinds = rows.flatMap(([name, s]) => s.errorKinds.map((k) => `  ${name}: ${k}`));
  return [title, line(head), ...cells.map(line), ...kinds].join('\n');
}

// ── clean-up ──────────────────────────────────────────────────────────────────────────

/** Deletes the keys of this run's conversations: their calls carry runTag, web chats their ids. */
async function forgetConversations(redisUrl: string, webIds: Set<string>): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'ecert:*', 'COUNT', 1000);
    cursor = next;
    const ours = keys.filter((k) => k.includes(runTag) || k.split(/[:/|]/).some((part) => webIds.has(part)));
    if (ours.length) deleted += await redis.del(...ours);
  } while (cursor !== '0');
  redis.disconnect();
  return deleted;
}

/** The server's main thread (tsx's loader thread writes a profile of its own): the busiest one. */
function profileReport(bot: Bot, skipMs: number): string {
  const dir = path.join(PROFILE_DIR!, `${bot}-${runTag}`);
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
  const summaries = files.map((f) => ({ file: path.join(dir, f), summary: summariseFile(path.join(dir, f), 20, skipMs) }));
  const main = summaries.sort((a, b) => b.summary.busyMs - a.summary.busyMs)[0];
  return main ? `${bot} server CPU profile after start-up (${(skipMs / 1000).toFixed(1)} s), ${main.file}\n${formatSummary(main.summary)}` : `no CPU profile was written for the ${bot} server`;
}

// ── main ──────────────────────────────────────────────────────────────────────────────

/** One run: a fresh schema, the reservation servers and then the echo ones, the same citizens for both. */
async function oneRun(n: number, redisUrl: string, databaseUrl: string, workDir: string, webIds: Set<string>): Promise<[Run, Run]> {
  const schema = await freshSchema(databaseUrl, 'bench_');
  const runs: Run[] = [];
  // Each run's citizens are new people with calls of their own (CallSids and phones differ by run).
  const first = n * 1_000_000;
  try {
    // All servers start together (start-up is mostly the dictionary); the echo ones idle meanwhile.
    const starting = (['reservation', 'echo'] as const).map((bot) =>
      Promise.all(Array.from({ length: INSTANCES }, () => startServer(bot, schema.url, redisUrl, workDir))),
    );
    const servers = await Promise.allSettled(starting);
    try {
      for (const [i, bot] of (['reservation', 'echo'] as const).entries()) {
        const started = servers[i]!;
        if (started.status === 'rejected') throw started.reason;
        const group = started.value;
        const urls = group.map((server) => server.url);
        try {
          const [web, phone] = [await openWindows(urls[0]!, 'web'), await openWindows(urls[0]!, 'phone')];
          // A few conversations first, not counted: a process's first turns compile its code.
          const warm = await drive(bot, urls, makeCitizens({ web, phone }, 7, WARMUP * INSTANCES, first + 100_000), 100);
          for (const r of warm.results) if (r.channel === 'web' && r.conversationId) webIds.add(r.conversationId);
          const citizens = makeCitizens({ web, phone }, Number(env.BENCH_SEED ?? 1), CITIZENS, first);
          const run = await drive(bot, urls, citizens);
          runs.push(run);
          if (env.BENCH_DUMP) dumpTurns(env.BENCH_DUMP, bot, run);
          for (const r of run.results) if (r.channel === 'web' && r.conversationId) webIds.add(r.conversationId);
          console.log(`\nrun ${n + 1} of ${RUNS}, ${table(bot === 'echo' ? 'echo bot (the floor, same stack):' : 'reservation bot:', [['web', stats(run, 'web')], ['phone', stats(run, 'phone')]])}`);
        } finally {
          await Promise.all(group.map((server) => server.stop()));
        }
        if (PROFILE_DIR) console.log(`\n${profileReport(bot, Math.max(...group.map((server) => server.startupMs)))}`);
      }
    } finally {
      await Promise.all(servers.map((g) => (g.status === 'fulfilled' ? Promise.all(g.value.map((server) => server.stop())) : undefined)));
    }
  } finally {
    await schema.drop().catch((err: Error) => console.error(`bench: could not drop the schema: ${err.message}`));
  }
  return runs as [Run, Run];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function main(): Promise<void> {
  const redisUrl = required('REDIS_URL');
  const databaseUrl = required('DATABASE_URL');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecert-bench-'));
  if (PROFILE_DIR) fs.mkdirSync(PROFILE_DIR, { recursive: true });
  const webIds = new Set<string>();
  const pairs: [Run, Run][] = [];
  const started = performance.now();
  console.log(`bench: ${CITIZENS} citizens at once (half web chat, half phone) on ${INSTANCES} instance${INSTANCES > 1 ? 's' : ''} per bot, think ${THINK_MS} ms, web chat ${WEB === 'poll' ? `polling every ${POLL_MS} ms` : 'on the WebSocket stream'}, now ${NOW}, ${RUNS} run${RUNS > 1 ? 's' : ''}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}`);
  try {
    for (let n = 0; n < RUNS; n++) pairs.push(await oneRun(n, redisUrl, databaseUrl, workDir, webIds));
  } finally {
    await forgetConversations(redisUrl, webIds).catch((err: Error) => console.error(`bench: could not delete the run's Redis keys: ${err.message}`));
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  // Each figure is the median over the runs (one run on a shared machine is not a figure).
  const parts = (['web', 'phone'] as const).map((ch) => {
    const each = pairs.map(([bot, floor]) => ({ b: stats(bot, ch), f: stats(floor, ch) }));
    const p99 = median(each.map((x) => x.b.p99));
    const floor = median(each.map((x) => x.f.p99));
    return { ch, p99, floor, ratio: p99 / floor, runs: each.map((x) => x.b.p99), errors: each.reduce((n, x) => n + x.b.errors + x.b.failed, 0) };
  });
  const pass = parts.every((p) => p.p99 < TARGET_P99_MS && p.ratio <= TARGET_RATIO && p.errors === 0);
  console.log(
    `\nbench (median of ${RUNS}): ${parts.map((p) => `${p.ch} p99 ${p.p99.toFixed(1)} ms (runs ${p.runs.map((x) => x.toFixed(1)).join(' / ')}; floor ${p.floor.toFixed(1)}, ×${p.ratio.toFixed(1)})`).join(', ')}; ` +
      `${parts.reduce((n, p) => n + p.errors, 0)} errors; ${CITIZENS} citizens, think ${THINK_MS} ms; ` +
      `targets p99 < ${TARGET_P99_MS} ms and ≤ ${TARGET_RATIO}× floor: ${pass ? 'met' : 'NOT met'} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
}

main().catch((err: Error) => {
  console.error(`bench failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
