// The office (R1–R3, R22–R25), in Japanese with English for web and LINE: where and when window 102 is open, the branches,
// coming without a reservation, crowding, being late, how long it takes and that it is done at
// a window. Each sentence is written once: the overview (officeInfo) and the answer to one
// question (officeTopicAnswer) pick from the same phrases.
import type { ClosedReason, DayStatus } from '../../domain/calendar.js';
import { parts, weekday, type CivilDate } from '../../domain/civil.js';
import { dateSpeech, dateText, dateTextEn, monthDaySpeech } from '../format.js';
import { DESK_PLACE, DESK_PLACE_EN, DESK_PLACE_SPEECH, deskPhoneSpeech, deskPhoneText, deskPhoneTextEn, PHONE_HOURS, PHONE_HOURS_EN, PHONE_HOURS_SPEECH } from './desk.ja.js';
import { as, say, withEnglish, type Say } from './say.js';

/** A sentence on screen, the same idea for the voice, and in English (web and LINE). */
interface Phrase {
  text: string;
  speak: string;
  en: string;
}

const same = (text: string, en: string): Phrase => ({ text, speak: text, en });

/** An answer about the office, in both languages. */
const answersOffice = (s: Say, en: string): Say => as('answers-office', withEnglish(s, en));

/** R1–R3, R22–R25 and the page's notes on the window, one sentence each. */
export const OFFICE = {
  hours: { text: '受付時間は、午前9時〜午後5時です。', speak: '受付は、午前9時から午後5時までです。', en: 'The window is open 9:00–17:00.' },
  days: {
    text: '開庁日は、月曜日〜金曜日と、第2・第4土曜日です(3月・4月は毎週土曜日)。',
    // The phone: the next open Saturdays follow (every one in March and April).
    speak: '平日と、第2、第4土曜日に開いています。',
    en: 'It is open Monday to Friday and on the 2nd and 4th Saturday of the month (every Saturday in March and April).',
  },
  closed: { text: '日曜日・祝日・年末年始(12月29日〜1月3日)はお休みです。', speak: '日曜日、祝日、年末年始はお休みです。', en: 'It is closed on Sundays, national holidays and over the New Year (Dec 29 – Jan 3).' },
  priority: {
    text: 'ご予約のかたが優先です。予約がなくても、空きがあればお手続きできます。',
    speak: '予約がなくても、空きがあれば手続きできます。予約のかたが優先です。',
    en: 'People with a reservation are served first. Without one, you can still be served when there is room.',
  },
  mayNotBeServed: {
    text: '混み具合によっては、長くお待ちいただいたり、その日にお手続きできなかったりすることがあります。',
    speak: '混んでいると、その日にできないこともあります。',
    en: 'When it is busy, you may have a long wait or may not be served that day.',
  },
  busiest: { text: '特に混み合うのは、週明けや連休明けの初日と、土曜日です。', speak: '週明けや連休明けと、土曜日は混み合います。', en: 'It is busiest on the first day after a weekend or holidays, and on Saturdays.' },
  reservedMayWait: {
    text: 'ご予約いただいていても、前後の受付状況により、しばらくお待ちいただく場合があります。お時間に余裕をもってお越しください。',
    speak: '予約していても、お待ちいただくことがあります。',
    en: 'Even with a reservation you may have to wait a little, depending on the people before you. Please allow extra time.',
  },
  branches: {
    text: '豊川支所・止々呂美支所でも同じ手続きができますが、予約はできません(予約なしでお越しください。土日祝日・年末年始はお休みです)。',
    speak: 'とよかわと、とどろみの支所でも、手続きできます。予約はできません。',
    en: 'The Toyokawa and Todoromi branch offices do the same procedure but take no reservations: just come in (they are closed on weekends, holidays and over the New Year).',
  },
  branchesClosedWeekends: {
    text: '豊川支所・止々呂美支所は、土曜日・日曜日・祝日はお休みです。',
    speak: 'とよかわ支所と、とどろみ支所は、土曜日、日曜日、祝日はお休みです。',
    en: 'The Toyokawa and Todoromi branch offices are closed on Saturdays, Sundays and holidays.',
  },
  onlyMainBooks: { text: `ご予約ができるのは、${DESK_PLACE}だけです。`, speak: '予約は、本館の102番窓口だけです。', en: `Reservations are only for ${DESK_PLACE_EN}.` },
  window: { text: 'ご予約の時間帯(30分)の中でご案内します。', speak: '予約の30分の中で、ご案内します。', en: 'You will be served during your 30-minute slot.' },
  late: {
    text: '時間帯の始まりにいらっしゃらない場合は、ご案内が遅くなることがあります。',
    speak: '遅れると、ご案内が後になることがあります。',
    en: 'If you are not there when your slot starts, you may be served later.',
  },
  comeEarly: same('時間帯の始まりまでに、余裕をもってお越しください。', 'Please arrive in good time before your slot starts.'),
  noShow: same('予約した日にお手続きに来られなかった場合は、もう一度ご予約が必要です。', 'If you cannot come on the day you booked, you will need to book again.'),
  changeOrCancel: {
    text: '遅れそうなときや行けなくなったときは、「予約を変更したい」「予約をキャンセルしたい」とお伝えください(お電話で予約したかたは、予約専用電話で承ります)。',
    speak: '行けないときは、変更かキャンセルをお願いします。',
    en: 'If you will be late or cannot come, say “change my reservation” or “cancel my reservation” (if you booked by phone, please call the reservation line).',
  },
  sameDay: {
    text: 'ご本人(15歳未満のかたなどは法定代理人)のお手続きは、その日のうちに終わります。',
    speak: 'ご本人のお手続きは、その日のうちに終わります。',
    en: 'When the card holder (or the legal representative of someone under 15, etc.) comes, the procedure is finished the same day.',
  },
  proxyTakesDays: {
    text: '代理人のお手続きは、市からご本人あてに照会書兼回答書を郵送するため、日数がかかります。',
    speak: '代理のかたのお手続きは、市から照会書を郵送するため、日数がかかります。',
    en: 'A proxy’s procedure takes several days, because the city mails the inquiry and answer form to the card holder.',
  },
  atTheWindow: {
    text: '電子証明書の新規発行・更新は、マイナンバーカードに記録するため、窓口でのお手続きになります。郵送ではお手続きできません。',
    speak: 'カードに記録するため、窓口での手続きです。郵送ではできません。',
    en: 'Issuing or renewing electronic certificates means writing them onto the My Number card, so it is done at the window. It cannot be done by mail.',
  },
  checkIn: {
    text: '予約日当日の受付で、ご予約のときにお伝えいただいた「誕生日(月日)」と「予約時間」を確認します。',
    speak: '当日の受付で、誕生日と予約時間を確認します。',
    en: 'When you check in on the day, we confirm the birthday (month and day) you gave when booking, and your reservation time.',
  },
  birthdayMustMatch: {
    text: '誕生日に誤りがあると、ご予約の確認ができず、お待ちいただく場合があります。',
    speak: '誕生日が違うと、お待ちいただくことがあります。',
    en: 'If the birthday is wrong, we cannot confirm your reservation and you may have to wait.',
  },
  weeklyRelease: {
    text: '予約できる日は、原則、毎週金曜日に追加されます(祝日やメンテナンスで変わる場合があります)。',
    speak: '毎週金曜日に、予約できる日が増えます。',
    en: 'New dates are usually added every Friday (this can change around holidays or maintenance).',
  },
  proxyInstead: {
    text: 'ご本人が来られない場合は、代理人によるお手続きができます。代理人のご予約は、必要書類をご案内するため、お電話で承ります。',
    speak: '来られないときは、代理のかたでもできます。',
    en: 'If the card holder cannot come, a proxy can do the procedure. A proxy’s reservation is made by phone, so that staff can explain the documents.',
  },
} satisfies Record<string, Phrase>;

