// A citizen books a window through the official Web Chat widget on / in real headless Chromium
// (Debian's package, driven by playwright-core): with the mouse, then with the keyboard alone,
// and on a 375 px phone screen. For every bot reply the time from the WebSocket frame that
// carries it to its bubble in the transcript is measured in the page (Web Chat held each reply
// ~5.5 s when its replyToId named an activity it never got); the console must stay clean.
// Screenshots go to test-results/.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app.js';
import { hasChromium, launchChromium, SCREENSHOTS } from '../support/browser.js';

// Code passed to the page runs in Chromium; the project compiles without the DOM's types.
declare const window: any;
declare const document: any;
declare const MutationObserver: any;

/** Frame → bubble, per bot reply: how long Web Chat took to show what arrived. */
interface Shown {
  text: string;
  ms: number;
}

// Runs in the page before Web Chat: notes when each frame with a bot message arrives, and when a
// bubble with that message's text appears in the transcript (the screen reader's live region,
// which holds the same text, is not looked at).
const MEASURE = () => {
  type Pending = { text: string; snippet: string; at: number; before: number };
  const w = window as unknown as { __shown: { text: string; ms: number }[]; __pending: Pending[] };
  w.__shown = [];
  w.__pending = [];
  const bubbles = () => Array.from(document.querySelectorAll('.webchat__basic-transcript .webchat__bubble__content') as ArrayLike<{ textContent: string | null }>, (e) => e.textContent ?? '').join('\n');
  const count = (hay: string, needle: string) => hay.split(needle).length - 1;
  // A piece of the text that survives markdown: its longest run without markup or spaces.
  const snippetOf = (text: string) => text.split(/[\s*_`#>[\]()~|\\!]+/).sort((a, b) => b.length - a.length)[0]!.slice(0, 12);
  const check = () => {
    if (w.__pending.length === 0) return;
    const now = performance.now();
    const shown = bubbles();
    w.__pending = w.__pending.filter((p) => {
      if (count(shown, p.snippet) <= p.before) return true;
      w.__shown.push({ text: p.text, ms: Math.round(now - p.at) });
      return false;
    });
  };
  const Native = window.WebSocket;
  class Measured extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      // Added before Web Chat's own handler: the time is the frame's arrival.
      this.addEventListener('message', (e: { data: unknown }) => {
        const at = performance.now();
        let activities: { type?: string; text?: string; from?: { role?: string } }[] = [];
        try {
          activities = (JSON.parse(String(e.data)) as { activities?: typeof activities }).activities ?? [];
        } catch {
          return;
        }
        const shown = bubbles();
        for (const a of activities) {
          if (a.type !== 'message' || a.from?.role !== 'bot' || !a.text) continue;
          const snippet = snippetOf(a.text);
          w.__pending.push({ text: a.text, snippet, at, before: count(shown, snippet) });
        }
      });
    }
  }
  window.WebSocket = Measured;
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
};

describe.skipIf(!hasChromium())('booking in the browser widget', () => {
  let svc: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    svc = await startApp({ FAKE_NOW: '2026-11-25T10:00:00+09:00' });
    browser = await launchChromium();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  /** A page with the measuring hook and a record of console errors and warnings. */
  const open = async (viewport: { width: number; height: number }) => {
    const page = await browser.newPage({ viewport, locale: 'ja-JP' });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /Timed out while waiting for activity/.test(m.text())) problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    const notFound: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) notFound.push(`${r.status()} ${r.url()}`);
    });
    await page.addInitScript(MEASURE);
    await page.goto(svc.url + '/');
    await expect.poll(() => page.getByText('予約窓口です', { exact: false }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    return { page, problems, notFound, shown: () => page.evaluate(() => (window as unknown as { __shown: Shown[] }).__shown) };
  };

  const sendBox = (page: Page) => page.locator('[data-id="webchat-sendbox-input"]');
  const waitForMore = async (page: Page, expected: string, seen: number) =>
    expect.poll(() => page.getByText(expected, { exact: false }).count(), { timeout: 15_000 }).toBeGreaterThan(seen);

  /** Every reply shown within a second of its frame; prints the figures. */
  const checkTimes = (label: string, shown: Shown[], atLeast: number) => {
    const ms = shown.map((s) => s.ms);
    const sorted = [...ms].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(`${label}: frame → bubble for ${ms.length} bot replies: median ${median} ms, max ${sorted.at(-1)} ms (${ms.join(', ')})`);
    expect(shown.length).toBeGreaterThanOrEqual(atLeast);
    for (const s of shown) expect(s.ms, s.text.slice(0, 30)).toBeLessThan(1000);
  };

  it('books 12月3日(木) 10:30〜11:00 and shows each reply within a second of its frame, with a clean console', async () => {
    const { page, problems, notFound, shown } = await open({ width: 1200, height: 800 });
    /** Types a line in the send box and waits until the bot says `expected` once more. */
    const send = async (text: string, expected: string) => {
      const seen = await page.getByText(expected, { exact: false }).count();
      await sendBox(page).fill(text);
      await sendBox(page).press('Enter');
      await waitForMore(page, expected, seen);
    };
    await send('通知書が届いたので12月3日の10時半に予約したい', 'カード本体');
    await send('いいえ', 'ご本人が窓口に');
    await send('はい', '誕生日');
    await send('5月3日', '電話番号を');
    await send('090-1234-5678', 'メールアドレス');
    await send('taro@example.jp', '予約内容の確認');
    // The read-back is an Adaptive Card; the answer is a suggested action.
    expect(await page.getByText('12月3日(木) 10:30〜11:00').first().isVisible()).toBe(true);
    const seen = await page.getByText('予約が完了しました').count();
    await page.getByRole('button', { name: 'はい', exact: true }).last().click();
    await waitForMore(page, '予約が完了しました', seen);
    await page.waitForTimeout(1500); // let the widget finish scrolling to the answer
    await page.screenshot({ path: path.join(SCREENSHOTS, 'webchat-booking.png'), fullPage: true });
    const day = await svc.app.ledger.ledger.listByDate('2026-12-03');
    expect(day.map((r) => [r.start, r.channel, r.email])).toEqual([['10:30', 'web', 'taro@example.jp']]);
    checkTimes('mouse', await shown(), 8);
    // Files are not accepted: no upload button. The favicon is there.
    expect(await page.locator('.webchat__upload-button').count()).toBe(0);
    expect((await page.request.get(svc.url + '/favicon.ico')).status()).toBe(200);
    expect(notFound).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('books with the keyboard alone: Tab to the send box, type, Enter, and Tab to the suggested はい', async () => {
    const { page, problems, shown } = await open({ width: 1200, height: 800 });
    const focused = () => page.evaluate(() => ({ id: document.activeElement?.getAttribute('data-id'), text: document.activeElement?.textContent?.trim(), inActions: !!document.activeElement?.closest('.webchat__suggested-actions') }));
    for (let i = 0; i < 30 && (await focused()).id !== 'webchat-sendbox-input'; i++) await page.keyboard.press('Tab');
    expect((await focused()).id).toBe('webchat-sendbox-input');
    const type = async (text: string, expected: string) => {
      const seen = await page.getByText(expected, { exact: false }).count();
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
      await waitForMore(page, expected, seen);
    };
    await type('通知書が届いたので12月4日の10時半に予約したい', 'カード本体');
    await type('いいえ', 'ご本人が窓口に');
    await type('はい', '誕生日');
    // Another person than the first test's (one reservation per card).
    await type('7月8日', '電話番号を');
    await type('080-2345-6789', 'メールアドレス');
    await type('hanako@example.jp', '予約内容の確認');
    // From the send box back to the suggested actions, then along them to はい.
    for (let i = 0; i < 15 && !(await focused()).inActions; i++) await page.keyboard.press('Shift+Tab');
    expect((await focused()).inActions).toBe(true);
    for (let i = 0; i < 6 && (await focused()).text !== 'はい'; i++) await page.keyboard.press('ArrowLeft');
    expect((await focused()).text).toBe('はい');
    const seen = await page.getByText('予約が完了しました').count();
    await page.keyboard.press('Enter');
    await waitForMore(page, '予約が完了しました', seen);
    await page.waitForTimeout(1000);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'webchat-keyboard.png') });
    const day = await svc.app.ledger.ledger.listByDate('2026-12-04');
    expect(day.map((r) => [r.start, r.channel, r.email])).toEqual([['10:30', 'web', 'hanako@example.jp']]);
    checkTimes('keyboard', await shown(), 8);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('on a 375 px phone: the chat first and whole on the screen, no sideways scrolling, words that fit where it is', async () => {
    const { page, problems, shown } = await open({ width: 375, height: 667 });
    const layout = await page.evaluate(() => {
      const chat = document.getElementById('webchat')!.getBoundingClientRect();
      const article = document.querySelector('article')!.getBoundingClientRect();
      const fresh = document.getElementById('new-conversation')!.getBoundingClientRect();
      return { scrollWidth: document.documentElement.scrollWidth, chatTop: chat.top, chatBottom: chat.bottom, chatWidth: chat.width, articleTop: article.top, freshTop: fresh.top, freshBottom: fresh.bottom, text: document.body.innerText };
    });
    expect(layout.scrollWidth).toBeLessThanOrEqual(375);
    expect(layout.chatWidth).toBeLessThanOrEqual(375);
    // On the first screen, whole (the send box included), above the explanation.
    expect(layout.chatTop).toBeLessThan(100);
    expect(layout.chatBottom).toBeLessThanOrEqual(667);
    expect(layout.articleTop).toBeGreaterThan(layout.chatTop);
    // 「新しい会話をはじめる」 under the chat, on the first screen too.
    expect(layout.freshTop).toBeGreaterThanOrEqual(layout.chatBottom);
    expect(layout.freshBottom).toBeLessThanOrEqual(667);
    expect(await sendBox(page).isVisible()).toBe(true);
    expect(layout.text).not.toContain('右のチャット');
    expect(layout.text).toContain('このページのチャット');
    const seen = await page.getByText('お持ちいただくもの', { exact: false }).count();
    await sendBox(page).fill('持ち物は?');
    await sendBox(page).press('Enter');
    await waitForMore(page, 'お持ちいただくもの', seen);
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'webchat-375px.png') });
    checkTimes('375 px', await shown(), 2);
    expect(problems).toEqual([]);
    await page.close();
  });
});
