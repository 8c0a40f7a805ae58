// When a Japanese line says, in the shapes an answer needs: a date (with a time or period), a
// weekday without its week (「土曜日に行きたい」), a month without a day (「1月中」), a year alone,
// 「できるだけ早い日」, or a week without its day (「来週のどこか」) that a clerk would ask about.
// Dates and times are the single-utterance reader's (datetime.ts); this adds what only an answer has.
import { addMonths, civil, daysInMonth, parts, type CivilDate, type ClockTime } from '../../../domain/civil.js';
import { findDates } from '../dates.js';
import type { Heard } from './heard.js';
import { WEEKDAY_NAMES, type TimeRange, type Weekday } from './types.js';

export interface WhenSaid {
  date?: CivilDate;
  time?: ClockTime;
  range?: TimeRange;
  /** A weekday said without which week. */
  weekday?: Weekday;
  /** `YYYY-MM`: a month said without a day. */
  month?: string;
  /** A year said alone (「2035年まで」). */
  year?: number;
  earliest?: boolean;
  /** A week or a part of a month without the day (「来週のどこか」「1月の2週目」). */
  vague?: boolean;
  /** The date was said with a year number. */
  withYear?: boolean;
}

const WEEKDAY_INDEX: Record<string, number> = { 日: 0, 月: 1, 火: 2, 水: 3, 木: 4, 金: 5, 土: 6 };
const ERA_BASE: Record<string, number> = { 令和: 2018, 平成: 1988, 昭和: 1925 };
const RELATIVE_YEAR: Record<string, number> = { 今年: 0, 本年: 0, 来年: 1, 翌年: 1, 再来年: 2, 去年: -1, 昨年: -1 };
const RELATIVE_MONTH: Record<string, number> = { 先月: -1, 今月: 0, 来月: 1, 翌月: 1, 再来月: 2 };

const YEAR = String.raw`(?:(?<y4>\d{4})\s?年|(?<era>令和|平成|昭和)\s?(?<eraN>\d{1,2}|元)\s?年|(?<rel>今年|本年|来年|翌年|再来年|去年|昨年))`;
// A month with no day after it: 1月, 来年の2月, 令和9年2月 (not 1月5日, 1月の第2土曜日).
const MONTH = new RegExp(String.raw`(?:${YEAR}\s?の?\s?)?(?<m>\d{1,2})\s?月(?!\s?の?\s?(?:\d{1,2}\s?日|第|最初|最後|\d{1,2}\s?週))`);
const MONTH_WORD = /(?<w>先月|今月|来月|翌月|再来月)(?!\s?の?\s?(?:\d{1,2}\s?日|第|最初|最後|末))/;
const YEAR_ALONE = new RegExp(String.raw`${YEAR}(?!\s?の?\s?\d{1,2}\s?月)`);
const MONTH_END = /(?<![\d.\/])(\d{1,2})\s?月\s?の?\s?末/;
const EARLIEST = /(?:できるだけ|出来るだけ|なるべく|一番|いちばん|最も|もっとも)\s?(?:早|はや)|最短|早ければ|はやければ|(?:いつ|何時|なんじ|何日|なんにち|何曜|いつ頃)でも(?!な)|どこでも(?:いい|良い|よい|大丈夫|構わ|かまわ|ok|結構)|直近|早め|はやめ|(?:一番|いちばん)\s?(?:近|ちか)い|早い(?:日|ほう|方|うち|時間)|はやい(?:ひ|ほう|じかん)|空いてる(?:日|ところ|とこ)(?:で|なら)/;
const VAGUE = /(?:来週|今週|再来週|翌週)(?!\s?の?\s?[月火水木金土日])|\d\s?週目|第\d\s?週(?!\s?の?\s?[月火水木金土日]曜)|週明け|月初|上旬|中旬|下旬/;
const YEAR_END = /年内|今年中|年末まで/;
// 「明日以外ならいつでも」: the date said is the one not wanted.
const EXCLUDED = /以外|いがい|を除いて|はだめ|はダメ|は無理|はむり|は避け|はさけ|じゃなければ|でなければ/;

