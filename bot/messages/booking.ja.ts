// What the bot says while booking, changing and cancelling (Japanese, with English for web and
// LINE), each sentence marked with what it does in the conversation (its act).
import type { BookingRefusal } from '../../domain/booking-rules.js';
import type { ClosedReason } from '../../domain/calendar.js';
import type { CivilDate, ClockTime } from '../../domain/civil.js';
import type { AvailableWindow } from '../../domain/desk.js';
import type { Reservation } from '../../domain/reservation.js';
import type { ReservationWindow } from '../../domain/windows.js';
import {
  birthdayText,
  birthdayTextEn,
  dateSpeech,
  dateText,
  dateTextEn,
  phoneSpeech,
  phoneText,
  monthDaySpeech,
  reservationNumberSpeech,
  reservationNumberText,
  timeSpeech,
  timeText,
  windowChoiceTextEn,
  windowShortText,
  windowsOfferSpeech,
  windowStartSpeech,
  windowText,
  windowTextEn,
} from '../format.js';
import { DESK_PLACE_EN, deskPhoneTextEn } from './desk.ja.js';
import { as, say, withEnglish, YES_NO, type Act, type Choice, type Say } from './say.js';

const YES_NO_EN = ['Yes', 'No'];

/** The reservation number twice, in groups of four digits: 「予約番号は、3 8 4 0、1 7 2 6。もう一度、…です。」 */
const numberTwice = (n: string, lead = '予約番号は'): string => `${lead} ${reservationNumberSpeech(n)}。もう一度、${reservationNumberSpeech(n)}。`;

/** A message with its acts and English. */
const said = (acts: Act | Act[], s: Say, en: string | { text: string; choices?: string[] }): Say =>
  [acts].flat().reduce((m, act) => as(act, m), withEnglish(s, en));

export const askInPerson = (): Say =>
  said(
    'asks-in-person',
    say('当日はご本人が窓口に来られますか?', '当日は、ご本人が来られますか。ご本人なら1、代理のかたなら2を押してください。', YES_NO),
    { text: 'Will the card holder come to the window in person?', choices: YES_NO_EN },
  );

export const askDate = (suggestions: CivilDate[], voice: boolean): Say =>
  said(
    'asks-date',
    {
      ask: 'date',
      ...say(
        'ご希望の日にちを教えてください。(例:12月3日、来週の火曜日)' +
          (suggestions.length ? `\n近い空きのある日:${suggestions.map(dateText).join('、')}` : ''),
        // The phone says its keys: the month and day as 4 digits, or 1 for the nearest free day.
        voice && suggestions.length
          ? `ご希望の日にちをどうぞ。月日を4桁で押すか、いちばん近い${dateSpeech(suggestions[0]!)}なら1を押してください。`
          : voice
            ? 'ご希望の日にちをどうぞ。12月3日なら1203のように、月日を4桁で押せます。'
            : 'ご希望の日にちをお話しください。',
        suggestions.slice(0, 5).map((d, i) => ({ label: dateText(d), ...(i === 0 ? { digit: '1' } : {}) })),
      ),
    },
    {
      text: 'Which day would you like to come? (e.g. Dec 3, next Tuesday)' + (suggestions.length ? `\nDays with free times soon: ${suggestions.map(dateTextEn).join('; ')}` : ''),
      choices: suggestions.slice(0, 5).map(dateTextEn),
    },
  );

export const dateNotUnderstood = (): Say =>
  said(
    'clarifies',
    say('日にちがわかりませんでした。「12月3日」「来週の火曜日」のように教えてください。', '日にちが聞き取れませんでした。たとえば、12月3日のように、お話しください。'),
    'Sorry, I didn’t catch the date. Please write it like “Dec 3” or “next Tuesday”.',
  );

