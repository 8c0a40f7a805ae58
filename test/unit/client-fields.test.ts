// Only what the bot uses is kept from a posted web chat activity, and only small.
import { describe, expect, it } from 'vitest';
import { clientFields } from '../../adapters/channels/directline/client-fields.js';

describe('web chat client fields', () => {
  it('keeps a small value, the client activity id and a short name', () => {
    expect(clientFields('c1', { from: { name: '箕面 花子' }, value: { choice: 'はい', n: 1 }, channelData: { clientActivityID: 'abc-1', other: 'x' } })).toEqual({
      from: { id: 'web-c1', name: '箕面 花子', role: 'user' },
      value: { choice: 'はい', n: 1 },
      channelData: { clientActivityID: 'abc-1' },
    });
  });

  it('drops a large value, a long client id and anything else; cuts the name', () => {
    const f = clientFields('c1', { from: { name: 'あ'.repeat(5000) }, value: { blob: 'x'.repeat(60_000) }, channelData: { clientActivityID: 'y'.repeat(60_000) } });
    expect(f).toEqual({ from: { id: 'web-c1', name: 'あ'.repeat(50), role: 'user' } });
    expect(clientFields('c1', { value: 'z'.repeat(1100) }).value).toBeUndefined();
    expect(clientFields('c1', { channelData: { clientActivityID: 42 } }).channelData).toBeUndefined();
    expect(clientFields('c1', { from: { name: { evil: true } } }).from.name).toBe('citizen');
  });

  it('says who sends it: the token’s user, else the client’s own plain id, else one for the conversation', () => {
    expect(clientFields('c1', { from: { id: 'mallory', name: 'M' } }, { id: 'dl_abc', name: '花子' }).from).toEqual({ id: 'dl_abc', name: '花子', role: 'user' });
    expect(clientFields('c1', { from: { id: 'citizen-42' } }).from.id).toBe('citizen-42');
    for (const id of ['ecert-bot', 'staff', 'has space', 'x'.repeat(65), 42, '', 'é']) expect(clientFields('c1', { from: { id } }).from.id).toBe('web-c1');
  });

  it('keeps an event’s short plain name', () => {
    expect(clientFields('c1', { name: 'webchat/join' }).name).toBe('webchat/join');
    expect(clientFields('c1', { name: 'n'.repeat(65) }).name).toBeUndefined();
    expect(clientFields('c1', { name: { x: 1 } }).name).toBeUndefined();
  });
});
