// Every topic the understanding can give (intent-topics.ts) has its answer wherever it is heard
// (bot/messages/rule-answers.ja.ts): on screen the whole answer, on the phone a shorter one.
import { describe, expect, it } from 'vitest';
import { ruleAnswer } from '../../bot/messages/rule-answers.ja.js';
import { TOPICS_BY_INTENT } from '../../bot/understanding/intent-topics.js';
import { feeFor } from '../../domain/fees.js';

const DESK = '072-724-6920';
const context = (channel: 'web' | 'line' | 'phone') => ({ channel, deskPhone: DESK, reissueFee: feeFor({ cardValid: false }), openSaturdays: ['2026-11-28', '2026-12-12'] });
const pairs = [...TOPICS_BY_INTENT].flatMap(([intent, topics]) => topics.map((topic) => [intent, topic] as const));

describe('ruleAnswer', () => {
  it('covers the topics of every intent that has some', () => {
    expect([...TOPICS_BY_INTENT.keys()].sort()).toEqual(['documents', 'eligibility', 'fees', 'office', 'pin', 'proxy']);
  });

  it.each(pairs)('%s / %s: an answer on web, LINE and the phone; the phone’s is shorter', (intent, topic) => {
    const web = ruleAnswer(topic, intent, context('web'));
    const line = ruleAnswer(topic, intent, context('line'));
    const phone = ruleAnswer(topic, intent, context('phone'));
    expect(web?.text).toBeTruthy();
    expect(line?.text).toBe(web?.text);
    expect(phone?.speak).toBeTruthy();
    expect(phone!.speak.length).toBeLessThanOrEqual(web!.speak.length);
    expect(web!.acts?.[0]).toBe(`answers-${intent}`);
  });

  it('R11: a proxy asking about a face-auth card also hears how a proxy books; a legal representative’s checklist already says', () => {
    expect(ruleAnswer('face-auth', 'proxy', context('web'))!.text).toMatch(/暗証番号の記入と封入封緘は不要[\s\S]*代理人が来られる場合は、必要な書類をご案内しますので、予約専用電話/);
    expect(ruleAnswer('face-auth', 'proxy', context('phone'))!.speak).toMatch(/代理の予約は、担当者/);
    expect(ruleAnswer('under-15', 'proxy', context('web'))!.text).not.toMatch(/インターネットでのご予約は、ご本人が来られる場合に限ります/);
  });
});
