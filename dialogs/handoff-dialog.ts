// Hands the conversation to staff: on request, after repeated misunderstandings, or when a case
// needs a person. Emits the Bot Framework handoff event (handoff.initiate) with the transcript so
// far, and tells the citizen what happens next: on the phone a transfer during desk hours (R25)
// or a callback request; on web chat and LINE a staff reply in the same conversation (outside
// desk hours, with the phone and a callback offered at once; in hours, by adapters/jobs/handoff-wait
// when no one takes it in time).
// A transfer waits for its outcome (the phone door's handoff.status event): connected and over →
// goodbye; no one answered → a callback to the caller's number or another, handed off again as a
// callback request (mode callback, with the number) so staff see it in the console.
import { ActivityTypes, type Activity } from 'botbuilder-core';
// botbuilder's handoff event factory from its own module: the package's index also loads the
// Bot Framework adapters, which only the /api/messages door uses.
import { EventFactory } from 'botbuilder/lib/eventFactory.js';
import { ComponentDialog, Dialog, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { isDeskStaffed } from '../domain/calendar.js';
import * as info from '../bot/messages/info.ja.js';
import * as transfer from '../bot/messages/transfer.ja.js';
import { AskPrompt, askIn, type AskAnswer } from './prompts/ask-prompt.js';
import { callerNumber, channelOf, send, type BotServices } from './turn.js';

export interface HandoffOptions {
  /** requested | not-understood | eligibility-unclear | invalid-details | … */
  reason: string;
}

/** What the handoff event carries besides the transcript (read by the channels and the console). */
export interface HandoffContext {
  reason: string;
  channel: string;
  /** Phone: transfer now (desk staffed) or take a callback request. */
  mode: 'transfer' | 'callback' | 'reply';
  /** Phone, mode callback: the number to call back when it is not the one the call came from. */
  callbackPhone?: string;
  /**
   * Web chat and LINE outside desk hours (R25): the citizen is told in the same message that no
   * one can answer now, with the phone and a callback; they are not told again.
   */
  waitTold?: boolean;
}

const TRANSCRIPT_PAGES = 10;
const AWAIT_TRANSFER = 'handoffAwaitTransfer';
const CALLBACK_OFFER = 'handoffCallbackOffer';
const CALLBACK_PHONE = 'handoffCallbackPhone';

/** The outcome of a transfer, as the phone door reports it (Bot Framework handoff.status). */
export interface TransferStatus {
  state: 'completed' | 'failed';
  /** Twilio's DialCallStatus (busy, no-answer, …). */
  message?: string;
}

/**
 * Waits while the call is with the staff line: ends with its handoff.status. Anything else
 * (a caller's words with no status first) means the transfer did not connect.
 */
class AwaitTransfer extends Dialog {
  async beginDialog(): Promise<DialogTurnResult> {
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const a = dc.context.activity;
    if (a.type === ActivityTypes.Event && a.name === 'handoff.status') {
      const state = (a.value as Partial<TransferStatus> | undefined)?.state === 'completed' ? 'completed' : 'failed';
      return dc.endDialog({ state, message: String((a.value as Partial<TransferStatus> | undefined)?.message ?? '') } satisfies TransferStatus);
    }
    if (a.type === ActivityTypes.Message) return dc.endDialog({ state: 'failed', message: 'no-status' } satisfies TransferStatus);
    return Dialog.EndOfTurn;
  }
}

type UseCaller = boolean | { phone: string };

export class HandoffDialog extends ComponentDialog {
  static readonly id = 'handoff';

  constructor(private readonly services: BotServices) {
    super(HandoffDialog.id);
    this.addDialog(new AwaitTransfer(AWAIT_TRANSFER));
    this.addDialog(new AskPrompt<UseCaller>(CALLBACK_OFFER, services, (a) => ('phone' in a ? { phone: a.phone } : 'answer' in a && (a.answer === 'yes' || a.answer === 'no') ? a.answer === 'yes' : undefined)));
    this.addDialog(new AskPrompt<string>(CALLBACK_PHONE, services, (a) => ('phone' in a ? a.phone : undefined)));
    this.addDialog(new WaterfallDialog('handoffSteps', [this.handOverStep.bind(this), this.transferEndedStep.bind(this), this.otherNumberStep.bind(this), this.callbackStep.bind(this)]));
    this.initialDialogId = 'handoffSteps';
  }

  private async handOverStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { reason } = step.options as HandoffOptions;
    const channel = channelOf(step.context);
    const staffed = isDeskStaffed(this.services.clock(), this.services.desk.config);
    const mode: HandoffContext['mode'] = channel !== 'phone' ? 'reply' : staffed && this.services.desk.config.staffTransferNumber ? 'transfer' : 'callback';
    const waitTold = channel !== 'phone' && !staffed;
    const transcript = await this.transcript(step);
    const event = EventFactory.createHandoffInitiation(step.context, { reason, channel, mode, waitTold } satisfies HandoffContext, { activities: transcript as Activity[] });
    await step.context.sendActivity(event);
    const { deskPhone } = this.services.desk.config;
    if (channel === 'web') await send(step.context, info.handoffWeb(staffed, deskPhone));
    else if (channel === 'line') await send(step.context, info.handoffLine(staffed, deskPhone));
    else await send(step.context, mode === 'transfer' ? info.handoffPhoneTransfer() : info.handoffPhoneCallback(staffed));
    // The phone door dials staff; the call comes back here when that call ends.
    if (mode === 'transfer') return step.beginDialog(AWAIT_TRANSFER);
    return step.endDialog({ handedOff: true });
  }

  /** Staff answered and hung up: goodbye. No one answered: a callback, to this number or another. */
  private async transferEndedStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const outcome = step.result as TransferStatus;
    if (outcome.state === 'completed') {
      await send(step.context, transfer.transferEnded(), 'final');
      return step.endDialog({ handedOff: true });
    }
    const caller = callerNumber(step.context);
    if (caller) return askIn(step, CALLBACK_OFFER, 'use-caller-number', transfer.transferUnanswered(), { callerNumber: caller });
    return askIn(step, CALLBACK_PHONE, 'phone', transfer.transferUnansweredAskPhone());
  }

  /** 「この番号で」 → the caller's own number; 「別の番号」 → asked for it; a number said at once → that one. */
  private async otherNumberStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<UseCaller | string>;
    if (!answer.ok) return this.noCallback(step);
    const value = answer.value;
    if (typeof value === 'string') return step.next({ ok: true, value });
    if (typeof value === 'object') return step.next({ ok: true, value: value.phone });
    const caller = callerNumber(step.context);
    if (value && caller) return step.next({ ok: true, value: caller });
    return askIn(step, CALLBACK_PHONE, 'phone', transfer.askCallbackPhone());
  }

  /** The callback request, recorded as the handoff's (mode callback, the number) for staff. */
  private async callbackStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<string>;
    if (!answer.ok) return this.noCallback(step);
    const { reason } = step.options as HandoffOptions;
    const callbackPhone = answer.value;
    const value = { reason, channel: 'phone', mode: 'callback', callbackPhone } satisfies HandoffContext;
    await step.context.sendActivity(EventFactory.createHandoffInitiation(step.context, value, { activities: [] }));
    await send(step.context, transfer.callbackNoted(callbackPhone), 'final');
    return step.endDialog({ handedOff: true });
  }

  /** Three answers that were not one: the desk's own line, and goodbye. */
  private async noCallback(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await send(step.context, transfer.callbackNotTaken(this.services.desk.config.deskPhone), 'final');
    return step.endDialog({ handedOff: true });
  }

  /** The conversation so far, for staff to read (empty when no transcript store is configured). */
  private async transcript(step: WaterfallStepContext): Promise<Partial<Activity>[]> {
    const store = this.services.transcripts;
    if (!store) return [];
    const { channelId, conversation } = step.context.activity;
    const out: Partial<Activity>[] = [];
    let token: string | undefined;
    for (let i = 0; i < TRANSCRIPT_PAGES; i++) {
      const page = await store.getTranscriptActivities(channelId, conversation.id, token);
      out.push(...page.items);
      token = page.continuationToken;
      if (!token) break;
    }
    return out;
  }
}
