// Booking conversations as citizens have them, on each door, against a real ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTurn as check, conversation, makeTestBot, replay, type TestBot } from '../support/bot.js';

const WED = '2026-11-25T10:00:00+09:00'; // Wednesday morning

describe('booking on the web chat', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await makeTestBot(WED);
  });
  afterAll(() => t?.close());

  it('R10/R21a/R22: books a window step by step and reads everything back', async () => {
    const c = conversation(t, 'web', 'taro');
    expect((await c.open()).all).toContain('予約');
    await replay(
      c,
      [
        { user: '予約したいです', bot: ['通知書'] },
        { user: 'はい', bot: ['カード'] },
        { user: 'いいえ', bot: ['本人'] },
        { user: 'はい', bot: ['日にち'] },
        { user: '12月3日の10時半', bot: ['12月3日(木) 10:30〜11:00', '誕生日'], not: ['混み合いやすい'] },
        { user: '5月3日です', bot: ['電話番号'] },
        { user: '090-1234-5678', bot: ['メールアドレス'] },
        { user: 'taro@example.jp', bot: ['12月3日(木) 10:30〜11:00', '5月3日', '090-1234-5678', 'taro@example.jp', 'よろしいですか'] },
        { user: 'はい', bot: ['予約が完了しました', '予約番号', '12月3日(木) 10:30〜11:00', 'マイナンバーカード', '余裕'], not: [/2026-12-03/] },
        // 「ほかのご家族の分も?」「いいえ」: the phone's 2 says 「終わる」; the booking is done, and so is the visit.
        { user: 'いいえ', bot: ['ご利用ありがとうございました'] },
      ],
      check,
    );
    const day = await t.ledger.ledger.listByDate('2026-12-03');
    expect(day).toHaveLength(1);
    expect(day[0]).toMatchObject({ start: '10:30', channel: 'web', birthday: '05-03', phone: '09012345678', email: 'taro@example.jp', status: 'booked' });
  });

  it('takes date and time in one go when the first message says them, and the notice', async () => {
    const c = conversation(t, 'web', 'hanako');
    await replay(
      c,
      [
        { user: '通知書が届いたので12月4日の14時に予約したい', bot: ['カード'], not: ['通知書は届いて'] },
        { user: 'いいえ', bot: ['本人'] },
        { user: 'はい', bot: ['12月4日(金) 14:00〜14:30', '誕生日'] },
      ],
      check,
    );
  });

  it('R7: a date too soon for the web points to the phone line and offers the nearest windows', async () => {
    const c = conversation(t, 'web', 'jiro');
    await replay(
      c,
      [
        { user: '通知書が来たので予約お願いします', bot: ['カード'] },
        { user: 'いいえ', bot: ['本人'] },
        { user: 'はい', bot: ['日にち'] },
        { user: '明日の10時', bot: ['072-724-6920', '11月27日(金)'] },
        { user: '1', bot: ['11月27日(金) 9:00〜9:30', '誕生日'] },
      ],
      check,
    );
  });

  it('R11: someone else coming on the holder’s behalf is asked to call', async () => {
    const c = conversation(t, 'web', 'saburo');
    await replay(
      c,
      [
        { user: '予約したい', bot: ['通知書'] },
        { user: 'はい', bot: ['カード'] },
        { user: 'いいえ', bot: ['本人'] },
        { user: 'いいえ', bot: ['072-724-6920'] },
      ],
      check,
    );
  });

  it('answers a side question mid-booking and asks the same question again', async () => {
    const c = conversation(t, 'web', 'shiro');
    await replay(
      c,
      [
        { user: '通知書が届いたので予約したい', bot: ['カード'] },
        { user: 'いいえ', bot: ['本人'] },
        { user: 'はい', bot: ['日にち'] },
        { user: 'あ、持ち物は何がいりますか', bot: ['マイナンバーカード', '日にち'] },
        { user: '12月7日の9時', bot: ['12月7日(月) 9:00〜9:30', '混み合いやすい', '誕生日'] },
      ],
      check,
    );
  });

  it('a day said before it is asked for is kept and said so, then the question is asked again', async () => {
    const c = conversation(t, 'web', 'kiku');
    await replay(
      c,
      [
        { user: '通知書が届いたので予約したい', bot: ['カード'] },
        { user: 'いいえ', bot: ['本人'] },
        // Not an answer to 「ご本人が来られますか」: the day and the afternoon are kept for later.
        { user: 'じゃあ12月7日の午後で', bot: ['12月7日(月)の午後ですね', 'ご本人が窓口に来られますか'], not: ['日にちを教えてください'] },
        { user: 'はい', bot: ['12月7日(月)', '13:00〜13:30'], not: ['9:00〜9:30', '日にちを教えてください'] },
      ],
      check,
    );
  });

  it('R16: a card made without certificates, said at the expiry question, is answered and offered a person', async () => {
    const c = conversation(t, 'web', 'hiro');
    await replay(
      c,
      [
        { user: '電子証明書の新規発行の予約をしたいです', bot: ['通知書'] },
        { user: '通知書は来てないです', bot: ['電子証明書の有効期限'] },
        {
          user: '期限というか、カードを作るときに電子証明書はいらないって断ったので、そもそも入ってないんです',
          bot: ['搭載されていません', 'このご予約の対象には含まれていません', 'おつなぎしましょうか'],
          not: ['日付(例:2027年3月10日)を教えてください'],
        },
      ],
      check,
    );
    const agreed = await c.say('はい');
    expect(agreed.activities.find((a) => a.name === 'handoff.initiate')?.value).toMatchObject({ reason: 'eligibility-needs-staff' });
  });

  it('R14: a yes about the notice said again at the card question is not taken for the card', async () => {
    const c = conversation(t, 'web', 'yasu');
    await replay(
      c,
      [
        { user: '予約したいです', bot: ['通知書'] },
        { user: 'はい', bot: ['カード本体'] },
        // The notice's question answered again: the card's question is put again, nobody is refused.
        { user: 'はい、通知書は届いてます', bot: ['カード'], not: ['別の手続き', '対象外'] },
        { user: 'いいえ、カードは2031年まで有効です', bot: ['本人'] },
      ],
      check,
    );
  });

  it('a farewell mid-booking ends with a goodbye, not 「ほかにご用件は」', async () => {
    const c = conversation(t, 'web', 'sayo');
    await replay(c, [{ user: '予約したいです', bot: ['通知書'] }], check);
    const bye = await c.say('ありがとうございました、さようなら');
    expect(bye.all).toContain('ご利用ありがとうございました');
    expect(bye.all).not.toContain('ほかにご用件');
  });

  it('R7 in English: 「can I come tomorrow…」 is a booking wish for a day too soon for the web', async () => {
    const c = conversation(t, 'web', 'maria');
    const first = await c.say('hi can i come tomorrow to renew the certificate on my my number card?');
    expect(first.all).toContain('072-724-6920');
    expect(first.all).not.toContain('Would you like to make a reservation');
  });

  it('what was told about the card before the booking began is not asked again; the next family member is asked afresh', async () => {
    const c = conversation(t, 'line', 'told');
    await replay(
      c,
      [
        { user: '母に水色の封筒が届いたんですが、代わりに行ってもいいですか', bot: ['072-724-6920'] },
        // The notice was told above: the card's question comes first; 「本人が行きます」 answers who comes.
        { user: 'じゃあ本人が行きます。予約したいです', bot: ['カード本体'], not: ['通知書」は届いていますか'] },
        { user: 'いいえ', bot: ['日にち'] },
        { user: '12月7日の10時', bot: ['誕生日'] },
        { user: '8月19日', bot: ['電話番号'] },
        { user: '09055501234', bot: ['よろしいですか'] },
        { user: 'はい', bot: ['予約が完了しました', 'ご家族'] },
        { user: 'はい', bot: ['通知書'] },
      ],
      check,
    );
  });

  it('stops on やめる and starts over on 最初から', async () => {
    const c = conversation(t, 'web', 'goro');
    await replay(
      c,
      [
        { user: '予約したい', bot: ['通知書'] },
        { user: 'やめる', bot: ['中止'] },
        { user: '予約したい', bot: ['通知書'] },
        { user: '最初から', bot: ['予約'] },
      ],
      check,
    );
  });

  it('hands over to staff on request, with the Bot Framework handoff event', async () => {
    const c = conversation(t, 'web', 'rokuro');
    await c.say('予約したい');
    const turn = await c.say('職員さんと話したいです');
    const event = turn.activities.find((a) => a.type === 'event' && a.name === 'handoff.initiate');
    expect(event).toBeDefined();
    expect(event?.value).toMatchObject({ reason: 'requested', channel: 'web' });
    expect(turn.all).toMatch(/担当|職員/);
  });

  it('after three misses says what works, then offers a person and hands over only on consent', async () => {
    const c = conversation(t, 'web', 'shichiro');
    await replay(
      c,
      [
        { user: '通知書が届いたので予約したい', bot: ['カード'] },
        { user: 'いいえ', bot: ['本人'] },
        { user: 'はい', bot: ['日にち'] },
        { user: 'ふにゃふにゃ', bot: ['日にち'] },
        // The second miss: what kinds of answer work, and that a person can be asked for.
        { user: 'ほげほげ', bot: ['読み取れず', '一番早い日', '担当者'] },
      ],
      check,
    );
    const offered = await c.say('ぴよぴよ');
    expect(offered.all).toContain('おつなぎしましょうか');
    expect(offered.activities.some((a) => a.name === 'handoff.initiate')).toBe(false);
    const agreed = await c.say('はい、お願いします');
    expect(agreed.activities.some((a) => a.name === 'handoff.initiate')).toBe(true);
  });

  it('no person without consent: 「いいえ」 to the offer gives the desk phone and carries on', async () => {
    const c = conversation(t, 'web', 'hachiro');
    await replay(
      c,
      [
        { user: '通知書が届いたので予約したい', bot: ['カード'] },
        { user: 'いいえ', bot: ['本人'] },
        { user: 'はい', bot: ['日にち'] },
        { user: 'ふにゃふにゃ', bot: ['日にち'] },
        { user: 'ほげほげ', bot: ['担当者'] },
        { user: 'ぴよぴよ', bot: ['おつなぎしましょうか'] },
      ],
      check,
    );
    const declined = await c.say('いいえ、大丈夫です');
    expect(declined.activities.some((a) => a.name === 'handoff.initiate')).toBe(false);
    expect(declined.all).toContain('072-724-6920');
  });

  it('R9: a second family member books with the same phone and e-mail', async () => {
    const c = conversation(t, 'web', 'family');
    await replay(
      c,
      [
        { user: '通知書が届いたので12月8日の9時で予約したい', bot: ['カード'] },
        { user: 'いいえ', bot: ['本人'] },
        { user: 'はい', bot: ['誕生日'] },
        { user: '1月10日', bot: ['電話番号'] },
        { user: '080-5555-6666', bot: ['メールアドレス'] },
        { user: 'fam@example.jp', bot: ['よろしいですか'] },
        { user: 'はい', bot: ['予約番号', 'ご家族'] },
        { user: 'はい', bot: ['通知書'] },
        { user: 'はい', bot: ['カード'] },
        { user: 'いいえ', bot: ['本人'] },
        { user: 'はい', bot: ['日にち'] },
        { user: '12月8日の9時', bot: ['誕生日'] },
        { user: '7月20日', bot: ['よろしいですか', '080-5555-6666'] },
        { user: 'はい', bot: ['予約番号'] },
      ],
      check,
    );
    const day = (await t.ledger.ledger.listByDate('2026-12-08')).filter((r) => r.phone === '08055556666');
    expect(day.map((r) => r.birthday).sort()).toEqual(['01-10', '07-20']);
  });
});

