// `npm run --silent understand -- [--now ISO8601] [--channel voice|chat] "TEXT"`: one JSON object
// per utterance. Without TEXT, one utterance per stdin line and one JSON line each, in order.
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { loadTokenizer } from './tokenizer.js';
import { toPublicJson, understand, type UtteranceChannel } from './understand.js';

function fail(message: string): never {
  process.stderr.write(`understand: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { now: { type: 'string' }, channel: { type: 'string', default: 'chat' } },
    });
  } catch (e) {
    fail((e as Error).message);
  }
  const { values, positionals } = parsed;
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) fail(`--now must be an ISO 8601 instant, e.g. 2026-11-25T10:00:00+09:00`);
  if (values.channel !== 'voice' && values.channel !== 'chat') fail('--channel must be voice or chat');
  const channel = values.channel as UtteranceChannel;
  const tokenizer = await loadTokenizer();
  const answer = (text: string) => JSON.stringify(toPublicJson(understand(text, { now, tokenizer, channel })));

  if (positionals.length > 0) {
    process.stdout.write(answer(positionals.join(' ')) + '\n');
    return;
  }
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) process.stdout.write(answer(line) + '\n');
}

void main();
