// Answers to 「ご希望の日にちは」 and 「何時ごろがよろしいですか」: a date (with a time or period),
// a weekday or month without the rest, the earliest free window, or a time or period.
import { readEnglishWhen } from './english-when.js';
import type { Heard } from './heard.js';
import { LIKELY, reading, SURE, unclear } from './result.js';
import type { AnswerReading, AskContext } from './types.js';
import { readWhen, type WhenSaid } from './when.js';

const OPEN = '09:00';
const CLOSE = '17:00';
// 「夜7時とかは無理ですよね」: asks whether the desk is open then, rather than asking for it.
const ASKS_IF_OPEN_JA = /無理|むり|だめ|ダメ|駄目|やって|開いて|あいて|空いて|できま|出来ま|受け付け|受付|大丈夫/;
const ASKS_IF_OPEN_EN = /\bopen\b|too late|too early|possible|\bcan i\b|\bdo you\b|available/;

/** `bareHour`: in English, a number alone is an hour (the question was the time). */
export function whenOf(h: Heard, bareHour = false): WhenSaid {
  return h.lang === 'en' ? readEnglishWhen(h, { bareHour }) : readWhen(h);
}

export function readDate(h: Heard): AnswerReading {
  const w = whenOf(h);
  const extra = w.time ? { time: w.time } : w.range ? { range: w.range } : {};
  if (w.date) return reading({ date: w.date, ...extra }, SURE);
  if (w.weekday) return reading({ weekday: w.weekday, ...extra }, LIKELY + 0.1);
  if (w.month) return reading({ month: w.month, ...extra }, LIKELY);
  if (w.vague) return unclear();
  if (w.earliest) return reading({ earliest: true, ...extra }, LIKELY + 0.1);
  if (w.time) return reading({ time: w.time }, LIKELY);
  if (w.range) return reading({ range: w.range }, LIKELY);
  return unclear();
}

export function readTime(h: Heard, ctx: AskContext = {}): AnswerReading {
  const w = whenOf(h, true);
  if (outsideHours(w) && h.asks && (h.lang === 'en' ? ASKS_IF_OPEN_EN : ASKS_IF_OPEN_JA).test(h.text)) {
    return reading({ intent: 'question', topic: 'hours' }, LIKELY);
  }
  // 「15日の10時」 for the 15th already chosen is just the time; another date is kept.
  const on = w.date && w.date !== ctx.date ? { date: w.date } : {};
  if (w.time) return reading({ ...on, time: w.time }, SURE);
  if (w.range) return reading({ ...on, range: w.range }, SURE);
  if (w.earliest) return reading({ earliest: true }, LIKELY + 0.1);
  // A date alone (「今日寒いですね」) does not answer 「何時ごろ」.
  return unclear();
}

function outsideHours(w: WhenSaid): boolean {
  if (w.time) return w.time < OPEN || w.time >= CLOSE;
  if (w.range) return w.range[1] <= OPEN || w.range[0] >= CLOSE;
  return false;
}
