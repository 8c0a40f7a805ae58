import { describe, it, expect } from 'vitest';
import {
  checklistFor,
  ID_DOCUMENTS,
  HEALTH_INSURANCE_CARD_NOT_ACCEPTED_FROM,
  DRIVING_HISTORY_CERTIFICATE_ISSUED_FROM,
  type ApplicantSituation,
} from '../../domain/documents.js';

interface Case {
  name: string;
  situation: ApplicantSituation;
  /** item code, with `:A` / `:B` / `:A-or-B` when it is an ID document */
  items: string[];
  sameDay: boolean;
  mustBookByPhone: boolean;
  notes?: string[]; // must be present
  absentNotes?: string[];
}

const itemsOf = (s: ApplicantSituation) =>
  checklistFor(s).items.map((i) => (i.idList ? `${i.code}:${i.idList}` : i.code));

const cases: Case[] = [
  // R21a
  { name: 'R21a: holder in person → own card and PINs, same day, web allowed', situation: { kind: 'self' }, items: ['holder-card', 'holder-pins'], sameDay: true, mustBookByPhone: false, absentNotes: ['health-insurance-card-not-accepted'] },
  { name: 'R21a: face-auth holder → own card only', situation: { kind: 'self', faceAuthCard: true }, items: ['holder-card'], sameDay: true, mustBookByPhone: false },

  // R21b minors
  { name: 'R21b: minor, parent with photo ID comes alone → [A] ID and family register, phone booking', situation: { kind: 'legal-representative', holder: 'minor', representativeHasPhotoId: true }, items: ['holder-card', 'holder-pins', 'representative-id:A', 'family-register-copy'], sameDay: true, mustBookByPhone: true, notes: ['health-insurance-card-not-accepted'], absentNotes: ['b-document-must-match-resident-record'] },
  { name: 'R21b: minor comes along → [A] or [B] ID suffices, web allowed', situation: { kind: 'legal-representative', holder: 'minor', holderComesAlong: true }, items: ['holder-card', 'holder-pins', 'holder-comes-along', 'representative-id:A-or-B', 'family-register-copy'], sameDay: true, mustBookByPhone: false, notes: ['b-document-must-match-resident-record'] },
  { name: 'R21b: 本籍 in Minoh → no family register', situation: { kind: 'legal-representative', holder: 'minor', representativeHasPhotoId: true, honsekiInMinoh: true }, items: ['holder-card', 'holder-pins', 'representative-id:A'], sameDay: true, mustBookByPhone: true, notes: ['family-register-not-needed'] },
  { name: 'R21b: same-household 親権者 → no family register', situation: { kind: 'legal-representative', holder: 'minor', holderComesAlong: true, sameHouseholdParent: true }, items: ['holder-card', 'holder-pins', 'holder-comes-along', 'representative-id:A-or-B'], sameDay: true, mustBookByPhone: false, notes: ['family-register-not-needed'] },
  { name: 'R21b: no [A] and holder not coming → holder must come along (flag)', situation: { kind: 'legal-representative', holder: 'minor', representativeHasPhotoId: false, holderComesAlong: false }, items: ['holder-card', 'holder-pins', 'holder-comes-along', 'representative-id:A-or-B', 'family-register-copy'], sameDay: true, mustBookByPhone: false, notes: ['holder-must-come-along'] },
  { name: 'R21b: no [A] but holder comes → no flag', situation: { kind: 'legal-representative', holder: 'minor', representativeHasPhotoId: false, holderComesAlong: true }, items: ['holder-card', 'holder-pins', 'holder-comes-along', 'representative-id:A-or-B', 'family-register-copy'], sameDay: true, mustBookByPhone: false, absentNotes: ['holder-must-come-along'] },
  { name: 'R21b: photo ID not asked yet → remind that the holder comes without [A]', situation: { kind: 'legal-representative', holder: 'minor' }, items: ['holder-card', 'holder-pins', 'representative-id:A', 'family-register-copy'], sameDay: true, mustBookByPhone: true, notes: ['holder-comes-if-no-photo-id'] },
  { name: 'R21b: holder kind unknown → minor documents and a question', situation: { kind: 'legal-representative', representativeHasPhotoId: true }, items: ['holder-card', 'holder-pins', 'representative-id:A', 'family-register-copy'], sameDay: true, mustBookByPhone: true, notes: ['holder-kind-unknown'] },

  // R21b adult wards
  { name: 'R21b: adult ward → 登記事項証明書 and guardian name/address document', situation: { kind: 'legal-representative', holder: 'adult-ward', representativeHasPhotoId: true }, items: ['holder-card', 'holder-pins', 'representative-id:A', 'guardianship-registry-certificate', 'guardian-name-address-document'], sameDay: true, mustBookByPhone: true, absentNotes: ['holder-kind-unknown'] },
  { name: 'R21b: adult ward with 本籍 in Minoh still needs the guardianship documents', situation: { kind: 'legal-representative', holder: 'adult-ward', holderComesAlong: true, honsekiInMinoh: true }, items: ['holder-card', 'holder-pins', 'holder-comes-along', 'representative-id:A-or-B', 'guardianship-registry-certificate', 'guardian-name-address-document'], sameDay: true, mustBookByPhone: false },
  { name: 'R21b: face-auth card of a minor → no PINs', situation: { kind: 'legal-representative', holder: 'minor', representativeHasPhotoId: true, faceAuthCard: true }, items: ['holder-card', 'representative-id:A', 'family-register-copy'], sameDay: true, mustBookByPhone: true },

  // R21c proxies
  { name: 'R21c: proxy → card, [A] ID, sealed answer form; not same day; phone only', situation: { kind: 'proxy' }, items: ['holder-card', 'proxy-id:A', 'sealed-inquiry-answer-form'], sameDay: false, mustBookByPhone: true, notes: ['form-request-by-phone-holder-only', 'health-insurance-card-not-accepted'], absentNotes: ['face-auth-no-pin-no-seal'] },
  { name: 'R21c: proxy for a face-auth card → unsealed form, no PIN', situation: { kind: 'proxy', faceAuthCard: true }, items: ['holder-card', 'proxy-id:A', 'inquiry-answer-form'], sameDay: false, mustBookByPhone: true, notes: ['face-auth-no-pin-no-seal'] },
  { name: 'R21c: same-household proxy on the day of a move → same day with 委任状', situation: { kind: 'household-proxy-at-move' }, items: ['holder-card', 'holder-pins', 'proxy-id:A', 'letter-of-attorney'], sameDay: true, mustBookByPhone: true, notes: ['same-day-of-move-notification-only', 'health-insurance-card-not-accepted'] },
];

