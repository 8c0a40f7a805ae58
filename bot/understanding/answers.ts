// Reads an answer in the context of the question just asked (issue 13 "Per-question
// recognizers"): 「届いてます」 to the notice question is a yes, 「2番で」 after a list is the second
// window, 「いや、やっぱり11時で」 at a read-back corrects the time, 「大丈夫です」 to the card-expiry
// question is `unclear` (never a guessed yes that refuses someone). Repairs — giving up, starting
// over, a person, English, help, a side question, chitchat, nothing said — are heard on every
// question. Japanese and English; the shapes are FORMAT.md's (test/fixtures/context).
import { Heard } from './answers/heard.js';
import { readKeys } from './answers/keypad.js';
import { readAnythingElse, readManageAction } from './answers/manage.js';
import { asksSomething, asksWhatIsMeant, givesUp, isChitchat, languageAsked, restarts, topicOf, wantsHelp, wantsStaff } from './answers/repair.js';
import { readReadBack } from './answers/read-back.js';
import { answer, LIKELY, reading, SURE, unclear } from './answers/result.js';
import { readDate, readTime } from './answers/schedule.js';
import { readBirthday, readEmail, readPhoneAnswer, readReservationNumber, readUseCallerNumber } from './answers/details.js';
import { readCardExpiringSoon, readCertificateExpiry, readInPerson, readNotice } from './answers/eligibility.js';
import { readWindowChoice } from './answers/windows.js';
import { readKanaName, readProxyFormOffer, readRequester } from './answers/proxy-request.js';
import type { AnswerReading, AskContext, AskKind, ReadAnswerOptions } from './answers/types.js';

export type { AnswerReading, AskContext, AskKind, ReadAnswerOptions } from './answers/types.js';
export { ASK_KINDS, CLARIFY_BELOW } from './answers/types.js';

function readFor(ask: AskKind, h: Heard, ctx: AskContext): AnswerReading {
  switch (ask) {
    case 'notice-received':
      return readNotice(h);
    case 'certificate-expiry':
      return readCertificateExpiry(h);
    case 'card-expiring-soon':
      return readCardExpiringSoon(h);
    case 'in-person':
      return readInPerson(h);
    case 'date':
      return readDate(h);
    case 'time':
      return readTime(h, ctx);
    case 'window-choice':
      return readWindowChoice(h, ctx);
    case 'birthday':
      return readBirthday(h);
    case 'phone':
      return readPhoneAnswer(h);
    case 'use-caller-number':
      return readUseCallerNumber(h, ctx);
    case 'email':
      return readEmail(h);
    case 'read-back':
      return readReadBack(h, ctx);
    case 'reservation-number':
      return readReservationNumber(h);
    case 'manage-action':
      return readManageAction(h);
    case 'anything-else':
      return readAnythingElse(h);
    case 'proxy-form-offer':
      return readProxyFormOffer(h);
    case 'requester':
      return readRequester(h);
    case 'kana-name':
      return readKanaName(h);
    default:
      return unclear(); // an ask kind this reader does not know (a caller's mistake): ask again
  }
}

const REPEAT_JA = /もう(?:一|1|いち)(?:度|回)|もっかい|繰り返|くりかえ|(?:番号|ばんごう).{0,4}(?:もう|再|聞|きき)/;
const REPEAT_EN = /\b(?:again|repeat)\b/i;

const isUnclear = (r: AnswerReading) => 'answer' in r && r.answer === 'unclear';
/** Readings that carry a detail the citizen typed (an address, a number). */
const carriesDetail = (r: AnswerReading) => 'email' in r || 'phone' in r || 'number' in r;

export function readAnswer(ask: AskKind, text: string, opts: ReadAnswerOptions): AnswerReading {
  const h = new Heard(String(text ?? ''), opts.now, opts.channel, opts.tokenizer, opts.lang);
  const ctx = opts.context ?? {};
  if (h.blank) return reading({ intent: 'blank' }, SURE);
  if (opts.channel === 'keypad' && /^[\d*#\s-]+$/.test(h.raw)) return readKeys(ask, h.raw, ctx, h.today);
  // 「もう一度」 where the question offered to say something again (the phone's 9): that, not help.
  if (Object.values(ctx.keys ?? {}).includes('repeat') && (h.lang === 'en' ? REPEAT_EN : REPEAT_JA).test(h.text)) return reading({ intent: 'repeat' }, SURE);

  const read = readFor(ask, h, ctx);
  if (opts.answerOnly) return read;
  // Asking for a person, a fresh start or another language wins over anything else said with it.
  if (!carriesDetail(read)) {
    if (wantsStaff(h)) return reading({ intent: 'staff' }, SURE);
    if (restarts(h)) return reading({ intent: 'restart' }, SURE);
    const lang = languageAsked(h);
    if (lang) return reading({ intent: 'language', lang }, SURE);
  }
  // Giving up: at the manage question 「やめます」 is about the reservation (its reader decides);
  // to 「ほかにご用件は」 「もういいです」 means nothing more.
  if (givesUp(h) && ask !== 'manage-action') {
    if (ask !== 'anything-else') return reading({ intent: 'stop' }, SURE);
    if (isUnclear(read)) return answer('no');
  }
  // 「どっちの期限のことですか」: what the question means; a clerk explains it again.
  if (asksWhatIsMeant(h) && isUnclear(read)) return read;
  if (wantsHelp(h) && (isUnclear(read) || h.asks)) return reading({ intent: 'help' }, LIKELY + 0.1);
  // A side question on a desk topic, unless the line goes on to answer after asking; a forgotten
  // PIN is one however it is said (R19: explained before anything is booked).
  const topic = topicOf(h);
  if (topic && (asksSomething(h) || topic === 'pin') && !carriesDetail(read)) return reading({ intent: 'question', topic }, LIKELY + 0.1);
  // Chitchat, unless it answered (「今日寒いですね」 names today only in passing).
  // (「いやー きょうは さむいですねえ」 to 「どうしますか」 is no change to today either.)
  const inPassing = 'date' in read && read.date === h.today && !('time' in read) && !('range' in read) && Object.keys(read).every((k) => ['date', 'confidence', 'action', 'none'].includes(k));
  if ((isUnclear(read) || inPassing) && isChitchat(h)) return reading({ intent: 'off-topic' }, LIKELY);
  return read;
}

/**
 * What a request to the desk asks for (「ご用件は」, or a conversation's first words): the task it
 * names — book, change, cancel, look up — before anything else it mentions on the way (「Can I book
 * a slot to renew my certificate?」 books), else the line read as an answer to 「ほかにご用件は」.
 */
export function readRequest(text: string, opts: ReadAnswerOptions): AnswerReading {
  const h = new Heard(String(text ?? ''), opts.now, opts.channel, opts.tokenizer, opts.lang);
  if (!h.blank && opts.channel !== 'keypad' && !wantsStaff(h) && !givesUp(h)) {
    const task = readAnythingElse(h);
    if ('intent' in task) return task;
  }
  const read = readAnswer('anything-else', text, opts);
  // A desk topic named without a task (「Can my wife go instead of me? I work weekdays」) is what is asked about.
  const topic = isUnclear(read) && !h.blank ? topicOf(h) : undefined;
  return topic ? reading({ intent: 'question', topic }, LIKELY) : read;
}
