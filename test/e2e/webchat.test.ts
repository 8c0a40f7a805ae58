// A citizen books a window through the official Web Chat widget on / in real headless
// Chromium (Debian's package, driven by playwright-core); a screenshot is saved.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app.js';
import { hasChromium, launchChromium, SCREENSHOTS } from '../support/browser.js';

describe.skipIf(!hasChromium())('booking in the browser widget', () => {
  let svc: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    svc = await startApp({ FAKE_NOW: '2026-11-25T10:00:00+09:00' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  /** Types a line in the send box and waits until the bot says `expected` once more. */
  const send = async (page: Page, text: string, expected: string) => {
    const seen = await page.getByText(expected, { exact: false }).count();
    const box = page.locator('[data-id="webchat-sendbox-input"]');
    await box.fill(text);
    await box.press('Enter');
    await expect.poll(() => page.getByText(expected, { exact: false }).count(), { timeout: 15_000 }).toBeGreaterThan(seen);
  };

  it('books 12月3日(木) 10:30〜11:00 and shows the reservation number', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 }, locale: 'ja-JP' });
    await page.goto(svc.url + '/');
    await expect.poll(() => page.getByText('予約窓口です', { exact: false }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await send(page, '通知書が届いたので12月3日の10時半に予約したい', 'カード本体');
    await send(page, 'いいえ', 'ご本人が窓口に');
    await send(page, 'はい', '誕生日');
    await send(page, '5月3日', '電話番号を');
    await send(page, '090-1234-5678', 'メールアドレス');
    await send(page, 'taro@example.jp', '予約内容の確認');
    // The read-back is an Adaptive Card; the answer is a suggested action.
    expect(await page.getByText('12月3日(木) 10:30〜11:00').first().isVisible()).toBe(true);
    const seen = await page.getByText('予約が完了しました').count();
    await page.getByRole('button', { name: 'はい', exact: true }).last().click();
    await expect.poll(() => page.getByText('予約が完了しました').count(), { timeout: 15_000 }).toBeGreaterThan(seen);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.waitForTimeout(1500); // let the widget finish scrolling to the answer
    await page.screenshot({ path: path.join(SCREENSHOTS, 'webchat-booking.png'), fullPage: true });
    const day = await svc.app.ledger.ledger.listByDate('2026-12-03');
    expect(day.map((r) => [r.start, r.channel, r.email])).toEqual([['10:30', 'web', 'taro@example.jp']]);
    await page.close();
  });
});
