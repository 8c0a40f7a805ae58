// "Can I book / what do I bring / what does it cost", the office, PINs, proxies, help and
// handoff modes on each door.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultOfficeConfig } from '../../domain/office-config.js';
import { checkTurn as check, conversation, makeTestBot, replay, type TestBot } from '../support/bot.js';

const WED = '2026-11-25T10:00:00+09:00';

describe('information dialogs', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await makeTestBot(WED, { ...defaultOfficeConfig(), staffTransferNumber: '+81727246920' });
  });
  afterAll(() => t?.close());

  // Asked plainly, the holder's own list at once (the common case) with a word on the others —
  // no question first; who else comes is said in the question, or was said before in the chat.
  it('R21: documents for the holder, a legal representative and a proxy', async () => {
    const c = conversation(t, 'web', 'docs');
    await replay(
      c,
      [
        { user: '持ち物を教えてください', bot: ['有効なマイナンバーカード', '暗証番号', 'コピー不可', '代理人の持ち物'], not: ['照会書', 'どなた'] },
        { user: '代理人は何を持っていけばいいですか', bot: ['照会書兼回答書', '【A】', '健康保険証', '日数'] },
        { user: '14歳の子どもの場合、必要な書類は?', bot: ['法定代理人', '戸籍謄本', '【A】'], not: ['登記事項証明書'] },
        { user: '法定代理人の持ち物は?', bot: ['どちら'] },
        { user: '成年被後見人', bot: ['登記事項証明書', '後見人の住所と氏名'] },
      ],
      check,
    );
  });

  it('R21: what to bring follows what the chat said — a proxy after 「母の代わりに私が行きます」', async () => {
    const c = conversation(t, 'web', 'docs-proxy');
    await c.say('母の電子証明書の更新を予約したいんですが、母は入院中なので私が代わりに行きます');
    const docs = await c.say('書類は何がいるんですか');
    expect(docs.all).toContain('照会書');
    expect(docs.all).not.toContain('どなた');
  });

  it('R20: fees with a valid card and with a card re-issue, both at once (no question first)', async () => {
    const c = conversation(t, 'web', 'fees');
    await replay(
      c,
      [
        { user: '手数料はいくらですか', bot: ['無料', '200円', '800円', '1000円', 'ほかにご用件'], not: ['有効期限内ですか'] },
        { user: 'いくらかかりますか', bot: ['無料', '1000円'] },
      ],
      check,
    );
  });

  it('R13–R15: eligibility says when renewal becomes possible, and R14 sends a card renewal elsewhere', async () => {
    const c = conversation(t, 'web', 'elig');
    await replay(
      c,
      [
        { user: '電子証明書の更新っていつからできますか', bot: ['通知書'] },
        { user: 'いいえ', bot: ['有効期限'] },
        { user: '2027年6月10日', bot: ['カード'] },
        // Age and a face-authentication card do not change the answer: not asked (R17, R18).
        { user: 'いいえ', bot: ['3月11日(木)以降'], not: ['15歳未満', '顔認証'] },
        // The notice said to have come is not asked about again: the card's expiry is next.
        { user: '通知書が来たけど対象ですか', bot: ['カード本体'], not: ['通知書は届いていますか'] },
        { user: 'はい', bot: ['カード本体', '別の手続き', '3か月'] },
      ],
      check,
    );
  });

  it('R13c: 「…予約できますか」 — when the answer is yes the booking goes on, with the day asked about', async () => {
    const c = conversation(t, 'web', 'can-book');
    await replay(
      c,
      [
        { user: '電子証明書の期限が切れちゃったんですけど、12月7日に予約できますか', bot: ['カード本体'] },
        { user: 'カードは2028年まで有効です', bot: ['新規発行', 'ご本人が窓口に来られますか'], not: ['このまま予約しますか', '15歳未満', '顔認証'] },
        { user: 'はい', bot: ['12月7日(月)', '空いている時間帯'] },
      ],
      check,
    );
    // Asked whether in general (no 「予約できますか」), the answer ends with the offer to book.
    const d = conversation(t, 'web', 'may-i');
    await d.say('私は予約の対象ですか');
    await d.say('はい');
    expect((await d.say('いいえ')).all).toContain('このまま予約しますか');
  });

  it('R13: when nothing decides eligibility, the citizen is offered a person and handed over on consent', async () => {
    const c = conversation(t, 'web', 'unsure');
    await replay(
      c,
      [
        { user: '私は予約の対象ですか', bot: ['通知書'] },
        { user: 'わからない', bot: ['有効期限'] },
        { user: 'わからないです', bot: ['カード'] },
      ],
      check,
    );
    const last = await c.say('いいえ');
    expect(last.all).toContain('判断できませんでした');
    expect(last.all).toContain('おつなぎしましょうか');
    const agreed = await c.say('はい');
    expect(agreed.activities.find((a) => a.name === 'handoff.initiate')?.value).toMatchObject({ reason: 'eligibility-needs-staff' });
  });

  it('R1/R24/R25: the office, its Saturdays and branches; R19: a forgotten PIN', async () => {
    const c = conversation(t, 'web', 'office');
    await replay(
      c,
      [
        { user: '土曜日もやってますか', bot: ['第2・第4土曜日', '支所', '072-724-6920'] },
        { user: '暗証番号を忘れてしまいました', bot: ['暗証番号', '再設定'] },
        { user: '代理で申請したいです', bot: ['電話', '072-724-6920', '照会書'] },
      ],
      check,
    );
  });

  it('「ほかにご用件は」 — はい asks what, いいえ says goodbye; help mid-booking repeats the question', async () => {
    const c = conversation(t, 'web', 'misc');
    await replay(
      c,
      [
        { user: '暗証番号を忘れました', bot: ['ほかにご用件'] },
        { user: 'はい', bot: ['ご用件をどうぞ'] },
        { user: '予約したい', bot: ['通知書'] },
        { user: '使い方を教えて', bot: ['最初から', '通知書'] },
        { user: '最初から', bot: ['ご用件をどうぞ'] },
        { user: '手数料', bot: ['無料', 'ほかにご用件'] },
        { user: 'いいえ', bot: ['ありがとうございました'] },
      ],
      check,
    );
  });

  it('R25: on the phone a handoff transfers during desk hours and takes a callback request after', async () => {
    const c = conversation(t, 'phone', 'caller', { channelData: { callerNumber: '09012345678' } });
    const during = await c.say('0');
    expect(during.activities.find((a) => a.name === 'handoff.initiate')?.value).toMatchObject({ mode: 'transfer', channel: 'phone' });
    expect(during.all).toContain('おつなぎします');
    t.setNow('2026-11-25T18:30:00+09:00');
    const c2 = conversation(t, 'phone', 'night-caller', { channelData: { callerNumber: '09012345678' } });
    const after = await c2.say('人と話したい');
    expect(after.activities.find((a) => a.name === 'handoff.initiate')?.value).toMatchObject({ mode: 'callback' });
    expect(after.all).toContain('おかけ直し');
    t.setNow(WED);
  });

  it('two misunderstandings in a row at the start offer a person, handed over on consent', async () => {
    const c = conversation(t, 'line', 'lost');
    expect((await c.say('ぬぬぬぬ')).all).toContain('読み取れません');
    const second = await c.say('ほげほげ');
    expect(second.activities.some((a) => a.name === 'handoff.initiate')).toBe(false);
    expect(second.all).toContain('おつなぎしましょうか');
    const agreed = await c.say('はい');
    expect(agreed.activities.some((a) => a.name === 'handoff.initiate')).toBe(true);
    expect(agreed.all).toContain('トーク');
  });
});
