// The console door (`npm run chat`, tests): an activity in, what the bot said back, through the
// same pipeline as every other door. Nobody is there to be written to unasked.
import type { Activity, ResourceResponse } from 'botbuilder-core';
import type { ClientId } from '../../domain/ports.js';
import { ChannelUnavailableError, Door } from '../channels/door.js';

export class ConsoleDoor extends Door {
  processActivity(activity: Partial<Activity>, client?: ClientId): Promise<Partial<Activity>[]> {
    return this.turn(activity, client);
  }

  protected async deliver(): Promise<ResourceResponse[]> {
    throw new ChannelUnavailableError('the console has no one to write to unasked');
  }
}
