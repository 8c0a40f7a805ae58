// POST /api/messages: the standard Bot Framework endpoint (CloudAdapter) for Azure Bot Service
// channels and the Bot Framework Emulator. Mounted only with MicrosoftAppId/MicrosoftAppPassword:
// with authentication off anyone could make the bot post to any serviceUrl (RESEARCH.md).
// The request is checked here rather than by CloudAdapter.process, which answers a token it
// cannot verify (an unknown key, key metadata out of reach) with 500 and the library's error
// text: a bad body is 400, any failure to authenticate 401, in our error shape, within a
// deadline (the key fetch goes to Microsoft), logged as name and message only.
// The door is botbuilder's own CloudAdapter; like every door it hands each turn to the pipeline.
import {
  CloudAdapter,
  ConfigurationServiceClientCredentialFactory,
  createBotFrameworkAuthenticationFromConfiguration,
  type Activity,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Request, Response } from 'restify';
import type { TurnLogic, TurnRunner } from '../../bot/pipeline.js';
import { sendError } from '../http/errors.js';
import type { Logger } from '../log.js';
import { withTimeout } from '../timeout.js';

export interface BotFrameworkSettings {
  appId: string;
  appPassword: string;
  appType: string;
  tenantId?: string | undefined;
}

export interface BotFrameworkDoor {
  handler: (req: Request, res: Response) => Promise<void>;
  /** Writes to an Azure channel's conversation unasked (the connector posts to its serviceUrl). */
  continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void>;
}

export function botFrameworkDoor(pipeline: TurnRunner, s: BotFrameworkSettings, logger: Logger): BotFrameworkDoor {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: s.appId,
    MicrosoftAppPassword: s.appPassword,
    MicrosoftAppType: s.appType,
    ...(s.tenantId ? { MicrosoftAppTenantId: s.tenantId } : {}),
  });
  const auth = createBotFrameworkAuthenticationFromConfiguration(null, credentials);
  const adapter = new VerifiedAdapter(auth);
  const handler = async (req: Request, res: Response): Promise<void> => {
    const activity = req.body as Partial<Activity> | undefined;
    if (!isActivity(activity)) return sendError(res, 400, 'bad-activity', 'the body must be an activity with a type');
    const header = req.header('authorization') ?? '';
    let verified: AuthenticateRequestResult;
    try {
      verified = await withTimeout(auth.authenticateRequest(activity, header), AUTH_TIMEOUT_MS);
    } catch (err) {
      logger.warn({ err: summary(err), channel: 'bot-framework' }, 'Bot Framework request not authenticated');
      return sendError(res, 401, 'unauthorized', 'missing, forged or unverifiable Bot Framework token');
    }
    try {
      const invoke = await adapter.run(verified, activity, (context) => pipeline.run(context));
      res.status(invoke?.status ?? 200);
      if (invoke?.body !== undefined) res.json(invoke.body);
      else res.end();
    } catch (err) {
      // Only a signed request from Microsoft gets here: a failure of ours, never its text.
      logger.error({ err: summary(err), channel: 'bot-framework' }, 'Bot Framework request failed');
      if (!res.headersSent) sendError(res, 500, 'internal', 'The service could not answer; please try again.');
    }
  };
  return {
    handler,
    continueConversation: (reference, logic) => adapter.continueConversationAsync(s.appId, reference, (context) => pipeline.run(context, logic)),
  };
}

const AUTH_TIMEOUT_MS = 5_000;

/** CloudAdapter with its pipeline run on a request we have already authenticated. */
class VerifiedAdapter extends CloudAdapter {
  run(verified: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(verified, activity, logic);
  }
}

function isActivity(body: unknown): body is Activity {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const a = body as Partial<Activity>;
  return typeof a.type === 'string' && a.type.length > 0 && a.type.length <= 64 && (a.serviceUrl === undefined || typeof a.serviceUrl === 'string') && (a.channelId === undefined || typeof a.channelId === 'string');
}

function summary(err: unknown): { name: string; message: string } {
  return err instanceof Error ? { name: err.name, message: err.message.slice(0, 300) } : { name: 'Error', message: String(err).slice(0, 300) };
}
