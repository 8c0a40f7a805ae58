// LINE: the webhook is thin (as the SDK's examples): verify the signature over the raw body
// (401 otherwise), turn each event into an activity, run the turn, reply. Redelivered events
// (the same webhookEventId) are never answered or booked twice. Choices become quick replies,
// a date question gets LINE's date picker, the read-back a confirmation card.
import { createHash } from 'node:crypto';
import { messagingApi, validateSignature, type webhook } from '@line/bot-sdk';
import type { Activity, CardAction } from 'botbuilder';
import type { Request, Response } from 'restify';
import { CHANNEL_IDS } from '../../dialogs/turn.js';
import type { BotRuntime } from '../bot-runtime.js';
import { errorFields, type Logger } from '../log.js';
import type { SeenEvents } from './reply-cache.js';
import type { RateLimiter } from '../http/rate-limit.js';
import { lineUserClient } from '../security/client-id.js';

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

export function lineWebhookHandler(
  runtime: () => Promise<BotRuntime>,
  seen: SeenEvents,
  client: messagingApi.MessagingApiClient,
  s: LineSettings,
  logger: Logger,
  limiter?: RateLimiter,
) {
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
    const rt = await runtime();
    for (const event of events) {
      try {
        await handle(event, rt, seen, client, logger, limiter);
      } catch (err) {
        logger.error({ err: errorFields(err), channel: 'line' }, 'LINE event failed');
      }
    }
    res.json({});
  };
}

async function handle(event: webhook.Event, rt: BotRuntime, seen: SeenEvents, client: messagingApi.MessagingApiClient, logger: Logger, limiter?: RateLimiter): Promise<void> {
  const userId = event.source?.type === 'user' ? event.source.userId : undefined;
  if (!userId || !(await firstTime(seen, event.webhookEventId, logger))) return;
  // A flood from one user is not answered past the per-conversation limit (the webhook itself
  // is never refused: LINE would redeliver, and other users' events share the request).
  if (limiter && !(await limiter.allowMessage(`line-${userId}`))) {
    logger.warn({ channel: 'line' }, 'LINE user over the message limit; event not answered');
    return;
  }
  const activity = toActivity(event, userId);
  if (!activity) return;
  client.showLoadingAnimation({ chatId: userId, loadingSeconds: 5 }).catch(() => undefined);
  const replies = await rt.turn(activity, lineUserClient(userId));
  const messages = toLineMessages(replies);
  if (messages.length === 0) return;
  const replyToken = 'replyToken' in event ? event.replyToken : undefined;
  try {
    if (!replyToken) throw new Error('no reply token');
    await client.replyMessage({ replyToken, messages });
  } catch (err) {
    // The token lasts about a minute and works once: push instead, once (the retry key).
    logger.warn({ err: (err as Error).message }, 'LINE reply failed; pushing');
    await client.pushMessage({ to: userId, messages }, retryKey(event.webhookEventId));
  }
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
    serviceUrl: 'line:',
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

/** The bot's messages as LINE messages: at most five, choices as quick replies on the last. */
export function toLineMessages(replies: Partial<Activity>[]): LineMessage[] {
  const texts = replies.filter((a) => a.type === 'message' && a.text);
  if (texts.length === 0) return [];
  const last = texts.at(-1)!;
  const ask = (last.channelData as { ask?: string } | undefined)?.ask;
  const body: LineMessage[] = texts.slice(0, -1).map((a) => ({ type: 'text', text: a.text! }));
  const final: LineMessage = ask === 'confirm' ? confirmationCard(last.text!) : { type: 'text', text: last.text! };
  const items = quickReplies(last.suggestedActions?.actions ?? [], ask === 'date');
  if (items.length && final.type === 'text') final.quickReply = { items };
  const all = [...body, final];
  if (all.length <= MAX_MESSAGES) return all;
  // Fold the overflow into one text so nothing is lost.
  const head = all.slice(0, MAX_MESSAGES - 2);
  const folded: LineMessage = { type: 'text', text: all.slice(MAX_MESSAGES - 2, -1).map((m) => (m as { text: string }).text).join('\n\n') };
  return [...head, folded, all.at(-1)!];
}

function quickReplies(actions: CardAction[], datePicker: boolean): messagingApi.QuickReplyItem[] {
  const items: messagingApi.QuickReplyItem[] = actions.slice(0, datePicker ? MAX_QUICK_REPLIES - 1 : MAX_QUICK_REPLIES).map((a) => ({
    type: 'action',
    action: { type: 'message', label: String(a.title).slice(0, 20), text: String(a.value) },
  }));
  if (datePicker) items.push({ type: 'action', action: { type: 'datetimepicker', label: 'カレンダーから選ぶ', data: 'pick-date', mode: 'date' } });
  return items;
}

function confirmationCard(text: string): LineMessage {
  const [title, ...lines] = text.split('\n');
  return {
    type: 'flex',
    altText: text.slice(0, 400),
    contents: {
      type: 'bubble',
      body: {
        type: 'box',
        layout: 'vertical',
        spacing: 'sm',
        contents: [
          { type: 'text', text: title ?? '', weight: 'bold', wrap: true },
          ...lines.map((l) => ({ type: 'text' as const, text: l, size: 'sm' as const, wrap: true })),
        ],
      },
      footer: {
        type: 'box',
        layout: 'horizontal',
        spacing: 'sm',
        contents: [
          { type: 'button', style: 'primary', action: { type: 'message', label: 'はい', text: 'はい' } },
          { type: 'button', style: 'secondary', action: { type: 'message', label: 'いいえ', text: 'いいえ' } },
        ],
      },
    },
  };
}

/** X-Line-Retry-Key must be a UUID; derive one from the event id so a repeat push is refused. */
function retryKey(eventId: string): string {
  const hex = createHash('sha256').update(eventId).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
