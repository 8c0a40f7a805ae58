// Which office rule a question is about (intent-topics.ts): citizens' own words, typed and as
// speech recognition writes them (kana, spaces), with the intent and the topic CONVENTIONS.md
// gives them — and questions that must keep their own answer (no topic stolen).
import { beforeAll, describe, expect, it } from 'vitest';
import { agesSaid, TOPICS_BY_INTENT, type Topic } from '../../bot/understanding/intent-topics.js';
import type { Intent } from '../../bot/understanding/intents.js';
import { loadTokenizer, type JapaneseTokenizer } from '../../bot/understanding/tokenizer.js';
import { understand } from '../../bot/understanding/understand.js';

const NOW = new Date('2026-11-25T10:00:00+09:00');

const cases: [text: string, intent: Intent, topic: Topic | undefined, rule: string][] = [
  // R21d: the health insurance card is no ID from 2025-12-02
  ['健康保険証でもいいですか', 'documents', 'health-insurance-card', 'R21d'],
  ['保険証しか持ってないんですが', 'documents', 'health-insurance-card', 'R21d'],
  ['けんこう ほけんしょう で いい です か', 'documents', 'health-insurance-card', 'R21d'],
  // R21a/R21d: the ID lists
  ['運転免許証がないんですが', 'documents', 'id-documents', 'R21d'],
  ['パスポートでもいいですか', 'documents', 'id-documents', 'R21d'],
  ['うんてんめんきょしょう が ない ん です けど', 'documents', 'id-documents', 'R21d'],
  ['コピーでもいいですか', 'documents', 'copies', 'R21d'],
  ['はんこ いります か', 'documents', 'not-needed', 'R21a'],
  ['住民票は必要ですか', 'documents', 'not-needed', 'R21a'],
  ['保険証の代わりに資格確認書でいいですか', 'documents', 'health-insurance-card', 'R21d'],
  // R26: マイナ保険証 after the card expires
  ['マイナ保険証はカードの期限が切れても使えますか', 'eligibility', 'myna-insurance', 'R26'],
  ['まいなほけんしょう つかえ なく なり ます か', 'eligibility', 'myna-insurance', 'R26'],
  // R18: face-authentication cards
  ['顔認証マイナンバーカードでも更新が必要ですか', 'eligibility', 'face-auth', 'R18'],
  ['かおにんしょう の カード でも こうしん いります か', 'eligibility', 'face-auth', 'R18'],
  ['顔認証カードで代理人が行く場合は暗証番号を書くんですか', 'proxy', 'face-auth', 'R21c'],
  // R16: a card issued without certificates
  ['カードを作るときに電子証明書をつけなかったんですが予約できますか', 'eligibility', 'without-certificates', 'R16'],
  ['でんししょうめいしょ を つけ ず に カード を つくり ました', 'eligibility', 'without-certificates', 'R16'],
  // R20: a lost card is re-issued (800 + 200 yen), not this reservation
  ['カードをなくしたんですが手数料はいくらですか', 'fees', 'card-reissue', 'R20'],
  ['かーど を なくし た ん です けど いくら かかり ます か', 'fees', 'card-reissue', 'R20'],
  ['マイナンバーカードを落としてしまいました', 'eligibility', 'card-reissue', 'R20'],
  ['キャンセル料はかかりますか', 'fees', 'reservation-free', 'R12'],
  ['きゃんせるりょう は かかり ます か', 'fees', 'reservation-free', 'R12'],
  // R17: under 15, or not
  ['14歳の娘の更新はどうすればいいですか', 'eligibility', 'under-15', 'R17'],
  ['小学生の子供も申請できますか', 'eligibility', 'under-15', 'R17'],
  ['15歳の息子も予約できますか', 'eligibility', 'age-15-or-over', 'R17'],
  ['じゅうごさい の むすこ も よやく できます か', 'eligibility', 'age-15-or-over', 'R17'],
  ['中学生の子どもも対象ですか', 'eligibility', 'child', 'R17'],
  ['ちゅうがくせい の こども も たいしょう です か', 'eligibility', 'child', 'R17'],
  ['代わりに娘が行ってもいいですか', 'proxy', undefined, 'R21c'],
  ['成年被後見人の場合はどうなりますか', 'eligibility', 'adult-ward', 'R17'],
  // R14: a foreign resident's card follows the residence period
  ['在留期間がもうすぐ切れるんですが更新できますか', 'eligibility', 'residence-period', 'R14'],
  ['ざいりゅうきかん が もうすぐ きれ ます', 'eligibility', 'residence-period', 'R14'],
  // R1, R2, R3, R24, R22/R23, the page's window
  ['支所でもできますか', 'office', 'branches', 'R1'],
  ['ししょ でも できます か', 'office', 'branches', 'R1'],
  ['土曜日もやってますか', 'office', 'open-days', 'R2'],
  ['どようび も やって ます か', 'office', 'open-days', 'R2'],
  ['何時まで開いてますか', 'office', 'hours', 'R3'],
  ['予約なしでも行けますか', 'office', 'walk-in', 'R24'],
  ['よやく なし でも いけ ます か', 'office', 'walk-in', 'R24'],
  ['混んでますか', 'office', 'crowding', 'R24'],
  ['当日遅れたらどうなりますか', 'office', 'late', 'R22'],
  ['とうじつ おくれ たら どう なり ます か', 'office', 'late', 'R22'],
  ['予約に間に合わなかったらどうなりますか', 'office', 'late', 'R23'],
  ['どれくらい時間がかかりますか', 'office', 'duration', 'R21a'],
  ['どれくらい じかん かかり ます か', 'office', 'duration', 'R21a'],
  ['郵送でできますか', 'office', 'by-mail', 'R21'],
  ['予約は何分前に行けばいいですか', 'office', 'late', 'R22'],
  ['受付では何を確認されますか', 'office', 'check-in', 'R22'],
  ['予約できる日はいつ追加されますか', 'office', 'release', 'R6'],
  ['来月の予約はいつから取れますか', 'office', 'release', 'R6'],
  ['電話で予約できますか', 'office', 'phone-booking', 'R25'],
  ['引っ越したんですが電子証明書はどうなりますか', 'eligibility', 'moving', 'R21c'],
  ['市外に住んでいるんですが予約できますか', 'eligibility', 'other-municipality', 'page'],
  ['箕面市民じゃなくても更新できますか', 'eligibility', 'other-municipality', 'page'],
  ['特急発行の手数料は', 'fees', 'express', 'R20'],
  ['電話番号は090-1234-5678です', 'unknown', undefined, 'R10'],
  ['ゆうそう で できます か', 'office', 'by-mail', 'R21'],
  // no topic: these keep the answers they had
  ['持ち物は？', 'documents', undefined, 'R21'],
  ['手数料はいくらですか', 'fees', undefined, 'R20'],
  ['電子証明書の期限が切れたら手数料はかかりますか', 'fees', undefined, 'R20'],
  ['通知書が届いたんですが', 'eligibility', undefined, 'R13'],
  ['暗証番号を忘れました', 'pin', undefined, 'R19'],
  ['代理人でも手続きできますか', 'proxy', undefined, 'R11'],
  ['息子の予約をしたいです', 'book', undefined, 'R9'],
  ['予約番号をなくしました', 'check', undefined, 'R12'],
  ['キャンセルお願いします', 'cancel', undefined, 'R12'],
  ['行けなくなりました', 'cancel', undefined, 'R12'],
  ['来週の水曜日って空いてますか', 'book', undefined, 'R8'],
  ['ネットで予約ってできるの', 'book', undefined, 'R11'],
];

