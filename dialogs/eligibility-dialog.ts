// "Can I book?" (R13–R19): the notice, the certificate's expiry and the card's own expiry, then
// the verdict in plain Japanese and, when eligible, an offer to book. A
// question on one rule (顔認証, マイナ保険証, 15歳, 在留期間 …) is answered as asked instead.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { tokyoParts } from '../domain/civil.js';
import { assessEligibility } from '../domain/eligibility.js';
import * as bm from '../bot/messages/booking.ja.js';
import * as info from '../bot/messages/info.ja.js';
import type { BookingFacts, NeedsStaff } from './booking-dialog.js';
import type { Wish } from './choose-window-dialog.js';
import { factsIn } from './frame.js';
import { AskPrompt, askIn } from './prompts/ask-prompt.js';
import type { Answer } from './prompts/understanding-prompt.js';
import { answerRule } from './rule-answers.js';
import { isVoice, send, toldBefore, type BotServices } from './turn.js';
import type { AnswerReading } from '../bot/understanding/answers.js';
import type { Topic } from '../bot/understanding/intent-topics.js';

export interface EligibilityOptions {
  /** What the question was about (the understanding's topic), if it named one rule. */
  topic?: Topic;
  /**
   * 「期限が切れたんですけど、予約できますか」: the question is whether to book. When the answer is
   * yes, the booking goes on at once (with the day wished for, if one was said) instead of
   * asking 「このまま予約しますか」 (typed chats; on the phone that question is one key, and the
   * verdict with the next question would be too long to follow).
   */
  bookIfEligible?: { wish: Wish };
}

/** How the eligibility check ends: a wish to book, with what the citizen told about the card (not asked again). */
export interface WantsToBook {
  book: true;
  facts: BookingFacts;
  /** The day wished for when the question was asked (else the one said with 「はい」, if any). */
  wish?: Wish;
}

const NOTICE = 'eligibilityNotice';
const EXPIRY = 'eligibilityExpiry';
const YES_NO = 'eligibilityYesNo';
const CARD = 'eligibilityCard';
const STEPS = 'eligibilitySteps';

const yesNo = (a: AnswerReading): boolean | undefined => ('answer' in a && (a.answer === 'yes' || a.answer === 'no') ? a.answer === 'yes' : undefined);
/** Yes, no, or 「わからない」 (null: go on to the next question). */
const yesNoUnknown = (a: AnswerReading): boolean | null | undefined => ('answer' in a && a.answer === 'unknown' ? null : yesNo(a));

const expiryAnswer = (a: AnswerReading): { date: string | null; expired: boolean; without?: true } | null | undefined => {
  if ('withoutCertificates' in a) return { date: null, expired: false, without: true }; // R16
  if ('date' in a && a.date) return { date: a.date, expired: false };
  if ('expired' in a) return { date: null, expired: true };
  if ('month' in a) return { date: `${a.month}-28`, expired: false };
  return 'answer' in a && a.answer === 'unknown' ? null : undefined;
};

export class EligibilityDialog extends ComponentDialog {
  static readonly id = 'eligibility';

  constructor(private readonly services: BotServices) {
    super(EligibilityDialog.id);
    this.addDialog(new AskPrompt(NOTICE, services, yesNoUnknown));
    this.addDialog(new AskPrompt(EXPIRY, services, expiryAnswer));
    this.addDialog(new AskPrompt(CARD, services, (a) => ('date' in a && a.date ? { date: a.date } : yesNo(a))));
    this.addDialog(new AskPrompt(YES_NO, services, yesNo));
    this.addDialog(
      new WaterfallDialog(STEPS, [
        this.noticeStep.bind(this),
        this.expiryStep.bind(this),
        this.cardStep.bind(this),
        this.verdictStep.bind(this),
        this.bookStep.bind(this),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  /** What the citizen has told so far, with whatever this turn's words add (not asked again). */
  private facts(step: WaterfallStepContext): BookingFacts {
    const v = step.values as { facts?: BookingFacts };
    v.facts ??= { ...toldBefore(step.context) };
    for (const [k, value] of Object.entries(factsIn(step.context, this.services))) if (value !== undefined) (v.facts as Record<string, unknown>)[k] = value;
    return v.facts;
  }

  private async noticeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = answerRule(step.context, this.services, (step.options as EligibilityOptions | undefined)?.topic, 'eligibility');
    if (answer) {
      await send(step.context, answer);
      return step.endDialog();
    }
    const f = this.facts(step);
    if (f.noticeReceived !== undefined || f.certificateExpired || f.certificateExpiresOn) return step.next({ ok: true, value: f.noticeReceived ?? null });
    return askIn(step, NOTICE, 'notice-received', info.askNoticeReceived());
  }

  private async expiryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<boolean | null>;
    if (!answer.ok) return step.endDialog({ handoff: 'eligibility-unclear' } satisfies NeedsStaff);
    const f = this.facts(step);
    if (answer.value === true) f.noticeReceived = true;
    if (f.noticeReceived || f.certificateExpired || f.certificateExpiresOn) return step.next({ ok: true, value: null });
    return askIn(step, EXPIRY, 'certificate-expiry', info.askCertificateExpiry());
  }

  private async cardStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<{ date: string | null; expired: boolean; without?: true } | null>;
    if (!answer.ok) return step.endDialog({ handoff: 'eligibility-unclear' } satisfies NeedsStaff);
    const f = this.facts(step);
    if (answer.value?.date) f.certificateExpiresOn = answer.value.date;
    if (answer.value?.expired) f.certificateExpired = true;
    if (answer.value?.without) f.issuedWithoutCertificates = true;
    // R16 (no certificates on the card) is for staff whatever the card's own expiry.
    if (f.issuedWithoutCertificates) return step.next({ ok: true, value: null });
    if (f.cardExpiringSoon !== undefined || f.cardExpiresOn) return step.next({ ok: true, value: f.cardExpiringSoon ?? false });
    return askIn(step, CARD, 'card-expiring-soon', info.askCardExpiringSoon());
  }

  /** The domain's verdict, in plain Japanese; a case for staff is handed to them. */
  // Age or guardianship (R17) and a face-authentication card (R18) change who applies or what to
  // know, never whether the desk can book: they are not asked here. Said by the citizen, they are
  // facts like any other, and the verdict carries their notes.
  private async verdictStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<boolean | { date: string } | null>;
    if (!answer.ok) return step.endDialog({ handoff: 'eligibility-unclear' } satisfies NeedsStaff);
    const f = this.facts(step);
    if (answer.value !== null && typeof answer.value === 'object') f.cardExpiresOn = answer.value.date;
    else if (answer.value !== null) f.cardExpiringSoon = answer.value;
    const verdict = assessEligibility(f, tokyoParts(this.services.clock()).date);
    (step.values as { kind?: string }).kind = verdict.kind;
    await send(step.context, info.eligibilityVerdict(verdict, isVoice(step.context)));
    if (verdict.kind === 'ask-staff') return step.endDialog({ handoff: 'eligibility-needs-staff' } satisfies NeedsStaff);
    if (verdict.kind !== 'renewal' && verdict.kind !== 'new-issuance') return step.endDialog();
    const asked = (step.options as EligibilityOptions | undefined)?.bookIfEligible;
    if (asked) return step.endDialog({ book: true, facts: f, wish: asked.wish } satisfies WantsToBook);
    return askIn(step, YES_NO, 'anything-else', bm.offerToBook());
  }

  private async bookStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<boolean>;
    return step.endDialog(answer.ok && answer.value ? ({ book: true, facts: this.facts(step) } satisfies WantsToBook) : undefined);
  }
}