export const officeInfo = (deskPhone: string, voice: boolean): Say => {
  const text = [
    `申請窓口:${DESK_PLACE}`,
    ...[OFFICE.hours, OFFICE.days, OFFICE.closed, OFFICE.priority, OFFICE.busiest].map((p) => `・${p.text}`),
    OFFICE.branches.text,
    `ご予約のお電話:${deskPhoneText(deskPhone)}。ほかの電話番号(市役所の代表電話など)では、予約を受け付けできません。`,
  ].join('\n');
  // The phone: where and when, in two sentences (a caller is already on the reservation line).
  const speak = voice
    ? '窓口は、市役所本館1階の102番窓口です。平日と、第2、第4土曜日の、9時から17時です。'
    : [
        `窓口は、${DESK_PLACE_SPEECH}です。`,
        ...[OFFICE.hours, OFFICE.days, OFFICE.closed, OFFICE.priority, OFFICE.busiest].map((p) => p.speak),
        'とよかわ支所と、とどろみ支所でも手続きできますが、予約はできません。',
        `ご予約のお電話は、${deskPhoneSpeech(deskPhone)}です。ほかの電話番号では、予約を受け付けできません。`,
      ].join('');
  const en = [
    `Where to apply: ${DESK_PLACE_EN}`,
    ...[OFFICE.hours, OFFICE.days, OFFICE.closed, OFFICE.priority, OFFICE.busiest].map((p) => `• ${p.en}`),
    OFFICE.branches.en,
    `Reservations by phone: ${deskPhoneTextEn(deskPhone)}. Other numbers (such as the City Hall switchboard) cannot take reservations.`,
  ].join('\n');
  return answersOffice(say(text, speak), en);
};

