// The deployment in deploy/, run: Debian's nginx with deploy/nginx/ecert.conf (only ports and
// paths changed, TLS with a certificate made here) in front of two instances started as
// deploy/systemd/ecert@.service starts them, sharing real Redis and PostgreSQL. Through nginx
// a citizen books in the web chat listening on the WebSocket stream, a caller books on the phone
// line with webhooks signed against PUBLIC_BASE_URL (nginx's address, not the instances'), and a
// LINE user books with signed webhooks. The per-address limit counts the client nginx saw, never
// nginx itself nor what a client wrote in X-Forwarded-For; both instances serve every channel;
// with one instance down the other takes everything, with both down nginx answers the JSON 503.
// nginx comes from scripts/nginx.sh (CI runs it in .ci/run); without it and without root this
// test fails saying so, it never skips.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import twilio from 'twilio';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINE_WEBHOOK_PATH, TWILIO_VOICE_PATH } from '../../adapters/app.js';
import { openLedger } from '../../adapters/ledger/open.js';
import { freshSchema, postgresUrl, redisUrl } from '../../scripts/lib/databases.js';
import { tempDir } from '../support/app.js';
import { lineText, signedLine } from '../support/clients.js';
import { startFakeLine } from '../support/fake-line.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SITE = path.join(ROOT, 'deploy/nginx/ecert.conf');
const UNIT = path.join(ROOT, 'deploy/systemd/ecert@.service');
const FAKE_NOW = '2026-11-25T10:00:00+09:00';
const DESK_PHONE = '072-724-6920';
const TWILIO_TOKEN = 'deploy-twilio-auth-token';
const LINE_SECRET = 'deploy-line-channel-secret';
const DL_SECRET = randomBytes(32).toString('hex');
/** Low enough to reach in a few requests; the web chat booking below takes about ten. */
const PER_IP = 30;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Addresses the clients connect from: all of 127/8 is this host's, so nginx sees each apart. */
const net127 = `127.${randomInt(1, 255)}.${randomInt(0, 256)}`;
const FROM = { web: `${net127}.10`, phone: `${net127}.11`, line: `${net127}.12`, abuser: `${net127}.13`, bystander: `${net127}.14`, door: `${net127}.15` };

