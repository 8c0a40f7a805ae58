// What the bot asked, so the citizen's next words are read as an answer to it: 「届いてます」 to
// the notice question is a yes, 「2番で」 after a list is the second window. The question asked in
// a turn is kept with the conversation (the bot saves it) and read back at the next turn; the
// reading is made once per turn, for the repairs in the main dialog and for the prompt alike.
import type { TurnContext } from 'botbuilder-core';
import { readAnswer, readRequest, type AnswerReading, type AskContext, type AskKind } from '../bot/understanding/answers.js';
import { detectLanguage } from '../bot/understanding/answers/language.js';
import type { Lang } from '../bot/messages/say.js';
import { isVoice, langOf, type BotServices } from './turn.js';

export interface PendingAsk {
  kind: AskKind;
  context?: AskContext;
}

/** What the bot asked at the end of the previous turn (loaded by the bot). */
export const ASKED = Symbol.for('ecert.asked');
/** What it asks at the end of this turn (saved by the bot). */
export const PENDING = Symbol.for('ecert.pending');
const READING = Symbol('reading');
const REQUEST = Symbol('request');

/** This turn ends with this question: the next answer is read against it. */
export function rememberAsk(context: TurnContext, ask: PendingAsk): void {
  context.turnState.set(PENDING, ask);
}

export function askedBefore(context: TurnContext): PendingAsk | undefined {
  return context.turnState.get(ASKED) as PendingAsk | undefined;
}

/** How the phone door heard the caller: keys pressed, or speech. */
function heardBy(context: TurnContext): 'typed' | 'spoken' | 'keypad' {
  if (!isVoice(context)) return 'typed';
  return (context.activity.channelData as { input?: string } | undefined)?.input === 'keypad' ? 'keypad' : 'spoken';
}

/** The turn's words read as an answer to what was asked (or, with nothing asked, to 「ご用件は」). */
export function readingOf(context: TurnContext, services: BotServices): AnswerReading {
  const cached = context.turnState.get(READING) as AnswerReading | undefined;
  if (cached) return cached;
  const asked = askedBefore(context);
  const r = readAs(context, services, asked?.kind ?? 'anything-else', asked?.context);
  context.turnState.set(READING, r);
  return r;
}

/** The turn's words (or some of them) read as an answer to a given question. */
export function readAs(context: TurnContext, services: BotServices, kind: AskKind, askContext?: AskContext, words?: string, answerOnly = false): AnswerReading {
  const text = words ?? (context.activity.type === 'message' ? (context.activity.text ?? '') : '');
  return readAnswer(kind, text, {
    now: services.clock(),
    channel: heardBy(context),
    tokenizer: services.tokenizer,
    lang: langOf(context),
    ...(askContext ? { context: askContext } : {}),
    ...(answerOnly ? { answerOnly } : {}),
  });
}

/** The language the citizen wrote this turn in (web and LINE; the phone is Japanese). */
export function languageOf(context: TurnContext): Lang {
  if (isVoice(context) || context.activity.type !== 'message') return langOf(context);
  return detectLanguage(context.activity.text ?? '', langOf(context));
}

/** The turn's words as a request to the desk (the router's 「ご用件は」): the task named first. */
export function requestOf(context: TurnContext, services: BotServices): AnswerReading {
  const cached = context.turnState.get(REQUEST) as AnswerReading | undefined;
  if (cached) return cached;
  const text = context.activity.type === 'message' ? (context.activity.text ?? '') : '';
  const r = readRequest(text, { now: services.clock(), channel: heardBy(context), tokenizer: services.tokenizer, lang: langOf(context) });
  context.turnState.set(REQUEST, r);
  return r;
}
