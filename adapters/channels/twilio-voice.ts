// The reservation phone line: Twilio Voice webhooks become activities for the phone door, which
// runs them through the pipeline and answers with TwiML. Every request's X-Twilio-Signature is
// checked against PUBLIC_BASE_URL + the requested path (403 otherwise). Each answer is a
// <Gather> (speech and keypad, Japanese) whose action URL carries the next turn number, so a
// webhook Twilio retries is recognised and answered from the reply cache without running the
// turn again. The Gather fits the question asked: one key for a menu or a yes/no, four for a
// birthday, eight for a reservation number, # after a phone number; hints from what was offered.
// A transfer is a <Dial> to the staff number in E.164 whose outcome (Twilio's DialCallStatus at
// the dial-status path) reaches the bot as a `handoff.status` event. Outside a call (a
// reminder), the door writes by SMS to a mobile number.
import type { Activity, ResourceResponse, TurnContext } from 'botbuilder-core';
import type { Request, Response } from 'restify';
// TwiML and the webhook signature from their own modules: the package's index also loads its
// REST client (about 0.15 s of every start), which the voice door does not use.
import VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import { normalizePhone } from '../../domain/reservation.js';
import { dialable } from '../../domain/office-config.js';
import { speakable } from '../../bot/messages/say.js';
import { CHANNEL_IDS } from '../../dialogs/turn.js';
import type { HandoffContext } from '../../dialogs/handoff-dialog.js';
import type { TurnLock, TurnRunner } from '../../bot/pipeline.js';
import type { Logger } from '../log.js';
import type { ReplyCache } from './reply-cache.js';
import { TurnLockTimeout } from '../state/turn-lock.js';
import { callerClient } from '../security/client-id.js';
import { ChannelUnavailableError, Door } from './door.js';
import { gatherFor } from './twilio-gather.js';

export interface TwilioVoiceSettings {
  authToken: string;
  publicBaseUrl: string;
  voice: string;
  /** Twilio's speech-to-text model for <Gather> (empty: Twilio chooses). */
  speechModel: string;
  /** National or E.164; dialled as E.164. Empty: no transfer. */
  staffTransferNumber: string;
  path: string;
  /** Where Twilio posts a transfer's outcome (the Dial's action). */
  dialStatusPath: string;
}

/** What the call's webhook said about the call itself: the number it came to (our Twilio number). */
export interface CallInfo {
  to?: string | undefined;
}

const ENGLISH_VOICE = { voice: 'Polly.Joanna-Neural' as never, language: 'en-US' as never };
/** Seconds a transfer rings before Twilio gives up with no-answer (then the caller is offered a callback). */
export const DIAL_TIMEOUT = 20;
/** DialCallStatus values of a transfer that connected (answered: a conference or queue leg). */
const CONNECTED = new Set(['completed', 'answered']);

export const TWILIO_SERVICE_URL = 'twilio:';

/** Sends a text message to a phone number (Twilio's REST API), when configured. */
export interface TextSender {
  sendText(to: string, body: string): Promise<void>;
}

/** The phone door: one webhook → one turn → one TwiML answer, once per turn whatever Twilio retries. */
export class TwilioVoiceAdapter extends Door {
  constructor(
    pipeline: TurnRunner,
    private readonly d: { settings: TwilioVoiceSettings; cache: ReplyCache; lock: TurnLock; logger: Logger; sms?: TextSender | undefined },
  ) {
    super(pipeline);
  }

  /**
   * The TwiML for this webhook: the cached answer when Twilio retries a turn already answered.
   * `via`: a Gather's answer (or the call's first request), or a transfer's outcome.
   */
  async answer(params: Record<string, string>, turn: number, noInput: boolean, via: 'gather' | 'dial' = 'gather'): Promise<string> {
    const { settings: s, cache, lock, logger } = this.d;
    const callSid = params.CallSid!;
    const activity = via === 'dial' ? dialOutcome(params) : toActivity(params, turn, noInput);
    const call: CallInfo = { to: params.To };
    const client = callerClient(params.From ? normalizePhone(params.From) : undefined, callSid);
    let answered: string | undefined;
    try {
      return await lock.run(`twilio-reply/${callSid}`, async () => {
        const last = await cache.get(callSid);
        // A retry of the turn we answered (or an older one): the same answer again.
        if (last && turn <= last.turn) return last.body;
        answered = toTwiml(await this.turn(activity, client), turn + 1, s, call);
        await cache.set(callSid, { turn, body: answered });
        return answered;
      });
    } catch (err) {
      logger.warn({ err: (err as Error).message, channel: 'phone', turn }, 'voice reply cache unavailable');
      if (answered) return answered; // the turn ran; only caching its answer failed
      if (err instanceof TurnLockTimeout) {
        // Twilio retried while the first request still runs: ask again shortly for its cached answer.
        const again = new VoiceResponse();
        again.pause({ length: 2 });
        again.redirect({ method: 'POST' }, `${s.path}?turn=${turn}`);
        return again.toString();
      }
      // Redis is away: the turn cannot take its lock either and answers with the apology.
      return toTwiml(await this.turn(activity, client), turn + 1, s, call);
    }
  }

  /** Outside a call: a short text to the caller's mobile number (Japan takes no SMS to landlines). */
  protected async deliver(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const phone = normalizePhone(context.activity.from?.id ?? '');
    if (!this.d.sms || !phone || !/^0[789]0\d{8}$/.test(phone)) throw new ChannelUnavailableError('this caller cannot be reached by SMS');
    for (const a of activities) if (a.type === 'message' && a.text) await this.d.sms.sendText(`+81${phone.slice(1)}`, a.text);
    return activities.map((a) => ({ id: a.id ?? '' }));
  }
}

