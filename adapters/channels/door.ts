// What every door shares: a BotAdapter that turns its wire format into activities, runs each one
// through the one pipeline (bot/pipeline.ts), and turns what the bot sends back into its wire
// format. During a webhook's turn the replies are collected and answered in the webhook's own
// response (TwiML, a LINE reply); outside a turn (`continueConversation`: staff replies, notices,
// reminders) the door delivers them itself. A door only translates; it never decides.
import { randomUUID } from 'node:crypto';
import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder-core';
import type { TurnLogic, TurnRunner } from '../../bot/pipeline.js';
import { CLIENT } from '../../dialogs/turn.js';
import type { ClientId } from '../../domain/ports.js';

const REPLIES = Symbol('replies');

/** A door cannot reach this conversation now (not configured, or no way to send unasked). */
export class ChannelUnavailableError extends Error {
  override readonly name = 'ChannelUnavailableError';
}

export abstract class Door extends BotAdapter {
  constructor(protected readonly pipeline: TurnRunner) {
    super();
  }

  /**
   * Runs one incoming activity through the pipeline; resolves with what the bot sent in that
   * turn. `client` is who the door saw (for the abuse limits); only a door may say.
   */
  protected async turn(activity: Partial<Activity>, client?: ClientId): Promise<Partial<Activity>[]> {
    const context = new TurnContext(this, { id: randomUUID(), timestamp: new Date(), ...activity } as Activity);
    if (client) context.turnState.set(CLIENT, client);
    const replies: Partial<Activity>[] = [];
    context.turnState.set(REPLIES, replies);
    await this.pipeline.run(context);
    return replies;
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const replies = context.turnState.get(REPLIES) as Partial<Activity>[] | undefined;
    if (!replies) return this.deliver(context, activities);
    return activities.map((a) => {
      const id = a.id ?? randomUUID();
      if (a.type !== 'delay' && a.type !== ActivityTypes.Trace) replies.push({ ...a, id });
      return { id };
    });
  }

  /** Outside a webhook's turn: deliver to the conversation now (push, SMS, a queue). */
  protected abstract deliver(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]>;

  /** Writes to a conversation unasked, through the pipeline (serialised with its turns, kept in its transcript). */
  async continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation', id: randomUUID(), timestamp: new Date() }, reference, true);
    await this.pipeline.run(new TurnContext(this, activity as Activity), logic);
  }

  async updateActivity(): Promise<void> {
    // Nothing shown on these doors can be edited.
  }

  async deleteActivity(): Promise<void> {
    // Nothing shown on these doors can be removed.
  }
}

/** The text of each message the bot sent. */
export function messageTexts(replies: Partial<Activity>[]): string[] {
  return replies.filter((a) => a.type === ActivityTypes.Message && a.text).map((a) => a.text!);
}
