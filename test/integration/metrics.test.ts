// GET /metrics as an operator's Prometheus reads it: scraped while a citizen books in the web
// chat, the counters move (the booking, its turns, the requests by route pattern) and nothing
// personal appears; the readiness checks show as gauges; the abuse limits are counted; and
// only who may read them can: loopback without METRICS_TOKEN (not through a proxy), the
// bearer token with one, a 401/403 JSON error otherwise.
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../adapters/app.js';
import { readSettings } from '../../adapters/settings.js';
import { TEST_LIMITS, tempDir } from '../support/app.js';
import { modeUnavailable, SERVICE_MODES, startIn } from '../support/service-modes.js';
import type { RunningApp } from '../support/app.js';
import { webChatFrom } from '../support/clients.js';

const NOW = '2026-11-25T10:00:00+09:00';
const TOKEN = 'metrics-token-for-the-test-0123456789';

/** What a citizen booking a window answers to each question (the first free window offered). */
function answer(said: string, phone: string, email: string): string | undefined {
  if (/よろしいですか/.test(said)) return 'はい';
  if (/メールアドレス/.test(said)) return email;
  if (/電話番号/.test(said)) return phone;
  if (/誕生日/.test(said)) return '4月17日です';
  if (/ご希望の日にち/.test(said)) return `${/近い空きのある日:(\d+月\d+日)/.exec(said)?.[1] ?? '12月3日'}の10時`;
  if (/番号か日時でお選び|ご希望の時間/.test(said)) return '1';
  if (/本人が窓口/.test(said)) return 'はい';
  if (/カード本体の有効期限/.test(said)) return 'いいえ';
  if (/有効期限通知書/.test(said)) return 'はい';
  return undefined;
}

type Sample = { name: string; labels: Record<string, string>; value: number };

/** Prometheus' text format, the sample lines. */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

/** The sum of a metric's samples whose labels include `labels` (0 when there is none). */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);
}

