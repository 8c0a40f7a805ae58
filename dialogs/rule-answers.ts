// The answer to a question about one office rule (the understanding's topic), with what the
// answer needs from the services: the desk phone, a card re-issue's fee (R20), the next open
// Saturdays or the day asked about (R2), the last bookable date (R6) and the lead time (R7).
// Used by the router and by the documents, fees and eligibility dialogs.
import type { TurnContext } from 'botbuilder-core';
import { releasedThrough } from '../domain/booking-rules.js';
import { dayStatus, isOpenDay } from '../domain/calendar.js';
import { addDays, tokyoDate, weekday, type CivilDate } from '../domain/civil.js';
import { feeFor } from '../domain/fees.js';
import type { Intent } from '../bot/understanding/intents.js';
import type { Topic } from '../bot/understanding/intent-topics.js';
import { ruleAnswer } from '../bot/messages/rule-answers.ja.js';
import type { Say } from '../bot/messages/say.js';
import { normalize } from '../bot/understanding/normalize.js';
import { channelOf, type BotServices } from './turn.js';

// A weekday alone (「土曜日もやってますか」) asks about such days in general; a date or a day
// said with 今度/来週/明日 … asks about that day.
const NAMES_A_DAY = /\d|今日|本日|明日|明後日|今度|次の|来週|今週|再来週|今夜|今朝|年明け|年始|正月|連休明け|休み明け/;

/** R2: the next two Saturdays window 102 is open (today's included), within eight weeks. */
function nextOpenSaturdays(services: BotServices): CivilDate[] {
  const today = tokyoDate(services.clock());
  const found: CivilDate[] = [];
  for (let d = 0; d <= 56 && found.length < 2; d++) {
    const date = addDays(today, d);
    if (weekday(date) === 6 && isOpenDay(date, services.desk.config)) found.push(date);
  }
  return found;
}

/**
 * The answer to `topic` asked as `intent` on this turn's channel, or undefined if it has none
 * there. `date`: a day the question named (「12月29日はやってますか」).
 */
export function answerRule(context: TurnContext, services: BotServices, topic: Topic | undefined, intent: Intent, date?: string | null): Say | undefined {
  if (!topic) return undefined;
  const config = services.desk.config;
  const day = (topic === 'open-days' || topic === 'hours') && NAMES_A_DAY.test(normalize(context.activity.text ?? ''));
  return ruleAnswer(topic, intent, {
    channel: channelOf(context),
    deskPhone: config.deskPhone,
    reissueFee: feeFor({ cardValid: false }),
    expressFee: feeFor({ cardValid: false, express: true }),
    ...(day && date ? { askedDay: { date, status: dayStatus(date, config) } } : {}),
    ...(topic === 'open-days' && !(day && date) ? { openSaturdays: nextOpenSaturdays(services) } : {}),
    ...(topic === 'release' ? { releasedThrough: releasedThrough(services.clock(), config), leadBusinessDays: config.leadBusinessDays } : {}),
  });
}
