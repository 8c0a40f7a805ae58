// A clerk tries the phone line in real headless Chromium at /staff/voice: logs in, calls, books
// once by keys alone and once by typed speech, and sends a call to staff that no one answers —
// each turn's TwiML shown (what is said, how the line listens, the transfer). Every turn went
// through the signed voice webhook; the page never holds the Twilio token.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultOfficeConfig } from '../../domain/office-config.js';
import { startApp, type RunningApp } from '../support/app.js';
import { hasChromium, launchChromium, SCREENSHOTS } from '../support/browser.js';

const ADMIN = { user: 'tanaka', password: 'correct horse battery' };
const TOKEN = 'twilio-auth-token-for-the-simulator';
// 11月25日(水) 10:00: the desk is staffed.
const NOW = '2026-11-25T10:00:00+09:00';

describe.skipIf(!hasChromium())('the phone line simulator in the browser', () => {
  let svc: RunningApp;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  beforeAll(async () => {
    const config = { ...defaultOfficeConfig(), staffTransferNumber: '072-724-6920' };
    svc = await startApp({ FAKE_NOW: NOW, TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: 'https://ecert.example.jp', STAFF_ADMIN_USER: ADMIN.user, STAFF_ADMIN_PASSWORD: ADMIN.password }, { config });
    await svc.app.runtime();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'ja-JP' });
    page.on('console', (m) => {
      // Before login the page asks whether a session exists: that one 401 is the answer, not a fault.
      if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  const turns = {
    count: () => page.locator('#log > li.sim-turn').count(),
    last: () => page.locator('#log > li.sim-turn').last(),
  };

  /** Does something on the page and waits for the next turn's TwiML; returns that turn's text. */
  async function next(action: () => Promise<void>): Promise<string> {
    const before = await turns.count();
    await action();
    await expect.poll(() => turns.count(), { timeout: 15_000 }).toBe(before + 1);
    return (await turns.last().textContent()) ?? '';
  }
  const keys = (k: string) => next(async () => {
    await page.getByLabel('押すキー').fill(k);
    await page.getByLabel('押すキー').press('Enter');
  });
  const speak = (words: string) => next(async () => {
    await page.getByLabel('話す言葉').fill(words);
    await page.getByLabel('話す言葉').press('Enter');
  });
  /** Keys on the on-screen keypad: sent, as on a phone, when numDigits are in. */
  const keypad = (k: string) => next(async () => {
    for (const key of k) await page.getByRole('button', { name: `キー ${key}`, exact: true }).click();
  });
  /** A new call (the log starts afresh): its first turn, the welcome. */
  const dial = async (caller: string) => {
    await page.getByLabel('発信者番号').fill(caller);
    await page.getByRole('button', { name: '電話をかける' }).click();
    await expect.poll(async () => (await turns.count()) === 1 && ((await turns.last().textContent()) ?? '').includes(caller), { timeout: 15_000 }).toBe(true);
    return (await turns.last().textContent()) ?? '';
  };

  it('asks for a staff login first, and never holds the Twilio token', async () => {
    await page.goto(svc.url + '/staff/voice');
    await page.getByLabel('ユーザー名').fill(ADMIN.user);
    await page.getByLabel('パスワード').fill(ADMIN.password);
    await page.getByLabel('パスワード').press('Enter');
    await expect.poll(() => page.getByRole('button', { name: '電話をかける' }).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.content()).not.toContain(TOKEN);
    const script = await (await fetch(svc.url + '/staff/voice.js')).text();
    expect(script).not.toContain(TOKEN);
  });

  it('books by keys alone, each question listening for its own number of keys', async () => {
    const welcome = await dial('090-1111-2222');
    expect(welcome).toContain('予約は1');
    expect(welcome).toMatch(/numDigits\s*1/);
    expect(welcome).toMatch(/speechModel\s*googlev2_telephony/);
    expect(await keypad('1')).toContain('通知書'); // one key: sent at once
    expect(await keypad('1')).toContain('カード本体');
    expect(await keypad('2')).toContain('ご本人');
    const date = await keypad('1');
    expect(date).toContain('日にち');
    expect(date).toMatch(/numDigits\s*4/);
    const windows = await keys('1203');
    expect(windows).toContain('12月3日');
    const birthday = await keypad('1');
    expect(birthday).toContain('誕生日');
    expect(birthday).toMatch(/numDigits\s*4/);
    expect(await keypad('0503')).toContain('0 9 0、1 1 1 1、2 2 2 2');
    expect(await keypad('1')).toContain('よろしければ1、');
    const booked = await keypad('1');
    expect(booked).toMatch(/で予約しました。番号は/);
    const day = await svc.app.ledger.ledger.listByDate('2026-12-03');
    expect(day.map((r) => [r.channel, r.phone, r.birthday])).toEqual([['phone', '09011112222', '05-03']]);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'voice-simulator-keys.png'), fullPage: true });
  });

  it('books by typed speech, as Twilio’s speech-to-text would send it', async () => {
    await page.getByRole('button', { name: '電話を切る' }).click();
    await dial('090-7777-8888');
    expect(await speak('予約をお願いしたいんですけど')).toContain('通知書');
    expect(await speak('はい届いてます')).toContain('カード本体');
    expect(await speak('いいえ')).toContain('ご本人');
    expect(await speak('はい本人です')).toContain('日にち');
    expect(await speak('十二月九日の午後二時で')).toContain('12月9日 水曜日、14時は空いています');
    expect(await speak('誕生日は三月三日です')).toContain('0 9 0、7 7 7 7、8 8 8 8');
    expect(await speak('はいその番号で')).toContain('よろしければ1、');
    expect(await speak('はいお願いします')).toMatch(/で予約しました。番号は/);
    const day = (await svc.app.ledger.ledger.listByDate('2026-12-09')).filter((r) => r.phone === '09077778888');
    expect(day.map((r) => [r.start, r.birthday])).toEqual([['14:00', '03-03']]);
  });

  it('shows a transfer’s Dial, and after 「応答なし」 the callback offer', async () => {
    await page.getByRole('button', { name: '電話を切る' }).click();
    await dial('090-3333-4444');
    const transfer = await keypad('0');
    expect(transfer).toContain('おつなぎします');
    expect(transfer).toContain('+81727246920');
    expect(transfer).toMatch(/timeout\s*20/);
    const offer = await next(() => page.getByRole('button', { name: '応答なし' }).click());
    expect(offer).toContain('出られません');
    const noted = await keypad('1');
    expect(noted).toContain('承りました');
    await expect.poll(() => page.getByText('通話は終了しました').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'voice-simulator-transfer.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
