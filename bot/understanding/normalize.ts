// Puts typed and spoken Japanese into one shape before anything reads it: NFKC (full-width
// digits and letters), fillers and punctuation out, dates and times written in kana or kanji
// numerals turned into digits (十二月十日 → 12月10日, ついたち → 1日, じゅうじはん → 10時半),
// spoken phone digits into numbers (ゼロキューゼロ → 090).
import { TRADITIONAL_MONTHS } from './calendar-names.js';
import { digitString, isPositional, positionalValue, spokenDigitsToNumbers } from './numerals.js';

// Words said while thinking. Removed as whole words only (「あの日」 keeps its あの).
const FILLER = /(?:^|(?<=[\s、。,!?]))(?:え[ーぇ]*っ?と[ぉー]*|ええと|あ[ー]*の[ぉー]+|あの(?=[\s、,])|そ[ー]*の[ぉー]+|ま[ぁあー]+(?=[\s、,])|うー+ん?|ん[ーっ]+|え[ーぇ]+(?=[\s、,]|$)|あ[ーっ]*(?=[\s、,]))/g;

// Kana spellings of the date and time words the recogniser reads (longest first).
const KANA_WORDS: [RegExp, string][] = [
  [/しあさって/g, '明々後日'],
  [/あさって/g, '明後日'],
  [/あした|あす(?=[のにはでも、\s]|$)/g, '明日'],
  [/みょうにち|みょうじつ/g, '明日'],
  [/(?<![ぁ-ゖ])きょう(?=[のにはでも、\s一-龯]|$)|ほんじつ/g, '今日'],
  // 今夜, 今晩 (not the greeting こんばんは), 今夕, 今朝: today, at that part of the day.
  [/こんや|こんばん(?!は)/g, '今夜'],
  [/こんゆう/g, '今夕'],
  [/(?<![ぁ-ゖ])けさ(?=[のにはでも、\s一-龯]|$)/g, '今朝'],
  [/さらいしゅう|再来しゅう/g, '再来週'],
  [/らいしゅう/g, '来週'],
  [/こんしゅう/g, '今週'],
  [/さらいげつ/g, '再来月'],
  [/らいげつ/g, '来月'],
  [/こんげつ/g, '今月'],
  [/げつまつ/g, '月末'],
  [/ごぜんちゅう/g, '午前中'],
  [/ごぜん/g, '午前'],
  [/ごごいち/g, '午後一'],
  [/ごご/g, '午後'],
  [/しょうご/g, '正午'],
  [/あさいち(?:ばん)?/g, '朝一'],
  [/ゆうがた/g, '夕方'],
  [/ひるすぎ/g, '昼過ぎ'],
  [/おひる/g, 'お昼'],
  [/(げつ|か|すい|もく|きん|ど|にち)ようび?/g, '$1曜日'],
  [/ひとり(?!ひとり)/g, '1人'],
  [/ふたり/g, '2人'],
  [/ふうふ/g, '夫婦'],
  [/しょうわ/g, '昭和'],
  [/へいせい/g, '平成'],
  [/れいわ/g, '令和'],
  [/かぞく/g, '家族'],
  [/よやく/g, '予約'],
  // The desk's own words, as a recogniser may write them in kana (the intents read kanji).
  [/でんししょうめいしょ/g, '電子証明書'],
  [/しょうめいしょ/g, '証明書'],
  [/ほけんしょう/g, '保険証'],
  [/うんてんめんきょしょう/g, '運転免許証'],
  [/めんきょしょう/g, '免許証'],
  [/てすうりょう/g, '手数料'],
  [/ちゅうしゃじょう/g, '駐車場'],
  [/ゆうこうきげん/g, '有効期限'],
  [/つうちしょ/g, '通知書'],
  [/もちもの/g, '持ち物'],
  [/ほんにんかくにん/g, '本人確認'],
  [/こうしん/g, '更新'],
  [/へんこう/g, '変更'],
  [/おねがい/g, 'お願い'],
  [/だいじょうぶ/g, '大丈夫'],
  [/ばんごう/g, '番号'],
];
const KANA_WEEKS: Record<string, number> = { いっ: 1, に: 2, さん: 3, よん: 4 };
const KANA_ORDINAL: Record<string, number> = { いち: 1, に: 2, さん: 3, よん: 4, ご: 5 };
const KANA_WEEKDAY: Record<string, string> = { げつ: '月', か: '火', すい: '水', もく: '木', きん: '金', ど: '土', にち: '日' };

// Day names read in kana (ついたち … とおか, はつか, じゅうよっか, にじゅうよっか).
const KANA_DAYS: [string, number][] = [
  ['にじゅうよっか', 24], ['じゅうよっか', 14], ['ついたち', 1], ['ふつか', 2], ['みっか', 3],
  ['よっか', 4], ['むいか', 6], ['ここのか', 9], ['とおか', 10], ['はつか', 20],
];
// Also plain words (いつか "some day", ようか "shall we", なのか "is it"): only after a month,
// or standing alone before a particle (「ようかの2時」, not 「しようか」 or 「いつから」).
const KANA_DAYS_AFTER_MONTH: [string, number][] = [['いつか', 5], ['なのか', 7], ['なぬか', 7], ['ようか', 8]];

