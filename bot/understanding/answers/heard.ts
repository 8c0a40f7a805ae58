// One line as the answer readers see it: the normalised text, its katakana reading (the same
// for 届いてます and とどいてます), its clauses and whether the last one asks something, and the
// dates, times and intent the single-utterance understanding finds in it (computed on demand).
import { tokyoParts, type CivilDate } from '../../../domain/civil.js';
import { readDateTime, type DateTimeReading } from '../datetime.js';
import { analyse } from '../intent-signals.js';
import { recognizeIntent, type IntentResult } from '../intents.js';
import { normalize } from '../normalize.js';
import type { JapaneseTokenizer } from '../tokenizer.js';
import { spokenWords } from './kana-words.js';
import { detectLanguage } from './language.js';
import type { AnswerChannel, Lang } from './types.js';

export interface Clause {
  text: string;
  question: boolean;
}

// A clause ends at a sentence mark or a comma; in Japanese also at a pause (a space from
// speech-to-text).
const SENTENCE_END_JA = /[。．!！?？\n…、，]+|\s+|(?<=[^\d])[.,](?=\s|$)/;
const SENTENCE_END_EN = /(?<=[.!?])\s+|\n+/;
// Words that only end a sentence (particles, です/ます and their questions).
const ENDS_A_SENTENCE = /^(?:か|かな|かね|ね|よ|の|よね|でしょう|でしょうか|です|ですか|ですかね|ます|ますか|ません|ませんか|いい|いいですか|いいの|だ|だよ|だね|ください|けど|ですけど|が)$/;
// 「…ですか」「…ますか」「…でしょうか」「…っけ」「…よね」「…いいの」: the clause asks.
const QUESTION_JA = /(?:[すたいるくうつぬむぶ]か|でしょう|でしょ|っけ|よね|かしら|(?:ばいい|いいん|る|た|ない)の|んですが|んですけど|んだけど|んですけれど)ね?$/;
const QUESTION_EN = /^(?:do|does|did|can|could|would|will|is|are|am|may|should|what|where|when|how|which|who|why)\b/i;

/**
 * An answer longer than this is cut: answers are short, and the morphological analysis of a long
 * unbroken run grows faster than its length (2,000 characters of digits took over a second).
 */
export const MAX_ANSWER_CHARS = 400;

export class Heard {
  readonly raw: string;
  readonly lang: Lang;
  readonly today: CivilDate;
  private memo: { text?: string; kana?: string; rawKana?: string; spaced?: string; clauses?: Clause[]; when?: DateTimeReading; intent?: IntentResult } = {};

  constructor(
    text: string,
    readonly now: Date,
    readonly channel: AnswerChannel,
    private readonly tokenizer: JapaneseTokenizer,
    /** The conversation's language: a line without words (digits, an address) is read in it. */
    private readonly conversationLang: Lang = 'ja',
  ) {
    this.raw = text.slice(0, MAX_ANSWER_CHARS).normalize('NFKC').trim();
    this.lang = channel === 'typed' ? detectLanguage(this.raw, conversationLang) : 'ja';
    this.today = tokyoParts(now).date;
  }

  /** Some of this line (a clause), read the same way. */
  part(text: string): Heard {
    return new Heard(text, this.now, this.channel, this.tokenizer, this.conversationLang);
  }

  get blank(): boolean {
    return this.raw.replace(/[\s\p{P}\p{S}]/gu, '') === '';
  }

  /** Normalised (normalize.ts) after the spoken words it does not know; lower-case English. */
  get text(): string {
    return (this.memo.text ??= this.lang === 'en' ? this.raw.toLowerCase().replace(/\s+/g, ' ') : normalize(spokenWords(this.raw)));
  }

  /** The katakana reading of the whole line without fillers, punctuation or spaces. */
  get kana(): string {
    return (this.memo.kana ??= this.lang === 'en' ? '' : analyse(this.text, this.tokenizer).kana);
  }

  /**
   * The katakana reading of the line as said, without normalize.ts's rewriting of date and
   * number words (a name: いちのせ stays イチノセ, not 1のせ); fillers and spaces out.
   */
  get rawKana(): string {
    return (this.memo.rawKana ??= this.lang === 'en' ? '' : analyse(this.raw, this.tokenizer).kana);
  }

  /** The katakana reading clause by clause, a space between (a verb never reaches across). */
  get kanaSpaced(): string {
    if (this.memo.spaced !== undefined) return this.memo.spaced;
    const clauses = this.clauses;
    this.memo.spaced = clauses.length <= 1 ? this.kana : clauses.map((c) => analyse(normalize(spokenWords(c.text)), this.tokenizer).kana).join(' ');
    return this.memo.spaced;
  }

  get clauses(): Clause[] {
    if (this.memo.clauses) return this.memo.clauses;
    const out: (Clause & { pause?: boolean })[] = [];
    const splitter = this.lang === 'en' ? SENTENCE_END_EN : SENTENCE_END_JA;
    let rest = this.raw;
    while (rest) {
      const m = splitter.exec(rest);
      const piece = (m ? rest.slice(0, m.index) : rest).trim();
      const mark = m?.[0] ?? '';
      rest = m ? rest.slice(m.index + Math.max(m[0].length, 1)) : '';
      if (!piece) continue;
      // Speech-to-text spaces words apart (「ほけんしょう で いい です か」): a word that only ends
      // a sentence belongs to the clause before it, not a clause of its own.
      const previous = out.at(-1);
      const text = previous && previous.pause && this.lang !== 'en' && ENDS_A_SENTENCE.test(piece) ? `${previous.text}${piece}` : piece;
      if (text !== piece) out.pop();
      const bare = text.replace(/[\s~〜ー]+$/, '');
      // English keeps its question mark on the clause (the splitter looks behind it).
      const question = /[?？]/.test(mark) || /[?？]$/.test(bare) || (this.lang === 'en' ? QUESTION_EN.test(bare) : QUESTION_JA.test(bare));
      out.push({ text, question, pause: /^\s+$/.test(mark) });
    }
    return (this.memo.clauses = out.map(({ text, question }) => ({ text, question })));
  }

  /** The line ends by asking something (a side question rather than an answer). */
  get asks(): boolean {
    return this.clauses.at(-1)?.question ?? false;
  }

  get when(): DateTimeReading {
    return (this.memo.when ??= readDateTime(this.text, this.now));
  }

  get intent(): IntentResult {
    return (this.memo.intent ??= recognizeIntent(this.text, this.tokenizer));
  }
}
