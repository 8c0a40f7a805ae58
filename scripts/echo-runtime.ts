// The bench's floor: a bot that says back what it hears, built by the reservation bot's own
// runtime (the same storage and turn lock, transcript logger, handoff check, welcome, dialog
// state loaded and saved every turn), so the difference the bench measures is the dialog and
// understanding work alone.
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { MainDialog } from '../dialogs/main-dialog.js';
import { createBotRuntime, defaultStorage, type BotRuntime } from '../adapters/bot-runtime.js';
import type { Core } from '../adapters/core.js';
import { send, type BotServices } from '../dialogs/turn.js';

/**
 * Stays on the stack and echoes every message as a question, as a prompt would. It is a
 * MainDialog only because the bot's constructor takes one; none of its steps ever run.
 */
class EchoDialog extends MainDialog {
  constructor(services: BotServices) {
    super(services);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.echo(dc);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.echo(dc);
  }

  private async echo(dc: DialogContext): Promise<DialogTurnResult> {
    const text = dc.context.activity.text ?? '';
    await send(dc.context, { text: `echo: ${text}`, speak: `echo ${text}` }, true);
    return Dialog.EndOfTurn;
  }
}

/** The same runtime as the reservation bot's (storage, turn lock, transcripts, handoff check), echoing. */
export function createEchoRuntime(core: Core, parts: Parameters<typeof createBotRuntime>[1] = defaultStorage(core)): Promise<BotRuntime> {
  return createBotRuntime(core, parts, { mainDialog: (services) => new EchoDialog(services) });
}
