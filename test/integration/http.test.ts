// The public HTTP interface of DESIGN.md, on the embedded defaults (PGlite in DATA_DIR).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUrl } from '../../scripts/lib/databases.js';
import { startApp, type RunningApp } from '../support/app.js';

// A Wednesday morning; the clock runs on from here.
const FAKE_NOW = '2026-11-25T10:00:00+09:00';

describe('HTTP service on embedded defaults', () => {
  let svc: RunningApp;
  const get = async (path: string) => {
    const res = await fetch(svc.url + path);
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as any };
  };
  const starts = (body: { windows: { start: string }[] }) => body.windows.map((w) => w.start);

  beforeAll(async () => {
    svc = await startApp({ FAKE_NOW });
  });
  afterAll(() => svc?.stop());

  it('answers /healthz and /readyz', async () => {
    expect(await get('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await get('/readyz')).toMatchObject({ status: 200, body: { status: 'ready', checks: { ledger: 'ok' } } });
  });

  it('lists windows in the DESIGN.md shape, with +09:00 offsets', async () => {
    const { status, type, body } = await get('/api/availability?from=2026-12-01&to=2026-12-01&channel=web');
    expect(status).toBe(200);
    expect(type).toContain('application/json');
    expect(body.windows).toHaveLength(16);
    expect(body.windows[0]).toEqual({
      start: '2026-12-01T09:00:00+09:00',
      end: '2026-12-01T09:30:00+09:00',
      capacity: 3,
      remaining: 3,
    });
    expect(body.windows[15].start).toBe('2026-12-01T16:30:00+09:00');
  });

  it('R7: web starts two business days ahead; the phone line offers today’s windows not yet started', async () => {
    const web = await get('/api/availability?from=2026-11-25&to=2026-11-28&channel=web');
    expect(starts(web.body)[0]).toBe('2026-11-27T09:00:00+09:00');
    const line = await get('/api/availability?from=2026-11-25&to=2026-11-28&channel=line');
    expect(starts(line.body)[0]).toBe('2026-11-27T09:00:00+09:00');
    const phone = await get('/api/availability?from=2026-11-25&to=2026-11-25&channel=phone');
    expect(starts(phone.body)[0]).toBe('2026-11-25T10:30:00+09:00');
    expect(starts(phone.body)).not.toContain('2026-11-25T10:00:00+09:00');
  });

  it('R2: no windows on Sundays or the 3rd Saturday; the 4th Saturday is open', async () => {
    const { body } = await get('/api/availability?from=2026-11-21&to=2026-11-29&channel=phone');
    const days = new Set(starts(body).map((s) => s.slice(0, 10)));
    expect(days.has('2026-11-22')).toBe(false); // Sunday
    expect(days.has('2026-11-23')).toBe(false); // 勤労感謝の日
    expect(days.has('2026-11-28')).toBe(true); // 4th Saturday
    expect(days.has('2026-11-29')).toBe(false); // Sunday
  });

  it('R6: nothing past the last Friday release (2026-11-20 + 28 days)', async () => {
    const { body } = await get('/api/availability?from=2026-12-14&to=2027-01-31&channel=phone');
    const last = starts(body).at(-1);
    expect(last).toBe('2026-12-18T16:30:00+09:00');
  });

  it('R4: full windows disappear and remaining counts down', async () => {
    const desk = svc.app.desk;
    const now = svc.app.clock();
    for (const [i, birthday] of ['01-01', '02-02', '03-03', '04-04'].entries()) {
      const start = i < 3 ? '10:00' : '10:30';
      const r = await desk.book({ date: '2026-12-02', start, channel: 'phone', holder: { birthday, phone: '0727246920' }, now });
      expect(r.ok).toBe(true);
    }
    const { body } = await get('/api/availability?from=2026-12-02&to=2026-12-02&channel=phone');
    expect(starts(body)).not.toContain('2026-12-02T10:00:00+09:00');
    expect(body.windows.find((w: { start: string }) => w.start === '2026-12-02T10:30:00+09:00')).toMatchObject({ remaining: 2 });
  });

  it.each([
    ['/api/availability?from=2026-12-01&to=2026-12-02', 'bad-channel'],
    ['/api/availability?from=2026-12-01&to=2026-12-02&channel=fax', 'bad-channel'],
    ['/api/availability?from=2026-02-30&to=2026-03-02&channel=web', 'bad-from'],
    ['/api/availability?from=2026-12-01&to=12/02&channel=web', 'bad-to'],
    ['/api/availability?from=2026-12-05&to=2026-12-01&channel=web', 'bad-range'],
    ['/api/availability?from=2026-01-01&to=2026-12-31&channel=web', 'bad-range'],
    ['/api/availability?from=2026-12-01&from=2026-12-02&channel=web', 'bad-from'],
    ['/api/availability?channel=web&channel=line', 'bad-channel'],
  ])('400 with a JSON error for %s', async (path, code) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
  });

  it('answers unknown paths and methods with JSON 4xx, and odd input never with 5xx', async () => {
    expect((await get('/nope')).status).toBe(404);
    const post = await fetch(`${svc.url}/api/availability`, { method: 'POST', body: '{bad', headers: { 'content-type': 'application/json' } });
    expect(post.status).toBe(405);
    const odd = ['%00', '%E3%81', 'x'.repeat(5000), '日本語', '2026-12-01%0A', '../../etc/passwd', '🙂'];
    for (const v of odd) {
      for (const p of [`?from=${v}&channel=web`, `?channel=${v}`, `?to=${v}&channel=phone`]) {
        const res = await fetch(`${svc.url}/api/availability${p}`);
        expect(res.status, p).toBeGreaterThanOrEqual(400);
        expect(res.status, p).toBeLessThan(500);
      }
    }
  });
});

describe('readiness follows the state store', () => {
  it('is 503 while Redis does not answer', async () => {
    const svc = await startApp({ REDIS_URL: 'redis://127.0.0.1:1/0' });
    try {
      const res = await fetch(`${svc.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'not-ready', checks: { ledger: 'ok', state: 'down' } });
    } finally {
      await svc.stop();
    }
  });

  it.skipIf(!redisUrl)('is 200 with a real Redis', async () => {
    const svc = await startApp({ REDIS_URL: redisUrl! });
    try {
      const res = await fetch(`${svc.url}/readyz`);
      expect(await res.json()).toMatchObject({ status: 'ready', checks: { ledger: 'ok', state: 'ok' } });
    } finally {
      await svc.stop();
    }
  });
});
