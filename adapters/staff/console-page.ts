// GET /staff: the staff console (security alerts, handoff queue, proxy form requests to call
// back, the day's reservations, window capacity, booking on the reservation phone line).
// Script and style are served as files of their own so the page can forbid every inline
// script and style; the console talks only to /api/staff/* on the same origin.
import fs from 'node:fs/promises';
import type { Request, Response, Server } from 'restify';

/** `base-uri` and `form-action` do not fall back to `default-src`, so they are named too. */
export const STAFF_CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** The staff sign-in form, the same on every staff page (the console's script drives it). */
export const STAFF_LOGIN_SECTION = `  <section id="login-view" class="login" aria-labelledby="login-title" hidden>
    <h1 id="login-title">職員ログイン</h1>
    <form id="login-form" novalidate>
      <p class="field"><label for="login-user">ユーザー名</label>
        <input id="login-user" name="user" type="text" autocomplete="username" maxlength="64" required></p>
      <p class="field"><label for="login-password">パスワード</label>
        <input id="login-password" name="password" type="password" autocomplete="current-password" maxlength="200" required></p>
      <p id="login-error" class="form-error" role="alert"></p>
      <p><button type="submit" class="primary">ログイン</button></p>
    </form>
  </section>`;

const PAGE = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>職員用画面 | 電子証明書の予約 | 箕面市</title>
<link rel="stylesheet" href="/staff/console.css">
<script src="/staff/console.js" defer></script>
<script src="/staff/booking.js" defer></script>
<script src="/staff/proxy-requests.js" defer></script>
</head>
<body>
<a class="skip" href="#main">本文へ移動</a>
<header class="top">
  <p class="top-title">箕面市役所 戸籍住民異動室 職員用画面</p>
  <p class="top-status">
    <span id="conn" class="conn" role="status" hidden></span>
    <span id="who" hidden></span>
    <button id="logout" type="button" hidden>ログアウト</button>
  </p>
</header>
<div id="alert" class="alert" role="alert" aria-live="assertive"></div>
<div id="announce" class="visually-hidden" aria-live="polite"></div>
<div id="alerts-banner" class="alerts-banner" role="alert" aria-live="assertive"></div>
<main id="main" tabindex="-1">
${STAFF_LOGIN_SECTION}

  <div id="app-view" hidden>
    <nav class="jump" aria-label="画面内の移動">
      <ul>
        <li><a href="#alerts-title">セキュリティのお知らせ</a></li>
        <li><a href="#handoffs-title">引き継ぎ</a></li>
        <li><a href="#proxy-title">照会書の郵送依頼</a></li>
        <li><a href="#booking-title">電話予約の受付</a></li>
        <li><a href="#schedule-title">本日の予約</a></li>
        <li><a href="#capacity-title">枠の状況</a></li>
      </ul>
    </nav>

    <section id="alerts-panel" class="panel alerts" aria-labelledby="alerts-title">
      <h2 id="alerts-title" tabindex="-1">セキュリティのお知らせ<span id="alerts-count" class="alerts-count"></span></h2>
      <p id="alerts-empty" class="muted" hidden>お知らせはありません。</p>
      <ul id="alerts-open" class="alert-list" aria-label="未確認のお知らせ"></ul>
      <div id="alerts-done-box" hidden>
        <h3 id="alerts-done-title">確認済み（24時間以内）</h3>
        <ul id="alerts-done" class="alert-list done" aria-labelledby="alerts-done-title"></ul>
      </div>
    </section>

    <section class="panel" aria-labelledby="handoffs-title">
      <h2 id="handoffs-title" tabindex="-1">引き継ぎ</h2>
      <div class="handoffs">
        <div>
          <p id="handoff-empty" class="muted" hidden>引き継ぎはありません。</p>
          <ul id="handoff-list" class="handoff-list" aria-label="引き継ぎの一覧"></ul>
        </div>
        <div id="handoff-detail" class="detail" hidden>
          <h3 id="detail-title" tabindex="-1"></h3>
          <p id="detail-meta" class="muted"></p>
          <p id="detail-callback" class="callback" hidden></p>
          <ol id="transcript" class="transcript" aria-label="やりとりの記録" tabindex="0"></ol>
          <form id="reply-form" class="reply">
            <label id="reply-label" for="reply-text">返信</label>
            <textarea id="reply-text" rows="3" maxlength="1000" required aria-describedby="reply-hint"></textarea>
            <p id="reply-hint" class="muted">Ctrl+Enter でも送信できます（1000文字まで）。</p>
            <p class="buttons">
              <button id="reply-send" type="submit" class="primary">送信</button>
              <button id="claim" type="button">担当する</button>
              <button id="resolve" type="button">完了にする</button>
            </p>
          </form>
        </div>
      </div>
    </section>

    <section class="panel" aria-labelledby="proxy-title">
      <h2 id="proxy-title" tabindex="-1">照会書の郵送依頼<span id="proxy-count" class="alerts-count"></span></h2>
      <p id="proxy-note" class="proxy-note">代理人のお手続きの1番目です。ご本人（または法定代理人）に折り返し電話して本人確認をしてから、照会書兼回答書を〈転送不要〉で郵送してください。<strong>折り返しのため、この一覧だけは電話番号を全桁表示しています</strong>（一覧を開いた記録が残ります）。離席するときはログアウトしてください。</p>
      <p id="proxy-empty" class="muted" hidden>郵送の依頼はありません。</p>
      <table id="proxy-table" class="table" aria-describedby="proxy-note" hidden>
        <thead><tr>
          <th scope="col">受付</th><th scope="col">お名前（カナ）</th><th scope="col">誕生日</th><th scope="col">折り返し電話</th>
          <th scope="col">経路</th><th scope="col">状態と履歴</th><th scope="col">操作</th>
        </tr></thead>
        <tbody id="proxy-body"></tbody>
      </table>
    </section>

    <section class="panel" aria-labelledby="booking-title">
      <h2 id="booking-title" tabindex="-1">電話予約の受付</h2>
      <div class="booking">
        <div>
          <h3 id="book-title">予約の受付</h3>
          <form id="book-form" aria-labelledby="book-title" novalidate>
            <p class="field"><label for="book-date">日付</label>
              <input id="book-date" type="date" required></p>
            <p class="field"><label for="book-slot">時間帯</label>
              <select id="book-slot" required><option value="">先に日付を選んでください</option></select></p>
            <p class="field"><label for="book-birthday">誕生日（月-日）</label>
              <input id="book-birthday" type="text" autocomplete="off" placeholder="例: 04-05" maxlength="10" required aria-describedby="book-birthday-hint"></p>
            <p id="book-birthday-hint" class="hint muted">4月5日、0405 の形でも入力できます。</p>
            <p class="field"><label for="book-phone">電話番号</label>
              <input id="book-phone" type="tel" autocomplete="off" maxlength="20" required></p>
            <p class="field"><label for="book-email">メール（任意）</label>
              <input id="book-email" type="email" autocomplete="off" maxlength="254"></p>
            <p class="buttons">
              <button id="book-submit" type="submit" class="primary">予約する</button>
              <button id="book-clear" type="button">入力を消す</button>
            </p>
          </form>
          <div id="book-result" class="result" hidden>
            <p class="result-title">予約しました</p>
            <p class="result-number">予約番号 <span id="result-number" class="big-number"></span></p>
            <p id="result-when" class="result-when"></p>
            <p class="read-aloud"><span class="read-label">お客様へのご案内:</span> <span id="result-script"></span></p>
            <p><button id="result-open" type="button">この予約を開く</button></p>
          </div>
        </div>
        <div>
          <h3 id="find-title">予約番号で探す</h3>
          <form id="find-form" class="date-row" aria-labelledby="find-title" novalidate>
            <label for="find-number">予約番号（8桁）</label>
            <input id="find-number" type="text" inputmode="numeric" autocomplete="off" maxlength="12" size="12" required>
            <button type="submit">探す</button>
          </form>
          <div id="found" class="detail" hidden>
            <h4 id="found-title" tabindex="-1"></h4>
            <dl id="found-facts" class="facts"></dl>
            <p id="found-note" class="found-note"></p>
            <form id="change-form" class="change" aria-label="予約の変更" novalidate>
              <p class="field"><label for="change-date">変更先の日付</label>
                <input id="change-date" type="date" required></p>
              <p class="field"><label for="change-slot">変更先の時間帯</label>
                <select id="change-slot" required><option value="">先に日付を選んでください</option></select></p>
              <p class="buttons">
                <button type="submit" class="primary">変更する</button>
                <button id="found-cancel" type="button">取消</button>
              </p>
            </form>
          </div>
        </div>
      </div>
    </section>

    <section class="panel" aria-labelledby="schedule-title">
      <h2 id="schedule-title" tabindex="-1">本日の予約</h2>
      <form id="date-form" class="date-row">
        <label for="date">表示する日付</label>
        <input id="date" type="date" required>
        <button id="today" type="button">今日</button>
      </form>
      <p id="schedule-empty" class="muted" hidden>この日の予約はありません。</p>
      <table id="schedule" class="table" hidden>
        <caption id="schedule-caption"></caption>
        <thead><tr>
          <th scope="col">時間帯</th><th scope="col">予約番号</th><th scope="col">状態</th>
          <th scope="col">経路</th><th scope="col">電話</th><th scope="col">リマインド</th><th scope="col">操作</th>
        </tr></thead>
      </table>
    </section>

    <section class="panel" aria-labelledby="capacity-title">
      <h2 id="capacity-title" tabindex="-1">枠の状況</h2>
      <p id="capacity-caption" class="muted"></p>
      <table id="windows" class="table" hidden>
        <thead><tr>
          <th scope="col">時間帯</th><th scope="col">予約数/定員</th><th scope="col">受付</th><th scope="col">定員の変更</th>
        </tr></thead>
        <tbody id="windows-body"></tbody>
      </table>
    </section>

  </div>
</main>
</body>
</html>
`;

interface Asset {
  file: URL;
  type: string;
}

const ASSETS: Record<string, Asset> = {
  '/staff/console.js': { file: new URL('./console/console.js', import.meta.url), type: 'text/javascript; charset=utf-8' },
  '/staff/booking.js': { file: new URL('./console/booking.js', import.meta.url), type: 'text/javascript; charset=utf-8' },
  '/staff/proxy-requests.js': { file: new URL('./console/proxy-requests.js', import.meta.url), type: 'text/javascript; charset=utf-8' },
  '/staff/console.css': { file: new URL('./console/console.css', import.meta.url), type: 'text/css; charset=utf-8' },
};

/** Staff pages must not be framed, cached, sniffed, or leak their address to other sites. */
export function secureHeaders(res: Response, type: string): void {
  res.setHeader('content-type', type);
  res.setHeader('content-security-policy', STAFF_CONSOLE_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cache-control', 'no-store');
}

export function mountStaffConsole(server: Server): void {
  server.get('/staff', async (_req: Request, res: Response) => {
    secureHeaders(res, 'text/html; charset=utf-8');
    res.sendRaw(200, PAGE);
  });
  for (const [route, asset] of Object.entries(ASSETS)) {
    let body: Promise<Buffer> | undefined;
    server.get(route, async (_req: Request, res: Response) => {
      body ??= fs.readFile(asset.file).catch((err: unknown) => {
        body = undefined; // a missing file stays a 500, but a later fix needs no restart
        throw err;
      });
      secureHeaders(res, asset.type);
      res.sendRaw(200, await body);
    });
  }
}
