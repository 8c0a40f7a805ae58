// A clerk at window 102 runs the console in real headless Chromium: logs in with the
// keyboard, sees a citizen's web chat handed off (with what was said), answers, and the answer
// appears in the citizen's Web Chat; then checks in the morning's reservation (R22).
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app.js';
import { hasChromium, launchChromium, SCREENSHOTS } from '../support/browser.js';

const ADMIN = { user: 'tanaka', password: 'correct horse battery' };
const TODAY = '2026-12-01';

describe.skipIf(!hasChromium())('the staff console in the browser', () => {
  let svc: RunningApp;
  let browser: Browser;
  let number: string;
  beforeAll(async () => {
    svc = await startApp({ FAKE_NOW: `${TODAY}T10:00:00+09:00`, STAFF_ADMIN_USER: ADMIN.user, STAFF_ADMIN_PASSWORD: ADMIN.password });
    const r = await svc.app.desk.book({ date: TODAY, start: '10:30', channel: 'phone', holder: { birthday: '04-05', phone: '09012345678' }, now: new Date('2026-11-20T10:00:00+09:00') });
    if (!r.ok) throw new Error(r.reason);
    number = r.reservation.number;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  const appears = (page: Page, text: string, timeout = 15_000) =>
    expect.poll(() => page.getByText(text, { exact: false }).filter({ visible: true }).count(), { timeout }).toBeGreaterThan(0);

  it('answers a handed-off web chat; the answer appears in the citizen’s Web Chat', async () => {
    // The citizen asks for a person in the city page's chat.
    const citizen = await browser.newPage({ viewport: { width: 900, height: 800 }, locale: 'ja-JP' });
    await citizen.goto(svc.url + '/');
    await appears(citizen, '予約窓口です', 20_000);
    const box = citizen.locator('[data-id="webchat-sendbox-input"]');
    await box.fill('職員と話したいです');
    await box.press('Enter');
    await appears(citizen, '担当の職員に引き継ぎました');

    // The clerk logs in with the keyboard only.
    const staff = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    await staff.goto(svc.url + '/staff');
    await staff.getByLabel('ユーザー名').fill(ADMIN.user);
    await staff.keyboard.press('Tab');
    await staff.keyboard.type(ADMIN.password);
    await staff.keyboard.press('Enter');
    const item = staff.getByRole('button', { name: /職員との会話を希望/ });
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await item.first().click();
    // The transcript: what the citizen typed and what the bot answered.
    await appears(staff, '職員と話したいです');
    await appears(staff, '担当の職員に引き継ぎました');

    // The citizen writes again while waiting; it reaches the open transcript live.
    await box.fill('12月の予約の件です');
    await box.press('Enter');
    await appears(staff, '12月の予約の件です');

    await staff.getByLabel('返信').fill('お待たせしました。担当の田中です。ご用件をどうぞ。');
    await staff.getByLabel('返信').press('Control+Enter');
    await appears(citizen, 'お待たせしました。担当の田中です。');
    await appears(staff, '対応中');

    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await staff.screenshot({ path: path.join(SCREENSHOTS, 'staff-console-handoff.png'), fullPage: true });
    await citizen.waitForTimeout(1000);
    await citizen.screenshot({ path: path.join(SCREENSHOTS, 'webchat-staff-reply.png'), fullPage: true });

    // Closing it gives the chat back to the automatic assistant, and the citizen is told.
    await staff.getByRole('button', { name: '完了にする' }).click();
    await appears(citizen, '自動案内がお答えします');

    // The morning's schedule: check in the 10:30 reservation with the holder's birthday.
    await staff.getByLabel('表示する日付').fill(TODAY);
    await staff.getByLabel('表示する日付').press('Enter');
    await appears(staff, number);
    await staff.getByRole('button', { name: `${number} 来庁受付` }).click();
    const checkIn = staff.locator('form.checkin');
    await checkIn.getByLabel('誕生日（月-日）').fill('04-06');
    await checkIn.getByLabel('誕生日（月-日）').press('Enter');
    await appears(staff, '誕生日が予約と一致しません');
    await checkIn.getByLabel('誕生日（月-日）').fill('4月5日');
    await checkIn.getByLabel('誕生日（月-日）').press('Enter');
    await expect.poll(async () => (await svc.app.ledger.ledger.find(number))?.status, { timeout: 10_000 }).toBe('checked-in');
    await appears(staff, '来庁済');
    await staff.screenshot({ path: path.join(SCREENSHOTS, 'staff-console-schedule.png'), fullPage: true });
    await staff.close();
    await citizen.close();
  });
  it('books for a caller on the reservation line, once on a double click, then finds and moves it', async () => {
    const staff = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    await staff.goto(svc.url + '/staff');
    await staff.getByLabel('ユーザー名').fill(ADMIN.user);
    await staff.getByLabel('パスワード').fill(ADMIN.password);
    await staff.getByLabel('パスワード').press('Enter');
    await staff.getByRole('link', { name: '電話予約の受付' }).click();
    await staff.getByLabel('日付', { exact: true }).fill('2026-12-03');
    // The phone's free windows of the day, with what is left.
    await expect.poll(() => staff.getByLabel('時間帯', { exact: true }).locator('option').count(), { timeout: 10_000 }).toBeGreaterThan(10);
    await staff.getByLabel('時間帯', { exact: true }).selectOption('10:00');
    await staff.locator('#book-birthday').fill('4月5日');
    await staff.getByLabel('電話番号').fill('090-1111-2222');
    await staff.getByRole('button', { name: '予約する' }).dblclick();
    await expect.poll(async () => (await staff.locator('#result-number').textContent())?.trim() ?? '', { timeout: 10_000 }).toMatch(/^\d{4} \d{4}$/);
    await appears(staff, '12月3日(木) 10:00〜10:30');
    const day = await svc.app.ledger.ledger.listByDate('2026-12-03');
    expect(day.map((r) => [r.start, r.channel, r.phone, r.birthday])).toEqual([['10:00', 'phone', '09011112222', '04-05']]);
    const number = day[0]!.number;

    await staff.getByLabel('予約番号（8桁）').fill(number);
    await staff.getByRole('button', { name: '探す' }).click();
    await staff.getByLabel('変更先の日付').fill('2026-12-03');
    await expect.poll(() => staff.getByLabel('変更先の時間帯').locator('option').count(), { timeout: 10_000 }).toBeGreaterThan(10);
    await staff.getByLabel('変更先の時間帯').selectOption('11:00');
    await staff.getByRole('button', { name: '変更する' }).click();
    await expect.poll(async () => (await svc.app.ledger.ledger.find(number))?.start, { timeout: 10_000 }).toBe('11:00');
    await staff.screenshot({ path: path.join(SCREENSHOTS, 'staff-console-phone-booking.png'), fullPage: true });
    await staff.close();
  });
});
