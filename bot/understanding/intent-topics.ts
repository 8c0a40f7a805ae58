// Topics (質問の中身): which of the office rules a question on documents, fees, eligibility, the
// office, PINs or proxies is about, so that 「健康保険証でもいいですか」 is answered with R21d and not
// with the whole checklist. A topic refines the intent and never replaces it: it is looked for
// only among the topics of the intent already chosen (CONVENTIONS.md, "Topics").
import type { Intent } from './intents.js';
import type { Utterance } from './intent-signals.js';

export type Topic =
  // documents (R21a, R21d)
  | 'health-insurance-card' // 健康保険証でもいいですか
  | 'id-documents' // 運転免許証がない / パスポートでもいい?
  | 'copies' // コピーでもいいですか
  | 'not-needed' // 印鑑はいりますか / 住民票は (not among the things to bring)
  // eligibility (R14, R16–R18, R26) — also documents/proxy for the age topics
  | 'myna-insurance' // マイナ保険証はカードが切れても使える? (R26)
  | 'face-auth' // 顔認証マイナンバーカード (R18, R21c)
  | 'without-certificates' // 電子証明書なしでカードを作った (R16)
  | 'card-reissue' // カードをなくした (R20, not this reservation)
  | 'under-15' // 14歳の娘 / 小学生 (R17, R21b)
  | 'age-15-or-over' // 15歳の息子 / 高校生: not under 15 (R17)
  | 'child' // 子供 / 中学生, age not said (R17)
  | 'adult-ward' // 成年被後見人 (R17, R21b)
  | 'residence-period' // 在留期間がもうすぐ切れる (R14)
  | 'moving' // 引っ越したんですが (R21c: the same-day exception at a move)
  | 'other-municipality' // 市外に住んでいますが (the page: where the resident record is)
  // fees (R20)
  | 'reservation-free' // キャンセル料は / 予約にお金は
  | 'express' // 特急発行の手数料は (a separate page)
  // office (R1–R3, R22–R24)
  | 'crowding' // 混んでますか (R24)
  | 'walk-in' // 予約なしでも行けますか (R24)
  | 'branches' // 支所でもできますか (R1)
  | 'late' // 当日遅れたら / 何分前に行けば (R22, R23)
  | 'check-in' // 受付で何を確認されますか (R22)
  | 'release' // 予約できる日はいつ追加されますか (R6, R7)
  | 'phone-booking' // 電話で予約できますか (R7, R25)
  | 'duration' // どれくらい時間がかかりますか (R21a/c, R22)
  | 'by-mail' // 郵送でできますか (the page: at the window)
  | 'open-days' // 土曜日もやってますか (R2)
  | 'hours'; // 何時までですか (R3, R25)

interface TopicRule {
  topic: Topic;
  /** The intents this topic refines, in no order. */
  intents: readonly Intent[];
  /** Found in the utterance's text (normalised, spaces out). */
  text?: RegExp;
  /** Found in its katakana reading (hiragana the tokenizer could not read). */
  kana?: RegExp;
  /** Anything a pattern cannot say (an age compared with 15). */
  test?: (u: Utterance) => boolean;
}

// ── ages (R17: 15歳未満) ────────────────────────────────────────────────────────────────

const KANA_AGE_VALUE: Record<string, number> = {
  いっ: 1, に: 2, さん: 3, よん: 4, ご: 5, ろく: 6, なな: 7, はっ: 8, きゅう: 9, じゅっ: 10, じっ: 10,
};
const KANA_NUMBER = 'いっ|に|さん|よん|ご|ろく|なな|はっ|きゅう|じゅっ|じっ';
// A kana age after a non-kana or a particle (「むすこはじゅうごさい」), never inside ください.
const KANA_AGE = `(?<=^|[^ぁ-ゖ]|[はがもので])(?:じゅう(?:${KANA_NUMBER})?|${KANA_NUMBER})さい`;
const KANA_AGE_RE = new RegExp(`(?<=^|[^ぁ-ゖ]|[はがもので])(じゅう)?(${KANA_NUMBER})?さい`, 'g');

