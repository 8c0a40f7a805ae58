// Confirms a web booker's e-mail address before the booking is made: a 6-digit code is sent to
// it and typed back (three tries per code, ten minutes each). Nothing is held meanwhile (R8):
// the booking dialog commits afterwards and re-offers the window if it was taken.
import { createHash, randomInt } from 'node:crypto';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import * as limits from '../bot/messages/limits.ja.js';
import { normalize } from '../bot/understanding/normalize.js';
import { ask, UnderstandingPrompt, type Answer, type Recognizer } from './prompts/understanding-prompt.js';
import { send, type BotServices } from './turn.js';

export interface EmailCodeOptions {
  email: string;
  /** Codes sent so far in this booking (each retry of the address counts). */
  sent?: number;
  tries?: number;
  codeHash?: string;
  sentAt?: number;
}

export type EmailCodeResult = { verified: true } | { verified: false; reason: 'change-email' | 'failed' | 'not-sent' | 'too-many-codes' };

export const CODE_MINUTES = 10;
const TRIES_PER_CODE = 3;
/** Codes one booking may send (each is an e-mail to someone): then the desk phone. */
export const MAX_CODES = 4;
const CODE = 'emailCode';
const STEPS = 'emailCodeSteps';

type CodeAnswer = { code: string } | 'resend' | 'change';

const codeAnswer: Recognizer<CodeAnswer> = (context) => {
  const t = normalize(context.activity.text ?? '');
  // The buttons as an English conversation shows them, and the same in words.
  if (/再送|届かない|もう一度送/.test(t) || t === normalize(limits.RESEND_EN) || /\bresend\b|\bsend (?:it |the code )?again\b|\b(?:didn'?t|did not|hasn'?t|has not) (?:get|arrive|come)|\bno code\b/i.test(t)) return 'resend';
  if (/変更|変え|違う|間違/.test(t) || t === normalize(limits.CHANGE_EMAIL_EN) || /\bchange\b.*\b(?:e-?mail|address)\b|\bwrong (?:e-?mail|address)\b|\banother (?:e-?mail|address)\b/i.test(t)) return 'change';
  const digits = t.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? { code: digits } : undefined;
};

/** Only a hash of the code (bound to the conversation) is kept in the conversation's state. */
const hashOf = (conversationId: string, code: string) => createHash('sha256').update(`${conversationId}:${code}`).digest('hex');

export class EmailCodeDialog extends ComponentDialog {
  static readonly id = 'emailCode';

  constructor(private readonly services: BotServices) {
    super(EmailCodeDialog.id);
    this.addDialog(new UnderstandingPrompt(CODE, services, codeAnswer));
    this.addDialog(new WaterfallDialog(STEPS, [this.sendStep.bind(this), this.checkStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Sends a code unless one is still pending, then asks for it. */
  private async sendStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const o = { ...(step.options as EmailCodeOptions) };
    if (!o.codeHash) {
      if ((o.sent ?? 0) >= MAX_CODES) return this.end(step, { verified: false, reason: 'too-many-codes' });
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      try {
        await this.services.emailVerifier!.sendCode(o.email, code);
      } catch {
        await send(step.context, limits.emailCodeNotSent(this.services.desk.config.deskPhone));
        return this.end(step, { verified: false, reason: 'not-sent' });
      }
      Object.assign(o, { codeHash: hashOf(step.context.activity.conversation.id, code), sentAt: this.services.clock().getTime(), sent: (o.sent ?? 0) + 1, tries: 0 });
      (step.values as { code?: EmailCodeOptions }).code = o;
      return ask(step, CODE, (o.sent ?? 1) > 1 ? limits.emailCodeResent(o.email) : limits.askEmailCode(o.email));
    }
    (step.values as { code?: EmailCodeOptions }).code = o;
    return ask(step, CODE, limits.wrongEmailCode());
  }

  private async checkStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const o = (step.values as { code: EmailCodeOptions }).code;
    const answer = step.result as Answer<CodeAnswer>;
    if (!answer.ok) return this.end(step, { verified: false, reason: 'failed' });
    if (answer.value === 'change') return this.end(step, { verified: false, reason: 'change-email' });
    const fresh: EmailCodeOptions = { email: o.email, sent: o.sent ?? 0 };
    if (answer.value === 'resend') return step.replaceDialog(STEPS, fresh);
    if (this.services.clock().getTime() - (o.sentAt ?? 0) > CODE_MINUTES * 60_000) {
      await send(step.context, limits.emailCodeExpired());
      return step.replaceDialog(STEPS, fresh);
    }
    if (hashOf(step.context.activity.conversation.id, answer.value.code) === o.codeHash) return this.end(step, { verified: true });
    const tries = (o.tries ?? 0) + 1;
    if (tries >= TRIES_PER_CODE) {
      await send(step.context, limits.emailCodeFailed());
      return this.end(step, { verified: false, reason: 'failed' });
    }
    return step.replaceDialog(STEPS, { ...o, tries });
  }

  private end(step: WaterfallStepContext, result: EmailCodeResult): Promise<DialogTurnResult> {
    return step.endDialog({ ...result, sent: (step.values as { code?: EmailCodeOptions }).code?.sent ?? (step.options as EmailCodeOptions).sent ?? 0 });
  }
}
