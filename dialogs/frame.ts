// Facts about the card and certificate a citizen states in passing (「通知書が届いたので」
// 「電子証明書の期限が先月切れてしまいました」「母の代わりに」): read from any utterance with the
// question readers, but only where the words are about that topic, so a bare 「いいえ」 to another
// question never becomes 「the notice has not come」.
import type { TurnContext } from 'botbuilder-core';
import { readAnswer, type AnswerReading, type AskKind } from '../bot/understanding/answers.js';
import { WITHOUT_CERTIFICATES } from '../bot/understanding/answers/eligibility.js';
import { askedBefore } from './ask.js';
import type { BookingFacts } from './booking-dialog.js';
import { isVoice, langOf, understood, type BotServices } from './turn.js';
import { isEmail } from '../domain/reservation.js';

const TOPIC: Partial<Record<AskKind, RegExp>> = {
  'notice-received': /通知|つうち|ツウチ|封筒|ふうとう|notice|letter|envelope/i,
  'certificate-expiry': /証明書|しょうめいしょ|certificate/i,
  'card-expiring-soon': /本体|カード(?!.*証明書)|かーど|card itself|the card/i,
  'in-person': /本人|ほんにん|代理|だいり|代わり|かわりに|on (?:my|his|her) behalf|in person|myself/i,
};

/**
 * What names one yes/no question's subject narrowly enough to say an answer is about it: 「はい、
 * 通知書は届いてます」 to the card's question answers the notice's question again, not this one.
 */
const SUBJECT: Partial<Record<AskKind, RegExp>> = {
  'notice-received': TOPIC['notice-received']!,
  'card-expiring-soon': /本体|(?:カード|かーど).{0,6}(?:期限|有効|切れ|きれ)|card itself|valid (?:until|till)|card (?:expires|is (?:valid|good))/i,
  'in-person': /本人|ほんにん|代理|だいり|代わり|かわりに|on (?:my|his|her) behalf|in person|myself|instead of/i,
};

/** A yes or no given about another question's subject (not naming this question's own): not this question's answer. */
export function aboutAnotherQuestion(text: string, kind: AskKind): boolean {
  const own = TOPIC[kind];
  if (!own || !SUBJECT[kind] || own.test(text)) return false;
  return Object.entries(SUBJECT).some(([k, re]) => k !== kind && re.test(text));
}

/** A line's sentences and comma-parts (speech-to-text's pauses too): each fact is read where it is said. */
const PARTS = /[。．!！?？\n、，]+|\s+(?=\S)|(?<=[.!?,;])\s+/;

const FACTS = Symbol('facts');

export function factsIn(context: TurnContext, services: BotServices): Partial<BookingFacts> {
  const cached = context.turnState.get(FACTS) as Partial<BookingFacts> | undefined;
  if (cached) return cached;
  const text = context.activity.type === 'message' ? (context.activity.text ?? '') : '';
  const asked = askedBefore(context)?.kind;
  const facts: Partial<BookingFacts> = {};
  const english = langOf(context) === 'en' || /^[\x00-\x7f]*$/.test(text.normalize('NFKC'));
  // English is split at sentences only (its commas part a clause from its subject).
  // A part naming no topic goes with the part before it (「カードの期限は、2030年です」, 「ほんにん が いきます」).
  const parts: string[] = [];
  for (const p of text.split(english ? /(?<=[.!?;])\s+|\n+/ : PARTS).filter((x) => x.trim())) {
    if (parts.length && !Object.values(TOPIC).some((re) => re.test(p))) parts[parts.length - 1] += ` ${p}`;
    else parts.push(p);
  }
  const read = (kind: AskKind): AnswerReading | undefined => {
    // The question being answered is read by its own prompt; elsewhere only the words on the topic count.
    if (kind === asked) return undefined;
    const about = parts.filter((p) => TOPIC[kind]!.test(p));
    if (about.length === 0) return undefined;
    const r = readAnswer(kind, about.join('、'), { now: services.clock(), channel: isVoice(context) ? 'spoken' : 'typed', tokenizer: services.tokenizer, lang: langOf(context), answerOnly: true });
    return r.confidence >= 0.7 ? r : undefined;
  };
  const notice = read('notice-received');
  if (notice && 'answer' in notice && (notice.answer === 'yes' || notice.answer === 'no')) facts.noticeReceived = notice.answer === 'yes';
  const certificate = read('certificate-expiry');
  if (certificate && 'expired' in certificate) facts.certificateExpired = true;
  if (certificate && 'date' in certificate && certificate.date && /期限|有効|きげん|expir/i.test(text)) facts.certificateExpiresOn = certificate.date;
  const card = read('card-expiring-soon');
  if (card && 'answer' in card && (card.answer === 'yes' || card.answer === 'no')) facts.cardExpiringSoon = card.answer === 'yes';
  if (WITHOUT_CERTIFICATES.test(text)) facts.issuedWithoutCertificates = true; // R16, told as what happened
  const person = read('in-person');
  if (person && 'answer' in person && (person.answer === 'yes' || person.answer === 'no')) facts.inPerson = person.answer === 'yes';
  context.turnState.set(FACTS, facts);
  return facts;
}

/** Details a citizen gives in passing (「誕生日は6月15日、電話は090-…です」): kept, not asked again. */
export interface SaidDetails {
  birthday?: string;
  phone?: string;
  email?: string;
}

const DETAILS = Symbol('details');
const BIRTHDAY_EN = /\bbirthday\b|\bborn\b|\bdate of birth\b/i;

export function detailsIn(context: TurnContext, services: BotServices): SaidDetails {
  const cached = context.turnState.get(DETAILS) as SaidDetails | undefined;
  if (cached) return cached;
  const text = context.activity.type === 'message' ? (context.activity.text ?? '') : '';
  const out: SaidDetails = {};
  if (langOf(context) === 'en' || /^[\x00-\x7f]*$/.test(text.normalize('NFKC'))) {
    // English: the clause that names the birthday (「birthday Aug 20」), read as a birthday.
    const clause = text.split(/[.,;!?]\s+|\n/).find((c) => BIRTHDAY_EN.test(c));
    if (clause) {
      const r = readAnswer('birthday', clause.replace(BIRTHDAY_EN, ' '), { now: services.clock(), channel: 'typed', tokenizer: services.tokenizer, lang: 'en' });
      if ('birthday' in r) out.birthday = r.birthday;
    }
  }
  const u = understood(context, services);
  if (!out.birthday && u.birthday) out.birthday = u.birthday;
  if (u.phone) out.phone = u.phone;
  const email = /[\w.+-]+@[\w-]+(\.[\w-]+)+/.exec(text.normalize('NFKC'))?.[0];
  if (email && isEmail(email)) out.email = email;
  context.turnState.set(DETAILS, out);
  return out;
}

/** The line without the parts that give a birthday (「birthday Aug 20」 is no day wished for). */
export function withoutBirthday(text: string): string {
  let dropped = false;
  return text
    .split(/(?<=[.,;!?。、])\s*/)
    .filter((part) => {
      // 「my birthday is May 3, not March 5」: what it is not is about the birthday too.
      dropped = BIRTHDAY_EN.test(part) || /誕生日|生年月日|生まれ/.test(part) || (dropped && /^(?:not|instead of|rather than)\b/i.test(part.trim()));
      return !dropped;
    })
    .join(' ');
}