async function scrape(url: string, headers: Record<string, string> = {}): Promise<Sample[]> {
  const res = await fetch(`${url}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parse(await res.text());
}

describe.each(SERVICE_MODES)('GET /metrics during a web chat booking (%s)', (mode) => {
  let svc: RunningApp;
  beforeAll(async () => {
    if (modeUnavailable(mode)) return;
    svc = await startIn(mode, { FAKE_NOW: NOW });
  }, 120_000);
  afterAll(() => svc?.stop());

  it.skipIf(modeUnavailable(mode))('counts the booking, its turns and its requests by route, and says the ledger, Redis and the dictionary are up', async () => {
    const before = await scrape(svc.url);
    const phone = `090${String(Date.now()).slice(-8)}`;
    const email = `metrics-${phone}@example.jp`;

    // Prometheus scrapes while the citizen talks: every scrape answers, and counts only grow.
    let done = false;
    const scrapes: Sample[][] = [];
    const scraping = (async () => {
      while (!done) {
        scrapes.push(await scrape(svc.url));
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    let said = 0;
    let booked = false;
    let conversationId = '';
    try {
      const chat = await webChatFrom(svc.url, '10.20.30.40');
      conversationId = chat.conversationId;
      let heard = await chat.say('通知書が届いたので予約したいです');
      said++;
      for (let turn = 0; turn < 12 && !booked; turn++) {
        const next = answer(heard, phone, email);
        expect(next, heard).toBeDefined();
        heard = await chat.say(next!);
        said++;
        booked = /予約が完了しました/.test(heard);
      }
    } finally {
      done = true;
      await scraping;
    }
    expect(booked).toBe(true);
    expect(scrapes.length).toBeGreaterThan(2);
    const turns = (s: Sample[]) => value(s, 'ecert_turn_duration_seconds_count', { channel: 'web', outcome: 'ok' });
    for (let i = 1; i < scrapes.length; i++) expect(turns(scrapes[i]!)).toBeGreaterThanOrEqual(turns(scrapes[i - 1]!));

    const after = await scrape(svc.url);
    const moved = (name: string, labels: Record<string, string> = {}) => value(after, name, labels) - value(before, name, labels);
    expect(moved('ecert_reservations_total', { channel: 'web', event: 'booked' })).toBe(1);
    // Every message the citizen sent was a turn (the welcome is one more).
    expect(moved('ecert_turn_duration_seconds_count', { channel: 'web', outcome: 'ok' })).toBeGreaterThanOrEqual(said);
    expect(moved('ecert_turn_duration_seconds_count', { outcome: 'failed' })).toBe(0);
    expect(moved('ecert_http_requests_total', { method: 'POST', route: '/v3/directline/conversations/:conversationId/activities', status: '200' })).toBe(said);
    expect(moved('ecert_http_requests_total', { method: 'POST', route: '/v3/directline/conversations', status: '201' })).toBe(1);
    expect(value(after, 'ecert_dependency_up', { dependency: 'ledger' })).toBe(1);
    expect(value(after, 'ecert_dependency_up', { dependency: 'understanding' })).toBe(1);
    if (mode === 'servers') expect(value(after, 'ecert_dependency_up', { dependency: 'state' })).toBe(1);
    expect(after.some((s) => s.name === 'ecert_handoffs' && s.labels.state === 'open' && s.labels.channel === 'web')).toBe(true);
    // The process: memory, event-loop lag, CPU.
    expect(value(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(after.some((s) => s.name === 'nodejs_eventloop_lag_p99_seconds')).toBe(true);
    expect(after.some((s) => s.name === 'process_cpu_seconds_total')).toBe(true);

    // Nothing personal, and no path with an id, in any label.
    const labels = after.flatMap((s) => Object.values(s.labels)).join('\n');
    for (const secret of [conversationId, phone, email, '04-17', '10.20.30']) expect(labels).not.toContain(secret);
    expect(after.filter((s) => s.name === 'ecert_http_requests_total').every((s) => !/\/[A-Za-z0-9_-]{20,}/.test(s.labels.route ?? ''))).toBe(true);
  });
});

describe('GET /metrics: who may read it, and the abuse limits it counts', () => {
  let open: App;
  let guarded: App;
  let openUrl: string;
  let guardedUrl: string;
  const lan = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

  /** The service on every interface, so it can also be reached from another address than loopback. */
  async function listen(env: Record<string, string>): Promise<{ app: App; port: number }> {
    const app = await buildApp(readSettings({ LOG_LEVEL: 'silent', DATA_DIR: tempDir(), FAKE_NOW: NOW, ...TEST_LIMITS, ...env }));
    await app.tokenizer;
    await new Promise<void>((resolve) => app.server.listen(0, '0.0.0.0', resolve));
    return { app, port: (app.server.address() as AddressInfo).port };
  }

  beforeAll(async () => {
    const a = await listen({});
    const b = await listen({ METRICS_TOKEN: TOKEN, TRUST_PROXY: '1', RATE_LIMIT_PER_IP_PER_MINUTE: '3', LOOKUP_MAX_WRONG_BIRTHDAYS: '2', BOOKING_LIMIT_PER_CLIENT_PER_DAY: '1' });
    [open, guarded] = [a.app, b.app];
    openUrl = `http://127.0.0.1:${a.port}`;
    guardedUrl = `http://127.0.0.1:${b.port}`;
  }, 120_000);
  afterAll(async () => {
    await open?.close();
    await guarded?.close();
  });

  it('without METRICS_TOKEN answers loopback only, and not what a proxy passes on from elsewhere', async () => {
    await scrape(openUrl);
    const proxied: Record<string, string>[] = [{ 'x-forwarded-for': '203.0.113.9' }, { forwarded: 'for=203.0.113.9' }, { 'x-real-ip': '203.0.113.9' }];
    for (const header of proxied) {
      const res = await fetch(`${openUrl}/metrics`, { headers: header });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: { code: 'forbidden', message: expect.stringContaining('METRICS_TOKEN') } });
    }
  });

  it.skipIf(!lan)('without METRICS_TOKEN refuses another machine (403 JSON)', async () => {
    const port = (open.server.address() as AddressInfo).port;
    const res = await fetch(`http://${lan}:${port}/metrics`);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });

  it('with METRICS_TOKEN asks every scraper, on this machine or not, for the bearer token (401 JSON)', async () => {
    const wrong: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-token-wrong-token' }, { authorization: `Basic ${TOKEN}` }, { authorization: `Bearer ${TOKEN}x` }];
    for (const headers of wrong) {
      const res = await fetch(`${guardedUrl}/metrics`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
    await scrape(guardedUrl, { authorization: `Bearer ${TOKEN}` });
    if (lan) await scrape(`http://${lan}:${(guarded.server.address() as AddressInfo).port}`, { authorization: `Bearer ${TOKEN}` });
  });

  it('counts rate-limit refusals, wrong birthdays and locked numbers, and booking-limit refusals, by channel', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const before = await scrape(guardedUrl, auth);
    // One address past its 3 requests a minute.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${guardedUrl}/api/availability?channel=web`, { headers: { 'x-forwarded-for': '198.51.100.7' } })).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    // Two wrong birthdays lock a number; a second booking by one client on one day is refused.
    const now = guarded.clock();
    const client = 'ip:198.51.100.8';
    for (let i = 0; i < 2; i++) await guarded.desk.identify('1234567', '01-01', client, now);
    const windows = await guarded.desk.availability('2026-12-01', '2026-12-10', 'web', now);
    const booking = (w: { date: string; start: string }, phone: string) => ({
      date: w.date,
      start: w.start,
      channel: 'web' as const,
      holder: { birthday: '05-05', phone, email: `m${phone}@example.jp` },
      now,
      client,
    });
    const first = await guarded.desk.book(booking(windows[0]!, '09011112222'));
    expect(first, JSON.stringify(first)).toMatchObject({ ok: true });
    expect(await guarded.desk.book(booking(windows[1]!, '09011113333'))).toMatchObject({ ok: false, reason: 'client-limit' });

    const after = await scrape(guardedUrl, auth);
    const moved = (name: string, labels: Record<string, string> = {}) => value(after, name, labels) - value(before, name, labels);
    expect(moved('ecert_rate_limited_total', { limit: 'ip' })).toBe(2);
    expect(moved('ecert_http_requests_total', { route: '(none)', status: '429' }) + moved('ecert_http_requests_total', { route: '/api/availability', status: '429' })).toBe(2);
    expect(moved('ecert_lookup_wrong_birthdays_total', { channel: 'web' })).toBe(2);
    expect(moved('ecert_lookup_locks_total', { channel: 'web' })).toBe(1);
    expect(moved('ecert_reservations_total', { channel: 'web', event: 'booked' })).toBe(1);
    expect(moved('ecert_booking_limit_refusals_total', { channel: 'web' })).toBeGreaterThanOrEqual(1);
    const labels = after.flatMap((s) => Object.values(s.labels)).join('\n');
    for (const secret of ['198.51.100', '1234567', '09011112222']) expect(labels).not.toContain(secret);
  });
});
