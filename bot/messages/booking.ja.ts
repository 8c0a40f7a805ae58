// What the bot says while booking, changing and cancelling (Japanese).
import type { BookingRefusal } from '../../domain/booking-rules.js';
import type { ClosedReason } from '../../domain/calendar.js';
import type { CivilDate } from '../../domain/civil.js';
import type { AvailableWindow } from '../../domain/desk.js';
import type { Reservation } from '../../domain/reservation.js';
import type { ReservationWindow } from '../../domain/windows.js';
import {
  birthdayText,
  dateSpeech,
  dateText,
  phoneSpeech,
  phoneText,
  reservationNumberSpeech,
  reservationNumberText,
  timeSpeech,
  timeText,
  windowShortText,
  windowSpeech,
  windowText,
} from '../format.js';
import { say, YES_NO, type Choice, type Say } from './say.js';

export const askInPerson = (): Say =>
  say('当日はご本人が窓口に来られますか?', '当日は、ご本人が窓口に来られますか。ご本人なら1を、代理のかたなら2を押してください。', YES_NO);

export const askDate = (suggestions: CivilDate[], voice: boolean): Say => ({
  ask: 'date',
  ...say(
    'ご希望の日にちを教えてください。(例:12月3日、来週の火曜日)' +
      (suggestions.length ? `\n近い空きのある日:${suggestions.map(dateText).join('、')}` : ''),
    voice && suggestions.length
      ? `ご希望の日にちをお話しください。いちばん近い空きは、${dateSpeech(suggestions[0]!)}です。`
      : 'ご希望の日にちをお話しください。',
    suggestions.slice(0, 5).map((d, i) => ({ label: dateText(d), digit: String(i + 1) })),
  ),
});

export const dateNotUnderstood = (): Say =>
  say('日にちがわかりませんでした。「12月3日」「来週の火曜日」のように教えてください。', '日にちが聞き取れませんでした。たとえば、12月3日のように、お話しください。');

export const askTime = (date: CivilDate, windows: AvailableWindow[], voice: boolean): Say => {
  const shown = windows.slice(0, voice ? 3 : 8);
  return say(
    `${dateText(date)}の空いている時間帯です。ご希望の時間を教えてください。\n` + shown.map((w) => `・${timeText(w.start)}〜${timeText(w.end)}`).join('\n'),
    `${dateSpeech(date)}は、${shown.map((w) => timeSpeech(w.start)).join('、')}などが空いています。ご希望の時間をお話しください。`,
    shown.map((w, i) => ({ label: timeText(w.start), digit: String(i + 1) })),
  );
};

export const timeNotUnderstood = (): Say =>
  say('時間がわかりませんでした。「10時」「14時半」のように教えてください。', '時間が聞き取れませんでした。たとえば、10時のように、お話しください。');

export const dayFull = (date: CivilDate): Say =>
  say(`${dateText(date)}は空いている時間帯がありません。`, `${dateSpeech(date)}は、空いている時間帯がありません。`);

export function refusal(r: BookingRefusal, w: ReservationWindow): Say {
  switch (r.reason) {
    case 'closed':
      return closedDay(w.date, r.closed);
    case 'full':
      return say(`${windowText(w)}は満席です。`, `${windowSpeech(w)}は、満席です。`);
    case 'blocked':
      return say(`${windowText(w)}は受付を行っていません。`, `${windowSpeech(w)}は、受付をしていません。`);
    case 'started':
      return say(`${windowText(w)}はすでに始まっているため、ご予約いただけません。`, 'その時間帯は、すでに始まっているため、ご予約いただけません。');
    case 'no-such-window':
      return say('ご予約は9:00〜16:30に始まる30分ごとの時間帯でお取りしています。', 'ご予約は、9時から4時半までの、30分ごとの時間帯でお取りしています。');
    case 'too-soon-phone-only':
      return say(
        `${dateText(w.date)}のご予約は、チャットとLINEでは${dateText(r.deadline)}までの受付です。空きがあれば、予約専用電話 ${r.deskPhone}(平日9時〜17時)でお受けします。`,
        `${dateSpeech(w.date)}のご予約は、インターネットでは${dateSpeech(r.deadline)}までの受付です。予約専用電話でお受けします。`,
      );
    case 'not-released':
      return say(
        `${dateText(w.date)}のご予約は、${dateText(r.releasedAt.date)} ${timeText(r.releasedAt.time)}から受付を始めます。`,
        `${dateSpeech(w.date)}のご予約は、${dateSpeech(r.releasedAt.date)}、${timeSpeech(r.releasedAt.time)}から受付を始めます。`,
      );
    case 'before-service-start':
      return say(`ご予約は${dateText(r.firstDate)}以降の日にちでお取りしています。`);
    case 'not-accepting-yet':
      return say(`ご予約の受付は${dateText(r.opensOn)}から始まります。`);
  }
}

