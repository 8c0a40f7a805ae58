// "What do I bring?" (R21): who will apply, then the checklist with the ID lists [A]/[B]
// and the health-insurance-card note. A question on one rule (「健康保険証でもいいですか」) is
// answered as asked; one that says whose documents (「14歳の娘の持ち物は」) skips that question.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { checklistFor, type ApplicantKind } from '../domain/documents.js';
import * as bm from '../bot/messages/booking.ja.js';
import * as info from '../bot/messages/info.ja.js';
import { ask, UnderstandingPrompt, type Answer } from './prompts/understanding-prompt.js';
import * as r from './prompts/recognizers.js';
import { answerRule } from './rule-answers.js';
import { isVoice, send, type BotServices } from './turn.js';
import type { NeedsStaff } from './booking-dialog.js';
import type { Topic } from '../bot/understanding/intent-topics.js';

export interface DocumentsOptions {
  /** What the question was about (the understanding's topic), if it named one rule. */
  topic?: Topic;
}

interface DocumentsValues {
  kind?: ApplicantKind;
  holder?: 'minor' | 'adult-ward';
  faceAuth?: boolean;
}

const KIND = 'documentsKind';
const HOLDER = 'documentsHolder';
const KINDS: ApplicantKind[] = ['self', 'legal-representative', 'proxy'];

export class DocumentsDialog extends ComponentDialog {
  static readonly id = 'documents';

  constructor(private readonly services: BotServices) {
    super(DocumentsDialog.id);
    const labels = (info.askApplicantKind().choices ?? []).map((c) => c.label);
    this.addDialog(
      new UnderstandingPrompt(KIND, services, (c, s, o) => {
        const byChoice = r.choice(labels)(c, s, o);
        if (byChoice !== undefined) return byChoice;
        const t = c.activity.text ?? '';
        if (/代理|代わり|家族が/.test(t)) return 2;
        if (/子ども|子供|15歳|後見/.test(t)) return 1;
        if (/本人|自分|私/.test(t)) return 0;
        return undefined;
      }),
    );
    this.addDialog(new UnderstandingPrompt(HOLDER, services, (c, s, o) => {
      const byChoice = r.choice(['15歳未満', '成年被後見人'])(c, s, o);
      if (byChoice !== undefined) return byChoice;
      const t = c.activity.text ?? '';
      return /後見/.test(t) ? 1 : /15歳|子ども|子供|未成年/.test(t) ? 0 : undefined;
    }));
    this.addDialog(new WaterfallDialog('documentsSteps', [this.whoStep.bind(this), this.holderStep.bind(this), this.listStep.bind(this)]));
    this.initialDialogId = 'documentsSteps';
  }

  /** Who will come to the counter? — unless the question answers it or is about one rule. */
  private async whoStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const topic = (step.options as DocumentsOptions | undefined)?.topic;
    const v = step.values as DocumentsValues;
    if (topic === 'face-auth') v.faceAuth = true; // R18/R21c: no PIN, and a proxy's form unsealed
    else if (topic === 'under-15' || topic === 'adult-ward') {
      // R21b: the legal representative applies.
      v.holder = topic === 'under-15' ? 'minor' : 'adult-ward';
      return step.next({ ok: true, value: KINDS.indexOf('legal-representative') });
    } else {
      const answer = answerRule(step.context, this.services, topic, 'documents');
      if (answer) {
        await send(step.context, answer);
        return step.endDialog();
      }
    }
    return ask(step, KIND, info.askApplicantKind());
  }

  /** R21b: for a legal representative, is the holder a minor or an adult ward? */
  private async holderStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<number>;
    if (!answer.ok) return step.endDialog({ handoff: 'not-understood' } satisfies NeedsStaff);
    const v = step.values as DocumentsValues;
    v.kind = KINDS[answer.value]!;
    if (answer.value !== 1) return step.next({ ok: true, value: -1 });
    if (v.holder) return step.next({ ok: true, value: v.holder === 'minor' ? 0 : 1 });
    return ask(step, HOLDER, bm.askMinorOrWard());
  }

  private async listStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<number>;
    if (!answer.ok) return step.endDialog({ handoff: 'not-understood' } satisfies NeedsStaff);
    const { kind, faceAuth } = step.values as DocumentsValues & { kind: ApplicantKind };
    const holder = answer.value === 0 ? 'minor' : answer.value === 1 ? 'adult-ward' : undefined;
    const checklist = checklistFor({ kind, ...(holder ? { holder } : {}), ...(faceAuth ? { faceAuthCard: true } : {}) });
    const voice = isVoice(step.context);
    await send(step.context, info.documentsFor(checklist, voice, this.services.desk.config.deskPhone));
    if (checklist.items.some((i) => i.idList)) await send(step.context, info.idDocumentLists(voice));
    return step.endDialog();
  }
}