/** The ages said (「15歳」「じゅうごさい」), in order. */
export function agesSaid(text: string): number[] {
  const ages = [...text.matchAll(/(\d{1,3})\s?(?:歳|才|さい)/g)].map((m) => Number(m[1]));
  for (const m of text.matchAll(KANA_AGE_RE)) {
    if (!m[1] && !m[2]) continue;
    ages.push((m[1] ? 10 : 0) + (m[2] ? KANA_AGE_VALUE[m[2]]! : 0));
  }
  return ages;
}

const YOUNG_CHILD = /小学|しょうがく|幼稚園|ようちえん|保育園|ほいくえん|保育所|赤ちゃん|あかちゃん|赤ん坊|乳児|幼児|新生児|未就学|園児/;
const OLDER_TEEN = /高校|こうこう|大学生|だいがくせい|専門学校/;
const CHILD = /子供|子ども|こども|お子|息子|むすこ|娘|むすめ|中学|ちゅうがく|未成年|孫/;
/** Words for a minor or an age, for the eligibility cue (a bare 息子/娘 is only a family word). */
export const AGE_WORDS = `\\d{1,2}(?:歳|才|さい)|${KANA_AGE}|${YOUNG_CHILD.source}|${OLDER_TEEN.source}|${CHILD.source}`;

const under15 = (u: Utterance): boolean => {
  const ages = agesSaid(u.text);
  return ages.length > 0 ? ages.some((a) => a < 15) : YOUNG_CHILD.test(u.text);
};
const fifteenOrOver = (u: Utterance): boolean => {
  const ages = agesSaid(u.text);
  return ages.length > 0 ? ages.every((a) => a >= 15) : OLDER_TEEN.test(u.text);
};

// ── the rules, first match wins within an intent ────────────────────────────────────────

// The card lost or stolen, said before or after the card (「カードをなくした」「紛失したカード」).
const LOSS = '(?:紛失|ふんしつ|無くし|なくし|失くし|(?<!必要|いら|要ら)(?:無く|なく)なっ|落とし|おとし|盗まれ|盗難)';
const CARD = '(?:カード|かーど|マイナンバー)';

