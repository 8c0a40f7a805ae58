// Information the bot gives (Japanese): welcome and help, documents (R21), fees (R20), the
// office (R1–R3, R24, R25), PINs (R19), proxies (R11, R21c), eligibility (R13–R19, R26), handoff.
import type { Channel } from '../../domain/booking-rules.js';
import type { CivilDate } from '../../domain/civil.js';
import { ID_DOCUMENTS, type Checklist } from '../../domain/documents.js';
import type { Verdict } from '../../domain/eligibility.js';
import type { Fee } from '../../domain/fees.js';
import { dateSpeech, dateText } from '../format.js';
import { say, YES_NO, type Say } from './say.js';

const DESK = '箕面市役所 本館1階 戸籍住民異動室 102番窓口';

export function welcome(channel: Channel): Say {
  if (channel === 'phone') {
    return say(
      'お電話ありがとうございます。箕面市役所 電子証明書の新規発行・更新の予約窓口です。',
      'お電話ありがとうございます。箕面市役所、電子証明書の更新と新規発行の、予約窓口です。ご用件をお話しください。番号でも選べます。予約は1、確認、変更、キャンセルは2、持ち物や手数料などのご案内は3、担当者は0を押してください。',
      [
        { label: '予約する', digit: '1' },
        { label: '予約の確認・変更・キャンセル', digit: '2' },
        { label: 'ご案内', digit: '3' },
        { label: '担当者と話す', digit: '0' },
      ],
    );
  }
  return say(
    'こんにちは。箕面市役所 102番窓口の、マイナンバーカード電子証明書の新規発行・更新の予約窓口です。\nご予約・変更・キャンセル・確認や、持ち物・手数料のご案内ができます。ご用件をどうぞ。',
    undefined,
    [{ label: '予約する' }, { label: '予約の確認・変更・キャンセル' }, { label: '持ち物' }, { label: '手数料' }, { label: '担当者と話す' }],
  );
}

export const help = (channel: Channel): Say =>
  channel === 'phone'
    ? say('ご用件をそのままお話しください。', 'ご用件を、そのままお話しください。たとえば、12月3日の10時に予約したい、のようにお話しください。番号で選ぶこともできます。最初からやり直すときは、最初から、とお話しください。担当者と話したいときは0を押してください。')
    : say('ご用件をふだんの言葉で入力してください。(例:「12月3日の10時に予約したい」「持ち物は?」「予約をキャンセルしたい」)\n「最初から」でやり直し、「やめる」で中止、「担当者」で職員におつなぎします。');

export const notUnderstood = (voice: boolean): Say =>
  voice
    ? say('申し訳ありません。聞き取れませんでした。', '申し訳ありません。聞き取れませんでした。もう一度、ご用件をお話しください。予約は1、確認や変更は2を押してください。')
    : say('申し訳ありません。うまく読み取れませんでした。「予約したい」「持ち物は?」のように入力してください。');

export const goodbye = (voice: boolean): Say =>
  say('ご利用ありがとうございました。', voice ? 'ご利用ありがとうございました。お電話をお切りください。' : undefined);

// ── documents (R21) ─────────────────────────────────────────────────────────────────

const ITEM_TEXT: Record<string, string> = {
  'holder-card': 'ご本人の有効なマイナンバーカード',
  'holder-pins': '設定済みの暗証番号(窓口で入力します)',
  'holder-comes-along': 'ご本人の同行',
  'family-register-copy': '法定代理人であることがわかる書類(戸籍謄本など)',
  'guardianship-registry-certificate': '成年後見人であることがわかる書類(登記事項証明書など)',
  'guardian-name-address-document': '登記事項証明書などに記載された後見人の住所と氏名が確認できる書類1点',
  'proxy-id': '代理人の本人確認書類(【A】から1点)',
  'sealed-inquiry-answer-form': '市から送付した照会書兼回答書(兼委任状)。ご本人が暗証番号を記入し、封入封緘したもの',
  'inquiry-answer-form': '市から送付した照会書兼回答書(兼委任状)(顔認証マイナンバーカードのかたは暗証番号の記入・封入封緘は不要)',
  'letter-of-attorney': '委任状',
};

const ID_LIST_TEXT = { A: '【A】から1点', B: '【B】から1点', 'A-or-B': '【A】から1点(ご本人が同行する場合は【B】から1点でも可)' } as const;

