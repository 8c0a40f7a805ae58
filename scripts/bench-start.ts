// `npm run bench:start`: how fast a restarted service is ready and how much memory it holds.
// For each set-up — the embedded defaults (PGlite in a DATA_DIR, state in memory) and, when
// REDIS_URL and DATABASE_URL are set, Redis + PostgreSQL — the service is started once to
// create its database (not counted), then restarted BENCH_START_RUNS (3) times: the time from
// spawning the process to the first 200 from /readyz, its RSS then, its RSS after
// BENCH_START_CONVERSATIONS (200) whole booking conversations (half web chat, half phone), and
// whether SIGTERM ended it with status 0. Prints each run and the median.
//
//   REDIS_URL=redis://127.0.0.1:6379/0 DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:start
//
// BENCH_START_ENTRY: `start` (default) runs `node scripts/start.mjs` as `npm start` does (the
// compiled JavaScript, built first when stale); `tsx` runs the TypeScript sources through tsx
// (the start before the compiled one, for comparison). BENCH_START_MODES (embedded,services);
// BENCH_START_THINK_MS (500) mean pause of a simulated citizen before each answer;
// BENCH_START_NODE_OPTIONS: NODE_OPTIONS for the service only (e.g. --max-old-space-size=256).
// The services set-up works in a fresh PostgreSQL schema, dropped afterwards, and deletes the
// Redis keys of its own conversations.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { runCitizen, runTag, type ChannelName, type Citizen, type ConversationResult } from './bench-citizens.js';
import { freshSchema } from './lib/databases.js';

const env = process.env;
const RUNS = Math.max(1, Number(env.BENCH_START_RUNS ?? 3));
const CONVERSATIONS = Number(env.BENCH_START_CONVERSATIONS ?? 200);
const THINK_MS = Number(env.BENCH_START_THINK_MS ?? 500);
const ENTRY = env.BENCH_START_ENTRY === 'tsx' ? 'tsx' : 'start';
const MODES = (env.BENCH_START_MODES ?? 'embedded,services').split(',').map((m) => m.trim()) as Mode[];
const NOW = '2026-12-07T10:00:00+09:00'; // a Monday after Friday's release, as in `npm run bench`
const TWILIO = { authToken: 'bench-twilio-token', publicBaseUrl: 'https://bench.example.jp', path: '/api/twilio/voice' };
const TARGET_READY_MS = 3_000;
const TARGET_RSS_MB = 450;

type Mode = 'embedded' | 'services';

interface RunResult {
  readyMs: number;
  /** CPU the start-up took: what a machine of its own would wait, about. */
  cpuReadyS: number;
  rssReadyMb: number;
  rssAfterMb: number;
  heapAfterMb: number;
  externalAfterMb: number;
  booked: number;
  failed: number;
  exitCode: number | null;
  stopMs: number;
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

/** What the service says of its own memory (GET /metrics, answered on loopback): V8's heap in use and outside it. */
async function heapMb(url: string): Promise<{ heap: number; external: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) / 1048576;
  return { heap: read('nodejs_heap_size_used_bytes'), external: read('nodejs_external_memory_bytes') };
}

/** CPU time a process has used (user + system, all its threads), from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

/** Resident memory of a process, from /proc (Linux). */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

interface Started {
  child: ChildProcess;
  url: string;
  readyMs: number;
  exit: Promise<number | null>;
}