/** Patterns shared with the lexicon's cues (intent-lexicon.ts), so each is written once. */
export const TOPIC_TEXT = {
  mynaInsurance: /(?:マイナ|まいな)\s?(?:保険証|ほけん)/,
  faceAuth: /顔認証|かおにんしょう/,
  withoutCertificates:
    /(?:電子)?証明書.{0,10}(?:なし|無し|入って(?:い)?な|載って(?:い)?な|搭載(?:されて(?:い)?な|しな)|(?:つけ|付け)(?:ず|な|ませ)|発行(?:せず|しな|しませ|されて(?:い)?な)|いらな|要らな|不要|希望しな|断っ)|(?:証明書|電子証明)(?:なし|無し)で/,
  residencePeriod: /在留(?:期間|期限)|在留カード.{0,8}(?:期限|切れ|きれ|満了|更新)|ビザ.{0,8}(?:期限|切れ|きれ|更新)|外国(?:籍|人)/,
  reservationFree: /キャンセル料|(?<![ぁ-ゖ])きゃんせるりょう|予約(?:料|金)|予約(?:する(?:の|だけ)?に?|だけ|の|に|は|って)(?:も|は)?.{0,3}(?:お金|料金|費用|有料|無料|手数料|かか)/,
  late: /遅れ|おくれ|遅刻|寝坊|間に合わ(?:なかったら|ない場合|なかった場合|なそう|ないかも|なくなり)|(?:来られ|来れ|こられ|これ|行け|いけ)なかったら|すっぽかし|無断で|何分前|なんぷんまえ|ぎりぎり|ギリギリ|早めに(?:行|来|着)/,
  duration: /(?:どれ|どの)(?:くらい|ぐらい)(?:の)?(?:時間|じかん|かか|待)|何分(?!前)|なんぷん(?!まえ)|何時間|なんじかん|所要時間|時間(?:が|は)?(?:かか|必要)|すぐ(?:に)?(?:終わ|でき|済)|即日|その日のうちに|当日(?:中|のうち)?に?(?:でき|終わ|受け取|もらえ)|何日(?:か|ぐらい|くらい)?(?:かか|必要)/,
  byMail: /郵送|郵便で|ゆうそう|(?:オンライン|ネット|インターネット|スマホ|スマートフォン|パソコン|コンビニ)で(?:の)?(?:更新|手続|申請|発行)/,
  copies: /(?:コピー|こぴー|写し)(?:で|は|を|でも|って|じゃ)/,
  checkIn: /(?:受付|うけつけ|窓口|まどぐち|当日|とうじつ)(?:で|では|の(?:とき|時|際))?.{0,8}(?:(?:確認|かくにん)(?:され|する)|聞かれ|きかれ|見せ|提示|(?:何|なに)を(?:確認|かくにん))/,
  release: /(?:いつ|何曜)(?:に|から)?(?:追加|増え|公開|予約(?:が|を)?(?:でき|取れ))|予約(?:は|って|が)?いつ(?:から|ごろ|頃)?(?:でき|取れ|とれ|可能|開始|受け付け)|何(?:週間|日|か月|ヶ月)先|どれ(?:くらい|ぐらい)先|先まで予約|予約(?:できる|可能な)(?:日|期間)は?(?:いつ|何日)|当日(?:の)?予約|当日でも予約|前日(?:でも|に)?予約/,
  phoneBooking: /(?:電話|でんわ)で(?:の)?(?:予約|申し込|申込)|電話予約|(?:予約|専用)(?:の)?(?:電話|でんわ)(?:番号)?(?:は|を|って)?(?:何番|なんばん|教え)|(?:電話|でんわ)番号(?:を|は)?(?:教え|何番|なんばん)/,
  otherMunicipality: /市外|しがい(?:に|で|から|の)|他市|他の市|ほかの市|別の市|(?:箕面|みのお)(?:市)?(?:民|に住んで(?:い)?)(?:じゃ|では|で(?:は)?な)|(?:箕面|みのお)(?:市)?以外|住民票が(?:箕面|みのお)(?:市)?(?:に)?な|住民票(?:が|は)(?:市外|他|別|ほか)/,
  moving: /引っ越|引越|ひっこし|転入|転居|住所(?:が|を)?(?:変わ|変更|かわ)/,
  cardReissue: new RegExp(`${CARD}(?:の|を)?(?:再発行|再交付|作り直)|${CARD}.{0,12}${LOSS}|${LOSS}.{0,12}${CARD}`),
} as const;

