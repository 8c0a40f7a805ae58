// GET /: a demo page of the city site with the official Web Chat widget talking to our Direct
// Line endpoint; the widget's bundle is served from here (no CDN). The page's policy allows
// scripts from this origin only (its own script is a file, not inline), no framing by other
// sites, and connections back to this origin; Web Chat needs inline styles and data:/blob:
// images (its emotion styles, Adaptive Cards, avatars). Under the chat, 「新しい会話をはじめる」:
// a reload keeps the conversation (webchat/page.js), this starts afresh.
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';

const PAGE = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>電子証明書の新規発行・更新申請の予約 | 箕面市</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>
  body { margin: 0; font-family: "Noto Sans CJK JP", "Hiragino Sans", sans-serif; color: #222; background: #f6f7f5; }
  header { background: #1b6e3a; color: #fff; padding: 12px 20px; font-size: 20px; }
  main { display: grid; grid-template-columns: minmax(0, 1fr) 420px; gap: 20px; padding: 20px; max-width: 1100px; margin: 0 auto; }
  article { background: #fff; padding: 16px 20px; border-radius: 6px; line-height: 1.7; }
  .chat { display: flex; flex-direction: column; gap: 6px; }
  #webchat { height: 640px; background: #fff; border: 1px solid #ccd; border-radius: 6px; overflow: hidden; }
  #new-conversation { align-self: flex-end; font: inherit; font-size: 14px; color: #1b6e3a; background: #fff; border: 1px solid #1b6e3a; border-radius: 4px; padding: 4px 12px; cursor: pointer; }
  #new-conversation:hover, #new-conversation:focus-visible { background: #e8f2eb; }
  /* A phone: the chat first, filling most of the screen; the explanation below it. */
  @media (max-width: 800px) {
    header { padding: 10px 14px; font-size: 17px; }
    main { grid-template-columns: 1fr; gap: 12px; padding: 10px; }
    .chat { order: -1; }
    #webchat { height: min(640px, calc(100svh - 108px)); min-height: 380px; }
  }
</style>
</head>
<body>
<header>箕面市役所 戸籍住民異動室</header>
<main>
  <article>
    <h1>電子証明書の新規発行・更新申請の予約</h1>
    <p>市役所本庁 戸籍住民異動室(102番窓口)での電子証明書の新規発行・更新について、来庁日時の予約ができます。このページのチャットで、予約・変更・キャンセルや、持ち物・手数料のご案内をご利用いただけます。</p>
    <p>インターネットでのご予約は、ご本人が来庁される場合のみです。2営業日前を過ぎたご予約や代理人によるお手続きは、予約専用電話 072-724-6920(平日9時〜17時)へおかけください。</p>
  </article>
  <div class="chat">
    <div id="webchat" role="region" aria-label="予約チャット"></div>
    <button type="button" id="new-conversation">新しい会話をはじめる</button>
  </div>
</main>
<script src="/webchat.js"></script>
<script src="/webchat-page.js"></script>
</body>
</html>`;

// The city's green with 予 (予約): small enough to serve from memory, as SVG and at /favicon.ico
// (asked for by browsers and tools that do not read the page's link).
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1b6e3a"/><text x="16" y="23" font-size="20" text-anchor="middle" fill="#fff" font-family="sans-serif">予</text></svg>`;

function bundlePath(): string {
  // The package's exports map hides dist/: resolve the main entry and step over to it.
  const main = createRequire(import.meta.url).resolve('botframework-webchat');
  return path.join(path.dirname(main), '..', 'dist', 'webchat.js');
}

const PAGE_SCRIPT = new URL('./webchat/page.js', import.meta.url);

// A Host header is echoed into the policy only when it is a plain host[:port].
const PLAIN_HOST = /^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/** The page's policy; its WebSocket stream is on the same host ('self' covers ws: only in newer browsers). */
export function webChatPolicy(host: string | undefined): string {
  const sockets = host && PLAIN_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    `connect-src 'self'${sockets}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function mountWebChatPage(server: Server): void {
  let bundle: Promise<Buffer> | undefined;
  let script: Promise<Buffer> | undefined;
  server.get('/', async (req: Request, res: Response) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('content-security-policy', webChatPolicy(req.headers.host));
    res.setHeader('x-frame-options', 'DENY');
    res.sendRaw(200, PAGE);
  });
  for (const icon of ['/favicon.svg', '/favicon.ico']) {
    server.get(icon, async (_req: Request, res: Response) => {
      res.setHeader('content-type', 'image/svg+xml');
      res.setHeader('cache-control', 'public, max-age=86400');
      res.sendRaw(200, FAVICON);
    });
  }
  server.get('/webchat-page.js', async (_req: Request, res: Response) => {
    script ??= fs.readFile(PAGE_SCRIPT);
    res.setHeader('content-type', 'application/javascript; charset=utf-8');
    res.setHeader('cache-control', 'no-cache');
    res.sendRaw(200, await script);
  });
  server.get('/webchat.js', async (_req: Request, res: Response) => {
    bundle ??= fs.readFile(bundlePath());
    res.setHeader('content-type', 'application/javascript; charset=utf-8');
    res.setHeader('cache-control', 'public, max-age=86400');
    res.sendRaw(200, await bundle);
  });
}
