// The router: what the citizen wants → the dialog for it; interruptions anywhere (やめる,
// 最初から, help, a person) and side questions mid-booking (「持ち物は?」) answered before the
// booking resumes where it was.
import { InputHints, type TurnContext } from 'botbuilder-core';
import { ComponentDialog, Dialog, DialogTurnStatus, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Intent } from '../bot/understanding/intents.js';
import { normalize } from '../bot/understanding/normalize.js';
import { saysGoodbye } from '../bot/understanding/answers/repair.js';
import * as bm from '../bot/messages/booking.ja.js';
import * as general from '../bot/messages/general.ja.js';
import * as info from '../bot/messages/info.ja.js';
import { BookingDialog, type BookingOptions, type Done, type NeedsStaff, type NextTask } from './booking-dialog.js';
import { DocumentsDialog } from './documents-dialog.js';
import { EligibilityDialog, type EligibilityOptions, type WantsToBook } from './eligibility-dialog.js';
import { FeesDialog } from './fees-dialog.js';
import { answerRule } from './rule-answers.js';
import { feeFor } from '../domain/fees.js';
import { HandoffDialog, type HandoffOptions } from './handoff-dialog.js';
import { ReminderDialog, remindersOffAside, wantsNoReminders } from './reminder-dialog.js';
import { ManageDialog, type ManageMode, type ManageOptions } from './manage-dialog.js';
import { ProxyRequestDialog, type ProxyRequestOptions } from './proxy-request-dialog.js';
import { ask, UnderstandingPrompt, type Answer } from './prompts/understanding-prompt.js';
import { AskPrompt, askIn } from './prompts/ask-prompt.js';
import * as r from './prompts/recognizers.js';
import { channelOf, isVoice, langOf, rememberTold, send, setApplicant, setLang, understood, type BotServices } from './turn.js';
import { languageOf, readAs, readingOf, requestOf } from './ask.js';
import { detailsIn, factsIn, withoutBirthday } from './frame.js';
import type { AnswerReading } from '../bot/understanding/answers.js';
import { WEEKDAY_NAMES } from '../bot/understanding/answers/types.js';
import type { Wish } from './choose-window-dialog.js';
import * as repair from '../bot/messages/repair.ja.js';

export interface MainOptions {
  /** Turns in a row the router did not understand (two → a person). */
  misses?: number;
  /** After finishing something: ask 「ほかにご用件は?」 rather than routing this turn. */
  again?: boolean;
  /** Show the information menu and route its answer. */
  infoMenu?: boolean;
  /** Something was just said; wait for the citizen's next message before routing. */
  waitForInput?: boolean;
  /** A task the last one led to (eligibility → booking, 「予約の確認も」): begun at once, and 「ほかに?」 after it. */
  then?: { booking: BookingOptions } | { manage: ManageOptions };
}

