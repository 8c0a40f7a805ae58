// The bot as the channels run it: storage (Redis or memory), the bot and its dialogs, the
// transcript logger, and one turn at a time per conversation. Channels hand it activities.
import { MemoryStorage, TranscriptLoggerMiddleware, type Activity, type Storage, type TurnContext } from 'botbuilder';
import { ReservationBot } from '../bot/reservation-bot.js';
import { InputCleaningMiddleware } from '../bot/input-cleaning.js';
import type { MainDialog } from '../dialogs/main-dialog.js';
import { CLIENT, toActivity, type BotServices } from '../dialogs/turn.js';
import type { ClientId } from '../domain/ports.js';
import * as general from '../bot/messages/general.ja.js';
import { CollectingAdapter } from './console/collecting-adapter.js';
import type { Core } from './core.js';
import { errorFields } from './log.js';
import type { SqlTranscriptStore } from './ledger/transcript-store.js';
import { HandoffMiddleware } from './staff/handoff-middleware.js';
import { TwilioSmsNotifier } from './notify/twilio-sms.js';
import { allOf, EmailNotifier } from './notify/email.js';
import { RedisStorage } from './state/redis-storage.js';
import { MemoryTurnLock, RedisTurnLock, type TurnLock } from './state/turn-lock.js';

export interface BotRuntime {
  bot: ReservationBot;
  /** One turn at a time per key (conversation), across instances when on Redis. */
  lock: TurnLock;
  transcripts: SqlTranscriptStore;
  adapter: CollectingAdapter;
  storage: Storage;
  /** Runs one incoming activity and returns what the bot sent in that turn; `client` is who the door saw. */
  turn(activity: Partial<Activity>, client?: ClientId): Promise<Partial<Activity>[]>;
}

/** Redis when configured (any instance serves any conversation), else this process's memory. */
export function defaultStorage(core: Core): { storage: Storage; lock: TurnLock } {
  return core.redis
    ? { storage: new RedisStorage(core.redis, { ttlSeconds: core.settings.STATE_TTL_SECONDS }), lock: new RedisTurnLock(core.redis) }
    : { storage: new MemoryStorage(), lock: new MemoryTurnLock() };
}

export interface RuntimeOptions {
  /** The dialog behind the bot's shell (default: the reservation conversations); the bench's floor echoes. */
  mainDialog?: (services: BotServices) => MainDialog;
}

export async function createBotRuntime(core: Core, parts: { storage: Storage; lock: TurnLock } = defaultStorage(core), options: RuntimeOptions = {}): Promise<BotRuntime> {
  const { storage, lock } = parts;
  const { transcripts } = core;
  const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_SMS_FROM: from } = core.settings;
  const email = core.settings.SMTP_URL ? new EmailNotifier(core.settings.SMTP_URL, core.settings.MAIL_FROM, core.logger) : undefined;
  const notifier = allOf([
    ...(accountSid && authToken && from ? [new TwilioSmsNotifier({ accountSid, authToken, from }, core.logger)] : []),
    ...(email ? [email] : []),
  ]);
  // With SMTP, web bookers confirm their address with a code unless WEB_EMAIL_CODE=off.
  const emailVerifier = email && core.settings.WEB_EMAIL_CODE !== 'off' ? email : undefined;
  const services: BotServices = {
    desk: core.desk,
    clock: core.clock,
    tokenizer: await core.tokenizer,
    transcripts,
    bookingLimitPerDay: core.settings.BOOKING_LIMIT_PER_CLIENT_PER_DAY || undefined,
    ...(notifier ? { notifier } : {}),
    ...(emailVerifier ? { emailVerifier } : {}),
  };
  const bot = new ReservationBot(storage, services, options.mainDialog?.(services));
  const adapter = new CollectingAdapter();
  // First: nothing after it (transcript, handoff, dialogs, tokenizer) sees what it takes out.
  adapter.use(new InputCleaningMiddleware());
  adapter.use(new TranscriptLoggerMiddleware(transcripts));
  adapter.use(new HandoffMiddleware({ handoffs: core.handoffs, events: core.staffEvents, clock: core.clock }));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    core.logger.error({ err: errorFields(error), channel: context.activity.channelId }, 'turn failed');
    await bot.apologise(context).catch(() => undefined);
  };
  return {
    bot,
    lock,
    transcripts,
    adapter,
    storage,
    turn: async (activity, client) => {
      let replies: Partial<Activity>[] | undefined;
      const state = new Map<symbol, unknown>(client ? [[CLIENT, client]] : []);
      try {
        return await lock.run(`${activity.channelId}/${activity.conversation?.id}`, async () => (replies = await adapter.processActivity(activity, (context) => bot.run(context), state)));
      } catch (err) {
        // The turn ran but its lock could not be released (it expires by itself): what was said stands.
        if (replies) return replies;
        // The lock could not be taken (Redis away, or the turn before still running): nothing
        // was done, and the citizen hears so, with the phone number, instead of silence or a 500.
        core.logger.error({ err: errorFields(err), channel: activity.channelId }, 'turn could not run');
        return [toActivity(general.sorry(core.config.deskPhone), 'final')];
      }
    },
  };
}
