import { beforeAll, describe, expect, it } from 'vitest';
import { recognizeIntent, type Intent } from '../../bot/understanding/intents.js';
import { isTokenizerReady, loadTokenizer, type JapaneseTokenizer } from '../../bot/understanding/tokenizer.js';

// What callers say on the phone (spaces from speech recognition, fillers left in) and type in
// chat (polite, casual, typos), with the intent CONVENTIONS.md gives them.
const utterances: [text: string, intent: Intent][] = [
  // book: wants a reservation or asks whether a date is free
  ['予約したいです', 'book'],
  ['予約をお願いしたいんですが', 'book'],
  ['電子証明書の更新の予約を取りたい', 'book'],
  ['よやくしたい', 'book'],
  ['予約しいたいんですけど', 'book'],
  ['来週の水曜日って空いてますか', 'book'],
  ['12月3日の10時半でお願いします', 'book'],
  ['明日の午後 空いてます か', 'book'],
  ['えーと 予約 させて ください', 'book'],
  ['予約させてもらえますか', 'book'],
  ['予約できますか', 'book'],
  ['空いてる時間を教えてください', 'book'],
  ['3日の午前中でお願いします', 'book'],
  ['予約お願い', 'book'],
  ['予約が取れないんですけど', 'book'],
  ['ネットで予約ってできるの', 'book'],
  // change: moves an existing reservation (change > cancel: 「キャンセルして別の日に」)
  ['予約を変更したいです', 'change'],
  ['予約の日にちを変えたいんですが', 'change'],
  ['別の日にずらせますか', 'change'],
  ['10時から2時にずらしてもらえますか', 'change'],
  ['キャンセルして別の日にしたい', 'change'],
  ['へんこうしたいです', 'change'],
  ['予約した時間を変更できますか', 'change'],
  ['予約日を来週に延期したい', 'change'],
  ['よやく を へんこう したい', 'change'],
  // cancel: cancels, or cannot come
  ['キャンセルお願いします', 'cancel'],
  ['予約を取り消したいです', 'cancel'],
  ['急用で行けなくなりました', 'cancel'],
  ['やめます', 'cancel'],
  ['中止', 'cancel'],
  ['きゃんせるしたい', 'cancel'],
  ['明日の予約、キャンセルで', 'cancel'],
  ['来られなくなったので予約を取り消してください', 'cancel'],
  ['予約はもういらなくなりました', 'cancel'],
  ['キャンセル お願い します', 'cancel'],
  // check: looks up an existing reservation
  ['予約の確認をしたい', 'check'],
  ['予約したの何時だったか忘れました', 'check'],
  ['予約できてるか知りたいんですけど', 'check'],
  ['かくにんしたいです', 'check'],
  ['予約番号を忘れてしまいました', 'check'],
  ['私の予約って何日でしたっけ', 'check'],
  ['予約ちゃんと入ってますか', 'check'],
  // eligibility: notice, expiry, who is covered
  ['通知書が届いたんですが', 'eligibility'],
  ['有効期限がまだ半年あるけど更新できる？', 'eligibility'],
  ['子供も対象ですか', 'eligibility'],
  ['水色の封筒が届きました', 'eligibility'],
  ['電子証明書の期限が切れてしまいました', 'eligibility'],
  ['私は予約の対象になりますか', 'eligibility'],
  ['有効期限通知書っていうのが来たんですけど', 'eligibility'],
  // documents: what to bring, also as a side question
  ['持ち物は？', 'documents'],
  ['何が必要ですか', 'documents'],
  ['保険証で大丈夫ですか', 'documents'],
  ['あ、持ち物は何がいりますか', 'documents'],
  ['何を持っていけばいいですか', 'documents'],
  ['運転免許証は必要ですか', 'documents'],
  ['マイナンバーカードだけでいいですか', 'documents'],
  ['予約するのに必要なものを教えてください', 'documents'],
  ['あのー 持ち物 って 何 が いります か', 'documents'],
  // fees: cost
  ['いくらかかりますか', 'fees'],
  ['手数料は', 'fees'],
  ['無料ですか', 'fees'],
  ['お金ってかかります？', 'fees'],
  ['更新の料金を教えてください', 'fees'],
  ['費用はいくらですか', 'fees'],
  ['200円かかるんですか', 'fees'],
  ['てすうりょうはかかりますか', 'fees'],
  ['あと、手数料っていくらですか', 'fees'],
  // office: hours, place, Saturdays, branches, crowding, parking
  ['何時まで開いてますか', 'office'],
  ['土曜日もやってますか', 'office'],
  ['支所でもできますか', 'office'],
  ['混んでますか', 'office'],
  ['駐車場はありますか', 'office'],
  ['窓口はどこですか', 'office'],
  ['受付時間を教えてください', 'office'],
  ['豊川支所で手続きできますか', 'office'],
  ['今日は何時からやってますか', 'office'],
  ['ちなみに駐車場ってありますか', 'office'],
  // pin: forgotten or locked PIN (pin > book)
  ['暗証番号を忘れました', 'pin'],
  ['パスワードがロックされた', 'pin'],
  ['暗証番号を忘れたけど予約できますか', 'pin'],
  ['暗証番号がわからないんです', 'pin'],
  ['あんしょうばんごうをわすれた', 'pin'],
  ['暗証番号を3回間違えてロックがかかりました', 'pin'],
  ['暗証番号の再設定をしたい', 'pin'],
  // proxy: someone else applies (proxy > book)
  ['代理で申請したい', 'proxy'],
  ['母の代わりに行きます', 'proxy'],
  ['委任状は', 'proxy'],
  ['代理で予約したい', 'proxy'],
  ['本人以外でも手続きできますか', 'proxy'],
  ['父が入院中なので家族が代わりに行ってもいいですか', 'proxy'],
  ['だいりにんでも大丈夫ですか', 'proxy'],
  // staff: wants a person (staff > everything)
  ['人と話したい', 'staff'],
  ['職員さんにつないで', 'staff'],
  ['オペレーターお願いします', 'staff'],
  ['担当の方と話せますか', 'staff'],
  ['係の人に代わってください', 'staff'],
  ['人間と話したいです', 'staff'],
  ['窓口の人に直接聞きたい', 'staff'],
  ['オペレーターにつないで、予約の変更をしたい', 'staff'],
  // yes: short agreement
  ['はい', 'yes'],
  ['そうです', 'yes'],
  ['それでお願いします', 'yes'],
  ['大丈夫です', 'yes'],
  ['OK', 'yes'],
  ['ええ、お願いします', 'yes'],
  ['うん', 'yes'],
  ['はい、それでいいです', 'yes'],
  ['了解です', 'yes'],
  ['問題ないです', 'yes'],
  ['それで結構です', 'yes'],
  // no: short refusal, and negated requests
  ['いいえ', 'no'],
  ['違います', 'no'],
  ['結構です', 'no'],
  ['それはちょっと', 'no'],
  ['キャンセルはしません', 'no'],
  ['予約はしなくていいです', 'no'],
  ['いや', 'no'],
  ['だめです', 'no'],
  ['いいえ、違います', 'no'],
  ['いや、大丈夫です', 'no'],
  ['予約はしません', 'no'],
  ['キャンセルしなくていいです', 'no'],
  // help: how this works, repeat (help > yes)
  ['使い方を教えて', 'help'],
  ['もう一度言ってください', 'help'],
  ['よくわからない', 'help'],
  ['すみません、聞こえませんでした', 'help'],
  ['どうすればいいですか', 'help'],
  ['もう一回お願いします', 'help'],
  ['何ができるんですか', 'help'],
  ['意味がわかりません', 'help'],
  // unknown: bare answers and small talk: no guess
  ['12月3日', 'unknown'],
  ['09012345678', 'unknown'],
  ['今日は寒いですね', 'unknown'],
  ['えーと', 'unknown'],
  ['3人です', 'unknown'],
  ['田中です', 'unknown'],
  ['昨日テレビで見ました', 'unknown'],
  ['忘れた', 'unknown'],
  ['明日の10時', 'unknown'],
];