/** R24: the chosen date is one of the busiest (after a weekend or holiday, or a Saturday). */
export const crowdedNote = (date: CivilDate): Say => {
  const why = weekday(date) === 6 ? '土曜日' : '休み明けの初日';
  const whyEn = weekday(date) === 6 ? 'a Saturday' : 'the first day after a weekend or holiday';
  return answersOffice(
    say(
      `${dateText(date)}は${why}のため、混み合いやすい日です。お時間に余裕をもってお越しください。`,
      // The phone says it after the window, whose day was just said.
      `${why}は混み合います。早めにお越しください。`,
    ),
    `${dateTextEn(date)} is ${whyEn}, so it tends to be busy. Please allow extra time.`,
  );
};

// ── one question, one answer ──────────────────────────────────────────────────────────

export type OfficeTopic =
  | 'branches' | 'open-days' | 'hours' | 'walk-in' | 'crowding' | 'late' | 'duration' | 'by-mail' | 'check-in' | 'release' | 'phone-booking';

export interface OfficeContext {
  deskPhone: string;
  voice: boolean;
  /** The next open Saturdays (R2), for 「土曜日もやってますか」. */
  openSaturdays?: CivilDate[];
  /** A day asked about (「12月29日はやってますか」) and whether window 102 is open on it (R2). */
  askedDay?: { date: CivilDate; status: DayStatus };
  /** R6: the last date bookable now. */
  releasedThrough?: CivilDate;
  /** R7: web and LINE book up to this many business days before the date. */
  leadBusinessDays?: number;
}

const CLOSED_BECAUSE = (c: ClosedReason, date: CivilDate): string => {
  switch (c.kind) {
    case 'sunday':
      return '日曜日';
    case 'saturday':
      return `第${Math.ceil(parts(date).day / 7)}土曜日`;
    case 'holiday':
      return `祝日(${c.name})`;
    case 'year-end':
      return '年末年始';
    case 'closure':
      return c.reason ? `臨時のお休み(${c.reason})` : '臨時のお休み';
  }
};

const ORDINALS_EN = ['1st', '2nd', '3rd', '4th', '5th'];
const CLOSED_BECAUSE_EN = (c: ClosedReason, date: CivilDate): string => {
  switch (c.kind) {
    case 'sunday':
      return 'a Sunday';
    case 'saturday':
      return `the ${ORDINALS_EN[Math.ceil(parts(date).day / 7) - 1]} Saturday of the month`;
    case 'holiday':
      return 'a national holiday';
    case 'year-end':
      return 'the New Year holidays';
    case 'closure':
      return 'a temporary closure';
  }
};

