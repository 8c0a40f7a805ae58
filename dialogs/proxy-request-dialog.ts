// The proxy form request (R21c step 1), on every channel: after the proxy answer the bot offers
// to take the request to mail the 照会書兼回答書(兼委任状) (or takes it at once when that is what
// was asked: 「照会書を送ってほしい」), says the five steps, checks who is asking (the holder or the
// legal representative — anyone else asks at the window with ID, as the city's page says), then
// takes the holder's name in kana, birthday (month/day) and a number to call back, reads them
// back, and only on the citizen's yes stores the request. Nothing else is asked; never a My
// Number. The desk calls back to confirm identity (the city's rule that the request is made by
// phone is kept), mails the form, and a proxy's booking is made by phone (R11).
import { randomUUID } from 'node:crypto';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { AnswerReading } from '../bot/understanding/answers.js';
import type { Topic } from '../bot/understanding/intent-topics.js';
import type { ReadBackDetails } from '../bot/understanding/answers/types.js';
import * as info from '../bot/messages/info.ja.js';
import * as pr from '../bot/messages/proxy-request.ja.js';
import { AskPrompt, askIn, type AskAnswer } from './prompts/ask-prompt.js';
import { answerRule } from './rule-answers.js';
import { callerNumber, channelOf, isVoice, send, type BotServices } from './turn.js';
import type { BookingFacts } from './booking-dialog.js';

export interface ProxyRequestOptions {
  /** The rule the proxy question was about (「代理人の持ち物は?」), answered before the offer. */
  topic?: Topic;
}

/** The request and its read-back: what has been given so far. */
interface Details {
  kanaName?: string;
  /** The phone line read the spoken name back and heard a yes. */
  nameConfirmed?: boolean;
  /** The name was not right: asked again with an apology. */
  askAgain?: boolean;
  birthday?: string;
  phone?: string;
  /** One per read-back: a retried webhook stores the request once. */
  key?: string;
}

/** What the citizen made of the offer: yes, no thanks (then 「ほかに?」), the end (「わかりました、電話します」), or another task. */
type Offer = 'yes' | 'decline' | 'done' | { task: 'book' | 'change' | 'cancel' | 'check' };
type UseCaller = boolean | { phone: string };
type ReadBack = boolean | { correct: ReadBackDetails };

const OFFER = 'proxyOffer';
const REQUESTER = 'proxyRequester';
const NAME = 'proxyName';
const CONFIRM_NAME = 'proxyConfirmName';
const BIRTHDAY = 'proxyBirthday';
const CALLER = 'proxyCaller';
const PHONE = 'proxyPhone';
const READ_BACK = 'proxyReadBack';
const STEPS = 'proxySteps';
const COLLECT = 'proxyCollect';

/** 「照会書を送ってほしい」「委任状を郵送してください」 / "please mail me the proxy form": the request itself. */
const ASKS_JA = /(?:照会書|しょうかいしょ|回答書|委任状)(?:兼回答書)?(?:\(兼委任状\))?\s?(?:を|の)?\s?(?:送|おく|郵送|ゆうそう|届け|とどけ|発送|請求|取り寄|とりよ)|(?:送|郵送)[^。?]{0,8}(?:照会書|委任状|回答書)/;
const ASKS_EN = /\b(?:send|mail|post)\b[^.?]{0,40}\b(?:form|letter of proxy|proxy letter|inquiry)\b|\b(?:form|letter of proxy)\b[^.?]{0,30}\b(?:sent|mailed|posted)\b/i;

export function wantsProxyForm(text: string | undefined): boolean {
  const t = (text ?? '').normalize('NFKC');
  return ASKS_JA.test(t) || ASKS_EN.test(t);
}

// After 「郵送を依頼しますか」, a no that closes the conversation (not just this offer).
const ENDS = /ありがとう|わかりました|分かりました|了解|電話(?:します|してみます)|行きます|以上|\bthank|\bi'?ll call\b|\bbye\b/i;

const bool = (a: AnswerReading): boolean | undefined => ('answer' in a ? (a.answer === 'yes' ? true : a.answer === 'no' ? false : undefined) : undefined);

export class ProxyRequestDialog extends ComponentDialog {
  static readonly id = 'proxyRequest';

