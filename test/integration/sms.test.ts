// After a phone booking, an SMS confirmation through Twilio (recorded by an injected HTTP client).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../adapters/log.js';
import { smsText, TwilioSmsNotifier } from '../../adapters/notify/twilio-sms.js';
import { conversation, makeTestBot, replay, checkTurn, type TestBot } from '../support/bot.js';

interface Sent {
  uri: string;
  data: Record<string, string>;
}

function recordingClient(sent: Sent[]) {
  return {
    request: async (opts: { uri: string; data?: Record<string, string> }) => {
      sent.push({ uri: opts.uri, data: opts.data ?? {} });
      return { statusCode: 201, body: JSON.stringify({ sid: 'SM' + '0'.repeat(32), status: 'queued' }), headers: {} };
    },
  };
}

describe('SMS confirmation after a phone booking', () => {
  let t: TestBot;
  const sent: Sent[] = [];
  beforeAll(async () => {
    t = await makeTestBot('2026-11-25T10:00:00+09:00');
    t.services.notifier = new TwilioSmsNotifier({ accountSid: 'AC' + '1'.repeat(32), authToken: 'token', from: '+815012345678', httpClient: recordingClient(sent) }, createLogger('silent'));
  });
  afterAll(() => t?.close());

  const bookByPhone = async (caller: string, date: string, birthday: string) => {
    const c = conversation(t, 'phone', `caller-${caller}`, { channelData: { callerNumber: caller } });
    await replay(
      c,
      [
        { user: '1', bot: ['通知書'] },
        { user: '1', bot: ['カード'] },
        { user: '2', bot: ['本人'] },
        { user: '1', bot: ['日にち'] },
        { user: `${date}の10時`, bot: ['誕生日'] },
        { user: birthday, bot: ['よろしいですか'] },
        { user: '1', bot: ['よろしいですか'] },
        { user: '1', bot: ['予約が完了しました'] },
      ],
      checkTurn,
    );
  };

  it('texts a mobile number the reservation number, day and time, in one Japanese segment', async () => {
    await bookByPhone('09012345678', '12月7日', '0101');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.uri).toContain('/Messages.json');
    expect(sent[0]!.data).toMatchObject({ To: '+819012345678', From: '+815012345678' });
    expect(sent[0]!.data.Body).toMatch(/予約番号\d{8} 12月7日\(月\)10:00〜/);
    expect([...sent[0]!.data.Body!].length).toBeLessThanOrEqual(70);
  });

  it('sends nothing to a landline', async () => {
    const before = sent.length;
    await bookByPhone('0727240000', '12月8日', '0202');
    expect(sent.length).toBe(before);
  });

  it('keeps the message within 70 characters for any window', () => {
    const r = { number: '12345678', date: '2026-12-31', start: '16:30', end: '17:00', status: 'booked', channel: 'phone', birthday: '01-01', phone: '09012345678', email: null, lineUserId: null, createdAt: new Date(), updatedAt: new Date() } as const;
    expect([...smsText(r)].length).toBeLessThanOrEqual(70);
  });
});
