// Reads the office configuration file; a bad file stops start-up naming the bad field.
import fs from 'node:fs';
import { parseOfficeConfig, type OfficeConfig } from '../domain/office-config.js';
import { StartupError } from './settings.js';

export function loadOfficeConfig(file: string, { required }: { required: boolean }): OfficeConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !required) return unwrap(parseOfficeConfig({}), file);
    throw new StartupError(`Office configuration ${file}: cannot read it (${(e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new StartupError(`Office configuration ${file}: not valid JSON (${(e as Error).message})`);
  }
  return unwrap(parseOfficeConfig(json), file);
}

function unwrap(result: ReturnType<typeof parseOfficeConfig>, file: string): OfficeConfig {
  if (result.ok) return result.config;
  throw new StartupError(`Office configuration ${file} is invalid:\n${result.errors.map((e) => `  ${e}`).join('\n')}`);
}