  constructor(private readonly services: BotServices) {
    super(ProxyRequestDialog.id);
    this.addDialog(
      new AskPrompt<Offer>(OFFER, services, (a, c) => {
        if ('intent' in a) return a.intent === 'lookup' ? { task: 'check' } : a.intent === 'book' || a.intent === 'change' || a.intent === 'cancel' ? { task: a.intent } : undefined;
        const yes = bool(a);
        if (yes === undefined) return undefined;
        return yes ? 'yes' : ENDS.test(c.activity.text ?? '') ? 'done' : 'decline';
      }),
    );
    this.addDialog(new AskPrompt<boolean>(REQUESTER, services, bool));
    this.addDialog(new AskPrompt<string>(NAME, services, (a) => ('kana' in a ? a.kana : undefined)));
    this.addDialog(new AskPrompt<boolean>(CONFIRM_NAME, services, bool));
    this.addDialog(new AskPrompt<string>(BIRTHDAY, services, (a) => ('birthday' in a ? a.birthday : undefined)));
    this.addDialog(new AskPrompt<UseCaller>(CALLER, services, (a) => ('phone' in a ? { phone: a.phone } : bool(a))));
    this.addDialog(new AskPrompt<string>(PHONE, services, (a) => ('phone' in a ? a.phone : undefined)));
    this.addDialog(new AskPrompt<ReadBack>(READ_BACK, services, (a) => ('correct' in a ? { correct: a.correct } : bool(a))));
    this.addDialog(new WaterfallDialog(STEPS, [this.introStep.bind(this), this.requesterStep.bind(this), this.collectStep.bind(this), this.doneStep.bind(this)]));
    this.addDialog(
      new WaterfallDialog(COLLECT, [
        this.nameStep.bind(this),
        this.confirmNameStep.bind(this),
        this.birthdayStep.bind(this),
        this.phoneStep.bind(this),
        this.otherPhoneStep.bind(this),
        this.readBackStep.bind(this),
        this.submitStep.bind(this),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  /** The proxy answer and 「郵送を依頼しますか?」 — or straight on when the form was asked for. */
  private async introStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const config = this.services.desk.config;
    const asked = wantsProxyForm(context.activity.text);
    if (!this.services.proxyRequests) {
      await send(context, asked ? pr.requestByPhone(config.deskPhone) : this.proxyAnswer(step));
      return step.endDialog();
    }
    if (asked) return step.next({ ok: true, value: 'yes' } satisfies AskAnswer<Offer>);
    await send(context, this.proxyAnswer(step));
    return askIn(step, OFFER, 'proxy-form-offer', pr.offerRequest(isVoice(context)), { keys: { '1': 'yes', '2': 'no' } });
  }

  /** Yes: the five steps, then who is asking. */
  private async requesterStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<Offer>;
    if (!answer.ok) return step.endDialog({ handoff: 'not-understood' });
    const offer = answer.value;
    if (offer === 'decline') return step.endDialog();
    if (offer === 'done') return step.endDialog({ done: true });
    if (typeof offer === 'object') {
      if (offer.task === 'book') return step.endDialog({ book: true, facts: {} as BookingFacts });
      return step.endDialog({ next: offer.task });
    }
    await send(step.context, pr.steps(isVoice(step.context)));
    return askIn(step, REQUESTER, 'requester', pr.askRequester(), { keys: pr.REQUESTER_KEYS });
  }

  /** The holder or the legal representative: the details; anyone else: at the window with ID. */
  private async collectStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<boolean>;
    if (!answer.ok) return step.endDialog({ handoff: 'not-understood' });
    if (!answer.value) {
      await send(step.context, pr.requesterRefused(this.services.desk.config.deskPhone, isVoice(step.context)));
      return step.endDialog();
    }
    return step.beginDialog(COLLECT, {} satisfies Details);
  }

  private async doneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }

  // ── the details (COLLECT) ───────────────────────────────────────────────────────────

  private details(step: WaterfallStepContext): Details {
    return step.options as Details;
  }

