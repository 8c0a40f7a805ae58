// Nobody handed to staff waits in silence: a web chat or LINE handoff that no member of staff
// takes within HANDOFF_WAIT_MINUTES (outside desk hours, at once) tells the citizen, once, that
// no one can answer now, with the desk phone and a callback; a number left for the callback
// reaches staff; a chat opened again meanwhile is greeted; after staff resolve it the bot
// answers again. Against the real service; the job's check is driven with the instant it runs at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINE_WEBHOOK_PATH } from '../../adapters/app.js';
import { startApp, type RunningApp } from '../support/app.js';
import { directLine, lineText, signedLine, staffApi, type StaffLogin, type WebChat } from '../support/clients.js';
import { startFakeLine } from '../support/fake-line.js';
import { freshSchema, postgresUrl, redisUrl } from '../../scripts/lib/databases.js';

const ADMIN = { user: 'tanaka', password: 'correct horse battery' };
const LINE_SECRET = 'line-channel-secret';
// 12月1日(火) 10:00: the desk is staffed (R25).
const STAFFED = '2026-12-01T10:00:00+09:00';
// 12月5日(土) 10:00: the phone desk is closed (R25: Mon–Fri only).
const SATURDAY = '2026-12-05T10:00:00+09:00';
const minutesAfter = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000);

const NOTICE = /ただいま職員がすぐにはお返事できません/;
const AFTER_HOURS = /受付時間外のため/;

let lineEvents = 0;
function lineFollow(userId: string) {
  const id = `follow-${Date.now()}-${++lineEvents}`;
  return { type: 'follow', mode: 'active', timestamp: Date.now(), source: { type: 'user', userId }, webhookEventId: id, deliveryContext: { isRedelivery: false }, replyToken: `rt-${id}`, follow: { isUnblocked: true } };
}

/** A citizen in web chat who asked for a person; and staff's view of that handoff. */
async function handedOff(svc: RunningApp, s: StaffLogin, dl: ReturnType<typeof directLine>, words = '職員と話したいです'): Promise<{ conv: WebChat; handoff: any }> {
  const conv = await dl.start();
  await dl.until(conv, /予約窓口/);
  await dl.send(conv, words);
  await dl.until(conv, /担当の職員に引き継ぎました/);
  const list = (await staffApi(svc.url, ADMIN).call('GET', '/api/staff/handoffs', s)).body.handoffs;
  const handoff = list.find((h: any) => h.status === 'open' && h.transcript.some((l: any) => l.text === words && l.from === 'citizen') && !taken.has(h.id));
  expect(handoff).toBeDefined();
  taken.add(handoff.id);
  return { conv, handoff };
}
const taken = new Set<string>();

const botTexts = async (dl: ReturnType<typeof directLine>, conv: WebChat): Promise<string[]> =>
  (await dl.activities(conv)).filter((a) => a.from.role === 'bot' && a.type === 'message').map((a) => a.text as string);

