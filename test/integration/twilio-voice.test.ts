// The reservation phone line through signed Twilio webhooks, by keypad and by speech.
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWILIO_VOICE_PATH } from '../../adapters/app.js';
import { startApp, type RunningApp } from '../support/app.js';

const TOKEN = 'test-auth-token';
const PUBLIC = 'https://ecert.example.jp';

describe('Twilio voice webhook', () => {
  let svc: RunningApp;
  beforeAll(async () => {
    svc = await startApp({ FAKE_NOW: '2026-11-25T10:00:00+09:00', TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: PUBLIC });
  });
  afterAll(() => svc?.stop());

  /** Posts as Twilio does: form-encoded, signed over PUBLIC_BASE_URL + path and query. */
  const post = async (query: string, params: Record<string, string>, sign: 'good' | 'none' | 'forged' = 'good') => {
    const path = `${TWILIO_VOICE_PATH}${query}`;
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (sign === 'good') headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(TOKEN, PUBLIC + path, params);
    if (sign === 'forged') headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature('wrong-token', PUBLIC + path, params);
    const res = await fetch(svc.url + path, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
    return { status: res.status, body: await res.text() };
  };
  /** The next turn's query string, read from the Gather's action. */
  const nextQuery = (twiml: string) => /action="[^"?]*(\?turn=\d+)"/.exec(twiml)?.[1] ?? '';

  const call = (callSid: string, from = '+819011112222') => {
    let query = '';
    return async (input: { Digits?: string; SpeechResult?: string } = {}) => {
      const r = await post(query, { CallSid: callSid, From: from, To: '+81727246920', AccountSid: 'AC' + '0'.repeat(32), ...input });
      expect(r.status).toBe(200);
      query = nextQuery(r.body);
      return r.body;
    };
  };

  it('books a window by keypad, offering the caller’s number, and answers a retried webhook the same way', async () => {
    const say = call('CA' + 'a'.repeat(32));
    const welcome = await say();
    expect(welcome).toContain('<Gather input="speech dtmf" language="ja-JP"');
    expect(welcome).toContain('numDigits="1"');
    expect(welcome).toContain('予約は1');
    expect(await say({ Digits: '1' })).toContain('通知書');
    expect(await say({ Digits: '1' })).toContain('カード本体');
    expect(await say({ Digits: '2' })).toContain('ご本人');
    expect(await say({ Digits: '1' })).toContain('日にち');
    const time = await say({ SpeechResult: '12月3日の10時でお願いします' });
    expect(time).toContain('12月3日 木曜日、10時から10時半');
    expect(time).not.toContain('numDigits');
    expect(await say({ Digits: '0503' })).toContain('0 9 0、1 1 1 1、2 2 2 2');
    expect(await say({ Digits: '1' })).toContain('よろしければ1を');
    const booked = await say({ Digits: '1' });
    expect(booked).toContain('予約が完了しました');
    const day = await svc.app.ledger.ledger.listByDate('2026-12-03');
    expect(day).toHaveLength(1);
    expect(day[0]).toMatchObject({ channel: 'phone', phone: '09011112222', birthday: '05-03' });
  });

  it('books a window by speech alone, as Twilio’s ja-JP speech-to-text renders it', async () => {
    const say = call('CA' + 'e'.repeat(32), '+819077778888');
    await say();
    expect(await say({ SpeechResult: 'えーと 予約をお願いしたいんですけど' })).toContain('通知書');
    expect(await say({ SpeechResult: 'はい届いてます' })).toContain('カード本体');
    expect(await say({ SpeechResult: 'いいえ' })).toContain('ご本人');
    expect(await say({ SpeechResult: 'はい本人です' })).toContain('日にち');
    expect(await say({ SpeechResult: '十二月九日の午後二時で' })).toContain('12月9日 水曜日、14時から14時半');
    expect(await say({ SpeechResult: '誕生日は三月三日です' })).toContain('0 9 0、7 7 7 7、8 8 8 8');
    expect(await say({ SpeechResult: 'はいその番号で' })).toContain('よろしければ1を');
    expect(await say({ SpeechResult: 'はいお願いします' })).toContain('予約が完了しました');
    const day = (await svc.app.ledger.ledger.listByDate('2026-12-09')).filter((r) => r.phone === '09077778888');
    expect(day.map((r) => [r.start, r.birthday])).toEqual([['14:00', '03-03']]);
  });

  it('a webhook retried by Twilio gets the same TwiML and never books twice', async () => {
    const sid = 'CA' + 'b'.repeat(32);
    const params = { CallSid: sid, From: '+819033334444', To: '+81727246920' };
    let query = '';
    let body = '';
    const steps: Record<string, string>[] = [{}, { Digits: '1' }, { Digits: '1' }, { Digits: '2' }, { Digits: '1' }, { SpeechResult: '12月4日の11時' }, { Digits: '0707' }, { Digits: '1' }];
    for (const s of steps) {
      body = (await post(query, { ...params, ...s })).body;
      query = nextQuery(body);
    }
    const confirmQuery = query;
    const first = await post(confirmQuery, { ...params, Digits: '1' });
    const retried = await post(confirmQuery, { ...params, Digits: '1' });
    expect(first.body).toContain('予約が完了しました');
    expect(retried.body).toBe(first.body);
    const day = (await svc.app.ledger.ledger.listByDate('2026-12-04')).filter((r) => r.phone === '09033334444');
    expect(day).toHaveLength(1);
  });

  it('asks again when nothing is said, and after repeated silence ends the call kindly with the desk number', async () => {
    const sid = 'CA' + 'c'.repeat(32);
    const params = { CallSid: sid, From: '+819055556666', To: '+81727246920' };
    const welcome = await post('', params);
    const redirect = /<Redirect method="POST">([^<]+)<\/Redirect>/.exec(welcome.body)![1]!.replace(/&amp;/g, '&').replace(TWILIO_VOICE_PATH, '');
    const again = await post(redirect, params);
    expect(again.body).toContain('聞き取れませんでした');
    const redirect2 = /<Redirect method="POST">([^<]+)<\/Redirect>/.exec(again.body)![1]!.replace(/&amp;/g, '&').replace(TWILIO_VOICE_PATH, '');
    const ended = await post(redirect2, params);
    expect(ended.body).toContain('おかけ直しください');
    expect(ended.body).toContain('072、724、6920');
    expect(ended.body).toMatch(/<Hangup\/>/);
  });

  it('refuses unsigned and forged webhooks with 403, and a signed one without a call with 400', async () => {
    const params = { CallSid: 'CA' + 'd'.repeat(32), From: '+819000000000' };
    expect((await post('', params, 'none')).status).toBe(403);
    expect((await post('', params, 'forged')).status).toBe(403);
    expect((await post('', { From: '+819000000000' })).status).toBe(400);
  });
});
