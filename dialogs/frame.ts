// Facts about the card and certificate a citizen states in passing (「通知書が届いたので」
// 「電子証明書の期限が先月切れてしまいました」「母の代わりに」): read from any utterance with the
// question readers, but only where the words are about that topic, so a bare 「いいえ」 to another
// question never becomes 「the notice has not come」.
import type { TurnContext } from 'botbuilder';
import { readAnswer, type AnswerReading, type AskKind } from '../bot/understanding/answers.js';
import { askedBefore } from './ask.js';
import type { BookingFacts } from './booking-dialog.js';
import { isVoice, langOf, type BotServices } from './turn.js';

const TOPIC: Partial<Record<AskKind, RegExp>> = {
  'notice-received': /通知|notice|letter/i,
  'certificate-expiry': /証明書|しょうめいしょ|certificate/i,
  'card-expiring-soon': /本体|カード(?!.*証明書)|card itself/i,
  'in-person': /本人|代理|代わり|かわりに|on (?:my|his|her) behalf|in person/i,
};

const FACTS = Symbol('facts');

export function factsIn(context: TurnContext, services: BotServices): Partial<BookingFacts> {
  const cached = context.turnState.get(FACTS) as Partial<BookingFacts> | undefined;
  if (cached) return cached;
  const text = context.activity.type === 'message' ? (context.activity.text ?? '') : '';
  const asked = askedBefore(context)?.kind;
  const facts: Partial<BookingFacts> = {};
  const read = (kind: AskKind): AnswerReading | undefined => {
    // The question being answered is read by its own prompt; elsewhere only words on the topic count.
    if (kind === asked || !TOPIC[kind]!.test(text)) return undefined;
    const r = readAnswer(kind, text, { now: services.clock(), channel: isVoice(context) ? 'spoken' : 'typed', tokenizer: services.tokenizer, lang: langOf(context) });
    return r.confidence >= 0.7 ? r : undefined;
  };
  const notice = read('notice-received');
  if (notice && 'answer' in notice && (notice.answer === 'yes' || notice.answer === 'no')) facts.noticeReceived = notice.answer === 'yes';
  const certificate = read('certificate-expiry');
  if (certificate && 'expired' in certificate) facts.certificateExpired = true;
  if (certificate && 'date' in certificate && certificate.date && /期限|有効|きげん|expir/i.test(text)) facts.certificateExpiresOn = certificate.date;
  const card = read('card-expiring-soon');
  if (card && 'answer' in card && (card.answer === 'yes' || card.answer === 'no')) facts.cardExpiringSoon = card.answer === 'yes';
  const person = read('in-person');
  if (person && 'answer' in person && (person.answer === 'yes' || person.answer === 'no')) facts.inPerson = person.answer === 'yes';
  context.turnState.set(FACTS, facts);
  return facts;
}
