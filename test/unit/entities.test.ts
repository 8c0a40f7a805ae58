import { describe, expect, it } from 'vitest';
import { readDetails } from '../../bot/understanding/entities.js';
import { normalize } from '../../bot/understanding/normalize.js';

const read = (text: string) => readDetails(normalize(text));

describe('phone numbers', () => {
  it.each([
    ['090-1234-5678です', '09012345678'],
    ['０９０１２３４５６７８', '09012345678'],
    ['+81 90 1234 5678', '09012345678'],
    ['電話は072-724-6920', '0727246920'],
    ['ゼロキューゼロ いちにさんよん ごーろくななはち', '09012345678'],
    ['〇九〇の一二三四の五六七八です', '09012345678'],
    ['090-1234-567', null],
    ['2026-12-03', null],
    ['12345678', null],
  ])('%s → %s', (text, phone) => {
    expect(read(text).phone).toBe(phone);
  });
});

describe('reservation numbers', () => {
  it.each([
    ['予約番号は38401726です', '38401726'],
    ['番号は 3840 1726', '38401726'],
    ['38401726', '38401726'],
    ['予約番号は３８４０１７２６', '38401726'],
    ['090-1234-5678', null],
    ['12月3日', null],
  ])('%s → %s', (text, number) => {
    expect(read(text).reservationNumber).toBe(number);
  });
});

describe('people', () => {
  it.each([
    ['家族3人分お願いします', 3],
    ['2人で行きます', 2],
    ['一人です', 1],
    ['夫婦で行きたい', 2],
    ['家族三人分', 3],
    ['予約したい', null],
  ])('%s → %s', (text, people) => {
    expect(read(text).people).toBe(people);
  });
});