  /** The holder's name in kana. */
  private async nameStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.details(step);
    if (s.kanaName) return step.next({ ok: true, value: s.kanaName } satisfies AskAnswer<string>);
    return askIn(step, NAME, 'kana-name', s.askAgain ? pr.askNameAgain() : pr.askName(isVoice(step.context)));
  }

  /** The phone: the name as it was heard, read back (speech-to-text may have misheard it). */
  private async confirmNameStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<string>;
    if (!answer.ok) return this.unanswered(step);
    const s = this.details(step);
    s.kanaName = answer.value;
    if (!isVoice(step.context) || s.nameConfirmed) return step.next({ ok: true, value: true } satisfies AskAnswer<boolean>);
    return askIn(step, CONFIRM_NAME, 'read-back', pr.confirmName(s.kanaName), { readBack: {} });
  }

  private async birthdayStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<boolean>;
    if (!answer.ok) return this.unanswered(step);
    const s = this.details(step);
    if (!answer.value) return step.replaceDialog(COLLECT, { ...s, kanaName: undefined, askAgain: true } satisfies Details);
    s.nameConfirmed = true;
    if (s.birthday) return step.next({ ok: true, value: s.birthday } satisfies AskAnswer<string>);
    return askIn(step, BIRTHDAY, 'birthday', pr.askBirthday());
  }

  /** A number to call back: on the phone line, the caller's own is offered. */
  private async phoneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<string>;
    if (!answer.ok) return this.unanswered(step);
    const s = this.details(step);
    s.birthday = answer.value;
    if (s.phone) return step.next({ ok: true, value: { phone: s.phone } } satisfies AskAnswer<UseCaller>);
    const caller = callerNumber(step.context);
    if (caller) return askIn(step, CALLER, 'use-caller-number', pr.askCallbackPhone(caller), { callerNumber: caller });
    return step.next({ ok: true, value: false } satisfies AskAnswer<UseCaller>);
  }

  private async otherPhoneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<UseCaller>;
    if (!answer.ok) return this.unanswered(step);
    if (typeof answer.value === 'object') return step.next({ ok: true, value: answer.value.phone } satisfies AskAnswer<string>);
    const caller = callerNumber(step.context);
    if (answer.value && caller) return step.next({ ok: true, value: caller } satisfies AskAnswer<string>);
    return askIn(step, PHONE, 'phone', caller ? pr.askOtherCallbackPhone() : pr.askCallbackPhone(undefined));
  }

  /** The read-back: nothing is stored before the citizen's yes. */
  private async readBackStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<string>;
    if (!answer.ok) return this.unanswered(step);
    const s = this.details(step);
    s.phone = answer.value;
    s.key ??= `${step.context.activity.conversation.id}:${randomUUID()}`;
    const summary = { kanaName: s.kanaName!, birthday: s.birthday!, phone: s.phone };
    return askIn(step, READ_BACK, 'read-back', pr.confirmRequest(summary), { readBack: { birthday: s.birthday!, phone: s.phone } });
  }

  private async submitStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AskAnswer<ReadBack>;
    if (!answer.ok) return this.unanswered(step);
    const s = this.details(step);
    if (typeof answer.value === 'object') {
      // 「誕生日は5月4日です」: that detail changes, and it is read back again.
      const { birthday, phone } = answer.value.correct;
      return step.replaceDialog(COLLECT, { ...s, ...(birthday ? { birthday } : {}), ...(phone ? { phone } : {}), key: undefined } satisfies Details);
    }
    if (!answer.value) {
      await send(step.context, pr.startOver());
      return step.replaceDialog(COLLECT, {} satisfies Details);
    }
    const store = this.services.proxyRequests!;
    const { duplicate } = await store.submit(
      { kanaName: s.kanaName!, birthday: s.birthday!, phone: s.phone!, channel: channelOf(step.context) },
      s.key!,
      this.services.clock(),
    );
    await send(step.context, duplicate ? pr.alreadyRequested() : pr.requestTaken(this.services.desk.config.deskPhone, isVoice(step.context)));
    return step.endDialog();
  }

  /** Three answers the bot could not read: nothing is stored; a person is offered (with consent). */
  private async unanswered(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog({ handoff: 'not-understood' });
  }

  /** What the router would have said to the proxy question (R11, R21c), or its rule's answer. */
  private proxyAnswer(step: WaterfallStepContext) {
    const { context } = step;
    const topic = (step.options as ProxyRequestOptions | undefined)?.topic;
    return answerRule(context, this.services, topic, 'proxy') ?? info.proxyInfo(this.services.desk.config.deskPhone, channelOf(context));
  }
}
