// Which door serves a stored conversation reference, so anything (staff replies, the end of a
// handoff, reminders) can write to a conversation later without knowing its channel: by the
// reference's serviceUrl — our doors' own (`directline:`, `line:`, `twilio:`), or an Azure
// channel's https address, served through /api/messages.
import type { ConversationReference } from 'botbuilder-core';
import type { TurnLogic } from '../../bot/pipeline.js';
import { ChannelUnavailableError } from './door.js';

export interface ProactiveDoor {
  continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void>;
}

export class Doors {
  private readonly byServiceUrl = new Map<string, ProactiveDoor>();
  private azure: ProactiveDoor | undefined;

  /** A door of ours, by the serviceUrl it gives its activities. */
  add(serviceUrl: string, door: ProactiveDoor): this {
    this.byServiceUrl.set(serviceUrl, door);
    return this;
  }

  /** The Bot Framework door (/api/messages): every https serviceUrl is an Azure channel's. */
  addAzure(door: ProactiveDoor): this {
    this.azure = door;
    return this;
  }

  /** Runs `logic` in the conversation the reference names; throws ChannelUnavailableError when no door can. */
  async continueConversation(reference: Partial<ConversationReference> | null | undefined, logic: TurnLogic): Promise<void> {
    const url = reference?.serviceUrl ?? '';
    const door = this.byServiceUrl.get(url) ?? (url.startsWith('https://') ? this.azure : undefined);
    if (!reference || !door) throw new ChannelUnavailableError('no door can reach this conversation now');
    await door.continueConversation(reference, logic);
  }
}