/** The free times of a day, to choose from: it asks the time and offers those windows. */
export const askTime = (date: CivilDate, windows: AvailableWindow[], voice: boolean): Say => {
  const shown = windows.slice(0, voice ? 3 : 8);
  return said(
    ['asks-time', 'offers-windows'],
    say(
      `${dateText(date)}の空いている時間帯です。ご希望の時間を教えてください。\n` + shown.map((w) => `・${timeText(w.start)}〜${timeText(w.end)}`).join('\n'),
      // The phone: each time by its number (the question last).
      `${dateSpeech(date)}の空きは、${shown.map((w, i) => `${i + 1}番 ${timeSpeech(w.start)}`).join('、')}です。番号を押してください。`,
      shown.map((w, i) => ({ label: timeText(w.start), digit: String(i + 1) })),
    ),
    {
      text: `These times are free on ${dateTextEn(date)}. What time would you like?\n` + shown.map((w) => `• ${timeText(w.start)}–${timeText(w.end)}`).join('\n'),
      choices: shown.map((w) => timeText(w.start)),
    },
  );
};

export const timeNotUnderstood = (): Say =>
  said(
    'clarifies',
    say('時間がわかりませんでした。「10時」「14時半」のように教えてください。', '時間が聞き取れませんでした。たとえば、10時のように、お話しください。'),
    'Sorry, I didn’t catch the time. Please write it like “10:00” or “14:30”.',
  );

/** Said before the nearest free windows (choose-window joins them). */
export const dayFull = (date: CivilDate): Say =>
  said('full-offers-alternatives', say(`${dateText(date)}は空いている時間帯がありません。`, `${dateSpeech(date)}は、空きがありません。`), `There are no free times on ${dateTextEn(date)}.`);

/**
 * Why the window asked for cannot be booked here. Choose-window says it before the nearest free
 * windows, so a window that cannot be had (full, blocked, started, outside the hours, not yet
 * open) is 'full-offers-alternatives'; a closed day and the phone-only days have their own acts.
 */
export function refusal(r: BookingRefusal, w: ReservationWindow): Say {
  const unavailable = (s: Say, en: string) => said('full-offers-alternatives', s, en);
  switch (r.reason) {
    case 'closed':
      return closedDay(w.date, r.closed);
    case 'full':
      return unavailable(say(`${windowText(w)}は満席です。`, `${windowStartSpeech(w)}は、満席です。`), `${windowTextEn(w)} is fully booked.`);
    case 'blocked':
      return unavailable(say(`${windowText(w)}は受付を行っていません。`, `${windowStartSpeech(w)}は、受付をしていません。`), `${windowTextEn(w)} is not open for reservations.`);
    case 'started':
      return unavailable(
        say(`${windowText(w)}はすでに始まっているため、ご予約いただけません。`, 'その時間は、もう始まっています。'),
        `${windowTextEn(w)} has already started, so it can’t be booked.`,
      );
    case 'no-such-window':
      return unavailable(
        say('ご予約は9:00〜16:30に始まる30分ごとの時間帯でお取りしています。', 'ご予約は、9時から4時半までの、30分ごとです。'),
        'Reservations are for 30-minute slots starting between 9:00 and 16:30.',
      );
    case 'too-soon-phone-only':
      return said(
        ['too-soon-phone-only', 'refers-to-phone'],
        say(
          `${dateText(w.date)}のご予約は、チャットとLINEでは${dateText(r.deadline)}までの受付です。空きがあれば、予約専用電話 ${r.deskPhone}(平日9時〜17時)でお受けします。`,
          `${dateSpeech(w.date)}のご予約は、インターネットでは${dateSpeech(r.deadline)}までの受付です。予約専用電話でお受けします。`,
        ),
        `In the chat and on LINE, reservations for ${dateTextEn(w.date)} close on ${dateTextEn(r.deadline)}. If a slot is still free, please call ${deskPhoneTextEn(r.deskPhone)}.`,
      );
    case 'not-released':
      return unavailable(
        say(
          `${dateText(w.date)}のご予約は、${dateText(r.releasedAt.date)} ${timeText(r.releasedAt.time)}から受付を始めます。`,
          `${dateSpeech(w.date)}のご予約は、${monthDaySpeech(r.releasedAt.date)}からです。`,
        ),
        `Reservations for ${dateTextEn(w.date)} open on ${dateTextEn(r.releasedAt.date)} at ${timeText(r.releasedAt.time)}.`,
      );
    case 'before-service-start':
      return unavailable(say(`ご予約は${dateText(r.firstDate)}以降の日にちでお取りしています。`), `Reservations can be made for ${dateTextEn(r.firstDate)} or later.`);
    case 'not-accepting-yet':
      return unavailable(say(`ご予約の受付は${dateText(r.opensOn)}から始まります。`), `Reservations open on ${dateTextEn(r.opensOn)}.`);
  }
}

