// A My Number (個人番号, 12 digits) a citizen types, says or keys in is never kept. Citizens
// write it in many ways: 123456789012, 1234 5678 9012, 1 2 3 4 …, full-width digits, kanji
// (一二三四…〇), and speech read back as kana (いち に さん よん…, ゼロ/れい/まる). What staff
// need stays: reservation numbers (8 digits), phone numbers (090-1234-5678, 11 digits) and
// birthdays (MMDD), alone or together.
export const INDIVIDUAL_NUMBER_MASK = '[個人番号は記録しません]';

type Script = 'arabic' | 'kanji' | 'kana';

const KANA_DIGITS: Record<string, string> = {
  ぜろ: '0', ゼロ: '0', れい: '0', レイ: '0', まる: '0', マル: '0',
  いち: '1', イチ: '1',
  に: '2', ニ: '2', にー: '2', ニー: '2',
  さん: '3', サン: '3',
  よん: '4', ヨン: '4', し: '4', シ: '4',
  ご: '5', ゴ: '5', ごー: '5', ゴー: '5',
  ろく: '6', ロク: '6',
  なな: '7', ナナ: '7', しち: '7', シチ: '7',
  はち: '8', ハチ: '8',
  きゅう: '9', キュウ: '9', きゅー: '9', キュー: '9', く: '9', ク: '9',
};
// Longest first, so しち is 7 rather than し (4) and a stray ち.
const KANA = Object.keys(KANA_DIGITS).sort((a, b) => b.length - a.length);
const UNIT = new RegExp(`[0-9０-９]|[〇零一二三四五六七八九]|${KANA.join('|')}`, 'y');
const NEXT_UNIT = new RegExp(UNIT.source, 'g');
// Between two groups: a little space and at most one mark (hyphens, dashes, commas, dots).
const SEPARATOR = /[ \t\u3000]{0,3}[-－‐−–—―ー,，、・.．]?[ \t\u3000]{0,3}/y;
// An id or an E.164 number (+819012345678) is not a My Number typed by a citizen.
const WORDLIKE = /[A-Za-z_+＋]/;

const scriptOf = (unit: string): Script => (/^[0-9０-９]$/.test(unit) ? 'arabic' : /^[〇零一二三四五六七八九]$/.test(unit) ? 'kanji' : 'kana');

interface Group {
  start: number;
  end: number;
  digits: number;
}

function unitAt(text: string, at: number): string | undefined {
  UNIT.lastIndex = at;
  return UNIT.exec(text)?.[0];
}

/** The groups of one run of digits in one script, from `at`; the run ends where no digit follows a separator. */
function runAt(text: string, at: number, script: Script): Group[] {
  const groups: Group[] = [];
  let pos = at;
  for (;;) {
    const group: Group = { start: pos, end: pos, digits: 0 };
    let unit: string | undefined;
    while ((unit = unitAt(text, pos)) && scriptOf(unit) === script) {
      pos += unit.length;
      group.digits++;
    }
    group.end = pos;
    groups.push(group);
    SEPARATOR.lastIndex = pos;
    const gap = SEPARATOR.exec(text)?.[0] ?? '';
    const next = gap ? unitAt(text, pos + gap.length) : undefined;
    if (!next || scriptOf(next) !== script) return groups;
    pos += gap.length;
  }
}

/** The spans of a run that are a My Number: 12 digits together, or groups of one size from the run's start (4-4-4, 6-6, 1 1 1 …). */
function spansOf(groups: Group[]): [number, number][] {
  const spans: [number, number][] = groups.filter((g) => g.digits === 12).map((g) => [g.start, g.end]);
  const size = groups[0]!.digits;
  if ([1, 2, 3, 4, 6].includes(size)) {
    let n = 0;
    while (n < groups.length && groups[n]!.digits === size) n++;
    if (n > 1 && n * size >= 12) spans.push([groups[0]!.start, groups[n - 1]!.end]);
  }
  return spans;
}

/** The text with every My Number replaced by INDIVIDUAL_NUMBER_MASK. */
export function withoutIndividualNumber(text: string): string {
  const spans: [number, number][] = [];
  let at = 0;
  while (at < text.length) {
    // The next digit of any script (one search, not a try at every character).
    NEXT_UNIT.lastIndex = at;
    const found = NEXT_UNIT.exec(text);
    if (!found) break;
    at = found.index;
    const unit = found[0];
    const script = scriptOf(unit);
    const groups = runAt(text, at, script);
    const end = groups.at(-1)!.end;
    const wordlike = script === 'arabic' && (WORDLIKE.test(text[at - 1] ?? '') || WORDLIKE.test(text[end] ?? ''));
    if (!wordlike) spans.push(...spansOf(groups));
    at = end;
  }
  if (spans.length === 0) return text;
  let out = '';
  let from = 0;
  for (const [start, end] of spans.sort((a, b) => a[0] - b[0])) {
    if (start < from) continue;
    out += text.slice(from, start) + INDIVIDUAL_NUMBER_MASK;
    from = end;
  }
  return out + text.slice(from);
}

const MAX_DEPTH = 32;

/** A copy with every string (and key) masked; Dates and numbers as they are; nothing deeper than MAX_DEPTH kept. */
export function maskedDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return withoutIndividualNumber(value);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (depth >= MAX_DEPTH) return undefined;
  if (Array.isArray(value)) return value.map((v) => maskedDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutIndividualNumber(k), maskedDeep(v, depth + 1)]));
}
