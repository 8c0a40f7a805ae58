// What a citizen sends is cleaned at the door, before any middleware, dialog or transcript sees
// it: a lone surrogate half crashed the Japanese tokenizer mid-booking, and control or bidi
// override characters only ever disguise text. Nothing else is changed (no width or case
// normalisation: understanding does its own).
import type { Middleware, TurnContext } from 'botbuilder-core';

// Lone surrogate halves; C0 controls but tab and line feed; DEL and the C1 controls; the bidi
// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
const UNWANTED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** The text without lone surrogates, control characters (but \n and \t) and bidi overrides. */
export function cleanText(text: string): string {
  return text.replace(UNWANTED, '');
}

const MAX_DEPTH = 20;

/** Every string in a JSON-like value cleaned (keys too); other values unchanged. */
export function cleanValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => cleanValue(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanValue(v, depth + 1)]));
}

/** Cleans the incoming activity's text and value; registered first on every adapter. */
export class InputCleaningMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const a = context.activity;
    if (typeof a.text === 'string') a.text = cleanText(a.text);
    if (a.value !== undefined) a.value = cleanValue(a.value);
    await next();
  }
}
