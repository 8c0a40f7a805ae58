// Handoff as adapter middleware (after the transcript logger, so every message is kept):
// the bot's `handoff.initiate` event opens a handoff for staff; while it is open the bot stays
// out of the conversation and the citizen's messages go to staff; the citizen can go back to
// the automatic assistant at any time, or leave a number for a callback. A chat opened again
// meanwhile is told that staff have it: never silence.
import { ActivityTypes, TurnContext, type Activity, type Middleware } from 'botbuilder-core';
import * as info from '../../bot/messages/info.ja.js';
import { join } from '../../bot/messages/say.js';
import { readPhone } from '../../bot/understanding/entities.js';
import { normalize } from '../../bot/understanding/normalize.js';
import type { HandoffContext } from '../../dialogs/handoff-dialog.js';
import { CHANNEL_IDS, send } from '../../dialogs/turn.js';
import type { Clock } from '../clock.js';
import type { StaffEvents } from './events.js';
import type { Handoff, HandoffChannel, HandoffStore } from './handoffs.js';

/** A citizen waiting for staff is told again that their message arrived at most this often. */
export const ACK_EVERY_MINUTES = 10;

const BACK = new Set([info.BACK_TO_BOT, '自動案内にもどる', '自動応答に戻る', 'ボットに戻る', 'チャットボットに戻る', '自動案内']);

export function wantsBot(text: string | undefined): boolean {
  // The English button sends its English label (an English conversation shows it so).
  return BACK.has(plain(text)) || plain(text).toLowerCase() === plain(info.BACK_TO_BOT_EN).toLowerCase() || /^(?:back to (?:the )?(?:assistant|bot|chatbot)|talk to the (?:assistant|bot))$/i.test((text ?? '').trim().replace(/[.!]+$/, ''));
}

const plain = (text: string | undefined) => (text ?? '').normalize('NFKC').replace(/[\s。、．.!！「」]/g, '');
// 「折り返しの電話を希望」 (the button), 「折り返し電話お願いします」, 「かけ直してほしい」.
const CALLBACK = /(?:折り?返し|おりかえし|かけ直|掛け直).*(?:希望|お願い|おねがい|ほし|欲し|くださ|下さ|して)|^(?:折り?返し|おりかえし)(?:の?電話)?$/;

export function wantsCallback(text: string | undefined): boolean {
  const t = plain(text);
  return t === info.CALLBACK_REQUEST || CALLBACK.test(t) || t.toLowerCase() === plain(info.CALLBACK_REQUEST_EN).toLowerCase() || /\bcall me back\b|\bcallback\b|\bcall back\b/i.test(text ?? '');
}

/** A Japanese phone number in what was typed (full-width digits and kanji numerals too). */
const phoneIn = (text: string | undefined): string | null => readPhone(normalize(text ?? ''));

const CHANNELS: readonly HandoffChannel[] = ['web', 'line', 'phone'];

/** The phone door's word on a transfer (Bot Framework handoff.status); no other door sends it. */
const isTransferStatus = (a: Partial<Activity>) => a.type === ActivityTypes.Event && a.name === 'handoff.status' && a.channelId === CHANNEL_IDS.phone;

/** The event the web chat page posts each time it is (re)loaded: a chat opened again. */
export const WEB_JOIN = 'webchat/join';
const isJoin = (a: Partial<Activity>) => a.type === ActivityTypes.Event && a.name === WEB_JOIN;