const NOTE_TEXT: Record<string, string> = {
  'ids-valid-originals-no-copies': '本人確認書類は、有効期間内の原本をお持ちください(コピー不可)。',
  'health-insurance-card-not-accepted': '令和7年12月2日以降、健康保険証は本人確認書類として使えません。',
  'b-document-must-match-resident-record': '【B】は、住民票と同じ「氏名・生年月日」または「氏名・住所」が記載されたものに限ります。',
  'holder-must-come-along': '法定代理人が【A】の書類をお持ちでない場合は、ご本人が同行してください。',
  'holder-comes-if-no-photo-id': '法定代理人が【A】の書類をお持ちでない場合は、ご本人が同行してください。',
  'holder-kind-unknown': '成年被後見人のかたの場合は、登記事項証明書などが必要です。',
  'family-register-not-needed': '本籍が箕面市にある場合、または同一世帯で親権者の場合は、戸籍謄本などは不要です。',
  'form-request-by-phone-holder-only': '照会書のご依頼は、ご本人(または法定代理人)なら戸籍住民異動室へのお電話でできます。それ以外のかたは本人確認書類を持って来庁のうえご依頼ください。',
  'face-auth-no-pin-no-seal': '顔認証マイナンバーカードのかたは、暗証番号の記入と封入封緘は不要です。',
  'same-day-of-move-notification-only': '転入・転居の届出の当日に、新しい住所で同一世帯のかたが委任状を持参した場合に限り、その日のうちに手続きできます。',
};

const STEP_TEXT: Record<string, string> = {
  'request-form': '市に照会書兼回答書(兼委任状)の送付を依頼する',
  'city-mails-form-to-holder': '市からご本人あてに〈転送不要〉の郵便で送付',
  'holder-fills-in-and-seals-form': 'ご本人が暗証番号などを記入し、封入封緘する',
  'holder-fills-in-form': 'ご本人が必要事項を記入する',
  'proxy-brings-documents': '代理人が必要書類を持って来庁する',
  'staff-enter-pin-and-hand-card-to-proxy': '職員が暗証番号を入力し、代理人にカードをお渡しする',
  'staff-hand-card-to-proxy': '職員が手続きし、代理人にカードをお渡しする',
};

function itemText(i: Checklist['items'][number]): string {
  const base = ITEM_TEXT[i.code] ?? (i.code === 'representative-id' ? '法定代理人の本人確認書類' : i.code);
  return i.idList && i.code !== 'proxy-id' ? `${base}(${ID_LIST_TEXT[i.idList]})` : base;
}

export function documentsFor(c: Checklist, voice: boolean): Say {
  const items = c.items.map(itemText);
  const steps = (c.steps ?? []).map((s, i) => `${i + 1}. ${STEP_TEXT[s] ?? s}`);
  const notes = c.notes.map((n) => NOTE_TEXT[n.code]).filter((n): n is string => Boolean(n));
  const text = [
    '必要な持ち物:',
    ...items.map((i) => `・${i}`),
    ...(steps.length ? ['手続きの流れ:', ...steps] : []),
    c.sameDay ? 'その日のうちにお手続きできます。' : '代理人の場合、お手続きに日数がかかります。',
    ...notes,
  ].join('\n');
  const speak = voice ? `お持ちいただくものは、${items.join('、')}、です。${c.sameDay ? '' : 'お手続きには日数がかかります。'}${notes.slice(0, 2).join('')}` : undefined;
  return say(text, speak);
}

export const idDocumentLists = (voice: boolean): Say =>
  say(
    `【A】顔写真付きのもの:${ID_DOCUMENTS.A.join('、')}など\n【B】住民票の「氏名・生年月日」または「氏名・住所」が記載されたもの:${ID_DOCUMENTS.B.join('、')}など`,
    voice ? 'Aは、運転免許証やパスポートなど、顔写真付きのものです。Bは、資格確認書や年金手帳など、氏名と生年月日、または氏名と住所が書かれたものです。' : undefined,
  );

export const bringForSelf = (voice: boolean): Say =>
  say('持ち物:ご本人の有効なマイナンバーカード(設定済みの暗証番号が必要です)', voice ? '持ち物は、ご本人の有効なマイナンバーカードです。設定した暗証番号が必要です。' : undefined);

export const askApplicantKind = (): Say =>
  say('窓口に来られるのはどなたですか?', '窓口に来られるのは、ご本人なら1を、15歳未満や成年被後見人のかたの法定代理人なら2を、代理人なら3を押してください。', [
    { label: 'ご本人', digit: '1' },
    { label: '15歳未満・成年被後見人の法定代理人', digit: '2' },
    { label: '代理人', digit: '3' },
  ]);

// ── fees (R20) ──────────────────────────────────────────────────────────────────────

export const askCardValid = (): Say =>
  say('お持ちのマイナンバーカードは有効期限内ですか?', 'お持ちのマイナンバーカードは、有効期限内ですか。はいは1、いいえは2を押してください。', YES_NO);