/** The voice webhook (`via: 'gather'`) or the Dial's action (`via: 'dial'`): both signed by Twilio. */
export function twilioVoiceHandler(adapter: TwilioVoiceAdapter, s: TwilioVoiceSettings, logger: Logger, via: 'gather' | 'dial' = 'gather') {
  return async (req: Request, res: Response): Promise<void> => {
    const params = (req.body ?? {}) as Record<string, string>;
    const signature = req.header('x-twilio-signature');
    const url = s.publicBaseUrl.replace(/\/$/, '') + req.url;
    if (!signature || typeof params !== 'object' || !validateRequest(s.authToken, signature, url, params)) {
      res.status(403);
      res.json({ error: { code: 'forbidden', message: 'invalid Twilio signature' } });
      return;
    }
    const callSid = String(params.CallSid ?? '');
    if (!/^CA[0-9a-zA-Z]{10,64}$/.test(callSid)) {
      res.status(400);
      res.json({ error: { code: 'bad-call', message: 'CallSid is missing or malformed' } });
      return;
    }
    const turn = Number(req.query?.turn ?? 0) || 0;
    const body = await adapter.answer(params, turn, req.query?.noinput === '1', via);
    logger.info({ channel: 'phone', turn, ...(via === 'dial' ? { dialStatus: String(params.DialCallStatus ?? '') } : {}) }, via === 'dial' ? 'voice transfer ended' : 'voice turn');
    res.setHeader('content-type', 'text/xml; charset=utf-8');
    res.sendRaw(200, body);
  };
}

function callBase(p: Record<string, string>): Partial<Activity> {
  const caller = p.From ? normalizePhone(p.From) : undefined;
  return {
    channelId: CHANNEL_IDS.phone,
    conversation: { id: p.CallSid!, isGroup: false, conversationType: 'personal', name: 'call' },
    from: { id: p.From || 'anonymous', name: 'caller', role: 'user' },
    recipient: { id: p.To || 'desk', name: 'desk', role: 'bot' },
    serviceUrl: TWILIO_SERVICE_URL,
    locale: 'ja-JP',
    channelData: { callerNumber: caller, callSid: p.CallSid },
  };
}

function toActivity(p: Record<string, string>, turn: number, noInput: boolean): Partial<Activity> {
  const base = callBase(p);
  if (turn === 0 && !p.SpeechResult && !p.Digits) {
    return { ...base, type: 'conversationUpdate', membersAdded: [{ id: base.from!.id, name: 'caller' }] };
  }
  const text = noInput ? '' : (p.Digits?.replace(/[^0-9]/g, '') || p.SpeechResult || '').trim();
  // How sure Twilio's speech-to-text was (0–1), for the bot to confirm a doubtful answer.
  const confidence = p.Digits || p.Confidence === undefined || p.Confidence === '' ? undefined : Number(p.Confidence);
  // The keys pressed are in the text only (where the transcript masks a My Number), never copied aside.
  return {
    ...base,
    type: 'message',
    text,
    channelData: { ...base.channelData, ...(confidence !== undefined && Number.isFinite(confidence) ? { confidence } : {}), input: p.Digits ? 'keypad' : 'speech' },
  };
}

/**
 * A transfer's outcome as the Bot Framework's handoff status: completed when staff answered
 * (Twilio's completed or answered), failed otherwise (busy, no-answer, failed, canceled).
 */
function dialOutcome(p: Record<string, string>): Partial<Activity> {
  const status = String(p.DialCallStatus ?? '');
  return { ...callBase(p), type: 'event', name: 'handoff.status', value: { state: CONNECTED.has(status) ? 'completed' : 'failed', message: status } };
}

/** The bot's turn as TwiML: what it says, then a Gather, a transfer, or a goodbye. */
export function toTwiml(replies: Partial<Activity>[], nextTurn: number, s: TwilioVoiceSettings, call: CallInfo = {}): string {
  const response = new VoiceResponse();
  const messages = replies.filter((a) => a.type === 'message');
  // Japanese in the configured voice; a sentence in English (to an English speaker) in an English one.
  const speech = messages
    .map((m) => ({ text: m.speak || speakable(m.text ?? ''), options: m.locale?.startsWith('en') ? ENGLISH_VOICE : { voice: s.voice as never, language: 'ja-JP' as never } }))
    .filter((x) => x.text);
  const handoff = replies.find((a) => a.type === 'event' && a.name === 'handoff.initiate')?.value as HandoffContext | undefined;
  const last = messages.at(-1);
  const action = `${s.path}?turn=${nextTurn}`;

  if (handoff) {
    for (const { text, options } of speech) response.say(options, text);
    const number = handoff.mode === 'transfer' && s.staffTransferNumber ? dialable(s.staffTransferNumber) : undefined;
    if (!number) {
      response.hangup();
      return response.toString();
    }
    // Shown to staff as the line the call came in on (a Twilio number, which Twilio accepts as caller ID).
    const callerId = call.to && /^\+[1-9]\d{6,14}$/.test(call.to) ? call.to : undefined;
    response.dial({ action: `${s.dialStatusPath}?turn=${nextTurn}`, method: 'POST', timeout: DIAL_TIMEOUT, ...(callerId ? { callerId } : {}) }, number);
    return response.toString();
  }
  if (last?.inputHint === 'ignoringInput') {
    for (const { text, options } of speech) response.say(options, text);
    response.hangup();
    return response.toString();
  }
  const gather = response.gather({ input: ['speech', 'dtmf'], language: 'ja-JP' as never, action, method: 'POST', ...gatherFor(last ?? {}, s.speechModel) });
  for (const { text, options } of speech) gather.say(options, text);
  // Nothing said or pressed: the same turn again with no input (the prompt asks again).
  response.redirect({ method: 'POST' }, `${action}&noinput=1`);
  return response.toString();
}
