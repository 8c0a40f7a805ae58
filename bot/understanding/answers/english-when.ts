// When an English line says, read by Recognizers-Text's English DateTime model (RESEARCH.md:
// excellent in English, absent in Japanese) and put under our conventions: Asia/Tokyo, a date
// without a year is the next such date, a bare hour 1–6 is the afternoon, periods as
// CONVENTIONS.md gives them for 午前/午後/夕方.
import { Culture, DateTimeOptions, recognizeDateTime } from '@microsoft/recognizers-text-date-time';
import { civil, daysInMonth, parts, type CivilDate } from '../../../domain/civil.js';
import type { Heard } from './heard.js';
import { WEEKDAY_NAMES } from './types.js';
import type { WhenSaid } from './when.js';

// Recognizers-Text's period names (TMO morning, TAF afternoon, TEV evening …) as our periods.
const PERIODS: Record<string, [string, string]> = {
  MO: ['09:00', '12:00'],
  MI: ['11:00', '14:00'],
  AF: ['12:00', '17:00'],
  EV: ['15:00', '17:00'],
  NI: ['18:00', '23:59'],
};
const EARLIEST_EN = /as soon as (?:possible|you can|you have|there is)|\basap\b|earliest|soonest|first available|any (?:day|time) is fine|whenever|anytime|any time|no preference|as early as possible/;

interface Value {
  timex?: string;
  type?: string;
  value?: string;
  start?: string;
  end?: string;
}

/** The instant's Japanese wall-clock time as a local Date (the library reads local fields). */
function referenceFor(now: Date): Date {
  return new Date(now.getTime() + 9 * 3600_000 + new Date(now.getTime()).getTimezoneOffset() * 60_000);
}

/** A bare hour (「at 3」) read inside office hours: 1–6 → 13–18, 7–12 as said. */
export function officeHour(h: number): number {
  return h >= 1 && h <= 6 ? h + 12 : h;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};
const HOUR_WORD = String.raw`(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?::(\d{2}))?`;
// 「11 please」「around four」: an hour alone, when the question was the time.
const BARE_HOUR = new RegExp(String.raw`^(?:(?:at|around|about|say|maybe|how about|um|uh)\s+)*${HOUR_WORD}(?:\s*o'?clock)?(?:\s*(?:please|pls|is (?:fine|good|ok)|works|would be (?:good|great|fine)))?[.!?]*$`);
const BETWEEN = new RegExp(String.raw`\b(?:between|from)\s+${HOUR_WORD}\s*(am|pm)?\s+(?:and|to|-|till|until)\s+${HOUR_WORD}\s*(am|pm)?`);
const DAY_OF_MONTH = /\bthe (\d{1,2})(?:st|nd|rd|th)\b/;

function hourValue(word: string): number {
  return NUMBER_WORDS[word] ?? Number(word);
}

function clockOf(hour: number, minutes = '00'): string {
  return `${String(hour).padStart(2, '0')}:${minutes}`;
}

