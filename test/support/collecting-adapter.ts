// A BotAdapter that runs one turn in-process and hands back what the bot said in it, in order.
// The console channel uses it; so can channels that answer in the webhook's own response.
import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { randomUUID } from 'node:crypto';

const REPLIES = Symbol('replies');

export class CollectingAdapter extends BotAdapter {
  /** Runs the bot for one incoming activity; resolves with every activity the bot sent. */
  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>, turnState: Map<symbol, unknown> = new Map()): Promise<Partial<Activity>[]> {
    const context = new TurnContext(this, {
      id: randomUUID(),
      timestamp: new Date(),
      ...activity,
    } as Activity);
    const replies: Partial<Activity>[] = [];
    for (const [k, v] of turnState) context.turnState.set(k, v);
    context.turnState.set(REPLIES, replies);
    await this.runMiddleware(context, logic);
    return replies;
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const replies = context.turnState.get(REPLIES) as Partial<Activity>[] | undefined;
    return activities.map((a) => {
      const id = a.id ?? randomUUID();
      if (a.type !== 'delay' && a.type !== ActivityTypes.Trace) replies?.push({ ...a, id });
      return { id };
    });
  }

  async updateActivity(): Promise<void> {
    // Nothing shown can be edited in this channel.
  }

  async deleteActivity(): Promise<void> {
    // Nothing shown can be removed in this channel.
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.processActivity(activity, logic);
  }
}

/** The text of each message the bot sent. */
export function messageTexts(replies: Partial<Activity>[]): string[] {
  return replies.filter((a) => a.type === ActivityTypes.Message && a.text).map((a) => a.text!);
}