export function readWhen(h: Heard): WhenSaid {
  const t = h.text;
  const said: WhenSaid = {};
  const w = h.when;
  if (w.time) said.time = w.time;
  if (w.timeRange) said.range = w.timeRange;
  const mentions = findDates(t, h.today);
  const monthEnd = MONTH_END.exec(t);
  const numeric = numericDayMonthYear(t);
  if (monthEnd) said.date = lastDayOf(nextMonth(h.today, Number(monthEnd[1])));
  else if (numeric) {
    said.date = numeric;
    said.withYear = true;
  }
  else if (w.date) {
    said.date = w.date;
    said.withYear = mentions.some((m) => m.year !== undefined);
  }
  if (said.date && EXCLUDED.test(t)) delete said.date;
  // A weekday said alone names no week: the dialog offers that weekday's windows.
  if (said.date && mentions.length > 0 && mentions.every((m) => m.weekdayOnly)) {
    const wd = /([月火水木金土日])曜/.exec(t) ?? /^([月火水木金土])\s?(?:に|は|で|が|なら|でも|の日)?$/.exec(t);
    if (wd) {
      delete said.date;
      said.weekday = WEEKDAY_NAMES[WEEKDAY_INDEX[wd[1]!]!];
    }
  }
  if (!said.date && !said.weekday) {
    const month = readMonth(t, h.today);
    if (month) said.month = month;
    else if (YEAR_END.test(t) && parts(h.today).month === 12) said.month = h.today.slice(0, 7);
    else {
      const y = YEAR_ALONE.exec(t);
      if (y) said.year = yearOf(y.groups, h.today);
    }
    if (VAGUE.test(t) && !said.month) said.vague = true;
  }
  if (!said.date && !said.time && !said.range && !said.month && !said.weekday && EARLIEST.test(t)) said.earliest = true;
  if (said.date && VAGUE.test(t) && /\d\s?週目/.test(t)) {
    // 「1月の2週目の月曜」: which week is the 2nd depends on how one counts; a clerk asks.
    delete said.date;
    said.vague = true;
  }
  return said;
}

/** 15/02/2027 (day first) or 11/23/1985 (month first), when the numbers leave no doubt. */
function numericDayMonthYear(t: string): CivilDate | undefined {
  const m = /(?<![\d\/.-])(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4})(?![\d\/.-])/.exec(t);
  if (!m) return undefined;
  const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [month, day] = a > 12 && b <= 12 ? [b, a] : b > 12 && a <= 12 ? [a, b] : [0, 0];
  return month && day <= daysInMonth(y, month) ? civil(y, month, day) : undefined;
}

/** `YYYY-MM` of a month said without a day; a month without a year is the next such month. */
export function readMonth(t: string, today: CivilDate): string | undefined {
  const m = MONTH.exec(t);
  if (m?.groups) {
    const mo = Number(m.groups.m);
    if (mo < 1 || mo > 12) return undefined;
    const y = yearOf(m.groups, today);
    return civil(y ?? nextMonthYear(today, mo), mo, 1).slice(0, 7);
  }
  const word = MONTH_WORD.exec(t);
  if (word?.groups) return addMonths(`${today.slice(0, 7)}-01`, RELATIVE_MONTH[word.groups.w!]!).slice(0, 7);
  return undefined;
}

function yearOf(g: Record<string, string | undefined> | undefined, today: CivilDate): number | undefined {
  if (g?.y4) return Number(g.y4);
  if (g?.era) return ERA_BASE[g.era]! + (g.eraN === '元' ? 1 : Number(g.eraN));
  if (g?.rel) return parts(today).year + RELATIVE_YEAR[g.rel]!;
  return undefined;
}

function nextMonthYear(today: CivilDate, month: number): number {
  const { year, month: now } = parts(today);
  return month >= now ? year : year + 1;
}

function nextMonth(today: CivilDate, month: number): { year: number; month: number } {
  return { year: nextMonthYear(today, month), month };
}

function lastDayOf({ year, month }: { year: number; month: number }): CivilDate {
  return civil(year, month, daysInMonth(year, month));
}
