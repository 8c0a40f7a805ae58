// What every dialog needs from a turn: the services (through ports and domain objects only),
// which door the citizen came through, what they said (understood once per turn), and a way
// to say a `Say` with its choices.
import { ActionTypes, InputHints, MessageFactory, type Activity, type TranscriptStore, type TurnContext } from 'botbuilder-core';
import type { Channel } from '../domain/booking-rules.js';
import type { ReservationDesk } from '../domain/desk.js';
import type { EligibilityFacts } from '../domain/eligibility.js';
import type { ProxyRequests } from '../domain/proxy-request.js';
import type { ClientId, EmailVerifier, Notifier, Reminders } from '../domain/ports.js';
import type { JapaneseTokenizer } from '../bot/understanding/tokenizer.js';
import { understand, type Understanding } from '../bot/understanding/understand.js';
import { inLanguage, type Lang, type Say } from '../bot/messages/say.js';

export interface BotServices {
  desk: ReservationDesk;
  /** The service clock; dialogs never read the system clock themselves. */
  clock: () => Date;
  tokenizer: JapaneseTokenizer;
  /** The conversation so far, attached to a handoff for staff (absent in some tests). */
  transcripts?: TranscriptStore;
  /** Confirmations outside the conversation (SMS), when configured. */
  notifier?: Notifier;
  /** Web bookings confirm the e-mail address with a code first, when configured. */
  emailVerifier?: EmailVerifier;
  /** Bookings one client may make per day, to say so when it is reached. */
  bookingLimitPerDay?: number;
  /** Reminders before the visit: where each booking was made, and turning them off (issue 15). */
  reminders?: Reminders;
  /** Requests to mail the proxy form (R21c step 1), for the desk to call back; absent: the desk takes them by phone. */
  proxyRequests?: ProxyRequests;
}

/** Bot Framework channel ids of our three doors. */
export const CHANNEL_IDS = { web: 'webchat', line: 'line', phone: 'twilio-voice' } as const;

/** Web chat for every other Bot Framework channel (Emulator, Direct Line, test). */
export function channelOf(context: TurnContext): Channel {
  const id = context.activity.channelId;
  if (id === CHANNEL_IDS.phone) return 'phone';
  if (id === CHANNEL_IDS.line) return 'line';
  return 'web';
}

export function isVoice(context: TurnContext): boolean {
  return channelOf(context) === 'phone';
}

/** The caller's own number on the phone line (Twilio's From), if the adapter passed it. */
export function callerNumber(context: TurnContext): string | undefined {
  if (!isVoice(context)) return undefined;
  const data = context.activity.channelData as { callerNumber?: string } | undefined;
  return data?.callerNumber;
}

/** The LINE user id, for bookings they manage without re-identifying (R12). */
export function lineUserId(context: TurnContext): string | undefined {
  return channelOf(context) === 'line' ? context.activity.from?.id : undefined;
}

/** Where the door puts who the client is (never read from the activity: a client could write it). */
export const CLIENT = Symbol.for('ecert.client');

/** The client as the door named it; otherwise the channel's own user id (Bot Framework channels, tests). */
export function clientOf(context: TurnContext): ClientId {
  return (context.turnState.get(CLIENT) as ClientId | undefined) ?? `${context.activity.channelId}:${context.activity.from?.id ?? 'unknown'}`;
}

/** The conversation's language this turn (the bot loads and saves it with the conversation). */
export const LANG = Symbol.for('ecert.lang');

/** Japanese unless the conversation switched to English (never on the phone line). */
export function langOf(context: TurnContext): Lang {
  return isVoice(context) ? 'ja' : ((context.turnState.get(LANG) as Lang | undefined) ?? 'ja');
}

/** From this turn on, the conversation is held in `lang` (web and LINE). */
export function setLang(context: TurnContext, lang: Lang): void {
  if (!isVoice(context)) context.turnState.set(LANG, lang);
}

/** Who will come to the window, as the conversation has told it (the bot loads and saves it with the conversation). */
export const APPLICANT = Symbol.for('ecert.applicant');
export type Applicant = 'self' | 'proxy' | 'legal-representative';

