// Phone keys (DTMF). 1 = はい and 2 = いいえ; a list is chosen by its number; the manage menu is
// 1 変更, 2 キャンセル, 3 このまま; a birthday or date is keyed as MMDD (or YYYYMMDD when the prompt
// said so), a time as HHMM. A key the prompt gave another meaning (context.keys) means that.
import { civil, daysInMonth, isCivilDate, parts, type CivilDate } from '../../../domain/civil.js';
import { normalizePhone } from '../../../domain/reservation.js';
import { mmdd } from './details.js';
import { answer, reading, SURE, unclear } from './result.js';
import type { AnswerReading, AskContext, AskKind } from './types.js';

const YES_NO: ReadonlySet<AskKind> = new Set(['notice-received', 'card-expiring-soon', 'in-person', 'use-caller-number', 'read-back', 'anything-else']);
const MANAGE_KEYS: Record<string, string> = { '1': 'change', '2': 'cancel', '3': 'keep' };

function meaning(word: string): AnswerReading | undefined {
  // A key that stands for a day (1 = the nearest free day the prompt named).
  if (isCivilDate(word)) return reading({ date: word }, SURE);
  switch (word) {
    case 'yes':
    case 'no':
    case 'unknown':
      return answer(word);
    case 'change':
    case 'cancel':
    case 'keep':
      return reading({ action: word }, SURE);
    case 'none':
      return reading({ none: true }, SURE);
    case 'earliest':
      return reading({ earliest: true }, SURE);
    case 'staff':
    case 'restart':
    case 'stop':
    case 'help':
    case 'repeat':
      return reading({ intent: word }, SURE);
    default:
      return undefined;
  }
}

/** MMDD as the next such date on or after today; YYYYMMDD as written. */
function keyedDate(keys: string, today: CivilDate): CivilDate | undefined {
  if (keys.length === 8) {
    const d = `${keys.slice(0, 4)}-${keys.slice(4, 6)}-${keys.slice(6)}`;
    return isCivilDate(d) ? d : undefined;
  }
  if (keys.length !== 4) return undefined;
  const [m, d] = [Number(keys.slice(0, 2)), Number(keys.slice(2))];
  const { year } = parts(today);
  for (const y of [year, year + 1]) {
    if (m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) && civil(y, m, d) >= today) return civil(y, m, d);
  }
  return undefined;
}

export function readKeys(ask: AskKind, pressed: string, ctx: AskContext, today: CivilDate): AnswerReading {
  // 「#」 ends an entry on many phones: it is not part of it.
  const keys = pressed.replace(/[^\d*#]/g, '').replace(/#+$/, '');
  const given = ctx.keys?.[keys];
  if (given) return meaning(given) ?? unclear();
  if (ask === 'use-caller-number' && keys.length >= 10) {
    const phone = normalizePhone(keys);
    return phone ? reading({ phone }, SURE) : unclear();
  }
  if (YES_NO.has(ask)) return keys === '1' ? answer('yes') : keys === '2' ? answer('no') : unclear();
  switch (ask) {
    case 'window-choice': {
      const n = Number(keys);
      if (/^\d{1,2}$/.test(keys)) return n >= 1 && n <= (ctx.offered?.length ?? 0) ? reading({ choice: n - 1 }, SURE) : unclear();
      // A time keyed as HHMM (1030): the window offered at that time, else that time on the day.
      const time = keyedTime(keys);
      if (!time) return unclear();
      const at = (ctx.offered ?? []).flatMap((o, i) => (o.endsWith(`T${time}`) ? [i] : []));
      if (at.length === 1) return reading({ choice: at[0]! }, SURE);
      return ctx.date || new Set((ctx.offered ?? []).map((o) => o.slice(0, 10))).size === 1 ? reading({ time }, SURE) : unclear();
    }
    case 'manage-action':
      return meaning(MANAGE_KEYS[keys] ?? '') ?? unclear();
    case 'birthday': {
      const b = keys.length === 4 ? mmdd(Number(keys.slice(0, 2)), Number(keys.slice(2))) : undefined;
      return b ? reading({ birthday: b }, SURE) : unclear();
    }
    case 'phone': {
      const phone = normalizePhone(keys);
      return phone ? reading({ phone }, SURE) : unclear();
    }
    case 'reservation-number':
      return /^\d{8}$/.test(keys) ? reading({ number: keys }, SURE) : unclear();
    case 'date':
    case 'certificate-expiry': {
      const date = keyedDate(keys, today);
      return date ? reading({ date }, SURE) : unclear();
    }
    case 'time': {
      // A list number when times were offered by number; else the hour (10) or HHMM (1030).
      const n = Number(keys);
      if (/^\d$/.test(keys) && n >= 1 && n <= (ctx.offered?.length ?? 0)) return reading({ choice: n - 1 }, SURE);
      const m = /^(\d{1,2})(\d{2})?$/.exec(keys);
      const [h, min] = m ? [Number(m[1]), Number(m[2] ?? 0)] : [NaN, NaN];
      return h < 24 && min < 60 ? reading({ time: `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}` }, SURE) : unclear();
    }
    default:
      return unclear();
  }
}

/** HHMM (0930, 1400) or HMM (930) as a clock time, if it is one. */
function keyedTime(keys: string): string | undefined {
  const m = /^(\d{1,2})(\d{2})$/.exec(keys);
  if (!m) return undefined;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return h < 24 && min < 60 ? `${String(h).padStart(2, '0')}:${m[2]}` : undefined;
}