async function start(childEnv: NodeJS.ProcessEnv, logFile: string): Promise<Started> {
  const port = await freePort();
  const args = ENTRY === 'tsx' ? ['--import', 'tsx', 'adapters/main.ts'] : ['scripts/start.mjs'];
  const log = fs.openSync(logFile, 'a');
  const spawned = performance.now();
  const child = spawn(process.execPath, args, { env: { ...childEnv, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  let exited = false;
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => ((exited = true), resolve(code))));
  const url = `http://127.0.0.1:${port}`;
  const deadline = spawned + 180_000;
  for (;;) {
    if (exited || performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the service did not become ready (${exited ? 'it exited' : 'timeout'}); see ${logFile}:\n${fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n')}`);
    }
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) return { child, url, readyMs: performance.now() - spawned, exit };
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function stop(s: Started): Promise<{ code: number | null; ms: number }> {
  const t = performance.now();
  s.child.kill('SIGTERM');
  const code = await s.exit;
  return { code, ms: performance.now() - t };
}

async function openWindows(url: string, channel: ChannelName): Promise<string[]> {
  const res = await fetch(`${url}/api/availability?channel=${channel}`);
  const { windows } = (await res.json()) as { windows: { start: string }[] };
  if (windows.length === 0) throw new Error(`no open windows for ${channel} at ${NOW}`);
  return windows.map((w) => w.start);
}

/** Citizens with distinct phones and birthdays (every one a new holder), wishes spread over the open windows. */
function citizens(windows: Record<ChannelName, string[]>, first: number): Citizen[] {
  return Array.from({ length: CONVERSATIONS }, (_, i) => {
    const index = first + i;
    const channel: ChannelName = index % 2 === 0 ? 'web' : 'phone';
    const open = windows[channel];
    const w = open[(index * 7) % open.length]!;
    return {
      index,
      channel,
      phone: `090${String(10_000_000 + index * 7919).slice(-8)}`,
      birthday: { month: 1 + (index % 12), day: 1 + (Math.floor(index / 12) % 28) },
      wish: { date: w.slice(0, 10), start: w.slice(11, 16) },
    };
  });
}

async function converse(url: string, first: number): Promise<ConversationResult[]> {
  const windows = { web: await openWindows(url, 'web'), phone: await openWindows(url, 'phone') };
  const target = { baseUrl: url, echo: false, thinkMs: THINK_MS, web: 'stream' as const, pollMs: 5, twilio: TWILIO };
  return Promise.all(
    citizens(windows, first).map(async (c) => {
      await new Promise((r) => setTimeout(r, Math.random() * THINK_MS));
      return runCitizen(c, target);
    }),
  );
}

/** Deletes the keys of this run's conversations: their calls carry runTag, web chats their ids. */
async function forgetConversations(redisUrl: string, webIds: Set<string>): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'ecert:*', 'COUNT', 1000);
    cursor = next;
    const ours = keys.filter((k) => k.includes(runTag) || k.split(/[:/|]/).some((part) => webIds.has(part)));
    if (ours.length) await redis.del(...ours);
  } while (cursor !== '0');
  redis.disconnect();
}