/** Who comes to the window, if the conversation said so (a booking in person, 「母の代わりに私が」). */
export function applicantOf(context: TurnContext): Applicant | undefined {
  return (context.turnState.get(APPLICANT) as Applicant | undefined) ?? undefined;
}

export function setApplicant(context: TurnContext, who: Applicant): void {
  context.turnState.set(APPLICANT, who);
}

/**
 * What the conversation has told about the card before a booking began (「母に水色の封筒が届いたん
 * ですが、代わりに行けますか」 … 「じゃあ本人が行きます。予約できますか」): the notice, the
 * certificate's and the card's expiry. A clerk does not ask them again; a completed booking clears
 * them (the next family member's card is another card). The bot loads and saves them with the
 * conversation.
 */
export const TOLD = Symbol.for('ecert.told');
const CARD_FACTS = ['noticeReceived', 'certificateExpiresOn', 'certificateExpired', 'cardExpiresOn', 'cardExpiringSoon', 'issuedWithoutCertificates'] as const;
export type CardFacts = Pick<EligibilityFacts, (typeof CARD_FACTS)[number]>;

export function toldBefore(context: TurnContext): CardFacts {
  return (context.turnState.get(TOLD) as CardFacts | undefined) ?? {};
}

/** Keeps the card's facts heard this turn with those told before (`undefined` forgets them all). */
export function rememberTold(context: TurnContext, facts: Partial<EligibilityFacts> | undefined): void {
  if (!facts) return void context.turnState.set(TOLD, {});
  const kept: CardFacts = { ...toldBefore(context) };
  for (const k of CARD_FACTS) {
    if (facts[k] !== undefined) (kept as Record<string, unknown>)[k] = facts[k];
  }
  context.turnState.set(TOLD, kept);
}

const UNDERSTANDING = Symbol('understanding');

/** The turn's utterance understood once, whatever asks for it. */
export function understood(context: TurnContext, services: BotServices): Understanding {
  const cached = context.turnState.get(UNDERSTANDING) as Understanding | undefined;
  if (cached) return cached;
  const text = context.activity.type === 'message' ? (context.activity.text ?? '') : '';
  const u = understand(text, { now: services.clock(), tokenizer: services.tokenizer, channel: isVoice(context) ? 'voice' : 'chat' });
  context.turnState.set(UNDERSTANDING, u);
  return u;
}

/** expecting: a question; accepting: information; final: the conversation ends (the call hangs up). */
export type Expect = boolean | 'final';

/** A `Say` as a message activity: speech for the phone line, choices as suggested actions, its acts as data. */
export function toActivity(s: Say, expectingInput: Expect): Partial<Activity> {
  const hint = expectingInput === 'final' ? InputHints.IgnoringInput : expectingInput ? InputHints.ExpectingInput : InputHints.AcceptingInput;
  const message = MessageFactory.text(s.text, s.speak, hint);
  // What the doors render natively (a date picker, a confirmation card) travels as data, never as text to re-parse.
  if (s.ask || s.card || s.acts) message.channelData = { ...(s.ask ? { ask: s.ask } : {}), ...(s.card ? { card: s.card } : {}), ...(s.acts ? { acts: s.acts } : {}) };
  if (s.choices?.length) {
    message.suggestedActions = {
      to: [],
      actions: s.choices.map((c) => ({
        type: ActionTypes.ImBack,
        title: c.label,
        value: c.label,
        ...(c.digit || c.short ? { channelData: { ...(c.digit ? { digit: c.digit } : {}), ...(c.short ? { short: c.short } : {}) } } : {}),
      })),
    };
  }
  return message;
}

/** Says `s` in the conversation's language. */
export async function send(context: TurnContext, s: Say, expectingInput: Expect = false): Promise<void> {
  const lang = langOf(context);
  await context.sendActivity({ ...toActivity(inLanguage(s, lang), expectingInput), locale: lang === 'en' || s.speakLang === 'en' ? 'en-US' : 'ja-JP' });
}
