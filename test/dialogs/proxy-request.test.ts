// The proxy form request (R21c step 1) as a citizen has it: the proxy answer and the offer, the
// five steps, who may ask (the holder or the legal representative; anyone else at the window),
// the holder's name in kana, birthday and a number to call back, the read-back, and only after
// its yes a request the desk sees. Real dialogs, real Japanese understanding, a real ledger.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { SqlProxyRequestStore } from '../../adapters/ledger/proxy-request-store.js';
import { wantsProxyForm } from '../../dialogs/proxy-request-dialog.js';
import { checkTurn as check, conversation, makeTestBot, replay, type TestBot, type Turn } from '../support/bot.js';

const MON = '2026-12-07T10:00:00+09:00';
const DESK = '072-724-6920';

const acts = (turn: Turn) => turn.activities.flatMap((a: Partial<Activity>) => ((a.channelData as { acts?: string[] } | undefined)?.acts ?? []));

describe('what asks for the form itself', () => {
  it.each(['照会書を郵送してください', '照会書兼回答書を送ってほしいです', '委任状を送ってもらえますか', '母の分の照会書を送ってください', 'Please mail the form for a proxy', 'Can you send me the letter of proxy?'])('%s', (text) => {
    expect(wantsProxyForm(text)).toBe(true);
  });
  it.each(['郵送で更新できますか', '代理人でも手続きできますか', '照会書って何ですか', 'Can my wife go instead of me?'])('not: %s', (text) => {
    expect(wantsProxyForm(text)).toBe(false);
  });
});

