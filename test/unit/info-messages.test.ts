// What the information messages say to a citizen: documents (R21), fees (R20), eligibility
// (R13–R19, R26), the office (R1–R3, R24, R25), proxies (R11), PINs (R19) and handoff, on screen
// and on the phone line.
import { describe, expect, it } from 'vitest';
import * as general from '../../bot/messages/general.ja.js';
import * as info from '../../bot/messages/info.ja.js';
import type { Say } from '../../bot/messages/say.js';
import { isLikelyCrowded } from '../../domain/calendar.js';
import { checklistFor, type ApplicantSituation, type Checklist } from '../../domain/documents.js';
import { assessEligibility, type EligibilityFacts, type Verdict } from '../../domain/eligibility.js';
import { feeFor, type FeeSituation } from '../../domain/fees.js';
import { defaultOfficeConfig } from '../../domain/office-config.js';

const DESK = '072-724-6920';
const DESK_SPOKEN = '0 7 2、7 2 4、6 9 2 0';
const TODAY = '2026-11-25';

/** Every combination of the given values, as objects (undefined = not said). */
function product<T extends object>(axes: { [K in keyof T]: readonly T[K][] }): T[] {
  let out: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(axes) as [string, unknown[]][]) {
    out = out.flatMap((o) => values.map((v) => (v === undefined ? o : { ...o, [key]: v })));
  }
  return out as T[];
}

// ── what any sentence must never do ──────────────────────────────────────────────────

const RAW_CODE = /[a-z]+(?:-[a-z0-9]+)+/;
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;
// Speech: kanji, kana, the long-vowel mark, digits, 、。 and spaces (dateSpeech) — nothing a voice would spell out.
const SPEAKABLE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー0-9、。 ]/u;

