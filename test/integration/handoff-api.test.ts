// Staff take over a conversation: the citizen asks for a person, staff see it with its
// transcript, claim it, answer into the citizen's web chat or LINE (a callback note for a
// call), and resolve it; the bot keeps out meanwhile and says when it answers again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINE_WEBHOOK_PATH } from '../../adapters/app.js';
import { startApp, type RunningApp } from '../support/app.js';
import { directLine, lineText, signedLine, sseListen, staffApi, type StaffLogin, type WebChat } from '../support/clients.js';
import { startFakeLine } from '../support/fake-line.js';
import { freshSchema, redisUrl, postgresUrl } from '../../scripts/lib/databases.js';

const ADMIN = { user: 'tanaka', password: 'correct horse battery' };
const SECOND = { user: 'suzuki', password: 'another long password' };
const LINE_SECRET = 'line-channel-secret';
// 12月1日(火) 10:00: the desk is staffed.
const NOW = '2026-12-01T10:00:00+09:00';

describe('handoff to staff', () => {
  let svc: RunningApp;
  let line: Awaited<ReturnType<typeof startFakeLine>>;
  let dl: ReturnType<typeof directLine>;
  let api: ReturnType<typeof staffApi>;
  let s: StaffLogin;

  beforeAll(async () => {
    line = await startFakeLine();
    svc = await startApp({
      FAKE_NOW: NOW,
      STAFF_ADMIN_USER: ADMIN.user,
      STAFF_ADMIN_PASSWORD: ADMIN.password,
      LINE_CHANNEL_SECRET: LINE_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: 'token',
      LINE_API_BASE_URL: line.url,
    });
    await svc.app.runtime();
    dl = directLine(svc.url);
    api = staffApi(svc.url, ADMIN);
    s = await login();
  });
  afterAll(async () => {
    await svc?.stop();
    await line?.close();
  });

  async function login(): Promise<StaffLogin> {
    return api.login();
  }

  /** A web chat that has asked for a person; returns it and its handoff as staff see it. */
  async function handedOff(): Promise<{ conv: WebChat; handoff: any }> {
    const conv = await dl.start();
    await dl.until(conv, /予約窓口/);
    await dl.send(conv, '職員と話したいです');
    await dl.until(conv, /担当の職員に引き継ぎました/);
    const list = await api.call('GET', '/api/staff/handoffs', s);
    const handoff = list.body.handoffs.find((h: any) => h.status === 'open' && h.transcript.some((l: any) => l.text === '職員と話したいです' && l.from === 'citizen') && !seen.has(h.id));
    expect(handoff).toBeDefined();
    seen.add(handoff.id);
    return { conv, handoff };
  }
  const seen = new Set<string>();
  const botTexts = async (conv: WebChat) => (await dl.activities(conv)).filter((a) => a.from.role === 'bot').map((a) => a.text as string);

  it('refuses every handoff route without a session (401) and every change without the CSRF token (403)', async () => {
    expect((await api.call('GET', '/api/staff/handoffs')).status).toBe(401);
    expect((await api.call('GET', '/api/staff/events')).status).toBe(401);
    const id = '00000000-0000-4000-8000-000000000000';
    for (const action of ['claim', 'reply', 'resolve']) {
      expect((await api.call('POST', `/api/staff/handoffs/${id}/${action}`, { body: { text: 'x' } })).status).toBe(401);
      expect((await api.call('POST', `/api/staff/handoffs/${id}/${action}`, { cookie: s.cookie, body: { text: 'x' } })).status).toBe(403);
    }
    expect((await api.call('POST', `/api/staff/handoffs/${id}/claim`, s)).status).toBe(404);
    expect((await api.call('POST', '/api/staff/handoffs/not-a-uuid/resolve', s)).status).toBe(404);
    expect((await api.call('GET', `/api/staff/handoffs/${id}`, s)).status).toBe(404);
  });

  it('lists a handed-off web chat with its channel, time, reason and transcript', async () => {
    const { handoff } = await handedOff();
    expect(handoff).toMatchObject({ channel: 'web', reason: 'requested', reasonText: '職員との会話を希望', mode: 'reply', status: 'open', claimedBy: null });
    expect(new Date(handoff.createdAt).toISOString()).toBe(handoff.createdAt);
    const froms = handoff.transcript.map((l: any) => l.from);
    expect(froms).toContain('bot');
    expect(handoff.transcript.some((l: any) => l.from === 'bot' && /担当の職員に引き継ぎました/.test(l.text))).toBe(true);
    const one = await api.call('GET', `/api/staff/handoffs/${handoff.id}`, s);
    expect(one.body.handoff.id).toBe(handoff.id);
  });

  it('keeps the bot out while staff have it: the citizen’s words reach staff, told once that they arrived', async () => {
    const { conv, handoff } = await handedOff();
    const before = (await botTexts(conv)).length;
    await dl.send(conv, '手数料はいくらですか');
    await dl.send(conv, '個人番号は 1234 5678 9012 です');
    await new Promise((r) => setTimeout(r, 600));
    const after = await botTexts(conv);
    // No fee answer from the bot: staff answer now. (The handoff message itself told them to wait.)
    expect(after.slice(before).join('\n')).not.toMatch(/手数料|無料|円/);
    const transcript = (await api.call('GET', `/api/staff/handoffs/${handoff.id}`, s)).body.handoff.transcript;
    expect(transcript.some((l: any) => l.from === 'citizen' && l.text === '手数料はいくらですか')).toBe(true);
    // A My Number is never kept, even in what the citizen typed.
    expect(JSON.stringify(transcript)).not.toContain('9012');
    expect(transcript.some((l: any) => l.text.includes('[個人番号は記録しません]'))).toBe(true);
  });

  it('claims (a colleague is refused), replies into the citizen’s web chat, resolves, and the bot answers again', async () => {
    const { conv, handoff } = await handedOff();
    await svc.app.ledger.db.query('SELECT 1');
    const claimed = await api.call('POST', `/api/staff/handoffs/${handoff.id}/claim`, s);
    expect(claimed.status).toBe(200);
    expect(claimed.body.handoff).toMatchObject({ status: 'claimed', claimedBy: ADMIN.user });

    // A second member of staff cannot take it or answer over the first.
    const add = await import('../../adapters/staff/accounts.js');
    await new add.StaffStore(svc.app.ledger.db).add(SECOND.user, SECOND.password);
    const other = await api.login(SECOND);
    const taken = await api.call('POST', `/api/staff/handoffs/${handoff.id}/claim`, other);
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toContain(ADMIN.user);
    expect((await api.call('POST', `/api/staff/handoffs/${handoff.id}/reply`, { ...other, body: { text: 'こんにちは' } })).status).toBe(409);

    expect((await api.call('POST', `/api/staff/handoffs/${handoff.id}/reply`, { ...s, body: { text: '' } })).status).toBe(400);
    expect((await api.call('POST', `/api/staff/handoffs/${handoff.id}/reply`, { ...s, body: { text: 'あ'.repeat(1001) } })).status).toBe(400);
    const reply = await api.call('POST', `/api/staff/handoffs/${handoff.id}/reply`, { ...s, body: { text: 'お待たせしました。手数料は無料です。' } });
    expect(reply.status).toBe(200);
    expect(reply.body.delivery).toBe('delivered');
    const shown = await dl.until(conv, /お待たせしました。手数料は無料です。/);
    expect(shown.find((a) => /お待たせしました/.test(a.text ?? '')).text).toMatch(/^【担当職員】/);
    expect(reply.body.handoff.transcript.some((l: any) => l.from === 'staff' && l.name === ADMIN.user && l.text === 'お待たせしました。手数料は無料です。')).toBe(true);

    const resolved = await api.call('POST', `/api/staff/handoffs/${handoff.id}/resolve`, s);
    expect(resolved.body.handoff.status).toBe('resolved');
    await dl.until(conv, /自動案内がお答えします/);
    expect((await api.call('POST', `/api/staff/handoffs/${handoff.id}/reply`, { ...s, body: { text: 'もう一言' } })).status).toBe(409);
    expect((await api.call('POST', `/api/staff/handoffs/${handoff.id}/resolve`, s)).status).toBe(409);

    // The bot answers again (the fee at once: free onto a valid card, 1000 yen with a re-issue).
    await dl.send(conv, '手数料はいくらですか');
    await dl.until(conv, /合計1000円/);
    // Resolved ones stay in the list for the day, after the open ones.
    const list = (await api.call('GET', '/api/staff/handoffs', s)).body.handoffs;
    const statuses = list.map((h: any) => h.status);
    expect(statuses.indexOf('resolved')).toBeGreaterThan(statuses.lastIndexOf('open'));
    expect(list.find((h: any) => h.id === handoff.id).resolvedAt).not.toBeNull();
  });

  it('lets the citizen go back to the automatic assistant', async () => {
    const { conv, handoff } = await handedOff();
    // The handoff message offers the way back as a button.
    const offered = (await dl.activities(conv)).find((a) => /担当の職員に引き継ぎました/.test(a.text ?? ''));
    expect(offered.suggestedActions.actions.map((x: any) => x.title)).toEqual(['自動案内に戻る']);
    await dl.send(conv, '自動案内に戻る');
    await dl.until(conv, /自動案内に戻りました/);
    expect((await api.call('GET', `/api/staff/handoffs/${handoff.id}`, s)).body.handoff.status).toBe('resolved');
  });

  it('tells each console at once over Server-Sent Events: handoffs and bookings', async () => {
    const sse = await sseListen(`${svc.url}/api/staff/events`, s.cookie);
    expect(sse.status).toBe(200);
    expect(sse.contentType).toContain('text/event-stream');
    const { handoff } = await handedOff();
    await sse.waitFor((e) => e.event === 'handoff' && e.data.id === handoff.id && e.data.status === 'open');
    await api.call('POST', `/api/staff/handoffs/${handoff.id}/claim`, s);
    await sse.waitFor((e) => e.event === 'handoff' && e.data.id === handoff.id && e.data.status === 'claimed');
    // A booking from any channel refreshes the consoles showing that day.
    const r = await svc.app.desk.book({ date: '2026-12-04', start: '09:00', channel: 'web', holder: { birthday: '01-02', phone: '09011112222', email: 'a@example.jp' }, now: new Date(NOW) });
    expect(r.ok).toBe(true);
    await sse.waitFor((e) => e.event === 'reservations' && e.data.date === '2026-12-04');
    await sse.waitFor((e) => e.event === 'windows' && e.data.date === '2026-12-04');
    await sse.stop();
  });

  it('answers a LINE user by push, and leaves a callback note on a phone handoff', async () => {
    const userId = 'U' + 'b'.repeat(32);
    const post = async (text: string) => {
      const { body, headers } = signedLine(LINE_SECRET, [lineText(userId, text)]);
      expect((await fetch(svc.url + LINE_WEBHOOK_PATH, { method: 'POST', headers, body })).status).toBe(200);
    };
    await post('人と話したいです');
    const list = (await api.call('GET', '/api/staff/handoffs', s)).body.handoffs;
    const h = list.find((x: any) => x.channel === 'line' && x.status === 'open');
    expect(h.transcript.some((l: any) => l.text === '人と話したいです')).toBe(true);
    const before = line.pushes().length;
    expect((await api.call('POST', `/api/staff/handoffs/${h.id}/reply`, { ...s, body: { text: 'LINEでお答えします。' } })).status).toBe(200);
    const push = line.pushes().slice(before)[0]!;
    expect(push.body.to).toBe(userId);
    expect(push.body.messages[0].text).toContain('LINEでお答えします。');

    // A call after hours: a callback request with the caller's number, and a note instead of a reply.
    const rt = await svc.app.runtime();
    const call = { channelId: 'twilio-voice', conversation: { id: 'CA' + 'c'.repeat(32) } as never, from: { id: '+819012345678', name: 'caller', role: 'user' }, recipient: { id: 'desk', name: 'desk', role: 'bot' }, serviceUrl: 'twilio:', locale: 'ja-JP', channelData: { callerNumber: '09012345678' } };
    await rt.turn({ ...call, type: 'conversationUpdate', membersAdded: [{ id: '+819012345678', name: 'caller' }] });
    await rt.turn({ ...call, type: 'message', text: '担当者につないでください' });
    const phone = (await api.call('GET', '/api/staff/handoffs', s)).body.handoffs.find((x: any) => x.channel === 'phone');
    expect(phone).toMatchObject({ status: 'open', callbackPhone: '09012345678' });
    expect(['transfer', 'callback']).toContain(phone.mode);
    const note = await api.call('POST', `/api/staff/handoffs/${phone.id}/reply`, { ...s, body: { text: '11時に折り返し済み' } });
    expect(note.body.delivery).toBe('noted');
    expect(note.body.handoff.transcript.at(-1)).toMatchObject({ from: 'staff', text: '11時に折り返し済み' });
  });

  it('audits what staff did with handoffs, without the citizen’s words', async () => {
    const { rows } = await svc.app.ledger.db.query<{ action: string; detail: unknown }>("SELECT action, detail FROM audit_log WHERE action LIKE '%handoff%'");
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['list-handoffs', 'claim-handoff', 'reply-handoff', 'resolve-handoff']) expect(actions).toContain(a);
    expect(JSON.stringify(rows)).not.toContain('手数料は無料');
  });
});

