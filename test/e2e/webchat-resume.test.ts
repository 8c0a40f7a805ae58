// A reload keeps the web chat's conversation, in real headless Chromium: a citizen handed to
// staff reloads and still has what was said, is told once that staff have the chat, and sees
// staff's answer arrive; a booking goes on after a reload from where it was (its buttons too);
// 「新しい会話をはじめる」 starts afresh with the welcome; and a conversation that cannot be
// resumed (the token ran out or was refused, the conversation is not held) starts a new one.
// The console stays clean.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app.js';
import { hasChromium, launchChromium, SCREENSHOTS } from '../support/browser.js';
import { staffApi, type StaffLogin } from '../support/clients.js';

declare const sessionStorage: any;

const ADMIN = { user: 'tanaka', password: 'correct horse battery' };
const KEY = 'minoh-webchat';
const WELCOME = '予約窓口です';
const REOPENED = '担当職員への引き継ぎ中です';

describe.skipIf(!hasChromium())('the web chat after a reload', () => {
  let svc: RunningApp;
  let browser: Browser;
  let api: ReturnType<typeof staffApi>;
  let staff: StaffLogin;
  beforeAll(async () => {
    // 12月1日(火) 10:00: the desk is staffed.
    svc = await startApp({ FAKE_NOW: '2026-12-01T10:00:00+09:00', STAFF_ADMIN_USER: ADMIN.user, STAFF_ADMIN_PASSWORD: ADMIN.password });
    await svc.app.runtime();
    api = staffApi(svc.url, ADMIN);
    staff = await api.login();
    browser = await launchChromium();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  /** A citizen's tab with a record of console errors and failed requests. */
  const open = async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 }, locale: 'ja-JP' });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /Timed out while waiting for activity/.test(m.text())) problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    const requests: string[] = [];
    page.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(svc.url + '/');
    await bubbleAppears(page, WELCOME, 0, 20_000);
    return { page, problems, requests };
  };

  /** Bubbles of the transcript holding `text` (not the screen reader's copy). */
  const bubbles = (page: Page, text?: string) => page.locator('.webchat__basic-transcript .webchat__bubble__content', text ? { hasText: text } : {}).count();
  const bubbleAppears = (page: Page, text: string, seen = 0, timeout = 15_000) => expect.poll(() => bubbles(page, text), { timeout }).toBeGreaterThan(seen);
  const sendBox = (page: Page) => page.locator('[data-id="webchat-sendbox-input"]');
  /** Types a line and waits until a bubble with `expected` is there once more. */
  const send = async (page: Page, text: string, expected: string) => {
    const seen = await bubbles(page, expected);
    await sendBox(page).fill(text);
    await sendBox(page).press('Enter');
    await bubbleAppears(page, expected, seen);
  };
  const kept = (page: Page) => page.evaluate((key) => JSON.parse(sessionStorage.getItem(key) ?? 'null'), KEY);
  /** Reloads, and waits until the conversation's history is shown again (`last` is its last words). */
  const reload = async (page: Page, last: string) => {
    await page.reload();
    await bubbleAppears(page, last, 0, 20_000);
  };
  /** Nothing more arrives for a while (a second welcome or greeting would by then). */
  const settle = (page: Page) => page.waitForTimeout(1500);

  it('keeps a handed-off chat across reloads: the history, the greeting once, and staff’s answer in the reloaded chat', async () => {
    const { page, problems } = await open();
    // A brand-new conversation: the welcome once, though the page posted its join event too.
    await settle(page);
    expect(await bubbles(page, WELCOME)).toBe(1);
    await send(page, '職員と話したいです', '担当の職員に引き継ぎました');
    const before = await kept(page);
    // The tab keeps where the conversation is, nothing the citizen said.
    expect(Object.keys(before).sort()).toEqual(['conversationId', 'expiresAt', 'token', 'watermark']);
    expect(JSON.stringify(before)).not.toContain('職員と話したい');

    await reload(page, '担当の職員に引き継ぎました');
    await bubbleAppears(page, REOPENED);
    await settle(page);
    expect(await bubbles(page, '職員と話したいです')).toBe(1);
    expect(await bubbles(page, '担当の職員に引き継ぎました')).toBe(1);
    expect(await bubbles(page, REOPENED)).toBe(1);
    expect(await bubbles(page, WELCOME)).toBe(1); // the old one, shown again; no new welcome
    expect((await kept(page)).conversationId).toBe(before.conversationId);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'webchat-reload-handoff.png') });

    // Staff answer through the console's API; the answer arrives in the reloaded chat.
    const list = await api.call('GET', '/api/staff/handoffs', staff);
    const handoff = list.body.handoffs.find((h: any) => h.status === 'open' && h.transcript.some((l: any) => l.from === 'citizen' && l.text === '職員と話したいです'));
    expect(handoff).toBeDefined();
    expect((await api.call('POST', `/api/staff/handoffs/${handoff.id}/claim`, staff)).status).toBe(200);
    const answer = 'お待たせしました。担当の田中です。ご用件をどうぞ。';
    expect((await api.call('POST', `/api/staff/handoffs/${handoff.id}/reply`, { ...staff, body: { text: answer } })).status).toBe(200);
    await bubbleAppears(page, '担当の田中です');
    // The citizen's words after the reload reach staff.
    await sendBox(page).fill('12月の予約の件です');
    await sendBox(page).press('Enter');
    await expect
      .poll(async () => (await api.call('GET', `/api/staff/handoffs/${handoff.id}`, staff)).body.handoff.transcript.some((l: any) => l.from === 'citizen' && l.text === '12月の予約の件です'), { timeout: 10_000 })
      .toBe(true);

    // Coming back once more: staff's answer is part of what is shown; greeted once more.
    await reload(page, '12月の予約の件です');
    await bubbleAppears(page, REOPENED, 1);
    await settle(page);
    expect(await bubbles(page, '担当の田中です')).toBe(1);
    expect(await bubbles(page, REOPENED)).toBe(2);
    expect(await bubbles(page, WELCOME)).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('goes on with a booking after a reload, from the question where it was, its buttons included', async () => {
    const { page, problems } = await open();
    await send(page, '通知書が届いたので12月8日の10時半に予約したい', 'カード本体');
    await send(page, 'いいえ', 'ご本人が窓口に');
    const shown = await bubbles(page);
    await reload(page, 'ご本人が窓口に');
    await settle(page);
    // The same bubbles, no more: outside a handoff the bot says nothing on a reload.
    expect(await bubbles(page)).toBe(shown);
    expect(await bubbles(page, WELCOME)).toBe(1);
    expect(await bubbles(page, 'カード本体')).toBe(1);
    await send(page, 'はい', '誕生日');
    await send(page, '5月3日', '電話番号を');
    await send(page, '090-1234-5678', 'メールアドレス');
    await send(page, 'taro@example.jp', '予約内容の確認');
    // At the read-back: reloaded, the card and its はい are there again.
    await reload(page, '予約内容の確認');
    expect(await page.getByText('12月8日(火) 10:30〜11:00').first().isVisible()).toBe(true);
    const done = await bubbles(page, '予約が完了しました');
    await page.getByRole('button', { name: 'はい', exact: true }).last().click();
    await bubbleAppears(page, '予約が完了しました', done);
    const day = await svc.app.ledger.ledger.listByDate('2026-12-08');
    expect(day.map((r) => [r.start, r.channel, r.email])).toEqual([['10:30', 'web', 'taro@example.jp']]);
    expect(await bubbles(page, WELCOME)).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('starts afresh on 「新しい会話をはじめる」: the welcome, and nothing of the conversation before', async () => {
    const { page, problems } = await open();
    await send(page, '持ち物は?', 'お持ちいただくもの');
    const before = await kept(page);
    await page.getByRole('button', { name: '新しい会話をはじめる' }).click();
    await bubbleAppears(page, WELCOME, 0, 20_000);
    await settle(page);
    expect(await bubbles(page, WELCOME)).toBe(1);
    expect(await bubbles(page, '持ち物は?')).toBe(0);
    expect(await bubbles(page, 'お持ちいただくもの')).toBe(0);
    expect((await kept(page)).conversationId).not.toBe(before.conversationId);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('starts a new conversation when the kept one cannot be resumed: its token ran out, was refused, or the conversation is not held', async () => {
    const { page, problems, requests } = await open();
    await send(page, '持ち物は?', 'お持ちいただくもの');
    /**
     * Spoils what the tab keeps while it is on another page of the site (leaving the chat page
     * keeps its conversation, as a reload does), comes back: a new conversation, the welcome alone.
     */
    const resumedWith = async (spoil: (k: any) => any) => {
      const k = spoil(await kept(page));
      await page.goto(svc.url + '/favicon.svg');
      await page.evaluate(([key, value]) => sessionStorage.setItem(key, value), [KEY, JSON.stringify(k)] as const);
      requests.length = 0;
      await page.goto(svc.url + '/');
      await bubbleAppears(page, WELCOME, 0, 20_000);
      await settle(page);
      expect(await bubbles(page, WELCOME)).toBe(1);
      expect(await bubbles(page, 'お持ちいただくもの')).toBe(0);
      const now = await kept(page);
      expect(now.conversationId).not.toBe(k.conversationId);
      return now;
    };

    // Ran out while the tab was away: not even offered for refresh.
    await resumedWith((k) => ({ ...k, expiresAt: Date.now() - 1000 }));
    expect(requests).not.toContain('POST /v3/directline/tokens/refresh');
    expect(requests).toContain('POST /webchat/token');

    // A conversation this service does not hold (a token for one never opened).
    const unheld = (await page.evaluate(() => fetch('/webchat/token', { method: 'POST' }).then((r) => r.json()))) as { conversationId: string; token: string };
    await resumedWith(() => ({ conversationId: unheld.conversationId, token: unheld.token, watermark: '' }));
    expect(requests).toContain('POST /v3/directline/tokens/refresh');
    expect(problems).toEqual([]);

    // Refused by the service (the page cannot tell a token ran out when the computer slept).
    await resumedWith((k) => ({ ...k, token: k.token.slice(0, -4) + (k.token.endsWith('AAAA') ? 'BBBB' : 'AAAA'), expiresAt: undefined }));
    // The refusal is the browser's own note of a 401; nothing else.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await page.close();
  });
});
