// Questions from the office rules, in citizens' own words, answered on the point (issue 13): each
// row is asked typed on web chat and as speech recognition writes it on the phone line, and the
// answer must say what a citizen would notice (保険証は使えません, 800円, 3か月 …) — and not what
// the old, general answer said instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversation, makeTestBot, type TestBot } from '../support/bot.js';

const WED = '2026-11-25T10:00:00+09:00';

interface Row {
  rule: string;
  /** Typed on web chat. */
  typed: string;
  /** Spoken on the phone line (kana and spaces, as speech recognition writes them). */
  spoken: string;
  /** On screen. */
  shows: (string | RegExp)[];
  /** Heard on the phone. */
  says: (string | RegExp)[];
  /** Never on screen (the off-the-point answer it used to get). */
  not?: (string | RegExp)[];
}

const DESK = '072-724-6920';

const rows: Row[] = [
  {
    rule: 'R21d',
    typed: '健康保険証でもいいですか',
    spoken: 'けんこう ほけんしょう で いい です か',
    shows: [/令和7年12月2日以降、健康保険証は本人確認書類として使えません/, 'マイナンバーカードがあれば', '【A】', '資格確認書'],
    says: ['健康保険証は使えません', 'カードだけ', '顔写真付き'],
    not: ['どなたが窓口に来られますか'],
  },
  {
    rule: 'R21a/R21d',
    typed: '運転免許証を持っていないんですが',
    spoken: 'うんてんめんきょしょう が ない ん です けど',
    shows: ['ほかの本人確認書類は要りません', 'パスポート', '在留カード', '原本'],
    says: ['ほかの本人確認書類は要りません', 'パスポート'],
    not: ['どなたが窓口に来られますか'],
  },
  {
    rule: 'R21d',
    typed: '身分証はコピーでもいいですか',
    spoken: 'こぴー でも いい です か',
    shows: ['原本', 'コピー不可'],
    says: ['コピーは使えません'],
  },
  {
    rule: 'R26',
    typed: 'カードの期限が切れたらマイナ保険証は使えなくなりますか',
    spoken: 'まいなほけんしょう つかえ なく なり ます か',
    shows: ['3か月は使えます', 'このご予約の対象外', DESK],
    says: ['3か月使えます', 'このご予約の対象外'],
    not: ['どなたが窓口に来られますか', '本人確認書類'],
  },
  {
    rule: 'R18/R21c',
    typed: '顔認証マイナンバーカードでも更新が必要ですか',
    spoken: 'かおにんしょう の カード でも こうしん いります か',
    shows: ['ロックがかかっています', '更新の手続きが必要です', '暗証番号の記入と封入封緘は不要'],
    says: ['更新が必要です', '暗証番号の記入と封は要りません'],
    not: ['通知書は届いていますか'],
  },
  {
    rule: 'R16',
    typed: 'カードを作るときに電子証明書をつけなかったんですが予約できますか',
    spoken: 'でんししょうめいしょ を つけ ず に カード を つくり ました',
    shows: ['新規発行', 'このご予約の対象には含まれていません', '予約なしで窓口', '豊川支所', DESK],
    says: ['新規発行', 'このご予約の対象外', '担当者'],
    not: ['通知書は届いていますか'],
  },
  {
    rule: 'R20',
    typed: 'カードを紛失したんですが手数料はいくらですか',
    spoken: 'かーど を なくし た ん です けど いくら かかり ます か',
    shows: ['カードの再交付 800円', '電子証明書 200円', '合計 1000円', '別のお手続き', DESK],
    says: ['800円', '200円', '1000円', '別の手続き'],
    not: ['無料', '有効期限内ですか'],
  },
  {
    rule: 'R20',
    typed: 'マイナンバーカードを落としてしまいました。予約できますか',
    spoken: 'まいなんばーかーど を おとし て しまい ました',
    shows: [/^カードを紛失した場合などは、カードの再交付が必要です/, 'このご予約', '800円'],
    says: ['再交付が必要です', '1000円'],
    not: ['無料', '通知書は届いていますか'],
  },
  {
    rule: 'R17',
    typed: '15歳の息子も予約できますか',
    spoken: 'じゅうごさい の むすこ も よやく できます か',
    shows: ['「15歳未満」にはあたりません', 'ご本人が手続きでき', '署名用電子証明書も発行できます'],
    says: ['15歳のかたは、ご本人が手続きできます'],
    not: ['法定代理人のかたが行ってください', '原則発行できません'],
  },
  {
    rule: 'R17/R21b',
    typed: '14歳の娘の更新はどうすればいいですか',
    spoken: 'じゅうよんさい の むすめ の こうしん は どう すれば いい です か',
    shows: ['署名用電子証明書は原則発行できません', '利用者証明用電子証明書は発行できます', '法定代理人', '戸籍謄本'],
    says: ['原則出せません', '法定代理人', '担当者'],
  },
  {
    rule: 'R17',
    typed: '中学生の子どもも対象ですか',
    spoken: 'ちゅうがくせい の こども も たいしょう です か',
    shows: ['15歳未満のかた', '15歳以上のかた(15歳を含む)', '法定代理人'],
    says: ['15歳未満なら', '15歳以上なら'],
  },
  {
    rule: 'R14',
    typed: '在留期間がもうすぐ切れるんですが更新できますか',
    spoken: 'ざいりゅうきかん が もうすぐ きれ ます',
    shows: ['在留期間の満了日がカードの有効期限', '3か月未満', 'このご予約の対象外', DESK],
    says: ['在留期間の満了日', 'カード本体の手続き', '予約の対象外'],
    not: ['どなたが窓口に来られますか'],
  },
  {
    rule: 'R1',
    typed: '支所でもできますか',
    spoken: 'ししょ でも できます か',
    shows: ['豊川支所・止々呂美支所でも同じ手続きができますが、予約はできません', '102番窓口だけ'],
    says: ['予約はできません', '102番窓口だけ'],
    not: ['受付時間'],
  },
  {
    rule: 'R2',
    typed: '土曜日もやってますか',
    spoken: 'どようび も やって ます か',
    shows: ['第2・第4土曜日', '3月・4月は毎週土曜日', '次に開いている土曜日は、11月28日(土)と12月12日(土)', '支所は、土曜日', DESK],
    says: ['第2、第4土曜日', '次は、11月28日'],
  },
  {
    rule: 'R3/R25',
    typed: '何時まで受付してますか',
    spoken: 'なんじ まで やって ます か',
    shows: ['午前9時〜午後5時', '平日9時〜17時'],
    says: ['午前9時から午後5時まで'],
    not: ['支所'],
  },
  {
    rule: 'R24',
    typed: '予約なしでも行けますか',
    spoken: 'よやく なし でも いけ ます か',
    shows: ['ご予約のかたが優先', '空きがあれば', 'その日にお手続きできなかったり'],
    says: ['空きがあれば手続きできます'],
  },
  {
    rule: 'R19',
    typed: '暗証番号を忘れてしまいました',
    spoken: 'あんしょうばんごう を わすれ ました',
    shows: ['暗証番号変更・再設定申請', 'ご予約の前に', '担当者'],
    says: ['再設定', '担当者'],
  },
  {
    rule: 'R11/R21c',
    typed: '代理人でも手続きできますか',
    spoken: 'だいりにん でも いい です か',
    shows: [/^代理人のかたでもお手続きできます/, 'お電話でご予約ください', DESK, '日数'],
    says: ['代理のかたでも、お手続きできます', '担当者がご予約をお受けします'],
  },
  {
    rule: 'page: at the window',
    typed: '郵送で更新できますか',
    spoken: 'ゆうそう で できます か',
    shows: ['窓口でのお手続き', '郵送ではお手続きできません', '代理人'],
    says: ['郵送ではできません'],
  },
  {
    rule: 'R21a/R21c/R22',
    typed: '手続きにどれくらい時間がかかりますか',
    spoken: 'どれくらい じかん かかり ます か',
    shows: ['その日のうちに終わります', '30分', '日数がかかります'],
    says: ['その日のうちに終わります'],
    not: ['手数料', '無料'],
  },
  {
    rule: 'R22/R23',
    typed: '当日遅れたらどうなりますか',
    spoken: 'とうじつ おくれ たら どう なり ます か',
    shows: ['ご案内が遅くなることがあります', 'もう一度ご予約が必要です', '予約を変更したい'],
    says: ['遅れると後になり', '予約し直し'],
    not: ['予約番号'],
  },
  {
    rule: 'R22',
    typed: '予約の何分前に行けばいいですか',
    spoken: 'なんぷんまえ に いけば いい です か',
    shows: ['時間帯(30分)の中でご案内します', '余裕をもってお越しください'],
    says: ['30分の中でご案内します', '早めにお越しください'],
    not: ['その日のうちに終わります'],
  },
  {
    rule: 'R22',
    typed: '受付では何を確認されますか',
    spoken: 'うけつけ では なにを かくにん され ます か',
    shows: ['「誕生日(月日)」と「予約時間」を確認します', '誤りがあると'],
    says: ['誕生日と予約時間を確認します'],
    not: ['予約番号'],
  },
  {
    rule: 'R6/R7',
    typed: '予約できる日はいつ追加されますか',
    spoken: 'よやく は いつ から とれ ます か',
    shows: ['毎週金曜日に追加されます', '12月18日(金)までの日', '2営業日前まで', DESK],
    says: ['毎週金曜日に、予約できる日が増えます', '12月18日まで', '近い日も取れます'],
    not: ['通知書は届いていますか'],
  },
  {
    rule: 'R25',
    typed: '電話で予約できますか',
    spoken: 'でんわ で よやく できます か',
    shows: ['お電話でもご予約できます', DESK, 'ほかの電話番号'],
    says: ['このお電話で、ご予約できます'],
    not: ['通知書は届いていますか'],
  },
  {
    rule: 'R2',
    typed: '12月29日はやってますか',
    spoken: 'じゅうにがつにじゅうくにち は やって ます か',
    shows: ['12月29日(火)は、年末年始のためお休みです'],
    says: ['12月29日 火曜日は、年末年始のため、お休みです'],
  },
  {
    rule: 'page: where the resident record is',
    typed: '市外に住んでいるんですが予約できますか',
    spoken: 'しがい に すんで いる ん です が よやく できます か',
    shows: ['住民票のある市区町村', 'お住まいの市区町村にお問い合わせください'],
    says: ['住民票のある市区町村'],
    not: ['通知書は届いていますか'],
  },
  {
    rule: 'R21c (page: at a move)',
    typed: '引っ越したんですが電子証明書はどうなりますか',
    spoken: 'ひっこし した ん です けど でんししょうめいしょ は どう なり ます か',
    shows: ['再発行が必要になる場合があります', '同一世帯のかたが委任状を持って', DESK],
    says: ['再発行が要ることがあります', '委任状'],
  },
  {
    rule: 'R20 (express: a separate page)',
    typed: '特急発行だと手数料はいくらですか',
    spoken: 'とっきゅう はっこう の てすうりょう は いくら です か',
    shows: ['特急発行の場合の手数料は、市のホームページ', '合計 1000円'],
    says: ['特急発行は、市のホームページ'],
    not: ['有効期限内ですか'],
  },
  {
    rule: 'R21 (not among the things to bring)',
    typed: '住民票や印鑑は必要ですか',
    spoken: 'いんかん は いります か',
    shows: ['印鑑・住民票・写真は、持ち物に含まれていません'],
    says: ['印鑑、住民票、写真は要りません'],
    not: ['どなたが窓口に来られますか'],
  },
  {
    rule: 'R12/R20',
    typed: 'キャンセル料はかかりますか',
    spoken: 'きゃんせるりょう は かかり ます か',
    shows: ['キャンセル料はありません', '無料', '1000円'],
    says: ['キャンセルは、無料です'],
    not: ['予約番号', 'キャンセルしました'],
  },
];

