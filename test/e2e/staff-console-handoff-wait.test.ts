// A citizen handed to staff is told after the wait that no one can answer now and leaves a
// number for a callback; the clerk who opens the console (real headless Chromium) sees that
// the citizen was told, and the number to call.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app.js';
import { hasChromium, launchChromium } from '../support/browser.js';
import { directLine } from '../support/clients.js';

const ADMIN = { user: 'tanaka', password: 'correct horse battery' };
const NOW = '2026-12-01T10:00:00+09:00';

describe.skipIf(!hasChromium())('a callback request in the staff console', () => {
  let svc: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    svc = await startApp({ FAKE_NOW: NOW, STAFF_ADMIN_USER: ADMIN.user, STAFF_ADMIN_PASSWORD: ADMIN.password });
    await svc.app.runtime();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('shows that the waiting citizen was told, and the number they left', async () => {
    const dl = directLine(svc.url);
    const conv = await dl.start();
    await dl.until(conv, /予約窓口/);
    await dl.send(conv, '職員と話したいです');
    await dl.until(conv, /担当の職員に引き継ぎました/);
    await svc.app.handoffWait.tick(new Date(Date.parse(NOW) + 11 * 60_000));
    await dl.until(conv, /すぐにはお返事できません/);
    await dl.send(conv, '折り返しの電話を希望');
    await dl.until(conv, /電話番号を入力してください/);
    await dl.send(conv, '080-2345-6789');
    await dl.until(conv, /承りました/);

    const staff = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    await staff.goto(svc.url + '/staff');
    await staff.getByLabel('ユーザー名').fill(ADMIN.user);
    await staff.getByLabel('パスワード').fill(ADMIN.password);
    await staff.getByLabel('パスワード').press('Enter');
    const item = staff.getByRole('button', { name: /職員との会話を希望.*折り返し希望/ });
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await item.first().click();
    await expect.poll(() => staff.locator('#detail-callback').textContent(), { timeout: 10_000 }).toBe('折り返し先の電話番号: 08023456789');
    await expect.poll(() => staff.locator('#detail-meta').textContent()).toMatch(/10:1\d に「すぐにはお返事できない」とお客様へ案内済み/);
    await expect.poll(() => staff.getByText('すぐにはお返事できません', { exact: false }).count()).toBeGreaterThan(0);
    await staff.close();
  });
});
