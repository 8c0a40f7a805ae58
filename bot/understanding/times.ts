// The time or period said in a normalised utterance (see normalize.ts), under the rules of
// CONVENTIONS.md: one clock time, or a period, never both.
import type { ClockTime } from '../../domain/civil.js';

export type TimeRange = [ClockTime, ClockTime];

interface TimeMention {
  start: number;
  end: number;
  /** Minutes since midnight. */
  value: number;
  /** An hour said with no day-part word (read by the office-hours rule). */
  bare?: boolean;
}

const OPEN = '09:00';
const CLOSE = '17:00';
/** A reservation window's length (R10). */
const WINDOW_MINUTES = 30;
const CORRECTION = /じゃなく|ではなく|やっぱり|やっぱ|いや|訂正|間違/;

// Words that fix which half of the day an hour is in (今夜 holds 夜, 今朝 holds 朝).
const DAY_PART = String.raw`午前|午後|am|pm|深夜|夜中|未明|明け方|早朝|朝|夕方|夕|夜|晩|昼`;
// 今夜は7時に: a day-part said earlier in the sentence, when none stands by the hour.
const DAY_PART_WORD = /今夜|今晩|今夕|今朝|深夜|夜中|未明|明け方|早朝/;

const SHORT_RANGE = new RegExp(String.raw`(${DAY_PART})?\s?(?<![\d:])(\d{1,2})\s?[~-]\s?(\d{1,2})時(?!間)`);
const HOUR = new RegExp(String.raw`(${DAY_PART})?\s?の?\s?(?<![\d:.\/])(\d{1,2})時(?!間)(?:(半)|(\d{1,2})分(前(?!後))?)?`, 'g');
const HH_MM = new RegExp(String.raw`(${DAY_PART})?\s?の?\s?(?<![\d.\/-])(\d{1,2}):(\d{2})(?::\d{2})?(?!\d)(?:\s?(am|pm)(?![a-z]))?`, 'g');

// A period word, unless an hour follows it (午前10時 is a time; 「午前 2名」 is still the morning).
const HOUR_AFTER = String.raw`(?!\s?の?\s?\d{1,2}\s?(?:時|:\d))`;
const PERIODS: [RegExp, TimeRange][] = [
  [new RegExp(`午前中|午前${HOUR_AFTER}`, 'g'), ['09:00', '12:00']],
  [/昼過ぎ|昼すぎ/g, ['12:00', '15:00']],
  [new RegExp(`午後(?!一)${HOUR_AFTER}`, 'g'), ['12:00', '17:00']],
  [new RegExp(`夕方${HOUR_AFTER}`, 'g'), ['15:00', '17:00']],
  [new RegExp(`お?昼(?!過|すぎ)${HOUR_AFTER}`, 'g'), ['11:00', '14:00']],
  [new RegExp(`(?<!今)朝(?!一)${HOUR_AFTER}`, 'g'), ['09:00', '11:00']],
];

