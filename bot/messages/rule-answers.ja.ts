// The answer to a question about one office rule (a topic of the understanding, intent-topics.ts),
// whichever dialog hears it: the documents, fees and eligibility dialogs, the router, and a side
// question mid-booking. The sentences live in their subject's module; this only picks.
import type { Channel } from '../../domain/booking-rules.js';
import type { DayStatus } from '../../domain/calendar.js';
import type { CivilDate } from '../../domain/civil.js';
import type { Fee } from '../../domain/fees.js';
import type { Intent } from '../understanding/intents.js';
import type { Topic } from '../understanding/intent-topics.js';
import { documentsTopicAnswer, isDocumentsTopic } from './documents.ja.js';
import { eligibilityTopicAnswer, isEligibilityTopic } from './eligibility.ja.js';
import { reservationFree } from './general.ja.js';
import { cardReissueAnswer, feeAnswer, proxyBooksWithStaff, proxyMustCall } from './info.ja.js';
import { isOfficeTopic, officeTopicAnswer } from './office.ja.js';
import { join, type Act, type Say } from './say.js';

export interface RuleAnswerContext {
  channel: Channel;
  deskPhone: string;
  /** R20: what a card re-issue costs (domain/fees.ts), and with express issuance. */
  reissueFee: Fee;
  expressFee?: Fee;
  /** R2: the next open Saturdays, for 「土曜日もやってますか」. */
  openSaturdays?: CivilDate[];
  /** R2: a day asked about (「12月29日はやってますか」) and whether it is open. */
  askedDay?: { date: CivilDate; status: DayStatus };
  /** R6/R7: the last bookable date now, and the lead time of web and LINE in business days. */
  releasedThrough?: CivilDate;
  leadBusinessDays?: number;
}

/** The phone: an answer's first sentence, where the way forward follows it in the same turn. */
const firstSentence = (s: Say): Say => ({ ...s, speak: s.speak.split(/(?<=。)/)[0] ?? s.speak });

const ACTS: Partial<Record<Intent, Act>> = {
  documents: 'answers-documents',
  fees: 'answers-fees',
  eligibility: 'answers-eligibility',
  office: 'answers-office',
  pin: 'answers-pin',
  proxy: 'answers-proxy',
};

/** The answer to `topic` asked as `intent`, or undefined when the topic has no answer of its own there. */
export function ruleAnswer(topic: Topic, intent: Intent, c: RuleAnswerContext): Say | undefined {
  const voice = c.channel === 'phone';
  const s = pick();
  const act = ACTS[intent];
  // What was asked first (answers-documents to a documents question), then what else the answer does, once each.
  return s && act ? { ...s, acts: [act, ...(s.acts ?? []).filter((a) => a !== act)] } : s;

  function pick(): Say | undefined {
    if (topic === 'card-reissue') return cardReissueAnswer(c.reissueFee, c.deskPhone, voice, intent === 'fees');
    if (topic === 'reservation-free') return reservationFree(c.reissueFee);
    if (topic === 'express') return feeAnswer(c.expressFee ?? { ...c.reissueFee, notes: [...c.reissueFee.notes, 'express-issuance-separate-page'] });
    if (isOfficeTopic(topic)) {
      const { deskPhone, openSaturdays, askedDay, releasedThrough, leadBusinessDays } = c;
      return officeTopicAnswer(topic, {
        deskPhone,
        voice,
        ...(openSaturdays ? { openSaturdays } : {}),
        ...(askedDay ? { askedDay } : {}),
        ...(releasedThrough ? { releasedThrough } : {}),
        ...(leadBusinessDays !== undefined ? { leadBusinessDays } : {}),
      });
    }
    if (isDocumentsTopic(topic)) return documentsTopicAnswer(topic, voice);
    if (!isEligibilityTopic(topic)) return undefined;
    const answer = eligibilityTopicAnswer(topic, voice, c.deskPhone);
    // A proxy asking (R11): after the rule, how a proxy books (a legal representative's checklist already says).
    const legalRepresentative = topic === 'under-15' || topic === 'adult-ward';
    if (intent === 'proxy' && !legalRepresentative) return voice ? join(firstSentence(answer), proxyBooksWithStaff()) : join(answer, proxyMustCall(c.deskPhone));
    return answer;
  }
}