export class HandoffMiddleware implements Middleware {
  constructor(private readonly d: { handoffs: HandoffStore; events: StaffEvents; clock: Clock; deskPhone?: string }) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (ctx, activities, nextSend) => {
      for (const a of activities) {
        if (a.type === ActivityTypes.Event && a.name === 'handoff.initiate') await this.record(ctx, a);
      }
      return nextSend();
    });
    const { activity } = context;
    if (isTransferStatus(activity)) await this.transferEnded(context);
    if (activity.type !== ActivityTypes.Message && activity.type !== ActivityTypes.ConversationUpdate && !isJoin(activity)) return next();
    const active = await this.d.handoffs.active(activity.channelId, activity.conversation.id);
    if (!active) return next();
    // A caller still on the line after a transfer is with the bot again (it offers a callback).
    if (active.channel === 'phone') return next();
    // Opened again (no bot welcome over staff's conversation, but never silence).
    if (activity.type !== ActivityTypes.Message) return this.greetReopened(context, active);
    if (wantsBot(activity.text)) {
      const r = await this.d.handoffs.resolve(active.id, 'citizen', this.d.clock());
      if (r.ok) await this.d.events.publish({ type: 'handoff', data: { id: active.id, status: 'resolved' } });
      const cancelled = active.mode === 'callback';
      await send(context, cancelled ? join(info.handoffCallbackCancelled(), info.handoffEnded(true)) : info.handoffEnded(true));
      return;
    }
    if (await this.callback(context, active)) return;
    await this.d.events.publish({ type: 'handoff', data: { id: active.id, status: active.status } });
    if (await this.d.handoffs.acknowledgeDue(active.id, this.d.clock(), ACK_EVERY_MINUTES)) await send(context, info.handoffWaiting());
  }

  /** Web Chat reloaded (its page's join event), LINE followed again: the citizen hears that staff have the chat, and the way back. */
  private async greetReopened(context: TurnContext, h: Handoff): Promise<void> {
    const { membersAdded, recipient } = context.activity;
    if (!isJoin(context.activity) && !(membersAdded ?? []).some((m) => m.id !== recipient?.id)) return;
    // The callback is offered once the citizen has been told no one can answer now.
    await send(context, info.handoffReopened(h.channel, { offerCallback: h.waitToldAt !== null, callbackPhone: h.callbackPhone }, this.d.deskPhone));
  }

  /** A callback request, or the number asked for after one; true when the message was that. */
  private async callback(context: TurnContext, h: Handoff): Promise<boolean> {
    if (h.channel === 'phone') return false; // a caller's own number is already kept
    const { text } = context.activity;
    const phone = phoneIn(text);
    if (wantsCallback(text)) {
      if (phone) return this.noteCallback(context, h, phone);
      await this.d.handoffs.askCallback(h.id, this.d.clock());
      await send(context, info.handoffAskCallbackPhone());
      return true;
    }
    if (!h.callbackAskedAt) return false;
    if (phone) return this.noteCallback(context, h, phone);
    // Not a number: it was a message for staff; asked once, not again.
    await this.d.handoffs.forgetCallbackQuestion(h.id);
    await this.d.events.publish({ type: 'handoff', data: { id: h.id, status: h.status } });
    await send(context, info.handoffCallbackPhoneUnclear());
    return true;
  }

  private async noteCallback(context: TurnContext, h: Handoff, phone: string): Promise<true> {
    const noted = await this.d.handoffs.requestCallback(h.id, phone);
    if (noted) await this.d.events.publish({ type: 'handoff', data: { id: h.id, status: noted.status } });
    await send(context, info.handoffCallbackNoted(phone));
    return true;
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
        callbackPhone: channel === 'phone' ? (value.callbackPhone ?? callerNumber) : undefined,
        reference: TurnContext.getConversationReference(context.activity),
        waitTold: value.waitTold === true,
      },
      this.d.clock(),
    );
    if (created) await this.d.events.publish({ type: 'handoff', data: { id: handoff.id, status: handoff.status } });
    // A transfer no one answered, handed off again as a callback request (with the number given).
    else if (channel === 'phone' && value.mode === 'callback' && value.callbackPhone) {
      const noted = await this.d.handoffs.requestCallback(handoff.id, value.callbackPhone);
      if (noted) await this.d.events.publish({ type: 'handoff', data: { id: noted.id, status: noted.status } });
    }
  }

  /** A transfer staff answered is over: its handoff is done (no one needs to call back). */
  private async transferEnded(context: TurnContext): Promise<void> {
    const { activity } = context;
    if ((activity.value as { state?: string } | undefined)?.state !== 'completed') return;
    const active = await this.d.handoffs.active(activity.channelId, activity.conversation.id);
    if (!active || active.mode !== 'transfer') return;
    const r = await this.d.handoffs.resolve(active.id, 'transfer', this.d.clock());
    if (r.ok) await this.d.events.publish({ type: 'handoff', data: { id: active.id, status: 'resolved' } });
  }
}