function closedDay(date: CivilDate, c: ClosedReason): Say {
  const d = dateText(date);
  const s = dateSpeech(date);
  const e = dateTextEn(date);
  const closed = (m: Say, en: string) => said('closed-day', m, en);
  switch (c.kind) {
    case 'sunday':
      return closed(say(`${d}は日曜日のため、窓口はお休みです。`, `${s}は、お休みです。`), `The office is closed on Sundays, so ${e} is not available.`);
    case 'saturday':
      return closed(
        say(`${d}は窓口が開いていない土曜日です。土曜日は第2・第4土曜日(3月・4月は毎週)に開いています。`, `${s}は、お休みです。`),
        `The office is closed on ${e}. It opens on the 2nd and 4th Saturday of the month (every Saturday in March and April).`,
      );
    case 'holiday':
      // The holiday's name is Japanese: English says what it is.
      return closed(say(`${d}は${c.name}のため、窓口はお休みです。`, `${s}は、${c.name}でお休みです。`), `${e} is a national holiday, so the office is closed.`);
    case 'year-end':
      return closed(
        say(`${d}は年末年始(12月29日〜1月3日)のため、窓口はお休みです。`, `${s}は、年末年始でお休みです。`),
        `The office is closed for the New Year holidays (Dec 29 – Jan 3), so ${e} is not available.`,
      );
    case 'closure':
      return closed(say(`${d}は${c.reason ?? '臨時休業'}のため、窓口はお休みです。`, `${s}は、お休みです。`), `The office is closed on ${e}.`);
  }
}

export const offers = (windows: AvailableWindow[], voice: boolean): Say => {
  if (windows.length === 0) {
    return said('asks-date', say('近い日に空いている時間帯が見つかりませんでした。別の日にちを教えてください。'), 'I couldn’t find a free time on the days nearby. Please tell me another day.');
  }
  const shown = windows.slice(0, 3);
  return said(
    'offers-windows',
    say(
      'お取りできる近い時間帯はこちらです。番号か日時でお選びください。\n' + shown.map((w, i) => `${i + 1}. ${windowText(w)}`).join('\n'),
      // The phone: two at a time by number (the third key still works), the question last.
      `近い空きは、${windowsOfferSpeech(shown.slice(0, 2))}です。番号を押してください。`,
      choiceLabels(shown),
    ),
    {
      text: 'These are the nearest free times. Please choose by number or by date and time:\n' + shown.map((w, i) => `${i + 1}. ${windowTextEn(w)}`).join('\n'),
      choices: choiceLabelsEn(shown),
    },
  );
};

/** Said before the other free times of that day, or before asking another day. */
export const noneInPeriod = (date: CivilDate): Say =>
  said(
    'full-offers-alternatives',
    say(`${dateText(date)}のご希望の時間帯には空きがありません。`, 'その時間には、空きがありません。'),
    `There are no free times on ${dateTextEn(date)} at the time you asked for.`,
  );

export const pickNotUnderstood = (): Say =>
  said('clarifies', say('番号か、ご希望の日時で教えてください。', '番号を押すか、ご希望の日時をお話しください。'), 'Please choose by number, or tell me the date and time you would like.');