/** R2: whether the day asked about is open, and why not. */
const askedDayPhrase = (d: NonNullable<OfficeContext['askedDay']>): Phrase => {
  if (d.status.open) return { text: `${dateText(d.date)}は、開いています。`, speak: `${dateSpeech(d.date)}は、開いています。`, en: `The window is open on ${dateTextEn(d.date)}.` };
  const why = CLOSED_BECAUSE(d.status.closed, d.date);
  const spokenWhy = why.replace(/[()]/g, '、');
  return {
    text: `${dateText(d.date)}は、${why}のためお休みです。`,
    speak: `${dateSpeech(d.date)}は、${spokenWhy}のため、お休みです。`.replace('、のため', 'のため'),
    en: `The window is closed on ${dateTextEn(d.date)} (${CLOSED_BECAUSE_EN(d.status.closed, d.date)}).`,
  };
};

/** R25: the reservation line and its hours (said on screen: a caller is already on it). */
const phoneHours = (deskPhone: string): Phrase => ({
  text: `予約専用電話(${deskPhone})の受付は、${PHONE_HOURS}です(祝日・年末年始を除く)。`,
  speak: `${deskPhoneSpeech(deskPhone)}の受付は、${PHONE_HOURS_SPEECH}です。`,
  en: `The reservation line (${deskPhone}) answers ${PHONE_HOURS_EN}, except holidays and over the New Year.`,
});

/** 「12月12日と、26日」: the month said once. */
const monthDaysSpeech = (dates: CivilDate[]): string =>
  dates.map((d, i) => (i > 0 && parts(dates[i - 1]!).month === parts(d).month ? `${parts(d).day}日` : monthDaySpeech(d))).join('と、');

const nextSaturdays = (dates: CivilDate[] | undefined): Phrase[] =>
  dates?.length
    ? [
        {
          text: `次に開いている土曜日は、${dates.map(dateText).join('と')}です。`,
          speak: `次は、${monthDaysSpeech(dates)}です。`,
          en: `The next Saturdays it is open: ${dates.map(dateTextEn).join(' and ')}.`,
        },
      ]
    : [];

/**
 * The answer to one question about the office: what answers it first (all of it on screen, the
 * first sentences on the phone — or what the phone says instead), then where to go from there.
 */
