// Finding 11 (headers and the Direct Line secret): `/` had no Content-Security-Policy, framing
// protection or nosniff; /api/staff/* answers could be cached; DIRECTLINE_SECRET had no minimum
// length and a missing one gave no warning. Checked on the real service, and in real Chromium:
// Web Chat works under the policy with no violation reported.
import { Writable } from 'node:stream';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../adapters/log.js';
import { readSettings } from '../../adapters/settings.js';
import { startApp, type RunningApp } from '../support/app.js';
import { hasChromium, launchChromium } from '../support/browser.js';

describe('security headers', () => {
  let svc: RunningApp;
  beforeAll(async () => {
    svc = await startApp({ FAKE_NOW: '2026-11-25T10:00:00+09:00', STAFF_ADMIN_USER: 'headadmin', STAFF_ADMIN_PASSWORD: 'correct horse battery staple' });
  });
  afterAll(() => svc?.stop());

  const policy = (csp: string) => Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

  it('serves / with a policy that allows no inline or foreign script and no framing', async () => {
    const res = await fetch(`${svc.url}/`);
    const html = await res.text();
    const csp = policy(res.headers.get('content-security-policy') ?? '');
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // Every script on the page is a file from this origin.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\/[^/]/);
      expect(body!.trim()).toBe('');
    }
    for (const [, attrs] of scripts) expect((await fetch(svc.url + /src="([^"]+)"/.exec(attrs!)![1]!)).status).toBe(200);
  });

  it('puts nosniff and a referrer policy on every answer, errors included', async () => {
    const answers = await Promise.all([
      fetch(`${svc.url}/`),
      fetch(`${svc.url}/healthz`),
      fetch(`${svc.url}/webchat.js`),
      fetch(`${svc.url}/webchat-page.js`),
      fetch(`${svc.url}/api/availability?channel=web`),
      fetch(`${svc.url}/nope`),
      fetch(`${svc.url}/api/availability`, { method: 'POST' }),
      fetch(`${svc.url}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }),
      fetch(`${svc.url}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{bad' }),
      fetch(`${svc.url}/v3/directline/tokens/generate`, { method: 'POST' }),
      fetch(`${svc.url}/v3/directline/conversations/x/activities`),
    ]);
    for (const res of answers) {
      expect(res.headers.get('x-content-type-options'), res.url).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), res.url).toBe('no-referrer');
    }
  });

  it('forbids caching of staff answers and web chat tokens', async () => {
    const login = await fetch(`${svc.url}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'headadmin', password: 'correct horse battery staple' }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const answers = [
      login,
      await fetch(`${svc.url}/api/staff/session`, { headers: { cookie } }),
      await fetch(`${svc.url}/api/staff/reservations?date=2026-12-01`, { headers: { cookie } }),
      await fetch(`${svc.url}/api/staff/session`),
      await fetch(`${svc.url}/webchat/token`, { method: 'POST', headers: { origin: svc.url } }),
    ];
    for (const res of answers) expect(res.headers.get('cache-control'), res.url).toBe('no-store');
    // The widget's bundle is the one thing a browser may keep.
    expect((await fetch(`${svc.url}/webchat.js`)).headers.get('cache-control')).toContain('max-age');
  });

  it.skipIf(!hasChromium())('runs Web Chat under the policy in Chromium with no violation reported', async () => {
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await browser.newPage({ locale: 'ja-JP' });
      const problems: string[] = [];
      page.on('console', (m) => {
        // The browser's own favicon request is the one 404 (the page has none).
        if (m.location().url.endsWith('/favicon.ico')) return;
        if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) problems.push(`${m.text()} (${m.location().url})`);
      });
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${new URL(r.url()).pathname}`));
      await page.addInitScript("document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))");
      await page.goto(svc.url + '/');
      await expect.poll(() => page.getByText('予約窓口です', { exact: false }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
      // A message goes out and an answer comes back over the stream.
      const box = page.locator('[data-id="webchat-sendbox-input"]');
      await box.fill('手数料はいくらですか');
      await box.press('Enter');
      await expect.poll(() => page.getByText('新規発行・更新は無料', { exact: false }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await page.waitForTimeout(500);
      expect(problems).toEqual([]);
    } finally {
      await browser?.close();
    }
  }, 60_000);
});

describe('DIRECTLINE_SECRET', () => {
  it('refuses to start with a secret shorter than 32 characters, naming the setting', () => {
    expect(() => readSettings({ DIRECTLINE_SECRET: 'short-secret' })).toThrow(/DIRECTLINE_SECRET: must be at least 32 characters/);
    expect(readSettings({ DIRECTLINE_SECRET: 'x'.repeat(32) }).DIRECTLINE_SECRET).toHaveLength(32);
  });

  it('warns at start when it is not set', async () => {
    const lines: string[] = [];
    const logger = createLogger('warn', new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const svc = await startApp({}, { logger });
    try {
      expect(lines.some((l) => l.includes('DIRECTLINE_SECRET is not set'))).toBe(true);
    } finally {
      await svc.stop();
    }
    lines.length = 0;
    const configured = await startApp({ DIRECTLINE_SECRET: 'y'.repeat(40) }, { logger });
    await configured.stop();
    expect(lines.some((l) => l.includes('DIRECTLINE_SECRET'))).toBe(false);
  });
});
