// The web chat door: Direct Line activities in, Direct Line activities out. A posted activity
// keeps the id its echo was given, so every reply names it in `replyToId` (Web Chat holds a
// reply until it has the activity it answers: with an unknown id it waited ~5 s). What the bot
// sends is appended to the conversation's queue as it is sent — a turn's first message shows
// before its last is written — and so are proactive sends (staff replies, notices).
import type { Activity, Attachment, ResourceResponse, TurnContext } from 'botbuilder-core';
import type { TurnRunner } from '../../../bot/pipeline.js';
import type { Card } from '../../../bot/messages/say.js';
import { CHANNEL_IDS } from '../../../dialogs/turn.js';
import type { ClientId } from '../../../domain/ports.js';
import { Door } from '../door.js';
import type { ActivityQueue } from './queue.js';

/** Who the bot is in the web chat. */
export const BOT = { id: 'ecert-bot', name: '箕面市 電子証明書予約', role: 'bot' };
/** Who a staff member is to the citizen (their own name stays in the console). */
export const STAFF = { id: 'staff', name: '担当職員', role: 'bot' };
export const SERVICE_URL = 'directline:';

export class DirectLineAdapter extends Door {
  constructor(
    pipeline: TurnRunner,
    private readonly queue: ActivityQueue,
  ) {
    super(pipeline);
  }

  /** One activity a citizen posted (already echoed, with the echo's id), through the pipeline. */
  async receive(conversationId: string, activity: Partial<Activity>, client: ClientId): Promise<void> {
    await this.turn(
      {
        ...activity,
        channelId: CHANNEL_IDS.web,
        conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: 'webchat' },
        recipient: BOT,
        serviceUrl: SERVICE_URL,
        locale: activity.locale ?? 'ja-JP',
      },
      client,
    );
  }

  // Web chat shows what is sent as it is sent, in a turn or not.
  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    return this.deliver(context, activities);
  }

  protected async deliver(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conversationId = context.activity.conversation.id;
    const shown = activities.filter(isShown).map((a) => forWebChat(a, conversationId));
    const ids = shown.length ? await this.queue.append(conversationId, shown) : [];
    // Activities not shown (delays, traces, the handoff event) still get an id each.
    let next = 0;
    return activities.map((a) => ({ id: isShown(a) ? ids[next++]! : (a.id ?? `${conversationId}|local`) }));
  }
}

/** Messages, typing, and events other than the bot's own handoff request (that is for staff). */
function isShown(a: Partial<Activity>): boolean {
  return a.type === 'message' || a.type === 'typing' || (a.type === 'event' && a.name !== 'handoff.initiate');
}

interface SentData {
  card?: Card;
  staff?: string;
}

/** On the wire: who speaks (the bot or staff, never a staff member's name), when, and cards from data. */
function forWebChat(a: Partial<Activity>, conversationId: string): Partial<Activity> {
  const data = (a.channelData ?? {}) as SentData;
  const { staff, card, ...rest } = data;
  const out: Partial<Activity> = {
    ...a,
    from: staff ? STAFF : BOT,
    conversation: { id: conversationId } as Activity['conversation'],
    timestamp: new Date().toISOString() as unknown as Date,
    ...(Object.keys(rest).length ? { channelData: rest } : { channelData: undefined }),
  };
  if (a.type !== 'message' || !card) return out;
  // The read-back: its lead sentence as text, the details as an Adaptive Card's fact list (R10).
  const attachment: Attachment = {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.3',
      lang: 'ja',
      body: [
        { type: 'TextBlock', text: card.title, weight: 'Bolder', size: 'Medium', wrap: true },
        { type: 'FactSet', facts: card.facts.map((f) => ({ title: f.label, value: f.value })) },
      ],
    },
  };
  return { ...out, text: card.lead, attachments: [attachment] };
}
