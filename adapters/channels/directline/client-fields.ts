// What the web chat client may add to a message it posts. Everything posted is queued for the
// conversation and written to the transcript, so only what the bot uses is kept, small: a
// display name, a card's submitted value when it is small plain data, and Web Chat's own
// clientActivityID (without it Web Chat shows "Send failed"). Attachments and any other
// channelData are dropped.
import type { ChannelAccount } from 'botbuilder';

export const MAX_NAME = 50;
export const MAX_VALUE_BYTES = 1024;
export const MAX_CLIENT_ACTIVITY_ID = 100;

export interface ClientFields {
  from: ChannelAccount;
  value?: unknown;
  channelData?: { clientActivityID: string };
}

export function clientFields(conversationId: string, body: { from?: { name?: unknown }; value?: unknown; channelData?: unknown }): ClientFields {
  const name = typeof body.from?.name === 'string' ? body.from.name.slice(0, MAX_NAME) : 'citizen';
  const from = { id: `web-${conversationId}`, name, role: 'user' };
  const value = smallValue(body.value);
  const clientActivityID = (body.channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID;
  const keepId = typeof clientActivityID === 'string' && clientActivityID.length <= MAX_CLIENT_ACTIVITY_ID;
  return { from, ...(value !== undefined ? { value } : {}), ...(keepId ? { channelData: { clientActivityID } } : {}) };
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
