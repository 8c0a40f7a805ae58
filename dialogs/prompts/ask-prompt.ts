// A question whose answer is read in its context (bot/understanding/answers.ts): the prompt says
// the question, remembers what it asked, and takes the reading when it is an answer it can use.
// An answer that could mean two things gets a short clarifying question with choices (never a
// guess); after two misses the citizen hears what kinds of answer work (buttons, keys, 「担当者」);
// after a third the prompt ends with `{ ok: false }` and the dialog offers a person — with the
// citizen's consent. Repairs (giving up, a side question, a person…) never reach the prompt: the
// main dialog hears them first.
import type { TurnContext } from 'botbuilder';
import { Prompt, type DialogTurnResult, type PromptOptions, type PromptRecognizerResult, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { CLARIFY_BELOW, type AnswerReading, type AskContext, type AskKind } from '../../bot/understanding/answers.js';
import type { ReadBackDetails } from '../../bot/understanding/answers/types.js';
import * as repair from '../../bot/messages/repair.ja.js';
import { as, join, type Say } from '../../bot/messages/say.js';
import { readAs, readingOf, rememberAsk } from '../ask.js';
import { isVoice, langOf, send, understood, type BotServices } from '../turn.js';
import { detailsIn, withoutBirthday } from '../frame.js';
import type { Answer } from './understanding-prompt.js';

/** An answer, or — for prompts that take them — a correction of a detail said before (「いや、やっぱり11時で」). */
export type AskAnswer<T> = Answer<T> | { ok: false; correct: ReadBackDetails };

export function isCorrection<T>(a: AskAnswer<T>): a is { ok: false; correct: ReadBackDetails } {
  return !a.ok && 'correct' in a;
}

/** Readings that name a task rather than repair the conversation, or ask for what the question offered (the phone's 9). */
const TASKS = new Set(['book', 'change', 'cancel', 'lookup', 'repeat']);

/** Questions whose answer is itself a date or time (a date there is an answer, not a correction). */
const TAKES_DATES = new Set<AskKind>(['date', 'time', 'window-choice', 'certificate-expiry', 'card-expiring-soon', 'read-back']);

/** What a prompt makes of a reading: the value it needs, or undefined (not an answer to it). */
export type Accept<T> = (reading: AnswerReading, context: TurnContext) => T | undefined;

export interface AskOptions extends PromptOptions {
  kind: AskKind;
  say: Say;
  /** What the question offered (windows listed, the read-back's details) for reading the answer. */
  context?: AskContext;
  /** A second way to read an answer the first leaves unclear (a cancellation's 「はい」 as well as 「キャンセルします」). */
  alsoAs?: AskKind;
}

/** Questions whose content is the answer's context (the windows listed, the details read back): said again. */
const RESTATE = new Set<AskKind>(['window-choice', 'read-back']);

/** The clarification with the question's own buttons, when it had some. */
function withChoicesOf(again: Say, question: Say): Say {
  if (!question.choices?.length) return again;
  return { ...again, choices: question.choices, ...(again.en ? { en: { text: again.en.text, ...(question.en?.choices ? { choices: question.en.choices } : {}) } } : {}) };
}

/** Misses before the citizen is told what works; then one more before a person is offered. */
const EXPLAIN_AFTER = 2;
const GIVE_UP_AFTER = 3;

export class AskPrompt<T> extends Prompt<AskAnswer<T>> {
  constructor(
    dialogId: string,
    private readonly services: BotServices,
    private readonly accept: Accept<T>,
    /** Whether a detail said out of turn corrects what was said before (booking: any question). */
    private readonly corrections = false,
  ) {
    super(dialogId, async (pc: PromptValidatorContext<AskAnswer<T>>) => {
      if (pc.recognized.succeeded) return true;
      if (pc.attemptCount >= GIVE_UP_AFTER) {
        pc.recognized.succeeded = true;
        pc.recognized.value = { ok: false };
        return true;
      }
      return false;
    });
  }

  protected async onPrompt(context: TurnContext, state: Record<string, unknown>, options: PromptOptions, isRetry: boolean): Promise<void> {
    const o = options as AskOptions;
    rememberAsk(context, { kind: o.kind, ...(o.context ? { context: o.context } : {}) });
    // What the question expects travels on its message, for a door to listen for it (the phone's keys).
    const expects = { kind: o.kind, ...(o.context?.keysFormat ? { keysFormat: o.context.keysFormat } : {}) };
    context.onSendActivities(async (_c, sent, next) => { for (const a of sent) if (a.inputHint === 'expectingInput') a.channelData = { ...a.channelData, expects }; return next(); });
    if (!isRetry) return send(context, o.say, true);
    const misses = Number(state['attemptCount'] ?? 1);
    // A clarifying question first (with the question's own choices); then what works, and a person.
    const explained = misses >= EXPLAIN_AFTER ? repair.cannotHandle(o.kind, isVoice(context)) : repair.clarify(o.kind);
    // An empty message typed (「?」, a blank line) is said to be so before the question is put again.
    const blank = !isVoice(context) && context.activity.type === 'message' && 'intent' in readingOf(context, this.services) && (readingOf(context, this.services) as { intent: string }).intent === 'blank';
    // The clarification asks the same question again: it carries that question's act (asks-birthday-lookup…).
    const asked = (o.say.acts ?? []).filter((a) => a.startsWith('asks-') || a === 'confirm-cancel' || a === 'confirm-change');
    const again = asked.reduce((m, a) => as(a, m), blank ? join(repair.blank(), explained) : explained);
    await send(context, RESTATE.has(o.kind) ? join(again, o.say) : withChoicesOf(again, o.say), true);
  }

  protected async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<AskAnswer<T>>> {
    if (context.activity.type !== 'message') return { succeeded: false };
    const o = options as AskOptions;
    let reading = readingOf(context, this.services);
    if (reading.confidence < CLARIFY_BELOW && o.alsoAs) reading = readAs(context, this.services, o.alsoAs, o.context);
    // A repair is the main dialog's; a task named (「予約もしたい」「change it」) is an answer some questions take.
    if ('intent' in reading && !TASKS.has(reading.intent)) return { succeeded: false };
    const value = reading.confidence < CLARIFY_BELOW ? undefined : this.accept(reading, context);
    if (value !== undefined) return { succeeded: true, value: { ok: true, value } };
    const correct = this.corrections ? this.correctionIn(context, o.kind) : undefined;
    return correct ? { succeeded: true, value: { ok: false, correct } } : { succeeded: false };
  }

  /** A date, time, birthday or phone said where another answer was asked for: what it corrects. */
  private correctionIn(context: TurnContext, kind: AskKind): ReadBackDetails | undefined {
    const u = understood(context, this.services);
    const correct: ReadBackDetails = {};
    if (!TAKES_DATES.has(kind)) {
      // English is read by the date reader (「make it Dec 17 instead, same time」); a birthday said
      // with it (「my birthday is May 3, not March 5」) is no day wished for.
      const when = langOf(context) === 'en' ? readAs(context, this.services, 'date', undefined, withoutBirthday(context.activity.text ?? '')) : undefined;
      const date = when && 'date' in when ? when.date : u.date;
      const time = when && 'time' in when ? when.time : u.time;
      if (date) correct.date = date;
      if (time) correct.time = time;
    }
    const birthday = langOf(context) === 'en' ? detailsIn(context, this.services).birthday : u.birthday;
    if (kind !== 'birthday' && birthday) correct.birthday = birthday;
    if (kind !== 'phone' && kind !== 'use-caller-number' && u.phone) correct.phone = u.phone;
    return Object.keys(correct).length ? correct : undefined;
  }
}

/** Asks a question read in context. */
export function askIn(step: WaterfallStepContext, promptId: string, kind: AskKind, say: Say, context?: AskContext, alsoAs?: AskKind): Promise<DialogTurnResult> {
  const options: AskOptions = { kind, say, ...(context ? { context } : {}), ...(alsoAs ? { alsoAs } : {}) };
  return step.prompt(promptId, options);
}
