// What each question accepts as an answer, from the turn's understanding, the keypad and the
// choices offered.
import type { TurnContext } from 'botbuilder-core';
import { isEmail } from '../../domain/reservation.js';
import type { AvailableWindow } from '../../domain/desk.js';
import { normalize } from '../../bot/understanding/normalize.js';
import { understood, type BotServices } from '../turn.js';
import type { Recognizer } from './understanding-prompt.js';

const text = (context: TurnContext) => normalize(context.activity.text ?? '');

/** はい/いいえ, or 1/2 on the keypad. */
export const yesNo: Recognizer<boolean> = (context, services) => {
  const t = text(context);
  if (t === '1') return true;
  if (t === '2') return false;
  const { intent } = understood(context, services);
  if (intent === 'yes') return true;
  if (intent === 'no') return false;
  // To a yes/no question, 「はい、届いてます」「いいえ、違います」 answer with their first word.
  if (/^(はい|ええ|うん|そうです)/.test(t)) return true;
  if (/^(いいえ|いえ|いや|ちがい|違い)/.test(t)) return false;
  return undefined;
};

/** One of the labelled choices, by its digit, its label (or its English label, as an English button sends it) or its number said aloud. */
export function choice(labels: string[], labelsEn: string[] = []): Recognizer<number> {
  return (context) => {
    const t = text(context).replace(/番(目)?$|です$|で$/g, '');
    const byDigit = /^\d$/.test(t) ? Number(t) - 1 : -1;
    if (byDigit >= 0 && byDigit < labels.length) return byDigit;
    const i = labels.findIndex((l) => normalize(l) === t);
    if (i >= 0) return i;
    const plain = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s.!?。]+$/g, '').trim();
    const en = labelsEn.findIndex((l) => plain(l) === plain(context.activity.text ?? ''));
    return en >= 0 ? en : undefined;
  };
}

/** An offered window, by digit, by label, or by a date/time that matches exactly one of them. */
export const offeredWindow: Recognizer<AvailableWindow> = (context, services, options) => {
  const windows = (options.data as AvailableWindow[] | undefined) ?? [];
  const byChoice = choice((options.say.choices ?? []).map((c) => c.label))(context, services, options);
  if (byChoice !== undefined) return windows[byChoice];
  const u = understood(context, services);
  const matches = windows.filter((w) => (!u.date || w.date === u.date) && (!u.time || w.start === u.time) && (u.date || u.time));
  return matches.length === 1 ? matches[0] : undefined;
};

/** 5月3日, 5/3, 0503 on the keypad, or a full birth date; `MM-DD`. */
export const birthday: Recognizer<string> = (context, services) => {
  const u = understood(context, services);
  if (u.birthday) return u.birthday;
  const t = text(context);
  const m = /(?<!\d)(\d{1,2})\s?(?:月\s?の?\s?|\/)(\d{1,2})(?!\d)/.exec(t) ?? /^(\d{2})(\d{2})$/.exec(t.replace(/[\s-]/g, ''));
  if (!m) return undefined;
  const [mo, d] = [Number(m[1]), Number(m[2])];
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return days && d >= 1 && d <= days ? `${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` : undefined;
};

export const phone: Recognizer<string> = (context, services) => understood(context, services).phone ?? undefined;

export const email: Recognizer<string> = (context) => {
  const m = /[\w.+-]+@[\w-]+(\.[\w-]+)+/.exec((context.activity.text ?? '').normalize('NFKC'));
  return m && isEmail(m[0]) ? m[0] : undefined;
};

/** 6–8 digits said or keyed, with or without 予約番号は. */
export const reservationNumber: Recognizer<string> = (context, services) => {
  const u = understood(context, services);
  if (u.reservationNumber) return u.reservationNumber;
  const digits = text(context).replace(/[\s-]/g, '');
  return /^\d{6,8}$/.test(digits) ? digits : undefined;
};

/** Any date, time or period: the dialog works out what is missing. */
export const when: Recognizer<{ date: string | null; time: string | null; timeRange: [string, string] | null }> = (context, services) => {
  const u = understood(context, services);
  return u.date || u.time || u.timeRange ? { date: u.date, time: u.time, timeRange: u.timeRange } : undefined;
};