describe('a handoff nobody takes, during desk hours', () => {
  let svc: RunningApp;
  let line: Awaited<ReturnType<typeof startFakeLine>>;
  let dl: ReturnType<typeof directLine>;
  let api: ReturnType<typeof staffApi>;
  let s: StaffLogin;

  beforeAll(async () => {
    line = await startFakeLine();
    svc = await startApp({
      FAKE_NOW: STAFFED,
      HANDOFF_WAIT_MINUTES: '10',
      STAFF_ADMIN_USER: ADMIN.user,
      STAFF_ADMIN_PASSWORD: ADMIN.password,
      LINE_CHANNEL_SECRET: LINE_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: 'token',
      LINE_API_BASE_URL: line.url,
    });
    await svc.app.runtime();
    dl = directLine(svc.url);
    api = staffApi(svc.url, ADMIN);
    s = await api.login();
  });
  afterAll(async () => {
    await svc?.stop();
    await line?.close();
  });

  it('tells the web chat citizen once, after the wait, with the desk phone, a callback and the way back; staff see it', async () => {
    const { conv, handoff } = await handedOff(svc, s, dl);
    // Within the wait nobody is told anything.
    expect((await svc.app.handoffWait.tick(minutesAfter(STAFFED, 5))).map((h) => h.id)).not.toContain(handoff.id);
    expect((await botTexts(dl, conv)).some((t) => NOTICE.test(t))).toBe(false);

    const told = await svc.app.handoffWait.tick(minutesAfter(STAFFED, 11));
    expect(told.map((h) => h.id)).toContain(handoff.id);
    const shown = await dl.until(conv, NOTICE);
    const notice = shown.find((a) => NOTICE.test(a.text ?? ''));
    expect(notice.text).toContain('072-724-6920');
    expect(notice.text).toContain('平日9時〜17時');
    expect(notice.text).toContain('このチャットでお返事します');
    expect(notice.suggestedActions.actions.map((x: any) => x.title)).toEqual(['折り返しの電話を希望', '自動案内に戻る']);

    // Once: later checks (and the timer) say nothing more.
    await svc.app.handoffWait.tick(minutesAfter(STAFFED, 30));
    await svc.app.handoffWait.tick(minutesAfter(STAFFED, 60));
    expect((await botTexts(dl, conv)).filter((t) => NOTICE.test(t))).toHaveLength(1);

    // Staff see that the citizen was told, and it is in the transcript.
    const seen = (await api.call('GET', `/api/staff/handoffs/${handoff.id}`, s)).body.handoff;
    expect(seen.waitToldAt).not.toBeNull();
    expect(seen.transcript.some((l: any) => l.from === 'bot' && NOTICE.test(l.text))).toBe(true);
  });

  it('says nothing when staff claimed it in time', async () => {
    const { conv, handoff } = await handedOff(svc, s, dl);
    expect((await api.call('POST', `/api/staff/handoffs/${handoff.id}/claim`, s)).status).toBe(200);
    expect((await svc.app.handoffWait.tick(minutesAfter(STAFFED, 11))).map((h) => h.id)).not.toContain(handoff.id);
    await new Promise((r) => setTimeout(r, 300));
    expect((await botTexts(dl, conv)).some((t) => NOTICE.test(t) || AFTER_HOURS.test(t))).toBe(false);
    expect((await api.call('GET', `/api/staff/handoffs/${handoff.id}`, s)).body.handoff.waitToldAt).toBeNull();
  });

  it('tells at once when the desk closes while the citizen waits (R25)', async () => {
    const { conv, handoff } = await handedOff(svc, s, dl);
    // 17:00: the desk phone has closed; the wait does not matter any more.
    const told = await svc.app.handoffWait.tick(new Date('2026-12-01T17:00:30+09:00'));
    expect(told.map((h) => h.id)).toContain(handoff.id);
    const notice = (await dl.until(conv, AFTER_HOURS)).find((a) => AFTER_HOURS.test(a.text ?? ''));
    expect(notice.text).toContain('次の受付日');
    expect(notice.text).toContain('祝日と12月29日〜1月3日はお休みです');
    expect(notice.text).toContain('072-724-6920');
  });

  it('takes a number for a callback from the offer; staff see it and can still answer in the chat', async () => {
    const { conv, handoff } = await handedOff(svc, s, dl);
    await svc.app.handoffWait.tick(minutesAfter(STAFFED, 11));
    await dl.until(conv, NOTICE);

    await dl.send(conv, '折り返しの電話を希望');
    await dl.until(conv, /折り返し先の電話番号を入力してください/);
    await dl.send(conv, '０９０−１２３４−５６７８です');
    const noted = (await dl.until(conv, /折り返しのご依頼を承りました/)).find((a) => /承りました/.test(a.text ?? ''));
    expect(noted.text).toContain('090-1234-5678');

    const seen = (await api.call('GET', `/api/staff/handoffs/${handoff.id}`, s)).body.handoff;
    expect(seen).toMatchObject({ status: 'open', mode: 'callback', callbackPhone: '09012345678' });
    // A chat with a callback request is still a chat: staff's answer reaches it.
    const reply = await api.call('POST', `/api/staff/handoffs/${handoff.id}/reply`, { ...s, body: { text: '14時ごろお電話します。' } });
    expect(reply.body.delivery).toBe('delivered');
    await dl.until(conv, /14時ごろお電話します。/);
  });

  it('passes a message that is no number on to staff, and asks only once', async () => {
    const { conv, handoff } = await handedOff(svc, s, dl);
    await dl.send(conv, '折り返しの電話を希望');
    await dl.until(conv, /折り返し先の電話番号を入力してください/);
    await dl.send(conv, 'やっぱり平日は出られないかもしれません');
    await dl.until(conv, /電話番号を読み取れませんでした/);
    const seen = (await api.call('GET', `/api/staff/handoffs/${handoff.id}`, s)).body.handoff;
    expect(seen).toMatchObject({ mode: 'reply', callbackPhone: null });
    expect(seen.transcript.some((l: any) => l.from === 'citizen' && l.text === 'やっぱり平日は出られないかもしれません')).toBe(true);
  });

  it('going back to the automatic assistant drops the callback request, and the bot answers', async () => {
    const { conv, handoff } = await handedOff(svc, s, dl);
    await dl.send(conv, '折り返し電話お願いします 06-6123-4567');
    await dl.until(conv, /折り返しのご依頼を承りました/);
    expect((await api.call('GET', `/api/staff/handoffs/${handoff.id}`, s)).body.handoff.callbackPhone).toBe('0661234567');
    await dl.send(conv, '自動案内に戻る');
    await dl.until(conv, /折り返しのお電話のご依頼は取り消しました。\n自動案内に戻りました/);
    await dl.send(conv, '手数料はいくらですか');
    await dl.until(conv, /新規発行・更新は無料/);
  });

  it('after staff resolve it, the next message is the bot’s again', async () => {
    const { conv, handoff } = await handedOff(svc, s, dl);
    expect((await api.call('POST', `/api/staff/handoffs/${handoff.id}/resolve`, s)).status).toBe(200);
    await dl.until(conv, /自動案内がお答えします/);
    // A resolved handoff is never told it waits.
    expect((await svc.app.handoffWait.tick(minutesAfter(STAFFED, 11))).map((h) => h.id)).not.toContain(handoff.id);
    await dl.send(conv, '手数料はいくらですか');
    await dl.until(conv, /新規発行・更新は無料/);
  });

  it('greets a web chat opened again during the handoff (not the welcome), and welcomes it after', async () => {
    const { conv, handoff } = await handedOff(svc, s, dl);
    // What a door hands the pipeline when a member joins the conversation again.
    const rt = await svc.app.runtime();
    const rejoin = () =>
      rt.turn({
        type: 'conversationUpdate',
        channelId: 'webchat',
        conversation: { id: conv.conversationId } as never,
        from: { id: `web-${conv.conversationId}`, name: 'citizen', role: 'user' },
        recipient: { id: 'ecert-bot', name: 'bot', role: 'bot' },
        membersAdded: [{ id: `web-${conv.conversationId}`, name: 'citizen' }],
        serviceUrl: 'directline:',
      });
    const during = (await rejoin()).map((a) => a.text).join('\n');
    expect(during).toMatch(/担当職員への引き継ぎ中です/);
    expect(during).toContain('「自動案内に戻る」');
    expect(during).not.toMatch(/予約窓口です/);
    expect((await api.call('POST', `/api/staff/handoffs/${handoff.id}/resolve`, s)).status).toBe(200);
    expect((await rejoin()).map((a) => a.text).join('\n')).toMatch(/予約窓口です/);
  });

  it('tells a LINE user by push, and greets a LINE talk opened again during the handoff and after it', async () => {
    const userId = 'U' + 'd'.repeat(32);
    const post = async (event: object) => {
      const { body, headers } = signedLine(LINE_SECRET, [event]);
      expect((await fetch(svc.url + LINE_WEBHOOK_PATH, { method: 'POST', headers, body })).status).toBe(200);
    };
    const repliedTexts = (from: number) => line.replies().slice(from).flatMap((c) => c.body.messages.map((m: any) => m.text as string));
    await post(lineText(userId, '人と話したいです'));
    const h = (await api.call('GET', '/api/staff/handoffs', s)).body.handoffs.find((x: any) => x.channel === 'line' && x.status === 'open');
    expect(h).toBeDefined();

    // Blocked and followed again while waiting: told that staff have it, never silence.
    let before = line.replies().length;
    await post(lineFollow(userId));
    expect(repliedTexts(before).join('\n')).toMatch(/担当職員への引き継ぎ中です/);
    expect(repliedTexts(before).join('\n')).toContain('自動案内に戻る');
    expect(repliedTexts(before).join('\n')).not.toMatch(/予約窓口です/);

    const pushed = line.pushes().length;
    const told = await svc.app.handoffWait.tick(minutesAfter(STAFFED, 11));
    expect(told.map((x) => x.id)).toContain(h.id);
    const push = line.pushes().slice(pushed).find((c) => c.body.to === userId)!;
    expect(push.body.messages.map((m: any) => m.text).join('\n')).toMatch(NOTICE);
    expect(push.body.messages.map((m: any) => m.text).join('\n')).toContain('このトークでお返事します');
    expect(push.body.messages.at(-1).quickReply.items.map((i: any) => i.action.label)).toEqual(['折り返しの電話を希望', '自動案内に戻る']);
    // After the notice, opening it again offers the callback too.
    before = line.replies().length;
    await post(lineFollow(userId));
    expect(repliedTexts(before).join('\n')).toContain('「折り返しの電話を希望」');

    // Staff resolve it: a talk opened again is welcomed as any other.
    expect((await api.call('POST', `/api/staff/handoffs/${h.id}/resolve`, s)).status).toBe(200);
    before = line.replies().length;
    await post(lineFollow(userId));
    expect(repliedTexts(before).join('\n')).toMatch(/予約窓口です/);
    line.expectValid();
  });
});

