// Who a citizen is, as far as the abuse limits are concerned: the door names the client
// (`ip:…` for the web chat, `line:…`, `tel:…` for a caller's number, `call:…` for a withheld
// number) and nothing else may. Counters key on a hash of it; staff read a masked form.
import { createHash } from 'node:crypto';
import type { ClientId } from '../../domain/ports.js';
import { maskPhone } from '../staff/routes.js';

export const webClient = (ip: string | undefined): ClientId => `ip:${ip ?? 'unknown'}`;
export const lineUserClient = (userId: string): ClientId => `line:${userId}`;
/** A caller by number; a withheld number counts per call (each call costs its caller time). */
export const callerClient = (phone: string | undefined, callSid: string): ClientId => (phone ? `tel:${phone}` : `call:${callSid}`);

/** What counters store: no address, number or LINE id in Redis keys. */
export function clientKey(client: ClientId): string {
  return createHash('sha256').update(client).digest('base64url').slice(0, 24);
}

/** The door and a masked identifier, for the staff console (203.0.113.x, 090-****-5678). */
export function describeClient(client: ClientId): { channel: string; subject: string } {
  const [kind = '', ...rest] = client.split(':');
  const value = rest.join(':');
  switch (kind) {
    case 'ip': {
      const v4 = /^(\d+\.\d+\.\d+)\.\d+$/.exec(value);
      return { channel: 'web', subject: v4 ? `${v4[1]}.x` : value.replace(/::\/64$/, '::/64') };
    }
    case 'line':
      return { channel: 'line', subject: `LINE利用者 …${value.slice(-4)}` };
    case 'tel':
      return { channel: 'phone', subject: maskPhone(value) };
    case 'call':
      return { channel: 'phone', subject: '番号非通知の電話' };
    default:
      return { channel: kind || 'other', subject: 'その他' };
  }
}
