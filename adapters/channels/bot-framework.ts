// POST /api/messages: the standard Bot Framework endpoint (CloudAdapter) for Azure Bot Service
// channels and the Bot Framework Emulator. Mounted only with MicrosoftAppId/MicrosoftAppPassword:
// with authentication off anyone could make the bot post to any serviceUrl (RESEARCH.md).
import {
  CloudAdapter,
  ConfigurationServiceClientCredentialFactory,
  TranscriptLoggerMiddleware,
  createBotFrameworkAuthenticationFromConfiguration,
  type TurnContext,
} from 'botbuilder';
import type { Request, Response } from 'restify';
import type { BotRuntime } from '../bot-runtime.js';
import { InputCleaningMiddleware } from '../../bot/input-cleaning.js';
import { errorFields, type Logger } from '../log.js';

export interface BotFrameworkSettings {
  appId: string;
  appPassword: string;
  appType: string;
  tenantId?: string | undefined;
}

export function botFrameworkHandler(runtime: () => Promise<BotRuntime>, s: BotFrameworkSettings, logger: Logger) {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: s.appId,
    MicrosoftAppPassword: s.appPassword,
    MicrosoftAppType: s.appType,
    ...(s.tenantId ? { MicrosoftAppTenantId: s.tenantId } : {}),
  });
  const adapter = new CloudAdapter(createBotFrameworkAuthenticationFromConfiguration(null, credentials));
  let ready: Promise<BotRuntime> | undefined;
  const setUp = () =>
    (ready ??= runtime().then((rt) => {
      adapter.use(new InputCleaningMiddleware());
      adapter.use(new TranscriptLoggerMiddleware(rt.transcripts));
      adapter.onTurnError = async (context: TurnContext, error: Error) => {
        logger.error({ err: errorFields(error), channel: context.activity.channelId }, 'turn failed');
        await rt.bot.apologise(context).catch(() => undefined);
      };
      return rt;
    }));
  return async (req: Request, res: Response): Promise<void> => {
    const rt = await setUp();
    await adapter.process(req as never, res as never, (context) =>
      rt.lock.run(`${context.activity.channelId}/${context.activity.conversation?.id}`, () => rt.bot.run(context)),
    );
  };
}
