// Japanese morphological analysis (kuromoji + IPADIC) shared by every request.
// The dictionary costs ~0.3–0.7 s and ~110 MB to load (kuromoji-dictionary.ts), so it is loaded
// once per process.
import { createRequire } from 'node:module';
import path from 'node:path';
import kuromoji from 'kuromoji';
import { cleanText } from '../input-cleaning.js';
import { loadLeanTokenizer } from './kuromoji-dictionary.js';

/** One morpheme. */
export interface Token {
  surface: string;
  /** Dictionary form (basic_form); the surface when IPADIC has none. */
  lemma: string;
  /** Part of speech, e.g. 名詞, 動詞, 助動詞. */
  pos: string;
  /** First POS subdivision, e.g. 自立, 非自立, 数. */
  posDetail: string;
  /** Katakana reading; undefined for unknown words (digits, latin, rare kanji). */
  reading: string | undefined;
}

export interface JapaneseTokenizer {
  tokenize(text: string): Token[];
}

let loading: Promise<JapaneseTokenizer> | undefined;
let ready = false;

function dictionaryPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');
}

function wrap(inner: kuromoji.Tokenizer<kuromoji.IpadicFeatures>): JapaneseTokenizer {
  // Never throws, whatever it is given: kuromoji fails on a lone surrogate half (and a failed
  // analysis would end the citizen's turn), so such characters are taken out first, and any
  // other failure reads as no words at all (the dialog then asks again).
  const analyse = (text: string) => {
    try {
      return inner.tokenize(cleanText(text));
    } catch {
      return [];
    }
  };
  return {
    tokenize(text: string): Token[] {
      return analyse(String(text ?? '')).map((t) => ({
        surface: t.surface_form,
        lemma: t.basic_form && t.basic_form !== '*' ? t.basic_form : t.surface_form,
        pos: t.pos,
        posDetail: t.pos_detail_1,
        reading: t.reading && t.reading !== '*' ? t.reading : undefined,
      }));
    },
  };
}

/** The process-wide tokenizer; every call returns the same promise. */
export function loadTokenizer(): Promise<JapaneseTokenizer> {
  if (!loading) {
    loading = new Promise<JapaneseTokenizer>((resolve, reject) => {
      // Lean first (kuromoji-dictionary.ts: ~110 MB resident instead of ~320 MB); kuromoji’s own loader
      // if that cannot read the files.
      loadLeanTokenizer(dictionaryPath()).then(
        (inner) => ((ready = true), resolve(wrap(inner))),
        () =>
          kuromoji.builder({ dicPath: dictionaryPath() }).build((err, inner) => {
            if (err) {
              reject(err);
              return;
            }
            ready = true;
            resolve(wrap(inner));
          }),
      );
    });
    // A failed load may be retried by a later call rather than poisoning the process.
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}

/** True once the dictionary has been built. */
export function isTokenizerReady(): boolean {
  return ready;
}