const asRe = (m: string | RegExp) => (m instanceof RegExp ? m : new RegExp(m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'm'));

describe('questions from the office rules, answered on the point', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await makeTestBot(WED);
  });
  afterAll(() => t?.close());

  it.each(rows.map((r, i) => [r.rule, r.typed, i] as const))('%s web: 「%s」', async (_rule, _typed, i) => {
    const r = rows[i]!;
    const turn = await conversation(t, 'web', `web-${i}`).say(r.typed);
    for (const w of r.shows) expect(turn.all, r.typed).toMatch(asRe(w));
    for (const w of r.not ?? []) expect(turn.all, r.typed).not.toMatch(asRe(w));
  });

  it.each(rows.map((r, i) => [r.rule, r.spoken, i] as const))('%s phone: 「%s」', async (_rule, _spoken, i) => {
    const r = rows[i]!;
    const turn = await conversation(t, 'phone', `phone-${i}`).say(r.spoken);
    for (const w of r.says) expect(turn.speak, r.spoken).toMatch(asRe(w));
    // The phone answers shorter than the screen, and is never the screen's text read out.
    expect(turn.speak.length, r.spoken).toBeLessThan(320);
    expect(turn.speak).not.toMatch(/[【】()「」]/);
  });

  it('R21d/R20/R1 on LINE: the same answers as web chat', async () => {
    const c = conversation(t, 'line', 'line-rules');
    expect((await c.say('保険証しか持ってないんですが')).all).toMatch(/健康保険証は本人確認書類として使えません/);
    expect((await c.say('カードをなくしたらいくらかかりますか')).all).toMatch(/合計 1000円/);
    expect((await c.say('豊川支所で予約できますか')).all).toMatch(/予約はできません/);
  });

  it('mid-booking, a question on one rule is answered on the point and the booking question comes back', async () => {
    const web = conversation(t, 'web', 'web-mid');
    await web.say('予約したい');
    const insurance = await web.say('健康保険証でもいいですか');
    expect(insurance.all).toMatch(/健康保険証は本人確認書類として使えません/);
    expect(insurance.all).toMatch(/有効期限通知書」は届いていますか/);
    const fee = await web.say('手数料は無料ですか');
    expect(fee.all).toMatch(/無料です。紛失や有効期限切れでカードを再交付する場合は.*800円.*合計1000円/);
    const branch = await web.say('支所でもできますか');
    expect(branch.all).toMatch(/予約はできません/);
    expect(branch.all).not.toMatch(/受付時間/);

    const phone = conversation(t, 'phone', 'phone-mid');
    await phone.say('予約したい');
    const late = await phone.say('当日遅れたらどうなりますか');
    expect(late.speak).toMatch(/遅れると後になり.*有効期限通知書は届いていますか/);
  });
});
