// The proxy form request (R21c step 1) through the real service: a citizen asks on web chat
// (Direct Line), on LINE (signed webhooks, replies to the fake LINE API) and on the phone line
// (signed Twilio webhooks, speech as speech-to-text prints it); staff see each request in the
// console's API — the number in full, to call back — move it on (called back, mailed, closed)
// behind login and CSRF, every step in its audit trail, and every console hears of it live.
// A My Number typed for the name is never kept, and the name never reaches a log line.
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LINE_WEBHOOK_PATH, TWILIO_VOICE_PATH } from '../../adapters/app.js';
import { createLogger } from '../../adapters/log.js';
import { INDIVIDUAL_NUMBER_MASK } from '../../adapters/ledger/individual-number.js';
import { startApp, type RunningApp } from '../support/app.js';
import { lineText, signedLine, sseListen, staffApi, twilioCaller, webChatFrom } from '../support/clients.js';
import { startFakeLine } from '../support/fake-line.js';

const ADMIN = { user: 'tanaka', password: 'correct horse battery' };
const LINE_SECRET = 'proxy-line-secret';
const TWILIO_TOKEN = 'proxy-twilio-token';
const PUBLIC = 'https://ecert.example.jp';
const NAMES = ['ミノオ ハナコ', 'サトウ ケイ', 'ヤマダハナコ'];