let tokenizer: JapaneseTokenizer;

beforeAll(async () => {
  tokenizer = await loadTokenizer();
});

describe('recognizeIntent', () => {
  it.each(utterances)('「%s」 → %s', (text, intent) => {
    const result = recognizeIntent(text, tokenizer);
    expect(result.intent).toBe(intent);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it('covers every intent with at least six utterances', () => {
    const counts = new Map<Intent, number>();
    for (const [, intent] of utterances) counts.set(intent, (counts.get(intent) ?? 0) + 1);
    const intents: Intent[] = ['book', 'change', 'cancel', 'check', 'eligibility', 'documents', 'fees', 'office',
      'pin', 'proxy', 'staff', 'yes', 'no', 'help', 'unknown'];
    for (const intent of intents) expect(counts.get(intent) ?? 0, intent).toBeGreaterThanOrEqual(6);
  });

  it('is more confident of a plain request than of a bare date', () => {
    const request = recognizeIntent('予約をキャンセルしたいです', tokenizer);
    const bare = recognizeIntent('明日の10時', tokenizer);
    expect(request.intent).toBe('cancel');
    expect(bare.intent).toBe('unknown');
    expect(request.confidence).toBeGreaterThan(0.5);
  });

  it('reads full-width input the same as half-width', () => {
    expect(recognizeIntent('ＯＫ', tokenizer).intent).toBe('yes');
    expect(recognizeIntent('１２月３日でお願いします', tokenizer).intent).toBe('book');
  });
});

describe('loadTokenizer', () => {
  it('loads the dictionary once per process', async () => {
    const first = loadTokenizer();
    const second = loadTokenizer();
    expect(second).toBe(first);
    expect(await second).toBe(await first);
    expect(await first).toBe(tokenizer);
    expect(isTokenizerReady()).toBe(true);
  });

  it('gives lemmas and katakana readings', () => {
    const tokens = tokenizer.tokenize('予約しました');
    expect(tokens.map((t) => t.lemma)).toEqual(['予約', 'する', 'ます', 'た']);
    expect(tokens[0]).toMatchObject({ surface: '予約', pos: '名詞', posDetail: 'サ変接続', reading: 'ヨヤク' });
    expect(tokenizer.tokenize('12')[0]?.reading).toBeUndefined();
  });
});