const ASK = 'mainAsk';
const INFO = 'mainInfoMenu';
const INFO_TOPICS: Intent[] = ['documents', 'fees', 'eligibility', 'office', 'pin'];
const STEPS = 'mainSteps';
const CONSENT = 'mainHandoffConsent';
const OFFER_STEPS = 'mainOfferStaff';
const STOP = /^(やめ(る|ます|たい|て)|中止|終了|ストップ|もういい(です)?|キャンセル(します)?)$/;
const RESTART = /^(最初から|はじめから|最初に戻(る|って))/;
const NOTICE_RECEIVED = /通知(書)?.{0,6}(届|来|き|もら)/;
const EXPLICIT_HELP = /使い方|ヘルプ|help|どう(すれば|したら|やって)|何が(でき|出来)|何を(入力|言え|話せ|押せ)|もう(一|1|いち)(度|回)|説明/;
const SIDE_QUESTIONS: Intent[] = ['documents', 'fees', 'office', 'pin'];
/** What the understanding may call a line that states facts with a request to book (the booking hears them). */
const STATED_WITH_BOOKING: Intent[] = ['eligibility', 'documents', 'fees', 'office'];
/** The line asks (「予約できますか」「予約できるか知りたいです」) rather than states. */
const ASKS_WHETHER = /[?？]$|(?:ます|です|でしょう|ません|ますの|ですの)か(?:ね)?$|(?:る|た|ない|できる)か(?:どうか)?(?:を)?(?:知りたい|しりたい|教えて|おしえて|聞きたい|ききたい|確認|わかりますか|分かりますか)/;
/** 「予約できますか」「予約は取れますか」「can I book」: whether to book, asked to book. */
const CAN_I_BOOK = /予約(?:は|が|って|を)?(?:でき|出来|可能|取れ|とれ)|\bcan (?:i|we) (?:book|make (?:a|an) (?:booking|reservation|appointment))\b/i;
const ASKS_DOCUMENTS = /持ち物|もちもの|書類|しょるい|必要なもの|何を持|なにをも|\bbring\b|\bdocuments?\b/i;
/** A greeting and nothing else (「こんにちは」「もしもし」「Hello」): greeted back, with what the bot does. */
const GREETING = /^(?:(?:こんにちは|こんにちわ|こんばんは|こんばんわ|おはよう(?:ございます)?|はじめまして|もしもし|すみません|hello|hi|hey|good (?:morning|afternoon|evening))[\s!！。.、,~〜ー]*)+(?:よろしく(?:お願い(?:いた)?します)?[\s!！。.]*)?$/i;
/** Phone menu digits (welcome and 「ほかにご用件は」). */
const MENU: Record<string, Intent | 'manage' | 'info'> = { '1': 'book', '2': 'manage', '3': 'info', '0': 'staff' };
/** Phone digits to 「ほかにご用件は」: 1 = はい (the menu follows), 2 = いいえ, 3 = ご案内, 0 = 担当者. */
const AGAIN_KEYS: Record<string, Intent | 'info'> = { '1': 'yes', '2': 'no', '3': 'info', '0': 'staff' };

export class MainDialog extends ComponentDialog {
  static readonly id = 'main';

