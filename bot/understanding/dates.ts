// Every date said in a normalised utterance (see normalize.ts), resolved relative to today in
// Asia/Tokyo under the rules of CONVENTIONS.md. Which one is meant, and whether it is a
// birthday, is datetime.ts's business.
import { addDays, addMonths, civil, daysInMonth, isCivilDate, parts, weekday, type CivilDate } from '../../domain/civil.js';
import { DAY_NAME_PATTERN, isRoughDayName, namedDayIn, nextNamedDay, nthWeekday } from './calendar-names.js';

export interface DateMention {
  start: number;
  end: number;
  value: CivilDate;
  /** Written with a year number (birth dates are). */
  year?: number;
  /** A weekday said alone: only a note when it follows a date (「12月3日 木曜日」). */
  weekdayOnly?: boolean;
  /** 年明け: a rough time that a more precise date in the same sentence narrows (年明けの1月7日). */
  rough?: boolean;
}

const WEEKDAY_INDEX: Record<string, number> = { 日: 0, 月: 1, 火: 2, 水: 3, 木: 4, 金: 5, 土: 6 };
const ERA_BASE: Record<string, number> = { 令和: 2018, r: 2018, 平成: 1988, h: 1988, 昭和: 1925, s: 1925 };
const RELATIVE_YEAR: Record<string, number> = { 今年: 0, 本年: 0, 来年: 1, 翌年: 1, 再来年: 2, 去年: -1, 昨年: -1 };
const RELATIVE_MONTH: Record<string, number> = { 今月: 0, 来月: 1, 翌月: 1, 次の月: 1, 再来月: 2 };

// A year before a month, a named day or a weekday of a month: 2027年の, 令和9年, 来年の.
const YEAR = String.raw`(?:(?<y4>\d{4})\s?年|(?<era>令和|平成|昭和)\s?(?<eraN>\d{1,2}|元)\s?年|(?<rel>今年|本年|来年|翌年|再来年|去年|昨年))\s?の?\s?`;
const MONTH_WORD = String.raw`今月|来月|翌月|次の月(?!曜)|再来月`;
const RELATIVE_YEAR_DATE = /(?<rel>今年|本年|来年|翌年|再来年|去年|昨年)\s?の?\s?(\d{1,2})月\s?の?\s?(\d{1,2})日/g;
const NAMED_DAY = new RegExp(`(?:${YEAR})?(${DAY_NAME_PATTERN})`, 'g');
const NTH_WEEKDAY = new RegExp(
  String.raw`(?:${YEAR})?(?:(?<mo>\d{1,2})月|(?<mw>${MONTH_WORD}))?\s?の?\s?(?:第\s?(?<n>[1-5])|(?<first>最初)|(?<last>最後|最終))\s?の?\s?(?<wd>[月火水木金土日])曜日?`,
  'g',
);
const MONTH_WORD_DAY = new RegExp(String.raw`(${MONTH_WORD})\s?の?\s?(\d{1,2})日`, 'g');

