// Structured logs (pino). Personal data never reaches a log line: the keys that carry it are
// redacted wherever they appear, and free text is passed through `redactText` first.
import pino, { type Logger } from 'pino';

// A proxy form request's holder name is kept as `kanaName` (`kana` in a reading). Not `name`:
// every logged error has one (TypeError, under `err`), and redacting it would hide what failed.
const PERSONAL_KEYS = ['phone', 'birthday', 'email', 'lineUserId', 'from', 'caller', 'text', 'kana', 'kanaName'];

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
      // Whoever logs an error, only its name, message and stack are written (see errorFields).
      serializers: { err: errorFields },
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

export interface ErrorFields {
  name: string;
  message: string;
  stack?: string;
}

/**
 * An error as a log line may carry it: name, message and stack, free text masked. Never the
 * error's other properties: botbuilder-dialogs attaches the whole dialog state to a failed
 * turn's error (birthday, phone, e-mail, the read-back), and client errors attach requests.
 * A wrapped cause (`cause`, or the `error` a DialogContextError wraps) adds its stack, since the
 * outer stack alone points only at the wrapper.
 */
export function errorFields(err: unknown): ErrorFields {
  if (typeof err !== 'object' || err === null) return { name: 'Error', message: redactText(String(err)) };
  const e = err as { name?: unknown; message?: unknown; stack?: unknown; cause?: unknown; error?: unknown };
  const name = typeof e.name === 'string' ? e.name.slice(0, 100) : 'Error';
  const message = redactText(typeof e.message === 'string' ? e.message : '');
  let stack = typeof e.stack === 'string' ? e.stack : undefined;
  const inner = e.error instanceof Error ? e.error : e.cause instanceof Error ? e.cause : undefined;
  if (inner?.stack && inner !== err) stack = `${stack ?? `${name}: ${message}`}\ncaused by: ${inner.stack}`;
  return { name, message, ...(stack ? { stack: redactText(stack).slice(0, 8_000) } : {}) };
}

export type { Logger };
