// Answers to the eligibility questions (RULES.md R13–R14, R11): has the notice come, when does
// the e-certificate expire, does the card itself expire within 3 months, is the holder coming.
// A wrong yes or no here refuses an eligible citizen, so anything a careful clerk would ask
// about again is `unclear`.
import { addMonths, civil, daysInMonth, parts } from '../../../domain/civil.js';
import { readEnglishWhen } from './english-when.js';
import type { Heard } from './heard.js';
import { leadWord, noncommittal, unsure, verbHits } from './polarity.js';
import { answer, LIKELY, reading, SURE, unclear } from './result.js';
import type { AnswerReading } from './types.js';
import { readWhen, type WhenSaid } from './when.js';

// ---- 有効期限通知書は届いていますか ----

// 届く, 来る, 受け取る, 入っている, もらう, 着く (stems on the katakana; the tail says if denied).
// (Kansai's 「来とった」「届いとる」 too.)
const RECEIVED = /トド[イキクカケ]|(?<![イデオヒマシアトスヌフヤキ])キ(?=テ|マ|タ|ト[ッルリ])|(?<![ア-ヴ])コ(?=ナ[イクカ])|ウケト[ッリラ]|ハイッ(?=テ|タ)|モラ[ッイ]|ツイ(?=テ)/g;
const HAVE_NOTICE = /(?:ツウチショ|フウトウ|ヤツ).{0,10}(?:アリマス|アル(?!ケ)|アッタ|モッテ)/;
const NOT_YET = /(?:^|イイエ|イエ|ノハ|ハ)マダ(?:デス|ダ|ミタイ(?:デス)?|ナンデス|ナイデス|キテナイ|トドイテナイ)?(?:ネ|ヨ)?$|^(?:イイエ)?(?:ナイ|アリマセン)(?:デス)?(?:ネ|ヨ)?$/;
const HAVE = /^(?:ハイ)?(?:テモトニ)?(?:アリマス|アル|モッテ(?:イ)?マス|モッテル)(?:ヨ|ネ)?$/;
// The notice is light blue; another colour is another letter (the card's own expiry notice).
const OTHER_COLOUR = /(?:シロ|チャイロ|キイロ|ピンク|ミドリ|アカ|クロ)(?:イ|ッポイ|ッポ)?(?:ノ)?フウトウ|ハガキ|ハカ゚キ/;
const GOT_EN = /\b(?:got|received|arrived|came|have it|has come|is here|i think so)\b/;
const NOT_GOT_EN = /\b(?:haven'?t|didn'?t|not)\b.*\b(?:got|get|received|receive|arrived|arrive|come|yet)\b|\bnothing\b|\bnot yet\b|\bdon'?t think so\b|\bno (?:blue )?(?:envelope|letter|notice)\b/;

export function readNotice(h: Heard): AnswerReading {
  if (h.lang === 'en') {
    // 「I'm not sure what envelope you mean」: asks what the notice is; a clerk describes it.
    if (/\b(?:what|which) (?:envelope|notice|letter)\b|\bwhat (?:do )?you mean\b/.test(h.text)) return unclear();
    if (unsure(h)) return answer('unknown');
    const denied = NOT_GOT_EN.test(h.text);
    const lead = leadWord(h);
    if (lead === 'no' || (denied && lead !== 'yes')) return answer('no');
    if (lead === 'yes' || GOT_EN.test(h.text)) return answer('yes', lead ? SURE : LIKELY);
    return unclear();
  }
  // Another letter (a white envelope, a postcard) is not the notice, even when not sure of it: a clerk describes it.
  if (OTHER_COLOUR.test(h.kana)) return unclear();
  if (unsure(h)) return answer('unknown');
  const { said, denied } = verbHits(h.kanaSpaced, RECEIVED);
  const have = HAVE_NOTICE.test(h.kana) || HAVE.test(h.kana) ? 1 : 0;
  const notYet = NOT_YET.test(h.kana) ? 1 : 0;
  const yes = said + have;
  const no = denied + notYet;
  // 「母のは届いたんですが、私のはまだです」: both, about different people.
  if (yes > 0 && no > 0) return unclear();
  const lead = leadWord(h);
  if (lead === 'yes' && no === 0) return answer('yes');
  if (lead === 'no' && yes === 0) return answer('no');
  if (yes > 0) return answer('yes', LIKELY + 0.1);
  if (no > 0) return answer('no', LIKELY + 0.1);
  return unclear();
}