let tokenizer: JapaneseTokenizer;
beforeAll(async () => {
  tokenizer = await loadTokenizer();
});

describe('topics of questions from the office rules', () => {
  it.each(cases)('「%s」 → %s / %s (%s)', (text, intent, topic) => {
    const u = understand(text, { now: NOW, tokenizer });
    expect({ intent: u.intent, topic: u.topic }).toEqual({ intent, topic });
  });

  it('a topic is only ever one of its intent’s', () => {
    for (const [text, intent] of cases) {
      const u = understand(text, { now: NOW, tokenizer });
      if (u.topic) expect(TOPICS_BY_INTENT.get(intent), text).toContain(u.topic);
    }
  });

  it('R9: booking for a child too is no question about minors (R17)', () => {
    const u = understand('子どもの分もお願いできますか', { now: NOW, tokenizer });
    expect(u.intent).not.toBe('eligibility');
    expect(u.topic).toBeUndefined();
  });

  it('reads ages in digits and in kana, and never inside ください', () => {
    expect(agesSaid('15歳の息子')).toEqual([15]);
    expect(agesSaid('じゅうごさいのむすこ')).toEqual([15]);
    expect(agesSaid('むすめはじゅうよんさいです')).toEqual([14]);
    expect(agesSaid('じゅっさい')).toEqual([10]);
    expect(agesSaid('教えてください')).toEqual([]);
    expect(agesSaid('下さい')).toEqual([]);
  });
});
