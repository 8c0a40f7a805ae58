// Turns an utterance into weighted intent evidence: cue hits from intent-lexicon.ts, each
// checked for negation (「キャンセルはしません」 is a refusal, not a cancellation).
import type { Intent } from './intents.js';
import { CUES, type Cue } from './intent-lexicon.js';
import type { JapaneseTokenizer, Token } from './tokenizer.js';

export interface Utterance {
  tokens: Token[];
  /** Surfaces joined, fillers and spaces removed. */
  text: string;
  /** Katakana readings joined (surface in katakana where IPADIC has no reading). */
  kana: string;
  textStart: number[];
  kanaStart: number[];
}

export interface Evidence {
  scores: Map<Intent, number>;
  /** A request was negated (「予約はしなくていいです」): evidence for `no`. */
  negatedRequest: boolean;
  dateLike: boolean;
}

const FILLER_INTERJECTIONS = new Set(['あ', 'あっ', 'あー', 'え', 'えっ', 'えー', 'えと', 'えーと', 'えーっと', 'ええと', 'あのー', 'あのう', 'そのー', 'うーん', 'うーんと', 'んー', 'ん', 'まあ', 'まぁ', 'ほら', 'おっ', 'ー', 'っ']);
const DEMONSTRATIVE_FILLERS = new Set(['あの', 'その', 'この']);
const PUNCTUATION = /^[\p{P}\p{S}]+$/u;
const SENTENCE_END = /^[。.!！]+$/;
const SMALL_KANA = /[ァィゥェォャュョッヮー]/;
// Kanji numerals too, in case a caller skipped normalisation (十二月三日).
const DATE_LIKE = /(\d+|[一二三四五六七八九十]+)(月|日|時)|\d+(:\d|\/\d)|[月火水木金土日]曜|今日|本日|明日|あした|あす|明後日|あさって|来週|今週|再来週|来月|今月|月末|午前|午後|朝|昼|夕方|正午|週間後|日後|ついたち|ふつか|みっか|よっか|いつか|むいか|なのか|ようか|ここのか|とおか|はつか/;

/** Cues indexed by lemma/surface, built once. */
const BY_LEMMA = new Map<string, Cue[]>();
const TEXT_CUES: Cue[] = [];
const KANA_CUES: Cue[] = [];
const UNLESS = new Map<Cue, RegExp>();
for (const cue of CUES) {
  if (cue.unless) UNLESS.set(cue, new RegExp(cue.unless.source, cue.unless.flags + 'g'));
  for (const l of cue.lemmas ?? []) {
    const list = BY_LEMMA.get(l) ?? [];
    list.push(cue);
    BY_LEMMA.set(l, list);
  }
  if (cue.text) TEXT_CUES.push(cue);
  if (cue.kana) KANA_CUES.push(cue);
}