  constructor(private readonly services: BotServices) {
    super(MainDialog.id);
    this.addDialog(new UnderstandingPrompt(ASK, services, (c) => (c.activity.text?.trim() ? true : undefined)));
    this.addDialog(new UnderstandingPrompt(INFO, services, (c, s, o) => {
      const menu = general.infoMenu();
      const picked = r.choice((menu.choices ?? []).map((x) => x.label), menu.en?.choices)(c, s, o);
      if (picked !== undefined) return INFO_TOPICS[picked];
      const { intent } = understood(c, s);
      if (INFO_TOPICS.includes(intent)) return intent;
      // Read in context too (English, 「場所と時間」): the topic asked about.
      const asked = routeOf(requestOf(c, s));
      return asked && INFO_TOPICS.includes(asked) ? asked : undefined;
    }));
    this.addDialog(new BookingDialog(services));
    this.addDialog(new ManageDialog(services));
    this.addDialog(new EligibilityDialog(services));
    this.addDialog(new DocumentsDialog(services));
    this.addDialog(new FeesDialog(services));
    this.addDialog(new HandoffDialog(services));
    this.addDialog(new ReminderDialog(services));
    this.addDialog(new ProxyRequestDialog(services));
    this.addDialog(new AskPrompt<boolean>(CONSENT, services, (a) => ('answer' in a && (a.answer === 'yes' || a.answer === 'no') ? a.answer === 'yes' : undefined)));
    this.addDialog(new WaterfallDialog(OFFER_STEPS, [this.offerStaffStep.bind(this), this.consentStep.bind(this)]));
    this.addDialog(new WaterfallDialog(STEPS, [this.askStep.bind(this), this.routeStep.bind(this), this.afterStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Interruptions are heard whatever dialog is running. */
  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const handled = await this.interrupt(inner);
    return handled ?? super.onContinueDialog(inner);
  }

  /** …and on a conversation's first message too (chitchat, English, a blank line as the opening). */
  protected override async onBeginDialog(inner: DialogContext, options?: object): Promise<DialogTurnResult> {
    const handled = await this.interrupt(inner);
    return handled ?? super.onBeginDialog(inner, options);
  }

  private async interrupt(inner: DialogContext): Promise<DialogTurnResult | undefined> {
    const { context } = inner;
    if (context.activity.type !== 'message') return undefined;
    const reading = readingOf(context, this.services);
    // The router's own questions (「ご用件は?」, the information menu) are not a task to resume.
    const inTask = ![STEPS, ASK, INFO].includes(inner.activeDialog?.id ?? STEPS);
    // English written on web or LINE: the conversation goes on in English (and back, on request).
    const written = languageOf(context);
    if (!isVoice(context) && written === 'en' && langOf(context) !== 'en') setLang(context, 'en');
    // 「リマインド不要」 / "no reminders" (dialogs/reminder-dialog.ts): an aside mid-task, else the router's.
    if (wantsNoReminders(context.activity.text)) {
      if (!inTask) return undefined;
      await send(context, await remindersOffAside(context, this.services));
      return this.resume(inner, inTask);
    }
    if (!('intent' in reading)) return undefined;
    switch (reading.intent) {
      case 'restart':
        await inner.cancelAllDialogs();
        await send(context, info.welcome(channelOf(context)), true);
        return inner.beginDialog(STEPS, { again: false, misses: 0, waitForInput: true } satisfies MainOptions);
      case 'stop':
        // Giving up mid-task ends it politely; with no task there is nothing to stop.
        if (!inTask) return undefined;
        await inner.cancelAllDialogs();
        // 「ありがとう、さようなら」 mid-task: the citizen is leaving; a goodbye, not 「ほかにご用件は」.
        if (saysGoodbye(context.activity.text ?? '')) {
          await send(context, info.goodbye(isVoice(context)), 'final');
          return { status: DialogTurnStatus.complete };
        }
        await send(context, bm.stopped());
        return inner.beginDialog(STEPS, { again: true } satisfies MainOptions);
      case 'staff':
        await inner.cancelAllDialogs();
        return inner.beginDialog(HandoffDialog.id, { reason: 'requested' } satisfies HandoffOptions);
      case 'language':
        if (isVoice(context)) {
          if (reading.lang !== 'en') return undefined;
          await send(context, repair.englishOnPhone(this.services.desk.config.deskPhone));
          return this.resume(inner, inTask);
        }
        setLang(context, reading.lang);
        await send(context, reading.lang === 'en' ? repair.switchedToEnglish() : repair.switchedToJapanese());
        return this.resume(inner, inTask);
      case 'blank':
        // On the phone silence is a miss the question counts (a silent line must end); typed mid-task,
        // a miss as well (the question says the message was empty and asks again); else a slip.
        if (isVoice(context) || inTask) return undefined;
        await send(context, repair.blank());
        return this.resume(inner, inTask);
      case 'help':
        // With no task, 「どうすればいいですか」 is usually a question the router answers on its point.
        if (!inTask) return undefined;
        await send(context, info.help(channelOf(context)));
        return this.resume(inner, inTask);
      case 'question':
        // A side question: answered, then the task goes on where it was (digression and return).
        if (!inTask) return undefined;
        await send(context, this.shortAnswer(context, reading.topic === 'hours' ? 'office' : reading.topic));
        return this.resume(inner, inTask);
      case 'off-topic':
        await send(context, repair.offTopic());
        return this.resume(inner, inTask);
      default:
        return undefined;
    }
  }

  /** After a repair: the pending question again (mid-task), or 「ご用件は?」. */
  private async resume(inner: DialogContext, inTask: boolean): Promise<DialogTurnResult> {
    if (inTask) {
      // The question asked again says so (its act `resumes`): the task goes on where it was.
      let resuming = true;
      inner.context.onSendActivities(async (_c, sent, next) => {
        if (resuming) for (const a of sent) if (a.inputHint === InputHints.ExpectingInput) a.channelData = { ...a.channelData, acts: [...((a.channelData as { acts?: string[] } | undefined)?.acts ?? []), 'resumes'] };
        return next();
      });
      await inner.repromptDialog();
      resuming = false;
      return Dialog.EndOfTurn;
    }
    await inner.cancelAllDialogs();
    return inner.beginDialog(STEPS, { waitForInput: true } satisfies MainOptions);
  }

  private shortAnswer(context: TurnContext, intent: Intent) {
    const voice = isVoice(context);
    const config = this.services.desk.config;
    // A question on one rule gets that rule (「健康保険証でもいいですか」 mid-booking: R21d).
    const rule = answerRule(context, this.services, understood(context, this.services).topic, intent);
    if (rule) return rule;
    if (intent === 'documents') return info.bringForSelf(voice);
    if (intent === 'fees') return general.feeAnswerShort(feeFor({ cardValid: false }));
    if (intent === 'pin') return info.pinForgotten(voice);
    if (intent === 'eligibility') return info.whoMayBook();
    if (intent === 'proxy') return voice ? info.proxyBooksWithStaff() : info.proxyMustCall(config.deskPhone);
    return info.officeInfo(config.deskPhone, voice);
  }

  /** 「ご用件をどうぞ」 — unless this very message already says what is wanted. */
  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const o = (step.options ?? {}) as MainOptions;
    if (o.then) return 'booking' in o.then ? step.beginDialog(BookingDialog.id, o.then.booking) : step.beginDialog(ManageDialog.id, o.then.manage);
    if (o.infoMenu) return ask(step, INFO, general.infoMenu());
    if (o.again) return ask(step, ASK, bm.anythingElse(isVoice(step.context)));
    if (o.waitForInput) return Dialog.EndOfTurn;
    return step.next({ ok: true, value: true });
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // A task begun by askStep has ended: what follows it.
    if ((step.options as MainOptions | undefined)?.then) return step.next(step.result);
    if (wantsNoReminders(step.context.activity.text)) return step.beginDialog(ReminderDialog.id);
    const { context } = step;
    const o = (step.options ?? {}) as MainOptions;
    const u = understood(context, this.services);
    const text = normalize(context.activity.text ?? '');
    const voice = isVoice(context);
    const topic = (step.result as Answer<unknown> | undefined)?.ok ? (step.result as { value: unknown }).value : undefined;
    const menu = typeof topic === 'string' ? (topic as Intent) : voice && o.again ? AGAIN_KEYS[text] : MENU[text];
    // 「通知書が届いたので予約したい」: the notice answers eligibility; the request is to book.
    const noticeReceived = NOTICE_RECEIVED.test(text);
    const english = languageOf(context) === 'en';
    const request = requestOf(context, this.services);
    const task = 'intent' in request && request.confidence >= 0.5 ? request.intent : undefined;
    // 「来週水曜の午後に予約したいです。水色の封筒は届いてます…」: facts about the card told with a
    // request to book are the booking's first answers, not a question on eligibility.
    // (A proxy word in such a line counts only if the holder is the one coming: 「本人が行きます」.)
    const statesBooking = task === 'book' && !ASKS_WHETHER.test(text.replace(/\s+/g, '')) && (STATED_WITH_BOOKING.includes(u.intent) || (u.intent === 'proxy' && factsIn(context, this.services).inPerson === true));
    const wantsBooking = (u.intent === 'eligibility' && noticeReceived && /予約/.test(text)) || statesBooking || (u.intent === 'unknown' && !english && !task && Boolean(u.date || u.time || u.timeRange));
    // 「予約の確認・変更・キャンセル」 (the menu's button) names all three: ask which.
    const severalOfManage = ['確認', '変更', 'キャンセル'].filter((w) => text.includes(w)).length >= 2;
    const manyOfManageEn = english && [/\bcheck\b|\bconfirm\b/i, /\bchange\b/i, /\bcancel\b/i].filter((w) => w.test(text)).length >= 2;
    let intent = menu ?? (wantsBooking ? 'book' : severalOfManage || manyOfManageEn ? 'manage' : u.intent);
    // The words read as a request in context (English too; 「ありがとうございました」 to 「ほかに?」 is a no):
    // where the single-utterance understanding found no task, or the line is English.
    if (!menu && !wantsBooking && !severalOfManage && !manyOfManageEn && (english || u.intent === 'unknown' || u.intent === 'yes' || u.intent === 'no')) {
      intent = routeOf(request) ?? (english ? 'unknown' : u.intent);
    }
    // 「代理人の持ち物は?」: what a proxy brings is a documents question (the checklist for a proxy).
    if (intent === 'proxy' && ASKS_DOCUMENTS.test(text)) intent = 'documents';
    const config = this.services.desk.config;
    // Which office rule the question is about (「支所でもできますか」), when the words said it.
    const rule = menu === undefined && intent === u.intent && u.topic ? { topic: u.topic } : {};
    if (!menu && GREETING.test((context.activity.text ?? '').normalize('NFKC').trim())) {
      await send(context, info.welcome(channelOf(context)), true);
      return step.replaceDialog(STEPS, { waitForInput: true } satisfies MainOptions);
    }
    // The card's facts told with any request (a proxy question, the documents…) are kept for a booking later.
    rememberTold(context, factsIn(context, this.services));
    switch (intent) {
      case 'book': {
        const options: BookingOptions = {
          wish: this.wishSaid(context),
          noticeReceived,
        };
        return step.beginDialog(BookingDialog.id, options);
      }
      case 'change':
      case 'cancel':
      case 'check':
      case 'manage': {
        const mode: ManageMode = intent === 'manage' ? 'ask' : intent;
        const number = u.reservationNumber ?? (english ? numberIn(readAs(context, this.services, 'reservation-number')) : undefined);
        const birthday = number ? detailsIn(context, this.services).birthday : undefined;
        return step.beginDialog(ManageDialog.id, { mode, number, birthday, wish: this.wishSaid(context) } satisfies ManageOptions);
      }
      case 'eligibility':
        return step.beginDialog(EligibilityDialog.id, { ...rule, ...(CAN_I_BOOK.test(text) && !voice ? { bookIfEligible: { wish: this.wishSaid(context) } } : {}) } satisfies EligibilityOptions);
      case 'documents':
        return step.beginDialog(DocumentsDialog.id, rule);
      case 'fees':
        return step.beginDialog(FeesDialog.id, rule);
      case 'staff':
        return step.beginDialog(HandoffDialog.id, { reason: 'requested' } satisfies HandoffOptions);
      case 'office':
        // 「12月29日はやってますか」: a day named without another topic asks whether it is open (R2).
        await send(context, answerRule(context, this.services, rule.topic ?? (u.date && intent === u.intent ? 'open-days' : undefined), intent, u.date) ?? info.officeInfo(config.deskPhone, voice));
        return step.next();
      case 'pin':
        await send(context, answerRule(context, this.services, rule.topic, intent) ?? info.pinForgotten(voice));
        return step.next();
      case 'proxy':
        // Someone else is coming: a documents question after this is about a proxy's.
        setApplicant(context, 'proxy');
        // The answer, then the offer to take the request to mail the proxy form (R21c step 1).
        return step.beginDialog(ProxyRequestDialog.id, rule satisfies ProxyRequestOptions);
      case 'info':
        return step.replaceDialog(STEPS, { infoMenu: true } satisfies MainOptions);
      case 'help':
        await send(context, info.help(channelOf(context)));
        return step.next();
      // 「ほかにご用件は?」「はい」: ask what; 「いいえ」: goodbye.
      case 'yes':
        await send(context, general.whatIsIt(voice), true);
        return step.replaceDialog(STEPS, { waitForInput: true } satisfies MainOptions);
      case 'no':
        await send(context, info.goodbye(voice), 'final');
        return step.endDialog();
      default: {
        const misses = (o.misses ?? 0) + 1;
        // A silent line (twice nothing heard on the phone) is ended kindly, with the desk's number.
        if (misses >= 2 && voice && !text.trim()) {
          await send(context, repair.silentLine(config.deskPhone), 'final');
          return step.endDialog();
        }
        if (misses >= 2) return step.beginDialog(OFFER_STEPS, { reason: 'not-understood' } satisfies HandoffOptions);
        await send(context, info.notUnderstood(voice), true);
        return step.replaceDialog(STEPS, { misses, waitForInput: true } satisfies MainOptions);
      }
    }
  }

  /** The day and time this turn's words wish for (English read by the answer reader; a birthday given with them is no wish). */
  private wishSaid(context: TurnContext): Wish {
    // Only the day in the words (「can I come tomorrow to renew…?」 is a question too, which the router has heard).
    if (languageOf(context) === 'en') return wishOf(readAs(context, this.services, 'date', undefined, withoutBirthday(context.activity.text ?? ''), true));
    const u = understood(context, this.services);
    return { date: u.date, time: u.time, timeRange: u.timeRange };
  }

  /** 「担当の職員におつなぎしましょうか?」 */
  private async offerStaffStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return askIn(step, CONSENT, 'anything-else', repair.offerHandoff());
  }

  private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Answer<boolean>;
    if (answer.ok && answer.value) return step.replaceDialog(HandoffDialog.id, step.options as HandoffOptions);
    if (!answer.ok && isVoice(step.context)) {
      await send(step.context, repair.silentLine(this.services.desk.config.deskPhone), 'final');
      return step.endDialog();
    }
    await send(step.context, repair.handoffDeclined(this.services.desk.config.deskPhone), true);
    return step.replaceDialog(STEPS, { waitForInput: true } satisfies MainOptions);
  }

