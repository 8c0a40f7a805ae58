// Finding 8: a My Number keyed in on the phone was stored unmasked in the turn's
// channelData.digits, and the mask missed spaced digits, kanji, full-width and spoken kana.
// Replayed through a signed Twilio webhook and the web chat; the stored JSON is then read.
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWILIO_VOICE_PATH } from '../../adapters/app.js';
import type { RunningApp } from '../support/app.js';
import { directLine } from '../support/clients.js';
import { modeUnavailable, SERVICE_MODES, startIn } from '../support/service-modes.js';

const TOKEN = 'my-number-test-token';
const PUBLIC = 'https://ecert.example.jp';
const ENV = { FAKE_NOW: '2026-11-25T10:00:00+09:00', TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: PUBLIC, BOOKING_LIMIT_PER_CLIENT_PER_DAY: '0', RATE_LIMIT_PER_IP_PER_MINUTE: '0' };
const MY_NUMBER = '482173065912';

/** The same My Number as citizens write or say it. */
const SPELLINGS = [
  '482173065912',
  '個人番号は 4821 7306 5912 です',
  '4821-7306-5912',
  '4 8 2 1 7 3 0 6 5 9 1 2',
  '４８２１７３０６５９１２',
  '４８２１　７３０６　５９１２',
  '四八二一七三〇六五九一二',
  'よんはちにいちななさんぜろろくごきゅういちに',
  'ヨン ハチ ニ イチ ナナ サン マル ロク ゴ キュウ イチ ニ',
  'よん、はち、に、いち、なな、さん、れい、ろく、ご、きゅう、いち、に',
];

/** Every digit in any spelling as ASCII, separators dropped: what a reader of the row could rebuild. */
function digitsOf(json: string): string {
  const kana: [RegExp, string][] = [
    [/ぜろ|ゼロ|れい|レイ|まる|マル|〇|零/g, '0'], [/いち|イチ|一/g, '1'], [/に|ニ|二/g, '2'], [/さん|サン|三/g, '3'], [/よん|ヨン|四/g, '4'],
    [/ご|ゴ|五/g, '5'], [/ろく|ロク|六/g, '6'], [/なな|ナナ|七/g, '7'], [/はち|ハチ|八/g, '8'], [/きゅう|キュウ|九/g, '9'],
  ];
  let s = json.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  for (const [re, d] of kana) s = s.replace(re, d);
  return s.replace(/[\s\u3000\-、,]/g, '');
}

describe.each(SERVICE_MODES)('My Number never stored (%s)', (mode) => {
  let svc: RunningApp;
  beforeAll(async () => {
    if (!modeUnavailable(mode)) svc = await startIn(mode, ENV);
  });
  afterAll(() => svc?.stop());

  const storedJson = async (channelId: string, conversationId: string) => {
    const { rows } = await svc.app.ledger.db.query<{ activity: unknown }>(
      'SELECT activity FROM transcript_activities WHERE channel_id = $1 AND conversation_id = $2 ORDER BY seq',
      [channelId, conversationId],
    );
    return rows.map((r) => (typeof r.activity === 'string' ? r.activity : JSON.stringify(r.activity))).join('\n');
  };

  it.skipIf(modeUnavailable(mode))('keyed in on a call (Digits), the number is in no stored field', async () => {
    const sid = 'CA' + randomBytes(16).toString('hex');
    let query = '';
    const turns: Record<string, string>[] = [{}, { Digits: MY_NUMBER }];
    for (const input of turns) {
      const params: Record<string, string> = { CallSid: sid, From: '+819011112222', To: '+81727246920', ...input };
      const path = `${TWILIO_VOICE_PATH}${query}`;
      const res = await fetch(svc.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, PUBLIC + path, params) },
        body: new URLSearchParams(params).toString(),
      });
      expect(res.status).toBe(200);
      query = /action="[^"?]*(\?turn=\d+)"/.exec(await res.text())?.[1] ?? '';
    }
    const json = await storedJson('twilio-voice', sid);
    expect(json).toContain('[個人番号は記録しません]');
    expect(json).not.toContain('"digits"');
    expect(digitsOf(json)).not.toContain(MY_NUMBER);
  });

  it.skipIf(modeUnavailable(mode))('typed in the web chat in any spelling, the number is in no stored field', async () => {
    const dl = directLine(svc.url);
    const conv = await dl.start();
    await dl.until(conv, /予約窓口/);
    for (const text of SPELLINGS) {
      // In the text, in a card's value and in the client's name: every field is masked.
      const posted = await dl.call('POST', `/conversations/${conv.conversationId}/activities`, conv.token, { type: 'message', text, value: { note: text }, from: { id: 'x', name: text.slice(0, 50) } });
      expect(posted.status).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 800));
    const json = await storedJson('webchat', conv.conversationId);
    expect(json.split('[個人番号は記録しません]').length).toBeGreaterThan(SPELLINGS.length);
    expect(digitsOf(json)).not.toContain(MY_NUMBER);
  });

  it.skipIf(modeUnavailable(mode))('what staff need stays: the reservation number, phone number and birthday of a booking', async () => {
    const dl = directLine(svc.url);
    const conv = await dl.start();
    await dl.until(conv, /予約窓口/);
    for (const [text, next] of [
      ['通知書が届いたので12月4日の10時半に予約したい', /カード本体/],
      ['いいえ', /ご本人が窓口に/],
      ['はい', /誕生日/],
      ['1224', /電話番号/],
      ['090-1234-5678', /メールアドレス/],
      ['hanako@example.jp', /次の内容で予約します/],
      ['はい', /予約が完了しました/],
    ] as const) {
      await dl.send(conv, text);
      await dl.until(conv, next);
    }
    const [booked] = (await svc.app.ledger.ledger.listByDate('2026-12-04')).filter((r) => r.phone === '09012345678');
    expect(booked).toBeDefined();
    const json = await storedJson('webchat', conv.conversationId);
    expect(json).not.toContain('[個人番号は記録しません]');
    expect(json).toContain(`予約番号:${booked!.number.slice(0, 4)} ${booked!.number.slice(4)}`);
    expect(json).toContain('090-1234-5678');
    expect(json).toContain('"text":"1224"');
  });
});
