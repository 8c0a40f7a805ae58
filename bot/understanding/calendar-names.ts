// Days known by name: national holidays (祝日, from @holiday-jp/holiday_jp's table, so moved
// and one-off dates such as 2020–2021's 海の日 are right) and days everyone knows by their
// fixed rule (大晦日 12/31, 母の日 the 2nd Sunday of May …). Also the weekday-of-month rule
// (第2土曜日) both of them and the dates reader use. Pure and by civil date.
import holidayJp from '@holiday-jp/holiday_jp';
import { isBusinessDay } from '../../domain/calendar.js';
import { addDays, civil, daysInMonth, weekday, type CivilDate } from '../../domain/civil.js';

/**
 * Day `day` of the month; or the `nth` (1–5, -1 = last) weekday `dow` (0 = Sunday) of it; or the
 * first business day from that day on (`step` 1) or the last one up to it (`step` -1).
 */
type Rule = { month: number; day: number; step?: 1 | -1 } | { month: number; nth: number; dow: number };

/** The `nth` (1–5; -1 = the last) weekday `dow` of a month, or undefined (no 5th Monday). */
export function nthWeekday(year: number, month: number, nth: number, dow: number): CivilDate | undefined {
  const last = daysInMonth(year, month);
  if (nth < 0) {
    const lastDow = weekday(civil(year, month, last));
    return civil(year, month, last - ((lastDow - dow + 7) % 7));
  }
  const firstDow = weekday(civil(year, month, 1));
  const day = 1 + ((dow - firstDow + 7) % 7) + 7 * (nth - 1);
  return day <= last ? civil(year, month, day) : undefined;
}

// Legal holidays by the name the table gives; the spellings people use map to these.
const HOLIDAY_SPELLINGS: Record<string, string[]> = {
  元日: ['元日', '元旦', 'お正月', '正月', 'がんじつ', 'がんたん', 'おしょうがつ'],
  成人の日: ['成人の日', 'せいじんのひ'],
  建国記念の日: ['建国記念の日', '建国記念日'],
  天皇誕生日: ['天皇誕生日'],
  春分の日: ['春分の日', 'しゅんぶんのひ'],
  昭和の日: ['昭和の日'],
  憲法記念日: ['憲法記念日'],
  みどりの日: ['みどりの日', '緑の日'],
  こどもの日: ['こどもの日', '子供の日', '子どもの日', 'こどものひ', '端午の節句'],
  海の日: ['海の日', 'うみのひ'],
  山の日: ['山の日', 'やまのひ'],
  敬老の日: ['敬老の日', 'けいろうのひ'],
  秋分の日: ['秋分の日', 'しゅうぶんのひ'],
  スポーツの日: ['スポーツの日', '体育の日'],
  文化の日: ['文化の日', 'ぶんかのひ'],
  勤労感謝の日: ['勤労感謝の日'],
};

// Days that are not holidays (or not only), by their rule.
const OBSERVANCES: [string[], Rule][] = [
  [['大晦日', '大みそか', 'おおみそか'], { month: 12, day: 31 }],
  [['クリスマスイブ', 'クリスマスイヴ', 'クリスマス・イブ'], { month: 12, day: 24 }],
  [['クリスマス'], { month: 12, day: 25 }],
  [['ひな祭り', 'ひなまつり', '雛祭り', '桃の節句'], { month: 3, day: 3 }],
  [['七夕', 'たなばた'], { month: 7, day: 7 }],
  [['バレンタインデー', 'バレンタイン'], { month: 2, day: 14 }],
  [['ホワイトデー'], { month: 3, day: 14 }],
  [['エイプリルフール'], { month: 4, day: 1 }],
  [['メーデー'], { month: 5, day: 1 }],
  [['ハロウィン', 'ハロウィーン'], { month: 10, day: 31 }],
  [['母の日', 'ははのひ'], { month: 5, nth: 2, dow: 0 }],
  // Public offices close 12/29–1/3: 「年明けすぐ」 is the first day they open again.
  [['年明け', '正月明け', 'お正月明け', '仕事始め', '御用始め', '松の内明け'], { month: 1, day: 4, step: 1 }],
  [['仕事納め', '御用納め'], { month: 12, day: 28, step: -1 }],
  [['父の日', 'ちちのひ'], { month: 6, nth: 3, dow: 0 }],
];

// name → dates in the table, ascending. 「体育の日（スポーツの日）」 counts as both.
const HOLIDAY_DATES = new Map<string, CivilDate[]>();
for (const [date, { name }] of Object.entries(holidayJp.holidays as Record<string, { name: string }>).sort(([a], [b]) => a.localeCompare(b))) {
  for (const part of name.split(/[（）()]/).filter(Boolean)) {
    const key = part === '体育の日' ? 'スポーツの日' : part;
    if (key in HOLIDAY_SPELLINGS) HOLIDAY_DATES.set(key, [...(HOLIDAY_DATES.get(key) ?? []), date]);
  }
}

const CANONICAL = new Map<string, string | Rule>();
for (const [name, spellings] of Object.entries(HOLIDAY_SPELLINGS)) for (const s of spellings) CANONICAL.set(s, name);
for (const [spellings, rule] of OBSERVANCES) for (const s of spellings) CANONICAL.set(s, rule);

/** Every spelling of a named day, longest first (for a regular expression). */
export const DAY_NAME_PATTERN = [...CANONICAL.keys()].sort((a, b) => b.length - a.length).join('|');

/** The date of a named day in a year; 元日 and the fixed-rule days in any year. */
export function namedDayIn(spelling: string, year: number): CivilDate | undefined {
  const entry = CANONICAL.get(spelling);
  if (entry === undefined) return undefined;
  if (typeof entry === 'string') {
    const inTable = HOLIDAY_DATES.get(entry)?.find((d) => d.startsWith(`${year}-`));
    return inTable ?? (entry === '元日' ? civil(year, 1, 1) : undefined);
  }
  if (!('day' in entry)) return nthWeekday(year, entry.month, entry.nth, entry.dow);
  let date = civil(year, entry.month, entry.day);
  if (entry.step) while (!isBusinessDay(date)) date = addDays(date, entry.step);
  return date;
}

/** 年明け and the like: a rough time of year, which a precise date said with it narrows. */
export function isRoughDayName(spelling: string): boolean {
  const entry = CANONICAL.get(spelling);
  return typeof entry === 'object' && 'step' in entry && entry.step !== undefined;
}

/** The next such day on or after `today`. */
export function nextNamedDay(spelling: string, today: CivilDate): CivilDate | undefined {
  const year = Number(today.slice(0, 4));
  for (const y of [year, year + 1]) {
    const d = namedDayIn(spelling, y);
    if (d && d >= today) return d;
  }
  return undefined;
}

// Traditional month names (睦月 … 師走), read as months before a day: 師走10日 = 12月10日.
export const TRADITIONAL_MONTHS: Record<string, number> = {
  睦月: 1, 如月: 2, 弥生: 3, 卯月: 4, 皐月: 5, 水無月: 6, 文月: 7, 葉月: 8, 長月: 9, 神無月: 10, 霜月: 11, 師走: 12,
};
