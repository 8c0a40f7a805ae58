// After a web-chat booking, a confirmation e-mail through a real SMTP conversation (a local server).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../adapters/log.js';
import { EmailNotifier } from '../../adapters/notify/email.js';
import { checkTurn, conversation, makeTestBot, replay, type TestBot } from '../support/bot.js';

describe('e-mail confirmation after a web booking', () => {
  let t: TestBot;
  let smtp: SMTPServer;
  const mails: { to: string[]; raw: string }[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, done) {
        let raw = '';
        stream.on('data', (d) => (raw += d));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          done();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    const port = (smtp.server.address() as AddressInfo).port;
    t = await makeTestBot('2026-11-25T10:00:00+09:00');
    t.services.notifier = new EmailNotifier(`smtp://127.0.0.1:${port}?ignoreTLS=true`, '箕面市 <no-reply@example.jp>', createLogger('silent'));
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  it('sends the reservation number, window and what to bring to the address given', async () => {
    const c = conversation(t, 'web', 'mail-user');
    await replay(
      c,
      [
        { user: '通知書が届いたので12月10日の11時に予約したい', bot: ['カード'] },
        { user: 'いいえ', bot: ['本人'] },
        { user: 'はい', bot: ['誕生日'] },
        { user: '8月1日', bot: ['電話番号'] },
        { user: '090-2222-3333', bot: ['メールアドレス'] },
        { user: 'hanako@example.jp', bot: ['よろしいですか'] },
        { user: 'はい', bot: ['予約が完了しました'] },
      ],
      checkTurn,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['hanako@example.jp']);
    const decoded = Buffer.from(mails[0]!.raw.split(/\r?\n\r?\n/).slice(1).join('').replace(/\s/g, ''), 'base64').toString('utf8');
    const body = /予約番号/.test(mails[0]!.raw) ? mails[0]!.raw : decoded;
    expect(body).toMatch(/予約番号:\d{4} \d{4}/);
    expect(body).toContain('12月10日(木) 11:00〜11:30');
    expect(body).toContain('マイナンバーカード');
  });
});
