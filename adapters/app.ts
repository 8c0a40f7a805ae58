// The composition root of the HTTP service: the core (configuration, ledger, desk, Redis,
// tokenizer) and the restify server with its readiness checks.
import type { Server } from 'restify';
import { isTokenizerReady } from '../bot/understanding/tokenizer.js';
import { buildCore, type Core, type CoreOverrides } from './core.js';
import { createServer, type ReadinessCheck } from './http/server.js';
import type { Settings } from './settings.js';

export interface App extends Core {
  server: Server;
}

export async function buildApp(settings: Settings, overrides: CoreOverrides = {}): Promise<App> {
  const core = await buildCore(settings, overrides);
  const readiness: ReadinessCheck[] = [
    { name: 'ledger', check: () => core.ledger.ledger.ping() },
    {
      name: 'understanding',
      check: async () => {
        if (!isTokenizerReady()) throw new Error('dictionary still loading');
      },
    },
  ];
  const redis = core.redis;
  if (redis) readiness.push({ name: 'state', check: async () => void (await redis.ping()) });
  const server = createServer({ desk: core.desk, clock: core.clock, logger: core.logger, readiness });
  return {
    ...core,
    server,
    async close() {
      server.close();
      await core.close();
    },
  };
}