/** A lead-in said only before the birthday question (no act of its own). */
export const windowAvailable = (w: ReservationWindow): Say =>
  withEnglish(say(`${windowText(w)}は空いています。`, `${dateSpeech(w.date)}、${timeSpeech(w.start)}は空いています。`), `${windowTextEn(w)} is available.`);

/** A birthday or phone number said again differently while another question was asked: taken, and said so (web and LINE only). */
export const detailsCorrected = (c: { birthday?: string | undefined; phone?: string | undefined }): Say => {
  const ja = [c.birthday && `誕生日を${birthdayText(c.birthday)}`, c.phone && `お電話番号を${phoneText(c.phone)}`].filter(Boolean).join('、');
  const en = [c.birthday && `the birthday to ${birthdayTextEn(c.birthday)}`, c.phone && `the phone number to ${phoneText(c.phone)}`].filter(Boolean).join(' and ');
  return withEnglish(say(`${ja}に直しました。`), `I have changed ${en}.`);
};

/** 午前, 午後, or the hours (「10:00〜12:00」) of a part of the day wished for. */
function partOfDay([from, to]: [ClockTime, ClockTime]): { text: string; speak: string; en: string } {
  if (to <= '12:00') return { text: '午前', speak: '午前', en: 'morning' };
  if (from >= '12:00') return { text: '午後', speak: '午後', en: 'afternoon' };
  return { text: `${timeText(from)}〜${timeText(to)}`, speak: `${timeSpeech(from)}から${timeSpeech(to)}`, en: `${timeText(from)}–${timeText(to)}` };
}

/**
 * A day or time said before it was asked for (「じゃあ12月21日の午後で」 while the card is asked
 * about): kept for the day's question, and said so before the question is put again.
 */
export const wishNoted = (w: { date: CivilDate | null; time: ClockTime | null; timeRange: [ClockTime, ClockTime] | null }): Say => {
  const part = !w.time && w.timeRange ? partOfDay(w.timeRange) : undefined;
  const of = w.date ? 'の' : '';
  const text = `${w.date ? dateText(w.date) : ''}${w.time ? `${w.date ? ' ' : ''}${timeText(w.time)}` : part ? of + part.text : ''}`;
  const speak = `${w.date ? monthDaySpeech(w.date) : ''}${w.time ? `${w.date ? '、' : ''}${timeSpeech(w.time)}` : part ? of + part.speak : ''}`;
  const en = [w.date ? dateTextEn(w.date) : '', w.time ? timeText(w.time) : (part?.en ?? '')].filter(Boolean).join(', ');
  return withEnglish(say(`${text}ですね。承知しました。`, `${speak}ですね。`), `${en}: noted.`);
};

export const askBirthday = (): Say =>
  said(
    'asks-birthday',
    say('ご本人の誕生日(月日)を教えてください。当日、窓口で確認します。(例:5月3日)', 'ご本人の誕生日をどうぞ。5月3日なら、0503と押せます。'),
    'What is the card holder’s birthday (month and day)? It is checked at the window on the day. (e.g. May 3)',
  );

export const birthdayNotUnderstood = (): Say =>
  said(
    'clarifies',
    say('誕生日がわかりませんでした。「5月3日」のように月と日で教えてください。', '誕生日が聞き取れませんでした。5月3日のように、お話しください。'),
    'Sorry, I didn’t catch the birthday. Please give the month and day, like “May 3”.',
  );

export const askPhone = (callerNumber: string | undefined): Say =>
  callerNumber
    ? said(
        'asks-use-caller-number',
        say(`お電話番号は、いまおかけの ${phoneText(callerNumber)} でよろしいですか?`, `ご連絡先は、この番号、${phoneSpeech(callerNumber)}でよろしいですか。はいは1、いいえは2です。`, YES_NO),
        { text: `May we contact you at the number you are calling from, ${phoneText(callerNumber)}?`, choices: YES_NO_EN },
      )
    : said(
        'asks-phone',
        say('日中につながるお電話番号を教えてください。(例:090-1234-5678)', '日中につながるお電話番号をお話しいただくか、番号を押して最後にシャープを押してください。'),
        'What phone number can we reach you at during the day? (e.g. 090-1234-5678)',
      );

