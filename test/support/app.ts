// Starts the whole service in-process on an ephemeral port, as `npm start` builds it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp, type App } from '../../adapters/app.js';
import type { CoreOverrides } from '../../adapters/core.js';
import { readSettings } from '../../adapters/settings.js';

export interface RunningApp {
  app: App;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export function tempDir(prefix = 'ecert-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** `overrides` as buildApp takes them (e.g. a logger writing to a test's stream). */
/**
 * Every test runs from 127.0.0.1 against one Redis whose counts outlive a test file, with
 * FAKE_NOW repeating the same day: limits per client would leak from one test into the next.
 * They are off here; the tests of those limits (test/security/, rate-limit) set them, and
 * test/unit/settings.test.ts checks the production defaults.
 */
export const TEST_LIMITS = {
  RATE_LIMIT_PER_IP_PER_MINUTE: '0',
  BOOKING_LIMIT_PER_CLIENT_PER_DAY: '0',
  LOOKUP_LIMIT_PER_CLIENT_PER_HOUR: '0',
  WEBCHAT_TOKENS_PER_IP_PER_MINUTE: '0',
};

export async function startApp(env: Record<string, string> = {}, overrides: CoreOverrides = {}): Promise<RunningApp> {
  const dataDir = env.DATA_DIR ?? tempDir();
  const settings = readSettings({ LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...TEST_LIMITS, ...env });
  const app = await buildApp(settings, overrides);
  await app.tokenizer;
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, dataDir, stop: () => app.close() };
}