// ---- 来庁されるのはカードをお持ちのご本人ですか ----

const FAMILY = '(?:ハハ|チチ|ツマ|カナイ|オット|シュジン|ムスメ|ムスコ|オヤ|リョウシン|ソボ|ソフ|アネ|アニ|オトウト|イモウト|カゾク|オクサン|ダンナ|ヨメ|カアサン|トウサン|オカアサン|オトウサン|ギボ|ギフ|コドモ)';
const GOES = '(?:イキ|イク|イッ|イケ|キマ|クル|キテ|ウカガ|マイリ|マイル|モッテイ|モッテキ|モッテユ)';
const FAMILY_WORD = new RegExp(FAMILY);
const PROXY_JA = /ダイリ|カワリ|カワッテ|イニン|代理|代わり/;
const HOLDER_NOT = /ホンニン(?:デハ|ジャ)(?:ナ|アリマセ)|ホンニンイガイ|ホンニンジャナク|ホンニンデハナク/;
const HOLDER_CANNOT = /ホンニン(?:ハ|ガ)?.{0,14}(?:ニュウイン|イケナ|イケマセ|コラレナ|コレナ|ムリ|シセツ|ネタキリ|ウゴケナ|デカケラレナ|イカレナ)/;
const HOLDER_COMES = /ホンニン(?:デス|ダ|ガ|モ|ト|デ|ジシン|ノワタシ)|ワタシホンニン|ジブン(?:デ|ガ|ジシン)|ワタシ(?:ジシン|ガ(?:イ|キ|ウカガ|マイ)|デス$)|イクノハワタシ|ワタシガイキマス|^(?:ハイ)?(?:ゴ)?(?:ホンニン|ジブン|ワタシ)(?:サン)?(?:ネ|ヨ|ッス)?$/;
const OTHERS_CARD = new RegExp(`${FAMILY}(?:サン)?(?:ノ)(?:ブン|カード|ヨヤク)|カード(?:ハ|ガ)${FAMILY}(?:サン)?ノ(?:モノ|デス|ナン|ダ)`);
const OTHER_GOES = new RegExp(`${FAMILY}(?:サン)?(?:ガ|ハ|ト)${GOES}`);
const HOLDER_GOES = new RegExp(`ホンニン.{0,10}${GOES}`);
// 「娘に頼みます」「夫に行ってもらいます」: someone else is sent.
const SENDS_OTHER = new RegExp(`${FAMILY}(?:サン)?ニ(?:タノ|オネガイ|イッテモラ|イカセ|マカセ|キテモラ)`);
const MY_CARD = /ワタシノ(?:カード|ブン)|ジブンノ(?:カード|ブン)/;
// The holder is a child: under 15 the legal representative applies (R17, R21b); a clerk asks.
const CHILD_JA = /(?:子ども|子供|こども|息子|娘|むすこ|むすめ)(?:さん)?の(?:分|ぶん|カード|予約)|(?<!\d)(?:[1-9]|1[0-4])歳/;
const SELF_EN = /\bmyself\b|\bin person\b|\bi(?:'ll| will| am going to|'m going to) (?:come|go|be there|visit)\b|\bi(?:'m| am) (?:coming|going)\b|\bit'?s me\b|\bi'?m the (?:card ?holder|holder)\b/;
const PROXY_EN = /\bfor me\b|\bon my behalf\b|\binstead\b|\bproxy\b|\bin my place\b|\brepresentative\b/;
const HOLDER_COMES_EN = /\b(?:she|he|they)(?:'ll| will)? (?:come|go|be there)\b|\bwith me\b/;

export function readInPerson(h: Heard): AnswerReading {
  const lead = leadWord(h);
  if (h.lang === 'en') {
    if (PROXY_EN.test(h.text)) return answer('no', lead === 'no' ? SURE : LIKELY);
    if (SELF_EN.test(h.text) || HOLDER_COMES_EN.test(h.text)) return answer('yes', lead === 'yes' ? SURE : LIKELY);
    return lead ? answer(lead) : unclear();
  }
  if (CHILD_JA.test(h.text)) return unclear();
  const k = h.kana;
  if (PROXY_JA.test(k) || PROXY_JA.test(h.text) || HOLDER_NOT.test(k) || HOLDER_CANNOT.test(k) || SENDS_OTHER.test(k)) return answer('no', lead === 'no' ? SURE : LIKELY + 0.1);
  if ((HOLDER_COMES.test(k) || HOLDER_GOES.test(k)) && !(OTHERS_CARD.test(k) && !/ホンニン/.test(k))) return answer('yes', lead === 'yes' ? SURE : LIKELY + 0.1);
  // 「息子が行きます、息子のカードです」: the one who goes is the one whose card it is.
  const goer = OTHER_GOES.exec(k)?.[0].match(FAMILY_WORD)?.[0];
  if (goer && OTHERS_CARD.exec(k)?.[0].startsWith(goer)) return answer('yes', LIKELY);
  // 「母のカードなんですけど、私が持って行きます」: someone else's card, brought by the speaker.
  if (OTHERS_CARD.test(k) && /ワタシ(?:ガ|ハ)/.test(k)) return answer('no', LIKELY);
  if (MY_CARD.test(k)) return answer('yes', LIKELY);
  // 「いいえ、妻が行きます」: someone else goes. A yes with someone else named is left to ask.
  if (lead === 'no' || (lead === 'yes' && !OTHER_GOES.test(k) && !OTHERS_CARD.test(k))) return answer(lead);
  return unclear();
}

// ---- カード本体の有効期限まで3か月未満ですか(または切れていますか) ----

const EXPIRES = /キレ(?=テ|タ|マ|ル|ソウ|チャ|カケ)|シッコウ|キゲンギレ|スギテ/g;
const SOON = /モウスグ|マモナク|チカイ|チカヅ|アト\s?(?:\d+|イッ|ニ)\s?(?:シュウカン|ニチ)/;
const LONG_WAY = /マダ(?:マダ|ナンネン|ダイブ|サキ|ヨユウ|ダイジョウブ|アタラシ|ユウコウ|\d+ネン|(?:イチ|ニ|サン|ヨ|ゴ|ロク|ナナ|ハチ|キュウ|ジュウ|スウ)ネン|ナガ)|タップリ|(?:イチ|ニ|サン|ヨ|ゴ|ロク|ナナ|ハチ|キュウ|ジュウ|スウ)ネン(?:イジョウ|クライ|ホド)?(?:アル|アリ|ノコ|サキ)|アト\s?\d+\s?ネン|(?:アト|ノコリ)?ハントシ(?:イジョウ|クライ|ホド)?(?:アル|アリ|サキ|ノコ|イジョウ|$)|\d+ネン(?:イジョウ|クライ|ホド)?(?:アル|アリ|ノコ)|ナンネン(?:モ|カ)(?:アル|アリ|サキ)|アタラシ[イク]|(?:ツク|コウシン|カエ|モラ|ウケト|キリカエ)ッタバカリ|バカリ(?:デス|ナノデ|ナンデ|ダカラ)?$|\d+ネン(?:マデ|サキ|ゴ)|ユウコウ/;
const CARD_FINE = /カード(?:ハ|ノホウハ|ジタイハ|ホンタイハ)(?:マダ)?(?:ダイジョウブ|モンダイ|ヘイキ|ユウコウ|サキ)/;
const ABOUT_CERTIFICATE = /証明書|しょうめいしょ/;
const EXPIRED_EN = /\bexpired\b|\bhas run out\b|\bran out\b/;
const SOON_EN = /\bsoon\b|\bnext month\b|\bthis month\b/;
const LONG_EN = /\bvalid until\b|\bnew\b|\byears? (?:left|to go)\b|\bjust (?:got|renewed|made)\b|\banother \d+ years?\b|\b(?:\d+|a few|several) (?:more )?years\b/;
// 「expires in 2 months」「5 weeks left」: the time left settles it, except exactly 3 months.
const LEFT_EN = /\b(\d+|one|two|three|four|five|six|a few|several) (day|week|month|year)s?\b/;
const COUNT_EN: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, 'a few': 3, several: 4 };

export function readCardExpiringSoon(h: Heard): AnswerReading {
  if (unsure(h)) return answer('unknown');
  if (h.lang === 'en') {
    const lead = leadWord(h);
    if (EXPIRED_EN.test(h.text) && !/\bnot\b|n'?t\b/.test(h.text)) return answer('yes', lead === 'yes' ? SURE : LIKELY);
    const byDate = cardByDate(h, readEnglishWhen(h));
    if (byDate) return byDate;
    const left = LEFT_EN.exec(h.text);
    if (left && /\b(?:in|left|more|another|until|for)\b/.test(h.text)) {
      const n = COUNT_EN[left[1]!] ?? Number(left[1]);
      const months = left[2] === 'year' ? 12 * n : left[2] === 'month' ? n : 0;
      return months < 3 ? answer('yes', LIKELY) : months > 3 ? answer('no', LIKELY) : unclear();
    }
    if (SOON_EN.test(h.text)) return answer('yes', lead === 'yes' ? SURE : LIKELY);
    if (LONG_EN.test(h.text) && lead !== 'yes') return answer('no', LIKELY);
    if (noncommittal(h)) return unclear();
    return lead ? answer(lead) : unclear();
  }
  // What is said of the e-certificate (「電子証明書のほうが切れるんです」) says nothing of the card.
  const pieces = h.clauses.flatMap((c) => c.text.split(/(?<=けど|けれど|けれども|んですが|ですが)/));
  const kept = pieces.filter((p) => !ABOUT_CERTIFICATE.test(p));
  if (kept.length === 0) return unclear();
  const card = kept.length === pieces.length ? h : h.part(kept.join(' '));
  const k = card.kana;
  const lead = leadWord(h);
  // 「カードごと切れてます」「先月切れました」: already expired, whatever month is said with it.
  if (verbHits(k, EXPIRED_JA).said > 0) return answer('yes', lead === 'yes' ? SURE : LIKELY);
  const byDate = cardByDate(h, readWhen(card));
  if (byDate) return byDate;
  // 「あと2か月です」: the months left settle it, except exactly 3.
  const left = /(?:あと|残り|のこり)\s?(\d+)\s?(?:か|ヶ|カ|ケ|箇)月/.exec(card.text);
  if (left) return Number(left[1]) < 3 ? answer('yes', LIKELY) : Number(left[1]) > 3 ? answer('no', LIKELY) : unclear();
  if (CARD_FINE.test(k) || LONG_WAY.test(k)) return answer('no', lead === 'no' ? SURE : LIKELY);
  const { said, denied } = verbHits(k, EXPIRES);
  if (said > 0 || SOON.test(k)) return answer('yes', lead === 'yes' ? SURE : LIKELY);
  // 「切れてはいないです」 answers only the "or expired" half: under 3 months is still open.
  if (denied > 0) return unclear();
  if (noncommittal(h)) return unclear();
  return lead ? answer(lead) : unclear();
}

/** A date, month or year said for the card's expiry, against "less than 3 months from today". */
function cardByDate(h: Heard, when: WhenSaid): AnswerReading | undefined {
  if (when.date) return reading({ date: when.date }, SURE);
  const limit = addMonths(h.today, 3);
  if (when.month) {
    const { year, month } = parts(`${when.month}-01`);
    const first = civil(year, month, 1);
    const last = civil(year, month, daysInMonth(year, month));
    if (last < limit) return answer('yes', LIKELY);
    if (first >= limit) return answer('no', LIKELY);
    return unclear();
  }
  // 「2034年まで」: a year far enough off settles it; 「去年作った」 says when it was made, not until.
  if (when.year !== undefined && when.year >= Number(limit.slice(0, 4)) + 1) return answer('no', LIKELY);
  return undefined;
}

// ---- 電子証明書の有効期限はいつですか ----

const EXPIRED_JA = /キレ(?=テ(?!ナ|イナ|ハイナ|マセ)|タ|マシタ|チャ)|シッコウ|キゲンギレ|スギ(?=テ|タ|マシタ)/g;
// 「カードには2035年って書いてあります」: a year alone is more likely the card's own expiry.

/**
 * R16, told as what happened (「カードを作るときに電子証明書はいらないって断ったので、入ってない」
 * 「証明書なしでカードを作りました」): a past fact about the card, not a question about documents
 * (「証明書は不要ですか」 is not one).
 */
export const WITHOUT_CERTIFICATES = new RegExp(
  [
    // 「電子証明書は断った」「証明書を付けなかった」「発行しなかった」
    /証明書.{0,12}(?:断っ|ことわっ|(?:つけ|付け)(?:なかっ|ずに)|発行(?:しなかっ|せずに|されなかっ)|搭載しなかっ)/.source,
    // 「カードに証明書が入っていない」「証明書はそもそも載っていない」 (not 「手元に入ってない」)
    /(?:カード|かーど)(?:に|には|の中に).{0,8}証明書.{0,6}(?:入って(?:い)?な|載って(?:い)?な|搭載されて(?:い)?な)/.source,
    /証明書.{0,10}(?:そもそも|最初から|初めから|はじめから).{0,6}(?:入って(?:い)?な|載って(?:い)?な|搭載されて(?:い)?な|ない)/.source,
    // 「証明書なしでカードを作った」
    /証明書(?:は)?(?:なし|無し)で(?:カード|作|申請)/.source,
    // 「作るときに証明書はいらないと言った」
    /(?:作る|作った|つくる|つくった|申請).{0,12}証明書.{0,8}(?:いらない(?:と|って)|要らない(?:と|って)|不要(?:と|に)|希望しなかっ)/.source,
    // 「I declined the certificates」「my card was issued without certificates」「there are no certificates on my card」
    /(?:declined|refused|opted out of) (?:the )?(?:e-?)?certificates?|(?:made|issued) without (?:the |any )?(?:e-?)?certificates?|no (?:e-?)?certificates? on (?:my|the) card/.source,
  ].join('|'),
  'i',
);

export function readCertificateExpiry(h: Heard): AnswerReading {
  if (WITHOUT_CERTIFICATES.test(h.text)) return reading({ withoutCertificates: true }, SURE);
  if (unsure(h)) return answer('unknown');
  if (h.lang === 'en') {
    if (EXPIRED_EN.test(h.text) && !/\bwill\b|\bnot\b/.test(h.text)) return reading({ expired: true }, SURE);
    return certificateByDate(readEnglishWhen(h)) ?? unclear();
  }
  const { said } = verbHits(h.kana, EXPIRED_JA);
  if (said > 0) return reading({ expired: true }, SURE);
  return certificateByDate(readWhen(h)) ?? unclear();
}

function certificateByDate(when: WhenSaid): AnswerReading | undefined {
  if (when.date) return reading({ date: when.date }, SURE);
  if (when.month) return reading({ month: when.month }, LIKELY);
  return undefined;
}
