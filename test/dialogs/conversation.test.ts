// Whole-conversation habits in citizens' words (DESIGN.md "Conversation repair"): the question
// asked again after a side question says it resumes, the end of a visit is heard as such, English
// is routed like Japanese, and details said early are kept. Each test is one general fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTurn as check, conversation, makeTestBot, replay, type TestBot, type Turn } from '../support/bot.js';
import { wantsBot, wantsCallback } from '../../adapters/staff/handoff-middleware.js';

const MON = '2026-12-07T10:00:00+09:00'; // a Monday

/** What the bot's messages of a turn do (their acts). */
const acts = (turn: Turn): string[] => turn.activities.flatMap((a) => ((a.channelData as { acts?: string[] } | undefined)?.acts ?? []));

describe('the conversation on the web chat', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await makeTestBot(MON);
  });
  afterAll(() => t?.close());

  it('a side question mid-booking is answered, and the question asked again says it resumes', async () => {
    const c = conversation(t, 'web', 'fees-midway');
    await c.say('予約したいです');
    await c.say('届きました');
    const turn = await c.say('その前に、手数料ってかかりますか');
    expect(acts(turn)).toEqual(expect.arrayContaining(['answers-fees', 'asks-card-expiry', 'resumes']));
    const chat = await c.say('今日寒いですね');
    expect(acts(chat)).toEqual(expect.arrayContaining(['off-topic-reply', 'resumes']));
  });

  it('everyday answers to the eligibility questions: another letter is asked about, the card’s long way off is a no, 「本人」 alone is a yes', async () => {
    const c = conversation(t, 'web', 'everyday-eligibility');
    await c.say('予約したいです');
    expect(acts(await c.say('白っぽい封筒なら来てましたけど'))).toContain('clarifies');
    expect(acts(await c.say('届いてます'))).toContain('asks-card-expiry');
    const card = await c.say('そうですか笑 カードはまだ期限たっぷりあります');
    expect(acts(card)).toContain('asks-in-person');
    expect(acts(card)).not.toContain('not-eligible');
    expect(acts(await c.say('本人'))).toContain('asks-date');
  });

  it('an empty message is a miss the question counts: the second miss says what works', async () => {
    const c = conversation(t, 'line', 'empty-then-lost');
    await c.say('よやく');
    expect(acts(await c.say('？'))).toContain('clarifies');
    expect(acts(await c.say('あれ'))).toContain('help');
    expect(acts(await c.say('届いてない'))).toContain('asks-certificate-expiry');
  });

  it('「以上です」 to 「ほかのご家族の分も?」 ends the visit with a goodbye, not 「ほかにご用件は?」', async () => {
    const c = conversation(t, 'web', 'that-is-all');
    await replay(
      c,
      [
        { user: '12月16日の10時に予約したいです。通知書は届いていて、本人が行きます。カードの期限は2030年です', bot: ['誕生日'] },
        { user: '5月3日', bot: ['電話番号'] },
        { user: '090-1234-5678', bot: ['メールアドレス'] },
        { user: 'taro@example.jp', bot: ['よろしいですか'] },
        { user: 'はい', bot: ['予約が完了しました', 'ご家族'] },
      ],
      check,
    );
    const end = await c.say('以上です');
    expect(acts(end)).toContain('goodbye');
    expect(end.all).not.toContain('ほかにご用件');
  });

  it('thanks or 「電話します」 after a task is a goodbye', async () => {
    for (const [user, words] of [['thanks-after', 'ありがとうございました'], ['calls-instead', 'わかりました、電話します']] as const) {
      const c = conversation(t, 'web', user);
      await c.say('窓口はどこですか');
      const end = await c.say(words);
      expect(acts(end), words).toContain('goodbye');
    }
  });

  it('a birthday and a phone number said together are both kept; the e-mail is asked next', async () => {
    const c = conversation(t, 'web', 'both-at-once');
    await replay(
      c,
      [
        { user: '12月16日の10時に電子証明書の更新の予約をしたいです。通知書は届いていて、本人が行きます。カードの期限は2030年です', bot: ['誕生日'] },
        { user: '誕生日は6月15日、電話は090-1111-2222です', bot: ['メールアドレス'], not: ['電話番号を'] },
        { user: 'm.tanaka@example.com', bot: ['6月15日', '090-1111-2222', 'よろしいですか'] },
      ],
      check,
    );
  });

  it('R9: 「妻の分も同じ日の同じ時間で」 books the next member in the same window, with what was said about her card', async () => {
    const c = conversation(t, 'web', 'same-window');
    await replay(
      c,
      [
        { user: '12月17日の11時に予約したいです。通知書は届いていて、本人が行きます。カードの期限は2030年です', bot: ['誕生日'] },
        { user: '1月2日', bot: ['電話番号'] },
        { user: '090-2222-3333', bot: ['メールアドレス'] },
        { user: 'ichiro@example.jp', bot: ['よろしいですか'] },
        { user: 'はい', bot: ['予約が完了しました'] },
        { user: '妻の分も同じ日の同じ時間でお願いします。妻も通知書が来ていて、本人が行きます。カードは2031年まで有効です', bot: ['12月17日(木) 11:00〜11:30', '誕生日'], not: ['通知書は届いて', '本人が窓口'] },
        { user: '妻の誕生日は9月9日です。電話とメールは私と同じで', bot: ['9月9日', '090-2222-3333', 'よろしいですか'] },
      ],
      check,
    );
  });
});

