// Finding 4 (web): invented e-mail addresses let one client book many windows. With SMTP, a web
// booking is committed only after the address is confirmed with a 6-digit code sent to it;
// nothing is held while the code is awaited (R8), so a window taken meanwhile is re-offered.
// Real SMTP conversations with a local server; the real service over Direct Line.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app.js';
import { webChatFrom, type WebChatFrom } from '../support/clients.js';

const NOW = '2026-11-25T10:00:00+09:00';

/** The text of a mail as sent (base64 or quoted-printable parts decoded). */
function mailText(raw: string): string {
  const [, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n');
  const b64 = body.replace(/\s/g, '');
  const decoded = /^[A-Za-z0-9+/=]+$/.test(b64) ? Buffer.from(b64, 'base64').toString('utf8') : '';
  const qp = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  return `${body}\n${decoded}\n${qp}`;
}

async function smtpServer() {
  const mails: { to: string[]; text: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (d) => (raw += d));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), text: mailText(raw) });
        done();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}?ignoreTLS=true`,
    mails,
    /** The code in the newest mail to `to`. */
    codeFor(to: string): string {
      const mail = mails.filter((m) => m.to.includes(to)).at(-1);
      const code = mail && /確認コード:(\d{6})/.exec(mail.text)?.[1];
      if (!code) throw new Error(`no code mailed to ${to}`);
      return code;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let n = 0;
/** Up to the e-mail question, for a window on the 10th of December. */
async function toEmail(chat: WebChatFrom, time: string): Promise<void> {
  n++;
  expect(await chat.say(`通知書が届いたので12月10日の${time}に予約したい`)).toMatch(/カード/);
  expect(await chat.say('いいえ')).toMatch(/本人/);
  expect(await chat.say('はい')).toMatch(/誕生日/);
  expect(await chat.say(`${(n % 12) + 1}月${(n % 27) + 1}日`)).toMatch(/電話番号/);
  expect(await chat.say(`090-3333-${String(4000 + n)}`)).toMatch(/メールアドレス/);
}

describe('web bookings confirm the e-mail address with a code (SMTP_URL set)', () => {
  let svc: RunningApp;
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  let ip = 0;
  const chat = () => webChatFrom(svc.url, `192.0.2.${++ip}`);
  beforeAll(async () => {
    smtp = await smtpServer();
    svc = await startApp({ FAKE_NOW: NOW, TRUST_PROXY: '1', SMTP_URL: smtp.url });
  }, 120_000);
  afterAll(async () => {
    await svc?.stop();
    await smtp?.close();
  });

  it('books only after the code mailed to the address is typed back; a wrong code is refused', async () => {
    const c = await chat();
    await toEmail(c, '9時');
    const asked = await c.say('taro@example.jp');
    expect(asked).toMatch(/taro@example\.jp に6桁の確認コードをお送りしました/);
    expect(asked).toMatch(/まだ予約は確定していません/);
    const code = smtp.codeFor('taro@example.jp');
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await c.say(wrong)).toMatch(/一致しません/);
    expect(await svc.app.desk.listByDate('2026-12-10')).toHaveLength(0);
    expect(await c.say(code)).toMatch(/よろしいですか/);
    expect(await c.say('はい')).toMatch(/予約が完了しました/);
    const booked = await svc.app.desk.listByDate('2026-12-10');
    expect(booked.map((r) => r.email)).toEqual(['taro@example.jp']);
  });

  it('holds nothing while the code is awaited: a window taken meanwhile is offered again', async () => {
    const c = await chat();
    await toEmail(c, '10時');
    await c.say('jiro@example.jp');
    // Three other people take the 10:00 window (capacity 3) while Jiro reads his mail.
    for (const [i, birthday] of ['01-11', '01-12', '01-13'].entries()) {
      const r = await svc.app.desk.book({ date: '2026-12-10', start: '10:00', channel: 'phone', holder: { birthday, phone: `0727246${900 + i}` }, now: svc.app.clock() });
      expect(r.ok).toBe(true);
    }
    expect(await c.say(smtp.codeFor('jiro@example.jp'))).toMatch(/よろしいですか/);
    const refused = await c.say('はい');
    expect(refused).toMatch(/満席/);
    expect(refused).not.toMatch(/予約が完了しました/);
    expect((await svc.app.desk.listByDate('2026-12-10')).filter((r) => r.email === 'jiro@example.jp')).toHaveLength(0);
  });

  it('takes another address on request, and after three wrong codes asks for the address again', async () => {
    const c = await chat();
    await toEmail(c, '11時');
    await c.say('typo@exmaple.jp');
    expect(await c.say('メールアドレスを変更')).toMatch(/メールアドレス/);
    await c.say('saburo@example.jp');
    const code = smtp.codeFor('saburo@example.jp');
    const wrong = code === '123456' ? '654321' : '123456';
    await c.say(wrong);
    await c.say(wrong);
    const failed = await c.say(wrong);
    expect(failed).toMatch(/確認できませんでした/);
    expect(failed).toMatch(/メールアドレス/);
    await c.say('saburo@example.jp');
    expect(await c.say(smtp.codeFor('saburo@example.jp'))).toMatch(/よろしいですか/);
    expect(await c.say('はい')).toMatch(/予約が完了しました/);
  });

  it('a new code on 「再送」; an old code no longer works', async () => {
    const c = await chat();
    await toEmail(c, '13時');
    await c.say('shiro@example.jp');
    const first = smtp.codeFor('shiro@example.jp');
    expect(await c.say('確認コードを再送')).toMatch(/新しい確認コードをお送りしました/);
    const second = smtp.codeFor('shiro@example.jp');
    if (first !== second) expect(await c.say(first)).toMatch(/一致しません/);
    expect(await c.say(second)).toMatch(/よろしいですか/);
  });
});

describe('WEB_EMAIL_CODE=off', () => {
  it('asks no code', async () => {
    const smtp = await smtpServer();
    const svc = await startApp({ FAKE_NOW: NOW, TRUST_PROXY: '1', SMTP_URL: smtp.url, WEB_EMAIL_CODE: 'off' });
    try {
      const c = await webChatFrom(svc.url, '192.0.2.200');
      await toEmail(c, '9時');
      expect(await c.say('goro@example.jp')).toMatch(/よろしいですか/);
    } finally {
      await svc.stop();
      await smtp.close();
    }
  }, 120_000);
});
