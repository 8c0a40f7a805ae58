// `npm start` as an operator runs it: a separate process on the embedded defaults.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openLedger } from '../../adapters/ledger/open.js';
import { tempDir } from '../support/app.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function run(env: Record<string, string>) {
  // As `npm start` runs it: node with the tsx loader, so signals reach our own handler.
  const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/main.ts'], { env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', LOG_LEVEL: 'warn', ...env } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited, stderr: () => stderr };
}

async function waitHealthy(url: string, exited: Promise<unknown>, seconds = 20): Promise<void> {
  let done = false;
  void exited.then(() => (done = true));
  for (let i = 0; i < seconds * 10 && !done; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('service did not become healthy');
}

describe('npm start', () => {
  it('keeps a booking made in one run for the next run in the same DATA_DIR', async () => {
    const dataDir = tempDir();
    const first = await openLedger({ dataDir });
    const booked = await first.ledger.book({
      window: { date: '2026-12-03', start: '11:00', end: '11:30', configuredCapacity: 3 },
      channel: 'phone',
      holder: { birthday: '12-24', phone: '09012345678' },
      today: '2026-11-25',
    });
    expect(booked.ok).toBe(true);
    await first.db.close();

    const port = await freePort();
    const svc = run({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', FAKE_NOW: '2026-11-25T10:00:00+09:00' });
    try {
      await waitHealthy(`http://127.0.0.1:${port}`, svc.exited);
      const res = await fetch(`http://127.0.0.1:${port}/api/availability?from=2026-12-03&to=2026-12-03&channel=web`);
      const body = (await res.json()) as { windows: { start: string; remaining: number }[] };
      expect(body.windows.find((w) => w.start === '2026-12-03T11:00:00+09:00')?.remaining).toBe(2);
    } finally {
      svc.child.kill('SIGTERM');
      expect(await svc.exited).toBe(0);
    }
  });

  it('refuses to start on an invalid office configuration, naming the bad field', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'office.json');
    fs.writeFileSync(file, JSON.stringify({ capacity: { default: -1 }, release: { time: '9時' } }));
    const svc = run({ DATA_DIR: dir, OFFICE_CONFIG: file, PORT: String(await freePort()) });
    expect(await svc.exited).toBe(1);
    expect(svc.stderr()).toContain('capacity.default');
    expect(svc.stderr()).toContain('release.time');
  });

  it('refuses to start on a missing configuration file that was asked for, and on bad settings', async () => {
    const missing = run({ OFFICE_CONFIG: '/nonexistent/office.json', DATA_DIR: tempDir() });
    expect(await missing.exited).toBe(1);
    expect(missing.stderr()).toContain('/nonexistent/office.json');
    const badPort = run({ PORT: 'eighty', DATA_DIR: tempDir() });
    expect(await badPort.exited).toBe(1);
    expect(badPort.stderr()).toContain('PORT');
  });
});

/**
 * What a fresh clone holds, in a folder of its own (the build writes dist/ there, never into
 * this working tree); node_modules is shared.
 */
function cloneProject(): string {
  const dir = tempDir('ecert-clone-');
  for (const d of ['domain', 'bot', 'dialogs', 'adapters', 'config']) fs.cpSync(d, path.join(dir, d), { recursive: true });
  for (const f of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs', 'scripts/start.mjs']) fs.cpSync(f, path.join(dir, f));
  fs.symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function npmStart(project: string, env: Record<string, string>) {
  // `npm start` is `node scripts/start.mjs`: the service in that same process.
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: project, env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', LOG_LEVEL: 'warn', ...env } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited, stderr: () => stderr };
}

describe('npm start (compiled)', () => {
  it('builds a fresh clone first, builds again when a source is newer than the build, and ends with status 0 on SIGTERM', async () => {
    const project = cloneProject();
    const dataDir = tempDir();
    onTestFinished(() => {
      for (const dir of [project, dataDir]) fs.rmSync(dir, { recursive: true, force: true });
    });
    const once = async (check: (url: string) => Promise<void>) => {
      const port = await freePort();
      const svc = npmStart(project, { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
      try {
        // A build (tsc) comes first, and a fresh DATA_DIR is initialised: slow on a busy machine.
        await waitHealthy(`http://127.0.0.1:${port}`, svc.exited, 150);
        await check(`http://127.0.0.1:${port}`);
      } finally {
        svc.child.kill('SIGTERM');
        expect(await svc.exited).toBe(0);
      }
      return svc.stderr();
    };

    // A fresh clone: no dist/ yet. The files the code reads beside its source are there too.
    const first = await once(async (url) => {
      expect((await fetch(`${url}/webchat-page.js`)).status).toBe(200);
      expect((await fetch(`${url}/staff/console.js`)).status).toBe(200);
      expect((await fetch(`${url}/webchat.js`)).status).toBe(200);
      expect((await fetch(`${url}/api/availability?from=2026-12-03&to=2026-12-03&channel=phone`)).status).toBe(200);
    });
    expect(first).toContain('building dist/ first (no build yet)');
    expect(fs.existsSync(path.join(project, 'dist/adapters/main.js'))).toBe(true);

    // A changed source (here the web chat page's script) is built and served at the next start.
    const marker = `// changed ${Date.now()}`;
    fs.appendFileSync(path.join(project, 'adapters/http/webchat/page.js'), `\n${marker}\n`);
    const second = await once(async (url) => {
      expect(await (await fetch(`${url}/webchat-page.js`)).text()).toContain(marker);
    });
    expect(second).toContain('building dist/ first (adapters/http/webchat/page.js changed)');

    // Nothing changed: no build.
    const third = await once(async () => undefined);
    expect(third).not.toContain('building');
  }, 300_000);
});
