// "What does it cost?" (R20): free onto a valid card; with a card re-issue, the fees. A question
// that already says which (「カードをなくしたんですが」) or asks about reserving (キャンセル料) is
// answered at once.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { feeFor } from '../domain/fees.js';
import * as info from '../bot/messages/info.ja.js';
import { ask, UnderstandingPrompt, type Answer } from './prompts/understanding-prompt.js';
import * as r from './prompts/recognizers.js';
import { answerRule } from './rule-answers.js';
import { send, type BotServices } from './turn.js';
import type { NeedsStaff } from './booking-dialog.js';
import type { Topic } from '../bot/understanding/intent-topics.js';

export interface FeesOptions {
  /** What the question was about (the understanding's topic), if it named one rule. */
  topic?: Topic;
}

const VALID = 'feesCardValid';

export class FeesDialog extends ComponentDialog {
  static readonly id = 'fees';

  constructor(private readonly services: BotServices) {
    super(FeesDialog.id);
    this.addDialog(new UnderstandingPrompt(VALID, services, r.yesNo));
    this.addDialog(new WaterfallDialog('feesSteps', [this.cardStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = 'feesSteps';
  }

  /** Is the card itself still valid? — unless the question already says. */
  private async cardStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = answerRule(step.context, this.services, (step.options as FeesOptions | undefined)?.topic, 'fees');
    if (answer) {
      await send(step.context, answer);
      return step.endDialog();
    }
    return ask(step, VALID, info.askCardValid());
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<boolean>;
    if (!answer.ok) return step.endDialog({ handoff: 'not-understood' } satisfies NeedsStaff);
    await send(step.context, info.feeAnswer(feeFor({ cardValid: answer.value })));
    return step.endDialog();
  }
}
