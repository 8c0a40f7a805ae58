// The bench's floor: a bot that says back what it hears, assembled exactly as the reservation
// bot is (the same storage and turn lock, the transcript logger writing to the ledger database,
// the welcome, dialog state loaded and saved every turn), so the difference the bench measures
// is the dialog and understanding work alone.
import { TranscriptLoggerMiddleware, type TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { MainDialog } from '../dialogs/main-dialog.js';
import { defaultStorage, type BotRuntime } from '../adapters/bot-runtime.js';
import { CollectingAdapter } from '../adapters/console/collecting-adapter.js';
import type { Core } from '../adapters/core.js';
import { SqlTranscriptStore } from '../adapters/ledger/transcript-store.js';
import { ReservationBot } from '../bot/reservation-bot.js';
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

export async function createEchoRuntime(core: Core): Promise<BotRuntime> {
  const { storage, lock } = defaultStorage(core);
  const transcripts = new SqlTranscriptStore(core.ledger.db);
  const services: BotServices = { desk: core.desk, clock: core.clock, tokenizer: await core.tokenizer, transcripts };
  // The reservation bot's shell (welcome, state load and save, apology) around the echo dialog.
  const bot = new ReservationBot(storage, services, new EchoDialog(services));
  const adapter = new CollectingAdapter();
  adapter.use(new TranscriptLoggerMiddleware(transcripts));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    core.logger.error({ err: error, channel: context.activity.channelId }, 'turn failed');
    await bot.apologise(context).catch(() => undefined);
  };
  return {
    bot,
    lock,
    transcripts,
    adapter,
    storage,
    turn: (activity) =>
      lock.run(`${activity.channelId}/${activity.conversation?.id}`, () => adapter.processActivity(activity, (context) => bot.run(context))),
  };
}
