// Faults a real deployment meets: a process killed mid-conversation, Redis or PostgreSQL going
// away (a TCP proxy between the service and the server is cut, the shared servers never are),
// and two instances taking turns with one conversation. The citizen must always get an
// answer — the apology carries the reservation line's number — and the ledger stays exact.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import net from 'node:net';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINE_WEBHOOK_PATH, TWILIO_VOICE_PATH } from '../../adapters/app.js';
import { openLedger, type OpenLedger } from '../../adapters/ledger/open.js';
import { startApp, tempDir, TEST_LIMITS, type RunningApp } from '../support/app.js';
import { freshSchema, postgresUrl, redisUrl } from '../../scripts/lib/databases.js';
import { startFakeLine } from '../support/fake-line.js';
import { endpointOf, startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const FAKE_NOW = '2026-11-25T10:00:00+09:00';
const DESK_PHONE = '072-724-6920';
const SECRET = 'faults-directline-secret-0123456789abcdef';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A web chat citizen over Direct Line HTTP; `urls` are the instances, taken in turn per request. */
class WebChat {
  conversationId = '';
  token = '';
  watermark = 0;
  readonly botTexts: string[] = [];
  private calls = 0;

  constructor(public urls: string[]) {}

  private url(): string {
    return this.urls[this.calls++ % this.urls.length]!;
  }

  private async call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${this.url()}/v3/directline${path}`, {
      method,
      headers: { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  async start(): Promise<string> {
    // The token as the web chat page takes it (its own route, same origin): no secret needed.
    const url = this.url();
    const page = await fetch(`${url}/webchat/token`, { method: 'POST', headers: { origin: url } });
    this.token = ((await page.json()) as { token: string }).token;
    const started = await this.call('POST', '/conversations');
    expect(started.status).toBe(201);
    this.conversationId = started.body.conversationId;
    this.token = started.body.token;
    return this.waitFor(/予約窓口/);
  }

  /** Sends a line and waits for the bot to answer with something matching `expected`. */
  async say(text: string, expected: RegExp): Promise<string> {
    const posted = await this.call('POST', `/conversations/${this.conversationId}/activities`, { type: 'message', text, from: { id: 'citizen' } });
    expect(posted.status, `posting 「${text}」`).toBe(200);
    return this.waitFor(expected, text);
  }

  async waitFor(expected: RegExp, after = ''): Promise<string> {
    const fresh: string[] = [];
    for (let i = 0; i < 300; i++) {
      const page = await this.call('GET', `/conversations/${this.conversationId}/activities?watermark=${this.watermark}`);
      expect(page.status).toBe(200);
      this.watermark = Number(page.body.watermark);
      const texts = page.body.activities.filter((a: any) => a.from?.role === 'bot' && a.text).map((a: any) => a.text as string);
      fresh.push(...texts);
      this.botTexts.push(...texts);
      if (fresh.some((t) => expected.test(t))) return fresh.join('\n');
      await sleep(50);
    }
    throw new Error(`after 「${after}」 the bot never said ${expected}; it said: ${fresh.join(' / ')}`);
  }
}

/** The web booking conversation, line by line: what the citizen types and what must come back. */
const bookingSteps = (date: { md: string; time: string }, birthday: string, phone: string, email: string): [string, RegExp][] => [
  [`通知書が届いたので${date.md}の${date.time}に予約したい`, /カード本体/],
  ['いいえ', /ご本人が窓口に/],
  ['はい', /誕生日/],
  [birthday, /電話番号を/],
  [phone, /メールアドレス/],
  [email, /よろしいですか/], // the read-back (an Adaptive Card titled 予約内容の確認)
  ['はい', /予約が完了しました/],
];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, status = 200, tries = 300): Promise<void> {
  for (let i = 0; i < tries; i++) {
    try {
      if ((await fetch(url)).status === status) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} never answered ${status}`);
}

const windowCounts = async (db: OpenLedger['db']) =>
  (
    await db.query<{ date: string; start: string; booked: number; active: number }>(
      `SELECT w.slot_date::text AS date, w.start_time AS start, w.booked,
         (SELECT count(*)::int FROM reservations r WHERE r.slot_date = w.slot_date AND r.start_time = w.start_time AND r.status = 'booked') AS active
       FROM window_slots w ORDER BY 1, 2`,
    )
  ).rows;