export function findDates(t: string, today: CivilDate): DateMention[] {
  const found: DateMention[] = [];
  const taken: [number, number][] = [];
  const add = (re: RegExp, resolve: (m: RegExpExecArray) => CivilDate | undefined, mark: (m: RegExpExecArray) => Partial<DateMention> = () => ({})) => {
    for (const m of t.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      const value = resolve(m as RegExpExecArray);
      taken.push([start, end]);
      if (value && isCivilDate(value)) found.push({ start, end, value, ...mark(m as RegExpExecArray) });
    }
  };
  const { year, month } = parts(today);
  const dow = weekday(today);
  const exact = (y: number, mo: number, d: number) => (mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) ? civil(y, mo, d) : undefined);
  const monthStart = (offset: number) => parts(addMonths(civil(year, month, 1), offset));
  /** The year a match's YEAR group names, if any. */
  const yearOf = (g: Record<string, string | undefined> | undefined): number | undefined => {
    if (g?.y4) return Number(g.y4);
    if (g?.era) return ERA_BASE[g.era]! + (g.eraN === '元' ? 1 : Number(g.eraN));
    if (g?.rel) return year + RELATIVE_YEAR[g.rel]!;
    return undefined;
  };
  const withYearNumber = (m: RegExpExecArray) => (m.groups?.y4 || m.groups?.era ? { year: yearOf(m.groups) } : {});

  // 12月3日 said without a year: the next such date on or after today.
  const monthDay = (mo: number, d: number) => {
    const thisYear = exact(year, mo, d);
    if (thisYear && thisYear >= today) return thisYear;
    return exact(year + 1, mo, d) ?? (mo === 2 && d === 29 ? exact(year + 4 - (year % 4), mo, d) : undefined);
  };
  const yearMark = (y: number) => ({ year: y });
  const nextWeekday = (target: number) => addDays(today, (target - dow + 7) % 7 || 7);

  // Full dates with a year number: 令和8年12月3日, R8.12.3, 2026年の12月3日, 2026/12/3.
  add(/(令和|平成|昭和|(?<![a-z])[rhs])\s?(\d{1,2}|元)\s?(?:年\s?の?|[.\/-])\s?(\d{1,2})\s?[月.\/-]\s?(\d{1,2})日?/g, (m) =>
    exact(ERA_BASE[m[1]!]! + (m[2] === '元' ? 1 : Number(m[2])), Number(m[3]), Number(m[4])), (m) => yearMark(ERA_BASE[m[1]!]! + (m[2] === '元' ? 1 : Number(m[2]))));
  add(/(?<!\d)(\d{4})\s?(?:年\s?の?|[.\/-])\s?(\d{1,2})\s?[月.\/-]\s?(\d{1,2})日?/g, (m) => exact(Number(m[1]), Number(m[2]), Number(m[3])), (m) => yearMark(Number(m[1])));
  // 来年の3月1日, 本年7月27日: that year, even when the day has passed.
  add(RELATIVE_YEAR_DATE, (m) => exact(yearOf(m.groups)!, Number(m[2]), Number(m[3])));
  // Named days (元日, 成人の日, 大晦日 …): the next one, or the one in the year said.
  add(NAMED_DAY, (m) => {
    const y = yearOf(m.groups);
    return y === undefined ? nextNamedDay(m.at(-1)!, today) : namedDayIn(m.at(-1)!, y);
  }, (m) => ({ ...withYearNumber(m), ...(isRoughDayName(m.at(-1)!) ? { rough: true } : {}) }));
  // The nth weekday of a month: 1月の第2土曜日, 来月の最初の金曜日, 第2土曜 (this month's or next).
  add(
    NTH_WEEKDAY,
    (m) => {
      const g = m.groups!;
      const target = WEEKDAY_INDEX[g.wd!]!;
      if (!g.mo && !g.mw && g.first) return nextWeekday(target); // 「最初の金曜」: the next Friday
      const nth = g.n ? Number(g.n) : g.first ? 1 : -1;
      const y = yearOf(g);
      if (g.mo) {
        const mo = Number(g.mo);
        if (y !== undefined) return nthWeekday(y, mo, nth, target);
        const thisYear = nthWeekday(year, mo, nth, target);
        return thisYear && thisYear >= today ? thisYear : nthWeekday(year + 1, mo, nth, target);
      }
      if (g.mw) {
        const p = monthStart(RELATIVE_MONTH[g.mw]!);
        return nthWeekday(p.year, p.month, nth, target);
      }
      for (let i = 0; i < 3; i++) {
        const p = monthStart(i);
        const d = nthWeekday(p.year, p.month, nth, target);
        if (d && d >= today) return d;
      }
      return undefined;
    },
    withYearNumber,
  );
  // 来月20日, 次の月の20日, 2か月後の7日.
  add(MONTH_WORD_DAY, (m) => {
    const p = monthStart(RELATIVE_MONTH[m[1]!]!);
    return exact(p.year, p.month, Number(m[2]));
  });
  add(/(\d{1,2})\s?[かヶカケ箇]月後\s?の\s?(\d{1,2})日/g, (m) => {
    const p = monthStart(Number(m[1]));
    return exact(p.year, p.month, Number(m[2]));
  });
  add(/(今月|来月)?\s?の?\s?(?:月末|(?<=月)末)/g, (m) => {
    const p = monthStart(m[1] === '来月' ? 1 : 0);
    return civil(p.year, p.month, daysInMonth(p.year, p.month));
  });
  add(/(?<![\d.\/])(\d{1,2})月\s?の?\s?(\d{1,2})(?:日|(?![\d時分:]))/g, (m) => monthDay(Number(m[1]), Number(m[2])));
  add(/(?<![\d.\/:])(\d{1,2})\/(\d{1,2})(?![\d\/:])/g, (m) => monthDay(Number(m[1]), Number(m[2])));
  // 4.22 and 4-22 as month and day, unless a unit says they count something (1-2人, 1.5倍, 10-11時).
  add(/(?<![\d.\/:-])(\d{1,2})[.-](\d{1,2})(?![\d.\/:-]|\s?(?:時|分|秒|日|月|年|週|人|名|枠|倍|%|円|歳|才|か|ヶ|件|回|つ|個|番|号|点|度|kg|cm|m))/g, (m) =>
    monthDay(Number(m[1]), Number(m[2])));
  // 今日から2日後: counted from the day said.
  add(/(今日|本日|明日|今)\s?から\s?(\d{1,3})日後/g, (m) => addDays(today, (m[1] === '明日' ? 1 : 0) + Number(m[2])));
  add(/明々後日|明後日|明日|今日|本日|今夜|今晩(?!は(?:\s|$))|今夕|今朝/g, (m) => addDays(today, { 明々後日: 3, 明後日: 2, 明日: 1 }[m[0]] ?? 0));
  add(/(\d{1,3})日後/g, (m) => addDays(today, Number(m[1])));
  add(/(\d{1,2})週間?後/g, (m) => addDays(today, 7 * Number(m[1])));
  add(/(\d{1,2})[かヶカケ箇]月後/g, (m) => addMonths(today, Number(m[1])));
  // 2つ先の日曜日, 次の次の土曜: the next such day and so many weeks on.
  add(/(?:(\d)\s?(?:個|つ)先|次の次)\s?の\s?([月火水木金土日])曜日?/g, (m) => addDays(nextWeekday(WEEKDAY_INDEX[m[2]!]!), 7 * ((m[1] ? Number(m[1]) : 2) - 1)));
  const mondayThisWeek = addDays(today, -((dow + 6) % 7));
  add(/(今週|来週|翌週|再来週|次の?|今度の?)\s?の?\s?([月火水木金土日])(?:曜日|曜)?/g, (m) => {
    const target = WEEKDAY_INDEX[m[2]!]!;
    const week = { 今週: 0, 来週: 7, 翌週: 7, 再来週: 14 }[m[1]!];
    return week === undefined ? nextWeekday(target) : addDays(mondayThisWeek, week + ((target + 6) % 7));
  });
  // A weekday alone: 水曜, (木), or a one-word answer 「土で」「火は」.
  add(/([月火水木金土日])曜日?|\(([月火水木金土日])\)|(?<=^|\s)([月火水木金土])(?=の\s?(?:\d|午|朝|夕))|^([月火水木金土])\s?(?:に|は|で|が|なら|でも|の日)?$/g,
    (m) => nextWeekday(WEEKDAY_INDEX[(m[1] ?? m[2] ?? m[3] ?? m[4])!]!), () => ({ weekdayOnly: true }));
  add(/(?<![\d月\/.])(\d{1,2})日(?![後間前中\d])/g, (m) => {
    const d = Number(m[1]);
    for (let i = 0; i < 3; i++) {
      const p = monthStart(i);
      const date = exact(p.year, p.month, d);
      if (date && date >= today) return date;
    }
    return undefined;
  });
  found.sort((a, b) => a.start - b.start);
  // 「2009年10月12日 月曜日」: the weekday right after a date only describes it.
  const dated = found.filter((d, i) => !(d.weekdayOnly && i > 0 && /^[\s、,の]*$/.test(t.slice(found[i - 1]!.end, d.start))));
  return dated.some((d) => !d.rough) ? dated.filter((d) => !d.rough) : dated;
}
