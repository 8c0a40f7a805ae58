// Staff's side of a handed-off conversation: what was said (from the transcript store), and a
// staff reply written into the citizen's conversation through the door that serves it (the
// handoff's stored conversation reference; for a phone call, a note for the callback), plus
// telling the citizen when the automatic assistant takes over again.
import { ActivityTypes, type Activity } from 'botbuilder-core';
import * as info from '../../bot/messages/info.ja.js';
import { send } from '../../dialogs/turn.js';
import type { Doors } from '../channels/doors.js';
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

export { ChannelUnavailableError } from '../channels/door.js';

export interface StaffRepliesDeps {
  transcripts: SqlTranscriptStore;
  doors: Doors;
}

export class StaffReplies {
  constructor(private readonly d: StaffRepliesDeps) {}

  /** A staff member's answer: to the citizen where they are; on a call, a note for the callback. */
  async reply(h: Handoff, text: string, staff: string): Promise<Delivery> {
    const shown = `${STAFF_LABEL}\n${text}`;
    // A call has ended by the time staff answer: they call back, and the answer is their note.
    // (A chat whose citizen asked for a callback is still open: the answer goes there.)
    if (h.channel === 'phone') {
      await this.note(h, { type: 'message', text: shown, channelData: { staff, note: true } });
      return 'noted';
    }
    await this.d.doors.continueConversation(h.reference, async (context) => void (await context.sendActivity({ type: 'message', text: shown, channelData: { staff } })));
    return 'delivered';
  }

  /** Staff closed it: the citizen hears that the automatic assistant answers again. */
  async announceEnd(h: Handoff): Promise<void> {
    if (h.channel === 'phone') return;
    await this.d.doors.continueConversation(h.reference, (context) => send(context, info.handoffEnded(false)));
  }

  /** Kept in the conversation's transcript only (nothing is sent). */
  private async note(h: Handoff, message: Partial<Activity>): Promise<void> {
    await this.d.transcripts.logActivity({
      ...message,
      channelId: h.channelId,
      conversation: { id: h.conversationId } as never,
      from: { id: 'staff', name: 'staff', role: 'bot' },
      recipient: { id: 'citizen', name: 'citizen', role: 'user' },
      timestamp: new Date(),
    } as Activity);
  }
}