describe('windows: capacity at a glance, stop and reopen, change capacity (R4)', () => {
  let svc: RunningApp;
  let api: ReturnType<typeof staffApi>;
  let s: StaffLogin;
  beforeAll(async () => {
    svc = await startApp({ FAKE_NOW: NOW, STAFF_ADMIN_USER: ADMIN.user, STAFF_ADMIN_PASSWORD: ADMIN.password });
    api = staffApi(svc.url, ADMIN);
    s = await api.login();
    const r = await svc.app.desk.book({ date: '2026-12-03', start: '10:00', channel: 'phone', holder: { birthday: '05-03', phone: '09012345678' }, now: new Date(NOW) });
    expect(r.ok).toBe(true);
  });
  afterAll(() => svc?.stop());

  const free = async () => {
    const r = await fetch(`${svc.url}/api/availability?from=2026-12-03&to=2026-12-03&channel=phone`);
    // Local times of the free windows (the public API gives ISO 8601 instants).
    return ((await r.json()) as any).windows.map((w: any) => String(w.start).slice(11, 16)) as string[];
  };

  it('shows each window of a day with capacity, booked and stopped', async () => {
    const day = await api.call('GET', '/api/staff/windows?date=2026-12-03', s);
    expect(day.body.open).toBe(true);
    expect(day.body.windows).toHaveLength(16);
    expect(day.body.windows.find((w: any) => w.start === '10:00')).toMatchObject({ end: '10:30', capacity: 3, booked: 1, blocked: false, capacityOverride: null });
    expect((await api.call('GET', '/api/staff/windows?date=2026-12-06', s)).body.open).toBe(false);
    expect((await api.call('GET', '/api/staff/windows?date=tomorrow', s)).status).toBe(400);
    expect((await api.call('GET', '/api/staff/windows?date=2026-12-03')).status).toBe(401);
  });

  it('stops and reopens a window for citizens; changes need CSRF', async () => {
    expect(await free()).toContain('11:00');
    expect((await api.call('POST', '/api/staff/windows/2026-12-03/11:00/block', { cookie: s.cookie })).status).toBe(403);
    const blocked = await api.call('POST', '/api/staff/windows/2026-12-03/11%3A00/block', s);
    expect(blocked.body.window).toMatchObject({ start: '11:00', blocked: true });
    expect(await free()).not.toContain('11:00');
    await api.call('POST', '/api/staff/windows/2026-12-03/1100/unblock', s);
    expect(await free()).toContain('11:00');
    expect((await api.call('POST', '/api/staff/windows/2026-12-03/11:15/block', s)).status).toBe(404);
    expect((await api.call('POST', '/api/staff/windows/2026-13-03/11:00/block', s)).status).toBe(400);
  });

  it('changes capacity, never below what is booked, and back to the configured one', async () => {
    const two = await api.call('POST', '/api/staff/windows/2026-12-03/10:00/capacity', { ...s, body: { capacity: 2 } });
    expect(two.body.window).toMatchObject({ capacity: 2, capacityOverride: 2, booked: 1 });
    const zero = await api.call('POST', '/api/staff/windows/2026-12-03/10:00/capacity', { ...s, body: { capacity: 0 } });
    expect(zero.status).toBe(409);
    expect(zero.body.error.message).toContain('1件');
    expect((await api.call('POST', '/api/staff/windows/2026-12-03/10:00/capacity', { ...s, body: { capacity: 'many' } })).status).toBe(400);
    expect((await api.call('POST', '/api/staff/windows/2026-12-03/10:00/capacity', { ...s, body: { capacity: 51 } })).status).toBe(400);
    const back = await api.call('POST', '/api/staff/windows/2026-12-03/10:00/capacity', { ...s, body: { capacity: null } });
    expect(back.body.window).toMatchObject({ capacity: 3, capacityOverride: null });
  });
});

