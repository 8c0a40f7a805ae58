import { describe, expect, it } from 'vitest';
import { normalize } from '../../bot/understanding/normalize.js';

describe('normalize', () => {
  it.each([
    ['full-width digits and letters', '１２月３日（木）１０：３０ ＯＫ', '12月3日(木)10:30 ok'],
    ['kanji month and day', '十二月十日', '12月10日'],
    ['kanji tens', '二十四日の三時', '24日の3時'],
    ['kanji hour and half', '十時半', '10時半'],
    ['kanji year after an era', '令和八年十二月十四日', '令和8年12月14日'],
    ['kanji digit string', '二〇二六年', '2026年'],
    ['kana day names', 'ついたち ふつか みっか とおか はつか', '1日 2日 3日 10日 20日'],
    ['kana 14th and 24th', 'じゅうよっか にじゅうよっか', '14日 24日'],
    ['いつか only after a month', '12月いつか', '12月5日'],
    ['いつか alone stays a word', 'いつか行きます', 'いつか行きます'],
    ['kana numerals with units', 'じゅうにがつふつかのごごにじはん', '12月2日の午後2時半'],
    ['kana date words', 'あしたのごぜんちゅう', '明日の午前中'],
    ['あさって and しあさって', 'あさって しあさって', '明後日 明々後日'],
    ['kana weekday', 'らいしゅうのすいようび', '来週の水曜日'],
    ['朝一番 and 午後いち', '朝一番 午後いち', '朝一 午後一'],
    ['spoken phone digits (katakana)', 'ゼロキューゼロ いちにさんよん ごーろくななはち', '090-1234-5678'],
    ['spoken phone digits (kanji, の between groups)', '〇九〇の一二三四の五六七八', '090-1234-5678'],
    ['spoken digits with れい and まる', 'れいななにー ななにーよん ろくきゅうにーれい', '072-724-6920'],
    ['fillers out', 'えーと、あのー、予約したいんですけど', '予約したいんですけど'],
    ['あの as a word stays', 'あの日は空いてますか', 'あの日は空いてますか'],
    ['punctuation out, digits kept', 'はい、お願いします。090-1234-5678！', 'はい お願いします 090-1234-5678'],
    ['words with kanji one stay', '一緒に行きます 一度だけ', '一緒に行きます 一度だけ'],
    ['かくにん is not a number', 'かくにんしたいです', 'かくにんしたいです'],
    ['people in kanji and kana', '家族三人分 ひとりで', '家族3人分 1人で'],
    ['spoken month then day, one after the other', 'じゅうにがつにじゅういちにち', '12月21日'],
    ['spoken year in thousands', 'にせんにじゅうななねんいちがつにじゅうごにち', '2027年1月25日'],
    ['spoken era year', 'しょうわごじゅうごねん ごがつみっか', '昭和55年 5月3日'],
    ['kana day after a spoken month', 'じゅうにがつようかの', '12月8日の'],
    ['spoken 今夜 and 今朝, not the greeting', 'こんやのはちじ けさ こんばんは', '今夜の8時 今朝 こんばんは'],
    ['spoken nth weekday', 'だいにどようび', '第2土曜日'],
    ['kanji ordinal', '第一金曜日', '第1金曜日'],
    ['traditional month name before a day', '師走十日', '12月10日'],
    ['western era word and old numerals', '西暦二〇二七年壱月拾日', '2027年1月10日'],
    ['kanji numerals between slashes', '二〇二七/一/二五', '2027/1/25'],
    ['dates with ・ or , between parts', '2027・1・25', '2027.1.25'],
    ['p.m. written with dots', '3 p.m.', '3 pm'],
  ])('%s', (_name, input, expected) => {
    expect(normalize(input)).toBe(expected);
  });
});

describe('normalize on long input', () => {
  // A numeral pattern that backtracks took 4 s on 2,000 拾 (the most a turn may hold).
  it.each([
    ['old numerals', '拾'.repeat(2000)],
    ['kanji digits', '一二三'.repeat(666)],
    ['kana number words', 'に'.repeat(2000)],
    ['kana tens', 'にじゅう'.repeat(500)],
  ])('%s: 2,000 characters in well under a tenth of a second', (_name, input) => {
    const started = performance.now();
    normalize(input);
    expect(performance.now() - started).toBeLessThan(100);
  });
});
