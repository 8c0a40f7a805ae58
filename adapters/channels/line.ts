// LINE: the webhook is thin (as the SDK's examples): verify the signature over the raw body
// (401 otherwise), turn each event into an activity for the LINE door, which runs it through the
// pipeline and replies with the reply token (a push when the token is gone). Redelivered events
// (the same webhookEventId) are never answered or booked twice. Choices become quick replies,
// a date question gets LINE's date picker, the read-back a confirmation card — all from the
// activity's data, never from its text. Proactive sends (staff replies, notices) are pushed.
import { createHash } from 'node:crypto';
import { messagingApi, validateSignature, type webhook } from '@line/bot-sdk';
import type { Activity, CardAction, ResourceResponse, TurnContext } from 'botbuilder-core';
import type { Request, Response } from 'restify';
import type { TurnRunner } from '../../bot/pipeline.js';
import type { Card } from '../../bot/messages/say.js';
import { CHANNEL_IDS } from '../../dialogs/turn.js';
import { errorFields, type Logger } from '../log.js';
import type { SeenEvents } from './reply-cache.js';
import type { RateLimiter } from '../http/rate-limit.js';
import { lineUserClient } from '../security/client-id.js';
import { Door } from './door.js';

export interface LineSettings {
  channelSecret: string;
  channelAccessToken: string;
  apiBaseUrl?: string | undefined;
}

type LineMessage = messagingApi.Message;
const MAX_MESSAGES = 5;
const MAX_QUICK_REPLIES = 13;

export function lineClient(s: LineSettings): messagingApi.MessagingApiClient {
  return new messagingApi.MessagingApiClient({ channelAccessToken: s.channelAccessToken, ...(s.apiBaseUrl ? { baseURL: s.apiBaseUrl } : {}) });
}

export const LINE_SERVICE_URL = 'line:';

/** The LINE door: one event → one turn; the turn's replies go back with its reply token. */
export class LineAdapter extends Door {
  constructor(
    pipeline: TurnRunner,
    private readonly client: messagingApi.MessagingApiClient,
    private readonly logger: Logger,
  ) {
    super(pipeline);
  }

  async receive(event: webhook.Event, userId: string): Promise<void> {
    const activity = toActivity(event, userId);
    if (!activity) return;
    this.client.showLoadingAnimation({ chatId: userId, loadingSeconds: 5 }).catch(() => undefined);
    const messages = toLineMessages(await this.turn(activity, lineUserClient(userId)));
    if (messages.length === 0) return;
    const replyToken = 'replyToken' in event ? event.replyToken : undefined;
    try {
      if (!replyToken) throw new Error('no reply token');
      await this.client.replyMessage({ replyToken, messages });
    } catch (err) {
      // The token lasts about a minute and works once: push instead, once (the retry key).
      this.logger.warn({ err: (err as Error).message }, 'LINE reply failed; pushing');
      await this.client.pushMessage({ to: userId, messages }, retryKey(event.webhookEventId));
    }
  }

  /** Unasked (staff, notices): pushed to the user the conversation reference names. */
  protected async deliver(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const to = context.activity.from?.id;
    const messages = toLineMessages(activities);
    if (to && messages.length) {
      for (let i = 0; i < messages.length; i += MAX_MESSAGES) await this.client.pushMessage({ to, messages: messages.slice(i, i + MAX_MESSAGES) });
    }
    return activities.map((a) => ({ id: a.id ?? '' }));
  }
}

export function lineWebhookHandler(adapter: LineAdapter, seen: SeenEvents, s: LineSettings, logger: Logger, limiter?: RateLimiter) {
  return async (req: Request, res: Response): Promise<void> => {
    const raw = (req as Request & { rawBody?: string | Buffer }).rawBody;
    const signature = req.header('x-line-signature');
    if (!raw || !signature || !validateSignature(raw, s.channelSecret, signature)) {
      res.status(401);
      res.json({ error: { code: 'bad-signature', message: 'invalid LINE signature' } });
      return;
    }
    const events = ((req.body ?? {}) as { events?: webhook.Event[] }).events;
    if (!Array.isArray(events)) {
      res.status(400);
      res.json({ error: { code: 'bad-body', message: 'events must be an array' } });
      return;
    }
    for (const event of events) {
      try {
        await handle(event, adapter, seen, logger, limiter);
      } catch (err) {
        logger.error({ err: errorFields(err), channel: 'line' }, 'LINE event failed');
      }
    }
    res.json({});
  };
}

async function handle(event: webhook.Event, adapter: LineAdapter, seen: SeenEvents, logger: Logger, limiter?: RateLimiter): Promise<void> {
  const userId = event.source?.type === 'user' ? event.source.userId : undefined;
  if (!userId || !(await firstTime(seen, event.webhookEventId, logger))) return;
  // A flood from one user is not answered past the per-conversation limit (the webhook itself
  // is never refused: LINE would redeliver, and other users' events share the request).
  if (limiter && !(await limiter.allowMessage(`line-${userId}`))) {
    logger.warn({ channel: 'line' }, 'LINE user over the message limit; event not answered');
    return;
  }
  await adapter.receive(event, userId);
}

/** Whether the event is new; when Redis cannot tell, it is answered (the turn then apologises if Redis is away) rather than left unanswered. */
async function firstTime(seen: SeenEvents, eventId: string, logger: Logger): Promise<boolean> {
  try {
    return await seen.firstTime(eventId);
  } catch (err) {
    logger.warn({ err: (err as Error).message, channel: 'line' }, 'seen-events store unavailable');
    return true;
  }
}

