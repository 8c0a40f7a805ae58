// The composition root of the HTTP service: the core (configuration, ledger, desk, Redis,
// tokenizer) and the restify server with its readiness checks.
import type { Server } from 'restify';
import { isTokenizerReady } from '../bot/understanding/tokenizer.js';
import { buildCore, type Core, type CoreOverrides } from './core.js';
import { createServer, type ReadinessCheck } from './http/server.js';
import type { Settings } from './settings.js';
import { createBotRuntime, defaultStorage, type BotRuntime } from './bot-runtime.js';
import { Doors } from './channels/doors.js';
import type { TurnLock, TurnRunner } from '../bot/pipeline.js';
import type { Storage } from 'botbuilder-core';
import { MemoryReplyCache, MemorySeenEvents, RedisReplyCache, RedisSeenEvents } from './channels/reply-cache.js';
import { smsFromSettings } from './notify/twilio-sms.js';
import { TWILIO_SERVICE_URL, TwilioVoiceAdapter, twilioVoiceHandler } from './channels/twilio-voice.js';
import { wrap } from './http/server.js';
import { createRateLimiter } from './http/rate-limit.js';
import { handoffCounts } from './metrics.js';
import { httpLimits } from './http/limits.js';
import { startRetentionJob } from './jobs/retention.js';
import { startHandoffWaitJob, type HandoffWaitJob } from './jobs/handoff-wait.js';
import { startReminderJob, type ReminderJob } from './jobs/reminders.js';
import { SqlReminderStore } from './ledger/reminder-store.js';
import { EmailNotifier } from './notify/email.js';
import { mountWebChatPage } from './http/webchat-page.js';
import { mountStaffConsole } from './staff/console-page.js';
import { mountVoiceSimulator } from './staff/voice-simulator.js';
import { StaffStore } from './staff/accounts.js';
import { mountStaffApi, staffGuard } from './staff/routes.js';
import { StaffReplies } from './staff/conversations.js';
import { mountHandoffApi } from './staff/handoff-routes.js';
import { mountWindowApi } from './staff/window-routes.js';
import { mountBookingApi } from './staff/booking-routes.js';
import { mountAlertApi } from './security/alert-routes.js';
import { mountProxyRequestApi } from './staff/proxy-request-routes.js';
import { SqlProxyRequestStore } from './ledger/proxy-request-store.js';
import { mountDirectLine, pageTokenLimiter } from './channels/directline/routes.js';
import { MemoryActivityQueue, RedisActivityQueue } from './channels/directline/queue.js';
import { DirectLineTokens } from './channels/directline/tokens.js';
import { DirectLineAdapter, SERVICE_URL as DIRECTLINE_SERVICE_URL } from './channels/directline/adapter.js';

export interface App extends Core {
  server: Server;
  /** The bot, once the Japanese dictionary has loaded. */
  runtime: () => Promise<BotRuntime>;
  /** Tells citizens whose handoff no one has taken (HANDOFF_WAIT_MINUTES; outside desk hours at once). */
  handoffWait: HandoffWaitJob;
  /** Reminds each booking once, the business day before, on its own channel (issue 15). */
  reminders: ReminderJob;
}

export const TWILIO_VOICE_PATH = '/api/twilio/voice';
/** The transfer's <Dial action>: Twilio posts DialCallStatus here when the call to staff ends. */
export const TWILIO_DIAL_STATUS_PATH = '/api/twilio/voice/dial-status';
export const LINE_WEBHOOK_PATH = '/api/line/webhook';

export interface AppOptions {
  /** The bot behind the channels (default: the reservation bot); the bench swaps in an echo bot. */
  runtime?: (core: Core, parts: { storage: Storage; lock: TurnLock }) => Promise<BotRuntime>;
}

