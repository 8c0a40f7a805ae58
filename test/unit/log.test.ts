// Personal data (R10) never reaches a log line.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactText } from '../../adapters/log.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('logs', () => {
  it('R10: phone, birthday and e-mail are redacted at any depth', () => {
    const { logger, lines } = capture();
    logger.info({ phone: '09012345678', holder: { birthday: '12-24', email: 'taro@example.jp' }, req: { body: { holder: { phone: '0727246920' } } } }, 'booked');
    const out = lines.join('');
    expect(out).not.toMatch(/09012345678|12-24|taro@example\.jp|0727246920/);
    expect(out).toContain('[redacted]');
    expect(out).toContain('booked');
  });

  it('a proxy form request’s name in kana is redacted wherever it is logged; an error keeps its name', () => {
    const { logger, lines } = capture();
    logger.info({ request: { kanaName: 'ミノオ ハナコ' }, reading: { kana: 'ヤマダハナコ' } }, 'proxy request');
    logger.error({ err: new TypeError('boom') }, 'failed');
    const out = lines.join('');
    expect(out).not.toMatch(/ミノオ|ヤマダ/);
    expect(out).toContain('TypeError');
  });

  it('R10: free text loses phone numbers and e-mail addresses, keeps the rest', () => {
    const text = redactText('電話は090-1234-5678、メールは hanako@example.com です。12月3日10時で予約');
    expect(text).not.toMatch(/1234|hanako/);
    expect(text).toContain('12月3日10時で予約');
  });
});
