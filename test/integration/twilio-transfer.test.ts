// A caller asks for a person during desk hours: the line dials staff in E.164 with an action, a
// ring timeout and the line's own number as caller ID. Twilio then posts the transfer's outcome
// (DialCallStatus) to the action, signed: staff answered → goodbye, and the handoff is done; no
// one answered (no-answer, busy, failed) → a callback is offered, and what the caller chooses
// reaches the staff console as a callback request with its number.
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWILIO_DIAL_STATUS_PATH, TWILIO_VOICE_PATH } from '../../adapters/app.js';
import { defaultOfficeConfig } from '../../domain/office-config.js';
import { startApp, type RunningApp } from '../support/app.js';
import { staffApi, type StaffLogin } from '../support/clients.js';
import { parseXml, twimlProblems, verbs } from '../support/twiml.js';

const TOKEN = 'test-auth-token';
const PUBLIC = 'https://ecert.example.jp';
const LINE = '+815055550123'; // the Twilio number citizens call
const ADMIN = { user: 'tanaka', password: 'correct horse battery' };
// 12月1日(火) 10:00: the desk is staffed.
const NOW = '2026-12-01T10:00:00+09:00';

describe('transfer to staff on the phone line', () => {
  let svc: RunningApp;
  let api: ReturnType<typeof staffApi>;
  let s: StaffLogin;
  beforeAll(async () => {
    // The office file writes the number as people do; the line dials it in E.164.
    const config = { ...defaultOfficeConfig(), staffTransferNumber: '072-724-6920' };
    svc = await startApp({ FAKE_NOW: NOW, TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: PUBLIC, STAFF_ADMIN_USER: ADMIN.user, STAFF_ADMIN_PASSWORD: ADMIN.password }, { config });
    api = staffApi(svc.url, ADMIN);
    s = await api.login();
  });
  afterAll(() => svc?.stop());

  /** Posts as Twilio does: form-encoded, signed over PUBLIC_BASE_URL + path and query. */
  const post = async (pathAndQuery: string, params: Record<string, string>, sign = true) => {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (sign) headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(TOKEN, PUBLIC + pathAndQuery, params);
    const res = await fetch(svc.url + pathAndQuery, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
    return { status: res.status, body: await res.text() };
  };

  /** A call: each step answers the last TwiML's Gather, or its Dial's action with a DialCallStatus. */
  function call(callSid: string, from: string) {
    let next = TWILIO_VOICE_PATH;
    const base = { AccountSid: 'AC' + '0'.repeat(32), ApiVersion: '2010-04-01', CallSid: callSid, From: from, To: LINE, Called: LINE, Caller: from, Direction: 'inbound', CallStatus: 'in-progress' };
    const step = async (input: Record<string, string> = {}) => {
      const r = await post(next, { ...base, ...input });
      expect(r.status).toBe(200);
      expect(twimlProblems(r.body)).toEqual([]);
      const v = verbs(r.body);
      next = (v.find((x) => x.name === 'Gather' || x.name === 'Dial')?.attrs.action ?? '').replace(/&amp;/g, '&');
      return r.body;
    };
    /** Twilio's request to the Dial's action when the call to staff ends. */
    const dialEnded = (status: string) =>
      step({ DialCallStatus: status, DialCallSid: 'CA' + 'f'.repeat(32), DialBridged: String(status === 'completed'), ...(status === 'completed' ? { DialCallDuration: '95' } : {}) });
    return { step, dialEnded, next: () => next };
  }

  const seen = new Set<string>();
  /** The handoff this call opened: the one phone handoff staff see that no earlier test opened. */
  const remember = async (_callSid: string) => {
    const list = (await api.call('GET', '/api/staff/handoffs', s)).body.handoffs as { id: string; channel: string }[];
    const fresh = list.filter((h) => h.channel === 'phone' && !seen.has(h.id));
    expect(fresh).toHaveLength(1);
    seen.add(fresh[0]!.id);
    return fresh[0]!.id;
  };
  const handoff = async (id: string) => (await api.call('GET', `/api/staff/handoffs/${id}`, s)).body.handoff;

  it('dials staff in E.164, with the dial-status action, a 20 s ring and the line’s number as caller ID', async () => {
    const sid = 'CA' + '1'.repeat(32);
    const c = call(sid, '+819011112222');
    await c.step();
    const twiml = await c.step({ Digits: '0' });
    const dial = verbs(twiml).find((v) => v.name === 'Dial')!;
    expect(dial.text).toBe('+81727246920');
    expect(dial.attrs).toEqual({ action: `${TWILIO_DIAL_STATUS_PATH}?turn=2`, method: 'POST', timeout: '20', callerId: LINE });
    expect(verbs(twiml).find((v) => v.name === 'Say')?.text).toContain('おつなぎします');
    const id = await remember(sid);
    expect(await handoff(id)).toMatchObject({ channel: 'phone', mode: 'transfer', status: 'open', callbackPhone: '09011112222' });
    // Staff answered and the talk ended: a polite goodbye, and the handoff is done.
    const ended = await c.dialEnded('completed');
    expect(verbs(ended).map((v) => v.name)).toEqual(['Say', 'Hangup']);
    expect(verbs(ended)[0]!.text).toContain('お電話ありがとうございました');
    expect(await handoff(id)).toMatchObject({ status: 'resolved' });
  });

  it.each([
    ['no-answer', '2'],
    ['busy', '3'],
    ['failed', '4'],
  ])('%s: the caller hears no one could answer, presses 1, and staff see a callback to the caller’s number', async (status, n) => {
    const sid = 'CA' + n.repeat(32);
    const from = `+8190${n.repeat(8)}`;
    const c = call(sid, from);
    await c.step();
    await c.step({ SpeechResult: '担当者と話したいです' });
    const id = await remember(sid);
    const offer = await c.dialEnded(status);
    const gather = parseXml(offer).children.find((v) => v.name === 'Gather')!;
    expect(gather.attrs).toMatchObject({ numDigits: '1', action: expect.stringContaining(TWILIO_VOICE_PATH) });
    expect(gather.children[0]!.text).toMatch(/担当者が出られません.*折り返し.*1、.*2を/);
    const noted = await c.step({ Digits: '1' });
    expect(verbs(noted).map((v) => v.name)).toEqual(['Say', 'Hangup']);
    expect(verbs(noted)[0]!.text).toContain(`0 9 0、${n.repeat(4).split('').join(' ')}`);
    expect(await handoff(id)).toMatchObject({ channel: 'phone', mode: 'callback', status: 'open', callbackPhone: `090${n.repeat(8)}` });
  });

  it('a caller who wants the callback on another number keys it, ended by #', async () => {
    const sid = 'CA' + '5'.repeat(32);
    const c = call(sid, '+819055555555');
    await c.step();
    await c.step({ Digits: '0' });
    const id = await remember(sid);
    await c.dialEnded('no-answer');
    const ask = await c.step({ Digits: '2' });
    const gather = parseXml(ask).children.find((v) => v.name === 'Gather')!;
    expect(gather.attrs.finishOnKey).toBe('#');
    expect(gather.attrs.numDigits).toBeUndefined();
    const noted = await c.step({ Digits: '0727111234' });
    expect(verbs(noted).at(-1)!.name).toBe('Hangup');
    expect(await handoff(id)).toMatchObject({ mode: 'callback', callbackPhone: '0727111234' });
  });

  it('a caller whose number is withheld is asked for one at once', async () => {
    const sid = 'CA' + '6'.repeat(32);
    const c = call(sid, 'anonymous');
    await c.step();
    await c.step({ Digits: '0' });
    const id = await remember(sid);
    const ask = await c.dialEnded('busy');
    expect(parseXml(ask).children.find((v) => v.name === 'Gather')!.attrs.numDigits).toBeUndefined();
    await c.step({ SpeechResult: '090 6666 7777' });
    expect(await handoff(id)).toMatchObject({ mode: 'callback', callbackPhone: '09066667777' });
  });

  it('a silent line after a transfer no one took ends kindly with the desk phone', async () => {
    const sid = 'CA' + '9'.repeat(32);
    const c = call(sid, '+819099990000');
    await c.step();
    await c.step({ Digits: '0' });
    let twiml = await c.dialEnded('no-answer');
    for (let i = 0; i < 5 && verbs(twiml).at(-1)!.name !== 'Hangup'; i++) {
      const redirect = verbs(twiml).find((v) => v.name === 'Redirect')!.text.replace(/&amp;/g, '&');
      const r = await post(redirect, { CallSid: sid, From: '+819099990000', To: LINE });
      expect(twimlProblems(r.body)).toEqual([]);
      twiml = r.body;
    }
    expect(verbs(twiml).at(-1)!.name).toBe('Hangup');
    expect(twiml).toContain('0 7 2、7 2 4、6 9 2 0');
  });

  it('answers a retried dial status with the same TwiML, and refuses an unsigned one', async () => {
    const sid = 'CA' + 'a'.repeat(32);
    const c = call(sid, '+819012340000');
    await c.step();
    await c.step({ Digits: '0' });
    const action = c.next();
    const params = { CallSid: sid, From: '+819012340000', To: LINE, DialCallStatus: 'no-answer', DialCallSid: 'CA' + 'e'.repeat(32) };
    const first = await post(action, params);
    const again = await post(action, params);
    expect(again.body).toBe(first.body);
    expect((await post(action, params, false)).status).toBe(403);
    expect((await post(TWILIO_DIAL_STATUS_PATH, { From: '+819012340000', DialCallStatus: 'busy' })).status).toBe(400);
  });
});
