// Hands the conversation to staff: on request, after repeated misunderstandings, or when a case
// needs a person. Emits the Bot Framework handoff event (handoff.initiate) with the transcript so
// far, and tells the citizen what happens next: on the phone a transfer during desk hours (R25)
// or a callback request; on web chat and LINE a staff reply in the same conversation (outside
// desk hours, with the phone and a callback offered at once; in hours, by adapters/jobs/handoff-wait
// when no one takes it in time).
import { EventFactory, type Activity } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { isDeskStaffed } from '../domain/calendar.js';
import * as info from '../bot/messages/info.ja.js';
import { channelOf, send, type BotServices } from './turn.js';

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
  /**
   * Web chat and LINE outside desk hours (R25): the citizen is told in the same message that no
   * one can answer now, with the phone and a callback; they are not told again.
   */
  waitTold?: boolean;
}

const TRANSCRIPT_PAGES = 10;

export class HandoffDialog extends ComponentDialog {
  static readonly id = 'handoff';

  constructor(private readonly services: BotServices) {
    super(HandoffDialog.id);
    this.addDialog(new WaterfallDialog('handoffSteps', [this.handOverStep.bind(this)]));
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
