// The reservation phone line through signed Twilio webhooks, by keypad and by speech.
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWILIO_VOICE_PATH } from '../../adapters/app.js';
import { startApp, type RunningApp } from '../support/app.js';
import { parseXml, twimlProblems } from '../support/twiml.js';

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
    return async (input: { Digits?: string; SpeechResult?: string; Confidence?: string } = {}) => {
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
    expect(time).toContain('12月3日 木曜日、10時は空いています');
    expect(time).toContain('numDigits="4"'); // the birthday, MMDD
    expect(await say({ Digits: '0503' })).toContain('0 9 0、1 1 1 1、2 2 2 2');
    expect(await say({ Digits: '1' })).toContain('よろしければ1、');
    const booked = await say({ Digits: '1' });
    expect(booked).toMatch(/で予約しました。番号は/);
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
    expect(await say({ SpeechResult: '十二月九日の午後二時で' })).toContain('12月9日 水曜日、14時は空いています');
    expect(await say({ SpeechResult: '誕生日は三月三日です' })).toContain('0 9 0、7 7 7 7、8 8 8 8');
    expect(await say({ SpeechResult: 'はいその番号で' })).toContain('よろしければ1、');
    expect(await say({ SpeechResult: 'はいお願いします' })).toMatch(/で予約しました。番号は/);
    const day = (await svc.app.ledger.ledger.listByDate('2026-12-09')).filter((r) => r.phone === '09077778888');
    expect(day.map((r) => [r.start, r.birthday])).toEqual([['14:00', '03-03']]);
  });

  it('says back a detail heard with low confidence before using it: yes takes it, 2 asks again, a clear answer goes on', async () => {
    const say = call('CA' + 'c'.repeat(31) + '7', '+819066667777');
    const unsure = (words: string) => say({ SpeechResult: words, Confidence: '0.31' });
    await say();
    await say({ Digits: '1' });
    await say({ Digits: '1' });
    await say({ Digits: '2' });
    expect(await say({ Digits: '1' })).toContain('日にち');
    // 「じゅうにがつとおか」 heard unsurely: said back, a yes/no on one key; nothing looked up yet.
    const back = await unsure('じゅうにがつとおかで');
    expect(back).toContain('12月10日 木曜日で、よろしいですか。よろしければ1、違えば2');
    expect(gatherOf(back)?.numDigits).toBe('1');
    expect(back).not.toContain('空いています');
    // 2: sorry, and the date question again (not counted as a miss).
    const again = await say({ Digits: '2' });
    expect(again).toContain('失礼しました');
    expect(again).toContain('日にち');
    // Said again, clearly this time: no question, it goes on.
    expect(await say({ SpeechResult: '12月9日の10時', Confidence: '0.93' })).toContain('12月9日 水曜日、10時は空いています');
    // The birthday heard unsurely, then 「はい」: taken as said back.
    expect(await unsure('さんがつよっかです')).toContain('3月4日で、よろしいですか');
    expect(await say({ SpeechResult: 'はい' })).toContain('0 9 0、6 6 6 6、7 7 7 7');
    expect(await say({ Digits: '1' })).toContain('よろしければ1、');
    expect(await say({ Digits: '1' })).toMatch(/で予約しました。番号は/);
    const day = (await svc.app.ledger.ledger.listByDate('2026-12-09')).filter((r) => r.phone === '09066667777');
    expect(day.map((r) => [r.start, r.birthday])).toEqual([['10:00', '03-04']]);
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
    expect(first.body).toMatch(/で予約しました。番号は/);
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
    expect(ended.body).toContain('0 7 2、7 2 4、6 9 2 0');
    expect(ended.body).toMatch(/<Hangup\/>/);
  });

  /** The Gather's attributes (undefined when the turn has none). */
  const gatherOf = (twiml: string) => parseXml(twiml).children.find((c) => c.name === 'Gather')?.attrs;
  const hintsOf = (twiml: string) => (gatherOf(twiml)?.hints ?? '').split(',');

  it('listens for what each question takes: one key for a menu or a yes/no, four for a birthday, eight for a reservation number, a phone number up to #', async () => {
    const say = call('CA' + '7'.repeat(32), '+819012121212');
    const turns: string[] = [];
    const step = async (input?: { Digits?: string; SpeechResult?: string }) => {
      const twiml = await say(input);
      turns.push(twiml);
      return twiml;
    };
    const welcome = await step();
    expect(gatherOf(welcome)).toMatchObject({ numDigits: '1', finishOnKey: '#' });
    expect(hintsOf(welcome)).toEqual(expect.arrayContaining(['予約', 'キャンセル', '担当者']));
    const notice = await step({ Digits: '1' });
    expect(gatherOf(notice)).toMatchObject({ numDigits: '1', speechTimeout: '2' });
    expect(hintsOf(notice)).toEqual(expect.arrayContaining(['はい', 'いいえ']));
    expect(gatherOf(await step({ Digits: '1' }))?.numDigits).toBe('1'); // the card's expiry, yes/no
    expect(gatherOf(await step({ Digits: '2' }))?.numDigits).toBe('1'); // in person, yes/no
    const date = await step({ Digits: '1' });
    // A date is keyed MMDD; the days just offered help the speech recogniser.
    expect(gatherOf(date)).toMatchObject({ numDigits: '4', finishOnKey: '#' });
    const offeredDay = /(\d{1,2})月(\d{1,2})日/.exec(date)?.[0];
    if (offeredDay) expect(hintsOf(date)).toContain(offeredDay);
    const birthday = await step({ SpeechResult: '12月4日の14時でお願いします' });
    expect(gatherOf(birthday)).toMatchObject({ numDigits: '4', speechTimeout: '3' });
    expect(hintsOf(birthday)).toEqual(expect.arrayContaining(['12月4日', '14時']));
    expect(gatherOf(await step({ Digits: '0707' }))?.numDigits).toBe('1'); // this number? 1 / 2
    const phone = await step({ Digits: '2' });
    // A phone number's length is not known: keys until # (or the timeout).
    expect(gatherOf(phone)).toMatchObject({ finishOnKey: '#', speechTimeout: '3' });
    expect(gatherOf(phone)?.numDigits).toBeUndefined();
    expect(gatherOf(await step({ Digits: '0312345678' }))?.numDigits).toBe('1'); // the read-back
    const booked = await step({ Digits: '1' });
    expect(booked).toMatch(/で予約しました。番号は/);
    expect(gatherOf(booked)?.numDigits).toBe('1'); // another member of the family? yes/no
    // 「予約の確認もしたい」 there goes on to it (2 would end the call: the question says 2 = 終わる).
    const number = (await svc.app.ledger.ledger.listByDate('2026-12-04')).find((r) => r.phone === '0312345678')!.number;
    const askNumber = await step({ SpeechResult: '予約の確認もしたいです' });
    expect(gatherOf(askNumber)).toMatchObject({ numDigits: '8', finishOnKey: '#' });
    expect(gatherOf(await step({ Digits: number }))?.numDigits).toBe('4'); // the birthday to find it
    // What to do with it, and then 「ほかにご用件」, are menus: a key answers at once, not after the timeout.
    const manage = await step({ Digits: '0707' });
    expect(manage).toContain('変更は1、キャンセルは2、このままなら3');
    expect(gatherOf(manage)?.numDigits).toBe('1');
    const menu = await step({ Digits: '3' });
    expect(menu).toContain('ほかにご用件');
    expect(gatherOf(menu)?.numDigits).toBe('1');
    // Every turn is TwiML Twilio accepts, with the documented model for ja-JP and whole-second speech timeouts.
    for (const t of turns) {
      expect(twimlProblems(t)).toEqual([]);
      expect(gatherOf(t)).toMatchObject({ language: 'ja-JP', speechModel: 'googlev2_telephony', speechTimeout: expect.stringMatching(/^\d+$/) });
    }
  });

  it('passes the speech recogniser’s confidence to the bot with what was said', async () => {
    const sid = 'CA' + '8'.repeat(32);
    const params = { CallSid: sid, From: '+819034343434', To: '+81727246920' };
    const welcome = await post('', params);
    await post(nextQuery(welcome.body), { ...params, SpeechResult: '予約したいです', Confidence: '0.42' });
    const page = await svc.app.transcripts.getTranscriptActivities('twilio-voice', sid);
    const heard = page.items.find((a) => a.type === 'message' && a.text === '予約したいです');
    expect(heard?.channelData).toMatchObject({ confidence: 0.42, input: 'speech' });
  });

  it('refuses unsigned and forged webhooks with 403, and a signed one without a call with 400', async () => {
    const params = { CallSid: 'CA' + 'd'.repeat(32), From: '+819000000000' };
    expect((await post('', params, 'none')).status).toBe(403);
    expect((await post('', params, 'forged')).status).toBe(403);
    expect((await post('', { From: '+819000000000' })).status).toBe(400);
  });
});
