// "Can I book?" (R13–R19): the notice, the certificate's expiry, the card's own expiry and age
// or guardianship, then the verdict in plain Japanese and, when eligible, an offer to book. A
// question on one rule (顔認証, マイナ保険証, 15歳, 在留期間 …) is answered as asked instead.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { tokyoParts } from '../domain/civil.js';
import { assessEligibility, type EligibilityFacts } from '../domain/eligibility.js';
import * as bm from '../bot/messages/booking.ja.js';
import * as info from '../bot/messages/info.ja.js';
import type { NeedsStaff } from './booking-dialog.js';
import { ask, UnderstandingPrompt, type Answer, type Recognizer } from './prompts/understanding-prompt.js';
import * as r from './prompts/recognizers.js';
import { answerRule } from './rule-answers.js';
import { isVoice, send, understood, type BotServices } from './turn.js';
import type { Topic } from '../bot/understanding/intent-topics.js';

export interface EligibilityOptions {
  /** What the question was about (the understanding's topic), if it named one rule. */
  topic?: Topic;
}

/** How the eligibility check ends: a wish to book (the notice question already answered). */
export interface WantsToBook {
  book: true;
}

const NOTICE = 'eligibilityNotice';
const EXPIRY = 'eligibilityExpiry';
const YES_NO = 'eligibilityYesNo';
const STEPS = 'eligibilitySteps';

const noticeAnswer: Recognizer<boolean | null> = (c, s, o) => {
  const yn = r.yesNo(c, s, o);
  if (yn !== undefined) return yn;
  return r.choice(['はい', 'いいえ', 'わからない'])(c, s, o) === 2 || /わから|分から|不明/.test(c.activity.text ?? '') ? null : undefined;
};

const expiryAnswer: Recognizer<{ date: string | null; expired: boolean } | null> = (c, s) => {
  const u = understood(c, s);
  if (u.date) return { date: u.date, expired: false };
  const t = c.activity.text ?? '';
  if (/切れ|過ぎ|失効/.test(t)) return { date: null, expired: true };
  if (/わから|分から|不明|見当たら/.test(t)) return null;
  return undefined;
};

export class EligibilityDialog extends ComponentDialog {
  static readonly id = 'eligibility';

  constructor(private readonly services: BotServices) {
    super(EligibilityDialog.id);
    this.addDialog(new UnderstandingPrompt(NOTICE, services, noticeAnswer));
    this.addDialog(new UnderstandingPrompt(EXPIRY, services, expiryAnswer));
    this.addDialog(new UnderstandingPrompt(YES_NO, services, r.yesNo));
    this.addDialog(
      new WaterfallDialog(STEPS, [
        this.noticeStep.bind(this),
        this.expiryStep.bind(this),
        this.cardStep.bind(this),
        this.ageStep.bind(this),
        this.faceAuthStep.bind(this),
        this.verdictStep.bind(this),
        this.bookStep.bind(this),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  private facts(step: WaterfallStepContext): EligibilityFacts {
    const v = step.values as { facts?: EligibilityFacts };
    return (v.facts ??= {});
  }

  private async noticeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = answerRule(step.context, this.services, (step.options as EligibilityOptions | undefined)?.topic, 'eligibility');
    if (answer) {
      await send(step.context, answer);
      return step.endDialog();
    }
    return ask(step, NOTICE, info.askNoticeReceived());
  }

  private async expiryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<boolean | null>;
    if (!answer.ok) return step.endDialog({ handoff: 'eligibility-unclear' } satisfies NeedsStaff);
    if (answer.value === true) {
      this.facts(step).noticeReceived = true;
      return step.next({ ok: true, value: null });
    }
    return ask(step, EXPIRY, info.askCertificateExpiry());
  }

  private async cardStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<{ date: string | null; expired: boolean } | null>;
    if (!answer.ok) return step.endDialog({ handoff: 'eligibility-unclear' } satisfies NeedsStaff);
    const f = this.facts(step);
    if (answer.value?.date) f.certificateExpiresOn = answer.value.date;
    if (answer.value?.expired) f.certificateExpired = true;
    return ask(step, YES_NO, info.askCardExpiringSoon());
  }

  private async ageStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<boolean>;
    if (!answer.ok) return step.endDialog({ handoff: 'eligibility-unclear' } satisfies NeedsStaff);
    this.facts(step).cardExpiringSoon = answer.value;
    if (answer.value) return step.next({ ok: true, value: false });
    return ask(step, YES_NO, info.askUnder15OrWard());
  }

  /** R18: face-authentication cards still need renewal (and their proxies write no PIN). */
  private async faceAuthStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<boolean>;
    if (!answer.ok) return step.endDialog({ handoff: 'eligibility-unclear' } satisfies NeedsStaff);
    const f = this.facts(step);
    if (answer.value) f.under15 = true;
    if (f.cardExpiringSoon) return step.next({ ok: true, value: false });
    return ask(step, YES_NO, bm.askFaceAuthCard());
  }

  /** The domain's verdict, in plain Japanese; a case for staff is handed to them. */
  private async verdictStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<boolean>;
    if (!answer.ok) return step.endDialog({ handoff: 'eligibility-unclear' } satisfies NeedsStaff);
    const f = this.facts(step);
    if (answer.value) f.faceAuthCard = true;
    const verdict = assessEligibility(f, tokyoParts(this.services.clock()).date);
    (step.values as { kind?: string }).kind = verdict.kind;
    await send(step.context, info.eligibilityVerdict(verdict, isVoice(step.context)));
    if (verdict.kind === 'ask-staff') return step.endDialog({ handoff: 'eligibility-needs-staff' } satisfies NeedsStaff);
    if (verdict.kind !== 'renewal' && verdict.kind !== 'new-issuance') return step.endDialog();
    return ask(step, YES_NO, bm.offerToBook());
  }

  private async bookStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<boolean>;
    return step.endDialog(answer.ok && answer.value ? ({ book: true } satisfies WantsToBook) : undefined);
  }
}