function toActivity(event: webhook.Event, userId: string): Partial<Activity> | undefined {
  const base: Partial<Activity> = {
    channelId: CHANNEL_IDS.line,
    conversation: { id: `line-${userId}`, isGroup: false, conversationType: 'personal', name: 'line' },
    from: { id: userId, name: 'line-user', role: 'user' },
    recipient: { id: 'ecert-bot', name: 'ecert-bot', role: 'bot' },
    serviceUrl: LINE_SERVICE_URL,
    locale: 'ja-JP',
    timestamp: new Date(event.timestamp),
  };
  if (event.type === 'follow') return { ...base, type: 'conversationUpdate', membersAdded: [{ id: userId, name: 'line-user' }] };
  if (event.type === 'message') {
    const text = event.message.type === 'text' ? (event.message as webhook.TextMessageContent).text : '';
    return { ...base, type: 'message', text };
  }
  if (event.type === 'postback') {
    const date = event.postback.params && 'date' in event.postback.params ? (event.postback.params as { date?: string }).date : undefined;
    const text = date ? `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日` : event.postback.data;
    return { ...base, type: 'message', text };
  }
  return undefined;
}

/** LINE's limits its schema leaves out (RESEARCH.md): text 5,000 characters, labels 20, altText 1,500. */
const MAX_TEXT = 5000;
const MAX_LABEL = 20;
const MAX_ALT_TEXT = 1500;

interface SentData {
  ask?: string;
  card?: Card;
}

/** The bot's messages as LINE messages: at most five, choices as quick replies on the last. */
export function toLineMessages(replies: Partial<Activity>[]): LineMessage[] {
  const texts = replies.filter((a) => a.type === 'message' && a.text);
  if (texts.length === 0) return [];
  const last = texts.at(-1)!;
  const data = (last.channelData ?? {}) as SentData;
  const actions = last.suggestedActions?.actions ?? [];
  const body: LineMessage[] = texts.slice(0, -1).map((a) => textMessage(a.text!));
  const final: LineMessage = data.card ? confirmationCard(data.card, last.text!, actions) : textMessage(last.text!);
  const items = data.card ? [] : quickReplies(actions, data.ask === 'date');
  if (items.length && final.type === 'text') final.quickReply = { items };
  const all = [...body, final];
  if (all.length <= MAX_MESSAGES) return all;
  // Fold the overflow into one text so nothing is lost.
  const head = all.slice(0, MAX_MESSAGES - 2);
  const folded = textMessage(all.slice(MAX_MESSAGES - 2, -1).map((m) => (m as { text: string }).text).join('\n\n'));
  return [...head, folded, all.at(-1)!];
}

function textMessage(text: string): messagingApi.TextMessage {
  return { type: 'text', text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text };
}

const shortOf = (a: CardAction) => (a.channelData as { short?: string } | undefined)?.short;

/**
 * A button's label: the choice's own short form when it has one (never a time cut in half).
 * `alike`: a row of choices shows the short form on every button that has one as soon as one
 * needs it, so 12/22(火) 10:00〜10:30 never sits beside 12月22日(火) 9:30〜10:00.
 */
function label(a: CardAction, alike = false): string {
  const short = shortOf(a);
  const full = String(a.title);
  const shown = full.length <= MAX_LABEL && !(alike && short) ? full : (short ?? full);
  return shown.length <= MAX_LABEL ? shown : `${shown.slice(0, MAX_LABEL - 1)}…`;
}

/** Whether any choice of the row is too long for a button and has a short form. */
const needsShort = (actions: CardAction[]) => actions.some((a) => String(a.title).length > MAX_LABEL && shortOf(a));

function quickReplies(actions: CardAction[], datePicker: boolean): messagingApi.QuickReplyItem[] {
  const shown = actions.slice(0, datePicker ? MAX_QUICK_REPLIES - 1 : MAX_QUICK_REPLIES);
  const alike = needsShort(shown);
  const items: messagingApi.QuickReplyItem[] = shown.map((a) => ({
    type: 'action',
    action: { type: 'message', label: label(a, alike), text: String(a.value) },
  }));
  if (datePicker) items.push({ type: 'action', action: { type: 'datetimepicker', label: 'カレンダーから選ぶ', data: 'pick-date', mode: 'date' } });
  return items;
}

/** The read-back as a Flex bubble: its lead, the facts as rows, the choices as buttons. */
function confirmationCard(card: Card, text: string, actions: CardAction[]): LineMessage {
  return {
    type: 'flex',
    altText: text.length > MAX_ALT_TEXT ? `${text.slice(0, MAX_ALT_TEXT - 1)}…` : text,
    contents: {
      type: 'bubble',
      header: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: card.title, weight: 'bold', size: 'md', wrap: true }] },
      body: {
        type: 'box',
        layout: 'vertical',
        spacing: 'sm',
        contents: [
          { type: 'text', text: card.lead, wrap: true },
          ...card.facts.map((f) => ({
            type: 'box' as const,
            layout: 'baseline' as const,
            spacing: 'sm',
            contents: [
              { type: 'text' as const, text: f.label, size: 'sm' as const, color: '#666666', flex: 2 },
              { type: 'text' as const, text: f.value, size: 'sm' as const, wrap: true, flex: 5 },
            ],
          })),
        ],
      },
      footer: {
        type: 'box',
        layout: 'horizontal',
        spacing: 'sm',
        contents: actions.slice(0, 3).map((a, i, row) => ({
          type: 'button' as const,
          style: i === 0 ? ('primary' as const) : ('secondary' as const),
          action: { type: 'message' as const, label: label(a, needsShort(row)), text: String(a.value) },
        })),
      },
    },
  };
}

/** X-Line-Retry-Key must be a UUID; derive one from the event id so a repeat push is refused. */
function retryKey(eventId: string): string {
  const hex = createHash('sha256').update(eventId).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