describe('proxy form requests, end to end', () => {
  let svc: RunningApp;
  let line: Awaited<ReturnType<typeof startFakeLine>>;
  const logged: string[] = [];
  beforeAll(async () => {
    line = await startFakeLine();
    const sink = new Writable({ write: (chunk, _enc, done) => void (logged.push(String(chunk)), done()) });
    svc = await startApp(
      {
        FAKE_NOW: '2026-12-07T10:00:00+09:00',
        STAFF_ADMIN_USER: ADMIN.user,
        STAFF_ADMIN_PASSWORD: ADMIN.password,
        LINE_CHANNEL_SECRET: LINE_SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: 'token',
        LINE_API_BASE_URL: line.url,
        TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
        PUBLIC_BASE_URL: PUBLIC,
      },
      { logger: createLogger('debug', sink) },
    );
  });
  afterEach(() => line.expectValid());
  afterAll(async () => {
    await svc?.stop();
    await line?.close();
  });

  const staff = () => staffApi(svc.url, ADMIN);
  const list = async () => {
    const s = await staff().login();
    const r = await staff().call('GET', '/api/staff/proxy-requests', s);
    expect(r.status).toBe(200);
    return r.body.requests as any[];
  };

  it('web chat: asked, read back, agreed — the console lists it with the number in full, live', async () => {
    const s = await staff().login();
    const events = await sseListen(svc.url + '/api/staff/events', s.cookie);
    const chat = await webChatFrom(svc.url, '203.0.113.21');
    expect(await chat.say('母の代わりに私が手続きに行きたいのですが')).toContain('郵送のご依頼を、ここでお受けしましょうか');
    expect(await chat.say('郵送を依頼する')).toContain('転送不要');
    expect(await chat.say('本人です')).toContain('カタカナかひらがな');
    // A My Number typed where the name is asked: not taken, and not kept in the transcript.
    expect(await chat.say('1234 5678 9012')).toContain('マイナンバーなどの番号は入力しないでください');
    expect(await chat.say('みのお はなこ')).toContain('誕生日');
    expect(await chat.say('5月3日')).toContain('電話番号');
    // The read-back is a card in Web Chat: its lead as text, the details as the card's facts.
    expect(await chat.say('090-1234-5678')).toContain('照会書兼回答書の郵送を依頼します。よろしいですか');
    expect((await list()).filter((r) => r.channel === 'web')).toEqual([]);
    expect(await chat.say('はい')).toContain('折り返しお電話');

    await events.waitFor((e) => e.event === 'proxy-requests' && e.data.status === 'new');
    const [r] = (await list()).filter((x) => x.channel === 'web');
    expect(r).toMatchObject({ kanaName: 'ミノオ ハナコ', birthday: '05-03', phone: '09012345678', status: 'new', next: ['called-back', 'closed'] });
    expect(r.history).toMatchObject([{ staff: 'system', from: null, to: 'new' }]);
    // The live event names the request, never the name or the number.
    expect(JSON.stringify(events.events)).not.toMatch(/ミノオ|09012345678/);
    await events.stop();

    const transcript = JSON.stringify((await svc.app.transcripts.getTranscriptActivities('webchat', chat.conversationId)).items);
    expect(transcript).toContain('ミノオ ハナコ');
    expect(transcript).toContain('090-1234-5678');
    expect(transcript).toContain(INDIVIDUAL_NUMBER_MASK);
    expect(transcript).not.toContain('1234 5678 9012');
  });

  it('LINE: the same request through signed webhooks; the read-back is a confirmation card', async () => {
    const user = 'U' + 'd'.repeat(32);
    const say = async (text: string) => {
      const before = line.replies().length;
      const { body, headers } = signedLine(LINE_SECRET, [lineText(user, text)]);
      expect((await fetch(svc.url + LINE_WEBHOOK_PATH, { method: 'POST', headers, body })).status).toBe(200);
      const replies = line.replies().slice(before);
      expect(replies).toHaveLength(1);
      return replies[0]!.body.messages as any[];
    };
    expect(JSON.stringify(await say('照会書を送ってほしいです'))).toContain('どなた');
    expect(JSON.stringify(await say('法定代理人です'))).toContain('カタカナかひらがな');
    expect(JSON.stringify(await say('サトウ ケイ'))).toContain('誕生日');
    expect(JSON.stringify(await say('11月30日'))).toContain('電話番号');
    const card = await say('080-2222-3333');
    expect(card.at(-1).type).toBe('flex');
    expect(JSON.stringify(card)).toContain('サトウ ケイ');
    expect(JSON.stringify(await say('はい'))).toContain('ご依頼をお受けしました');
    expect((await list()).find((r) => r.channel === 'line')).toMatchObject({ kanaName: 'サトウ ケイ', birthday: '11-30', phone: '08022223333', status: 'new' });
  });

  it('the phone: the name as speech-to-text printed it, read back; the caller’s own number offered', async () => {
    const say = twilioCaller(svc.url, { authToken: TWILIO_TOKEN, publicBaseUrl: PUBLIC, path: TWILIO_VOICE_PATH, callSid: 'CA' + 'e'.repeat(32), from: '+819044445555' });
    await say();
    const offer = await say({ SpeechResult: 'ははのかわりに わたしがいきたいんですけど' });
    expect(offer).toContain('依頼する場合は1');
    // Speech-to-text is told the words an answer is made of.
    expect(offer).toMatch(/hints="[^"]*依頼しない/);
    const requester = await say({ Digits: '1' });
    expect(requester).toContain('ご本人なら1');
    expect(requester).toMatch(/hints="[^"]*法定代理人/);
    expect(await say({ Digits: '1' })).toContain('お名前');
    expect(await say({ SpeechResult: '山田花子です' })).toContain('ヤマダハナコさま');
    expect(await say({ Digits: '1' })).toContain('誕生日');
    expect(await say({ Digits: '0503' })).toContain('0 9 0、4 4 4 4、5 5 5 5');
    expect(await say({ Digits: '1' })).toContain('ヤマダハナコさま、誕生日は5月3日');
    expect(await say({ Digits: '1' })).toContain('折り返しお電話します');
    expect((await list()).find((r) => r.channel === 'phone')).toMatchObject({ kanaName: 'ヤマダハナコ', birthday: '05-03', phone: '09044445555', status: 'new' });
  });

  it('staff move a request on one step at a time; each step is in its history with who did it; refused steps are 4xx JSON', async () => {
    const api = staff();
    const s = await api.login();
    const id = (await list()).find((r) => r.channel === 'web').id as string;
    const move = (to: unknown, opts: { cookie?: string; csrf?: string } = s, target = id) => api.call('POST', `/api/staff/proxy-requests/${target}/status`, { ...opts, body: { status: to } });

    expect((await api.call('GET', '/api/staff/proxy-requests')).status).toBe(401);
    const noCsrf = await move('called-back', { cookie: s.cookie });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('csrf');
    expect((await move('sent')).body.error.code).toBe('bad-status');
    expect((await move('called-back', s, 'not-an-id')).status).toBe(400);
    expect((await move('called-back', s, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const skipped = await move('mailed');
    expect(skipped.status).toBe(409);
    expect(skipped.body.error.code).toBe('not-allowed');

    const events = await sseListen(svc.url + '/api/staff/events', s.cookie);
    const called = await move('called-back');
    expect(called.status).toBe(200);
    expect(called.body.request).toMatchObject({ status: 'called-back', updatedBy: ADMIN.user, next: ['mailed', 'closed'] });
    await events.waitFor((e) => e.event === 'proxy-requests' && e.data.id === id && e.data.status === 'called-back');
    await events.stop();
    expect((await move('mailed')).body.request.status).toBe('mailed');
    const closed = await move('closed');
    expect(closed.body.request).toMatchObject({ status: 'closed', next: [] });
    expect(closed.body.request.history.map((h: any) => [h.staff, h.from, h.to])).toEqual([
      ['system', null, 'new'],
      [ADMIN.user, 'new', 'called-back'],
      [ADMIN.user, 'called-back', 'mailed'],
      [ADMIN.user, 'mailed', 'closed'],
    ]);
    expect((await move('called-back')).status).toBe(409);
    // A closed request stays in the list (greyed) for a week.
    expect((await list()).find((r) => r.id === id).status).toBe('closed');

    const { rows } = await svc.app.ledger.db.query<{ action: string; detail: unknown }>("SELECT action, detail FROM audit_log WHERE staff = $1 AND action LIKE '%proxy-request%' ORDER BY id", [ADMIN.user]);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['list-proxy-requests', 'proxy-request-status', 'proxy-request-status-refused']));
    // The audit trail holds statuses, never the name or the number.
    expect(JSON.stringify(rows)).not.toMatch(/ミノオ|ハナコ|09012345678/);
  });

  it('no name, birthday or number of a request reaches a log line', () => {
    const all = logged.join('');
    expect(all.length).toBeGreaterThan(0);
    for (const name of NAMES) expect(all).not.toContain(name);
    expect(all).not.toMatch(/09012345678|08022223333|09044445555/);
  });
});
