// `npm run staff -- add NAME`: a staff account; the password is read from stdin (never an argument).
import { buildCore } from '../core.js';
import { createLogger } from '../log.js';
import { readSettings, StartupError } from '../settings.js';
import { MIN_PASSWORD_LENGTH, StaffStore } from './accounts.js';

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (command !== 'add' || !name) {
    process.stderr.write('usage: npm run staff -- add NAME   (password on stdin)\n');
    process.exit(2);
  }
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const password = input.split('\n')[0]!.trim();
  const core = await buildCore(readSettings(), { logger: createLogger('warn', process.stderr as never) });
  const result = await new StaffStore(core.ledger.db).add(name, password);
  await core.close();
  if (!result.ok) {
    const why = { 'weak-password': `the password needs at least ${MIN_PASSWORD_LENGTH} characters`, exists: 'that name is taken', 'bad-name': 'use letters, digits, . _ - @' }[result.reason];
    process.stderr.write(`staff: ${why}\n`);
    process.exit(1);
  }
  process.stdout.write(`staff account ${name} added\n`);
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(err instanceof StartupError ? `${err.message}\n` : `staff failed: ${(err as Error).message}\n`);
  process.exit(1);
});
