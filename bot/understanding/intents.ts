// Intent recognition (意図認識) over kuromoji tokens: cue evidence per intent, then the
// precedence of CONVENTIONS.md. `unknown` rather than a wrong guess.
import { PRECEDENCE } from './intent-lexicon.js';
import { analyse, gatherEvidence, type Utterance } from './intent-signals.js';
import { topicOf, type Topic } from './intent-topics.js';
import type { JapaneseTokenizer } from './tokenizer.js';

export type Intent =
  | 'book' | 'change' | 'cancel' | 'check' | 'eligibility' | 'documents' | 'fees' | 'office'
  | 'pin' | 'proxy' | 'staff' | 'yes' | 'no' | 'help' | 'unknown';

export interface IntentResult {
  intent: Intent;
  /** In [0, 1]. */
  confidence: number;
  /** Which office rule the question is about (intent-topics.ts), when it names one. */
  topic?: Topic;
}

/** Total cue weight an intent needs before it counts. */
const THRESHOLD = 1;

// Words that may stand beside はい/いいえ in a short answer (「はい、それでお願いします」
// 「いいえ、4日です」); any other content word makes the utterance more than an answer.
const ANSWER_WORDS = new Set([
  'はい', 'ええ', 'うん', 'そう', 'それ', 'これ', 'そっち', 'こっち', 'それで', 'じゃあ', 'では', 'もう', 'ちょっと',
  '全然', '本当', 'ほんと', '特に', 'よろしい', 'よろしく', '問題', 'する', 'いる', 'ある', 'なる', 'お願い', 'いい', '良い',
  'よい', '結構', '大丈夫', '平気', '了解', 'わかる', '分かる', 'かしこまる', '合う', '正しい', '通り', 'もちろん',
  '構う', 'いいえ', 'いえ', 'いや', 'ううん', '違う', 'ちがう', 'だめ', 'ダメ', '駄目', '無理', '不要', '困る', '要る',
  'OK', 'ok', 'Ok', 'オッケー', 'オーケー', 'おっけー', 'ノー', 'NO', 'No', 'まま', '方', 'ほう', '今', 'ごめん',
  'すみません', 'すいません', 'なし', 'そこ', 'あれ', '以上', '全部', 'お', 'ご', '日', '時', '分', '半', '曜日',
  '時間', '日にち', '時間帯', '誕生日', '誕生', '日時', 'ぜひ', '是非', '間違い', '間違う', '遠慮', '日程', '電話', '番号', '電話番号', 'メール', '承知', 'おけ', 'その',
]);
const DATE_WORD = /^(\d+|[月火水木金土日]曜日?|今日|本日|明日|あした|あす|明後日|あさって|来週|今週|再来週|来月|今月|月末|午前|午後|朝|昼|夕方|正午|月|日|時|時半|分|半)$/;

function isShortAnswer(u: Utterance): boolean {
  if (u.text.length > 30) return false;
  return u.tokens.every((t) => {
    const content = (t.pos === '名詞' && t.posDetail !== '接尾' && t.posDetail !== '非自立' && t.posDetail !== '数')
      || (t.pos === '動詞' && t.posDetail === '自立')
      || (t.pos === '形容詞' && t.posDetail === '自立')
      || t.pos === '副詞';
    return !content || ANSWER_WORDS.has(t.lemma) || ANSWER_WORDS.has(t.surface) || DATE_WORD.test(t.surface);
  });
}

function clamp(x: number): number {
  return Math.round(Math.min(0.97, Math.max(0.05, x)) * 100) / 100;
}

export function recognizeIntent(text: string, tokenizer: JapaneseTokenizer): IntentResult {
  const u = analyse(text, tokenizer);
  if (u.tokens.length === 0) return { intent: 'unknown', confidence: 0.9 };
  const { scores, negatedRequest } = gatherEvidence(u);

  const qualified = PRECEDENCE.filter((i) => (scores.get(i) ?? 0) >= THRESHOLD);
  const chosen = qualified[0];
  if (chosen) {
    const s = scores.get(chosen)!;
    const topic = topicOf(chosen, u);
    // Strong evidence raises confidence; a tie broken only by precedence lowers it.
    return { intent: chosen, confidence: clamp(0.72 + 0.15 * Math.min(s - THRESHOLD, 1.5) - 0.08 * (qualified.length - 1)), ...(topic ? { topic } : {}) };
  }
  if (negatedRequest) return { intent: 'no', confidence: 0.8 };

  const yes = scores.get('yes') ?? 0;
  const no = scores.get('no') ?? 0;
  if ((yes >= THRESHOLD || no >= THRESHOLD) && isShortAnswer(u)) {
    // 「いや、大丈夫です」 declines: a refusal word outweighs a polite agreement.
    if (no >= THRESHOLD) return { intent: 'no', confidence: yes >= THRESHOLD ? 0.7 : 0.9 };
    return { intent: 'yes', confidence: 0.9 };
  }
  let best = 0;
  for (const [intent, s] of scores) if (intent !== 'yes' && intent !== 'no') best = Math.max(best, s);
  return { intent: 'unknown', confidence: clamp(0.9 - 0.4 * best) };
}
