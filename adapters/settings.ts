// Settings from the environment (secrets never come from files). `.env.example` lists them all.
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((s) => (s && s.trim() !== '' ? s.trim() : undefined));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optionalString,
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: optionalString,
  STATE_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 86_400).default(86_400),
  TRANSCRIPT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  RESERVATION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  // A handoff no one has claimed in this long: the citizen is told, and offered the phone and a callback.
  HANDOFF_WAIT_MINUTES: z.coerce.number().min(0).max(24 * 60).default(10),
  // How often each instance looks for reminders due (one instance sends them: a try-lock).
  REMINDER_CHECK_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  OFFICE_CONFIG: z.string().default('config/office.json'),
  FAKE_NOW: optionalString.refine((s) => s === undefined || !Number.isNaN(Date.parse(s)), {
    message: 'must be an ISO 8601 instant such as 2026-12-01T09:00:00+09:00',
  }),
  PUBLIC_BASE_URL: optionalString.refine((s) => s === undefined || /^https?:\/\/[^/]+/.test(s), { message: 'must be the public http(s) origin, e.g. https://ecert.example.jp' }),
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_ACCOUNT_SID: optionalString,
  TWILIO_SMS_FROM: optionalString,
  // Another origin for Twilio's REST API (SMS): tests point it at a local Twilio-compatible endpoint.
  TWILIO_API_BASE_URL: optionalString.refine((s) => s === undefined || /^https?:\/\/[^/]+/.test(s), { message: 'must be an http(s) origin, e.g. http://127.0.0.1:8080' }),
  SMTP_URL: optionalString,
  MAIL_FROM: z.string().default('箕面市 電子証明書予約 <no-reply@localhost>'),
  TWILIO_VOICE: z.string().default('Polly.Kazuha-Neural'),
  // Twilio's <Gather> speech model (ja-JP: googlev2_telephony); empty = Twilio chooses.
  TWILIO_SPEECH_MODEL: z.string().regex(/^[a-z0-9_.-]*$/i, { message: 'must be a Twilio speechModel name, e.g. googlev2_telephony' }).default('googlev2_telephony'),
  LINE_CHANNEL_SECRET: optionalString,
  LINE_CHANNEL_ACCESS_TOKEN: optionalString,
  LINE_API_BASE_URL: optionalString,
  // Signs web chat tokens: a short secret could be guessed offline from one token.
  DIRECTLINE_SECRET: optionalString.refine((s) => s === undefined || s.length >= 32, { message: 'must be at least 32 characters (e.g. openssl rand -hex 32), or unset for a random one per process' }),
  // Web Chat refreshes its token every 15 minutes; shorter lifetimes are for tests of expiry.
  DIRECTLINE_TOKEN_SECONDS: z.coerce.number().int().min(1).max(86_400).default(1800),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalString,
  STAFF_ADMIN_USER: optionalString,
  STAFF_ADMIN_PASSWORD: optionalString,
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(10).default(4000),
  HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  WEBCHAT_MAX_STREAMS: z.coerce.number().int().min(1).default(3000),
  WEBCHAT_STREAMS_PER_CONVERSATION: z.coerce.number().int().min(1).max(50).default(3),
  RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: z.coerce.number().int().min(0).default(30),
  WEBCHAT_TOKENS_PER_IP_PER_MINUTE: z.coerce.number().int().min(0).default(20),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  // GET /metrics asks for it as a bearer token; unset, /metrics answers only on this machine.
  METRICS_TOKEN: optionalString.refine((s) => s === undefined || s.length >= 16, { message: 'must be at least 16 characters (e.g. openssl rand -hex 32), or unset for loopback-only metrics' }),
  BOOKING_LIMIT_PER_CLIENT_PER_DAY: z.coerce.number().int().min(0).default(3),
  LOOKUP_MAX_WRONG_BIRTHDAYS: z.coerce.number().int().min(1).max(100).default(5),
  LOOKUP_LOCK_HOURS: z.coerce.number().positive().max(24 * 30).default(24),
  LOOKUP_LIMIT_PER_CLIENT_PER_HOUR: z.coerce.number().int().min(0).default(10),
  WEB_EMAIL_CODE: z.enum(['on', 'off']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Settings = z.infer<typeof schema>;

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const result = schema
    .superRefine((v, ctx) => {
      // Codes go by e-mail: asking for them with no way to send them would stop every web booking.
      if (v.WEB_EMAIL_CODE === 'on' && !v.SMTP_URL) ctx.addIssue({ code: 'custom', path: ['WEB_EMAIL_CODE'], message: 'is on, but SMTP_URL is not set: codes could not be sent' });
    })
    .safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new StartupError(`Invalid environment settings:\n${lines.join('\n')}`);
}

/** A problem that stops start-up with a message for the operator, not a stack trace. */
export class StartupError extends Error {}
