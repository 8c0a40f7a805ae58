// A stranger guesses a reservation's birthday in the web chat until the number locks; a clerk
// signed in to the console (real headless Chromium) sees the alert arrive live, acknowledges
// it, lifts the lock once the holder has been confirmed on the phone, and the holder can look
// the reservation up again in the chat.
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../support/app.js';
import { hasChromium, launchChromium, SCREENSHOTS } from '../support/browser.js';
import { directLine, type WebChat } from '../support/clients.js';
import { modeUnavailable, SERVICE_MODES, startIn } from '../support/service-modes.js';

const ADMIN = { user: 'tanaka', password: 'correct horse battery' };
const NOW = '2026-12-01T10:00:00+09:00';
const LOCKED = /安全のため/;

/** A fresh address per run: on Redis the per-client look-up count outlives the service. */
const someIp = () => `203.0.113.${randomInt(1, 255)}`;

/** A citizen's web chat from one address (behind the city's proxy), said line by line. */
async function webChat(baseUrl: string, ip: string) {
  const dl = directLine(baseUrl);
  const call = async (method: string, p: string, token?: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}/v3/directline${p}`, {
      method,
      headers: { 'x-forwarded-for': ip, 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as any;
  };
  const token = await dl.pageToken();
  const conv = (await call('POST', '/conversations', token)) as WebChat;
  let seen = 0;
  const botSays = async (): Promise<string> => {
    for (let i = 0; i < 200; i++) {
      const list = (await dl.activities(conv)).filter((a: any) => a.from.role === 'bot' && a.type === 'message');
      if (list.length > seen && i > 2) {
        const fresh = list.slice(seen);
        seen = list.length;
        return fresh.map((a: any) => a.text).join('\n');
      }
      await new Promise((r) => setTimeout(r, 40));
    }
    throw new Error('the bot did not answer');
  };
  await botSays(); // the welcome
  return {
    async say(text: string): Promise<string> {
      await call('POST', `/conversations/${conv.conversationId}/activities`, conv.token, { type: 'message', text, from: { id: 'citizen' } });
      return botSays();
    },
  };
}

describe.each(SERVICE_MODES)('security alerts in the staff console (%s)', (mode) => {
  let svc: RunningApp;
  let browser: Browser;
  let number: string;
  const skip = !hasChromium() || modeUnavailable(mode);
  beforeAll(async () => {
    if (skip) return;
    svc = await startIn(mode, { FAKE_NOW: NOW, TRUST_PROXY: '1', STAFF_ADMIN_USER: ADMIN.user, STAFF_ADMIN_PASSWORD: ADMIN.password });
    const booked = await svc.app.desk.book({ date: '2026-12-10', start: '11:00', channel: 'web', holder: { birthday: '05-05', phone: '09011112222', email: 'hanako@example.jp' }, now: svc.app.clock() });
    if (!booked.ok) throw new Error(`setup booking failed: ${booked.reason}`);
    number = booked.reservation.number;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  const appears = (page: Page, text: string | RegExp, timeout = 15_000) =>
    expect.poll(() => page.getByText(text).filter({ visible: true }).count(), { timeout }).toBeGreaterThan(0);

  it.skipIf(skip)('shows the lock live; the clerk acknowledges it, lifts it after the phone check, and the holder can look up again', async () => {
    const staff = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    await staff.goto(svc.url + '/staff');
    await staff.getByLabel('ユーザー名').fill(ADMIN.user);
    await staff.getByLabel('パスワード').fill(ADMIN.password);
    await staff.getByLabel('パスワード').press('Enter');
    // The first section, nothing to report yet; focus starts on its heading.
    const heading = staff.getByRole('heading', { level: 2, name: /^セキュリティのお知らせ/ });
    await appears(staff, 'お知らせはありません');
    await expect.poll(() => staff.locator('#alerts-title:focus').count()).toBe(1);
    expect(await staff.locator('h2').first().textContent()).toBe('セキュリティのお知らせ');

    // A stranger with the number guesses birthdays, starting over after each miss.
    const attacker = await webChat(svc.url, someIp());
    const answers: string[] = [];
    for (const wrong of ['1月2日', '2月3日', '3月4日', '4月5日', '6月7日']) {
      expect(await attacker.say('予約を確認したい')).toMatch(/予約番号/);
      expect(await attacker.say(number)).toMatch(/誕生日/);
      answers.push(await attacker.say(wrong));
      await attacker.say('最初から');
    }
    expect(answers.slice(0, 4).every((t) => /見つかりませんでした/.test(t))).toBe(true);
    expect(answers[4]).toMatch(LOCKED);
    expect(answers[4]).toContain('072-724-6920');

    // The clerk sees it without reloading: a banner read out at once, the count, the item.
    const banner = staff.getByRole('alert').filter({ hasText: '新しいセキュリティのお知らせ' });
    await expect.poll(() => banner.count(), { timeout: 15_000 }).toBe(1);
    expect(await banner.textContent()).toContain(number);
    await expect.poll(() => heading.textContent()).toBe('セキュリティのお知らせ（未確認 1件）');
    const open = staff.getByRole('list', { name: '未確認のお知らせ' }).getByRole('listitem');
    expect(await open.count()).toBe(1);
    const item = open.first();
    const text = (await item.textContent()) ?? '';
    expect(text).toContain('誕生日の誤りが続いたため');
    expect(text).toContain('新着');
    expect(text).toContain('ウェブ');
    expect(text).toContain(`予約番号${number}`);
    expect(text).toContain('12月1日（火） 10:0'); // Japan time, within minutes of the fake start
    expect(text).toContain('自動応答では停止中');
    expect(await staff.getByText('お知らせはありません').isVisible()).toBe(false);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const shot = `staff-console-alerts${mode === 'embedded' ? '' : '-servers'}`;
    await staff.screenshot({ path: path.join(SCREENSHOTS, `${shot}.png`) });

    // The banner's link takes the keyboard to the section.
    await banner.getByRole('link', { name: 'お知らせを見る' }).press('Enter');
    await expect.poll(() => staff.locator('#alerts-title:focus').count()).toBe(1);

    // Opening the reservation shows what to check with the holder on the phone.
    await item.getByRole('button', { name: 'この予約を開く' }).click();
    await expect.poll(() => staff.locator('#found-facts').textContent()).toContain('12月10日(木) 11:00');

    // Acknowledged with the keyboard: it moves to the muted list; focus goes to lifting the lock.
    await item.getByRole('button', { name: `確認済みにする（予約番号 ${number}）` }).focus();
    await staff.keyboard.press('Enter');
    await expect.poll(() => heading.textContent()).toBe('セキュリティのお知らせ');
    await appears(staff, '未確認のお知らせはありません');
    const done = staff.getByRole('list', { name: '確認済み（24時間以内）' }).getByRole('listitem');
    await expect.poll(() => done.count()).toBe(1);
    expect(await done.first().textContent()).toContain(`確認${ADMIN.user}・12月1日（火）`);
    expect(await banner.count()).toBe(0);
    await expect.poll(() => staff.locator(':focus').textContent()).toBe('照会の停止を解除');
    const { rows } = await svc.app.ledger.db.query<{ acknowledged_by: string }>('SELECT acknowledged_by FROM security_alerts WHERE subject = $1', [number]);
    expect(rows).toEqual([{ acknowledged_by: ADMIN.user }]);

    // Lifting the lock asks first; declining leaves it locked.
    const asked: string[] = [];
    staff.once('dialog', (d) => { asked.push(d.message()); void d.dismiss(); });
    await staff.keyboard.press('Enter');
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain(number);
    expect(asked[0]).toMatch(/電話でご本人.*誕生日と予約の内容.*確認できた場合にだけ解除/);
    expect(await svc.app.lookupLocks.lockedUntil(number)).toBeGreaterThan(svc.app.clock().getTime());
    staff.once('dialog', (d) => void d.accept());
    await done.first().getByRole('button', { name: /^照会の停止を解除/ }).click();
    await appears(staff, '停止は解除されています');
    await appears(staff, `予約番号 ${number} の照会の停止を解除しました`);
    expect(await done.first().getByRole('button', { name: /^照会の停止を解除/ }).count()).toBe(0);
    const { rows: audit } = await svc.app.ledger.db.query<{ staff: string; action: string }>(
      "SELECT staff, action FROM audit_log WHERE target IN ($1, $2) AND action IN ('acknowledge-alert', 'unlock-lookups') ORDER BY id",
      [number, (await svc.app.alerts.list(svc.app.clock()))[0]!.id],
    );
    expect(audit).toEqual([{ staff: ADMIN.user, action: 'acknowledge-alert' }, { staff: ADMIN.user, action: 'unlock-lookups' }]);
    await staff.screenshot({ path: path.join(SCREENSHOTS, `${shot}-done.png`) });

    // The holder, from their own address, can look the reservation up again.
    const holder = await webChat(svc.url, someIp());
    expect(await holder.say('予約を確認したい')).toMatch(/予約番号/);
    expect(await holder.say(number)).toMatch(/誕生日/);
    const found = await holder.say('5月5日');
    expect(found).not.toMatch(LOCKED);
    expect(found).toMatch(/12月10日/);
    await staff.close();
  });
});
