// A clerk at window 102 works the proxy form requests in the console (real headless Chromium,
// the console's strict CSP): the section 「照会書の郵送依頼」 says the numbers are shown in full
// for calling back, lists the holder's name in kana, birthday and the number; the clerk marks a
// request called back, mailed and closed, sees who did what in its history, and a request a
// citizen leaves with the bot meanwhile appears without reloading.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlProxyRequestStore } from '../../adapters/ledger/proxy-request-store.js';
import { startApp, type RunningApp } from '../support/app.js';
import { hasChromium, launchChromium, SCREENSHOTS } from '../support/browser.js';
import { webChatFrom } from '../support/clients.js';

const ADMIN = { user: 'tanaka', password: 'correct horse battery' };
const NOW = '2026-12-07T10:00:00+09:00';

describe.skipIf(!hasChromium())('proxy form requests in the staff console', () => {
  let svc: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    svc = await startApp({ FAKE_NOW: NOW, STAFF_ADMIN_USER: ADMIN.user, STAFF_ADMIN_PASSWORD: ADMIN.password });
    const store = new SqlProxyRequestStore(svc.app.ledger.db, svc.app.staffEvents);
    await store.submit({ kanaName: 'ミノオ ハナコ', birthday: '05-03', phone: '09012345678', channel: 'line' }, 'e2e-1', new Date(NOW));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  const appears = (page: Page, text: string, timeout = 15_000) =>
    expect.poll(() => page.getByText(text, { exact: false }).filter({ visible: true }).count(), { timeout }).toBeGreaterThan(0);

  it('lists a request with the number in full, moves it on step by step with its history, and hears a new one live', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'ja-JP' });
    const problems: string[] = [];
    // Nothing the strict CSP refused, no script error (the 401 of the first session check is expected).
    page.on('console', (m) => void (m.type() === 'error' && !/status of 401/.test(m.text()) && problems.push(m.text())));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(svc.url + '/staff');
    await page.getByLabel('ユーザー名').fill(ADMIN.user);
    await page.getByLabel('パスワード').fill(ADMIN.password);
    await page.keyboard.press('Enter');

    const section = page.locator('section', { has: page.getByRole('heading', { name: /照会書の郵送依頼/ }) });
    await expect.poll(() => section.getByRole('row', { name: /ミノオ ハナコ/ }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => section.textContent()).toContain('この一覧だけは電話番号を全桁表示しています');
    const row = section.getByRole('row', { name: /ミノオ ハナコ/ });
    const text = await row.textContent();
    for (const s of ['5月3日', '090-1234-5678', 'LINE', '新規（未連絡）']) expect(text).toContain(s);
    await expect.poll(() => section.locator('#proxy-count').textContent()).toBe('未連絡 1件');

    // The clerk called the holder back: one step, then the next.
    await row.getByRole('button', { name: 'ミノオ ハナコ さんの依頼を折り返し済にする' }).click();
    const status = row.locator('.proxy-status');
    await expect.poll(() => status.textContent()).toContain('折り返し済（本人確認済）');
    await row.getByRole('button', { name: /郵送済にする/ }).click();
    await expect.poll(() => status.textContent()).toBe('郵送済');
    await row.getByRole('button', { name: /完了にする/ }).click();
    // The status cell, not the row: 「完了」 is also in the button's own name.
    await expect.poll(() => status.textContent()).toBe('完了');
    expect(await row.getByRole('button').count()).toBe(0);
    await row.getByText('履歴').click();
    const history = await row.locator('.proxy-history').textContent();
    for (const s of ['新規（自動応答で受付）', '新規 → 折り返し済（tanaka）', '折り返し済 → 郵送済（tanaka）', '郵送済 → 完了（tanaka）']) expect(history).toContain(s);

    // Meanwhile a citizen asks in the web chat: it appears without reloading.
    const chat = await webChatFrom(svc.url, '203.0.113.77');
    await chat.say('照会書を郵送してください');
    await chat.say('本人です');
    await chat.say('さとう けい');
    await chat.say('11月30日');
    await chat.say('0727246000');
    await chat.say('はい');
    await appears(page, 'サトウ ケイ');
    const fresh = section.getByRole('row', { name: /サトウ ケイ/ });
    expect(await fresh.textContent()).toContain('072-724-6000');
    await expect.poll(() => section.locator('#proxy-count').textContent()).toBe('未連絡 1件');

    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await section.screenshot({ path: path.join(SCREENSHOTS, 'staff-console-proxy-requests.png') });
    expect(problems).toEqual([]);

    // Signed out: no name or number stays on screen.
    await page.getByRole('button', { name: 'ログアウト' }).click();
    // 「職員ログイン」 is in the page (hidden) while signed in; the sign-out message is not.
    await appears(page, 'ログアウトしました。');
    await expect.poll(() => page.locator('#login-view').isVisible()).toBe(true);
    expect(await page.locator('#proxy-body tr').count()).toBe(0);
  });
});