// Kana numerals before a unit: じゅうにがつ → 12月, さんじはん → 3時半, にじゅうごにち → 25日,
// にせんにじゅうろくねん → 2026年.
const KANA_NUMBER: [string, number][] = [
  ['いち', 1], ['いっ', 1], ['に', 2], ['さん', 3], ['よん', 4], ['よ', 4], ['し', 4], ['ご', 5],
  ['ろく', 6], ['ろっ', 6], ['なな', 7], ['しち', 7], ['はち', 8], ['はっ', 8], ['きゅう', 9], ['く', 9],
];
const KANA_MULTIPLIER: [string, number][] = [
  ['じゅう', 10], ['じゅっ', 10], ['じっ', 10], ['ひゃく', 100], ['びゃく', 100], ['ぴゃく', 100], ['ぴゃっ', 100], ['せん', 1000], ['ぜん', 1000],
];
const KANA_NUMBER_WORD = [...KANA_NUMBER, ...KANA_MULTIPLIER].map(([w]) => w).sort((a, b) => b.length - a.length).join('|');
// Only at a word start (after a non-kana, a particle, or the unit of a number before it:
// じゅうにがつ|にじゅういちにち): 「かくにん」 is not か + 9人.
const KANA_NUMBER_RE = new RegExp(
  `(?<=^|[^ぁ-ゖ]|[のはにでがもとをへや]|がつ|ねん|にち|じ)((?:${KANA_NUMBER_WORD}){1,8})(がつ|にち|じはん|じ|ふん|ぷん|ねん|にん|めい)`,
  'g',
);
const KANA_WORD_TOKEN = new RegExp(KANA_NUMBER_WORD, 'y');
const KANA_UNIT: Record<string, string> = { がつ: '月', にち: '日', じはん: '時半', じ: '時', ふん: '分', ぷん: '分', ねん: '年', にん: '人', めい: '名' };
const KANA_DIGIT_VALUE = new Map(KANA_NUMBER);
const KANA_MULTIPLIER_VALUE = new Map(KANA_MULTIPLIER);

/** The value of kana number words (にじゅういち = 21), or undefined if they do not make one. */
function kanaNumber(words: string): number | undefined {
  let total = 0;
  let digit: number | undefined;
  let lastMultiplier = Infinity;
  KANA_WORD_TOKEN.lastIndex = 0;
  while (KANA_WORD_TOKEN.lastIndex < words.length) {
    const word = KANA_WORD_TOKEN.exec(words)?.[0];
    if (!word) return undefined;
    const multiplier = KANA_MULTIPLIER_VALUE.get(word);
    if (multiplier === undefined) {
      if (digit !== undefined) return undefined; // two digits in a row: not a number word
      digit = KANA_DIGIT_VALUE.get(word);
    } else {
      if (multiplier >= lastMultiplier) return undefined;
      total += (digit ?? 1) * multiplier;
      lastMultiplier = multiplier;
      digit = undefined;
    }
  }
  const value = total + (digit ?? 0);
  return value > 0 ? value : undefined;
}

// Kanji numerals: converted when they count something (月, 日, 時, 人 …) or follow an era;
// 一緒, 一度, 一番 stay words.
const KANJI_RUN = /([〇零一二三四五六七八九]{2,})(?![十百千])|([〇零一二三四五六七八九十百千]+)(?=(?:月|日|時|分|年|人|名|枠|週|か月|ヶ月|カ月|箇月|歳|才|回|件|つ|桁))|(?<=(?:令和|平成|昭和))([〇零一二三四五六七八九十百千]+)/g;

// Old-style numerals on forms and tickets (拾伍時 = 15時, 十壱時 = 11時), read before a unit.
const DAIJI: Record<string, string> = { 壱: '一', 弐: '二', 参: '三', 伍: '五', 拾: '十' };
const DAIJI_RUN = /(?<![〇一二三四五六七八九十壱弐参伍拾])[〇一二三四五六七八九十壱弐参伍拾]{1,6}(?=[時分日月年])/g;
// Kanji numerals between date separators: 二〇一五/一/二三 = 2015/1/23.
const KANJI_SEPARATED = /(?<![〇一二三四五六七八九十])[〇一二三四五六七八九十]{1,4}(?:[\/.・][〇一二三四五六七八九十]{1,3}){1,2}(?![〇一二三四五六七八九十])/g;
const TRADITIONAL_MONTH = new RegExp(`(${Object.keys(TRADITIONAL_MONTHS).join('|')})(?=\\s?の?\\s?\\d{1,2}日)`, 'g');