function toKatakana(s: string): string {
  return s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

function isFiller(t: Token, next: Token | undefined): boolean {
  if (t.pos === 'フィラー') return true;
  if (t.pos === '感動詞' && FILLER_INTERJECTIONS.has(t.surface)) return true;
  // 「あの、」「あのですね」 hesitate; 「あの人」 points.
  return t.pos === '連体詞' && DEMONSTRATIVE_FILLERS.has(t.surface)
    && (next === undefined || next.pos === '記号' || next.pos === '助動詞' || next.pos === 'フィラー' || next.pos === '感動詞');
}

export function analyse(raw: string, tokenizer: JapaneseTokenizer): Utterance {
  // STT inserts spaces between words; keep a space only between two latin words.
  const cleaned = raw.normalize('NFKC').replace(/\s+(?![A-Za-z0-9])|(?<![A-Za-z0-9])\s+/g, '').replace(/ー{2,}/g, 'ー');
  // IPADIC does not know half-width punctuation (NFKC turns ？ into ?): mark it as a symbol.
  // A space left between two latin words or numbers (「12/10 14:00」) separates them like one.
  const all = tokenizer.tokenize(cleaned).map((t) => (PUNCTUATION.test(t.surface) || t.surface.trim() === '' ? { ...t, pos: '記号' } : t));
  const tokens: Token[] = [];
  for (let i = 0; i < all.length; i++) {
    const t = all[i]!;
    if (!isFiller(t, all[i + 1])) tokens.push(t);
  }
  // Sentence ends are kept as a marker so negation and questions stay inside one sentence.
  let text = '';
  let kana = '';
  const textStart: number[] = [];
  const kanaStart: number[] = [];
  for (const t of tokens) {
    textStart.push(text.length);
    kanaStart.push(kana.length);
    text += t.surface;
    kana += t.reading ?? toKatakana(t.surface);
  }
  return { tokens, text, kana, textStart, kanaStart };
}

const LIGHT_VERBS = new Set(['する', 'できる', '出来る', 'いたす', '致す', 'やる', 'させる', 'なさる', 'お願いする', '取る', 'とる']);
const TOPIC = new Set(['は', 'を', 'も', 'が', 'って', 'とか', 'なんて', 'の', 'だけ']);
const UNNEEDED = new Set(['いい', '良い', 'よい', '結構', '大丈夫', '不要', 'けっこう']);
const CHAIN_PARTICLES = new Set(['て', 'で', 'じゃ', 'は', 'も', 'ちゃ', 'では']);
const NEGATORS = new Set(['ない', 'ん', 'ぬ', 'ず', 'ねえ', 'へん']);
// Potential forms: 「予約できない」「取れない」 report a problem, they do not refuse.
const POTENTIAL = new Set(['れる', 'られる', 'える', 'できる', '出来る', '取れる', 'とれる', '行ける', '来れる', '来られる', '入れる', '変えれる', '変えられる', '伺える']);

type Polarity = 'positive' | 'negated' | 'unable';

/** Index of the last token whose text offset is ≤ off. */
function tokenAt(starts: number[], off: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= off) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function isQuestionAfter(tokens: Token[], from: number): boolean {
  for (let k = from; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.pos === '助詞' && (t.surface === 'か' || t.surface === 'かな' || t.surface === 'の')) return true;
    if (t.surface === '?') return true;
    if (SENTENCE_END.test(t.surface)) return false;
    if (t.pos === '名詞' || (t.pos === '動詞' && t.posDetail === '自立') || t.pos === '接続詞') return false;
  }
  return false;
}

/** Whether the predicate governing token i is negated (「しません」「しなくていい」「はいいです」). */
function polarityAt(tokens: Token[], i: number): Polarity {
  const t = tokens[i]!;
  let p = i;
  if (t.pos !== '動詞' && t.pos !== '形容詞') {
    let j = i + 1;
    let topic = false;
    while (j < tokens.length && tokens[j]!.pos === '助詞' && TOPIC.has(tokens[j]!.surface)) {
      topic = true;
      j++;
    }
    const n = tokens[j];
    if (n && topic && UNNEEDED.has(n.lemma) && !isQuestionAfter(tokens, j + 1)) return 'negated';
    if (n && n.pos === '動詞' && LIGHT_VERBS.has(n.lemma)) p = j;
    else if (n && n.pos === '動詞' && (n.lemma === 'いる' || n.lemma === '要る') && topic) p = j;
  }
  let unable = POTENTIAL.has(tokens[p]!.lemma);
  for (let k = p + 1; k < tokens.length; k++) {
    const c = tokens[k]!;
    const inChain = c.pos === '助動詞'
      || (c.pos === '動詞' && (c.posDetail === '非自立' || c.posDetail === '接尾'))
      || (c.pos === '形容詞' && c.posDetail === '非自立')
      || (c.pos === '助詞' && CHAIN_PARTICLES.has(c.surface));
    if (!inChain) break;
    if (c.pos === '動詞' && POTENTIAL.has(c.lemma)) unable = true;
    if (c.pos === '助動詞' && NEGATORS.has(c.lemma)) {
      const after = tokens[k + 1];
      // 「しないと」「しなければ」「しなきゃ」 oblige rather than refuse.
      if (c.surface === 'なけれ' || c.surface === 'なきゃ' || c.surface === 'なくちゃ') return 'positive';
      if (after && after.pos === '助詞' && (after.surface === 'と' || after.surface === 'ば')) return 'positive';
      if (isQuestionAfter(tokens, k + 1)) return 'positive';
      return unable ? 'unable' : 'negated';
    }
  }
  return 'positive';
}

