// `npm start`: the service on the settings in the environment (embedded defaults without any).
import { loadTokenizer } from '../bot/understanding/tokenizer.js';

// The Japanese dictionary loads (decompressed off the main thread) while the rest of the
// service's modules are read and compiled, and then beside the database's opening.
void loadTokenizer().catch(() => undefined);
const { buildApp } = await import('./app.js');
const { readSettings, StartupError } = await import('./settings.js');

async function main(): Promise<void> {
  const settings = readSettings();
  const app = await buildApp(settings);
  await new Promise<void>((resolve) => app.server.listen(settings.PORT, settings.HOST, resolve));
  app.logger.info(
    {
      url: app.server.url,
      ledger: app.ledger.db.kind,
      state: settings.REDIS_URL ? 'redis' : 'memory',
      fakeNow: settings.FAKE_NOW ?? null,
    },
    'listening',
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'stopping');
    // Never hang on the way out: a stuck close still ends the process.
    setTimeout(() => process.exit(1), 10_000).unref();
    const closed = await app.close().then(
      () => true,
      (err) => (app.logger.error({ err }, 'error while stopping'), false),
    );
    process.exit(closed ? 0 : 1);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  if (err instanceof StartupError) {
    console.error(err.message);
  } else {
    console.error('Start-up failed:', err);
  }
  process.exit(1);
});
