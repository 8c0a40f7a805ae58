// GET /staff/voice: the phone line without a phone, for staff and developers. What a caller
// says is typed, keys are pressed on screen, a transfer's outcome is chosen; each turn's TwiML is
// shown (what is said, how the line listens, any transfer). Every turn goes through the same
// signed webhook as Twilio's: this server signs the request with TWILIO_AUTH_TOKEN over
// PUBLIC_BASE_URL + the path (as Twilio does) and posts it to its own listening address. The
// token never reaches the browser. Staff only (session cookie, CSRF token on every turn),
// audited; what is booked here is booked for real.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Request, Response, Server } from 'restify';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { normalizePhone } from '../../domain/reservation.js';
import { sendError } from '../http/errors.js';
import type { Logger } from '../log.js';
import type { StaffStore } from './accounts.js';
import { secureHeaders, STAFF_LOGIN_SECTION } from './console-page.js';
import type { Guard } from './routes.js';

export const VOICE_SIMULATOR_PATH = '/staff/voice';
export const VOICE_SIMULATOR_API = '/api/staff/voice/turn';

export interface VoiceSimulatorDeps {
  guard: Guard;
  staff: StaffStore;
  authToken: string;
  publicBaseUrl: string;
  /** The voice webhook and the transfer's dial-status path: the only paths a turn may post to. */
  voicePath: string;
  dialStatusPath: string;
  /** The number the simulated call comes to (shown as the transfer's caller ID). */
  calledNumber: string;
  logger: Logger;
}

/** DialCallStatus values Twilio documents for a <Dial> action. */
const DIAL_STATUSES = new Set(['completed', 'answered', 'busy', 'no-answer', 'failed', 'canceled']);
const MAX_SPEECH = 400;

const PAGE = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>電話の自動応答の試験 | 職員用画面 | 箕面市</title>
<link rel="stylesheet" href="/staff/console.css">
<link rel="stylesheet" href="/staff/voice.css">
<script src="/staff/voice.js" defer></script>
</head>
<body>
<a class="skip" href="#main">本文へ移動</a>
<header class="top">
  <p class="top-title">電話の自動応答の試験（音声は出ません）</p>
  <p class="top-status"><a class="top-link" href="/staff">職員用画面へ戻る</a> <span id="who" hidden></span></p>
</header>
<div id="alert" class="alert" role="alert" aria-live="assertive"></div>
<main id="main" tabindex="-1">
${STAFF_LOGIN_SECTION}

  <div id="app-view" hidden>
    <section class="panel" aria-labelledby="call-title">
      <h1 id="call-title" class="sim-title">通話</h1>
      <p class="muted">Twilio と同じ署名つきの経路で、予約専用の自動応答に電話をかけたときの流れを試します。ここで予約すると、本物の予約として登録されます。</p>
      <form id="call-form" class="sim-row">
        <label for="caller">発信者番号</label>
        <input id="caller" type="tel" autocomplete="off" maxlength="20" value="090-1111-2222" aria-describedby="caller-hint">
        <label class="check"><input id="anonymous" type="checkbox"> 非通知</label>
        <button id="dial" type="submit" class="primary">電話をかける</button>
        <button id="hangup" type="button" disabled>電話を切る</button>
      </form>
      <p id="caller-hint" class="hint muted">予約の電話番号の確認では、この番号が「いまおかけの番号」になります。</p>
    </section>

    <section id="turn-panel" class="panel" aria-labelledby="input-title" hidden>
      <h2 id="input-title">お客様の応答</h2>
      <form id="speak-form" class="sim-row">
        <label for="speech">話す言葉</label>
        <input id="speech" type="text" autocomplete="off" maxlength="400" size="40">
        <label for="confidence">認識の確からしさ</label>
        <input id="confidence" type="number" min="0" max="1" step="0.05" value="0.9">
        <button type="submit" class="primary">話す</button>
      </form>
      <form id="keys-form" class="sim-row">
        <label for="keys">押すキー</label>
        <input id="keys" type="text" inputmode="numeric" autocomplete="off" maxlength="32" size="16" aria-describedby="keys-hint">
        <button type="submit" class="primary">キーを押す</button>
        <button id="silence" type="button">何も言わない</button>
      </form>
      <p id="keys-hint" class="hint muted">下のボタンで押すと、桁数（numDigits）や # で電話と同じように送られます。</p>
      <div id="keypad" class="keypad" role="group" aria-label="ダイヤルボタン"></div>
      <div id="dial-outcome" class="sim-row" role="group" aria-labelledby="dial-outcome-label" hidden>
        <span id="dial-outcome-label">転送の結果:</span>
        <button type="button" data-status="completed">職員が応答して通話終了</button>
        <button type="button" data-status="no-answer">応答なし</button>
        <button type="button" data-status="busy">話し中</button>
        <button type="button" data-status="failed">つながらない</button>
      </div>
    </section>

    <section class="panel" aria-labelledby="log-title">
      <h2 id="log-title">やりとり（ターンごとの TwiML）</h2>
      <p id="log-empty" class="muted">「電話をかける」を押すと、ここに自動応答の TwiML が表示されます。</p>
      <ol id="log" class="sim-log"></ol>
    </section>
  </div>
