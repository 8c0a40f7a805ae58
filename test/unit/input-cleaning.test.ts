// What a citizen sends is cleaned at the door: lone surrogates, control characters (but line
// breaks and tabs) and bidi overrides go; nothing else changes. The tokenizer never throws.
import { describe, expect, it } from 'vitest';
import { cleanText, cleanValue } from '../../bot/input-cleaning.js';
import { loadTokenizer } from '../../bot/understanding/tokenizer.js';

describe('input cleaning', () => {
  it.each([
    ['\ud800', ''],
    ['予約\udfffしたい', '予約したい'],
    ['\ud83d\ude00 予約', '\ud83d\ude00 予約'], // a real emoji (a surrogate pair) stays
    ['5月3日\u0000\u0007\u001b[2J', '5月3日[2J'],
    ['一行目\n二行目\tタブ', '一行目\n二行目\tタブ'],
    ['改行\r\n', '改行\n'],
    ['\u202eevil\u202c \u2066x\u2069', 'evil x'],
    ['\u0085\u009b\u007f', ''],
    ['ｆｕｌｌ　ｗｉｄｔｈ ﾊﾝｶｸ', 'ｆｕｌｌ　ｗｉｄｔｈ ﾊﾝｶｸ'], // no normalisation
  ])('%j → %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('cleans every string in a value, keys included, and leaves other values alone', () => {
    expect(cleanValue({ 'a\u0000': ['x\ud800', 1, true, null, { b: '\u202ey' }] })).toEqual({ a: ['x', 1, true, null, { b: 'y' }] });
  });

  it('the tokenizer answers odd input instead of throwing', async () => {
    const tokenizer = await loadTokenizer();
    for (const text of ['\ud800', '\udc00予約', 'a\ud800b', '\u0000', '', '\ud83d\ude00'.repeat(50)]) {
      expect(() => tokenizer.tokenize(text)).not.toThrow();
    }
    expect(tokenizer.tokenize('予約\ud800したい').map((t) => t.surface).join('')).toBe('予約したい');
  });
});
