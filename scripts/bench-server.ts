// The service as the bench starts it in a child process: `npm start`'s server, with the echo
// bot behind the same stack when BENCH_BOT=echo (the floor). Read only here, never by the
// service itself. Prints one line `bench-server listening <url>` once it answers.
import type { AddressInfo } from 'node:net';
import { buildApp } from '../adapters/app.js';
import { readSettings } from '../adapters/settings.js';
import { createEchoRuntime } from './echo-runtime.js';

const settings = readSettings();
const echo = process.env.BENCH_BOT === 'echo';
const app = await buildApp(settings, {}, echo ? { runtime: createEchoRuntime } : {});
await app.tokenizer;
await new Promise<void>((resolve) => app.server.listen(settings.PORT, settings.HOST, resolve));
const { port } = app.server.address() as AddressInfo;
console.error(`bench-server listening http://127.0.0.1:${port} (${echo ? 'echo' : 'reservation'} bot)`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(1), 10_000).unref();
  // process.exit (not a drained event loop) so that --cpu-prof writes its profile.
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
