// The lean dictionary (bot/understanding/kuromoji-dictionary.ts) must hear exactly what
// kuromoji's own loader hears: every token of every fixture utterance, and of odd text
// (latin, digits, emoji, unknown kanji, long runs), is compared field by field.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import kuromoji from 'kuromoji';
import { describe, expect, it } from 'vitest';
import { compactTargetMap, loadLeanTokenizer } from '../../bot/understanding/kuromoji-dictionary.js';

const dicPath = path.join(path.dirname(createRequire(import.meta.url).resolve('kuromoji/package.json')), 'dict');

function fixtureTexts(): string[] {
  const texts = new Set<string>();
  for (const dir of ['test/fixtures/understanding', 'test/fixtures/context']) {
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
      for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
        if (line.trim()) texts.add((JSON.parse(line) as { text: string }).text);
      }
    }
  }
  return [...texts];
}

const ODD = [
  '',
  'abc DEF 123 ４５６ ｶﾀｶﾅ',
  '予約😀したい🙏🏻です',
  '𠮷野家で𩸽を食べた',
  'ΑΒΓ абв ①②③ ㈱ ℡',
  'あ'.repeat(300),
  '１２月２４日（木）午前１０時半から３名で、電話番号は090-1234-5678です。',
  '　\t\n 。、！？「」『』',
];

describe('lean kuromoji dictionary', () => {
  it('tokenizes every fixture utterance exactly as kuromoji’s own loader does', async () => {
    const original = await new Promise<kuromoji.Tokenizer<kuromoji.IpadicFeatures>>((resolve, reject) =>
      kuromoji.builder({ dicPath }).build((err, t) => (err ? reject(err) : resolve(t))),
    );
    const lean = await loadLeanTokenizer(dicPath);
    const texts = [...fixtureTexts(), ...ODD];
    expect(texts.length).toBeGreaterThan(500);
    let tokens = 0;
    for (const text of texts) {
      const want = original.tokenize(text);
      expect(lean.tokenize(text), text).toEqual(want);
      tokens += want.length;
    }
    expect(tokens).toBeGreaterThan(5000);
  });

  it('keeps every id of a key, in order, and answers nothing for keys it does not have', () => {
    // count, then key 2 → [10, 11], key 5 → [7], key 2 again → [12], then padding.
    const file = new Uint8Array(new Int32Array([3, 2, 2, 10, 11, 5, 1, 7, 2, 1, 12, 0, 0, 0, 0]).buffer);
    const map = compactTargetMap(file);
    expect(Array.from(map[2]!)).toEqual([10, 11, 12]);
    expect(Array.from(map[5]!)).toEqual([7]);
    expect(map[0]).toBeUndefined();
    expect(map[3]).toBeUndefined();
    expect(map[99]).toBeUndefined();
  });
});