export const askOtherPhone = (): Say =>
  said('asks-phone', say('ご連絡先のお電話番号を教えてください。', 'ご連絡先の電話番号をお話しいただくか、番号を押して最後にシャープを押してください。'), 'What phone number should we contact you at?');

export const phoneNotUnderstood = (): Say =>
  said(
    'clarifies',
    say('電話番号がわかりませんでした。「090-1234-5678」のように教えてください。', '電話番号が聞き取れませんでした。もう一度、ゆっくりお話しください。'),
    'Sorry, I didn’t catch the phone number. Please write it like “090-1234-5678”.',
  );

export const askEmail = (): Say =>
  said('asks-email', say('確認のメールをお送りするメールアドレスを教えてください。'), 'What e-mail address should we send the confirmation to?');
export const emailNotUnderstood = (): Say =>
  said('clarifies', say('メールアドレスの形式が正しくないようです。「name@example.jp」のように入力してください。'), 'That doesn’t look like an e-mail address. Please type it like name@example.jp.');

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
  const factsEn = [
    { label: 'Date and time', value: windowTextEn(s.window) },
    { label: 'Birthday', value: birthdayTextEn(s.birthday) },
    { label: 'Phone', value: phoneText(s.phone) },
    ...(s.email ? [{ label: 'E-mail', value: s.email }] : []),
    { label: 'Place', value: 'Window 102, 1st floor, Main Building, Minoh City Hall' },
  ];
  const leadEn = 'I will make the following reservation. Is this correct?';
  return as(
    'read-back',
    withEnglish(
      {
        ask: 'confirm',
        card: { title: '予約内容の確認', lead, facts },
        ...say(
          [lead, ...facts.map((f) => `${f.label}:${f.value}`)].join('\n'),
          `${dateSpeech(s.window.date)}、${timeSpeech(s.window.start)}、誕生日は${birthdayText(s.birthday)}、電話は${phoneSpeech(s.phone)}で予約します。よろしければ1、違えば2を押してください。`,
          YES_NO,
        ),
      },
      {
        text: [leadEn, ...factsEn.map((f) => `${f.label}: ${f.value}`)].join('\n'),
        choices: YES_NO_EN,
        card: { title: 'Please check your reservation', lead: leadEn, facts: factsEn },
      },
    ),
  );
};

export const askWhatToFix = (): Say =>
  said(
    'clarifies',
    say('どの項目を直しますか?', 'どこを直しますか。日時は1、誕生日は2、電話番号は3を押してください。', [
      { label: '日時', digit: '1' },
      { label: '誕生日', digit: '2' },
      { label: '電話番号', digit: '3' },
    ]),
    { text: 'What should be corrected?', choices: ['Date and time', 'Birthday', 'Phone number'] },
  );

export const booked = (r: Reservation, bring: Say): Say =>
  said(
    'booked',
    say(
      [
        'ご予約が完了しました。',
        `予約番号:${reservationNumberText(r.number)}`,
        `日時:${windowText(r)}`,
        '場所:箕面市役所 本館1階 戸籍住民異動室 102番窓口',
        bring.text,
        'ご予約の時間帯の中でご案内します。前後の状況でお待ちいただくことがありますので、時間に余裕をもってお越しください。',
      ].join('\n'),
      // The phone: when, without the weekday (the read-back a moment ago said it), then the
      // number twice, in groups (the turn's question offers 9 to hear it again); the place and
      // what to bring follow by SMS.
      `${monthDaySpeech(r.date)}${timeSpeech(r.start)}で予約しました。${numberTwice(r.number, '番号は')}`,
    ),
    [
      'Your reservation is confirmed.',
      `Reservation number: ${reservationNumberText(r.number)}`,
      `Date and time: ${windowTextEn(r)}`,
      `Place: ${DESK_PLACE_EN}`,
      bring.en?.text ?? bring.text,
      'You will be served during your 30-minute slot. You may have to wait a little, depending on the people before you, so please allow extra time.',
    ].join('\n'),
  );