describe('booking on the phone line', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await makeTestBot(WED);
  });
  afterAll(() => t?.close());

  it('books by keypad, offering the caller’s own number, with speech for every answer', async () => {
    const c = conversation(t, 'phone', 'caller-1', { channelData: { callerNumber: '09011112222' } });
    const welcome = await c.open();
    expect(welcome.speak).toMatch(/1/);
    const turns = await replay(
      c,
      [
        { user: '1', bot: ['通知書'] },
        { user: '1', bot: ['カード'] },
        { user: '2', bot: ['本人'] },
        { user: '1', bot: ['日にち'] },
        { user: '11月26日', bot: ['11月26日(木)'] },
        { user: '1', bot: ['誕生日'] },
        { user: '0503', bot: ['090-1111-2222'] },
        { user: '1', bot: ['よろしいですか'] },
        { user: '1', bot: ['予約番号'] },
      ],
      check,
    );
    for (const turn of turns) expect(turn.speak.length).toBeGreaterThan(0);
    expect(turns.at(-1)!.speak).not.toMatch(/[「」()【】]/);
    const day = await t.ledger.ledger.listByDate('2026-11-26');
    expect(day[0]).toMatchObject({ channel: 'phone', phone: '09011112222', birthday: '05-03', email: null });

    // 9 (or 「もう一度」) says the number again, twice, and asks the same question; 2 ends.
    const digits = day[0]!.number.split('').join(' ');
    const again = await replay(
      c,
      [
        { user: '9', bot: ['予約番号', 'ご家族'] },
        { user: 'もう一度お願いします', bot: ['予約番号', 'ご家族'] },
      ],
      check,
    );
    for (const turn of again) {
      expect(turn.speak.split(digits.slice(0, 7)).length - 1).toBeGreaterThanOrEqual(2);
      expect(turn.speak).toMatch(/9/);
    }
    await replay(c, [{ user: '2', bot: [], not: ['予約番号'] }], check);
    expect(await t.ledger.ledger.listByDate('2026-11-26')).toHaveLength(1);
  });

  it('R11/R21c: a proxy (「かわりにいきます」 or 2 to 「ご本人が来られますか」) is told staff take the booking, not asked for a date', async () => {
    for (const [caller, proxy] of [
      ['caller-2', 'いえ むすめは しごとで いけないので わたしが かわりに いきます'],
      ['caller-3', '2'],
    ] as const) {
      const c = conversation(t, 'phone', caller, { channelData: { callerNumber: '09033334444' } });
      await c.open();
      const turns = await replay(
        c,
        [
          { user: '1', bot: ['通知書'] },
          { user: 'とどいてます', bot: ['カード'] },
          { user: 'まださきです', bot: ['本人'] },
          { user: proxy, bot: ['代理人のかたでもお手続きできます', '担当者がご予約をお受けします', '日数がかかります'], not: ['日にち'] },
        ],
        check,
      );
      expect(turns.at(-1)!.speak).toMatch(/担当者、とお話しください/);
    }
  });
});

