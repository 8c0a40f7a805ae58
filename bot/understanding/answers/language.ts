// Which language a line is written in. English is read only on web and LINE (typed); a line of
// digits or an e-mail address alone says nothing and is read in the conversation's language.
import type { Lang } from './types.js';

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/gu;
const ADDRESS = /[\w.+-]+\s?(?:@|\(at\)|\[at\])\s?[\w.-]+/gi;
// Latin words a Japanese line borrows (「OKです」「gmailです」 stay Japanese).
const LATIN_WORD = /[a-z]{2,}/gi;
// Words Japanese users type on their own as well (「OK」 to a read-back): the conversation's language.
const BORROWED_ALONE = /^(?:ok|okay|ng)$/i;

export function detectLanguage(text: string, neutral: Lang = 'ja'): Lang {
  const t = text.normalize('NFKC').replace(ADDRESS, ' ');
  const japanese = t.match(JAPANESE)?.length ?? 0;
  const latin = t.match(LATIN_WORD) ?? [];
  if (latin.length === 0) return japanese > 0 ? 'ja' : neutral;
  if (japanese === 0) return latin.every((w) => BORROWED_ALONE.test(w)) ? neutral : 'en';
  // A mixed line is English only when the English carries it (a name or a word borrowed is not).
  return latin.length >= 3 && japanese <= 2 ? 'en' : 'ja';
}
