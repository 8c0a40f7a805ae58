// "What do I bring?" (R21): the checklist for whoever will come to the window — the holder, a
// proxy, or a legal representative (with the ID lists [A]/[B] and the health-insurance-card
// note). Who comes is taken from the question (「代理人は何を持っていけば」「14歳の娘の持ち物は」)
// or from the conversation (a booking in person, 「母の代わりに私が行きます」); when nothing says,
// the holder's own checklist — the common case — with a word that others bring other things,
// rather than a question first. A question on one rule (「健康保険証でもいいですか」) is answered as asked.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { checklistFor, type ApplicantKind } from '../domain/documents.js';
import * as bm from '../bot/messages/booking.ja.js';
import * as info from '../bot/messages/info.ja.js';
import { join } from '../bot/messages/say.js';
import { ask, UnderstandingPrompt, type Answer } from './prompts/understanding-prompt.js';
import * as r from './prompts/recognizers.js';
import { answerRule } from './rule-answers.js';
import { applicantOf, isVoice, send, setApplicant, type BotServices } from './turn.js';
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
  /** Nobody said who comes: the holder's list, with a word on the others. */
  assumed?: boolean;
}

const HOLDER = 'documentsHolder';

// Who the question says will come (typed or spoken, Japanese or English).
const PROXY = /代理|だいり|代わり|かわり|委任|家族が|proxy|on (?:my|his|her|their) behalf|instead of|someone else/i;
const REPRESENTATIVE = /法定代理|後見|こうけん|15歳未満|子ども|子供|こども|未成年|guardian|under 15|my (?:child|son|daughter)|minor/i;
const MINOR = /15歳未満|子ども|子供|こども|未成年|under 15|child|son|daughter|minor/i;
const WARD = /後見|こうけん|guardian|ward/i;
const SELF = /本人|ほんにん|自分|じぶん|myself|my own|i (?:will|'ll) (?:go|come)/i;

export class DocumentsDialog extends ComponentDialog {
  static readonly id = 'documents';

  constructor(private readonly services: BotServices) {
    super(DocumentsDialog.id);
    const labels = (bm.askMinorOrWard().choices ?? []).map((c) => c.label);
    const labelsEn = bm.askMinorOrWard().en?.choices ?? [];
    this.addDialog(new UnderstandingPrompt(HOLDER, services, (c, s, o) => {
      const byChoice = r.choice(labels, labelsEn)(c, s, o);
      if (byChoice !== undefined) return byChoice;
      const t = c.activity.text ?? '';
      return WARD.test(t) ? 1 : MINOR.test(t) || /15歳/.test(t) ? 0 : undefined;
    }));
    this.addDialog(new WaterfallDialog('documentsSteps', [this.whoStep.bind(this), this.listStep.bind(this)]));
    this.initialDialogId = 'documentsSteps';
  }

  /** Who will come to the counter: from the question, else the conversation, else the holder. */
  private async whoStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const topic = (step.options as DocumentsOptions | undefined)?.topic;
    const v = step.values as DocumentsValues;
    if (topic === 'face-auth') v.faceAuth = true; // R18/R21c: no PIN, and a proxy's form unsealed
    else if (topic === 'under-15' || topic === 'adult-ward') {
      // R21b: the legal representative applies.
      v.kind = 'legal-representative';
      v.holder = topic === 'under-15' ? 'minor' : 'adult-ward';
      return step.next({ ok: true, value: v.holder === 'minor' ? 0 : 1 });
    } else {
      const answer = answerRule(step.context, this.services, topic, 'documents');
      if (answer) {
        await send(step.context, answer);
        return step.endDialog();
      }
    }
    const t = step.context.activity.text ?? '';
    const said: ApplicantKind | undefined = REPRESENTATIVE.test(t) ? 'legal-representative' : PROXY.test(t) ? 'proxy' : SELF.test(t) ? 'self' : undefined;
    v.kind = said ?? applicantOf(step.context) ?? 'self';
    v.assumed = !said && !applicantOf(step.context);
    if (said) setApplicant(step.context, said);
    if (v.kind !== 'legal-representative') return step.next({ ok: true, value: -1 });
    // R21b: for a legal representative, is the holder a minor or an adult ward?
    if (MINOR.test(t)) return step.next({ ok: true, value: 0 });
    if (WARD.test(t)) return step.next({ ok: true, value: 1 });
    return ask(step, HOLDER, bm.askMinorOrWard());
  }

  private async listStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<number>;
    if (!answer.ok) return step.endDialog({ handoff: 'not-understood' } satisfies NeedsStaff);
    const { kind, faceAuth, assumed } = step.values as DocumentsValues & { kind: ApplicantKind };
    const holder = answer.value === 0 ? 'minor' : answer.value === 1 ? 'adult-ward' : undefined;
    const checklist = checklistFor({ kind, ...(holder ? { holder } : {}), ...(faceAuth ? { faceAuthCard: true } : {}) });
    const voice = isVoice(step.context);
    const list = info.documentsFor(checklist, voice, this.services.desk.config.deskPhone);
    // On web and LINE a word that others bring other things (the phone's list for others sends to staff).
    await send(step.context, assumed && !voice ? join(list, info.othersBringOther()) : list);
    if (checklist.items.some((i) => i.idList)) await send(step.context, info.idDocumentLists(voice));
    return step.endDialog();
  }
}