function closedDay(date: CivilDate, c: ClosedReason): Say {
  const d = dateText(date);
  const s = dateSpeech(date);
  switch (c.kind) {
    case 'sunday':
      return say(`${d}は日曜日のため、窓口はお休みです。`, `${s}は、窓口はお休みです。`);
    case 'saturday':
      return say(`${d}は窓口が開いていない土曜日です。土曜日は第2・第4土曜日(3月・4月は毎週)に開いています。`, `${s}は、窓口が開いていません。土曜日は、第2と第4土曜日に開いています。`);
    case 'holiday':
      return say(`${d}は${c.name}のため、窓口はお休みです。`, `${s}は、${c.name}のため、お休みです。`);
    case 'year-end':
      return say(`${d}は年末年始(12月29日〜1月3日)のため、窓口はお休みです。`, `${s}は、年末年始のため、お休みです。`);
    case 'closure':
      return say(`${d}は${c.reason ?? '臨時休業'}のため、窓口はお休みです。`, `${s}は、窓口がお休みです。`);
  }
}

export const offers = (windows: AvailableWindow[], voice: boolean): Say => {
  if (windows.length === 0) return say('近い日に空いている時間帯が見つかりませんでした。別の日にちを教えてください。');
  const shown = windows.slice(0, 3);
  return say(
    'お取りできる近い時間帯はこちらです。番号か日時でお選びください。\n' + shown.map((w, i) => `${i + 1}. ${windowText(w)}`).join('\n'),
    '近い空きは、' + shown.map((w, i) => `${i + 1}番、${windowSpeech(w)}`).join('。') + '。番号を押すか、ご希望の日時をお話しください。',
    choiceLabels(shown),
  );
};

export const noneInPeriod = (date: CivilDate): Say =>
  say(`${dateText(date)}のご希望の時間帯には空きがありません。`, `${dateSpeech(date)}の、その時間帯には空きがありません。`);

export const pickNotUnderstood = (): Say =>
  say('番号か、ご希望の日時で教えてください。', '番号を押すか、ご希望の日時をお話しください。');

export const windowAvailable = (w: ReservationWindow): Say =>
  say(`${windowText(w)}は空いています。`, `${windowSpeech(w)}は、空いています。`);

export const askBirthday = (): Say =>
  say('ご本人の誕生日(月日)を教えてください。当日、窓口で確認します。(例:5月3日)', 'ご本人の誕生日を、月と日でお話しください。番号で入力する場合は、5月3日なら、0 5 0 3、と押してください。');

export const birthdayNotUnderstood = (): Say =>
  say('誕生日がわかりませんでした。「5月3日」のように月と日で教えてください。', '誕生日が聞き取れませんでした。5月3日のように、お話しください。');

export const askPhone = (callerNumber: string | undefined): Say =>
  callerNumber
    ? say(`お電話番号は、いまおかけの ${phoneText(callerNumber)} でよろしいですか?`, `お電話番号は、いまおかけの、${phoneSpeech(callerNumber)}、でよろしいですか。よろしければ1を、別の番号なら2を押してください。`, YES_NO)
    : say('日中につながるお電話番号を教えてください。(例:090-1234-5678)', '日中につながるお電話番号をお話しください。');

export const askOtherPhone = (): Say => say('ご連絡先のお電話番号を教えてください。', 'ご連絡先のお電話番号をお話しするか、番号を押してください。');

export const phoneNotUnderstood = (): Say =>
  say('電話番号がわかりませんでした。「090-1234-5678」のように教えてください。', '電話番号が聞き取れませんでした。もう一度、ゆっくりお話しください。');

export const askEmail = (): Say => say('確認のメールをお送りするメールアドレスを教えてください。');
export const emailNotUnderstood = (): Say => say('メールアドレスの形式が正しくないようです。「name@example.jp」のように入力してください。');

