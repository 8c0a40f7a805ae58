// The bot as every door runs it: storage (Redis or memory), the bot and its dialogs with their
// services, and the one pipeline (bot/pipeline.ts) — input cleaning, one turn at a time per
// conversation, the transcript, handoff routing — with the same answer when a turn fails.
import { MemoryStorage, type Activity, type Storage, type TurnContext } from 'botbuilder-core';
import { Pipeline, type TurnLock } from '../bot/pipeline.js';
import { ReservationBot } from '../bot/reservation-bot.js';
import type { MainDialog } from '../dialogs/main-dialog.js';
import { channelOf, toActivity, type BotServices } from '../dialogs/turn.js';
import type { ClientId } from '../domain/ports.js';
import * as general from '../bot/messages/general.ja.js';
import { ConsoleDoor } from './console/console-door.js';
import type { Core } from './core.js';
import { errorFields } from './log.js';
import type { SqlTranscriptStore } from './ledger/transcript-store.js';
import { HandoffMiddleware } from './staff/handoff-middleware.js';
import { smsFromSettings } from './notify/twilio-sms.js';
import { allOf, EmailNotifier } from './notify/email.js';
import { SqlReminderStore } from './ledger/reminder-store.js';
import { SqlProxyRequestStore } from './ledger/proxy-request-store.js';
import { RedisStorage } from './state/redis-storage.js';
import { MemoryTurnLock, RedisTurnLock } from './state/turn-lock.js';

export interface BotRuntime {
  bot: ReservationBot;
  /** What every door hands its turns (and proactive sends) to. */
  pipeline: Pipeline;
  /** One turn at a time per key (conversation), across instances when on Redis. */
  lock: TurnLock;
  transcripts: SqlTranscriptStore;
  storage: Storage;
  /** Runs one activity through the pipeline as the console door; resolves with what the bot sent. */
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
  const sms = smsFromSettings(core.settings, core.logger);
  const email = core.settings.SMTP_URL ? new EmailNotifier(core.settings.SMTP_URL, core.settings.MAIL_FROM, core.logger) : undefined;
  const notifier = allOf([...(sms ? [sms] : []), ...(email ? [email] : [])]);
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
    reminders: new SqlReminderStore(core.ledger.db),
    proxyRequests: new SqlProxyRequestStore(core.ledger.db, core.staffEvents),
  };
  const bot = new ReservationBot(storage, services, options.mainDialog?.(services));
  const pipeline = new Pipeline({
    lock,
    transcripts,
    middleware: [new HandoffMiddleware({ handoffs: core.handoffs, events: core.staffEvents, clock: core.clock, deskPhone: core.config.deskPhone })],
    bot: (context) => bot.run(context),
    onTurnError: async (context: TurnContext, error: Error) => {
      core.logger.error({ err: errorFields(error), channel: context.activity.channelId }, 'turn failed');
      await bot.apologise(context).catch(() => undefined);
    },
    // The lock could not be taken (Redis away, or the turn before still running): nothing was
    // done, and the citizen hears so, with the phone number, instead of silence or a 500.
    onLockFailed: async (context: TurnContext, error: Error) => {
      core.logger.error({ err: errorFields(error), channel: context.activity.channelId }, 'turn could not run');
      await context.sendActivity(toActivity(general.sorry(core.config.deskPhone), 'final')).catch(() => undefined);
    },
    onTurn: (context, ms, ok) => core.metrics.turn(channelOf(context), ms, ok),
  });
  const consoleDoor = new ConsoleDoor(pipeline);
  return { bot, pipeline, lock, transcripts, storage, turn: (activity, client) => consoleDoor.processActivity(activity, client) };
}
