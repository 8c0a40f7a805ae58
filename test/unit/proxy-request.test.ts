// The proxy form request's pieces alone: which names in kana are kept (and how), the desk's steps
// a request may take, and how each of its questions reads an answer — typed, spoken, keyed, in
// English, and the English buttons read back as the choice they show.
import { beforeAll, describe, expect, it } from 'vitest';
import { canMove, kanaName, nextStatuses, PROXY_REQUEST_STATUSES } from '../../domain/proxy-request.js';
import * as pr from '../../bot/messages/proxy-request.ja.js';
import { inLanguage } from '../../bot/messages/say.js';
import { readAnswer, type AskContext, type AskKind } from '../../bot/understanding/answers.js';
import type { AnswerChannel } from '../../bot/understanding/answers/types.js';
import { loadTokenizer, type JapaneseTokenizer } from '../../bot/understanding/tokenizer.js';

const NOW = new Date('2026-12-07T10:00:00+09:00');

describe('a name in kana', () => {
  it.each([
    ['みのお はなこ', 'ミノオ ハナコ'],
    ['ミノオ　ハナコ', 'ミノオ ハナコ'],
    ['ﾐﾉｵ ﾊﾅｺ', 'ミノオ ハナコ'],
    ['みのお・はなこ', 'ミノオ ハナコ'],
    ['ミノオハナコ', 'ミノオハナコ'],
    ['さいとう ゆうこ', 'サイトウ ユウコ'],
  ])('%s → %s', (typed, kept) => expect(kanaName(typed)).toBe(kept));

  it.each(['箕面花子', 'Minoo Hanako', '123456789012', 'ミノオ 1', 'は', 'はい', 'わかりません', 'いち に さん よん ご ろく なな はち きゅう ぜろ いち に', 'ア'.repeat(41), ''])('not a name: %s', (typed) => {
    expect(kanaName(typed)).toBeUndefined();
  });
});

describe('the desk’s steps', () => {
  it('new → called back → mailed → closed, closed from any step, nothing after closed', () => {
    expect(nextStatuses('new')).toEqual(['called-back', 'closed']);
    expect(nextStatuses('called-back')).toEqual(['mailed', 'closed']);
    expect(nextStatuses('mailed')).toEqual(['closed']);
    expect(nextStatuses('closed')).toEqual([]);
    for (const s of PROXY_REQUEST_STATUSES) expect(canMove(s, s)).toBe(false);
    expect(canMove('new', 'mailed')).toBe(false);
    expect(canMove('mailed', 'new')).toBe(false);
  });
});

describe('answers to the request’s questions', () => {
  let tokenizer: JapaneseTokenizer;
  beforeAll(async () => {
    tokenizer = await loadTokenizer();
  });
  const read = (ask: AskKind, text: string, channel: AnswerChannel = 'typed', lang: 'ja' | 'en' = 'ja', context?: AskContext) =>
    readAnswer(ask, text, { now: NOW, channel, tokenizer, lang, ...(context ? { context } : {}) });

  it.each([
    ['typed', 'やまだ はなこ', 'ヤマダ ハナコ'],
    ['typed', '名前はみのお たろうです', 'ミノオ タロウ'],
    ['typed', 'ミノオ・ハナコ様', 'ミノオ ハナコ'],
    // Speech-to-text prints kanji: read as kana, and the dialog reads it back.
    ['spoken', '山田花子', 'ヤマダハナコ'],
    ['spoken', 'えーと 箕面 太郎 と申します', 'ミノオタロウ'],
    ['spoken', 'いちのせ ゆうこ', 'イチノセユウコ'],
  ] as const)('the name, %s: %s', (channel, text, kana) => {
    expect(read('kana-name', text, channel)).toMatchObject({ kana });
  });

  it.each(['山田花子', '1234 5678 9012', 'いち に さん よん ご ろく なな はち きゅう ぜろ いち に', 'はい'])('typed, not a name: %s', (text) => {
    expect(read('kana-name', text)).toMatchObject({ answer: 'unclear' });
  });

  it('asking for a person or giving up is heard at the name question too', () => {
    expect(read('kana-name', 'たんとうしゃ')).toMatchObject({ intent: 'staff' });
    expect(read('kana-name', 'やめます')).toMatchObject({ intent: 'stop' });
    expect(read('kana-name', 'いちにさんよんごろくななはちきゅうぜろいちに', 'spoken')).toMatchObject({ answer: 'unclear' });
  });

  it.each([
    ['はい', 'yes'], ['お願いします', 'yes'], ['郵送を依頼する', 'yes'], ['送ってください', 'yes'],
    ['依頼しない', 'no'], ['いいえ', 'no'], ['いらないです', 'no'], ['わかりました、電話します', 'no'],
  ] as const)('the offer: %s → %s', (text, word) => {
    expect(read('proxy-form-offer', text)).toMatchObject({ answer: word });
  });

  it('the offer: another task is that task', () => {
    expect(read('proxy-form-offer', '予約したい')).toMatchObject({ intent: 'book' });
  });

  it.each([
    ['本人です', 'yes'], ['法定代理人です', 'yes'], ['親権者です', 'yes'], ['はい', 'yes'],
    ['どちらでもない', 'no'], ['代理人です', 'no'], ['娘です、母の代わりに', 'no'], ['本人ではありません', 'no'],
    // A parent of a child under 15 is its legal representative: asked, not refused.
    ['母です', 'unclear'],
  ] as const)('who asks: %s → %s', (text, word) => {
    expect(read('requester', text)).toMatchObject({ answer: word });
  });

  it('who asks, by key: 1 the holder, 2 the legal representative, 3 neither', () => {
    const keys = { keys: pr.REQUESTER_KEYS };
    expect(['1', '2', '3'].map((k) => read('requester', k, 'keypad', 'ja', keys))).toMatchObject([{ answer: 'yes' }, { answer: 'yes' }, { answer: 'no' }]);
  });

  it('the English buttons read back as the choice they show', () => {
    const en = (s: ReturnType<typeof pr.offerRequest>) => s.en?.choices ?? [];
    expect(en(pr.offerRequest(false)).map((l) => read('proxy-form-offer', l, 'typed', 'en'))).toMatchObject([{ answer: 'yes' }, { answer: 'no' }]);
    expect(en(pr.askRequester()).map((l) => read('requester', l, 'typed', 'en'))).toMatchObject([{ answer: 'yes' }, { answer: 'yes' }, { answer: 'no' }]);
  });
});

describe('the read-back', () => {
  it('shows the kana, the birthday and the number in full; in English the name in latin letters', () => {
    const s = pr.confirmRequest({ kanaName: 'ミノオ ハナコ', birthday: '05-03', phone: '09012345678' });
    expect(s.card?.facts).toEqual([
      { label: 'お名前(カナ)', value: 'ミノオ ハナコ' },
      { label: '誕生日', value: '5月3日' },
      { label: '折り返しのお電話', value: '090-1234-5678' },
    ]);
    expect(inLanguage(s, 'en').card?.facts[0]).toEqual({ label: 'Name', value: 'Minoo Hanako' });
    const hepburn = (kana: string) => inLanguage(pr.confirmRequest({ kanaName: kana, birthday: '01-02', phone: '0727246920' }), 'en').card?.facts[0]?.value;
    expect(hepburn('キッカワ ショウコ')).toBe('Kikkawa Shouko');
    expect(hepburn('ジョーンズ マッチ')).toBe('Joonzu Matchi');
  });
});