describe.skipIf(!redisUrl || !postgresUrl)('handoff events across two instances sharing Redis and PostgreSQL', () => {
  it('a console on one instance hears a handoff opened on the other', async () => {
    const db = await freshSchema(postgresUrl!);
    const env = { REDIS_URL: redisUrl!, DATABASE_URL: db.url, DIRECTLINE_SECRET: 'shared-secret-for-test-0123456789abcdef', FAKE_NOW: NOW, STAFF_ADMIN_USER: ADMIN.user, STAFF_ADMIN_PASSWORD: ADMIN.password };
    const a = await startApp(env);
    const b = await startApp(env);
    try {
      const s = await staffApi(b.url, ADMIN).login();
      const sse = await sseListen(`${b.url}/api/staff/events`, s.cookie);
      const dl = directLine(a.url);
      const conv = await dl.start();
      await dl.until(conv, /予約窓口/);
      await dl.send(conv, '職員と話したいです');
      await dl.until(conv, /担当の職員に引き継ぎました/);
      await sse.waitFor((e) => e.event === 'handoff' && e.data.status === 'open');
      await sse.stop();
      // Staff on instance b answer into the conversation held on instance a.
      const list = (await staffApi(b.url, ADMIN).call('GET', '/api/staff/handoffs', s)).body.handoffs;
      expect((await staffApi(b.url, ADMIN).call('POST', `/api/staff/handoffs/${list[0].id}/reply`, { ...s, body: { text: '別の端末からお答えします' } })).status).toBe(200);
      await dl.until(conv, /別の端末からお答えします/);
    } finally {
      await a.stop();
      await b.stop();
      await db.drop();
    }
  });
});
