// One way in for every door. A door (a BotAdapter that only translates its wire format) builds a
// TurnContext and hands it to `Pipeline.run`: the same middleware in the same order — input
// cleaning, one turn at a time per conversation, the transcript, handoff routing — then the bot,
// and the same answer when a turn fails. Proactive sends (staff replies, notices, reminders) run
// through it too, with their own logic, so they are serialised and kept in the transcript.
import { MiddlewareSet, TranscriptLoggerMiddleware, type Middleware, type TranscriptStore, type TurnContext } from 'botbuilder-core';
import { InputCleaningMiddleware } from './input-cleaning.js';

/** One turn at a time per conversation key, across instances when the lock is shared. */
export interface TurnLock {
  run<T>(conversationKey: string, fn: () => Promise<T>): Promise<T>;
}

export type TurnLogic = (context: TurnContext) => Promise<void>;

export interface PipelineParts {
  lock: TurnLock;
  transcripts: TranscriptStore;
  /** After the transcript, before the bot (handoff routing). */
  middleware: Middleware[];
  /** The bot's turn. */
  bot: TurnLogic;
  /** A turn that failed: the citizen hears an apology; the error is logged without personal data. */
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  /** The turn could not start (its conversation's lock was not had): nothing was done. */
  onLockFailed: (context: TurnContext, error: Error) => Promise<void>;
  /**
   * After each of the bot's turns (not proactive sends: no one waits on those): how long it
   * took and whether it went through (false = failed or could not start). The metrics.
   */
  onTurn?: (context: TurnContext, ms: number, ok: boolean) => void;
}

/** Set on a turn whose lock was not had (it did not fail, but it did not run either). */
const NOT_RUN = Symbol('turn not run');

/** What a door needs of the pipeline. */
export interface TurnRunner {
  run(context: TurnContext, logic?: TurnLogic): Promise<void>;
}

export const conversationKeyOf = (context: TurnContext): string => `${context.activity.channelId}/${context.activity.conversation?.id}`;

export class Pipeline implements TurnRunner {
  private readonly middleware: MiddlewareSet;

  constructor(private readonly parts: PipelineParts) {
    this.middleware = new MiddlewareSet(
      new InputCleaningMiddleware(),
      new TurnLockMiddleware(parts.lock, async (context, error) => {
        context.turnState.set(NOT_RUN, true);
        await parts.onLockFailed(context, error);
      }),
      new TranscriptLoggerMiddleware(parts.transcripts),
      ...parts.middleware,
    );
  }

  /** One turn from a door: the shared middleware, then `logic` (the bot, unless a proactive send). */
  async run(context: TurnContext, logic: TurnLogic = this.parts.bot): Promise<void> {
    const started = performance.now();
    let ok = true;
    try {
      await this.middleware.run(context, () => logic(context));
    } catch (err) {
      ok = false;
      await this.parts.onTurnError(context, err instanceof Error ? err : new Error(String(err)));
    }
    if (logic === this.parts.bot) this.parts.onTurn?.(context, performance.now() - started, ok && !context.turnState.get(NOT_RUN));
  }
}

/**
 * botbuilder's state is last-writer-wins: two turns of one conversation at once (a double tap,
 * a retried webhook, two instances) would clobber each other. If the lock cannot be had the
 * turn does not run and the citizen hears so; if only its release fails, what was said stands.
 */
class TurnLockMiddleware implements Middleware {
  constructor(
    private readonly lock: TurnLock,
    private readonly onLockFailed: (context: TurnContext, error: Error) => Promise<void>,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    let started = false;
    let turnError: unknown;
    try {
      await this.lock.run(conversationKeyOf(context), async () => {
        started = true;
        try {
          await next();
        } catch (err) {
          turnError = err;
        }
      });
    } catch (err) {
      if (!started) await this.onLockFailed(context, err instanceof Error ? err : new Error(String(err)));
    }
    if (turnError !== undefined) throw turnError;
  }
}
