// The answer to a question about one office rule (a topic of the understanding, intent-topics.ts),
// whichever dialog hears it: the documents, fees and eligibility dialogs, the router, and a side
// question mid-booking. The sentences live in their subject's module; this only picks.
import type { Channel } from '../../domain/booking-rules.js';
import type { CivilDate } from '../../domain/civil.js';
import type { Fee } from '../../domain/fees.js';
import type { Intent } from '../understanding/intents.js';
import type { Topic } from '../understanding/intent-topics.js';
import { documentsTopicAnswer, isDocumentsTopic } from './documents.ja.js';
import { eligibilityTopicAnswer, isEligibilityTopic } from './eligibility.ja.js';
import { reservationFree } from './general.ja.js';
import { cardReissueAnswer, proxyBooksWithStaff, proxyMustCall } from './info.ja.js';
import { isOfficeTopic, officeTopicAnswer } from './office.ja.js';
import { as, join, type Act, type Say } from './say.js';

export interface RuleAnswerContext {
  channel: Channel;
  deskPhone: string;
  /** R20: what a card re-issue costs (domain/fees.ts). */
  reissueFee: Fee;
  /** R2: the next open Saturdays, for 「土曜日もやってますか」. */
  openSaturdays?: CivilDate[];
}

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
  return s && act ? as(act, s) : s;

  function pick(): Say | undefined {
    if (topic === 'card-reissue') return cardReissueAnswer(c.reissueFee, c.deskPhone, voice, intent === 'fees');
    if (topic === 'reservation-free') return reservationFree(c.reissueFee);
    if (isOfficeTopic(topic)) return officeTopicAnswer(topic, { deskPhone: c.deskPhone, voice, ...(c.openSaturdays ? { openSaturdays: c.openSaturdays } : {}) });
    if (isDocumentsTopic(topic)) return documentsTopicAnswer(topic, voice);
    if (!isEligibilityTopic(topic)) return undefined;
    const answer = eligibilityTopicAnswer(topic, voice, c.deskPhone);
    // A proxy asking (R11): after the rule, how a proxy books (a legal representative's checklist already says).
    const legalRepresentative = topic === 'under-15' || topic === 'adult-ward';
    if (intent === 'proxy' && !legalRepresentative) return join(answer, voice ? proxyBooksWithStaff() : proxyMustCall(c.deskPhone));
    return answer;
  }
}