async function benchMode(mode: Mode): Promise<{ mode: Mode; firstMs: number; runs: RunResult[] } | undefined> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecert-bench-start-'));
  const childEnv: NodeJS.ProcessEnv = { ...env };
  // Nothing leaves the machine: no SMS, e-mail, LINE or Azure from the bench.
  for (const k of ['TWILIO_ACCOUNT_SID', 'TWILIO_SMS_FROM', 'SMTP_URL', 'LINE_CHANNEL_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN', 'MicrosoftAppId', 'MicrosoftAppPassword', 'OFFICE_CONFIG', 'METRICS_TOKEN']) delete childEnv[k];
  Object.assign(childEnv, {
    DATA_DIR: path.join(workDir, 'data'),
    FAKE_NOW: NOW,
    TWILIO_AUTH_TOKEN: TWILIO.authToken,
    PUBLIC_BASE_URL: TWILIO.publicBaseUrl,
    DIRECTLINE_SECRET: randomBytes(24).toString('hex'),
    // The per-client limits would count the same simulated citizens again at every run (their
    // counts outlive a process in Redis, and the day is always BENCH's Monday): off.
    RATE_LIMIT_PER_IP_PER_MINUTE: '0',
    RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: '0',
    BOOKING_LIMIT_PER_CLIENT_PER_DAY: '0',
    LOOKUP_LIMIT_PER_CLIENT_PER_HOUR: '0',
    WEBCHAT_TOKENS_PER_IP_PER_MINUTE: '0',
    TRUST_PROXY: '1',
    LOG_LEVEL: 'warn',
  });
  if (env.BENCH_START_NODE_OPTIONS) childEnv.NODE_OPTIONS = env.BENCH_START_NODE_OPTIONS;
  let schema: Awaited<ReturnType<typeof freshSchema>> | undefined;
  if (mode === 'services') {
    if (!env.REDIS_URL || !env.DATABASE_URL) {
      console.log('bench:start: services skipped (set REDIS_URL and DATABASE_URL)');
      return undefined;
    }
    schema = await freshSchema(env.DATABASE_URL, 'bench_start_');
    Object.assign(childEnv, { DATABASE_URL: schema.url, REDIS_URL: env.REDIS_URL });
  } else {
    Object.assign(childEnv, { DATABASE_URL: '', REDIS_URL: '' });
  }
  const logFile = path.join(workDir, 'service.log');
  const webIds = new Set<string>();
  try {
    // The first start creates the database (and, for `start`, builds when the build is stale).
    const first = await start(childEnv, logFile);
    await stop(first);
    const runs: RunResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = await start(childEnv, logFile);
      const rssReadyMb = rssMb(s.child.pid!);
      const cpuReadyS = cpuSeconds(s.child.pid!);
      const results = await converse(s.url, 1_000 * (i + 1));
      for (const r of results) if (r.channel === 'web' && r.conversationId) webIds.add(r.conversationId);
      const rssAfterMb = rssMb(s.child.pid!);
      const after = await heapMb(s.url);
      const stopped = await stop(s);
      const run: RunResult = {
        readyMs: s.readyMs,
        cpuReadyS,
        rssReadyMb,
        rssAfterMb,
        heapAfterMb: after.heap,
        externalAfterMb: after.external,
        booked: results.filter((r) => r.outcome === 'booked').length,
        failed: results.filter((r) => r.outcome === 'error' || r.outcome === 'stuck').length,
        exitCode: stopped.code,
        stopMs: stopped.ms,
      };
      runs.push(run);
      const why = new Map<string, number>();
      for (const r of results) if (r.outcome === 'error' || r.outcome === 'stuck') why.set(r.detail ?? r.outcome, (why.get(r.detail ?? r.outcome) ?? 0) + 1);
      for (const [detail, n] of [...why].sort((a, b) => b[1] - a[1]).slice(0, 3)) console.log(`    ${n}× failed: ${detail.slice(0, 120)}`);
      console.log(
        `  ${mode} run ${i + 1}: ready ${run.readyMs.toFixed(0)} ms (CPU ${run.cpuReadyS.toFixed(2)} s), RSS ${run.rssReadyMb.toFixed(0)} MB at ready, ${run.rssAfterMb.toFixed(0)} MB after ${CONVERSATIONS} conversations (V8 heap ${run.heapAfterMb.toFixed(0)} MB used, ${run.externalAfterMb.toFixed(0)} MB outside) ` +
          `(${run.booked} booked, ${run.failed} failed); SIGTERM → exit ${run.exitCode} in ${run.stopMs.toFixed(0)} ms`,
      );
    }
    return { mode, firstMs: first.readyMs, runs };
  } finally {
    await schema?.drop().catch((err: Error) => console.error(`bench:start: could not drop the schema: ${err.message}`));
    if (mode === 'services') await forgetConversations(env.REDIS_URL!, webIds).catch((err: Error) => console.error(`bench:start: could not delete the run's Redis keys: ${err.message}`));
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const command = ENTRY === 'tsx' ? 'node --import tsx adapters/main.ts' : 'node scripts/start.mjs (npm start)';
  console.log(`bench:start: ${command}, ${RUNS} restarts per set-up, ${CONVERSATIONS} conversations each (think ${THINK_MS} ms), ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}`);
  const lines: string[] = [];
  let met = true;
  for (const mode of MODES) {
    const r = await benchMode(mode);
    if (!r) continue;
    const ready = median(r.runs.map((x) => x.readyMs));
    const cpu = median(r.runs.map((x) => x.cpuReadyS));
    const rssReady = median(r.runs.map((x) => x.rssReadyMb));
    const rssAfter = median(r.runs.map((x) => x.rssAfterMb));
    const clean = r.runs.every((x) => x.exitCode === 0 && x.failed === 0);
    met &&= ready <= TARGET_READY_MS && clean && (mode !== 'services' || rssReady < TARGET_RSS_MB);
    lines.push(
      `${mode.padEnd(8)}  ready ${(ready / 1000).toFixed(2)} s (CPU ${cpu.toFixed(2)} s; first start ${(r.firstMs / 1000).toFixed(2)} s)  RSS at ready ${rssReady.toFixed(0)} MB  after ${CONVERSATIONS} conversations ${rssAfter.toFixed(0)} MB  ` +
        `${clean ? 'no failed conversation, SIGTERM exit 0' : 'FAILED conversations or a bad exit'}`,
    );
  }
  console.log(`\nbench:start medians of ${RUNS} (${command}; load average now ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs):\n${lines.join('\n')}`);
  console.log(`targets /readyz ≤ ${TARGET_READY_MS / 1000} s, RSS at ready < ${TARGET_RSS_MB} MB with Redis + PostgreSQL: ${met ? 'met' : 'NOT met'}`);
}

main().catch((err: Error) => {
  console.error(`bench:start failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