export function readTimes(t: string): { time: ClockTime | null; timeRange: TimeRange | null } {
  const times: TimeMention[] = [];
  const push = (start: number, end: number, minutes: number | undefined, bare = false) => {
    if (minutes !== undefined && !times.some((x) => start < x.end && end > x.start)) times.push({ start, end, value: minutes, bare });
  };
  const partBefore = (m: RegExpMatchArray, said: string | undefined) => said ?? DAY_PART_WORD.exec(t.slice(0, m.index))?.[0];
  for (const m of t.matchAll(/正午|朝一|午後一/g)) push(m.index!, m.index! + m[0].length, { 正午: 720, 朝一: 540, 午後一: 780 }[m[0]]);
  // 「10-11時」: one hour range written once.
  const shortRange = SHORT_RANGE.exec(t);
  if (shortRange) {
    const a = hourOf(Number(shortRange[2]), shortRange[1]);
    const b = hourOf(Number(shortRange[3]), shortRange[1]);
    if (a !== undefined && b !== undefined && b > a) return { time: null, timeRange: [clock(a * 60), clock(b * 60)] };
  }
  // 10時, 午後2時半, 夜9時15分, 8時3分前 (= 7:57).
  for (const m of t.matchAll(HOUR)) {
    const part = partBefore(m, m[1]);
    const hour = hourOf(Number(m[2]), part);
    const minute = m[3] ? 30 : m[4] ? Number(m[4]) : 0;
    const minutes = hour !== undefined && minute < 60 ? hour * 60 + (m[5] ? -minute : minute) : undefined;
    push(m.index!, m.index! + m[0].length, minutes === undefined ? undefined : (minutes + 1440) % 1440, part === undefined);
  }
  // 10:30, 夜9:30, 3:20 pm, 8:00:24pm.
  for (const m of t.matchAll(HH_MM)) {
    const h = Number(m[2]);
    const part = m[4] ?? partBefore(m, m[1]);
    const hour = part ? hourOf(h, part) : h;
    push(m.index!, m.index! + m[0].length, hour !== undefined && hour < 24 && Number(m[3]) < 60 ? hour * 60 + Number(m[3]) : undefined);
  }
  // 3pm, 11 am.
  for (const m of t.matchAll(/(?<![\d:])(\d{1,2})\s?(am|pm)(?![a-z])/g)) {
    const hour = hourOf(Number(m[1]), m[2]);
    push(m.index!, m.index! + m[0].length, hour === undefined ? undefined : hour * 60);
  }
  times.sort((a, b) => a.start - b.start);

  for (let i = 0; i + 1 < times.length; i++) {
    const between = t.slice(times[i]!.end, times[i + 1]!.start);
    const span = /^\s?(から|~|-|ー|より|以降)\s?(の間)?\s?$/.test(between);
    // 「2時か3時」「10時または11時」: either will do — the period from the first to the end of the
    // window at the second, so both are offered (not the first taken as the only wish).
    const either = !span && /^\s?(か|かもしくは|または|もしくは|or)\s?[、,]?\s?$/.test(between);
    if (!span && !either) continue;
    const [from, to] = [times[i]!, times[i + 1]!];
    // 「5時から7時」: a bare end hour is read on the same side of noon as the start (17–19).
    const end = (to.value <= from.value && to.bare && to.value < 720 ? to.value + 720 : to.value) + (either ? WINDOW_MINUTES : 0);
    if (end > from.value) return { time: null, timeRange: [clock(from.value), clock(end)] };
  }
  const first = pick(t, times);
  if (first) {
    const after = t.slice(first.end);
    // 「14時以降」: from then to closing; 「11時まで」「11時前に」: from opening to then (an hour
    // outside office hours keeps the period it names, in which no window lies).
    const at = clock(first.value);
    if (/^\s?(以降|以後|から|より後)/.test(after)) return { time: null, timeRange: [at, at < CLOSE ? CLOSE : '23:59'] };
    if (/^\s?(まで|前(?!後))/.test(after)) return { time: null, timeRange: [at > OPEN ? OPEN : '00:00', at] };
    return { time: at, timeRange: null };
  }
  for (const [re, range] of PERIODS) {
    re.lastIndex = 0;
    if (re.test(t)) return { time: null, timeRange: range };
  }
  return { time: null, timeRange: null };
}

/** The mention to use: the first, or the one after a correction (「10時じゃなくて11時」). */
function pick(text: string, mentions: TimeMention[]): TimeMention | undefined {
  let chosen = mentions[0];
  for (let i = 1; i < mentions.length; i++) {
    if (CORRECTION.test(text.slice(mentions[i - 1]!.end, mentions[i]!.start))) chosen = mentions[i];
  }
  return chosen;
}

/**
 * The hour on a 24-hour clock as the day-part word says it (夜9時 = 21, 深夜2時 = 2, 朝5時 = 5);
 * without one, the reading inside office hours (2時 → 14).
 */
function hourOf(h: number, part: string | undefined): number | undefined {
  if (h > 24) return undefined;
  switch (part) {
    case '午後':
    case 'pm':
    case '夕方':
    case '夕':
    case '今夕':
      return h < 12 ? h + 12 : h === 24 ? undefined : h;
    case '夜':
    case '晩':
    case '今夜':
    case '今晩':
      return h < 12 ? h + 12 : h === 12 || h === 24 ? 0 : h;
    case '深夜':
    case '夜中':
      return h === 12 || h === 24 ? 0 : h >= 9 && h < 12 ? h + 12 : h;
    case '未明':
    case '明け方':
    case '早朝':
      return h === 12 || h === 24 ? 0 : h < 12 ? h : undefined;
    case 'am':
      return h === 12 ? 0 : h < 12 ? h : undefined;
    case '午前':
    case '朝':
    case '今朝':
      return h <= 12 ? h : undefined;
  }
  if (h >= 1 && h <= 6) return h + 12;
  return h === 24 ? undefined : h;
}

export function clock(minutes: number): ClockTime {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
