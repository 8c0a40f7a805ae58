// What the web chat client may add to an activity it posts. Everything posted is queued for the
// conversation and written to the transcript, so only what the bot uses is kept, small: who
// sends it, an event's name, a card's submitted value when it is small plain data, and Web
// Chat's own clientActivityID (without it Web Chat shows "Send failed"). Attachments and any
// other channelData are dropped.
//
// Who sends it, as Azure's Direct Line does: the user a token names (a client cannot post as
// anyone else with it); else the id the client chose (the spec has the client choose it), when
// it is a short plain id and not the bot's or staff's; else one made from the conversation.
import type { ChannelAccount } from 'botbuilder-core';
import { BOT, STAFF } from './adapter.js';
import { MAX_USER_ID, MAX_USER_NAME, type TokenUser } from './tokens.js';

export const MAX_NAME = MAX_USER_NAME;
export const MAX_VALUE_BYTES = 1024;
export const MAX_CLIENT_ACTIVITY_ID = 100;
export const MAX_EVENT_NAME = 64;

export interface ClientFields {
  from: ChannelAccount;
  name?: string;
  value?: unknown;
  channelData?: { clientActivityID: string };
}

export interface PostedBody {
  from?: { id?: unknown; name?: unknown };
  name?: unknown;
  value?: unknown;
  channelData?: unknown;
}

// Printable ASCII without spaces: what Web Chat (r_…, dl_…) and Direct Line clients use.
const PLAIN_ID = new RegExp(`^[\\x21-\\x7E]{1,${MAX_USER_ID}}$`);
const EVENT_NAME = new RegExp(`^[\\x21-\\x7E]{1,${MAX_EVENT_NAME}}$`);
const RESERVED = new Set([BOT.id, STAFF.id]);

/** The user who speaks in a conversation when nobody said who: one per conversation. */
export const defaultUserId = (conversationId: string): string => `web-${conversationId}`;

/** A user id the client chose, when it is one we keep. */
export function plainUserId(id: unknown): string | undefined {
  return typeof id === 'string' && PLAIN_ID.test(id) && !RESERVED.has(id) ? id : undefined;
}

export function clientFields(conversationId: string, body: PostedBody, tokenUser?: TokenUser): ClientFields {
  const name = tokenUser?.name ?? (typeof body.from?.name === 'string' ? body.from.name.slice(0, MAX_NAME) : 'citizen');
  const id = tokenUser?.id ?? plainUserId(body.from?.id) ?? defaultUserId(conversationId);
  const from = { id, name, role: 'user' };
  const eventName = typeof body.name === 'string' && EVENT_NAME.test(body.name) ? body.name : undefined;
  const value = smallValue(body.value);
  const clientActivityID = (body.channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID;
  const keepId = typeof clientActivityID === 'string' && clientActivityID.length <= MAX_CLIENT_ACTIVITY_ID;
  return {
    from,
    ...(eventName !== undefined ? { name: eventName } : {}),
    ...(value !== undefined ? { value } : {}),
    ...(keepId ? { channelData: { clientActivityID } } : {}),
  };
}

/** The value as plain JSON data when it is at most MAX_VALUE_BYTES written out; else nothing. */
function smallValue(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    return undefined;
  }
  if (json === undefined || Buffer.byteLength(json, 'utf8') > MAX_VALUE_BYTES) return undefined;
  return JSON.parse(json) as unknown;
}
