// The Bot Framework bot: one ActivityHandler for every door. Conversation and user state live
// in a botbuilder Storage (Redis across instances, memory when embedded); the main dialog runs
// each message; a failed turn gets an apology with the reservation phone number.
import {
  ActivityHandler,
  ConversationState,
  UserState,
  type StatePropertyAccessor,
  type Storage,
  type TurnContext,
} from 'botbuilder-core';
import { runDialog, type DialogState } from 'botbuilder-dialogs';
import { MainDialog } from '../dialogs/main-dialog.js';
import { APPLICANT, channelOf, LANG, send, TOLD, type Applicant, type BotServices, type CardFacts } from '../dialogs/turn.js';
import { ASKED, PENDING, type PendingAsk } from '../dialogs/ask.js';
import type { Lang } from './messages/say.js';
import * as general from './messages/general.ja.js';
import * as info from './messages/info.ja.js';

export class ReservationBot extends ActivityHandler {
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  /** The conversation's language, kept with it (dialogs read and change it through the turn). */
  private readonly lang: StatePropertyAccessor<Lang>;
  /** The question the bot asked last, to read the next answer against. */
  private readonly asked: StatePropertyAccessor<PendingAsk | null>;
  /** Who will come to the window, once the conversation has said (what to bring follows from it). */
  private readonly applicant: StatePropertyAccessor<Applicant | null>;
  private readonly told: StatePropertyAccessor<CardFacts | null>;

  constructor(storage: Storage, private readonly services: BotServices, dialog = new MainDialog(services)) {
    super();
    this.conversationState = new ConversationState(storage);
    this.userState = new UserState(storage);
    const dialogState = this.conversationState.createProperty<DialogState>('dialogState');
    this.lang = this.conversationState.createProperty<Lang>('lang');
    this.asked = this.conversationState.createProperty<PendingAsk | null>('asked');
    this.applicant = this.conversationState.createProperty<Applicant | null>('applicant');
    this.told = this.conversationState.createProperty<CardFacts | null>('told');

    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient?.id);
      if (joined) await send(context, info.welcome(channelOf(context)), true);
      await next();
    });
    this.onMessage(async (context, next) => {
      await runDialog(dialog, context, dialogState);
      await next();
    });
    // A transfer's outcome (the phone door's handoff.status) goes on with the dialog waiting for it.
    this.onEvent(async (context, next) => {
      if (context.activity.name === 'handoff.status' && channelOf(context) === 'phone') await runDialog(dialog, context, dialogState);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    context.turnState.set(LANG, await this.lang.get(context, 'ja'));
    context.turnState.set(ASKED, (await this.asked.get(context, null)) ?? undefined);
    context.turnState.set(APPLICANT, (await this.applicant.get(context, null)) ?? undefined);
    context.turnState.set(TOLD, (await this.told.get(context, null)) ?? undefined);
    await super.run(context);
    await this.lang.set(context, context.turnState.get(LANG) as Lang);
    await this.applicant.set(context, (context.turnState.get(APPLICANT) as Applicant | undefined) ?? null);
    const told = context.turnState.get(TOLD) as CardFacts | undefined;
    await this.told.set(context, told && Object.keys(told).length ? told : null);
    // Only a message turn changes what was asked: a typing or event turn leaves the question standing.
    if (context.activity.type === 'message' || context.turnState.has(PENDING)) await this.asked.set(context, (context.turnState.get(PENDING) as PendingAsk | undefined) ?? null);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }

  /** What a citizen hears when a turn fails: an apology and the phone number; nothing is half-done. */
  async apologise(context: TurnContext): Promise<void> {
    const phone = this.services.desk.config.deskPhone;
    await send(context, general.sorry(phone));
    // Start afresh next time rather than resume a dialog that just failed.
    await this.conversationState.delete(context).catch(() => undefined);
  }
}
