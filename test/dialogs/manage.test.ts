// Look-up, change and cancel conversations (R10, R12, R22, R23) against a real ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTurn as check, conversation, makeTestBot, replay, type TestBot } from '../support/bot.js';

const WED = new Date('2026-11-25T10:00:00+09:00');

describe('look-up, change and cancel', () => {
  let t: TestBot;
  const book = async (channel: 'web' | 'line' | 'phone', date: string, start: string, birthday: string, extra: { email?: string; lineUserId?: string } = {}) => {
    const r = await t.services.desk.book({ date, start, channel, holder: { birthday, phone: '0727240000', email: extra.email ?? (channel === 'web' ? 'x@example.jp' : undefined), lineUserId: extra.lineUserId }, now: WED });
    if (!r.ok) throw new Error(`could not book: ${r.reason}`);
    return r.reservation;
  };

  beforeAll(async () => {
    t = await makeTestBot(WED.toISOString());
  });
  afterAll(() => t?.close());

  it('R10/R22: finds a reservation by number and birthday, and only with the right birthday', async () => {
    const r = await book('web', '2026-12-09', '11:00', '04-01');
    const c = conversation(t, 'web', 'look');
    await replay(
      c,
      [
        { user: '予約の確認をしたいです', bot: ['予約番号'] },
        { user: r.number, bot: ['誕生日'] },
        { user: '4月2日', bot: ['見つかりません'] },
        { user: r.number, bot: ['誕生日'] },
        { user: '4月1日', bot: ['12月9日(水) 11:00〜11:30', 'ご予約中'] },
      ],
      check,
    );
  });

  it('cancels after a confirmation; the window is free again', async () => {
    const r = await book('web', '2026-12-10', '15:00', '06-15');
    const c = conversation(t, 'web', 'cancel');
    await replay(
      c,
      [
        { user: `予約をキャンセルしたいです 予約番号は${r.number}`, bot: ['誕生日'] },
        { user: '6月15日', bot: ['12月10日(木) 15:00〜15:30', 'よろしいですか'] },
        { user: 'キャンセルします', bot: ['キャンセルしました'] },
      ],
      check,
    );
    expect((await t.services.desk.lookUp(r.number, '06-15'))?.status).toBe('cancelled');
  });

  it('changes to a new window; the number stays the same', async () => {
    const r = await book('web', '2026-12-11', '09:00', '07-01');
    const c = conversation(t, 'web', 'change');
    await replay(
      c,
      [
        { user: '予約の日時を変更したい', bot: ['予約番号'] },
        { user: r.number, bot: ['誕生日'] },
        { user: '7月1日', bot: ['12月11日(金) 9:00〜9:30', '日にち'] },
        { user: '12月14日の13時', bot: ['12月14日(月) 13:00〜13:30', 'よろしいですか'] },
        { user: 'はい', bot: ['変更しました', '変わりません'] },
      ],
      check,
    );
    expect(await t.services.desk.lookUp(r.number, '07-01')).toMatchObject({ date: '2026-12-14', start: '13:00', status: 'booked' });
  });

  it('R12: a phone booking cannot be cancelled in the web chat; the phone number is given', async () => {
    const r = await book('phone', '2026-12-15', '10:00', '08-08');
    const c = conversation(t, 'web', 'wrong');
    await replay(
      c,
      [
        { user: 'キャンセルしたい', bot: ['予約番号'] },
        { user: r.number, bot: ['誕生日'] },
        { user: '8月8日', bot: ['072-724-6920'], not: ['キャンセルしました'] },
      ],
      check,
    );
    expect((await t.services.desk.lookUp(r.number, '08-08'))?.status).toBe('booked');
  });

  it('R12: a LINE user manages their own booking without the number', async () => {
    await book('line', '2026-12-16', '14:30', '09-09', { lineUserId: 'U-line-owner' });
    const c = conversation(t, 'line', 'U-line-owner');
    await replay(c, [{ user: '予約を確認したい', bot: ['12月16日(水) 14:30〜15:00', 'ご予約中'], not: ['予約番号(8桁)を教えて'] }], check);
  });
});