describe('a handoff outside desk hours (R25)', () => {
  let svc: RunningApp;
  let dl: ReturnType<typeof directLine>;
  let s: StaffLogin;
  beforeAll(async () => {
    svc = await startApp({ FAKE_NOW: SATURDAY, STAFF_ADMIN_USER: ADMIN.user, STAFF_ADMIN_PASSWORD: ADMIN.password });
    await svc.app.runtime();
    dl = directLine(svc.url);
    s = await staffApi(svc.url, ADMIN).login();
  });
  afterAll(() => svc?.stop());

  it('tells the citizen at once, in the handoff message, and never again', async () => {
    const { conv, handoff } = await handedOff(svc, s, dl);
    const first = (await dl.activities(conv)).find((a) => /担当の職員に引き継ぎました/.test(a.text ?? ''));
    expect(first.text).toMatch(/受付時間外のため、職員はすぐにはお返事できません/);
    expect(first.text).toContain('072-724-6920');
    expect(first.suggestedActions.actions.map((x: any) => x.title)).toEqual(['折り返しの電話を希望', '自動案内に戻る']);
    expect(handoff.waitToldAt).not.toBeNull();
    // The job finds nothing more to say, however long it waits.
    expect((await svc.app.handoffWait.tick(minutesAfter(SATURDAY, 0.5))).map((h) => h.id)).not.toContain(handoff.id);
    expect((await svc.app.handoffWait.tick(minutesAfter(SATURDAY, 120))).map((h) => h.id)).not.toContain(handoff.id);
    expect((await botTexts(dl, conv)).filter((t) => AFTER_HOURS.test(t))).toHaveLength(1);
  });
});