export interface BookingSummary {
  window: ReservationWindow;
  birthday: string;
  phone: string;
  email?: string | undefined;
}

export const confirmBooking = (s: BookingSummary): Say => {
  const facts = [
    { label: '日時', value: windowText(s.window) },
    { label: '誕生日', value: birthdayText(s.birthday) },
    { label: '電話番号', value: phoneText(s.phone) },
    ...(s.email ? [{ label: 'メール', value: s.email }] : []),
    { label: '場所', value: '箕面市役所 本館1階 102番窓口' },
  ];
  const lead = '次の内容で予約します。よろしいですか?';
  return {
    ask: 'confirm',
    card: { title: '予約内容の確認', lead, facts },
    ...say(
      [lead, ...facts.map((f) => `${f.label}:${f.value}`)].join('\n'),
      `${windowSpeech(s.window)}、誕生日は${birthdayText(s.birthday)}、お電話番号は${phoneSpeech(s.phone)}で、予約します。よろしければ1を、やり直す場合は2を押してください。`,
      YES_NO,
    ),
  };
};

export const askWhatToFix = (): Say =>
  say('どの項目を直しますか?', 'どこを直しますか。日時なら1、誕生日なら2、電話番号なら3を押してください。', [
    { label: '日時', digit: '1' },
    { label: '誕生日', digit: '2' },
    { label: '電話番号', digit: '3' },
  ]);

export const booked = (r: Reservation, bring: Say): Say =>
  say(
    [
      'ご予約が完了しました。',
      `予約番号:${reservationNumberText(r.number)}`,
      `日時:${windowText(r)}`,
      '場所:箕面市役所 本館1階 戸籍住民異動室 102番窓口',
      bring.text,
      'ご予約の時間帯の中でご案内します。前後の状況でお待ちいただくことがありますので、時間に余裕をもってお越しください。',
    ].join('\n'),
    `ご予約が完了しました。予約番号は、${reservationNumberSpeech(r.number)}、です。${windowSpeech(r)}に、市役所本館1階の102番窓口へお越しください。${bring.speak} 時間に余裕をもってお越しください。`,
  );

export const alreadyBooked = (existing: Reservation): Say =>
  say(
    `この誕生日とお電話番号では、すでに ${windowText(existing)} のご予約があります(カード1枚につき1枠です)。日時の変更をご希望の場合は「変更」とお伝えください。`,
    `この誕生日とお電話番号では、すでに${windowSpeech(existing)}のご予約があります。変更をご希望の場合は、変更、とお話しください。`,
  );

export const askAnotherMember = (): Say =>
  say('ほかのご家族の分も予約しますか?(カード1枚につき1枠が必要です)', 'ほかのご家族の分も予約しますか。予約する場合は1を、終わる場合は2を押してください。', YES_NO);

export const bookingCancelledByUser = (): Say => say('予約の手続きを中止しました。ほかにご用件があればどうぞ。', '予約の手続きを中止しました。');

export const choiceLabels = (windows: ReservationWindow[]): Choice[] =>
  windows.map((w, i) => ({ label: windowText(w), short: windowShortText(w), digit: String(i + 1) }));

export const offerToBook = (): Say =>
  say('このまま予約しますか?', '続けて予約する場合は1を、しない場合は2を押してください。', YES_NO);

export const anythingElse = (voice: boolean): Say =>
  voice
    ? say('ほかにご用件はありますか?', 'ほかにご用件があればお話しください。予約は1、確認・変更・キャンセルは2、ご案内は3、担当者は0を押してください。終わる場合は、そのまま電話をお切りください。')
    : say('ほかにご用件はありますか?', undefined, [
        { label: '予約する' },
        { label: '予約の確認・変更・キャンセル' },
        { label: '持ち物' },
        { label: '手数料' },
      ]);

export const stopped = (): Say => say('手続きを中止しました。', '手続きを中止しました。');

export const askFaceAuthCard = (): Say =>
  say('お持ちのカードは「顔認証マイナンバーカード」ですか?', 'お持ちのカードは、顔認証マイナンバーカードですか。はいは1、いいえは2を押してください。', YES_NO);

export const askMinorOrWard = (): Say =>
  say('カードをお持ちのかたは、どちらですか?', 'カードをお持ちのかたが、15歳未満なら1を、成年被後見人なら2を押してください。', [
    { label: '15歳未満', digit: '1' },
    { label: '成年被後見人', digit: '2' },
  ]);
