// Turning reminders off in the conversation (issue 15): 「リマインド不要」 / "no reminders" stops the
// reminder of the citizen's own bookings — right after booking (an aside: the booking goes on),
// later on LINE (all of theirs), or by reservation number and birthday — and the bot says which.
// A booking remembers its conversation and language for its reminder. Real dialogs, a real ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlReminderStore } from '../../adapters/ledger/reminder-store.js';
import { wantsNoReminders } from '../../dialogs/reminder-dialog.js';
import { checkTurn as check, conversation, makeTestBot, replay, type TestBot } from '../support/bot.js';

const WED = '2026-11-25T10:00:00+09:00'; // Wednesday morning

describe('what turns reminders off', () => {
  it.each(['リマインド不要', 'リマインドはいりません', 'リマインドいらないです', 'リマインドは結構です', 'リマインドを止めてください', '前日のお知らせはいりません', 'リマインドメールは不要です', 'no reminders', 'No reminder, please', 'Please stop the reminders', "I don't need a reminder", 'don’t remind me'])('%s', (text) => {
    expect(wantsNoReminders(text)).toBe(true);
  });
  it.each(['リマインドはいつ届きますか', 'リマインドはありますか', '予約をキャンセルしたい', 'when will the reminder come?', 'no', '通知書はいりませんか'])('not: %s', (text) => {
    expect(wantsNoReminders(text)).toBe(false);
  });
});