/**
 * The phone line: the reservation number again, twice, when the caller presses 9 after the
 * completion (said before the question asked again) — the booking's number, so 'booked'.
 */
export const repeatNumber = (r: Pick<Reservation, 'number'>): Say =>
  said('booked', say(`予約番号:${reservationNumberText(r.number)}`, numberTwice(r.number)), `Your reservation number is ${reservationNumberText(r.number)}.`);

/** One slot per card (R9): the reservation these details already have; changing it is the way. */
export const alreadyBooked = (existing: Reservation): Say =>
  said(
    'not-eligible',
    say(
      `この誕生日とお電話番号では、すでに ${windowText(existing)} のご予約があります(カード1枚につき1枠です)。日時の変更をご希望の場合は「変更」とお伝えください。`,
      `この誕生日と電話番号で、${windowStartSpeech(existing)}のご予約がもうあります。`,
    ),
    `There is already a reservation for ${windowTextEn(existing)} with this birthday and phone number (one slot per card). To move it to another date or time, say “change”.`,
  );

export const askAnotherMember = (): Say =>
  said(
    'asks-another-member',
    say('ほかのご家族の分も予約しますか?(カード1枚につき1枠が必要です)', 'もう一度は9、ご家族の分は1、終わりは2です。', YES_NO),
    { text: 'Would you like to book for another family member too? (Each card needs its own slot.)', choices: YES_NO_EN },
  );

export const bookingCancelledByUser = (): Say =>
  said(['stopped', 'anything-else'], say('予約の手続きを中止しました。ほかにご用件があればどうぞ。', '予約の手続きを中止しました。'), 'I have stopped the reservation. Is there anything else I can help with?');

export const choiceLabels = (windows: ReservationWindow[]): Choice[] =>
  windows.map((w, i) => ({ label: windowText(w), short: windowShortText(w), digit: String(i + 1) }));

/** The English labels of `choiceLabels`: each window by its start, as the answer reader takes it. */
export const choiceLabelsEn = (windows: ReservationWindow[]): string[] => windows.map(windowChoiceTextEn);

/** After an eligibility answer that allows booking: go on to book? (the next task, like 「ほかにご用件は」). */
export const offerToBook = (): Say =>
  said('anything-else', say('このまま予約しますか?', '続けて予約する場合は1、しない場合は2を押してください。', YES_NO), { text: 'Would you like to make a reservation now?', choices: YES_NO_EN });

export const anythingElse = (voice: boolean): Say =>
  voice
    ? said(
        'anything-else',
        // A yes/no question like every other on the line (1 = はい, 2 = いいえ): 2 ends the call.
        say('ほかにご用件はありますか?', 'ほかにご用件があれば1、なければ2、ご案内は3を押してください。'),
        'Is there anything else I can help with?',
      )
    : said(
        'anything-else',
        say('ほかにご用件はありますか?', undefined, [
          { label: '予約する' },
          { label: '予約の確認・変更・キャンセル' },
          { label: '持ち物' },
          { label: '手数料' },
        ]),
        { text: 'Is there anything else I can help with?', choices: ['Book an appointment', 'Check/change/cancel', 'What to bring', 'What it costs'] },
      );

export const stopped = (): Say => said('stopped', say('手続きを中止しました。', '手続きを中止しました。'), 'All right, I have stopped here.');

/** R17/R21b, asked before the legal representative's documents. */
export const askMinorOrWard = (): Say =>
  said(
    'clarifies',
    say('カードをお持ちのかたは、どちらですか?', 'カードをお持ちのかたが、15歳未満なら1、成年被後見人なら2を押してください。', [
      { label: '15歳未満', digit: '1' },
      { label: '成年被後見人', digit: '2' },
    ]),
    { text: 'Which applies to the card holder?', choices: ['Under 15', 'Under guardianship'] },
  );