/** A kanji numeral run as digits: 二〇二六 → 2026, 二十四 → 24. */
function kanjiNumber(run: string): string {
  if (!isPositional(run)) return digitString(run);
  const n = positionalValue(run);
  return n === undefined ? run : String(n);
}

export function normalize(input: string): string {
  let t = input.normalize('NFKC').toLowerCase();
  t = t.replace(/(?<=\d\s?)([ap])\.m\.?/g, '$1m'); // 3 p.m. = 3pm
  t = t.replace(/[~〜～]/g, '~').replace(/[‐‑‒–—―−]/g, '-').replace(/(?<=\d)ー(?=\d)/g, '-');
  t = t.replace(FILLER, ' ');
  t = t.replace(/[「」『』【】"“”]/g, ' ');
  // Protect 朝一/午後一 (9:00, 13:00) before numerals are read.
  t = t.replace(/朝(?:一番?|いち(?:ばん)?|イチ(?:バン)?)/g, '朝一').replace(/午後(?:一番?|いち(?:ばん)?|イチ(?:バン)?)/g, '午後一');
  for (const [re, to] of KANA_WORDS) t = t.replace(re, to);
  t = t.replace(/(月|火|水|木|金|土|日)(?:曜日曜日|よう日|ようび)/g, '$1曜日');
  for (const [word, kanji] of Object.entries(KANA_WEEKDAY)) t = t.replace(new RegExp(`${word}曜日`, 'g'), `${kanji}曜日`);
  // 「だいにどようび」: the 2nd Saturday.
  t = t.replace(/だい(いち|に|さん|よん|ご)(?=\s?の?\s?[月火水木金土日]曜)/g, (_all, n: string) => `第${KANA_ORDINAL[n]}`);
  // 「いっしゅうかんご」「みっかご」: so many weeks or days from today, not a day of the month.
  t = t.replace(/(いっ|に|さん|よん)しゅうかん(?:ご|あと)/g, (_all, n: string) => `${KANA_WEEKS[n]}週間後`);
  for (const [word, day] of KANA_DAYS) t = t.replace(new RegExp(`${word}(?:ご|あと)(?=[のにはで\\s]|$)`, 'g'), `${day}日後`);
  for (const [word, day] of KANA_DAYS) t = t.replaceAll(word, `${day}日`);
  for (const [word, day] of KANA_DAYS_AFTER_MONTH) {
    t = t.replace(new RegExp(`((?:月|がつ)の?)${word}`, 'g'), `$1${day}日`);
    t = t.replace(new RegExp(`(?<=^|[^ぁ-ゖ])${word}(?=[のにはで\\s]|$)`, 'g'), `${day}日`);
  }
  t = t.replace(/(\d{1,4})\s?(がつ|にち|じはん|じ(?!かん|[ゃゅょ])|ふん|ぷん|ねん)/g, (_all, n: string, unit: string) => `${n}${KANA_UNIT[unit]}`);
  t = t.replace(KANA_NUMBER_RE, (all, words: string, unit: string) => {
    const n = kanaNumber(words);
    return n === undefined ? all : `${n}${KANA_UNIT[unit]}`;
  });
  t = t.replace(DAIJI_RUN, (run) => [...run].map((ch) => DAIJI[ch] ?? ch).join(''));
  t = t.replace(/第([一二三四五])(?![〇一二三四五六七八九十])/g, (_all, n: string) => `第${digitString(n)}`);
  t = t.replace(KANJI_SEPARATED, (run) => run.replace(/[〇一二三四五六七八九十]+/g, kanjiNumber));
  t = t.replace(KANJI_RUN, (all, digits?: string, counted?: string, afterEra?: string) => (digits ? digitString(digits) : kanjiNumber(counted ?? afterEra ?? all)));
  // 師走10日 = 12月10日; 西暦2026年 = 2026年; 2021・7・18 and 2021,7,18 = 2021.7.18.
  t = t.replace(TRADITIONAL_MONTH, (name: string) => `${TRADITIONAL_MONTHS[name]}月`);
  t = t.replace(/西暦\s?(?=\d)/g, '');
  t = t.replace(/(?<![\d.])(\d{4}|(?:令和|平成|昭和)\d{1,2})\s?[・,]\s?(\d{1,2})\s?[・,]\s?(\d{1,2})(?![\d.,])/g, '$1.$2.$3');
  t = spokenDigitsToNumbers(t);
  // 「090の1234の5678」: digit groups joined by の are one number.
  t = t.replace(/(?<=\d{2,4})の(?=\d{3,4}(?!\d*[月日時分年人名]))/g, '-');
  // Punctuation to spaces; keep : / . - between digits (10:30, 12/3, R8.12.14, 090-1234-5678).
  t = t.replace(/[。、，,！!？?・…♪☆★]+/g, ' ');
  t = t.replace(/(?<!\d)[.:/]|[.:/](?!\d)/g, ' ');
  t = t.replace(/(\d)\s+(?=[月日時分年人名枠])/g, '$1');
  return t.replace(/\s+/g, ' ').trim();
}