describe('English on the web chat and LINE', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await makeTestBot(MON);
  });
  afterAll(() => t?.close());

  it('a request in English is routed as the Japanese one would be', async () => {
    const book = conversation(t, 'web', 'en-book');
    expect(acts(await book.say('Hi, I need to renew the electronic certificate on my My Number card'))).toContain('asks-notice');
    const fees = conversation(t, 'line', 'en-fees');
    expect(acts(await fees.say('How much does it cost?'))).toContain('answers-fees');
    const proxy = conversation(t, 'web', 'en-proxy');
    expect(acts(await proxy.say('Can my wife go instead of me? I work weekdays'))).toEqual(expect.arrayContaining(['answers-proxy', 'refers-to-phone']));
  });

  it('the English menu button 「Check/change/cancel」 asks which reservation, as 「予約の確認・変更・キャンセル」 does', async () => {
    const c = conversation(t, 'web', 'en-manage');
    await c.say('Hello');
    expect(acts(await c.say('Check/change/cancel'))).toContain('asks-reservation-number');
  });

  it('English buttons are read as their Japanese ones: which detail to fix, going back to the assistant, a callback', async () => {
    const c = conversation(t, 'web', 'en-fix');
    await replay(
      c,
      [
        { user: "I'd like to book. The notice came, the card is valid until 2031 and I'll come myself", bot: ['Which day'] },
        { user: 'Dec 18 at 10am', bot: ['birthday'] },
        { user: 'May 3', bot: ['phone'] },
        { user: '090-1234-5678', bot: ['e-mail'] },
        { user: 'taro@example.jp', bot: ['Is this correct?'] },
        { user: 'No', bot: ['What should be corrected?'] },
        { user: 'Birthday', bot: ['birthday'] },
      ],
      check,
    );
    expect(wantsBot('Back to assistant')).toBe(true);
    expect(wantsCallback('Please call me back')).toBe(true);
  });

  it('a whole English booking ends with a goodbye', async () => {
    const c = conversation(t, 'web', 'en-whole');
    await replay(
      c,
      [
        { user: "I'd like to book an appointment to renew my e-certificate", bot: ['notice'] },
        { user: 'Yes, I got the blue envelope', bot: ['card itself'] },
        { user: 'No, the card is valid until 2032', bot: ['in person'] },
        { user: "Yes, I'll come myself", bot: ['Which day'] },
        { user: 'Dec 16 at 2pm', bot: ['birthday'] },
        { user: 'March 5', bot: ['phone'] },
        { user: '090-8765-4321', bot: ['e-mail'] },
        { user: 'john.smith@example.com', bot: ['Dec 16', '14:00'] },
        { user: 'Yes, correct', bot: ['confirmed'] },
      ],
      check,
    );
    expect(acts(await c.say("No, that's all"))).toContain('goodbye');
  });
});

