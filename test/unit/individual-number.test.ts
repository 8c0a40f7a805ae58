// A My Number is never kept in a transcript, however it was written; what staff need to read
// (reservation numbers, phone numbers, birthdays) is kept.
import { describe, expect, it } from 'vitest';
import { INDIVIDUAL_NUMBER_MASK as MASK, maskedDeep, withoutIndividualNumber } from '../../adapters/ledger/individual-number.js';

describe('My Number mask', () => {
  it.each([
    ['123456789012'],
    ['個人番号は123456789012です'],
    ['1234 5678 9012'],
    ['1234-5678-9012'],
    ['1234　5678　9012'],
    ['1 2 3 4 5 6 7 8 9 0 1 2'],
    ['1、2、3、4、5、6、7、8、9、0、1、2'],
    ['123456 789012'],
    ['１２３４５６７８９０１２'],
    ['１２３４ ５６７８ ９０１２'],
    ['一二三四五六七八九〇一二'],
    ['一二三四 五六七八 九〇一二'],
    ['いちにさんよんごろくななはちきゅうぜろいちに'],
    ['いち に さん よん ご ろく なな はち きゅう ゼロ いち に'],
    ['イチニーサンヨンゴーロクナナハチキューレイイチニ'],
    ['まるきゅうはちななろくごよんさんにいちまるまる'],
    ['しちはちくさんしごろくしちはちくまるいち'],
    ['番号は1234 5678 9012 と 1224 です'],
    ['No.123456789012'],
  ])('masks %s', (text) => {
    const out = withoutIndividualNumber(text);
    expect(out).toContain(MASK);
    // No 12-digit run is left in any spelling.
    expect(out.replace(/[^0-9０-９〇一二三四五六七八九]/g, '').length).toBeLessThan(12);
  });

  it.each([
    ['予約番号は12345678です'],
    ['12345678'],
    ['090-1234-5678'],
    ['09012345678'],
    ['072-724-6920'],
    ['1224'],
    ['誕生日は0503'],
    ['予約番号12345678、誕生日1224'],
    ['12345678 1224'],
    ['090-1234-5678 1224'],
    ['09012345678 0503'],
    ['お電話番号は0 9 0、1 2 3 4、5 6 7 8で'],
    ['12月3日(木) 10:30〜11:00'],
    ['2026-12-03T01:30:00.000Z'],
    ['CA12345678901234567890abcdefabcdef'],
    ['+819012345678'],
    ['1234567890123'], // 13 digits: not a My Number
    ['よろしくお願いします。ごくろうさまです。しごとにいく'],
    ['十二月九日の午後二時で'],
  ])('keeps %s', (text) => {
    expect(withoutIndividualNumber(text)).toBe(text);
  });

  it('masks every string of a value, keys included', () => {
    const out = maskedDeep({ a: ['1234 5678 9012', 3, null], '123456789012': { b: '一二三四五六七八九〇一二' }, when: new Date(0) }) as Record<string, unknown>;
    expect(JSON.stringify(out)).not.toMatch(/9012|九〇一二/);
    expect(out.when).toEqual(new Date(0));
  });
});
