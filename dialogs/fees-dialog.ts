// "What does it cost?" (R20): free onto a valid card; with a card re-issue, the fees — both at once,
// as a clerk answers, rather than a question first. A question that already says which
// (「カードをなくしたんですが」) or asks about reserving (キャンセル料) is answered as asked.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { feeFor } from '../domain/fees.js';
import * as general from '../bot/messages/general.ja.js';
import { answerRule } from './rule-answers.js';
import { send, type BotServices } from './turn.js';
import type { Topic } from '../bot/understanding/intent-topics.js';

export interface FeesOptions {
  /** What the question was about (the understanding's topic), if it named one rule. */
  topic?: Topic;
}

export class FeesDialog extends ComponentDialog {
  static readonly id = 'fees';

  constructor(private readonly services: BotServices) {
    super(FeesDialog.id);
    this.addDialog(new WaterfallDialog('feesSteps', [this.answerStep.bind(this)]));
    this.initialDialogId = 'feesSteps';
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const rule = answerRule(step.context, this.services, (step.options as FeesOptions | undefined)?.topic, 'fees');
    // Both cases in two sentences: free onto a valid card; with a re-issue, 800 + 200 yen.
    await send(step.context, rule ?? general.feeAnswerShort(feeFor({ cardValid: false })));
    return step.endDialog();
  }
}
