// Staff's side of a handed-off conversation: what was said (from the transcript store), and
// delivering a staff reply — into the citizen's web chat, by LINE push, or for a phone call as a
// callback note — plus telling the citizen when the automatic assistant takes over again.
import { ActivityTypes, type Activity } from 'botbuilder';
import type { messagingApi } from '@line/bot-sdk';
import * as info from '../../bot/messages/info.ja.js';
import { toActivity } from '../../dialogs/turn.js';
import type { ActivityQueue } from '../channels/directline/queue.js';
import { BOT } from '../channels/directline/routes.js';
import { conversationKey, type SqlTranscriptStore } from '../ledger/transcript-store.js';
import type { Handoff } from './handoffs.js';

export interface TranscriptLine {
  at: string;
  from: 'citizen' | 'bot' | 'staff';
  /** The staff member, for staff lines. */
  name: string | null;
  text: string;
}

/** The most a console shows of one conversation (the latest part). */
const MAX_LINES = 500;
const STAFF = { id: 'staff', name: '担当職員', role: 'bot' };
/** Shown before a staff reply, so the citizen knows a person wrote it. */
export const STAFF_LABEL = '【担当職員】';

interface StaffData {
  staff?: string;
}

/** What was said in each handed-off conversation (the latest part), by handoff id, in one query. */
export async function transcriptsOf(store: SqlTranscriptStore, handoffs: Handoff[]): Promise<Map<string, TranscriptLine[]>> {
  const activities = await store.latestOf(handoffs, MAX_LINES);
  return new Map(
    handoffs.map((h) => {
      const said = activities.get(conversationKey(h.channelId, h.conversationId)) ?? [];
      return [h.id, said.map(toLine).filter((l): l is TranscriptLine => l !== undefined)];
    }),
  );
}

function toLine(a: Activity): TranscriptLine | undefined {
  if (a.type !== ActivityTypes.Message) return undefined;
  const text = a.text || a.speak || '';
  if (!text) return undefined;
  const staff = (a.channelData as StaffData | undefined)?.staff;
  const from = staff ? 'staff' : a.from?.role === 'user' ? 'citizen' : a.recipient?.role === 'bot' ? 'citizen' : 'bot';
  const at = a.timestamp ? new Date(a.timestamp).toISOString() : new Date(0).toISOString();
  return { at, from, name: staff ?? null, text: staff && text.startsWith(STAFF_LABEL) ? text.slice(STAFF_LABEL.length).trimStart() : text };
}

export type Delivery = 'delivered' | 'noted';

export class ChannelUnavailableError extends Error {}

export interface StaffRepliesDeps {
  transcripts: SqlTranscriptStore;
  queue: ActivityQueue;
  /** Present when LINE is configured. */
  line?: messagingApi.MessagingApiClient | undefined;
}

export class StaffReplies {
  constructor(private readonly d: StaffRepliesDeps) {}

  /** A staff member's answer: to the citizen where they are; on a phone handoff, a note for the callback. */
  async reply(h: Handoff, text: string, staff: string): Promise<Delivery> {
    const shown = `${STAFF_LABEL}\n${text}`;
    const delivery = h.channel === 'phone' ? 'noted' : 'delivered';
    if (h.channel !== 'phone') await this.toCitizen(h, { type: 'message', text: shown, from: STAFF });
    await this.log(h, { type: 'message', text: shown, from: STAFF, channelData: { staff, ...(delivery === 'noted' ? { note: true } : {}) } });
    return delivery;
  }

  /** Staff closed it: the citizen hears that the automatic assistant answers again. */
  async announceEnd(h: Handoff): Promise<void> {
    if (h.channel === 'phone') return;
    const message = { ...toActivity(info.handoffEnded(false), false), from: BOT };
    await this.toCitizen(h, message);
    await this.log(h, message);
  }

  private async toCitizen(h: Handoff, message: Partial<Activity>): Promise<void> {
    if (h.channel === 'web') {
      await this.d.queue.append(h.conversationId, [{ ...message, conversation: { id: h.conversationId } as never, timestamp: new Date().toISOString() as never }]);
      return;
    }
    if (!this.d.line) throw new ChannelUnavailableError('LINE is not configured on this service');
    const userId = h.conversationId.replace(/^line-/, '');
    await this.d.line.pushMessage({ to: userId, messages: [{ type: 'text', text: message.text ?? '' }] });
  }

  private async log(h: Handoff, message: Partial<Activity>): Promise<void> {
    await this.d.transcripts.logActivity({
      ...message,
      channelId: h.channelId,
      conversation: { id: h.conversationId } as never,
      recipient: { id: 'citizen', name: 'citizen', role: 'user' },
      timestamp: new Date(),
    } as Activity);
  }
}