  /** After a task: hand off if it needs staff (with consent), start booking if asked, else 「ほかに?」. */
  private async afterStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as Partial<NeedsStaff & WantsToBook & Done & NextTask & { handedOff: boolean }> | Answer<unknown> | undefined;
    if (result && 'handoff' in result && result.handoff) {
      // A person only when the citizen asked for one, or agrees to it.
      return step.replaceDialog(result.handoff === 'requested' ? HandoffDialog.id : OFFER_STEPS, { reason: result.handoff } satisfies HandoffOptions);
    }
    if (result && 'handedOff' in result) return step.endDialog();
    // 「はい、来週の火曜で」 to 「このまま予約しますか」: the day said with it is the wish.
    if (result && 'book' in result) return step.replaceDialog(STEPS, { then: { booking: { facts: result.facts, wish: result.wish ?? this.wishSaid(step.context) } } } satisfies MainOptions);
    if (result && 'done' in result) {
      await send(step.context, info.goodbye(isVoice(step.context)), 'final');
      return step.endDialog();
    }
    if (result && 'next' in result && result.next) return step.replaceDialog(STEPS, { then: { manage: { mode: result.next } } } satisfies MainOptions);
    return step.replaceDialog(STEPS, { again: true } satisfies MainOptions);
  }
}

