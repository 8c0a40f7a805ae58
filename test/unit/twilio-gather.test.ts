// How the phone line listens for each kind of question: keys, speech timeout and hints.
import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { gatherFor, keyCount } from '../../adapters/channels/twilio-gather.js';

const question = (kind: string | undefined, digits: string[] = [], extra: Record<string, unknown> = {}, text = ''): Partial<Activity> => ({
  type: 'message',
  text,
  speak: text,
  inputHint: 'expectingInput',
  ...(kind ? { channelData: { expects: { kind, ...extra } } } : {}),
  ...(digits.length ? { suggestedActions: { to: [], actions: digits.map((d) => ({ type: 'imBack', title: `選択${d}`, value: `選択${d}`, channelData: { digit: d } })) } } : {}),
});

describe('the keys a question takes', () => {
  it.each([
    ['the router’s 「ご用件は」 (no kind): one key', undefined, [], {}, 1],
    ['a yes/no', 'read-back', ['1', '2'], {}, 1],
    ['three windows to pick from', 'window-choice', ['1', '2', '3'], {}, 1],
    ['twelve windows: two keys, then #', 'window-choice', Array.from({ length: 12 }, (_, i) => String(i + 1)), {}, undefined],
    ['a birthday, MMDD', 'birthday', [], {}, 4],
    ['a date, MMDD (whatever its choices)', 'date', ['1', '2'], {}, 4],
    ['a date the prompt asked as YYYYMMDD', 'date', [], { keysFormat: 'YYYYMMDD' }, 8],
    ['a certificate’s expiry, YYYYMMDD', 'certificate-expiry', [], {}, 8],
    ['a time, HHMM', 'time', [], {}, 4],
    ['a reservation number', 'reservation-number', [], {}, 8],
    ['a phone number: until #', 'phone', [], {}, undefined],
  ] as const)('%s', (_name, kind, digits, extra, count) => {
    expect(keyCount(question(kind, [...digits], extra))).toBe(count);
  });
});

describe('the <Gather> for a question', () => {
  it('gives the model, whole-second speech timeouts, and no numDigits where the length is unknown', () => {
    const phone = gatherFor(question('phone'), 'googlev2_telephony');
    expect(phone).toMatchObject({ speechModel: 'googlev2_telephony', speechTimeout: '3', finishOnKey: '#' });
    expect(phone.numDigits).toBeUndefined();
    expect(gatherFor(question('notice-received', ['1', '2', '3']), '')).toMatchObject({ numDigits: 1, speechTimeout: '2' });
    expect(gatherFor(question('notice-received'), '').speechModel).toBeUndefined();
  });

  it('hints what was just offered, the answer’s words and the desk’s words', () => {
    const offer = question('window-choice', ['1', '2'], {}, '12月3日 木曜日は、10時、10時半が空いています。');
    const hints = gatherFor(offer, '').hints.split(',');
    expect(hints).toEqual(expect.arrayContaining(['12月3日', '10時', '10時半', '午前', '担当者', 'やめる']));
    expect(gatherFor(question('read-back'), '').hints.split(',')).toEqual(expect.arrayContaining(['はい', 'いいえ']));
    expect(gatherFor(question(undefined), '').hints.split(',')).toEqual(expect.arrayContaining(['予約', 'キャンセル', '担当者']));
    // Window labels are said as times: 「10:00〜10:30」 is heard as 10時.
    const labelled: Partial<Activity> = { ...question('window-choice'), suggestedActions: { to: [], actions: [{ type: 'imBack', title: '12月3日(木) 10:00〜10:30', value: 'x', channelData: { digit: '1' } }] } };
    expect(gatherFor(labelled, '').hints.split(',')).toEqual(expect.arrayContaining(['12月3日', '10時']));
  });
});