</main>
</body>
</html>
`;

const ASSETS: Record<string, { file: URL; type: string }> = {
  '/staff/voice.js': { file: new URL('./console/voice.js', import.meta.url), type: 'text/javascript; charset=utf-8' },
  '/staff/voice.css': { file: new URL('./console/voice.css', import.meta.url), type: 'text/css; charset=utf-8' },
};

/** Where this server itself listens (a wildcard address is reached on loopback). */
function selfOrigin(server: Server): string {
  const a = server.address() as AddressInfo;
  const host = !a.address || a.address === '0.0.0.0' || a.address === '::' ? '127.0.0.1' : a.family === 'IPv6' ? `[${a.address}]` : a.address;
  return `http://${host}:${a.port}`;
}

interface TurnBody {
  callSid?: unknown;
  path?: unknown;
  from?: unknown;
  digits?: unknown;
  speech?: unknown;
  confidence?: unknown;
  dialStatus?: unknown;
}

export function mountVoiceSimulator(server: Server, d: VoiceSimulatorDeps): void {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  // The webhook as the TwiML names it: its path, the next turn, and whether nothing was heard.
  const allowed = new RegExp(`^(?:${esc(d.voicePath)}|${esc(d.dialStatusPath)})(?:\\?turn=\\d{1,4}(?:&noinput=1)?)?$`);

  server.get(VOICE_SIMULATOR_PATH, async (_req: Request, res: Response) => {
    secureHeaders(res, 'text/html; charset=utf-8');
    res.sendRaw(200, PAGE);
  });
  for (const [route, asset] of Object.entries(ASSETS)) {
    let body: Promise<Buffer> | undefined;
    server.get(route, async (_req: Request, res: Response) => {
      body ??= fs.readFile(asset.file).catch((err: unknown) => {
        body = undefined;
        throw err;
      });
      secureHeaders(res, asset.type);
      res.sendRaw(200, await body);
    });
  }

  server.post(VOICE_SIMULATOR_API, async (req: Request, res: Response) => {
    const s = await d.guard(req, res, true);
    if (!s) return;
    const b = (req.body ?? {}) as TurnBody;
    const path = typeof b.path === 'string' ? b.path.replace(/&amp;/g, '&') : '';
    if (!allowed.test(path)) return sendError(res, 400, 'bad-path', `path must be ${d.voicePath} or ${d.dialStatusPath} as the TwiML names it`);
    const first = path === d.voicePath;
    const callSid = first && b.callSid === undefined ? `CA${randomBytes(16).toString('hex')}` : typeof b.callSid === 'string' && /^CA[0-9a-f]{32}$/.test(b.callSid) ? b.callSid : undefined;
    if (!callSid) return sendError(res, 400, 'bad-call', 'callSid must be the one this simulator gave');
    const from = b.from === '' || b.from === undefined ? undefined : typeof b.from === 'string' ? normalizePhone(b.from) : undefined;
    if (b.from !== '' && b.from !== undefined && !from) return sendError(res, 400, 'bad-from', 'from must be a Japanese phone number, or empty for a withheld number');

    // The parameters Twilio posts (https://www.twilio.com/docs/voice/twiml#request-parameters).
    const params: Record<string, string> = {
      CallSid: callSid,
      AccountSid: 'AC' + '0'.repeat(32),
      From: from ? `+81${from.slice(1)}` : 'anonymous',
      To: d.calledNumber,
      CallStatus: 'in-progress',
      Direction: 'inbound',
      ApiVersion: '2010-04-01',
    };
    if (path.startsWith(d.dialStatusPath)) {
      const status = typeof b.dialStatus === 'string' ? b.dialStatus : '';
      if (!DIAL_STATUSES.has(status)) return sendError(res, 400, 'bad-dial-status', `dialStatus must be one of ${[...DIAL_STATUSES].join(', ')}`);
      Object.assign(params, { DialCallStatus: status, DialCallSid: `CA${randomBytes(16).toString('hex')}`, DialCallDuration: status === 'completed' ? '60' : '0' });
    } else if (typeof b.digits === 'string' && b.digits !== '') {
      if (!/^[0-9*#]{1,32}$/.test(b.digits)) return sendError(res, 400, 'bad-digits', 'digits are 0–9, * and #');
      params.Digits = b.digits;
    } else if (typeof b.speech === 'string' && b.speech.trim() !== '') {
      params.SpeechResult = b.speech.trim().slice(0, MAX_SPEECH);
      const c = typeof b.confidence === 'number' && b.confidence >= 0 && b.confidence <= 1 ? b.confidence : 0.9;
      params.Confidence = String(c);
    }

    const signature = getExpectedTwilioSignature(d.authToken, d.publicBaseUrl.replace(/\/$/, '') + path, params);
    const answer = await fetch(selfOrigin(server) + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(15_000),
    }).catch((err: unknown) => {
      d.logger.warn({ err: (err as Error).message }, 'voice simulator could not reach the voice webhook');
      return undefined;
    });
    await d.staff.audit(s.username, 'voice-simulator-turn', undefined, { path: path.split('?')[0], status: answer?.status ?? 0 });
    if (!answer) return sendError(res, 409, 'voice-unavailable', '自動応答に接続できませんでした。');
    const twiml = await answer.text();
    if (answer.status !== 200) return sendError(res, 409, 'voice-refused', `the voice webhook answered ${answer.status}`);
    res.json({ callSid, twiml });
  });
}