describe('a caller who only presses keys (issue 14)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await makeTestBot(MON);
  });
  afterAll(() => t?.close());

  it('books: the day as MMDD, the time as HHMM, the birthday as MMDD, yes as 1; the end as 2', async () => {
    const c = conversation(t, 'phone', 'keys-only', { channelData: { callerNumber: '09011112222' } });
    await c.open();
    const steps: [string, string][] = [['1', 'asks-notice'], ['1', 'asks-card-expiry'], ['2', 'asks-in-person'], ['1', 'asks-date'], ['1208', 'asks-time'], ['1000', 'asks-birthday'], ['0503', 'asks-use-caller-number'], ['1', 'read-back'], ['1', 'booked'], ['2', 'goodbye']];
    for (const [keys, act] of steps) expect(acts(await c.say(keys)), keys).toContain(act);
    expect((await t.ledger.ledger.listByDate('2026-12-08'))[0]).toMatchObject({ start: '10:00', birthday: '05-03', channel: 'phone' });
  });

  it('the date question says its keys, and 1 there is the nearest free day it names', async () => {
    const c = conversation(t, 'phone', 'keys-nearest', { channelData: { callerNumber: '09033334444' } });
    await c.open();
    for (const keys of ['1', '1', '2']) await c.say(keys);
    const date = await c.say('1');
    expect(date.speak).toMatch(/月日を4桁で押す/);
    const nearest = /いちばん近い(\d+月\d+日)/.exec(date.speak)![1]!;
    const times = await c.say('1');
    expect(acts(times)).toEqual(expect.arrayContaining(['asks-time', 'offers-windows']));
    expect(times.speak).toContain(nearest);
  });

  it('the look-up questions say their keys: eight digits then #, the birthday as four', async () => {
    const c = conversation(t, 'phone', 'keys-said');
    await c.open();
    expect((await c.say('2')).speak).toMatch(/シャープ/);
    expect((await c.say('12345678')).speak).toMatch(/0503/);
  });

  it('cancels: 1 at 「キャンセルしてよろしいですか」 is yes; a birthday that is no date is asked again', async () => {
    const booked = await t.services.desk.book({ date: '2026-12-16', start: '11:00', channel: 'phone', holder: { birthday: '02-14', phone: '09055556666' }, now: t.services.clock() });
    if (!booked.ok) throw new Error('setup');
    const c = conversation(t, 'phone', 'keys-cancel');
    await c.open();
    expect(acts(await c.say('2'))).toContain('asks-reservation-number');
    expect(acts(await c.say(booked.reservation.number))).toContain('asks-birthday-lookup');
    expect(acts(await c.say('0241'))).toEqual(expect.arrayContaining(['clarifies', 'asks-birthday-lookup']));
    expect(acts(await c.say('0214'))).toContain('asks-manage-action');
    expect(acts(await c.say('2'))).toContain('confirm-cancel');
    expect(acts(await c.say('1'))).toContain('cancelled');
  });
});

describe('more of what a clerk hears', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await makeTestBot(MON);
  });
  afterAll(() => t?.close());

  it('R7: 「明日予約できますか」 on the web hears at once that tomorrow is by phone, and the next day asked carries on', async () => {
    const c = conversation(t, 'web', 'too-soon-first');
    const first = await c.say('明日予約できますか');
    expect(acts(first)).toContain('too-soon-phone-only');
    expect(first.all).toContain('072-724-6920');
    expect(acts(await c.say('じゃあ来週の月曜日でいいです'))).toContain('asks-notice');
    await c.say('届いてます');
    await c.say('まだまだ先です');
    const time = await c.say('本人です');
    expect(acts(time)).toContain('asks-time');
    expect(time.all).toContain('12月14日');
  });

  it('English: a change with its number and birthday in one line goes straight to the confirmation', async () => {
    const booked = await t.services.desk.book({ date: '2026-12-17', start: '11:00', channel: 'web', holder: { birthday: '08-20', phone: '09033334444', email: 'a@example.jp' }, now: t.services.clock() });
    if (!booked.ok) throw new Error('setup');
    const c = conversation(t, 'web', 'en-change-at-once');
    const turn = await c.say(`Booking number ${booked.reservation.number}, birthday Aug 20. Can I move it to Dec 16, same time 11:00?`);
    expect(acts(turn)).toContain('confirm-change');
    expect(turn.all).toContain('Dec 16');
    expect(acts(await c.say('Yes'))).toContain('changed');
    expect(acts(await c.say('Do I bring the same things as before?'))).toContain('answers-documents');
    expect(acts(await c.say("Thanks, that's all"))).toContain('goodbye');
  });

  it('English: 「make it Dec 17 instead, same time」 at the birthday question moves the day, and the birthday is asked again', async () => {
    const c = conversation(t, 'web', 'en-move-midway');
    await replay(
      c,
      [
        { user: "I'd like to book an appointment to renew my e-certificate", bot: ['notice'] },
        { user: 'Yes, I got the blue envelope', bot: ['card itself'] },
        { user: 'No, the card is valid until 2032', bot: ['in person'] },
        { user: "Yes, I'll come myself", bot: ['Which day'] },
        { user: 'Dec 16 at 2pm', bot: ['birthday'] },
        { user: 'Oh wait, make it Dec 17 instead, same time', bot: ['Dec 17', 'birthday'] },
        { user: 'March 5', bot: ['phone'] },
      ],
      check,
    );
  });

  it('a booking begun from another task (「このまま予約しますか」「はい」) still ends with a goodbye', async () => {
    const c = conversation(t, 'web', 'after-eligibility');
    const steps: [string, string][] = [
      ['電子証明書の更新の対象か知りたいです', 'asks-notice'], ['はい', 'asks-card-expiry'], ['いいえ', 'anything-else'],
      ['はい', 'asks-in-person'], ['はい', 'asks-date'], ['12月16日の10時', 'asks-birthday'], ['5月3日', 'asks-phone'], ['090-1234-5678', 'asks-email'],
      ['taro@example.jp', 'read-back'], ['はい', 'booked'], ['いいえ', 'goodbye'],
    ];
    for (const [line, act] of steps) expect(acts(await c.say(line)), line).toContain(act);
  });
});