/** nginx: installed, or installed now by scripts/nginx.sh (root), or a failure that says what to do. */
function nginxBinary(): string {
  const runnable = (p: string | undefined) => p !== undefined && p !== '' && fs.existsSync(p) && (fs.accessSync(p, fs.constants.X_OK), true);
  const given = [process.env.NGINX_PATH, '/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => {
    try {
      return runnable(p);
    } catch {
      return false;
    }
  });
  if (given && spawnSync('openssl', ['version']).status === 0) return given;
  const run = spawnSync('bash', [path.join(ROOT, 'scripts/nginx.sh')], { encoding: 'utf8', timeout: 300_000 });
  const found = /NGINX_PATH=(\S+)/.exec(run.stdout ?? '')?.[1];
  if (run.status !== 0 || !found) {
    throw new Error(
      `This test runs the deployment behind Debian's nginx, which is not installed and could not be installed here:\n${(run.stderr ?? '').trim()}\n` +
        'Run `bash scripts/nginx.sh` as root (it apt-get installs nginx and openssl; .ci/run does), or set NGINX_PATH.',
    );
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** `pattern` replaced in the repository's config, which must still contain it (else the test no longer runs that file). */
function swap(text: string, pattern: RegExp, to: string | ((...m: string[]) => string), expected: number): string {
  const n = text.match(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g'))?.length ?? 0;
  if (n !== expected) throw new Error(`deploy/nginx/ecert.conf: expected ${expected} match(es) of ${pattern}, found ${n}; update this test with the config`);
  return text.replace(pattern, to as never);
}

/** The site as the repository has it; only listen ports, upstream ports, certificate and log paths differ. */
function siteFor(o: { http: number; tls: number; instances: number[]; dir: string }): string {
  let site = fs.readFileSync(SITE, 'utf8');
  let i = 0;
  site = swap(site, /server 127\.0\.0\.1:\d+ /g, () => `server 127.0.0.1:${o.instances[i++]} `, o.instances.length);
  site = swap(site, /listen 80;/g, `listen 127.0.0.1:${o.http};`, 1);
  site = swap(site, /listen 443 ssl;/g, `listen 127.0.0.1:${o.tls} ssl;`, 1);
  // IPv6 may be missing on a test machine; nginx listens on the one loopback address.
  site = swap(site, /^\s*listen \[::\]:\d+[^;]*;\n/gm, '', 2);
  site = swap(site, /\/etc\/ssl\/ecert\/fullchain\.pem/g, path.join(o.dir, 'cert.pem'), 1);
  site = swap(site, /\/etc\/ssl\/ecert\/privkey\.pem/g, path.join(o.dir, 'key.pem'), 1);
  site = swap(site, /\/var\/log\/nginx\/ecert\.access\.log/g, path.join(o.dir, 'access.log'), 2);
  site = swap(site, /\/var\/log\/nginx\/ecert\.error\.log/g, path.join(o.dir, 'error.log'), 1);
  return site;
}

/** What Debian's /etc/nginx/nginx.conf gives the site: an http { } block, here with paths of its own. */
function mainConfig(dir: string): string {
  const tmp = (name: string) => path.join(dir, 'tmp', name);
  return `worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  client_body_temp_path ${tmp('body')};
  proxy_temp_path ${tmp('proxy')};
  fastcgi_temp_path ${tmp('fastcgi')};
  uwsgi_temp_path ${tmp('uwsgi')};
  scgi_temp_path ${tmp('scgi')};
  include ${path.join(dir, 'ecert.conf')};
}
`;
}

/** How ecert@<port>.service starts an instance: its ExecStart and Environment= lines, %i the port. */
function unitLaunch(port: number): { argv: string[]; env: Record<string, string> } {
  const unit = fs.readFileSync(UNIT, 'utf8');
  const env: Record<string, string> = {};
  for (const [, k, v] of unit.matchAll(/^Environment=([A-Za-z_]+)=(.*)$/gm)) env[k!] = v!.replace(/%i/g, String(port));
  const exec = /^ExecStart=(.+)$/m.exec(unit)?.[1]?.trim().split(/\s+/) ?? [];
  if (!exec.length) throw new Error('deploy/systemd/ecert@.service has no ExecStart');
  const argv = exec.map((a, i) => (i === 0 && path.basename(a) === 'node' ? process.execPath : a));
  return { argv, env };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): any;
}

describe.skipIf(!postgresUrl || !redisUrl)('the deployment in deploy/: nginx in front of two instances', () => {
  const dir = tempDir('ecert-deploy-');
  const children: ChildProcess[] = [];
  let nginx: ChildProcess | undefined;
  let schema: Awaited<ReturnType<typeof freshSchema>> | undefined;
  let line: Awaited<ReturnType<typeof startFakeLine>>;
  let ca: Buffer;
  let ports: { http: number; tls: number; instances: number[] };
  let publicUrl: string;
  const instances: { port: number; child: ChildProcess; exited: Promise<unknown> }[] = [];

  /** One HTTPS request to nginx from a given local address, trusting only the test's certificate. */
  const request = (from: string, method: string, pathAndQuery: string, o: { headers?: Record<string, string>; body?: string; tls?: boolean } = {}): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const tls = o.tls ?? true;
      const options = { host: '127.0.0.1', port: tls ? ports.tls : ports.http, method, path: pathAndQuery, localAddress: from, agent: false as const, headers: { ...(o.body !== undefined ? { 'content-length': String(Buffer.byteLength(o.body)) } : {}), ...o.headers }, ca };
      const req = (tls ? https : http).request(options, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) }));
      });
      req.on('error', reject);
      req.end(o.body);
    });

  /**
   * The access log's lines from `from` on: what was asked, and which instance answered ("-": nginx
   * itself). nginx writes a line just after the answer's last byte, so it waits a moment first.
   */
  const accessLog = async (from = 0) =>
    (await sleep(150), fs)
      .readFileSync(path.join(dir, 'access.log'), 'utf8')
      .split('\n')
      .slice(from)
      .filter(Boolean)
      .map((l) => {
        const m = /^(\S+) \[[^\]]+\] "(\S+) (\S+) [^"]*" (\d{3}) .* upstream="([^"]*)"/.exec(l);
        if (!m) throw new Error(`unexpected access log line: ${l}`);
        return { client: m[1]!, method: m[2]!, uri: m[3]!, status: Number(m[4]), upstream: m[5]! };
      });
  const logLength = () => fs.readFileSync(path.join(dir, 'access.log'), 'utf8').split('\n').filter(Boolean).length;
  /** The instances' ports in the lines' upstream fields ("-" and the upstream group's name are not instances). */
  const portsOf = (lines: { upstream: string }[]) => new Set(lines.flatMap((l) => l.upstream.split(/,\s*/)).flatMap((u) => /:(\d+)$/.exec(u)?.[1] ?? []).map(Number));

  // A setup that fails (no nginx, a config nginx refuses) fails every test with its reason: a
  // failed beforeAll would show them as skipped, and nothing here may look skipped.
  let broken: unknown;
  const step = (name: string, fn: () => Promise<void>) =>
    it(name, async () => {
      if (broken) throw broken;
      await fn();
    });

  beforeAll(async () => {
    try {
      await setUp();
    } catch (err) {
      broken = err;
    }
  }, 420_000);

  async function setUp(): Promise<void> {
    const binary = nginxBinary();
    fs.chmodSync(dir, 0o755); // nginx's workers (nobody, when started as root) read and write under it
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    ca = fs.readFileSync(path.join(dir, 'cert.pem'));
    ports = { http: await freePort(), tls: await freePort(), instances: [await freePort(), await freePort()] };
    publicUrl = `https://127.0.0.1:${ports.tls}`;

    // The unit runs the compiled service, as a deployment does after `npm run build`.
    execFileSync(process.execPath, ['--input-type=module', '-e', "const b = await import('./scripts/build.mjs'); if (b.staleness()) b.build();"], { cwd: ROOT, stdio: 'inherit' });
    line = await startFakeLine();
    schema = await freshSchema(postgresUrl!);
    // /etc/ecert/env of this deployment: shared by both instances.
    const envFile = {
      DATABASE_URL: schema.url,
      REDIS_URL: redisUrl!,
      DIRECTLINE_SECRET: DL_SECRET,
      PUBLIC_BASE_URL: publicUrl,
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      LINE_CHANNEL_SECRET: LINE_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: 'deploy-line-access-token',
      LINE_API_BASE_URL: line.url,
      RATE_LIMIT_PER_IP_PER_MINUTE: String(PER_IP),
      FAKE_NOW,
      LOG_LEVEL: 'warn',
    };
    for (const port of ports.instances) {
      const { argv, env } = unitLaunch(port);
      expect(env).toMatchObject({ PORT: String(port), HOST: '127.0.0.1', TRUST_PROXY: '1' });
      const child = spawn(argv[0]!, argv.slice(1), {
        cwd: ROOT,
        // The unit's DATA_DIR (/var/lib/ecert) is systemd's StateDirectory; here a directory of the test's.
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env, DATA_DIR: path.join(dir, `data-${port}`), ...envFile },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      children.push(child);
      instances.push({ port, child, exited: new Promise((r) => child.on('exit', r)) });
    }

    fs.writeFileSync(path.join(dir, 'ecert.conf'), siteFor({ ...ports, dir }));
    fs.writeFileSync(path.join(dir, 'nginx.conf'), mainConfig(dir));
    fs.mkdirSync(path.join(dir, 'tmp'));
    fs.writeFileSync(path.join(dir, 'access.log'), '');
    const args = ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')];
    const checked = spawnSync(binary, ['-t', ...args], { encoding: 'utf8' });
    if (checked.status !== 0) throw new Error(`nginx -t refuses deploy/nginx/ecert.conf:\n${checked.stderr}`);
    nginx = spawn(binary, [...args, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });

    // Ready when each instance answers /readyz (directly) and nginx answers on both ports.
    for (const { port, child } of instances) {
      for (let i = 0; ; i++) {
        if (child.exitCode !== null) throw new Error(`the instance on port ${port} exited with ${child.exitCode}`);
        const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false);
        if (ok) break;
        if (i > 600) throw new Error(`the instance on port ${port} never became ready`);
        await sleep(100);
      }
    }
    for (let i = 0; !(await request(FROM.door, 'GET', '/healthz').then((r) => r.status === 200, () => false)); i++) {
      if (i > 100) throw new Error(`nginx never answered on ${publicUrl}: ${fs.readFileSync(path.join(dir, 'error.log'), 'utf8')}`);
      await sleep(100);
    }
  }

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await line?.close();
    await schema?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  step('books in the web chat through nginx: the page’s token, then the WebSocket stream at the streamUrl (nginx’s wss:// address), every answer arriving on it', async () => {
    const mark = logLength();
    const page = await request(FROM.web, 'POST', '/webchat/token', { headers: { origin: publicUrl } });
    expect(page.status).toBe(200);
    const dl = (method: string, p: string, token: string, body?: unknown) =>
      request(FROM.web, method, `/v3/directline${p}`, { headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const started = await dl('POST', '/conversations', page.json().token);
    expect(started.status).toBe(201);
    const { conversationId, token, streamUrl } = started.json();
    expect(streamUrl).toMatch(new RegExp(`^wss://127\\.0\\.0\\.1:${ports.tls}/v3/directline/conversations/${conversationId}/stream\\?`));

    const ws = new WebSocket(streamUrl, { ca, localAddress: FROM.web });
    const said: string[] = [];
    ws.on('message', (d) => {
      for (const a of JSON.parse(String(d)).activities ?? []) if (a.from?.role === 'bot' && a.type === 'message') said.push(a.text ?? '');
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_q, res) => reject(new Error(`the stream was refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
    const heard = async (re: RegExp, since: number, after: string) => {
      for (let i = 0; i < 300; i++) {
        if (said.slice(since).some((t) => re.test(t))) return said.slice(since).join('\n');
        await sleep(50);
      }
      throw new Error(`after 「${after}」 the stream never brought ${re}; it brought: ${said.slice(since).join(' / ')}`);
    };
    try {
      await heard(/予約窓口/, 0, '(the conversation’s start)');
      const steps: [string, RegExp][] = [
        ['通知書が届いたので12月3日の10時半に予約したい', /カード本体/],
        ['いいえ', /ご本人が窓口に/],
        ['はい', /誕生日/],
        ['5月3日', /電話番号を/],
        ['090-1234-5678', /メールアドレス/],
        ['taro@example.jp', /よろしいですか/],
        ['はい', /予約が完了しました/],
      ];
      for (const [text, expected] of steps) {
        const since = said.length;
        const posted = await dl('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text, from: { id: 'citizen' } });
        expect(posted.status, `posting 「${text}」`).toBe(200);
        await heard(expected, since, text);
      }
      expect(said.join('\n')).not.toContain('申し訳ありません');
    } finally {
      ws.close();
    }
    const lines = await accessLog(mark); // the stream's line is written once it closed
    const stream = lines.filter((l) => l.uri.endsWith('/stream'));
    expect(stream).toMatchObject([{ method: 'GET', status: 101, client: FROM.web }]);
    // The stream stayed on one instance while the posts were served by the other: answers crossed over Redis.
    const posts = lines.filter((l) => l.method === 'POST' && l.uri.endsWith('/activities'));
    expect(posts).toHaveLength(7);
    expect(portsOf(lines)).toEqual(new Set(ports.instances));
    expect([...portsOf(posts)].some((p) => !portsOf(stream).has(p))).toBe(true);
  });

  step('books on the phone line through nginx: webhooks signed against PUBLIC_BASE_URL (nginx’s https address) pass; one signed against the instance’s own address is refused 403', async () => {
    const mark = logLength();
    const national = `090${String(randomInt(0, 1e8)).padStart(8, '0')}`;
    const from = `+81${national.slice(1)}`;
    const callSid = `CA${randomBytes(16).toString('hex')}`;
    const post = (query: string, params: Record<string, string>, signedFor = publicUrl) => {
      const p = `${TWILIO_VOICE_PATH}${query}`;
      return request(FROM.phone, 'POST', p, {
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(TWILIO_TOKEN, signedFor + p, params) },
        body: new URLSearchParams(params).toString(),
      });
    };
    const base = { CallSid: callSid, From: from, To: '+81727246920', AccountSid: 'AC' + '0'.repeat(32) };
    // What the instance would accept if it checked its own URL: refused, as is an unsigned one.
    const direct = await post('', base, `http://127.0.0.1:${ports.instances[0]}`);
    expect(direct.status).toBe(403);
    expect(direct.json()).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });

    let query = '';
    const say = async (input: { Digits?: string; SpeechResult?: string } = {}) => {
      const r = await post(query, { ...base, ...input });
      expect(r.status, r.text).toBe(200);
      query = /action="[^"?]*(\?turn=\d+)"/.exec(r.text)?.[1] ?? '';
      return r.text;
    };
    expect(await say()).toContain('予約は1');
    expect(await say({ Digits: '1' })).toContain('通知書');
    expect(await say({ Digits: '1' })).toContain('カード本体');
    expect(await say({ Digits: '2' })).toContain('ご本人');
    expect(await say({ Digits: '1' })).toContain('日にち');
    expect(await say({ SpeechResult: '12月3日の10時でお願いします' })).toContain('12月3日 木曜日、10時は空いています');
    const spoken = `${national.slice(0, 3).split('').join(' ')}、${national.slice(3, 7).split('').join(' ')}、${national.slice(7).split('').join(' ')}`;
    expect(await say({ Digits: '0503' })).toContain(spoken);
    expect(await say({ Digits: '1' })).toContain('よろしければ1、');
    expect(await say({ Digits: '1' })).toMatch(/で予約しました。番号は/);

    const calls = (await accessLog(mark)).filter((l) => l.uri === TWILIO_VOICE_PATH);
    expect(calls.map((l) => l.status)).toEqual([403, ...Array(9).fill(200)]);
    expect(portsOf(calls)).toEqual(new Set(ports.instances));
  });

  step('books through LINE via nginx with signed webhooks (replies to a local fake LINE API); a bad signature is refused 401', async () => {
    const mark = logLength();
    const user = `U${randomBytes(16).toString('hex')}`;
    const post = (events: object[], sign: 'good' | 'bad' = 'good') => {
      const { body, headers } = signedLine(LINE_SECRET, events, sign);
      return request(FROM.line, 'POST', LINE_WEBHOOK_PATH, { headers, body });
    };
    const say = async (event: object) => {
      const before = line.replies().length;
      expect((await post([event])).status).toBe(200);
      const replies = line.replies().slice(before);
      expect(replies).toHaveLength(1);
      return JSON.stringify(replies[0]!.body.messages);
    };
    expect((await post([lineText(user, '予約したい')], 'bad')).status).toBe(401);
    expect(await say(lineText(user, '通知書が届いたので予約したいです'))).toContain('カード');
    await say(lineText(user, 'いいえ'));
    expect(await say(lineText(user, 'はい'))).toContain('datetimepicker');
    const picked = { type: 'postback', mode: 'active', timestamp: Date.now(), source: { type: 'user', userId: user }, webhookEventId: `ev-${randomBytes(6).toString('hex')}`, deliveryContext: { isRedelivery: false }, replyToken: 'rt-date', postback: { data: 'pick-date', params: { date: '2026-12-03' } } };
    expect(await say(picked)).toContain('12月3日(木)の空いている時間帯');
    expect(await say(lineText(user, '10:30'))).toContain('誕生日');
    expect(await say(lineText(user, '3月3日'))).toContain('電話番号');
    expect(await say(lineText(user, '080-1234-5678'))).toContain('12月3日(木) 10:30〜11:00');
    expect(await say(lineText(user, 'はい'))).toContain('予約が完了しました');
    line.expectValid();

    const hooks = (await accessLog(mark)).filter((l) => l.uri === LINE_WEBHOOK_PATH);
    expect(hooks.map((l) => l.status)).toEqual([401, ...Array(8).fill(200)]);
    expect(portsOf(hooks)).toEqual(new Set(ports.instances));
  });

  step('the three bookings are in the one ledger both instances share, once each', async () => {
    const ledger = await openLedger({ databaseUrl: schema!.url, poolSize: 1 });
    try {
      const day = await ledger.ledger.listByDate('2026-12-03');
      expect(day.map((r) => `${r.start} ${r.channel}`).sort()).toEqual(['10:00 phone', '10:30 line', '10:30 web']);
    } finally {
      await ledger.db.close();
    }
  });

  step('the per-address limit counts the client nginx saw (its X-Forwarded-For entry): not nginx’s own address, not what the client wrote in the header', async () => {
    const claimed = `10.${randomInt(0, 256)}.${randomInt(0, 256)}`;
    const forged = () => `${claimed}.${randomInt(1, 255)}`;
    const statuses: number[] = [];
    let refused: Answer | undefined;
    // Every request claims another address; fixed one-minute windows: at most 2 × the limit pass.
    for (let i = 0; i <= 2 * PER_IP && !refused; i++) {
      const r = await request(FROM.abuser, 'GET', '/favicon.svg', { headers: { 'x-forwarded-for': forged() } });
      statuses.push(r.status);
      if (r.status === 429) refused = r;
    }
    expect(refused, `statuses: ${statuses.join(' ')}`).toBeDefined();
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(PER_IP);
    expect(refused!.json()).toMatchObject({ error: { code: 'rate-limited' } });
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThan(0);
    // Another client through the same nginx is not held back by it.
    expect((await request(FROM.bystander, 'GET', '/favicon.svg')).status).toBe(200);
    // The counters in Redis are the client's address, never the forged ones.
    const redis = new Redis(redisUrl!);
    try {
      expect(await redis.keys(`ecert:rl:ip:${FROM.abuser}:*`)).toHaveLength(1);
      expect(await redis.keys(`ecert:rl:ip:${claimed}.*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });

  step('the door: plain HTTP redirects to https, HSTS, /readyz through nginx, bodies over 64 KiB refused by nginx as JSON, /metrics not served publicly', async () => {
    const mark = logLength();
    const plain = await request(FROM.door, 'GET', '/staff?x=1', { tls: false });
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe('https://127.0.0.1/staff?x=1');

    const ready = await request(FROM.door, 'GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(ready.headers.server).toBe('nginx'); // no version

    const big = await request(FROM.door, 'POST', '/v3/directline/conversations', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(70_000) }) });
    expect(big.status).toBe(413);
    expect(big.json()).toEqual({ error: { code: 'too-large', message: expect.any(String) } });
    // Exactly 64 KiB still reaches the service (which then judges it).
    const limit = await request(FROM.door, 'POST', '/v3/directline/conversations', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(65_536 - 10) }) });
    expect(limit.status).toBe(401);

    expect((await request(FROM.door, 'GET', '/metrics')).status).toBe(404);
    const lines = await accessLog(mark);
    expect(lines.find((l) => l.uri === '/metrics')).toMatchObject({ upstream: '-' });
    expect(lines.filter((l) => l.status === 413)).toMatchObject([{ upstream: '-' }]);
    // No query string is logged (stream URLs carry a token).
    expect(fs.readFileSync(path.join(dir, 'access.log'), 'utf8')).not.toMatch(/[?&]t=/);
  });

  step('one instance killed: nginx sends every request (a POST too) to the other; both down: a JSON 503 with the desk’s number', async () => {
    const [a, b] = instances;
    a!.child.kill('SIGKILL');
    await a!.exited;
    for (let i = 0; i < 6; i++) expect((await request(FROM.door, 'GET', '/healthz')).status).toBe(200);
    expect((await request(FROM.door, 'POST', '/webchat/token', { headers: { origin: publicUrl } })).status).toBe(200);
    b!.child.kill('SIGKILL');
    await b!.exited;
    const down = await request(FROM.door, 'GET', '/readyz');
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('30');
    expect(down.json()).toMatchObject({ error: { code: 'unavailable' } });
    expect(down.json().error.message).toContain(DESK_PHONE);
  });
});