/** What the router does with a request read in context (undefined: it names nothing the router knows). */
function routeOf(r: AnswerReading): Intent | undefined {
  if (r.confidence < 0.5) return undefined;
  if ('intent' in r) {
    switch (r.intent) {
      case 'book':
      case 'change':
      case 'cancel':
      case 'help':
      case 'staff':
        return r.intent;
      case 'lookup':
        return 'check';
      case 'question':
        return r.topic === 'hours' ? 'office' : r.topic;
      default:
        return undefined;
    }
  }
  if ('answer' in r && (r.answer === 'yes' || r.answer === 'no')) return r.answer;
  return undefined;
}

/** A date reading (「next Tuesday afternoon」「the earliest day」「on a Saturday」) as the window wished for. */
function wishOf(r: AnswerReading): Wish {
  const wish: Wish = { date: null, time: null, timeRange: null };
  if ('date' in r && r.date) wish.date = r.date;
  if ('time' in r && r.time) wish.time = r.time;
  if ('range' in r && r.range) wish.timeRange = r.range;
  if ('earliest' in r) wish.earliest = true;
  if ('weekday' in r) wish.weekday = WEEKDAY_NAMES.indexOf(r.weekday);
  if ('month' in r) wish.month = r.month;
  return wish;
}

const numberIn = (r: AnswerReading): string | undefined => ('number' in r ? r.number : undefined);
