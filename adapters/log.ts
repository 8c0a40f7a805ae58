// Structured logs (pino). Personal data never reaches a log line: the keys that carry it are
// redacted wherever they appear, and free text is passed through `redactText` first.
import pino, { type Logger } from 'pino';

const PERSONAL_KEYS = ['phone', 'birthday', 'email', 'lineUserId', 'from', 'caller', 'text'];

/** Redaction paths for personal keys at the top and up to three levels down. */
function personalPaths(): string[] {
  const paths: string[] = [];
  for (const k of PERSONAL_KEYS) paths.push(k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`);
  return paths;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ecert-reservations' },
      redact: { paths: personalPaths(), censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** Masks phone numbers, e-mail addresses and birthdays in free text. */
export function redactText(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]')
    .replace(/(\+81[\s-]?|0)\d{1,4}[\s-]?\d{1,4}[\s-]?\d{3,4}/g, '[phone]')
    .replace(/\d{1,2}月\d{1,2}日生まれ|誕生日[^、。\s]*/g, '[birthday]');
}

export type { Logger };