export function feeAnswer(fee: Fee): Say {
  const express = fee.notes.includes('express-issuance-separate-page') ? '\n特急発行の手数料は、市の「マイナンバーカードの特急発行」のページをご覧ください。' : '';
  if (fee.totalYen === 0) {
    return say(`有効なマイナンバーカードへの電子証明書の新規発行・更新は無料です。${express}`, '有効なマイナンバーカードへの、電子証明書の発行と更新は、無料です。');
  }
  return say(
    `カードの再交付と一緒に電子証明書を発行する場合の手数料:\n・電子証明書 ${fee.certificateYen}円(署名用・利用者証明用は各200円、同時なら合わせて200円)\n・カードの再交付 ${fee.cardYen}円\n合計 ${fee.totalYen}円${express}`,
    `カードの再交付と一緒に発行する場合は、電子証明書が${fee.certificateYen}円、カードの再交付が${fee.cardYen}円、合わせて${fee.totalYen}円です。`,
  );
}

// ── office (R1–R3, R24, R25) ───────────────────────────────────────────────────────

export const officeInfo = (deskPhone: string, voice: boolean): Say =>
  say(
    [
      `場所:${DESK}`,
      '受付時間:午前9時〜午後5時',
      '開庁日:月曜日〜金曜日、第2・第4土曜日(3月・4月は毎週土曜日)。日曜・祝日・年末年始(12月29日〜1月3日)はお休みです。',
      '豊川支所・止々呂美支所でも同じ手続きができますが、予約はできません(土日祝日・年末年始はお休み)。',
      '予約のないかたも空きがあれば手続きできますが、予約のかたが優先です。週明けや連休明けの初日、土曜日は特に混み合います。',
      `予約専用電話:${deskPhone}(平日9時〜17時)。ほかの電話番号では予約を受け付けできません。`,
    ].join('\n'),
    voice
      ? '窓口は、市役所本館1階の102番窓口です。受付は午前9時から午後5時まで。月曜から金曜と、第2、第4土曜日に開いています。支所では予約はできません。週明けと土曜日は混み合います。'
      : undefined,
  );

export const crowdedNote = (date: CivilDate): Say =>
  say(`${dateText(date)}は混み合いやすい日です。時間に余裕をもってお越しください。`, `${dateSpeech(date)}は、混み合いやすい日です。`);

// ── PIN (R19), proxy (R11, R21c) ───────────────────────────────────────────────────

export const pinForgotten = (voice: boolean): Say =>
  say(
    '電子証明書の手続きには、設定済みの暗証番号が必要です。暗証番号を忘れた場合は、別の手続き(暗証番号変更・再設定申請)が必要です。ご本人がマイナンバーカードを持って窓口でご相談ください。',
    voice ? '電子証明書の手続きには、設定した暗証番号が必要です。忘れた場合は、暗証番号の再設定という別の手続きになります。カードを持って窓口でご相談ください。' : undefined,
  );

export const proxyInfo = (deskPhone: string, channel: Channel): Say =>
  say(
    [
      'インターネット(チャット・LINE)でのご予約は、ご本人が来られる場合に限ります。',
      `代理人が来られる場合は、必要書類をご案内しますので、予約専用電話 ${deskPhone}(平日9時〜17時)でご予約ください。`,
      '代理人の手続きは、市から送る照会書兼回答書(兼委任状)が必要なため、日数がかかります。',
      '転入・転居の届出の当日に、同一世帯のかたが委任状を持参した場合は、その日のうちに手続きできます。',
    ].join('\n'),
    channel === 'phone' ? '代理のかたの手続きには、市から送る照会書が必要なため、日数がかかります。必要書類をご案内しますので、担当者におつなぎします。0を押してください。' : undefined,
  );

export const proxyMustCall = (deskPhone: string): Say =>
  say(
    `インターネットでのご予約は、ご本人が来られる場合に限ります。代理のかたが来られる場合は、必要書類をご案内しますので、予約専用電話 ${deskPhone}(平日9時〜17時)でご予約ください。`,
  );

// ── eligibility (R13–R19, R26) ─────────────────────────────────────────────────────

export const askNoticeReceived = (): Say =>
  say('薄い水色の封筒で「電子証明書の有効期限通知書」は届いていますか?', '薄い水色の封筒で、電子証明書の有効期限通知書は届いていますか。はいは1、いいえは2、わからない場合は3を押してください。', [
    { label: 'はい', digit: '1' },
    { label: 'いいえ', digit: '2' },
    { label: 'わからない', digit: '3' },
  ]);

