// E-mail confirmation for web-chat bookings (R10: internet bookings give an e-mail address),
// through any SMTP server (SMTP_URL), in plain Japanese text.
import type { Transporter } from 'nodemailer';
import type { EmailVerifier, Notifier } from '../../domain/ports.js';
import type { Reservation } from '../../domain/reservation.js';
import { reservationNumberText, windowText } from '../../bot/format.js';
import type { Logger } from '../log.js';

export function confirmationMail(r: Reservation): { subject: string; text: string } {
  return {
    subject: '【箕面市】電子証明書の新規発行・更新 ご予約の確認',
    text: [
      'ご予約ありがとうございます。次の内容で承りました。',
      '',
      `予約番号:${reservationNumberText(r.number)}`,
      `日時:${windowText(r)}`,
      '場所:箕面市役所 本館1階 戸籍住民異動室 102番窓口',
      '持ち物:ご本人の有効なマイナンバーカード(設定済みの暗証番号が必要です)',
      '',
      '当日は受付で、ご予約時の誕生日(月日)とご予約の時間を確認します。',
      'ご予約の時間帯の中でご案内します。時間に余裕をもってお越しください。',
      '変更・キャンセルは、予約したチャットで予約番号と誕生日を入力してお手続きください。',
      '',
      'このメールは送信専用です。お問い合わせは予約専用電話 072-724-6920(平日9時〜17時)へ。',
    ].join('\n'),
  };
}

/** The code that confirms a web booker's address (R10: internet bookings give an e-mail). */
export function codeMail(code: string): { subject: string; text: string } {
  return {
    subject: `【箕面市】電子証明書の予約 確認コード ${code}`,
    text: [
      '箕面市 電子証明書の新規発行・更新の予約チャットで、このメールアドレスが入力されました。',
      '',
      `確認コード:${code}`,
      '',
      'チャットにこの6桁のコードを入力すると、ご予約の確認に進みます(有効期限10分)。',
      'お心当たりのない場合は、このメールを破棄してください。予約は行われません。',
      '',
      'このメールは送信専用です。お問い合わせは予約専用電話 072-724-6920(平日9時〜17時)へ。',
    ].join('\n'),
  };
}

export class EmailNotifier implements Notifier, EmailVerifier {
  private transportPromise: Promise<Transporter> | undefined;

  constructor(private readonly smtpUrl: string, private readonly from: string, private readonly logger: Logger) {}

  /** nodemailer is loaded with the first mail, not at every start. */
  private transport(): Promise<Transporter> {
    // A server that does not answer fails the send within seconds (the reminder job retries it),
    // instead of nodemailer's default of minutes.
    return (this.transportPromise ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(withTimeouts(this.smtpUrl))));
  }

  /** A mail to one address; throws what the SMTP server said (a reminder is retried on a 4xx or a lost connection). */
  async sendMail(to: string, mail: { subject: string; text: string }): Promise<void> {
    await (await this.transport()).sendMail({ from: this.from, to, ...mail });
  }

  async bookingConfirmed(r: Reservation): Promise<void> {
    if (!r.email) return;
    try {
      await (await this.transport()).sendMail({ from: this.from, to: r.email, ...confirmationMail(r) });
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'confirmation e-mail failed');
    }
  }

  /** Throws when the mail could not be handed to the SMTP server (the dialog asks again). */
  async sendCode(email: string, code: string): Promise<void> {
    try {
      await (await this.transport()).sendMail({ from: this.from, to: email, ...codeMail(code) });
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'e-mail code not sent');
      throw new Error('e-mail code not sent');
    }
  }
}

/** The SMTP URL with bounded waits, unless it sets its own (nodemailer reads options from the query). */
function withTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [key, ms] of [['connectionTimeout', 10_000], ['greetingTimeout', 10_000], ['socketTimeout', 30_000]] as const) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, String(ms));
  }
  return url.toString();
}

/** Several notifiers as one (SMS for the phone line, e-mail for the web). */
export function allOf(notifiers: Notifier[]): Notifier | undefined {
  if (notifiers.length === 0) return undefined;
  return { bookingConfirmed: async (r) => void (await Promise.all(notifiers.map((n) => n.bookingConfirmed(r)))) };
}
