// A question whose answer is read in its context (bot/understanding/answers.ts): the prompt says
// the question, remembers what it asked, and takes the reading when it is an answer it can use.
// An answer that could mean two things gets a short clarifying question with choices (never a
// guess); after two misses the citizen hears what kinds of answer work (buttons, keys, 「担当者」);
// after a third the prompt ends with `{ ok: false }` and the dialog offers a person — with the
// citizen's consent. Repairs (giving up, a side question, a person…) never reach the prompt: the
// main dialog hears them first.
import type { TurnContext } from 'botbuilder-core';
import { Prompt, type DialogContext, type DialogEvent, type DialogTurnResult, type PromptOptions, type PromptRecognizerResult, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { CLARIFY_BELOW, type AnswerReading, type AskContext, type AskKind } from '../../bot/understanding/answers.js';
import type { ReadBackDetails } from '../../bot/understanding/answers/types.js';
import * as repair from '../../bot/messages/repair.ja.js';
import { as, join, type Say } from '../../bot/messages/say.js';
import { readAs, readingOf, rememberAsk } from '../ask.js';
import { isVoice, langOf, send, understood, type BotServices } from '../turn.js';
import { birthdayText, birthdayTextEn, dateSpeech, dateText, dateTextEn, phoneSpeech, phoneText, reservationNumberSpeech, reservationNumberText, timeSpeech, timeText } from '../../bot/format.js';
import { aboutAnotherQuestion, detailsIn, withoutBirthday } from '../frame.js';
import type { Answer } from './understanding-prompt.js';

/** An answer, or — for prompts that take them — a correction of a detail said before (「いや、やっぱり11時で」). */
export type AskAnswer<T> = Answer<T> | { ok: false; correct: ReadBackDetails };

export function isCorrection<T>(a: AskAnswer<T>): a is { ok: false; correct: ReadBackDetails } {
  return !a.ok && 'correct' in a;
}

/** Readings that name a task rather than repair the conversation. */
const TASKS = new Set(['book', 'change', 'cancel', 'lookup']);

/** Questions whose answer is itself a date or time (a date there is an answer, not a correction). */
const TAKES_DATES = new Set<AskKind>(['date', 'time', 'window-choice', 'certificate-expiry', 'card-expiring-soon', 'read-back']);
/**
 * At the birthday question a date alone is the birthday, perhaps not yet clear (「5/3」: May 3 or
 * 5 March?), not a new day; a new day is said as one (「やっぱり17日に」「actually make it 2pm」).
 */
const CHANGE_CUE = /やっぱ|やはり|変更|変え|にして|にします|に変|じゃなく|ではなく|instead|actually|change|make it|move|rather|reschedule/i;

/** What a prompt makes of a reading: the value it needs, or undefined (not an answer to it). */
export type Accept<T> = (reading: AnswerReading, context: TurnContext) => T | undefined;

export interface AskOptions extends PromptOptions {
  kind: AskKind;
  say: Say;
  /** What the question offered (windows listed, the read-back's details) for reading the answer. */
  context?: AskContext;
  /** A second way to read an answer the first leaves unclear (a cancellation's 「はい」 as well as 「キャンセルします」). */
  alsoAs?: AskKind;
  /** What the question offers to say again (the phone's 9, 「もう一度」), said before it is asked again. */
  again?: Say;
}

/** Questions whose content is the answer's context (the windows listed, the details read back): said again. */
const RESTATE = new Set<AskKind>(['window-choice', 'read-back']);

/** The clarification with the question's own buttons, when it had some. */
function withChoicesOf(again: Say, question: Say): Say {
  if (!question.choices?.length) return again;
  return { ...again, choices: question.choices, ...(again.en ? { en: { text: again.en.text, ...(question.en?.choices ? { choices: question.en.choices } : {}) } } : {}) };
}

/**
 * Below this speech-to-text confidence (Twilio's `Confidence`, 0–1) a detail heard on the phone
 * is said back before it is used (「12月23日でよろしいですか」); a key press is always sure.
 */
export const SPEECH_CONFIRM_BELOW = 0.6;
/** Questions whose answer is a detail worth saying back when heard unsurely. */
const CONFIRM_KINDS = new Set<AskKind>(['date', 'time', 'window-choice', 'certificate-expiry', 'birthday', 'phone', 'use-caller-number', 'reservation-number']);
/** Where the prompt keeps an answer it said back, until the caller says yes or no. */
const CONFIRMING = 'confirming';

/** The detail a reading carries, as shown and as said (the window a list number names). */
function heardDetail(r: AnswerReading, ctx: AskContext | undefined): repair.HeardDetail | undefined {
  const at = (date: string, time?: string) => ({
    text: time ? `${dateText(date)} ${timeText(time)}` : dateText(date),
    speak: time ? `${dateSpeech(date)}、${timeSpeech(time)}` : dateSpeech(date),
    en: time ? `${dateTextEn(date)}, ${timeText(time)}` : dateTextEn(date),
  });
  if ('choice' in r) {
    const offered = ctx?.offered?.[r.choice];
    return offered ? at(offered.slice(0, 10), offered.slice(11, 16)) : undefined;
  }
  if ('date' in r && r.date && !('none' in r)) return at(r.date, 'time' in r ? r.time : undefined);
  if ('time' in r && r.time && !('none' in r) && !('action' in r)) return { text: timeText(r.time), speak: timeSpeech(r.time), en: timeText(r.time) };
  if ('birthday' in r) return { text: birthdayText(r.birthday), speak: birthdayText(r.birthday), en: birthdayTextEn(r.birthday) };
  if ('phone' in r) return { text: phoneText(r.phone), speak: phoneSpeech(r.phone), en: phoneText(r.phone) };
  if ('number' in r) return { text: reservationNumberText(r.number), speak: reservationNumberSpeech(r.number), en: reservationNumberText(r.number) };
  return undefined;
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
    this.expecting(context, o.kind, o.context);
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

  /**
   * botbuilder's Prompt recognizes once more when the turn's `activityReceived` event passes it, to
   * stop the event bubbling up; no dialog here listens for that event, and recognition here has
   * effects (a detail said back waits for its yes), so it runs once per turn, in continueDialog.
   */
  protected override async onPreBubbleEvent(_dc: DialogContext, _event: DialogEvent): Promise<boolean> {
    return false;
  }

  protected async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<AskAnswer<T>>> {
    if (context.activity.type !== 'message') return { succeeded: false };
    const o = options as AskOptions;
    const st = _state as Record<string, unknown>;
    // A detail said back (heard unsurely): 「はい」 takes it, 「いいえ」 asks again, anything else is a new answer.
    const said = st[CONFIRMING] as { value: T } | undefined;
    if (said) {
      delete st[CONFIRMING];
      const yesNo = readAs(context, this.services, 'read-back');
      if ('answer' in yesNo && yesNo.answer === 'yes') return { succeeded: true, value: { ok: true, value: said.value } };
      if ('answer' in yesNo && yesNo.answer === 'no') return this.askAgain(context, st, o, repair.heardWrong());
    }
    let reading = readingOf(context, this.services);
    if (reading.confidence < CLARIFY_BELOW && o.alsoAs) reading = readAs(context, this.services, o.alsoAs, o.context);
    // A repair is the main dialog's; a task named (「予約もしたい」「change it」) is an answer some questions take.
    if ('intent' in reading && reading.intent === 'repeat' && o.again) return this.askAgain(context, st, o, o.again);
    if ('intent' in reading && !TASKS.has(reading.intent)) return { succeeded: false };
    // 「はい、通知書は届いてます」 to the card's question: a yes to the question before, not to this one.
    const elsewhere = 'answer' in reading && (reading.answer === 'yes' || reading.answer === 'no') && aboutAnotherQuestion(context.activity.text ?? '', o.kind);
    const value = reading.confidence < CLARIFY_BELOW || elsewhere ? undefined : this.accept(reading, context);
    const unsure = value !== undefined ? this.heardUnsurely(context, o, reading) : undefined;
    if (value !== undefined && unsure) {
      st[CONFIRMING] = { value };
      notCounted(st);
      // The question stays the one pending (a new answer instead of yes or no is read against it).
      rememberAsk(context, { kind: o.kind, ...(o.context ? { context: o.context } : {}) });
      this.expecting(context, 'read-back');
      await send(context, repair.confirmHeard(unsure), true);
      return { succeeded: false };
    }
    if (value !== undefined) return { succeeded: true, value: { ok: true, value } };
    const correct = this.corrections ? this.correctionIn(context, o.kind) : undefined;
    return correct ? { succeeded: true, value: { ok: false, correct } } : { succeeded: false };
  }

  /** The question put again this turn after `before` (not counted as a miss): the answer is read against it. */
  private async askAgain(context: TurnContext, state: Record<string, unknown>, o: AskOptions, before: Say): Promise<PromptRecognizerResult<AskAnswer<T>>> {
    notCounted(state);
    rememberAsk(context, { kind: o.kind, ...(o.context ? { context: o.context } : {}) });
    this.expecting(context, o.kind, o.context);
    await send(context, join(before, o.say), true);
    return { succeeded: false };
  }

  /** The detail to say back when the phone heard it with a low confidence (never typed or keyed). */
  private heardUnsurely(context: TurnContext, o: AskOptions, reading: AnswerReading): repair.HeardDetail | undefined {
    const data = context.activity.channelData as { input?: string; confidence?: unknown } | undefined;
    if (!isVoice(context) || data?.input !== 'speech' || typeof data.confidence !== 'number' || data.confidence >= SPEECH_CONFIRM_BELOW) return undefined;
    return CONFIRM_KINDS.has(o.kind) ? heardDetail(reading, o.context) : undefined;
  }

  /** What this turn's question expects, on its message, for the door to listen for (the phone's keys). */
  private expecting(context: TurnContext, kind: AskKind, askContext?: AskContext): void {
    const expects = { kind, ...(askContext?.keysFormat ? { keysFormat: askContext.keysFormat } : {}) };
    context.onSendActivities(async (_c, sent, next) => { for (const a of sent) if (a.inputHint === 'expectingInput') a.channelData = { ...a.channelData, expects }; return next(); });
  }

  /** A date, time, birthday or phone said where another answer was asked for: what it corrects. */
  private correctionIn(context: TurnContext, kind: AskKind): ReadBackDetails | undefined {
    const u = understood(context, this.services);
    const correct: ReadBackDetails = {};
    if (!TAKES_DATES.has(kind) && (kind !== 'birthday' || CHANGE_CUE.test(context.activity.text ?? ''))) {
      // English is read by the date reader (「make it Dec 17 instead, same time」); a birthday said
      // with it (「my birthday is May 3, not March 5」) is no day wished for.
      const when = langOf(context) === 'en' ? readAs(context, this.services, 'date', undefined, withoutBirthday(context.activity.text ?? '')) : undefined;
      // (English is read by that reader only: 「her birthday is 11/23」 leaves no day wished for.)
      const date = when ? ('date' in when ? when.date : undefined) : u.date;
      const time = when ? ('time' in when ? when.time : undefined) : u.time;
      const range = when ? ('range' in when ? when.range : undefined) : u.timeRange;
      if (date) correct.date = date;
      if (time) correct.time = time;
      else if (range) correct.timeRange = range;
    }
    const birthday = langOf(context) === 'en' ? detailsIn(context, this.services).birthday : u.birthday;
    if (kind !== 'birthday' && birthday) correct.birthday = birthday;
    if (kind !== 'phone' && kind !== 'use-caller-number' && u.phone) correct.phone = u.phone;
    return Object.keys(correct).length ? correct : undefined;
  }
}

/** A turn that does not count as a miss (the prompt counts each turn it does not end). */
function notCounted(state: Record<string, unknown>): void {
  state['attemptCount'] = Number(state['attemptCount'] ?? 0) - 1;
}

/** Asks a question read in context. */
export function askIn(step: WaterfallStepContext, promptId: string, kind: AskKind, say: Say, context?: AskContext, alsoAs?: AskKind, again?: Say): Promise<DialogTurnResult> {
  const options: AskOptions = { kind, say, ...(context ? { context } : {}), ...(alsoAs ? { alsoAs } : {}), ...(again ? { again } : {}) };
  return step.prompt(promptId, options);
}
