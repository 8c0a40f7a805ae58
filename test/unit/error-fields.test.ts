// R10: an error reaches the log as its name, message and stack only, free text masked.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, errorFields } from '../../adapters/log.js';

describe('errors in the log', () => {
  it('keep name, message and stack; drop what a library attached (dialog state, requests)', () => {
    const inner = Object.assign(new TypeError('bad value 090-1234-5678'), { row: { phone: '09012345678' } });
    const outer = Object.assign(new Error('turn failed'), { name: 'DialogContextError', error: inner, dialogContext: { stack: [{ state: { birthday: '05-03', email: 'taro@example.jp' } }] } });
    const f = errorFields(outer);
    expect(Object.keys(f).sort()).toEqual(['message', 'name', 'stack']);
    expect(f.name).toBe('DialogContextError');
    expect(f.stack).toContain('caused by: TypeError: bad value [phone]');
    expect(JSON.stringify(f)).not.toMatch(/09012345678|1234-5678|05-03|taro/);
  });

  it('a thrown string or a plain object is kept as a masked message', () => {
    expect(errorFields('mail to taro@example.jp failed')).toEqual({ name: 'Error', message: 'mail to [email] failed' });
    expect(errorFields({ message: 'x', secret: 'y' })).toEqual({ name: 'Error', message: 'x' });
  });

  it('the logger applies it to any `err`, however it was logged', () => {
    const lines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }));
    const err = Object.assign(new Error('boom'), { dialogContext: { state: { phone: '0727246920', note: 'reached at 0727246920' } } });
    logger.error({ err }, 'failed');
    logger.error(err);
    const logged = lines.map((l) => JSON.parse(l).err);
    for (const e of logged) expect(Object.keys(e).sort()).toEqual(['message', 'name', 'stack']);
    expect(lines.join('')).not.toContain('0727246920');
  });
});
