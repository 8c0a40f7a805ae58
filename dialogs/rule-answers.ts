// The answer to a question about one office rule (the understanding's topic), with what the
// answer needs from the services: the desk phone, a card re-issue's fee (R20), the next open
// Saturdays (R2). Used by the router and by the documents, fees and eligibility dialogs.
import type { TurnContext } from 'botbuilder';
import { isOpenDay } from '../domain/calendar.js';
import { addDays, tokyoDate, weekday, type CivilDate } from '../domain/civil.js';
import { feeFor } from '../domain/fees.js';
import type { Intent } from '../bot/understanding/intents.js';
import type { Topic } from '../bot/understanding/intent-topics.js';
import { ruleAnswer } from '../bot/messages/rule-answers.ja.js';
import type { Say } from '../bot/messages/say.js';
import { channelOf, type BotServices } from './turn.js';

/** R2: the next two Saturdays window 102 is open, within eight weeks. */
function nextOpenSaturdays(services: BotServices): CivilDate[] {
  const today = tokyoDate(services.clock());
  const found: CivilDate[] = [];
  for (let d = 0; d <= 56 && found.length < 2; d++) {
    const date = addDays(today, d);
    if (weekday(date) === 6 && isOpenDay(date, services.desk.config)) found.push(date);
  }
  return found;
}

/** The answer to `topic` asked as `intent` on this turn's channel, or undefined if it has none there. */
export function answerRule(context: TurnContext, services: BotServices, topic: Topic | undefined, intent: Intent): Say | undefined {
  if (!topic) return undefined;
  return ruleAnswer(topic, intent, {
    channel: channelOf(context),
    deskPhone: services.desk.config.deskPhone,
    reissueFee: feeFor({ cardValid: false }),
    ...(topic === 'open-days' ? { openSaturdays: nextOpenSaturdays(services) } : {}),
  });
}
