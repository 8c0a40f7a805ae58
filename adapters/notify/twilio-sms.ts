// SMS confirmation after a phone booking, through Twilio. Japan takes no SMS to landlines
// (Twilio error 21614), so only mobile numbers (070/080/090) get one; the text stays within
// one 70-character Japanese segment. Twilio's REST client (about 0.2 s to load) is loaded with
// the first text, not at every start.
import type { Twilio } from 'twilio';

type TwilioModule = typeof import('twilio');
import type { Notifier } from '../../domain/ports.js';
import type { Reservation } from '../../domain/reservation.js';
import { dateText, reservationNumberText, timeText } from '../../bot/format.js';
import type { Logger } from '../log.js';

export interface SmsSettings {
  accountSid: string;
  authToken: string;
  from: string;
  /** Tests inject one that records requests. */
  httpClient?: unknown;
  /** Another origin for Twilio's API (TWILIO_API_BASE_URL: a local Twilio-compatible endpoint in tests). */
  baseUrl?: string;
}

/**
 * Twilio's own HTTP client, its requests sent to another origin (TWILIO_API_BASE_URL: a local
 * Twilio-compatible endpoint in tests) with the same path, form and Basic authentication.
 */
function rebasedHttpClient(twilio: TwilioModule, baseUrl: string): unknown {
  const inner = new twilio.RequestClient({ timeout: 10_000 });
  const origin = baseUrl.replace(/\/$/, '');
  return {
    request: (opts: { uri: string }) => {
      const url = new URL(opts.uri);
      return inner.request({ ...(opts as Parameters<typeof inner.request>[0]), uri: origin + url.pathname + url.search });
    },
  };
}

export function smsText(r: Reservation): string {
  return `箕面市役所 電子証明書の予約を承りました。予約番号${reservationNumberText(r.number).replace(' ', '')} ${dateText(r.date)}${timeText(r.start)}〜 本館1階102番窓口`;
}

export class TwilioSmsNotifier implements Notifier {
  /** A text to any number (the phone door's messages outside a call). */
  async sendText(to: string, body: string): Promise<void> {
    await (await this.client()).messages.create({ to, from: this.s.from, body });
  }

  private clientPromise: Promise<Twilio> | undefined;

  constructor(private readonly s: SmsSettings, private readonly logger: Logger) {}

  private client(): Promise<Twilio> {
    return (this.clientPromise ??= (async () => {
      const { default: twilio } = await import('twilio');
      const httpClient = this.s.baseUrl ? rebasedHttpClient(twilio, this.s.baseUrl) : this.s.httpClient;
      return twilio(this.s.accountSid, this.s.authToken, httpClient ? { httpClient: httpClient as never } : {});
    })());
  }

  async bookingConfirmed(r: Reservation): Promise<void> {
    if (r.channel !== 'phone' || !/^0[789]0\d{8}$/.test(r.phone)) return;
    try {
      await (await this.client()).messages.create({ to: `+81${r.phone.slice(1)}`, from: this.s.from, body: smsText(r) });
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'SMS confirmation failed');
    }
  }
}

/** The SMS sender the settings describe (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_SMS_FROM, TWILIO_API_BASE_URL), or none. */
export function smsFromSettings(
  settings: { TWILIO_ACCOUNT_SID?: string | undefined; TWILIO_AUTH_TOKEN?: string | undefined; TWILIO_SMS_FROM?: string | undefined; TWILIO_API_BASE_URL?: string | undefined },
  logger: Logger,
): TwilioSmsNotifier | undefined {
  const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_SMS_FROM: from, TWILIO_API_BASE_URL: base } = settings;
  if (!accountSid || !authToken || !from) return undefined;
  return new TwilioSmsNotifier({ accountSid, authToken, from, ...(base ? { baseUrl: base } : {}) }, logger);
}
