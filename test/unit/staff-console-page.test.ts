// The staff console page is served with its own script and style under a strict CSP.
import type { AddressInfo } from 'node:net';
import restify, { type Server } from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountStaffConsole } from '../../adapters/staff/console-page.js';

let server: Server;
let base: string;

beforeAll(async () => {
  server = restify.createServer({ handleUncaughtExceptions: false });
  mountStaffConsole(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The `<label for>` text of each input id in the page. */
function labels(html: string): Map<string, string> {
  return new Map([...html.matchAll(/<label\b[^>]*\bfor="([^"]+)"[^>]*>([^<]+)<\/label>/g)].map((m) => [m[1]!, m[2]!]));
}

describe('GET /staff', () => {
  it('serves a Japanese page that forbids inline script, framing and caching', async () => {
    const res = await fetch(`${base}/staff`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');

    const html = await res.text();
    expect(html).toMatch(/<html lang="ja">/);
    expect(html).toContain('<script src="/staff/console.js" defer></script>');
    // The phone booking section's script, after the console whose helpers it uses.
    expect(html.indexOf('<script src="/staff/booking.js" defer></script>')).toBeGreaterThan(html.indexOf('/staff/console.js'));
    expect(html).toContain('<link rel="stylesheet" href="/staff/console.css">');
    // Nothing inline for the CSP to block: no script bodies, style blocks or style attributes.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
  });

  it('has a login form whose inputs are labelled ユーザー名 and パスワード', async () => {
    const html = await (await fetch(`${base}/staff`)).text();
    const byId = labels(html);
    expect(byId.get('login-user')).toBe('ユーザー名');
    expect(byId.get('login-password')).toBe('パスワード');
    expect(html).toMatch(/<input id="login-user"[^>]*autocomplete="username"/);
    expect(html).toMatch(/<input id="login-password"[^>]*type="password"/);
  });

  it('names the four sections and the logout button in Japanese, each reachable from the page menu', async () => {
    const html = await (await fetch(`${base}/staff`)).text();
    for (const heading of ['引き継ぎ', '本日の予約', '枠の状況', '電話予約の受付']) {
      expect(html).toContain(`>${heading}</h2>`);
      const id = new RegExp(`<h2 id="([^"]+)"[^>]*>${heading}</h2>`).exec(html)?.[1];
      expect(html).toContain(`<a href="#${id}">`);
    }
    expect(html).toContain('>ログアウト</button>');
    expect(labels(html).get('reply-text')).toBe('返信');
  });

  it('puts the security alerts first: a heading with room for the count, the lists, and a banner read out at once', async () => {
    const html = await (await fetch(`${base}/staff`)).text();
    // First in the page menu and first among the sections, above 引き継ぎ.
    expect(html).toMatch(/<nav class="jump"[^>]*>\s*<ul>\s*<li><a href="#alerts-title">セキュリティのお知らせ<\/a><\/li>/);
    expect(html.indexOf('id="alerts-title"')).toBeLessThan(html.indexOf('id="handoffs-title"'));
    expect(html).toContain('<h2 id="alerts-title" tabindex="-1">セキュリティのお知らせ<span id="alerts-count"');
    expect(html).toContain('aria-labelledby="alerts-title"');
    expect(html).toMatch(/<ul id="alerts-open"[^>]*aria-label="未確認のお知らせ"/);
    expect(html).toContain('>確認済み（24時間以内）</h3>');
    expect(html).toContain('>お知らせはありません。</p>');
    // New alerts are announced assertively, apart from the polite region and the error region.
    expect(html).toMatch(/<div id="alerts-banner"[^>]*role="alert"/);
  });

  it('lets staff on the phone line book, find, move and cancel with labelled fields and buttons', async () => {
    const html = await (await fetch(`${base}/staff`)).text();
    const byId = labels(html);
    expect(byId.get('book-date')).toBe('日付');
    expect(byId.get('book-slot')).toBe('時間帯');
    expect(byId.get('book-birthday')).toBe('誕生日（月-日）');
    expect(byId.get('book-phone')).toBe('電話番号');
    expect(byId.get('book-email')).toBe('メール（任意）');
    expect(byId.get('find-number')).toBe('予約番号（8桁）');
    expect(byId.get('change-date')).toBe('変更先の日付');
    expect(byId.get('change-slot')).toBe('変更先の時間帯');
    for (const [id, type] of [['book-date', 'date'], ['book-phone', 'tel'], ['book-email', 'email'], ['change-date', 'date']]) {
      expect(html).toMatch(new RegExp(`<input id="${id}"[^>]*type="${type}"`));
    }
    for (const button of ['予約する', '探す', '変更する', '取消']) expect(html).toMatch(new RegExp(`<button[^>]*>${button}</button>`));
    expect(html).toContain('>予約の受付</h3>');
    expect(html).toContain('>予約番号で探す</h3>');
  });
});

describe('the console script and style', () => {
  it.each([
    ['/staff/console.js', /^text\/javascript; charset=utf-8/, "new EventSource('/api/staff/events')"],
    ['/staff/console.js', /^text\/javascript; charset=utf-8/, "source.addEventListener('alert', refreshAlertsSoon)"],
    ['/staff/booking.js', /^text\/javascript; charset=utf-8/, "'idempotency-key'"],
    ['/staff/console.css', /^text\/css; charset=utf-8/, ':focus-visible'],
  ])('%s is served with its own content type and the same headers', async (path, type, sample) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(type);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain(sample);
  });

  it.each(['/staff/console.js', '/staff/booking.js'])('%s never writes markup from data into the page', async (path) => {
    const js = await (await fetch(`${base}${path}`)).text();
    expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});