function expectWellFormed(s: Say): void {
  for (const t of [s.text, s.speak]) {
    expect(t).not.toMatch(/undefined|NaN|null|\[object/);
    expect(t).not.toMatch(RAW_CODE);
  }
  expect(s.text).not.toMatch(ISO_DATE);
  expect(s.speak.trim()).not.toBe('');
  expect([...s.speak].filter((ch) => !SPEAKABLE.test(ch))).toEqual([]);
}

const situations = product<ApplicantSituation>({
  kind: ['self', 'legal-representative', 'proxy', 'household-proxy-at-move'],
  holder: [undefined, 'minor', 'adult-ward'],
  holderComesAlong: [undefined, true, false],
  representativeHasPhotoId: [undefined, true, false],
  honsekiInMinoh: [undefined, true],
  sameHouseholdParent: [undefined, true],
  faceAuthCard: [undefined, true],
});

const factsList = product<EligibilityFacts>({
  noticeReceived: [undefined, true, false],
  certificateExpiresOn: [undefined, '2026-11-01', '2027-01-10', '2027-06-10'],
  certificateExpired: [undefined, true],
  // expired, within 3 months, later but in its own last 3 months by 2027-03-11, far
  cardExpiresOn: [undefined, '2026-11-01', '2027-01-10', '2027-05-01', '2030-01-01'],
  cardExpiringSoon: [undefined, true, false],
  under15: [undefined, true],
  adultWard: [undefined, true],
  faceAuthCard: [undefined, true],
  pinKnown: [undefined, false],
  issuedWithoutCertificates: [undefined, true],
});

/** One verdict of each distinct shape the domain produces. */
const verdicts: Verdict[] = [
  ...new Map(
    factsList.map((f) => {
      const v = assessEligibility(f, TODAY);
      return [JSON.stringify(v), v] as const;
    }),
  ).values(),
];

const checklists: Checklist[] = [...new Map(situations.map((s) => [JSON.stringify(checklistFor(s)), checklistFor(s)] as const)).values()];

function everySay(): [string, Say][] {
  const out: [string, Say][] = [];
  for (const voice of [false, true]) {
    checklists.forEach((c, i) => out.push([`documentsFor #${i} voice=${voice}`, info.documentsFor(c, voice)]));
    verdicts.forEach((v, i) => out.push([`eligibilityVerdict #${i} (${v.kind}) voice=${voice}`, info.eligibilityVerdict(v, voice)]));
    // One question, one answer (issue 13): every topic's answer, on screen and on the phone.
    for (const topic of ['health-insurance-card', 'id-documents', 'copies', 'not-needed'] as const) out.push([`documentsTopicAnswer ${topic} voice=${voice}`, info.documentsTopicAnswer(topic, voice)]);
    for (const topic of ['myna-insurance', 'face-auth', 'without-certificates', 'under-15', 'age-15-or-over', 'child', 'adult-ward', 'residence-period', 'moving', 'other-municipality'] as const) {
      out.push([`eligibilityTopicAnswer ${topic} voice=${voice}`, info.eligibilityTopicAnswer(topic, voice, DESK)]);
    }
    for (const topic of ['branches', 'open-days', 'hours', 'walk-in', 'crowding', 'late', 'duration', 'by-mail', 'check-in', 'release', 'phone-booking'] as const) {
      out.push([`officeTopicAnswer ${topic} voice=${voice}`, info.officeTopicAnswer(topic, { deskPhone: DESK, voice, openSaturdays: ['2026-11-28', '2026-12-12'], releasedThrough: '2026-12-25', leadBusinessDays: 2 })]);
    }
    for (const [date, status] of [
      ['2026-12-29', { open: false, closed: { kind: 'year-end' } }],
      ['2026-11-23', { open: false, closed: { kind: 'holiday', name: '勤労感謝の日' } }],
      ['2026-12-05', { open: false, closed: { kind: 'saturday' } }],
      ['2026-12-13', { open: false, closed: { kind: 'sunday' } }],
      ['2026-12-16', { open: false, closed: { kind: 'closure', reason: 'システムメンテナンス' } }],
      ['2026-12-12', { open: true }],
    ] as const) {
      out.push([`officeTopicAnswer open-days ${date} voice=${voice}`, info.officeTopicAnswer('open-days', { deskPhone: DESK, voice, askedDay: { date, status } })]);
    }
    out.push([`cardReissueAnswer voice=${voice}`, info.cardReissueAnswer(feeFor({ cardValid: false }), DESK, voice, true)]);
    out.push(
      [`idDocumentLists voice=${voice}`, info.idDocumentLists(voice)],
      [`bringForSelf voice=${voice}`, info.bringForSelf(voice)],
      [`officeInfo voice=${voice}`, info.officeInfo(DESK, voice)],
      [`pinForgotten voice=${voice}`, info.pinForgotten(voice)],
      [`notUnderstood voice=${voice}`, info.notUnderstood(voice)],
      [`goodbye voice=${voice}`, info.goodbye(voice)],
      [`handoffWeb staffed=${voice}`, info.handoffWeb(voice)],
      [`handoffLine staffed=${voice}`, info.handoffLine(voice)],
      [`handoffPhoneCallback staffed=${voice}`, info.handoffPhoneCallback(voice)],
    );
  }
  for (const channel of ['web', 'line', 'phone'] as const) {
    out.push([`welcome ${channel}`, info.welcome(channel)], [`help ${channel}`, info.help(channel)], [`proxyInfo ${channel}`, info.proxyInfo(DESK, channel)]);
  }
  const fees: FeeSituation[] = product<FeeSituation>({ cardValid: [true, false], signing: [undefined, false], userAuth: [undefined, false], express: [undefined, true] });
  fees.forEach((f) => out.push([`feeAnswer ${JSON.stringify(f)}`, info.feeAnswer(feeFor(f))]));
  out.push(
    ['askApplicantKind', info.askApplicantKind()],
    ['askCardValid', info.askCardValid()],
    ['askNoticeReceived', info.askNoticeReceived()],
    ['askCertificateExpiry', info.askCertificateExpiry()],
    ['askCardExpiringSoon', info.askCardExpiringSoon()],
    ['crowdedNote Saturday', info.crowdedNote('2026-12-12')],
    ['crowdedNote Monday', info.crowdedNote('2026-12-07')],
    ['proxyMustCall', info.proxyMustCall(DESK)],
    ['proxyBooksWithStaff', info.proxyBooksWithStaff()],
    ['whoMayBook', info.whoMayBook()],
    ['feeAnswerShort', general.feeAnswerShort(feeFor({ cardValid: false }))],
    ['reservationFree', general.reservationFree(feeFor({ cardValid: false }))],
    ['handoffPhoneTransfer', info.handoffPhoneTransfer()],
    ['staffUnavailable', info.staffUnavailable(DESK)],
  );
  return out;
}

describe('every information message', () => {
  it.each(everySay())('%s: no raw code, no undefined, no ISO date, speech without symbols', (_name, s) => {
    expectWellFormed(s);
  });
});

// ── documents (R21) ───────────────────────────────────────────────────────────────────

// What a citizen reads for each code domain/documents.ts can produce.
const ITEM_WORDS: Record<string, string> = {
  'holder-card': 'ご本人の有効なマイナンバーカード',
  'holder-pins': '設定済みの暗証番号(手続きで入力します)',
  'holder-comes-along': '一緒にお越しください',
  'representative-id': '法定代理人の本人確認書類',
  'proxy-id': '代理人の本人確認書類(【A】から1点)',
  'family-register-copy': '戸籍謄本',
  'guardianship-registry-certificate': '登記事項証明書',
  'guardian-name-address-document': '後見人の住所と氏名',
  'sealed-inquiry-answer-form': '暗証番号を記入し、封入封緘したもの',
  'inquiry-answer-form': '照会書兼回答書',
  'letter-of-attorney': '委任状',
};
const NOTE_WORDS: Record<string, string> = {
  'ids-valid-originals-no-copies': '有効期間内の原本',
  'health-insurance-card-not-accepted': '令和7年12月2日以降、健康保険証は本人確認書類として使えません',
  'b-document-must-match-resident-record': '住民票と同じ',
  'holder-must-come-along': 'ご本人が来られないと',
  'holder-comes-if-no-photo-id': '【A】の書類をお持ちでない場合は',
  'holder-kind-unknown': '成年被後見人のかたの場合は',
  'family-register-not-needed': '戸籍謄本などは不要',
  'form-request-by-phone-holder-only': 'お電話で依頼できます',
  'face-auth-no-pin-no-seal': '顔認証マイナンバーカードのかたは',
  'same-day-of-move-notification-only': '転入・転居の届出の当日',
};
const STEP_WORDS: Record<string, string> = {
  'request-form': '送付を依頼します',
  'city-mails-form-to-holder': '〈転送不要〉',
  'holder-fills-in-and-seals-form': '封入封緘します',
  'holder-fills-in-form': '必要事項を記入します',
  'proxy-brings-documents': '持ち物を持って来庁',
  'staff-enter-pin-and-hand-card-to-proxy': '暗証番号を入力',
  'staff-hand-card-to-proxy': '職員が手続きをして',
};

describe('documentsFor (R21)', () => {
  const produced = (pick: (c: Checklist) => string[]) => [...new Set(checklists.flatMap(pick))].sort();

  it('knows every item, note and step code domain/documents.ts can produce', () => {
    expect(produced((c) => c.items.map((i) => i.code))).toEqual(Object.keys(ITEM_WORDS).sort());
    expect(produced((c) => c.notes.map((n) => n.code))).toEqual(Object.keys(NOTE_WORDS).sort());
    expect(produced((c) => c.steps ?? [])).toEqual(Object.keys(STEP_WORDS).sort());
  });

  it.each(checklists.map((c, i) => [i, c] as const))('checklist #%i renders each of its codes in words', (_i, c) => {
    const { text } = info.documentsFor(c, false);
    for (const i of c.items) expect(text).toContain(ITEM_WORDS[i.code]);
    for (const n of c.notes) expect(text).toContain(NOTE_WORDS[n.code]);
    // numbered in order, each on its own line
    (c.steps ?? []).forEach((s, n) => expect(text.split('\n')).toContainEqual(expect.stringMatching(new RegExp(`^${n + 1}\\. .*${STEP_WORDS[s]}`))));
    expect(text).toContain(c.sameDay ? '即日でお手続きできます' : '手続きに日数がかかります');
  });

  it.each(checklists.filter((c) => c.items.some((i) => i.idList)).map((c, i) => [i, c] as const))(
    'R21d: checklist #%i with an ID document warns that the health insurance card is not accepted, on screen and on the phone',
    (_i, c) => {
      expect(info.documentsFor(c, false).text).toContain('健康保険証は本人確認書類として使えません');
      expect(info.documentsFor(c, true).speak).toContain('健康保険証は使えません');
    },
  );

  const cases: { name: string; situation: ApplicantSituation; has: string[]; not?: string[]; speaks: string[] }[] = [
    {
      name: 'R21a: the holder brings the card and knows the PINs, same day',
      situation: { kind: 'self' },
      has: ['ご本人の有効なマイナンバーカード', '設定済みの暗証番号', '即日', 'コピー不可'],
      not: ['照会書', '健康保険証', '【A】', DESK],
      speaks: ['有効なマイナンバーカード', '暗証番号', 'その日のうちに'],
    },
    {
      name: 'R21b: a parent for a child: [A] ID, the family register, book by phone',
      situation: { kind: 'legal-representative', holder: 'minor' },
      has: ['法定代理人の本人確認書類(【A】から1点)', '戸籍謄本', '本籍が箕面市にある場合', DESK],
      not: ['登記事項証明書'],
      speaks: ['担当者'],
    },
    {
      name: 'R21b: the child comes along: a [B] ID will do, web booking allowed',
      situation: { kind: 'legal-representative', holder: 'minor', holderComesAlong: true },
      has: ['【B】から1点でも可', '住民票と同じ「氏名・生年月日」または「氏名・住所」'],
      not: [DESK],
      speaks: ['担当者'],
    },
    {
      name: 'R21b: a guardian for an adult ward: the registry certificate and a name/address document, no family register',
      situation: { kind: 'legal-representative', holder: 'adult-ward', representativeHasPhotoId: true },
      has: ['登記事項証明書', '後見人の住所と氏名が確認できる書類1点'],
      not: ['戸籍謄本'],
      speaks: ['担当者'],
    },
    {
      name: 'R21c: a proxy: the sealed answer form, [A] ID, the five steps, several days, by phone',
      situation: { kind: 'proxy' },
      has: ['照会書兼回答書', '代理人の本人確認書類(【A】から1点)', '手続きに日数がかかります', '1. ', '5. ', '〈転送不要〉', DESK],
      speaks: ['担当者'],
    },
    {
      name: 'R21c: a proxy for a face-auth card writes no PIN and does not seal',
      situation: { kind: 'proxy', faceAuthCard: true },
      has: ['暗証番号の記入と封入封緘は不要'],
      not: ['暗証番号を記入し、封入封緘したもの'],
      speaks: ['担当者'],
    },
    {
      name: 'R21c: the same household on the day of a move, with a letter of attorney, same day',
      situation: { kind: 'household-proxy-at-move' },
      has: ['委任状', '転入・転居の届出の当日', '即日'],
      not: ['照会書'],
      speaks: ['担当者'],
    },
  ];

  it.each(cases)('$name', ({ situation, has, not = [], speaks }) => {
    const shown = info.documentsFor(checklistFor(situation), false).text;
    for (const w of has) expect(shown).toContain(w);
    for (const w of not) expect(shown).not.toContain(w);
    const spoken = info.documentsFor(checklistFor(situation), true).speak;
    for (const w of speaks) expect(spoken).toContain(w);
  });

  it('a code this module does not know yet is never shown; the citizen is sent to a person', () => {
    const c: Checklist = { items: [{ code: 'new-document', rule: 'R21' }], sameDay: true, notes: [{ code: 'new-note', rule: 'R21' }], steps: ['new-step'], mustBookByPhone: false };
    for (const s of [info.documentsFor(c, false), info.documentsFor(c, true)]) {
      expect(`${s.text}${s.speak}`).not.toMatch(/new-/);
      expect(s.text).toContain('担当者');
    }
  });

  it('R21d: the ID lists [A] and [B] as on the city page, and a short spoken summary', () => {
    const shown = info.idDocumentLists(false).text;
    expect(shown).toMatch(/【A】顔写真付き/);
    expect(shown).toContain('運転経歴証明書(平成24年4月1日以降に交付されたもの)');
    expect(shown).toContain('在留カード');
    expect(shown).toContain('【B】住民票に記載されている「氏名・生年月日」または「氏名・住所」');
    expect(shown).toContain('資格確認書');
    expect(shown).not.toContain('健康保険証、');
    expect(info.idDocumentLists(true).speak).toMatch(/運転免許証などが使えます/);
  });

  it('R21a: after a booking, one line on what to bring', () => {
    expect(info.bringForSelf(false).text).toBe('持ち物:ご本人の有効なマイナンバーカード(設定した暗証番号が必要です)');
    expect(info.bringForSelf(true).speak).toBe('持ち物は、ご本人の有効なマイナンバーカードと、暗証番号です。');
  });

  it('asks who comes to the counter, with keypad digits', () => {
    expect(info.askApplicantKind().choices).toEqual([
      { label: 'ご本人', digit: '1' },
      { label: '15歳未満・成年被後見人の法定代理人', digit: '2' },
      { label: '代理人', digit: '3' },
    ]);
    expect(info.askApplicantKind().speak).toMatch(/ご本人なら1.*法定代理人なら2.*代理人なら3/);
  });
});

// ── fees (R20) ────────────────────────────────────────────────────────────────────────

describe('feeAnswer (R20)', () => {
  const cases: { name: string; situation: FeeSituation; shows: string[]; not?: string[]; says: string[] }[] = [
    { name: 'free onto a valid card', situation: { cardValid: true }, shows: ['無料'], not: ['円'], says: ['無料'] },
    { name: 'with a card re-issue: 200 + 800 = 1000 yen', situation: { cardValid: false }, shows: ['電子証明書 200円', 'カードの再交付 800円', '合計 1000円', '合わせて200円'], says: ['200円', '800円', '合わせて1000円'] },
    { name: 'one certificate with the card: still 1000 yen', situation: { cardValid: false, userAuth: false }, shows: ['合計 1000円'], says: ['1000円'] },
    { name: 'card re-issue without certificates: 800 yen only', situation: { cardValid: false, signing: false, userAuth: false }, shows: ['カードの再交付 800円', '合計 800円'], not: ['電子証明書 0円'], says: ['800円'] },
    { name: 'express issuance points to its own page', situation: { cardValid: false, express: true }, shows: ['特急発行', '合計 1000円'], says: ['特急発行'] },
  ];
  it.each(cases)('$name', ({ situation, shows, not = [], says }) => {
    const s = info.feeAnswer(feeFor(situation));
    for (const w of shows) expect(s.text).toContain(w);
    for (const w of not) expect(s.text).not.toContain(w);
    for (const w of says) expect(s.speak).toContain(w);
  });

  it('R20: the short answer (mid-booking) is free onto a valid card and 800 + 200 yen with a card re-issue — never free for everyone', () => {
    const s = general.feeAnswerShort(feeFor({ cardValid: false }));
    expect(s.text).toMatch(/有効なマイナンバーカードへの電子証明書の新規発行・更新は無料です。紛失や有効期限切れでカードを再交付する場合は、カードの再交付800円と電子証明書200円.*合計1000円かかります/);
    expect(s.speak).toMatch(/無料です。.*再交付では、1000円かかります/);
  });

  it('R20: a lost card — the re-issue fees first when the fee was asked, the separate procedure first otherwise', () => {
    const reissue = feeFor({ cardValid: false });
    expect(info.cardReissueAnswer(reissue, DESK, false, true).text).toMatch(/^マイナンバーカードの再交付[\s\S]*合計 1000円[\s\S]*別のお手続き[\s\S]*072-724-6920/);
    expect(info.cardReissueAnswer(reissue, DESK, false, false).text).toMatch(/^カードを紛失した場合などは、カードの再交付が必要です[\s\S]*合計 1000円/);
    expect(info.cardReissueAnswer(reissue, DESK, true, true).speak).toMatch(/合わせて1000円です。.*別の手続き/);
    expect(info.cardReissueAnswer(reissue, DESK, false, true).text).not.toContain('無料');
  });

  it('asks whether the card itself is valid, yes/no on the keypad', () => {
    const s = info.askCardValid();
    expect(s.text).toContain('有効期限内');
    expect(s.choices?.map((c) => c.digit)).toEqual(['1', '2']);
  });
});

// ── eligibility (R13–R19, R26) ─────────────────────────────────────────────────────────

const REASON_WORDS: Record<string, string> = {
  'card-expired': 'カード本体の有効期限が切れています',
  'card-expires-within-3-months': 'カード本体の有効期限まで、3か月未満',
  'issued-without-certificates': '電子証明書が搭載されていません',
  'certificate-expired': '電子証明書の有効期限が切れています',
  'certificate-expires-within-3-months': '電子証明書の有効期限まで、3か月未満',
  'notice-received': '有効期限通知書が届いています',
  'certificate-expires-in-3-months-or-more': 'まだ3か月以上',
  'not-enough-facts': '判断できませんでした',
};
const VERDICT_NOTE_WORDS: Record<string, string> = {
  'signing-certificate-not-issued': '署名用電子証明書は原則発行できません',
  'legal-representative-applies': '法定代理人のかたが行ってください',
  'face-auth-still-needs-renewal': '顔認証マイナンバーカードも',
  'pin-reset-needed': '暗証番号変更・再設定申請',
  'card-renewal-due-by-then': 'カード本体の更新という別の手続き',
};

describe('eligibilityVerdict (R13–R19, R26)', () => {
  it('knows every reason and note code domain/eligibility.ts can produce, and every verdict kind', () => {
    const codes = (pick: (v: Verdict) => string[]) => [...new Set(verdicts.flatMap(pick))].sort();
    expect(codes((v) => v.reasons.map((r) => r.code))).toEqual(Object.keys(REASON_WORDS).sort());
    expect(codes((v) => v.notes.map((n) => n.code))).toEqual(Object.keys(VERDICT_NOTE_WORDS).sort());
    expect(codes((v) => [v.kind])).toEqual(['ask-staff', 'card-renewal-needed', 'new-issuance', 'not-yet', 'renewal']);
  });

  it.each(verdicts.map((v, i) => [i, v.kind, v] as const))('verdict #%i (%s) renders each of its codes in words', (_i, _kind, v) => {
    const { text } = info.eligibilityVerdict(v, false);
    for (const r of v.reasons) expect(text).toContain(REASON_WORDS[r.code]);
    for (const n of v.notes) expect(text).toContain(VERDICT_NOTE_WORDS[n.code]);
  });

  const cases: { name: string; facts: EligibilityFacts; shows: string[]; says: string[] }[] = [
    { name: 'R13a: the notice arrived → renewal can be booked', facts: { noticeReceived: true }, shows: ['更新のご予約ができます'], says: ['ご予約ができます'] },
    { name: 'R13c: the certificate has expired → a new issuance, bookable', facts: { certificateExpired: true }, shows: ['新規発行', 'ご予約できます'], says: ['新規発行'] },
    {
      name: 'R15: more than 3 months left → the first day renewal is possible',
      facts: { certificateExpiresOn: '2027-06-10' },
      shows: ['2027年3月11日(木)から更新の手続きができます', '3月11日(木)以降', '毎週金曜日'],
      says: ['2027年3月11日から、更新できます'],
    },
    {
      name: 'R14/R26: the card itself expires soon → a different procedure; マイナ保険証 works 3 months after expiry',
      facts: { noticeReceived: true, cardExpiringSoon: true },
      shows: ['カード本体', '別の手続き', 'このご予約の対象外', 'マイナ保険証は、カードの有効期限が切れても3か月は使えます'],
      says: ['別の手続き', 'マイナ保険証'],
    },
    { name: 'R16: a card without certificates → not listed as bookable; walk in or ask staff', facts: { issuedWithoutCertificates: true }, shows: ['新規発行', '予約なしで窓口', '担当者'], says: ['予約なしで窓口'] },
    { name: 'R13: nothing decides → staff', facts: {}, shows: ['判断できませんでした', '電子証明書の有効期限'], says: ['判断できませんでした'] },
    { name: 'R17: an under-15 → no signing certificate; the legal representative applies', facts: { noticeReceived: true, under15: true }, shows: ['署名用電子証明書は原則発行できません', '法定代理人'], says: ['署名用', '法定代理人'] },
    { name: 'R18: a face-auth card still needs renewal', facts: { noticeReceived: true, faceAuthCard: true }, shows: ['顔認証マイナンバーカードも'], says: ['顔認証カードも'] },
    { name: 'R19: a forgotten PIN is a separate procedure', facts: { noticeReceived: true, pinKnown: false }, shows: ['暗証番号変更・再設定申請', 'ご予約の前に'], says: ['再設定'] },
  ];
  it.each(cases)('$name', ({ facts, shows, says }) => {
    const v = assessEligibility(facts, TODAY);
    for (const w of shows) expect(info.eligibilityVerdict(v, false).text).toContain(w);
    for (const w of says) expect(info.eligibilityVerdict(v, true).speak).toContain(w);
  });

  it('a note this module does not know yet is never shown', () => {
    const v: Verdict = { kind: 'renewal', reasons: [{ rule: 'R13', code: 'new-reason' }], notes: [{ rule: 'R13', code: 'new-note' }] };
    const s = info.eligibilityVerdict(v, false);
    expect(`${s.text}${s.speak}`).not.toMatch(/new-/);
    expect(s.text).toContain('担当者');
  });

  it('the questions: the light-blue notice (はい/いいえ/わからない), the date on the card, the card itself, age or guardianship', () => {
    const notice = info.askNoticeReceived();
    expect(notice.text).toContain('薄い水色の封筒');
    expect(notice.text).toContain('「電子証明書の有効期限通知書」');
    expect(notice.choices).toEqual([
      { label: 'はい', digit: '1' },
      { label: 'いいえ', digit: '2' },
      { label: 'わからない', digit: '3' },
    ]);
    expect(info.askCertificateExpiry().text).toMatch(/表面.*「電子証明書の有効期限」.*2027年3月10日/);
    expect(info.askCardExpiringSoon().speak).toMatch(/カード本体の有効期限まで、3か月未満ですか/);
    expect(info.askCardExpiringSoon().choices?.map((c) => c.digit)).toEqual(['1', '2']);
  });
});

// ── office, crowding, PINs, proxies (R1–R3, R11, R19, R24, R25) ─────────────────────────

describe('the office and the reservation line', () => {
  it('R1–R3, R24, R25: place, hours, Saturdays, closures, branches without reservations, busiest days, the line', () => {
    const { text } = info.officeInfo(DESK, false);
    for (const w of [
      '箕面市役所 本館1階 戸籍住民異動室 102番窓口',
      '午前9時〜午後5時',
      '第2・第4土曜日',
      '3月・4月は毎週土曜日',
      '12月29日〜1月3日',
      '豊川支所・止々呂美支所',
      '予約はできません',
      'ご予約のかたが優先',
      '空きがあれば',
      '週明けや連休明けの初日と、土曜日',
      `予約専用電話 ${DESK}(平日9時〜17時)`,
      'ほかの電話番号',
    ]) {
      expect(text).toContain(w);
    }
    expect(info.officeInfo(DESK, true).speak).toContain('102番窓口');
    expect(info.officeInfo('072-000-0000', false).text).toContain('072-000-0000');
  });

  it.each([
    ['a Saturday', '2026-12-12', '12月12日(土)は土曜日のため、混み合いやすい日です'],
    ['the Monday after a weekend', '2026-12-07', '12月7日(月)は休み明けの初日のため、混み合いやすい日です'],
  ])('R24: %s is likely crowded, and the note says why', (_name, date, words) => {
    expect(isLikelyCrowded(date, defaultOfficeConfig())).toBe(true);
    expect(info.crowdedNote(date).text).toContain(words);
  });

  it('R19: a forgotten PIN is its own procedure at the counter; ask staff before booking', () => {
    for (const voice of [false, true]) {
      const s = info.pinForgotten(voice);
      expect(s.text).toContain('暗証番号変更・再設定申請');
      expect(s.text).toContain('窓口');
      expect(s.text).toContain('ご予約の前に、担当者にご相談ください');
      expect(s.speak).toContain('再設定');
    }
  });

  it('R11/R21c: internet bookings are for the holder; a proxy calls, the steps take days, a move is the exception', () => {
    const web = info.proxyInfo(DESK, 'web').text;
    for (const w of ['ご本人が来られる場合に限ります', DESK, '照会書兼回答書', '日数', '転入・転居の届出の当日']) expect(web).toContain(w);
    expect(info.proxyInfo(DESK, 'phone').speak).toMatch(/担当者がご予約をお受けします/);
    expect(info.proxyMustCall(DESK).text).toContain(DESK);
  });

  it.each([
    ['officeInfo', info.officeInfo(DESK, false)],
    ['proxyInfo on the web', info.proxyInfo(DESK, 'web')],
    ['proxyInfo on LINE', info.proxyInfo(DESK, 'line')],
    ['proxyMustCall', info.proxyMustCall(DESK)],
    ['staffUnavailable', info.staffUnavailable(DESK)],
    ['handoffWeb during desk hours', info.handoffWeb(true)],
    ['handoffWeb after hours', info.handoffWeb(false)],
    ['handoffLine after hours', info.handoffLine(false)],
    ['documents for a proxy', info.documentsFor(checklistFor({ kind: 'proxy' }), false)],
  ])('R25: %s points to the reservation line, on screen and when read aloud', (_name, s) => {
    expect(s.text).toContain(DESK);
    expect(s.speak).toContain(DESK_SPOKEN);
  });
});

// ── welcome, help, handoff ───────────────────────────────────────────────────────────

describe('welcome, help and handoff', () => {
  it.each(['web', 'line'] as const)('%s: names the desk and offers the five choices', (channel) => {
    const s = info.welcome(channel);
    expect(s.text).toContain('電子証明書の新規発行・更新の予約窓口');
    expect(s.text).toContain('箕面市役所 102番窓口');
    expect(s.text).toMatch(/変更・キャンセル・確認/);
    expect(s.choices?.map((c) => c.label)).toEqual(['予約する', '予約の確認・変更・キャンセル', '持ち物', '手数料', '担当者と話す']);
  });

  it('phone: a keypad menu 1, 2, 3, 0 read aloud', () => {
    const s = info.welcome('phone');
    expect(s.choices?.map((c) => c.digit)).toEqual(['1', '2', '3', '0']);
    expect(s.speak).toMatch(/予約は1、確認、変更、キャンセルは2、ご案内は3、担当者は0/);
  });

  it.each([
    ['web', 'text', ['「最初から」', '「やめる」', '「担当者」', '12月3日の10時に予約したい']],
    ['line', 'text', ['「最初から」', '「やめる」', '「担当者」']],
    ['phone', 'speak', ['そのままお話しください', '番号でも選べます', '最初から', 'やめる', '担当者']],
  ] as const)('help on %s says how to talk to the bot', (channel, field, words) => {
    const s = info.help(channel);
    for (const w of words) expect(s[field]).toContain(w);
  });

  it('web and LINE: staff read the conversation and answer in it; after hours on the next business day', () => {
    expect(info.handoffWeb(true).text).toMatch(/これまでのやりとりを読んで、このチャットでお返事します/);
    expect(info.handoffWeb(false).text).toContain('次の受付日');
    expect(info.handoffLine(true).text).toContain('このトーク');
    expect(info.handoffLine(false).text).toContain('次の受付日');
  });

  it('phone: a transfer, or a callback to the calling number that asks for nothing else', () => {
    expect(info.handoffPhoneTransfer().text).toBe('担当者におつなぎします。そのままお待ちください。');
    const callback = info.handoffPhoneCallback();
    expect(callback.text).toMatch(/次の受付日に、担当者から、いまおかけの電話番号へおかけ直しします/);
    expect(callback.text).toContain('承りました');
    expect(`${callback.text}${callback.speak}`).not.toMatch(/お名前|氏名/);
  });

  it('not understood and goodbye, in the words of each door', () => {
    expect(info.notUnderstood(true).speak).toContain('聞き取れませんでした');
    expect(info.notUnderstood(false).text).toContain('読み取れませんでした');
    expect(info.goodbye(true).speak).toContain('ありがとうございました');
  });
});