export const askCertificateExpiry = (): Say =>
  say('マイナンバーカードの表面に記載された「電子証明書の有効期限」はいつですか?(例:2027年3月10日)', 'カードの表面に書かれた、電子証明書の有効期限はいつですか。たとえば、2027年3月10日のようにお話しください。');

export const askCardExpiringSoon = (): Say =>
  say('マイナンバーカード本体の有効期限は、3か月以内に切れますか(またはもう切れていますか)?', 'マイナンバーカード本体の有効期限が、3か月以内に切れる、またはもう切れている場合は1を、そうでなければ2を押してください。', YES_NO);

export const askUnder15OrWard = (): Say =>
  say('カードをお持ちのかたは、15歳未満または成年被後見人のかたですか?', 'カードをお持ちのかたは、15歳未満、または成年被後見人のかたですか。はいは1、いいえは2を押してください。', YES_NO);

const VERDICT_NOTE: Record<string, string> = {
  'signing-certificate-not-issued': '15歳未満のかたや成年被後見人のかたには、署名用電子証明書は原則発行できません。',
  'legal-representative-applies': '申請は法定代理人のかたが行ってください。',
  'face-auth-still-needs-renewal': '顔認証マイナンバーカードも、利用者証明用電子証明書の期限が切れたら更新が必要です。',
  'pin-reset-needed': '暗証番号を忘れた場合は、別に暗証番号の再設定の手続きが必要です。',
  'card-renewal-due-by-then': 'それまでにカード本体の有効期限も近づくため、カードの更新が必要になる見込みです。',
};

export function eligibilityVerdict(v: Verdict, voice: boolean): Say {
  const notes = v.notes.map((n) => VERDICT_NOTE[n.code]).filter((n): n is string => Boolean(n)).join('');
  const s = (text: string, speak?: string) => say(text + (notes ? `\n${notes}` : ''), voice ? (speak ?? text) + notes : undefined);
  switch (v.kind) {
    case 'renewal':
      return s('電子証明書の更新のご予約ができます。');
    case 'new-issuance':
      return s('電子証明書の有効期限が切れているため、新規発行の手続きになります。ご予約できます。', '電子証明書の期限が切れているため、新規発行の手続きになります。ご予約できます。');
    case 'not-yet':
      return s(
        `電子証明書の更新は、有効期限まで3か月未満になった日からできます。${dateText(v.firstBookableDate)}以降の日でご予約ください。`,
        `電子証明書の更新は、${dateSpeech(v.firstBookableDate)}からできます。その日以降でご予約ください。`,
      );
    case 'card-renewal-needed':
      return s(
        'マイナンバーカード本体の有効期限が3か月以内、または切れている場合は、カード本体の更新(再交付)という別の手続きになり、このご予約の対象外です。なお、マイナ保険証はカードの有効期限が切れても3か月は使えます。',
        'カード本体の有効期限が近い、または切れている場合は、カードの更新という別の手続きになり、この予約の対象外です。',
      );
    case 'ask-staff':
      return s(
        v.reasons.some((r) => r.code === 'issued-without-certificates')
          ? '電子証明書が搭載されていないカードには、新規発行の申請が必要です。このご予約の対象として案内されていないため、窓口または予約専用電話でご相談ください。'
          : 'お手続きの対象かどうか、この情報では判断できませんでした。カードの表面の「電子証明書の有効期限」をご確認いただくか、予約専用電話でご相談ください。',
      );
  }
}

// ── handoff ─────────────────────────────────────────────────────────────────────────

export const handoffWeb = (staffedNow: boolean): Say =>
  say(
    staffedNow
      ? '担当の職員におつなぎします。このチャットでお返事しますので、しばらくお待ちください。'
      : '担当の職員に引き継ぎました。受付時間(平日9時〜17時)になりましたら、このチャットでお返事します。',
  );

export const handoffLine = (staffedNow: boolean): Say =>
  say(
    staffedNow
      ? '担当の職員におつなぎします。このトークでお返事しますので、しばらくお待ちください。'
      : '担当の職員に引き継ぎました。受付時間(平日9時〜17時)になりましたら、このトークでお返事します。',
  );

export const handoffPhoneTransfer = (): Say => say('担当者におつなぎします。そのままお待ちください。');

export const handoffPhoneCallback = (): Say =>
  say(
    'ただいま担当者がお電話に出られない時間です。次の受付日(平日9時〜17時)に、いまおかけの電話番号へ担当者からおかけ直しします。',
    'ただいま担当者が出られない時間です。次の受付日に、いまおかけの電話番号へ、担当者からおかけ直しします。',
  );

export const staffUnavailable = (deskPhone: string): Say =>
  say(`ただいま担当者におつなぎできません。予約専用電話 ${deskPhone}(平日9時〜17時)におかけください。`);
