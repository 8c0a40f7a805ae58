// The two ways the service runs: embedded (PGlite and this process's memory) and on servers
// (PostgreSQL and Redis, when DATABASE_URL and REDIS_URL are set). An attack replayed in both
// proves the defence in each store it uses.
import type { CoreOverrides } from '../../adapters/core.js';
import { startApp, type RunningApp } from './app.js';
import { freshSchema, postgresUrl, redisUrl } from '../../scripts/lib/databases.js';

export type ServiceMode = 'embedded' | 'servers';

/** Both modes; `servers` is skipped (shown as such) without DATABASE_URL and REDIS_URL. */
export const SERVICE_MODES: readonly ServiceMode[] = ['embedded', 'servers'];

export function modeUnavailable(mode: ServiceMode): boolean {
  return mode === 'servers' && !(postgresUrl && redisUrl);
}

/** The service in that mode; on servers, in a fresh PostgreSQL schema dropped on stop. */
export async function startIn(mode: ServiceMode, env: Record<string, string> = {}, overrides: CoreOverrides = {}): Promise<RunningApp> {
  if (mode === 'embedded') return startApp(env, overrides);
  const schema = await freshSchema(postgresUrl!, 'sec_');
  const svc = await startApp({ ...env, DATABASE_URL: schema.url, REDIS_URL: redisUrl! }, overrides);
  return {
    ...svc,
    async stop() {
      await svc.stop();
      await schema.drop();
    },
  };
}
