// A prompt = a recogniser + a validator + a retry prompt (as botbuilder's own prompts). The
// recogniser reads the turn's understanding; after the first answer and two re-prompts fail,
// the prompt ends with `{ ok: false }` so the dialog can hand the citizen to staff instead of
// asking forever.
import type { TurnContext } from 'botbuilder-core';
import { Prompt, type DialogTurnResult, type PromptOptions, type PromptRecognizerResult, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Say } from '../../bot/messages/say.js';
import { send, type BotServices } from '../turn.js';

export type Answer<T> = { ok: true; value: T } | { ok: false };

export type Recognizer<T> = (context: TurnContext, services: BotServices, options: SayPromptOptions) => T | undefined;

export interface SayPromptOptions extends PromptOptions {
  say: Say;
  retry: Say;
  /** Values the recogniser may match against (offered windows, choices). */
  data?: unknown;
}

export const MAX_ATTEMPTS = 3;

export class UnderstandingPrompt<T> extends Prompt<Answer<T>> {
  constructor(
    dialogId: string,
    private readonly services: BotServices,
    private readonly recognizer: Recognizer<T>,
  ) {
    super(dialogId, async (pc: PromptValidatorContext<Answer<T>>) => {
      if (pc.recognized.succeeded) return true;
      if (pc.attemptCount >= MAX_ATTEMPTS) {
        pc.recognized.succeeded = true;
        pc.recognized.value = { ok: false };
        return true;
      }
      return false;
    });
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const o = options as SayPromptOptions;
    await send(context, isRetry ? o.retry : o.say, true);
  }

  protected async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<Answer<T>>> {
    if (context.activity.type !== 'message') return { succeeded: false };
    const value = this.recognizer(context, this.services, options as SayPromptOptions);
    return value === undefined ? { succeeded: false } : { succeeded: true, value: { ok: true, value } };
  }
}

/** Asks with one of our prompts: what to say, what to say again, what may be picked. */
export function ask(step: WaterfallStepContext, promptId: string, say: Say, retry: Say = say, data?: unknown): Promise<DialogTurnResult> {
  const options: SayPromptOptions = { say, retry, ...(data !== undefined ? { data } : {}) };
  return step.prompt(promptId, options);
}