describe('everyday answers in context (issue 13)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await makeTestBot('2026-11-25T10:00:00+09:00');
  });
  afterAll(() => t?.close());

  it('takes 「届いてます」「本人が行きます」「2番で」 as the answers they are, and 「いや、やっぱり11時で」 at the read-back', async () => {
    const c = conversation(t, 'web', 'kuro');
    await replay(
      c,
      [
        { user: '予約したいです', bot: ['通知書'] },
        { user: '届いてます', bot: ['カード'] },
        { user: 'まだ何年もあります', bot: ['本人'] },
        { user: '本人が行きます', bot: ['日にち'] },
        { user: '12月10日の午前中', bot: ['空いている時間帯'] },
        { user: '2番で', bot: ['9:30〜10:00', '誕生日'] },
        { user: '5月5日', bot: ['電話番号'] },
        { user: '090-3333-4444', bot: ['メールアドレス'] },
        { user: 'kuro@example.jp', bot: ['よろしいですか', '9:30〜10:00'] },
        { user: 'いや、やっぱり11時で', bot: ['よろしいですか', '11:00〜11:30'], not: ['9:30〜10:00'] },
        { user: 'はい', bot: ['予約が完了しました', '11:00〜11:30'] },
      ],
      check,
    );
  });

  it('「大丈夫です」 to the card question is asked again, never taken as a yes that refuses', async () => {
    const c = conversation(t, 'web', 'daijoubu');
    await replay(
      c,
      [
        { user: '通知書が届いたので予約したい', bot: ['カード'] },
        { user: '大丈夫です', bot: ['3か月未満なら「はい」'], not: ['カード本体の更新'] },
        { user: 'いいえ、まだ2年あります', bot: ['本人'] },
      ],
      check,
    );
  });

  it('a fact said first is not asked again: the certificate expired last month → no notice or expiry question', async () => {
    const c = conversation(t, 'line', 'kireta');
    await replay(c, [{ user: '電子証明書の有効期限が先月切れてしまいました。予約したいです', bot: ['カード'], not: ['通知書', '電子証明書の有効期限」を教えて'] }], check);
  });

  it('giving up mid-booking is heard: 「やっぱり今日はやめておきます」', async () => {
    const c = conversation(t, 'web', 'yameru');
    await replay(
      c,
      [
        { user: '通知書が届いたので予約したい', bot: ['カード'] },
        { user: 'やっぱり今日はやめておきます', bot: ['中止しました'] },
      ],
      check,
    );
  });

  it('off-topic, blank and English are answered, not handed to staff', async () => {
    const c = conversation(t, 'web', 'taki');
    const taki = await c.say('箕面の滝って今紅葉見れますか?');
    expect(taki.all).toContain('お答えできません');
    expect(taki.activities.some((a) => a.name === 'handoff.initiate')).toBe(false);
    const blank = await c.say('  ');
    expect(blank.all).toContain('空');
    const en = await c.say('Do you speak English?');
    expect(en.all).toMatch(/English/);
    expect(en.activities.some((a) => a.name === 'handoff.initiate')).toBe(false);
  });
});