interface Hit { cue: Cue; token: number; textFrom: number; textTo: number }

function inside(u: Utterance, g: RegExp | undefined, from: number, to: number): boolean {
  if (!g) return false;
  g.lastIndex = 0;
  for (let m = g.exec(u.text); m; m = g.exec(u.text)) {
    if (m.index <= from && m.index + m[0].length >= to) return true;
    if (m[0].length === 0) g.lastIndex++;
  }
  return false;
}

function kanaHit(u: Utterance, cue: Cue): Hit | undefined {
  for (const k of cue.kana!) {
    for (let at = u.kana.indexOf(k); at >= 0; at = u.kana.indexOf(k, at + 1)) {
      if (SMALL_KANA.test(u.kana.charAt(at + k.length))) continue;
      const first = tokenAt(u.kanaStart, at);
      // Start on a token boundary, or inside a chunk IPADIC could not read (ょうばんごうをわすれた).
      if (u.kanaStart[first] !== at && u.tokens[first]!.reading !== undefined) continue;
      const last = tokenAt(u.kanaStart, at + k.length - 1);
      return { cue, token: last, textFrom: u.textStart[first]!, textTo: u.textStart[last]! + u.tokens[last]!.surface.length };
    }
  }
  return undefined;
}

function collectHits(u: Utterance): Hit[] {
  const hits: Hit[] = [];
  u.tokens.forEach((t, i) => {
    const from = u.textStart[i]!;
    const seen = new Set<Cue>();
    for (const key of [t.lemma, t.surface]) {
      for (const cue of BY_LEMMA.get(key) ?? []) {
        if (seen.has(cue)) continue;
        seen.add(cue);
        hits.push({ cue, token: i, textFrom: from, textTo: from + t.surface.length });
      }
    }
  });
  for (const cue of TEXT_CUES) {
    const m = cue.text!.exec(u.text);
    if (m) {
      const end = m.index + Math.max(m[0].length, 1) - 1;
      hits.push({ cue, token: tokenAt(u.textStart, end), textFrom: m.index, textTo: m.index + m[0].length });
    }
  }
  for (const cue of KANA_CUES) {
    const hit = kanaHit(u, cue);
    if (hit) hits.push(hit);
  }
  return hits.filter((h) => !inside(u, UNLESS.get(h.cue), h.textFrom, h.textTo));
}

export function gatherEvidence(u: Utterance): Evidence {
  const scores = new Map<Intent, number>();
  const counted = new Set<Cue>();
  let negatedRequest = false;
  for (const h of collectHits(u)) {
    if (counted.has(h.cue)) continue;
    const polarity = polarityAt(u.tokens, h.token);
    if (h.cue.whenNegated) {
      if (polarity === 'positive') continue;
    } else if (polarity === 'negated' && !h.cue.fixed) {
      // A negated request is a refusal; a negated yes is a no.
      if (h.cue.intent !== 'no' && h.cue.weight >= 0.5) negatedRequest = true;
      continue;
    }
    counted.add(h.cue);
    scores.set(h.cue.intent, (scores.get(h.cue.intent) ?? 0) + h.cue.weight);
  }
  const dateLike = DATE_LIKE.test(u.text);
  if (dateLike) scores.set('book', (scores.get('book') ?? 0) + 0.5);
  return { scores, negatedRequest, dateLike };
}
