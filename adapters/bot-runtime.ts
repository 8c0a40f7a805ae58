// The bot as the channels run it: storage (Redis or memory), the bot and its dialogs, the
// transcript logger, and one turn at a time per conversation. Channels hand it activities.
import { MemoryStorage, TranscriptLoggerMiddleware, type Activity, type Storage, type TurnContext } from 'botbuilder';
import { ReservationBot } from '../bot/reservation-bot.js';
import type { BotServices } from '../dialogs/turn.js';
import { CollectingAdapter } from './console/collecting-adapter.js';
import type { Core } from './core.js';
import { SqlTranscriptStore } from './ledger/transcript-store.js';
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
  /** Runs one incoming activity and returns what the bot sent in that turn. */
  turn(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
}

/** Redis when configured (any instance serves any conversation), else this process's memory. */
export function defaultStorage(core: Core): { storage: Storage; lock: TurnLock } {
  return core.redis
    ? { storage: new RedisStorage(core.redis, { ttlSeconds: core.settings.STATE_TTL_SECONDS }), lock: new RedisTurnLock(core.redis) }
    : { storage: new MemoryStorage(), lock: new MemoryTurnLock() };
}

export async function createBotRuntime(core: Core, parts: { storage: Storage; lock: TurnLock } = defaultStorage(core)): Promise<BotRuntime> {
  const { storage, lock } = parts;
  const transcripts = new SqlTranscriptStore(core.ledger.db);
  const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_SMS_FROM: from } = core.settings;
  const notifier = allOf([
    ...(accountSid && authToken && from ? [new TwilioSmsNotifier({ accountSid, authToken, from }, core.logger)] : []),
    ...(core.settings.SMTP_URL ? [new EmailNotifier(core.settings.SMTP_URL, core.settings.MAIL_FROM, core.logger)] : []),
  ]);
  const services: BotServices = { desk: core.desk, clock: core.clock, tokenizer: await core.tokenizer, transcripts, ...(notifier ? { notifier } : {}) };
  const bot = new ReservationBot(storage, services);
  const adapter = new CollectingAdapter();
  adapter.use(new TranscriptLoggerMiddleware(transcripts));
  // Retention: transcripts older than the configured days go (here at start; issue 7 schedules it).
  const cutoff = new Date(core.clock().getTime() - core.settings.TRANSCRIPT_RETENTION_DAYS * 86_400_000);
  await transcripts.purgeOlderThan(cutoff).catch((err) => core.logger.warn({ err }, 'transcript purge failed'));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    core.logger.error({ err: error, channel: context.activity.channelId }, 'turn failed');
    await bot.apologise(context).catch(() => undefined);
  };
  return {
    bot,
    lock,
    transcripts,
    adapter,
    storage,
    turn: (activity) =>
      lock.run(`${activity.channelId}/${activity.conversation?.id}`, () => adapter.processActivity(activity, (context) => bot.run(context))),
  };
}