describe('the proxy form request', () => {
  let t: TestBot;
  let store: SqlProxyRequestStore;
  beforeAll(async () => {
    t = await makeTestBot(MON);
    store = new SqlProxyRequestStore(t.ledger.db);
    t.services.proxyRequests = store;
  });
  beforeEach(async () => {
    await t.ledger.db.query('DELETE FROM proxy_form_requests');
  });
  afterAll(() => t?.close());

  const stored = () => store.list(new Date(MON));

  it('web: the proxy answer, the offer, the steps, who asks, the details, the read-back — stored only after its yes', async () => {
    const c = conversation(t, 'web', 'proxy-web');
    const first = await c.say('母が入院中なので、代わりに私が手続きに行きたいです');
    expect(acts(first)).toEqual(expect.arrayContaining(['answers-proxy', 'offers-proxy-request']));
    expect(first.all).toContain('照会書兼回答書');
    expect(first.activities.at(-1)?.suggestedActions?.actions.map((a) => a.title)).toEqual(['郵送を依頼する', '依頼しない']);
    const steps = await c.say('郵送を依頼する');
    expect(acts(steps)).toEqual(['answers-proxy', 'asks-requester']);
    for (const s of ['日数がかかります', '転送不要', '封入封緘', '顔認証マイナンバーカード', '転入・転居', '法定代理人']) expect(steps.all).toContain(s);
    await replay(
      c,
      [
        { user: '本人です', bot: ['カタカナかひらがな', 'マイナンバー'] },
        { user: 'みのお はなこ', bot: ['誕生日'] },
        { user: '5月3日', bot: ['折り返し', '電話番号'] },
        { user: '090-1234-5678', bot: ['お名前(カナ):ミノオ ハナコ', '誕生日:5月3日', '折り返しのお電話:090-1234-5678', 'よろしいですか'] },
      ],
      check,
    );
    expect(await stored()).toEqual([]);
    const taken = await c.say('はい');
    expect(acts(taken)).toEqual(expect.arrayContaining(['proxy-request-taken', 'refers-to-phone', 'anything-else']));
    for (const s of ['折り返しお電話', '本人確認', '転送不要', '数日', 'お電話でお受け', DESK]) expect(taken.all).toContain(s);
    expect(await stored()).toMatchObject([{ kanaName: 'ミノオ ハナコ', birthday: '05-03', phone: '09012345678', channel: 'web', status: 'new' }]);
    const [r] = await stored();
    expect((await store.history([r!.id])).get(r!.id)).toMatchObject([{ staff: 'system', from: null, to: 'new' }]);
  });

  it('asked for in so many words: no offer, the steps at once', async () => {
    const c = conversation(t, 'web', 'proxy-direct');
    const turn = await c.say('照会書を郵送してください');
    expect(acts(turn)).toEqual(['answers-proxy', 'asks-requester']);
    await replay(c, [{ user: '法定代理人です', bot: ['お名前'] }], check);
  });

  it('someone who is neither the holder nor the legal representative asks at the window with ID; nothing is stored', async () => {
    const c = conversation(t, 'web', 'proxy-other');
    await c.say('照会書を送ってほしいです');
    const refused = await c.say('どちらでもない');
    expect(acts(refused)).toEqual(expect.arrayContaining(['not-eligible', 'anything-else']));
    for (const s of ['本人確認書類', '102番窓口', DESK]) expect(refused.all).toContain(s);
    expect(await stored()).toEqual([]);
  });

  it('a family word alone is asked again, never a refusal on a guess', async () => {
    const c = conversation(t, 'web', 'proxy-mother');
    await c.say('照会書を送ってほしいです');
    const again = await c.say('母です');
    expect(acts(again)).toContain('clarifies');
    expect(again.all).toContain('親権者');
  });

  it('a My Number typed for the name is not taken: the question comes again, and nothing is stored', async () => {
    for (const [i, typed] of ['1234 5678 9012', '山田花子', 'いち に さん よん ご ろく なな はち きゅう ぜろ いち に'].entries()) {
      const c = conversation(t, 'web', `proxy-mynumber-${i}`);
      await c.say('照会書を送ってほしいです');
      await c.say('本人です');
      const again = await c.say(typed);
      expect(acts(again), typed).toContain('clarifies');
      expect(again.all).toContain('マイナンバーなどの番号は入力しないでください');
    }
    expect(await stored()).toEqual([]);
  });

  it('no consent at the read-back: いいえ asks again and stores nothing; やめます stops and stores nothing', async () => {
    const c = conversation(t, 'web', 'proxy-no');
    await replay(
      c,
      [
        { user: '照会書を送ってほしいです', bot: ['どなた'] },
        { user: '本人です', bot: ['お名前'] },
        { user: 'ヤマダ タロウ', bot: ['誕生日'] },
        { user: '1月2日', bot: ['電話番号'] },
        { user: '0727246000', bot: ['よろしいですか'] },
        { user: 'いいえ', bot: ['もう一度お伺いします', 'お名前'] },
        { user: 'ヤマダ タロウ', bot: ['誕生日'] },
        { user: '1月2日', bot: ['電話番号'] },
        { user: '0727246000', bot: ['よろしいですか'] },
        { user: 'やめます', bot: ['中止しました'] },
      ],
      check,
    );
    expect(await stored()).toEqual([]);
  });

  it('a corrected birthday at the read-back is read back again before anything is stored', async () => {
    const c = conversation(t, 'web', 'proxy-fix');
    await replay(
      c,
      [
        { user: '照会書を送ってほしいです', bot: ['どなた'] },
        { user: '本人です', bot: ['お名前'] },
        { user: 'すずき いちろう', bot: ['誕生日'] },
        { user: '2月3日', bot: ['電話番号'] },
        { user: '080-1111-2222', bot: ['誕生日:2月3日'] },
        { user: '誕生日は2月4日です', bot: ['誕生日:2月4日', 'よろしいですか'] },
      ],
      check,
    );
    expect(await stored()).toEqual([]);
    await c.say('はい');
    expect(await stored()).toMatchObject([{ kanaName: 'スズキ イチロウ', birthday: '02-04', phone: '08011112222' }]);
  });

  it('the same request again while the first is open is not stored twice', async () => {
    for (const user of ['proxy-twice-1', 'proxy-twice-2']) {
      const c = conversation(t, 'line', user);
      const turns = await replay(
        c,
        [
          { user: '照会書を送ってほしいです', bot: ['どなた'] },
          { user: '本人です', bot: ['お名前'] },
          { user: 'さとう けい', bot: ['誕生日'] },
          { user: '12月1日', bot: ['電話番号'] },
          { user: '09033334444', bot: ['よろしいですか'] },
        ],
        check,
      );
      expect(turns).toHaveLength(5);
      const done = await c.say('はい');
      expect(done.all).toContain(user.endsWith('1') ? 'ご依頼をお受けしました' : 'すでにお受けしています');
    }
    expect(await stored()).toHaveLength(1);
  });

  it('the phone: the name as speech-to-text heard it is read back; the caller’s own number is offered', async () => {
    const c = conversation(t, 'phone', 'proxy-phone', { channelData: { callerNumber: '09055556666' } });
    const first = await c.say('はは の かわり に わたし が いきたい んですけど');
    expect(acts(first)).toEqual(expect.arrayContaining(['answers-proxy', 'offers-proxy-request']));
    expect(first.speak).toContain('依頼する場合は1');
    await replay(
      c,
      [
        { user: '1', bot: ['どなた'] },
        { user: '1', bot: ['お名前'] },
        { user: '山田花子', bot: ['ヤマダハナコ'] },
        { user: 'いいえ', bot: ['もう一度'] },
        { user: 'やまだ はなえ です', bot: ['ヤマダハナエ'] },
        { user: '1', bot: ['誕生日'] },
        { user: '0503', bot: ['090-5555-6666'] },
        { user: '1', bot: ['ヤマダハナエ', '5月3日', 'よろしいですか'] },
      ],
      check,
    );
    expect(await stored()).toEqual([]);
    const taken = await c.say('1');
    expect(taken.speak).toContain('折り返しお電話');
    expect(await stored()).toMatchObject([{ kanaName: 'ヤマダハナエ', birthday: '05-03', phone: '09055556666', channel: 'phone' }]);
  });

  it('declined: いいえ goes on to 「ほかにご用件は」; 「わかりました、電話します」 says goodbye', async () => {
    const c = conversation(t, 'web', 'proxy-decline');
    await c.say('代理人でも手続きできますか');
    const no = await c.say('いいえ');
    expect(acts(no)).toEqual(['anything-else']);
    const d = conversation(t, 'web', 'proxy-bye');
    await d.say('代理人でも手続きできますか');
    expect(acts(await d.say('わかりました、電話します'))).toEqual(['goodbye']);
    expect(await stored()).toEqual([]);
  });

  it('a side question at the offer is answered and the offer comes again', async () => {
    const c = conversation(t, 'web', 'proxy-side');
    await c.say('代理人でも手続きできますか');
    const side = await c.say('電話は何時までですか');
    expect(acts(side)).toEqual(expect.arrayContaining(['answers-office', 'offers-proxy-request', 'resumes']));
  });
});

describe('without a request store behind the bot', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await makeTestBot(MON);
  });
  afterAll(() => t?.close());

  it('the proxy answer as before, and a request asked for goes to the desk phone', async () => {
    const c = conversation(t, 'web', 'no-store');
    expect(acts(await c.say('代理人でも手続きできますか'))).toEqual(expect.arrayContaining(['answers-proxy', 'anything-else']));
    const d = conversation(t, 'web', 'no-store-2');
    const turn = await d.say('照会書を郵送してください');
    expect(acts(turn)).toEqual(expect.arrayContaining(['refers-to-phone']));
    expect(turn.all).toContain(DESK);
  });
});