describe('checklistFor', () => {
  it.each(cases)('$name', ({ situation, items, sameDay, mustBookByPhone, notes = [], absentNotes = [] }) => {
    const checklist = checklistFor(situation);
    expect(itemsOf(situation)).toEqual(items);
    expect(checklist.sameDay).toBe(sameDay);
    expect(checklist.mustBookByPhone).toBe(mustBookByPhone);
    const codes = checklist.notes.map((n) => n.code);
    for (const n of notes) expect(codes).toContain(n);
    for (const n of absentNotes) expect(codes).not.toContain(n);
  });

  it.each(cases)('R21d: originals only, and no health insurance card when an ID is asked — $name', ({ situation }) => {
    const checklist = checklistFor(situation);
    const codes = checklist.notes.map((n) => n.code);
    expect(codes).toContain('ids-valid-originals-no-copies');
    const asksForId = checklist.items.some((i) => i.idList !== undefined);
    expect(codes.includes('health-insurance-card-not-accepted')).toBe(asksForId);
  });

  it.each([
    ['R21c: proxy steps 1–5 in order', { kind: 'proxy' } as const, ['request-form', 'city-mails-form-to-holder', 'holder-fills-in-and-seals-form', 'proxy-brings-documents', 'staff-enter-pin-and-hand-card-to-proxy']],
    ['R21c: face-auth proxy steps skip PIN and seal', { kind: 'proxy', faceAuthCard: true } as const, ['request-form', 'city-mails-form-to-holder', 'holder-fills-in-form', 'proxy-brings-documents', 'staff-hand-card-to-proxy']],
  ])('%s', (_name, situation, steps) => {
    expect(checklistFor(situation).steps).toEqual(steps);
  });

  it.each([
    ['R21a: holder in person', { kind: 'self' } as const],
    ['R21b: legal representative', { kind: 'legal-representative', holder: 'minor' } as const],
    ['R21c: move-in exception', { kind: 'household-proxy-at-move' } as const],
  ])('%s has no proxy steps', (_name, situation) => {
    expect(checklistFor(situation).steps).toBeUndefined();
  });
});

describe('R21d: ID documents', () => {
  it.each([
    ['R21d: [A] lists the photo IDs from the city page', ID_DOCUMENTS.A, ['マイナンバーカード', '運転免許証', '運転経歴証明書', 'パスポート', '身体障害者手帳', '在留カード', '特別永住者証明書']],
    ['R21d: [B] lists the photo-less documents from the city page', ID_DOCUMENTS.B, ['顔写真なしマイナンバーカード', '資格確認書', '介護保険被保険者証', '年金手帳', '子どもの医療証', '児童扶養手当証書', '生活保護受給者証', '社員証', '学生証', '精神障害者保健福祉手帳', '療育手帳']],
  ])('%s', (_name, list, expected) => {
    expect(list).toEqual(expected);
  });

  it('R21d: the health insurance card is in neither list, and is refused from 2025-12-02', () => {
    expect([...ID_DOCUMENTS.A, ...ID_DOCUMENTS.B].some((d) => d.includes('健康保険'))).toBe(false);
    expect(HEALTH_INSURANCE_CARD_NOT_ACCEPTED_FROM).toBe('2025-12-02');
  });

  it('R21d: 運転経歴証明書 counts only if issued from 2012-04-01 (平成24年4月1日)', () => {
    expect(DRIVING_HISTORY_CERTIFICATE_ISSUED_FROM).toBe('2012-04-01');
  });
});
