// What a clerk at window 102 does with the turns people really take (the dev conversations
// written blind, 2026-12): a greeting is greeted, a cancellation given up at its confirmation
// keeps the reservation, a look-up asks what to do with it, 2 ends the call after 「ほかにご用件は」,
// a fact said with a question is still a fact,
// chitchat about today is no change of day. Each test is one
// general fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversation, makeTestBot, type TestBot, type Turn } from '../support/bot.js';

const WED = '2026-12-09T10:00:00+09:00'; // a Wednesday

const acts = (turn: Turn): string[] => turn.activities.flatMap((a) => ((a.channelData as { acts?: string[] } | undefined)?.acts ?? []));

describe('everyday turns', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await makeTestBot(WED);
  });
  afterAll(() => t?.close());

  const book = async (channel: 'web' | 'line' | 'phone', date: string, start: string, birthday: string, phone: string, lineUserId?: string) => {
    const r = await t.services.desk.book({ date, start, channel, holder: { birthday, phone, email: channel === 'web' ? 'x@example.jp' : undefined, lineUserId }, now: t.services.clock() });
    if (!r.ok) throw new Error(`setup: ${r.reason}`);
    return r.reservation;
  };

  it('「こんにちは」 alone is greeted back with what the assistant does; 「おはようございます。今朝は冷えますね」 is chitchat, not a booking for today', async () => {
    const c = conversation(t, 'web', 'greets');
    expect(acts(await c.say('こんにちは'))).toContain('welcome');
    const chat = conversation(t, 'line', 'U-chilly');
    const turn = await chat.say('おはようございます。今朝は冷えますね');
    expect(acts(turn)).toContain('off-topic-reply');
    expect(acts(turn)).not.toContain('asks-notice');
  });

  it('「やっぱりキャンセルするのやめておきます。そのままにしてください」 at the confirmation keeps the reservation, and says which', async () => {
    const r = await book('line', '2026-12-18', '13:30', '02-11', '09087654321');
    const c = conversation(t, 'line', 'U-keeps');
    expect(acts(await c.say(`予約番号${r.number}、誕生日2月11日です。予約をキャンセルしたいです`))).toContain('confirm-cancel');
    const kept = await c.say('うーん…やっぱりキャンセルするのやめておきます。そのままにしてください');
    expect(acts(kept)).toContain('kept-as-is');
    expect(kept.all).toContain('12月18日');
    expect((await t.services.desk.lookUp(r.number, '02-11'))?.status).toBe('booked');
  });

  it('a look-up (「予約の確認をしたいです」) shows the reservation and asks what to do with it; 「確認したかっただけ」 keeps it', async () => {
    const r = await book('web', '2026-12-17', '09:30', '01-28', '08033217745');
    const c = conversation(t, 'web', 'checks');
    await c.say('予約の確認をしたいです');
    await c.say(r.number);
    const shown = await c.say('1月28日です');
    expect(acts(shown)).toEqual(expect.arrayContaining(['shows-reservation', 'asks-manage-action']));
    expect(acts(await c.say('このままでいいです。確認したかっただけなので'))).toContain('kept-as-is');
  });

  it('the phone: 2 after 「ほかにご用件は」 ends the call (1 = はい, 2 = いいえ, as every question on the line), 1 hears the menu', async () => {
    const r = await book('phone', '2026-12-16', '14:00', '11-23', '09012120000');
    const c = conversation(t, 'phone', 'keys-then-done');
    await c.open();
    await c.say('2');
    await c.say(r.number);
    await c.say('1123');
    const kept = await c.say('3');
    expect(acts(kept)).toEqual(expect.arrayContaining(['kept-as-is', 'anything-else']));
    expect(kept.speak).toMatch(/なければ2/);
    expect(acts(await c.say('2'))).toContain('goodbye');
    const more = conversation(t, 'phone', 'keys-then-more');
    await more.open();
    await more.say('2');
    await more.say(r.number);
    await more.say('1123');
    await more.say('3');
    const menu = await more.say('1');
    expect(menu.speak).toMatch(/予約は1、変更やキャンセルは2/);
  });

  it('a fact said with a question is a fact: 「電子証明書の期限が切れちゃったんですけど、予約できますか」 skips the notice question', async () => {
    const c = conversation(t, 'line', 'U-expired');
    const first = await c.say('電子証明書の期限が切れちゃったんですけど、予約できますか');
    expect(acts(first)).toContain('asks-card-expiry');
    expect(acts(first)).not.toContain('asks-notice');
    const en = conversation(t, 'line', 'U-envelope');
    const got = await en.say('Hi, I live in Minoh and got a light blue envelope saying my electronic certificate will expire. Can I book the renewal here?');
    expect(acts(got)).toContain('asks-card-expiry');
  });

  it('Kansai speech on the phone: 「みずいろのふうとう きとったよ」 is a yes', async () => {
    const c = conversation(t, 'phone', 'kansai', { channelData: { callerNumber: '09044445555' } });
    await c.open();
    await c.say('よやく おねがいします');
    expect(acts(await c.say('えーと みずいろのふうとう きとったよ'))).toContain('asks-card-expiry');
  });

  it('chitchat about today at 「このご予約をどうしますか」 is chitchat, not a change to today', async () => {
    const r = await book('phone', '2026-12-18', '09:30', '03-21', '07011112222');
    const c = conversation(t, 'phone', 'cold-today');
    await c.open();
    await c.say('2');
    await c.say(r.number);
    await c.say('0321');
    const chat = await c.say('いやー きょうは さむいですねえ みのおは ゆき ふってませんか');
    expect(acts(chat)).toEqual(expect.arrayContaining(['off-topic-reply', 'resumes']));
    expect(acts(await c.say('じつは よていが かわったので キャンセルしたいんです'))).toContain('confirm-cancel');
  });

  it('a birthday said again differently at the next question is taken and said so, in Japanese and in English', async () => {
    for (const [user, lines] of [
      ['U-fix-ja', ['予約したいです', 'はい', 'いいえ', 'はい', '12月14日の10時', '3月5日', 'すみません、誕生日は5月3日でした']],
      ['U-fix-en', ['I want to book', 'yes', 'no', 'yes', 'Dec 14, 10:00', 'March 5', 'Oh sorry, my birthday is May 3, not March 5']],
    ] as const) {
      const c = conversation(t, 'line', user);
      let turn: Turn | undefined;
      for (const line of lines) turn = await c.say(line);
      expect(acts(turn!)).toContain('asks-phone');
      expect(turn!.all).toContain(user === 'U-fix-ja' ? '誕生日を5月3日に直しました' : 'I have changed the birthday to May 3');
      // Said once: the phone number that follows is not taken as another correction.
      expect(acts(await c.say('090-7777-1234'))).toContain('read-back');
    }
  });

  it('「年明けは何日から開いてますか」 names the day it opens again (R2)', async () => {
    const c = conversation(t, 'line', 'U-new-year');
    const turn = await c.say('年明けは何日から開いてますか');
    expect(acts(turn)).toContain('answers-office');
    expect(turn.all).toContain('1月4日');
  });
});