/** `bareHour`: a number alone is an hour (the question was the time). */
export function readEnglishWhen(h: Heard, { bareHour = false } = {}): WhenSaid {
  const said: WhenSaid = {};
  const today = h.today;
  let results: ReturnType<typeof recognizeDateTime>;
  try {
    results = recognizeDateTime(h.text, Culture.English, DateTimeOptions.None, referenceFor(h.now));
  } catch {
    results = [];
  }
  for (const r of results) {
    const values = ((r.resolution as { values?: Value[] } | undefined)?.values ?? []) as Value[];
    const timex = values[0]?.timex ?? '';
    const kind = r.typeName.replace('datetimeV2.', '');
    if (timex === 'FUTURE_REF' || timex === 'PRESENT_REF') {
      said.earliest = true;
      continue;
    }
    const weekday = /^XXXX-WXX-(\d)(?:T|$)/.exec(timex);
    if ((kind === 'set' || kind === 'date' || kind === 'datetime' || kind === 'datetimerange') && weekday && !/\b(?:next|this|coming)\b/.test(r.text)) {
      said.weekday ??= WEEKDAY_NAMES[Number(weekday[1]) % 7];
      addPeriod(said, timex);
      continue;
    }
    if (kind === 'set') {
      const wd = /\b(sun|mon|tue|wed|thu|fri|sat)/.exec(r.text);
      if (wd) said.weekday ??= wd[1] as WhenSaid['weekday'];
      continue;
    }
    if (kind === 'date' || kind === 'datetime' || kind === 'datetimerange') {
      const date = pickDate(values, timex, today);
      if (date && !said.date) {
        said.date = date;
        said.withYear = /^\d{4}/.test(timex);
      }
      if (kind === 'datetime') said.time ??= timeOf(values, timex);
      if (kind === 'datetimerange') addPeriod(said, timex, values);
    } else if (kind === 'time') {
      said.time ??= timeOf(values, timex);
    } else if (kind === 'timerange') {
      addPeriod(said, timex, values);
    } else if (kind === 'daterange') {
      // 「valid until 2027/02/10」「good till Feb 10, 2027」: a day (the range's end) written in full.
      const day = /^(\d{4}-\d{2}-\d{2})$/.exec(timex);
      if (day && (values[0] as { Mod?: string } | undefined)?.Mod === 'before' && !said.date) {
        said.date = day[1]!;
        said.withYear = true;
        continue;
      }
      const month = /^(XXXX|\d{4})-(\d{2})$/.exec(timex);
      if (month && !said.month) {
        const mo = Number(month[2]);
        const { year, month: now } = parts(today);
        said.month = `${month[1] === 'XXXX' ? (mo >= now ? year : year + 1) : month[1]}-${month[2]}`;
      }
      const year = /^(\d{4})$/.exec(timex);
      if (year) said.year ??= Number(year[1]);
    }
  }
  if (!said.time && !said.range) {
    const span = BETWEEN.exec(h.text);
    if (span) {
      const from = span[3] === 'am' ? hourValue(span[1]!) : span[3] === 'pm' ? hourValue(span[1]!) + 12 : officeHour(hourValue(span[1]!));
      let to = span[6] === 'am' ? hourValue(span[4]!) : span[6] === 'pm' ? hourValue(span[4]!) + 12 : officeHour(hourValue(span[4]!));
      if (to <= from && to < 12) to += 12;
      if (to > from && to <= 24) said.range = [clockOf(from, span[2]), clockOf(to, span[5])];
    } else if (bareHour) {
      const bare = BARE_HOUR.exec(h.text);
      const hour = bare ? hourValue(bare[1]!) : NaN;
      if (hour >= 1 && hour <= 12) said.time = clockOf(officeHour(hour), bare![2]);
    }
  }
  if (!said.date && !said.weekday) {
    const day = DAY_OF_MONTH.exec(h.text);
    if (day) said.date = nextDayOfMonth(today, Number(day[1]));
  }
  const bareYear = /\b(20\d\d)\b/.exec(h.text);
  if (!said.date && !said.month && bareYear) said.year ??= Number(bareYear[1]);
  if (!said.date && !said.time && !said.range && !said.weekday && EARLIEST_EN.test(h.text)) said.earliest = true;
  return said;
}

function nextDayOfMonth(today: CivilDate, day: number): CivilDate | undefined {
  const { year, month } = parts(today);
  for (let i = 0; i < 3; i++) {
    const y = year + Math.floor((month - 1 + i) / 12);
    const m = ((month - 1 + i) % 12) + 1;
    if (day <= daysInMonth(y, m) && civil(y, m, day) >= today) return civil(y, m, day);
  }
  return undefined;
}

function pickDate(values: Value[], timex: string, today: CivilDate): CivilDate | undefined {
  const dates = values.map((v) => (v.value ?? v.start ?? '').slice(0, 10)).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  if (dates.length === 0) return undefined;
  // 「Dec 16」 (XXXX-12-16) comes as last year's and this year's: the next on or after today.
  if (timex.startsWith('XXXX')) return dates.find((d) => d >= today) ?? dates.at(-1);
  return dates[0];
}

function timeOf(values: Value[], timex: string): string | undefined {
  const t = /T(\d{2})(?::(\d{2}))?/.exec(timex);
  if (!t) return undefined;
  let hour = Number(t[1]);
  // 「at 3」: the library offers 03:00 and 15:00; our convention reads 1–6 as the afternoon.
  const ambiguous = values.length > 1 && new Set(values.map((v) => (v.value ?? '').slice(-8, -6))).size > 1;
  if (ambiguous) hour = officeHour(hour);
  return `${String(hour).padStart(2, '0')}:${t[2] ?? '00'}`;
}

function addPeriod(said: WhenSaid, timex: string, values: Value[] = []): void {
  const period = /T(MO|MI|AF|EV|NI)/.exec(timex);
  if (period) {
    said.range ??= PERIODS[period[1]!];
    return;
  }
  const v = values[0] as (Value & { Mod?: string }) | undefined;
  // 「after 2pm」 = 14:00 to closing, 「before 11」 = opening to 11:00 (as 14時以降, 11時まで).
  if (v?.Mod === 'after' && v.start) {
    said.range ??= [v.start.slice(0, 5), v.start.slice(0, 5) < '17:00' ? '17:00' : '23:59'];
    return;
  }
  if (v?.Mod === 'before' && v.end) {
    said.range ??= [v.end.slice(0, 5) > '09:00' ? '09:00' : '00:00', v.end.slice(0, 5)];
    return;
  }
  const span = /T(\d{2}(?::\d{2})?),T?(\d{2}(?::\d{2})?)/.exec(timex.replace(/^\(|\)$/g, '').replace(/^[^T]*/, ''));
  if (v?.start && v.end && /\d{2}:\d{2}/.test(v.start) && /\d{2}:\d{2}/.test(v.end)) {
    said.range ??= [v.start.slice(-8, -3), v.end.slice(-8, -3)];
  } else if (span) {
    said.range ??= [span[1]!.padEnd(5, ':00'), span[2]!.padEnd(5, ':00')];
  }
}
