// `npm start` as an operator runs it: a separate process on the embedded defaults.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
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

async function waitHealthy(url: string, exited: Promise<unknown>): Promise<void> {
  let done = false;
  void exited.then(() => (done = true));
  for (let i = 0; i < 200 && !done; i++) {
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
