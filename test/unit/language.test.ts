// Which language a typed line is in: a Japanese citizen's 「OK」 keeps the conversation Japanese.
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../bot/understanding/answers/language.js';

describe('detectLanguage', () => {
  it.each([
    ['OK', 'ja', 'ja'],
    ['ok', 'ja', 'ja'],
    ['OK', 'en', 'en'],
    ['NG', 'ja', 'ja'],
    ['OKです', 'en', 'ja'],
    ['gmailです', 'ja', 'ja'],
    ['08077885566', 'en', 'en'],
    ['yuki.n@example.com', 'ja', 'ja'],
    ['Do you speak English?', 'ja', 'en'],
    ['ok thanks', 'ja', 'en'],
    ['Yes', 'ja', 'en'],
  ] as const)('%s (conversation in %s) is read as %s', (line, conversation, expected) => {
    expect(detectLanguage(line, conversation)).toBe(expected);
  });
});
