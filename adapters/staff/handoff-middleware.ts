// Handoff as adapter middleware (after the transcript logger, so every message is kept):
// the bot's `handoff.initiate` event opens a handoff for staff; while it is open the bot stays
// out of the conversation and the citizen's messages go to staff; the citizen can go back to
// the automatic assistant at any time.
import { ActivityTypes, TurnContext, type Activity, type Middleware } from 'botbuilder';
import * as info from '../../bot/messages/info.ja.js';
import type { HandoffContext } from '../../dialogs/handoff-dialog.js';
import { send } from '../../dialogs/turn.js';
import type { Clock } from '../clock.js';
import type { StaffEvents } from './events.js';
import type { HandoffChannel, HandoffStore } from './handoffs.js';

/** A citizen waiting for staff is told again that their message arrived at most this often. */
export const ACK_EVERY_MINUTES = 10;

const BACK = new Set([info.BACK_TO_BOT, '自動案内にもどる', '自動応答に戻る', 'ボットに戻る', 'チャットボットに戻る', '自動案内']);

export function wantsBot(text: string | undefined): boolean {
  return BACK.has((text ?? '').normalize('NFKC').replace(/[\s。、．.!！「」]/g, ''));
}

const CHANNELS: readonly HandoffChannel[] = ['web', 'line', 'phone'];

export class HandoffMiddleware implements Middleware {
  constructor(private readonly d: { handoffs: HandoffStore; events: StaffEvents; clock: Clock }) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (ctx, activities, nextSend) => {
      for (const a of activities) {
        if (a.type === ActivityTypes.Event && a.name === 'handoff.initiate') await this.record(ctx, a);
      }
      return nextSend();
    });
    const { activity } = context;
    if (activity.type !== ActivityTypes.Message && activity.type !== ActivityTypes.ConversationUpdate) return next();
    const active = await this.d.handoffs.active(activity.channelId, activity.conversation.id);
    if (!active) return next();
    if (activity.type !== ActivityTypes.Message) return; // a reconnect: no welcome over staff's conversation
    if (wantsBot(activity.text)) {
      const r = await this.d.handoffs.resolve(active.id, 'citizen', this.d.clock());
      if (r.ok) await this.d.events.publish({ type: 'handoff', data: { id: active.id, status: 'resolved' } });
      await send(context, info.handoffEnded(true));
      return;
    }
    await this.d.events.publish({ type: 'handoff', data: { id: active.id, status: active.status } });
    if (await this.d.handoffs.acknowledgeDue(active.id, this.d.clock(), ACK_EVERY_MINUTES)) await send(context, info.handoffWaiting());
  }

  /** The bot asked for staff: one handoff per conversation, visible at once in every console. */
  private async record(context: TurnContext, event: Partial<Activity>): Promise<void> {
    const value = (event.value ?? {}) as Partial<HandoffContext>;
    const channel = CHANNELS.includes(value.channel as HandoffChannel) ? (value.channel as HandoffChannel) : 'web';
    const callerNumber = (context.activity.channelData as { callerNumber?: string } | undefined)?.callerNumber;
    const { handoff, created } = await this.d.handoffs.open(
      {
        channelId: context.activity.channelId,
        conversationId: context.activity.conversation.id,
        channel,
        reason: value.reason ?? 'requested',
        mode: value.mode ?? 'reply',
        callbackPhone: channel === 'phone' ? callerNumber : undefined,
        reference: TurnContext.getConversationReference(context.activity),
      },
      this.d.clock(),
    );
    if (created) await this.d.events.publish({ type: 'handoff', data: { id: handoff.id, status: handoff.status } });
  }
}