export function officeTopicAnswer(topic: OfficeTopic, c: OfficeContext): Say {
  const { phrases, spoken } = ((): { phrases: Phrase[]; spoken: number | Phrase[] } => {
    switch (topic) {
      case 'branches':
        return { phrases: [OFFICE.branches, OFFICE.onlyMainBooks], spoken: 2 };
      case 'open-days': {
        const day = c.askedDay ? [askedDayPhrase(c.askedDay)] : [];
        const saturdays = day.length ? [] : nextSaturdays(c.openSaturdays);
        // The window opens on some Saturdays; the branches and the reservation line never do.
        const rest = [OFFICE.closed, OFFICE.hours, OFFICE.busiest, OFFICE.branchesClosedWeekends, ...(c.voice ? [] : [phoneHours(c.deskPhone)])];
        return { phrases: [...day, OFFICE.days, ...saturdays, ...rest], spoken: day.length ? 1 : 1 + saturdays.length };
      }
      case 'hours': {
        const day = c.askedDay ? [askedDayPhrase(c.askedDay)] : [];
        return { phrases: [...day, OFFICE.hours, OFFICE.days, OFFICE.closed, ...(c.voice ? [] : [phoneHours(c.deskPhone)])], spoken: day.length + 1 };
      }
      case 'walk-in':
        return { phrases: [OFFICE.priority, OFFICE.mayNotBeServed, OFFICE.busiest, OFFICE.branches], spoken: 2 };
      case 'crowding':
        return { phrases: [OFFICE.busiest, OFFICE.reservedMayWait, OFFICE.priority], spoken: 2 };
      case 'late':
        // The phone: the slot, late, missed and early in two sentences (for 「遅れたら」 and 「何分前に」 alike).
        return {
          phrases: [OFFICE.window, OFFICE.late, OFFICE.comeEarly, OFFICE.noShow, OFFICE.changeOrCancel],
          spoken: [{ ...OFFICE.window, speak: '予約の30分の中でご案内します。遅れると後になり、来られないと予約し直しです。早めにお越しください。' }],
        };
      case 'duration':
        return { phrases: [OFFICE.sameDay, OFFICE.window, OFFICE.reservedMayWait, OFFICE.proxyTakesDays], spoken: 2 };
      case 'check-in':
        return { phrases: [OFFICE.checkIn, OFFICE.birthdayMustMatch, OFFICE.window, OFFICE.late], spoken: 2 };
      case 'release': {
        const through: Phrase[] = c.releasedThrough
          ? [
              {
                text: `現在は、${dateText(c.releasedThrough)}までの日をご予約いただけます。`,
                speak: `いまは${monthDaySpeech(c.releasedThrough)}までです。`,
                en: `At the moment you can book dates up to ${dateTextEn(c.releasedThrough)}.`,
              },
            ]
          : [];
        const lead = c.leadBusinessDays ?? 2;
        // R7: web and LINE up to the lead days before; the phone line any free window.
        const near: Phrase = c.voice
          ? {
              text: 'このお電話では、空いていれば、間近の日の時間帯もお取りできます。',
              speak: 'このお電話なら、近い日も取れます。',
              en: 'On this line you can also book a slot in the next few days, if one is free.',
            }
          : {
              text: `インターネット(チャット・LINE)では、ご希望日の${lead}営業日前までにご予約ください。それより近い日も、空きがあれば${deskPhoneText(c.deskPhone)}でお受けします。`,
              speak: `インターネットでは、ご希望日の${lead}営業日前までに、ご予約ください。それより近い日も、空きがあれば、${deskPhoneSpeech(c.deskPhone)}で、お受けします。`,
              en: `In the chat and on LINE, please book at least ${lead} business days ahead. For a sooner date, if a slot is free, please call ${deskPhoneTextEn(c.deskPhone)}.`,
            };
        return { phrases: [OFFICE.weeklyRelease, ...through, near], spoken: 3 };
      }
      case 'phone-booking':
        return c.voice
          ? { phrases: [same('このお電話で、ご予約できます。予約したい、とお話しいただくか、1を押してください。', 'You can book on this line: say you want to book, or press 1.')], spoken: 1 }
          : {
              phrases: [
                {
                  text: `お電話でもご予約できます。${deskPhoneText(c.deskPhone)}。ほかの電話番号(市役所の代表電話など)では、予約を受け付けできません。`,
                  speak: `お電話でもご予約できます。${deskPhoneSpeech(c.deskPhone)}です。ほかの電話番号では、予約を受け付けできません。`,
                  en: `You can also book by phone: ${deskPhoneTextEn(c.deskPhone)}. Other numbers (such as the City Hall switchboard) cannot take reservations.`,
                },
                {
                  text: 'お電話では、誕生日(月日)と電話番号をお伺いします。このチャットでも、「予約したい」とお伝えいただければご予約できます。',
                  speak: 'お電話では、誕生日と電話番号をお伺いします。このチャットでも、ご予約できます。',
                  en: 'By phone we ask for the birthday (month and day) and a phone number. You can also book right here: just say “I want to book”.',
                },
              ],
              spoken: 2,
            };
      case 'by-mail':
        return {
          phrases: [
            OFFICE.atTheWindow,
            OFFICE.proxyInstead,
            ...(c.voice
              ? []
              : [{ text: `代理人のご予約:${deskPhoneText(c.deskPhone)}`, speak: `代理のかたのご予約は、${deskPhoneSpeech(c.deskPhone)}です。`, en: `Reservations for a proxy: ${deskPhoneTextEn(c.deskPhone)}` }]),
          ],
          spoken: 2,
        };
    }
  })();
  const said = !c.voice ? phrases : typeof spoken === 'number' ? phrases.slice(0, spoken) : spoken;
  return answersOffice(say(phrases.map((p) => p.text).join('\n'), said.map((p) => p.speak).join('')), phrases.map((p) => p.en).join('\n'));
}

const OFFICE_TOPICS: readonly string[] = ['branches', 'open-days', 'hours', 'walk-in', 'crowding', 'late', 'duration', 'by-mail', 'check-in', 'release', 'phone-booking'];
export const isOfficeTopic = (t: string | undefined): t is OfficeTopic => t !== undefined && OFFICE_TOPICS.includes(t);