describe('reminders off in the conversation', () => {
  let t: TestBot;
  let store: SqlReminderStore;
  beforeAll(async () => {
    t = await makeTestBot(WED);
    store = new SqlReminderStore(t.ledger.db);
    t.services.reminders = store;
  });
  afterAll(() => t?.close());

  const bookOnWeb = async (c: ReturnType<typeof conversation>, when: string, birthday: string, phone: string, email: string) =>
    replay(
      c,
      [
        { user: `通知書が届いたので${when}に予約したい`, bot: ['カード'] },
        { user: 'いいえ', bot: ['本人'] },
        { user: 'はい', bot: ['誕生日'] },
        { user: birthday, bot: ['電話番号'] },
        { user: phone, bot: ['メールアドレス'] },
        { user: email, bot: ['よろしいですか'] },
        { user: 'はい', bot: ['予約が完了しました'] },
      ],
      check,
    );
  const numberOf = async (date: string, phone: string) => (await t.ledger.ledger.listByDate(date)).find((r) => r.phone === phone)!.number;

  it('right after booking on the web: this booking gets no reminder, and the next question comes again', async () => {
    const c = conversation(t, 'web', 'rem-web-1');
    await bookOnWeb(c, '12月10日の11時', '8月1日', '090-2222-3333', 'hanako@example.jp');
    const number = await numberOf('2026-12-10', '09022223333');
    expect(await store.record(number)).toMatchObject({ lang: 'ja', status: 'pending', reference: { channelId: 'webchat', conversation: { id: 'test-web-rem-web-1' } } });

    await replay(c, [{ user: 'リマインドは不要です', bot: ['リマインド(前日のお知らせ)はお送りしません', '12月10日(木) 11:00〜11:30', 'ご予約はそのままです', 'ほかのご家族'] }], check);
    expect(await store.record(number)).toMatchObject({ status: 'off', reason: 'opted-out' });
    expect((await t.ledger.ledger.find(number))?.status).toBe('booked');
  });

  it('later on the web, in another conversation: found by reservation number and birthday', async () => {
    const first = conversation(t, 'web', 'rem-web-2');
    await bookOnWeb(first, '12月11日の10時', '9月9日', '090-4444-5555', 'jiro@example.jp');
    const number = await numberOf('2026-12-11', '09044445555');
    const c = conversation(t, 'web', 'rem-web-2-later');
    await replay(
      c,
      [
        { user: 'リマインドはいりません', bot: ['止めるご予約をお探しします', '予約番号'] },
        { user: number, bot: ['誕生日'] },
        { user: '9月9日', bot: ['お送りしません', '12月11日(金) 10:00〜10:30'] },
      ],
      check,
    );
    expect(await store.record(number)).toMatchObject({ status: 'off', reason: 'opted-out' });
  });

  it('a wrong birthday finds nothing and turns nothing off', async () => {
    const first = conversation(t, 'web', 'rem-web-3');
    await bookOnWeb(first, '12月14日の10時', '3月3日', '090-6666-7777', 'saburo@example.jp');
    const number = await numberOf('2026-12-14', '09066667777');
    const c = conversation(t, 'web', 'rem-web-3-later');
    await replay(
      c,
      [
        { user: 'リマインド不要', bot: ['予約番号'] },
        { user: number, bot: ['誕生日'] },
        { user: '4月4日', bot: ['見つかりませんでした'], not: ['お送りしません'] },
      ],
      check,
    );
    expect((await store.record(number))?.status).toBe('pending');
  });

  it('on LINE: every booking of the user still to come, without a number', async () => {
    const c = conversation(t, 'line', 'U' + 'e'.repeat(32));
    await replay(
      c,
      [
        { user: '通知書が届いたので12月15日の9時に予約したい', bot: ['カード'] },
        { user: 'いいえ', bot: ['本人'] },
        { user: 'はい', bot: ['誕生日'] },
        { user: '1月2日', bot: ['電話番号'] },
        { user: '080-1111-2222', bot: ['よろしいですか'] },
        { user: 'はい', bot: ['予約が完了しました'] },
        { user: 'いいえ', bot: [] },
        { user: 'リマインド不要', bot: ['お送りしません', '12月15日(火) 9:00〜9:30'] },
      ],
      check,
    );
    const number = await numberOf('2026-12-15', '08011112222');
    expect(await store.record(number)).toMatchObject({ status: 'off', reason: 'opted-out', reference: { channelId: 'line' } });
  });

  it('in English on the web: a booking confirmed in English remembers English, and "no reminders" is answered in English', async () => {
    const c = conversation(t, 'web', 'rem-web-en');
    await replay(
      c,
      [
        { user: '通知書が届いたので12月16日の14時に予約したい', bot: ['カード'] },
        { user: 'いいえ', bot: ['本人'] },
        { user: 'はい', bot: ['誕生日'] },
        { user: '5月5日', bot: ['電話番号'] },
        { user: '090-8888-9999', bot: ['メールアドレス'] },
        { user: 'mary@example.jp', bot: ['よろしいですか'] },
        { user: 'Yes, that is correct', bot: [] },
      ],
      check,
    );
    const number = await numberOf('2026-12-16', '09088889999');
    expect((await store.record(number))?.lang).toBe('en');
    await replay(c, [{ user: 'no reminders', bot: ['no reminder will be sent', 'Wed, Dec 16, 14:00–14:30'] }], check);
    expect((await store.record(number))?.status).toBe('off');
  });

  it('asked mid-booking, before anything is booked: nothing to stop yet, and the booking goes on', async () => {
    const c = conversation(t, 'web', 'rem-web-4');
    await replay(
      c,
      [
        { user: '予約したいです', bot: ['通知書'] },
        { user: 'リマインドはいりません', bot: ['まだありません', '通知書'] },
        { user: 'はい', bot: ['カード'] },
      ],
      check,
    );
  });

  it('on the phone line, right after booking: said in words, answered in speech', async () => {
    const c = conversation(t, 'phone', 'caller-rem', { channelData: { callerNumber: '09033334444' } });
    await replay(
      c,
      [
        { user: '1', bot: ['通知書'] },
        { user: '1', bot: ['カード'] },
        { user: '2', bot: ['本人'] },
        { user: '1', bot: ['日にち'] },
        { user: '12月17日の10時', bot: ['誕生日'] },
        { user: '0707', bot: ['よろしいですか'] },
        { user: '1', bot: ['よろしいですか'] },
        { user: '1', bot: ['予約が完了しました'] },
      ],
      check,
    );
    const turn = await c.say('リマインドはいらないです');
    expect(turn.speak).toContain('前日のお知らせは、お送りしません');
    const number = await numberOf('2026-12-17', '09033334444');
    expect(await store.record(number)).toMatchObject({ status: 'off', reference: { channelId: 'twilio-voice' } });
  });
});