export async function buildApp(settings: Settings, overrides: CoreOverrides = {}, options: AppOptions = {}): Promise<App> {
  const core = await buildCore(settings, overrides);
  // Retention: once a day across all instances (transcripts, past reservations, sessions, handoffs).
  const retention = startRetentionJob({
    db: core.ledger.db,
    clock: core.clock,
    policy: { transcriptDays: settings.TRANSCRIPT_RETENTION_DAYS, reservationDays: settings.RESERVATION_RETENTION_DAYS },
    logger: core.logger,
  });
  const readiness: ReadinessCheck[] = [
    { name: 'ledger', check: () => core.ledger.ledger.ping() },
    {
      name: 'understanding',
      check: async () => {
        if (!isTokenizerReady()) throw new Error('dictionary still loading');
      },
    },
  ];
  const redis = core.redis;
  if (redis) readiness.push({ name: 'state', check: async () => void (await redis.ping()) });
  // GET /metrics runs the same checks at each scrape, and reads the handoffs from the database.
  core.metrics.watchDependencies(readiness);
  core.metrics.watchHandoffs(() => handoffCounts(core.ledger.db), core.clock);
  let runtimePromise: Promise<BotRuntime> | undefined;
  const makeRuntime = options.runtime ?? createBotRuntime;
  const parts = defaultStorage(core);
  const runtime = () => (runtimePromise ??= makeRuntime(core, parts));
  // Every door hands its turns to the one pipeline (built with the bot, once the dictionary is in).
  const pipeline: TurnRunner = { run: async (context, logic) => (await runtime()).pipeline.run(context, logic) };
  const doors = new Doors();
  const reminderStore = new SqlReminderStore(core.ledger.db);
  const staff = new StaffStore(core.ledger.db);
  if (await staff.bootstrap(settings.STAFF_ADMIN_USER, settings.STAFF_ADMIN_PASSWORD)) core.logger.info('first staff account created from STAFF_ADMIN_USER');
  const queue = core.redis ? new RedisActivityQueue(core.redis) : new MemoryActivityQueue();
  const { LINE_CHANNEL_SECRET: channelSecret, LINE_CHANNEL_ACCESS_TOKEN: channelAccessToken } = settings;
  const line = channelSecret && channelAccessToken ? { channelSecret, channelAccessToken, apiBaseUrl: settings.LINE_API_BASE_URL } : undefined;
  const { MicrosoftAppId: appId, MicrosoftAppPassword: appPassword } = settings;
  // A door's library is loaded only when the door is configured (LINE's SDK and Bot Framework's
  // connector are a few tenths of a second of every start).
  const lineModule = line ? await import('./channels/line.js') : undefined;
  const azureModule = appId && appPassword ? await import('./channels/bot-framework.js') : undefined;
  const rateLimiter = createRateLimiter(settings, core.redis, core.logger);
  rateLimiter.onRefused = (scope) => core.metrics.rateLimited.inc({ limit: scope });
  const limits = httpLimits(settings);
  if (!settings.DIRECTLINE_SECRET) core.logger.warn('DIRECTLINE_SECRET is not set: web chat tokens hold only on this instance and end with it, and only the web chat page can start conversations');
  const mount = (server: Server) => {
    mountWebChatPage(server);
    mountStaffConsole(server);
    const guard = staffGuard(staff, core.clock);
    const events = core.staffEvents;
    mountStaffApi(server, { staff, desk: core.desk, clock: core.clock, events, secureCookies: (settings.PUBLIC_BASE_URL ?? '').startsWith('https://'), reminders: reminderStore });
    const replies = new StaffReplies({ transcripts: core.transcripts, doors });
    mountHandoffApi(server, { guard, staff, handoffs: core.handoffs, transcripts: core.transcripts, replies, events, clock: core.clock, logger: core.logger });
    mountWindowApi(server, { guard, staff, desk: core.desk });
    mountBookingApi(server, { guard, staff, desk: core.desk, clock: core.clock });
    mountAlertApi(server, { guard, staff, alerts: core.alerts, locks: core.lookupLocks, events, clock: core.clock });
    mountProxyRequestApi(server, { guard, staff, requests: new SqlProxyRequestStore(core.ledger.db, events), clock: core.clock });
    const directLine = new DirectLineAdapter(pipeline, queue);
    doors.add(DIRECTLINE_SERVICE_URL, directLine);
    const tokens = new DirectLineTokens(settings.DIRECTLINE_SECRET, core.clock, settings.DIRECTLINE_TOKEN_SECONDS);
    const pageTokens = pageTokenLimiter(settings, core.redis, core.logger);
    pageTokens.onRefused = () => core.metrics.rateLimited.inc({ limit: 'webchat-token' });
    mountDirectLine(server, { adapter: directLine, queue, tokens, pageTokens, logger: core.logger, publicBaseUrl: settings.PUBLIC_BASE_URL, trustProxy: settings.TRUST_PROXY, streams: limits.streams });
    const { TWILIO_AUTH_TOKEN: authToken, PUBLIC_BASE_URL: publicBaseUrl } = settings;
    if (authToken && publicBaseUrl) {
      const cache = core.redis ? new RedisReplyCache(core.redis) : new MemoryReplyCache();
      const voice = { authToken, publicBaseUrl, voice: settings.TWILIO_VOICE, speechModel: settings.TWILIO_SPEECH_MODEL, staffTransferNumber: core.config.staffTransferNumber, path: TWILIO_VOICE_PATH, dialStatusPath: TWILIO_DIAL_STATUS_PATH };
      // Outside a call the phone door writes by SMS, when configured.
      const phone = new TwilioVoiceAdapter(pipeline, { settings: voice, cache, lock: parts.lock, logger: core.logger, sms: smsFromSettings(settings, core.logger) });
      doors.add(TWILIO_SERVICE_URL, phone);
      server.post(TWILIO_VOICE_PATH, wrap(twilioVoiceHandler(phone, voice, core.logger), core.logger));
      server.post(TWILIO_DIAL_STATUS_PATH, wrap(twilioVoiceHandler(phone, voice, core.logger, 'dial'), core.logger));
      // The same line for staff and developers, typed instead of spoken (signed here, like Twilio).
      const calledNumber = /^\+[1-9]\d{7,14}$/.test(settings.TWILIO_SMS_FROM ?? '') ? settings.TWILIO_SMS_FROM! : '+815000000000';
      mountVoiceSimulator(server, { guard, staff, authToken, publicBaseUrl, voicePath: TWILIO_VOICE_PATH, dialStatusPath: TWILIO_DIAL_STATUS_PATH, calledNumber, logger: core.logger });
    }
    if (azureModule && appId && appPassword) {
      const bf = { appId, appPassword, appType: settings.MicrosoftAppType, tenantId: settings.MicrosoftAppTenantId };
      const azure = azureModule.botFrameworkDoor(pipeline, bf, core.logger);
      doors.addAzure(azure);
      server.post('/api/messages', azure.handler);
    }
    if (lineModule && line) {
      const { LineAdapter, lineClient, lineWebhookHandler, LINE_SERVICE_URL } = lineModule;
      const seen = core.redis ? new RedisSeenEvents(core.redis) : new MemorySeenEvents();
      const lineDoor = new LineAdapter(pipeline, lineClient(line), core.logger);
      doors.add(LINE_SERVICE_URL, lineDoor);
      server.post(LINE_WEBHOOK_PATH, wrap(lineWebhookHandler(lineDoor, seen, line, core.logger, rateLimiter), core.logger));
    }
  };
  const server = createServer({ desk: core.desk, clock: core.clock, logger: core.logger, readiness, mount, rateLimiter, connections: limits.connections, formPaths: [TWILIO_VOICE_PATH, TWILIO_DIAL_STATUS_PATH], metrics: core.metrics, metricsToken: settings.METRICS_TOKEN });
  // Nobody handed to staff waits in silence: checked every 30 s, once across instances.
  const handoffWait = startHandoffWaitJob({ db: core.ledger.db, handoffs: core.handoffs, doors, events: core.staffEvents, clock: core.clock, config: () => core.desk.config, waitMinutes: settings.HANDOFF_WAIT_MINUTES, logger: core.logger });
  // Reminders the business day before, once across instances (checked every minute).
  const mailer = settings.SMTP_URL ? new EmailNotifier(settings.SMTP_URL, settings.MAIL_FROM, core.logger) : undefined;
  const reminders = startReminderJob({ db: core.ledger.db, store: reminderStore, find: (n) => core.desk.find(n), doors, mailer, clock: core.clock, config: () => core.desk.config, intervalMs: settings.REMINDER_CHECK_SECONDS * 1000, logger: core.logger, onOutcome: (outcome, channel) => core.metrics.reminders.inc({ channel, outcome }) });
  return {
    ...core,
    server,
    runtime,
    handoffWait,
    reminders,
    async close() {
      server.close();
      await handoffWait.stop();
      await reminders.stop();
      await retention.stop();
      if (queue instanceof RedisActivityQueue) queue.close();
      await core.close();
    },
  };
}