describe.skipIf(!redisUrl || !postgresUrl)('two instances sharing Redis and PostgreSQL', () => {
  it('tell each waiting citizen once, whichever instance checks', async () => {
    const db = await freshSchema(postgresUrl!);
    const env = { REDIS_URL: redisUrl!, DATABASE_URL: db.url, DIRECTLINE_SECRET: 'shared-secret-for-test-0123456789abcdef', FAKE_NOW: STAFFED, STAFF_ADMIN_USER: ADMIN.user, STAFF_ADMIN_PASSWORD: ADMIN.password };
    const a = await startApp(env);
    const b = await startApp(env);
    try {
      await Promise.all([a.app.runtime(), b.app.runtime()]);
      const s = await staffApi(a.url, ADMIN).login();
      // Three citizens, on either instance.
      const chats = [];
      for (const [i, svc] of [a, b, a].entries()) chats.push({ dl: directLine(svc.url), ...(await handedOff(svc, s, directLine(svc.url), `職員と話したいです(${i + 1})`)) });
      const at = minutesAfter(STAFFED, 11);
      // Both instances check at the same moment, twice.
      const told = (await Promise.all([a.app.handoffWait.tick(at), b.app.handoffWait.tick(at), a.app.handoffWait.tick(at), b.app.handoffWait.tick(at)])).flat();
      const ids = chats.map((c) => c.handoff.id);
      expect(told.map((h) => h.id).filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
      for (const c of chats) await c.dl.until(c.conv, NOTICE);
      await new Promise((r) => setTimeout(r, 300));
      for (const c of chats) expect((await botTexts(c.dl, c.conv)).filter((t) => NOTICE.test(t))).toHaveLength(1);
    } finally {
      await a.stop();
      await b.stop();
      await db.drop();
    }
  });
});