const TOPICS: readonly TopicRule[] = [
  // eligibility first: R26 before the health-insurance card of R21d.
  { topic: 'myna-insurance', intents: ['eligibility', 'documents'], text: TOPIC_TEXT.mynaInsurance, kana: /マイナホケン/ },
  { topic: 'face-auth', intents: ['eligibility', 'documents', 'proxy', 'pin'], text: TOPIC_TEXT.faceAuth, kana: /カオニンショウ/ },
  { topic: 'without-certificates', intents: ['eligibility'], text: TOPIC_TEXT.withoutCertificates },
  { topic: 'card-reissue', intents: ['eligibility', 'fees'], text: TOPIC_TEXT.cardReissue },
  { topic: 'adult-ward', intents: ['eligibility', 'documents', 'proxy'], text: /後見/ },
  { topic: 'under-15', intents: ['eligibility', 'documents', 'proxy'], test: under15 },
  { topic: 'age-15-or-over', intents: ['eligibility', 'documents', 'proxy'], test: fifteenOrOver },
  // A daughter going instead of her parent is a proxy (R21c), not a child (R17): only said ages count there.
  { topic: 'child', intents: ['eligibility'], text: CHILD },
  { topic: 'residence-period', intents: ['eligibility'], text: TOPIC_TEXT.residencePeriod, kana: /ザイリュウキ/ },
  { topic: 'other-municipality', intents: ['eligibility', 'office'], text: TOPIC_TEXT.otherMunicipality },
  { topic: 'moving', intents: ['eligibility', 'proxy'], text: TOPIC_TEXT.moving },
  // documents (R21d)
  { topic: 'health-insurance-card', intents: ['documents'], text: /(?<!マイナ|まいな)(?:健康)?保険証/ },
  { topic: 'copies', intents: ['documents'], text: TOPIC_TEXT.copies },
  {
    topic: 'id-documents',
    intents: ['documents'],
    text: /免許|身分証|本人確認|パスポート|ぱすぽーと|在留カード|特別永住者|学生証|社員証|資格確認書|障害者手帳|年金手帳|顔写真|写真付き|写真つき|運転経歴/,
  },
  { topic: 'not-needed', intents: ['documents'], text: /印鑑|はんこ|ハンコ|判子|認印|実印|シャチハタ|いんかん|住民票|じゅうみんひょう|証明写真|(?<!顔)写真(?!付|つき)/ },
  // fees (R20)
  { topic: 'reservation-free', intents: ['fees'], text: TOPIC_TEXT.reservationFree, kana: /キャンセルリョウ/ },
  { topic: 'express', intents: ['fees'], text: /特急|とっきゅう/ },
  // office (R1–R3, R22–R24): the most particular first (「支所は土曜日も…」 is about the branches).
  { topic: 'late', intents: ['office'], text: TOPIC_TEXT.late },
  { topic: 'check-in', intents: ['office'], text: TOPIC_TEXT.checkIn },
  { topic: 'release', intents: ['office'], text: TOPIC_TEXT.release },
  { topic: 'phone-booking', intents: ['office'], text: TOPIC_TEXT.phoneBooking },
  { topic: 'walk-in', intents: ['office'], text: /予約(?:なし|無し|しない|せず|しなくて|がなくて|がない|なくて|のない)|飛び込み|飛込み|直接(?:行|来|窓口)|予約を?取らず/ },
  { topic: 'branches', intents: ['office'], text: /支所|豊川|とよかわ|止々呂美|ととろみ|とどろみ|ししょ(?!う)/ },
  { topic: 'crowding', intents: ['office'], text: /混|こんで|こみ(?:ます|そう|あ)|待ち時間|待たされ|並ぶ|並び|空いてる時間帯|すいて(?:る|い|ま)/ },
  { topic: 'by-mail', intents: ['office'], text: TOPIC_TEXT.byMail, kana: /ユウソウ/ },
  { topic: 'duration', intents: ['office'], text: TOPIC_TEXT.duration },
  { topic: 'open-days', intents: ['office'], text: /土曜|日曜|土日|祝日|祭日|休日|週末|年末|年始|正月|休み|開庁日|平日|(?:何|なん)曜/ },
  { topic: 'hours', intents: ['office'], text: /何時|なんじ|受付時間|営業時間|開庁時間|昼休み|お昼|夕方|朝/ },
];

/** The topic of an utterance whose intent is `intent`, if it names one. */
export function topicOf(intent: Intent, u: Utterance): Topic | undefined {
  for (const rule of TOPICS) {
    if (!rule.intents.includes(intent)) continue;
    if ((rule.text && rule.text.test(u.text)) || (rule.kana && rule.kana.test(u.kana)) || (rule.test && rule.test(u))) return rule.topic;
  }
  return undefined;
}

/** Every topic, for tests and documentation. */
export const TOPICS_BY_INTENT: ReadonlyMap<Intent, readonly Topic[]> = (() => {
  const m = new Map<Intent, Topic[]>();
  for (const r of TOPICS) for (const i of r.intents) m.set(i, [...(m.get(i) ?? []), r.topic]);
  return m;
})();
