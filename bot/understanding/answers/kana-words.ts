// Calendar words as speech-to-text prints them in kana, which normalize.ts does not read yet
// (らいねん, せんげつ, としあけ, いちがつちゅう, よるのしちじ, けんこくきねんのひ): turned into the
// kanji it reads. (They belong in normalize.ts and calendar-names.ts; kept here until moved.)
const KANA_HOUR = '(?:いち|に|さん|よ|し|ご|ろく|しち|なな|はち|く|きゅう|じゅう|じゅういち|じゅうに)じ';

const WORDS: [RegExp, string][] = [
  [/さらいねん/g, '再来年'],
  [/らいねん/g, '来年'],
  [/(?<![ぁ-ゖ])ことし/g, '今年'],
  [/きょねん|さくねん/g, '去年'],
  [/せんげつ/g, '先月'],
  [/せんしゅう/g, '先週'],
  [/としあけ|ねんあけ/g, '年明け'],
  [/ねんない/g, '年内'],
  [/(?<=(?:月|がつ)の?)ちゅう/g, '中'],
  // The part of the day before a kana hour: よるのしちじ = 夜の7時, あさくじ = 朝9時.
  [new RegExp(`よる(?=の?${KANA_HOUR})`, 'g'), '夜'],
  [new RegExp(`あさ(?=の?${KANA_HOUR})`, 'g'), '朝'],
  [new RegExp(`ひる(?=の?${KANA_HOUR})`, 'g'), '昼'],
  // 「じゅうじ はん」: a pause before はん still makes half past.
  [/(?<=じ|時)\s+(?=はん|半)/g, ''],
  // A word said before a kana number keeps them apart (やっぱりにじで = やっぱり 2時で).
  [/(やっぱり|やっぱ|じゃあ|それじゃ|それなら|なら|では|えっと)(?=[ぁ-ゖ])/g, '$1 '],
  // Holidays in kana that calendar-names.ts knows only in kanji.
  [/けんこくきねん(?:の)?ひ/g, '建国記念の日'],
  [/てんのうたんじょうび/g, '天皇誕生日'],
  [/しょうわのひ/g, '昭和の日'],
  [/けんぽうきねんび/g, '憲法記念日'],
  [/みどりのひ/g, 'みどりの日'],
  [/きんろうかんしゃのひ/g, '勤労感謝の日'],
  [/すぽーつのひ|スポーツのひ/g, 'スポーツの日'],
  [/おおみそか/g, '大晦日'],
  // 「年明けの最初の土曜日」: the first Saturday of January (年明け alone is the first open day).
  [/(?:年明け|正月明け)\s?の?\s?(?=(?:最初|第\s?\d)\s?の?\s?[月火水木金土日]曜)/g, '1月の'],
];

export function spokenWords(text: string): string {
  let t = text;
  for (const [re, to] of WORDS) t = t.replace(re, to);
  return t;
}