describe.skipIf(!postgresUrl || !redisUrl)('faults', () => {
  it('kill -9 between two turns: a new process continues the conversation from Redis and the booking completes once', async () => {
    const schema = await freshSchema(postgresUrl!);
    const env = { ...process.env, ...TEST_LIMITS, REDIS_URL: redisUrl!, DATABASE_URL: schema.url, DIRECTLINE_SECRET: SECRET, FAKE_NOW, HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: tempDir() };
    const children: ChildProcess[] = [];
    const launch = async () => {
      const port = await freePort();
      const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/main.ts'], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
      children.push(child);
      const url = `http://127.0.0.1:${port}`;
      await waitFor(`${url}/readyz`);
      return { child, url, exited: new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal))) };
    };
    try {
      const first = await launch();
      const chat = new WebChat([first.url]);
      await chat.start();
      const steps = bookingSteps({ md: '12月3日', time: '10時半' }, '5月3日', '090-1234-5678', 'taro@example.jp');
      for (const [text, expected] of steps.slice(0, 3)) await chat.say(text, expected);
      first.child.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');

      const second = await launch();
      chat.urls = [second.url];
      for (const [text, expected] of steps.slice(3)) await chat.say(text, expected);
      expect(chat.botTexts.join('\n')).not.toContain('申し訳ありません');

      const ledger = await openLedger({ databaseUrl: schema.url, poolSize: 1 });
      try {
        const day = await ledger.ledger.listByDate('2026-12-03');
        expect(day.map((r) => [r.start, r.channel, r.phone, r.birthday, r.email])).toEqual([['10:30', 'web', '09012345678', '05-03', 'taro@example.jp']]);
        expect(await windowCounts(ledger.db)).toEqual([{ date: '2026-12-03', start: '10:30', booked: 1, active: 1 }]);
      } finally {
        await ledger.db.close();
      }
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(null); // a clean exit on SIGTERM
    } finally {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      await schema.drop();
    }
  });

  describe('Redis goes away and comes back', () => {
    const TOKEN = 'faults-twilio-token';
    const PUBLIC = 'https://ecert.example.jp';
    const LINE_SECRET = 'faults-line-secret';
    let proxy: TcpProxy;
    let svc: RunningApp;
    let line: Awaited<ReturnType<typeof startFakeLine>>;
    let n = 0;

    beforeAll(async () => {
      proxy = await startTcpProxy(endpointOf(redisUrl!));
      line = await startFakeLine();
      svc = await startApp({
        REDIS_URL: proxy.via(redisUrl!),
        FAKE_NOW,
        TWILIO_AUTH_TOKEN: TOKEN,
        PUBLIC_BASE_URL: PUBLIC,
        LINE_CHANNEL_SECRET: LINE_SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: 'token',
        LINE_API_BASE_URL: line.url,
      });
    });
    afterAll(async () => {
      await svc?.stop();
      await line?.close();
      await proxy?.close();
    });

    const twilioTurn = async (callSid: string, query: string, input: Record<string, string> = {}) => {
      const path = `${TWILIO_VOICE_PATH}${query}`;
      const params = { CallSid: callSid, From: '+819011112222', To: '+81727246920', ...input };
      const res = await fetch(svc.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, PUBLIC + path, params) },
        body: new URLSearchParams(params).toString(),
      });
      return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
    };
    /** One LINE text event; resolves with the text of what was replied to it. */
    const lineSays = async (userId: string, text: string) => {
      const before = line.calls.filter((c) => c.path.endsWith('/message/reply') || c.path.endsWith('/message/push')).length;
      const id = `faults-${randomBytes(4).toString('hex')}-${++n}`;
      const body = JSON.stringify({
        destination: 'Ubot',
        events: [{ type: 'message', mode: 'active', timestamp: Date.now(), source: { type: 'user', userId }, webhookEventId: id, deliveryContext: { isRedelivery: false }, replyToken: `rt-${id}`, message: { type: 'text', id: `m-${id}`, quoteToken: 'q', text } }],
      });
      const res = await fetch(svc.url + LINE_WEBHOOK_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': createHmac('sha256', LINE_SECRET).update(body).digest('base64') },
        body,
      });
      const sent = line.calls.filter((c) => c.path.endsWith('/message/reply') || c.path.endsWith('/message/push')).slice(before);
      return { status: res.status, text: JSON.stringify(sent.map((c) => c.body.messages)) };
    };
    const status = async (path: string) => (await fetch(svc.url + path)).status;

    it('while Redis is away: web chat, the phone line and LINE each apologise with the reservation number; /readyz is 503, /healthz 200; after it returns all work again', async () => {
      const chat = new WebChat([svc.url]);
      await chat.start();
      await chat.say('手数料はいくらですか', /新規発行・更新は無料/);
      const lineUser = `U${randomBytes(16).toString('hex')}`;
      expect((await lineSays(lineUser, '持ち物は?')).text).toContain('お持ちいただくもの');
      expect(await status('/readyz')).toBe(200);

      proxy.cut();
      await waitFor(`${svc.url}/readyz`, 503, 50);
      expect(await (await fetch(`${svc.url}/readyz`)).json()).toMatchObject({ checks: { state: 'down', ledger: 'ok' } });
      expect(await status('/healthz')).toBe(200);

      // Web chat: the message is accepted and the apology shows in the same conversation.
      const apology = await chat.say('予約したい', /申し訳ありません/);
      expect(apology).toContain(DESK_PHONE);
      // The phone line: TwiML that says sorry and ends the call, never a 500.
      const call = await twilioTurn(`CA${randomBytes(16).toString('hex')}`, '');
      expect(call.status).toBe(200);
      expect(call.type).toContain('text/xml');
      expect(call.body).toContain('申し訳ありません');
      expect(call.body).toContain('<Hangup/>');
      // LINE: the webhook is answered 200 and the user gets the apology.
      const lineApology = await lineSays(lineUser, '予約したい');
      expect(lineApology.status).toBe(200);
      expect(lineApology.text).toContain('申し訳ありません');
      expect(lineApology.text).toContain(DESK_PHONE);
      expect(await status('/healthz')).toBe(200);

      proxy.restore();
      await waitFor(`${svc.url}/readyz`, 200, 100);
      // The conversation goes on where it was before the outage; the apology stays in its history.
      await chat.say('持ち物は?', /お持ちいただくもの/);
      const history = await fetch(`${svc.url}/v3/directline/conversations/${chat.conversationId}/activities?watermark=0`, { headers: { authorization: `Bearer ${chat.token}` } }).then((r) => r.json() as Promise<any>);
      const texts = history.activities.map((a: any) => a.text ?? '');
      expect(texts.filter((t: string) => t.includes(DESK_PHONE) && t.includes('申し訳ありません'))).toHaveLength(1);
      expect(texts.indexOf('予約したい')).toBeLessThan(texts.indexOf('持ち物は?'));
      expect(new Set(history.activities.map((a: any) => a.id)).size).toBe(history.activities.length);
      const welcome = await twilioTurn(`CA${randomBytes(16).toString('hex')}`, '');
      expect(welcome.body).toContain('予約は1');
      expect((await lineSays(lineUser, '手数料は?')).text).toContain('無料');
    });
  });

  describe('PostgreSQL goes away during commits', () => {
    let schema: Awaited<ReturnType<typeof freshSchema>>;
    let proxy: TcpProxy;
    let direct: OpenLedger;

    beforeAll(async () => {
      schema = await freshSchema(postgresUrl!);
      proxy = await startTcpProxy(endpointOf(postgresUrl!));
      direct = await openLedger({ databaseUrl: schema.url, poolSize: 2 });
    });
    afterAll(async () => {
      await direct?.db.close();
      await proxy?.close();
      await schema?.drop();
    });

    it('bookings cut off mid-transaction leave no reservation without its count nor a count without its reservation', async () => {
      const viaProxy = await openLedger({ databaseUrl: proxy.via(schema.url), poolSize: 10 });
      try {
        const starts = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:00', '13:30', '14:00', '14:30'];
        const dates = ['2026-12-08', '2026-12-14', '2026-12-15', '2026-12-16'];
        let acknowledged = 0;
        const attempts = Array.from({ length: 600 }, (_, i) =>
          viaProxy.ledger
            .book({
              window: { date: dates[i % dates.length]!, start: starts[Math.floor(i / dates.length) % starts.length]!, end: '—', configuredCapacity: 3 },
              channel: 'phone',
              holder: { birthday: '06-15', phone: `080${String(i).padStart(8, '0')}` },
              today: '2026-11-25',
            })
            .then((r) => ((acknowledged += r.ok ? 1 : 0), r)),
        );
        // Cut once about a third of the 120 places are taken: the rest are mid-flight.
        for (let t = 0; acknowledged < 40 && t < 10_000; t++) await sleep(1);
        proxy.cut();
        const settled = await Promise.allSettled(attempts);
        proxy.restore();
        const ok = settled.filter((s) => s.status === 'fulfilled' && s.value.ok).length;
        const failed = settled.filter((s) => s.status === 'rejected').length;
        expect(failed).toBeGreaterThan(0); // the cut did land while bookings were running
        const counts = await windowCounts(direct.db);
        for (const c of counts) expect(c, `${c.date} ${c.start}`).toMatchObject({ booked: c.active });
        const rows = counts.reduce((sum, c) => sum + c.active, 0);
        // A COMMIT whose answer was lost may have landed: never fewer rows than acknowledged.
        expect(rows).toBeGreaterThanOrEqual(ok);
        expect(rows).toBeLessThanOrEqual(120);
        // After the restore the same pool books again, and counts stay exact.
        const again = await viaProxy.ledger.book({ window: { date: '2026-12-09', start: '09:00', end: '09:30', configuredCapacity: 3 }, channel: 'phone', holder: { birthday: '06-16', phone: '08099999999' }, today: '2026-11-25' });
        expect(again.ok).toBe(true);
        for (const c of await windowCounts(direct.db)) expect(c).toMatchObject({ booked: c.active });
        console.info(`[faults] PostgreSQL cut during 600 bookings: ${ok} acknowledged, ${failed} failed, ${rows} rows, counts exact`);
      } finally {
        await viaProxy.db.close();
      }
    });

    it('a citizen confirming while PostgreSQL is away hears the apology with the number; nothing is booked; afterwards booking works', async () => {
      const svc = await startApp({ DATABASE_URL: proxy.via(schema.url), REDIS_URL: redisUrl!, FAKE_NOW });
      try {
        const chat = new WebChat([svc.url]);
        await chat.start();
        const steps = bookingSteps({ md: '12月10日', time: '14時' }, '7月7日', '090-7777-0001', 'hanako@example.jp');
        for (const [text, expected] of steps.slice(0, -1)) await chat.say(text, expected);
        proxy.cut();
        const apology = await chat.say('はい', /申し訳ありません/);
        expect(apology).toContain(DESK_PHONE);
        expect(apology).not.toContain('予約が完了しました');
        expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
        expect((await fetch(`${svc.url}/readyz`)).status).toBe(503);
        proxy.restore();
        await waitFor(`${svc.url}/readyz`, 200, 100);
        expect(await direct.ledger.listByDate('2026-12-10')).toEqual([]);
        // The failed turn started the conversation afresh: booking again from the start works.
        for (const [text, expected] of steps) await chat.say(text, expected);
        const day = await direct.ledger.listByDate('2026-12-10');
        expect(day.map((r) => [r.start, r.phone])).toEqual([['14:00', '09077770001']]);
        for (const c of await windowCounts(direct.db)) expect(c).toMatchObject({ booked: c.active });
      } finally {
        await svc.stop();
      }
    });
  });

  it('two instances sharing Redis and PostgreSQL, requests alternating between them: every conversation completes its booking', async () => {
    const schema = await freshSchema(postgresUrl!);
    const env = { REDIS_URL: redisUrl!, DATABASE_URL: schema.url, DIRECTLINE_SECRET: SECRET, FAKE_NOW };
    const [a, b] = [await startApp(env), await startApp(env)];
    try {
      const people = [
        { md: '12月1日', time: '9時', start: '09:00', date: '2026-12-01', birthday: '1月11日', phone: '090-1000-0001' },
        { md: '12月1日', time: '9時', start: '09:00', date: '2026-12-01', birthday: '2月12日', phone: '090-1000-0002' },
        { md: '12月2日', time: '11時', start: '11:00', date: '2026-12-02', birthday: '3月13日', phone: '090-1000-0003' },
        { md: '12月3日', time: '15時', start: '15:00', date: '2026-12-03', birthday: '4月14日', phone: '090-1000-0004' },
        { md: '12月4日', time: '10時', start: '10:00', date: '2026-12-04', birthday: '5月15日', phone: '090-1000-0005' },
        { md: '12月7日', time: '13時半', start: '13:30', date: '2026-12-07', birthday: '6月16日', phone: '090-1000-0006' },
      ];
      await Promise.all(
        people.map(async (p, i) => {
          // Each request goes to the other instance than the one before it.
          const chat = new WebChat(i % 2 ? [a.url, b.url] : [b.url, a.url]);
          await chat.start();
          for (const [text, expected] of bookingSteps(p, p.birthday, p.phone, `p${i}@example.jp`)) await chat.say(text, expected);
          expect(chat.botTexts.join('\n')).not.toContain('申し訳ありません');
        }),
      );
      const booked = (await Promise.all([...new Set(people.map((p) => p.date))].map((d) => a.app.ledger.ledger.listByDate(d)))).flat();
      expect(booked.map((r) => `${r.date} ${r.start} ${r.phone}`).sort()).toEqual(people.map((p) => `${p.date} ${p.start} ${p.phone.replace(/-/g, '')}`).sort());
      for (const c of await windowCounts(b.app.ledger.db)) expect(c).toMatchObject({ booked: c.active });
    } finally {
      await a.stop();
      await b.stop();
      await schema.drop();
    }
  });
});
