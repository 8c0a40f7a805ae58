// `npm run --silent chat -- [--now ISO8601] [--channel web|line|phone] [--user ID]`: a citizen's
// lines on stdin; after each, one JSON line {"user": "...", "bot": ["reply", ...]} with the text
// of every bot message of that turn. Uses the configured storage and ledger (embedded defaults
// without settings, so a booking made in one run is found by the next with the same DATA_DIR).
import readline from 'node:readline';
import type { Activity } from 'botbuilder-core';
import { parseArgs } from 'node:util';
import { CHANNEL_IDS } from '../../dialogs/turn.js';
import { createBotRuntime } from '../bot-runtime.js';
import { clockFrom } from '../clock.js';
import { buildCore } from '../core.js';
import { createLogger } from '../log.js';
import { readSettings, StartupError } from '../settings.js';
import { messageTexts } from '../channels/door.js';

function fail(message: string): never {
  process.stderr.write(`chat: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({ options: { now: { type: 'string' }, channel: { type: 'string', default: 'web' }, user: { type: 'string', default: 'citizen' } } }).values;
  } catch (e) {
    fail((e as Error).message);
  }
  const channel = args.channel as keyof typeof CHANNEL_IDS;
  if (!(channel in CHANNEL_IDS)) fail('--channel must be web, line or phone');
  if (args.now && Number.isNaN(Date.parse(args.now))) fail('--now must be an ISO 8601 instant, e.g. 2026-11-25T10:00:00+09:00');

  const settings = readSettings();
  // Logs go to stderr so stdout carries only the JSON lines.
  const core = await buildCore(settings, {
    logger: createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr as never),
    clock: clockFrom(args.now ?? settings.FAKE_NOW),
  });
  const runtime = await createBotRuntime(core);
  const user = args.user!;
  const base: Partial<Activity> = {
    channelId: CHANNEL_IDS[channel],
    conversation: { id: `console-${channel}-${user}`, name: 'console', isGroup: false, conversationType: 'personal' },
    from: { id: user, name: user, role: 'user' },
    recipient: { id: 'ecert-bot', name: 'ecert-bot', role: 'bot' },
    serviceUrl: 'console:',
    ...(channel === 'phone' && /^\+?\d{10,13}$/.test(user) ? { channelData: { callerNumber: user } } : {}),
  };
  // The welcome a citizen sees on opening the chat comes before the first answer.
  let pending = messageTexts(await runtime.turn({ ...base, type: 'conversationUpdate', membersAdded: [{ id: user, name: user }] }));
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const text of lines) {
    const replies = await runtime.turn({ ...base, type: 'message', text, locale: 'ja-JP' });
    process.stdout.write(JSON.stringify({ user: text, bot: [...pending, ...messageTexts(replies)] }) + '\n');
    pending = [];
  }
  await core.close();
}

main().catch((err) => {
  process.stderr.write(err instanceof StartupError ? `${err.message}\n` : `chat failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
