// How long a sentence takes to say on the phone: morae from kuromoji's readings, with numerals,
// digits, letters and symbols read as a Japanese voice reads them, and the pauses at 、 and 。.
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMA_PAUSE, moraeOfKana, MORAE_PER_SECOND, numberReading, speechLength, spokenReading, STOP_PAUSE, turnLength } from '../../bot/speech-length.js';
import { loadTokenizer, type JapaneseTokenizer } from '../../bot/understanding/tokenizer.js';

let tokenizer: JapaneseTokenizer;
beforeAll(async () => {
  tokenizer = await loadTokenizer();
});
const read = (s: string) => spokenReading(s, tokenizer);

describe('morae', () => {
  it('small kana join the one before; ッ, ー and ン are morae of their own', () => {
    expect(moraeOfKana('キョウ')).toBe(2);
    expect(moraeOfKana('ガッコウ')).toBe(4);
    expect(moraeOfKana('カード')).toBe(3);
    expect(moraeOfKana('シンブン')).toBe(4);
    expect(moraeOfKana('ファイル')).toBe(3);
    expect(moraeOfKana('きょうは')).toBe(3);
  });

  it('words from kuromoji’s readings', () => {
    expect(read('予約窓口です')).toBe('ヨヤクマドグチデス');
    expect(speechLength('予約窓口です', tokenizer).morae).toBe(9);
  });
});

describe('numbers as a voice says them', () => {
  it('dates, times and counters', () => {
    expect(read('12月3日')).toBe('ジュウニガツミッカ');
    expect(read('4月24日')).toBe('シガツニジュウヨッカ');
    expect(read('10時半から11時')).toBe('ジュウジハンカラジュウイチジ');
    expect(read('9時')).toBe('クジ');
    expect(read('2027年')).toBe('ニセンニジュウナナネン');
    expect(read('1,000円')).toBe('センエン');
    expect(read('102番窓口')).toBe('ヒャクニバンマドグチ');
    expect(numberReading(0)).toBe('ゼロ');
    expect(numberReading(38401726)).toBe('サンゼンハッピャクヨンジュウマンセンナナヒャクニジュウロク');
  });

  it('digits apart, a number beginning with 0 and a long one are said digit by digit (two morae each)', () => {
    expect(read('3 8 4 0、1 7 2 6')).toBe('サンハチヨンゼロ、イチナナニーロク');
    expect(read('0503')).toBe('ゼロゴーゼロサン');
    expect(speechLength('0 9 0、1 2 3 4、5 6 7 8', tokenizer).morae).toBe(22);
    expect(read('0を押してください')).toBe('ゼロヲオシテクダサイ');
  });

  it('letters and symbols', () => {
    expect(read('#を押す')).toBe('シャープヲオス');
    expect(read('LINEで')).toBe('ラインデ');
  });
});

describe('seconds', () => {
  it('morae at 7.5 a second, a short pause at 、 and a longer one at 。', () => {
    const l = speechLength('はいは1、いいえは2を押してください。', tokenizer);
    expect(l).toMatchObject({ commas: 1, stops: 1 });
    expect(l.seconds).toBeCloseTo(l.morae / MORAE_PER_SECOND + COMMA_PAUSE + STOP_PAUSE, 1);
  });

  it('a turn is its messages one after another, each ending as a sentence', () => {
    const a = 'ご予約が完了しました。';
    const b = 'ほかにご用件はありますか';
    const t = turnLength([a, b], tokenizer);
    expect(t.morae).toBe(speechLength(a, tokenizer).morae + speechLength(b, tokenizer).morae);
    expect(t.stops).toBe(2);
  });
});
