// The office (R1–R3, R22–R25), in Japanese: where and when window 102 is open, the branches,
// coming without a reservation, crowding, being late, how long it takes and that it is done at
// a window. Each sentence is written once: the overview (officeInfo) and the answer to one
// question (officeTopicAnswer) pick from the same phrases.
import type { ClosedReason, DayStatus } from '../../domain/calendar.js';
import { parts, weekday, type CivilDate } from '../../domain/civil.js';
import { dateSpeech, dateText } from '../format.js';
import { DESK_PLACE, DESK_PLACE_SPEECH, deskPhoneSpeech, deskPhoneText, PHONE_HOURS, PHONE_HOURS_SPEECH } from './desk.ja.js';
import { say, type Say } from './say.js';

/** A sentence on screen and the same idea for the voice. */
interface Phrase {
  text: string;
  speak: string;
}

const same = (text: string): Phrase => ({ text, speak: text });

/** R1–R3, R22–R25 and the page's notes on the window, one sentence each. */
export const OFFICE = {
  hours: { text: '受付時間は、午前9時〜午後5時です。', speak: '受付は、午前9時から午後5時までです。' },
  days: {
    text: '開庁日は、月曜日〜金曜日と、第2・第4土曜日です(3月・4月は毎週土曜日)。',
    speak: '月曜日から金曜日と、第2、第4土曜日に開いています。3月と4月は、毎週土曜日に開いています。',
  },
  closed: { text: '日曜日・祝日・年末年始(12月29日〜1月3日)はお休みです。', speak: '日曜日、祝日、年末年始はお休みです。' },
  priority: same('ご予約のかたが優先です。予約がなくても、空きがあればお手続きできます。'),
  mayNotBeServed: same('混み具合によっては、長くお待ちいただいたり、その日にお手続きできなかったりすることがあります。'),
  busiest: { text: '特に混み合うのは、週明けや連休明けの初日と、土曜日です。', speak: '週明けや連休明けの初日と、土曜日は、特に混み合います。' },
  reservedMayWait: same('ご予約いただいていても、前後の受付状況により、しばらくお待ちいただく場合があります。お時間に余裕をもってお越しください。'),
  branches: {
    text: '豊川支所・止々呂美支所でも同じ手続きができますが、予約はできません(予約なしでお越しください。土日祝日・年末年始はお休みです)。',
    speak: 'とよかわ支所と、とどろみ支所でも手続きできますが、予約はできません。予約なしでお越しください。土曜日、日曜日、祝日はお休みです。',
  },
  branchesClosedWeekends: {
    text: '豊川支所・止々呂美支所は、土曜日・日曜日・祝日はお休みです。',
    speak: 'とよかわ支所と、とどろみ支所は、土曜日、日曜日、祝日はお休みです。',
  },
  onlyMainBooks: { text: `ご予約ができるのは、${DESK_PLACE}だけです。`, speak: `ご予約ができるのは、${DESK_PLACE_SPEECH}だけです。` },
  window: { text: 'ご予約の時間帯(30分)の中でご案内します。', speak: 'ご予約の、30分の時間帯の中でご案内します。' },
  late: same('時間帯の始まりにいらっしゃらない場合は、ご案内が遅くなることがあります。'),
  comeEarly: same('時間帯の始まりまでに、余裕をもってお越しください。'),
  noShow: same('予約した日にお手続きに来られなかった場合は、もう一度ご予約が必要です。'),
  changeOrCancel: {
    text: '遅れそうなときや行けなくなったときは、「予約を変更したい」「予約をキャンセルしたい」とお伝えください(お電話で予約したかたは、予約専用電話で承ります)。',
    speak: '遅れそうなときや、行けなくなったときは、予約を変更したい、または、キャンセルしたい、とお伝えください。',
  },
  sameDay: {
    text: 'ご本人(15歳未満のかたなどは法定代理人)のお手続きは、その日のうちに終わります。',
    speak: 'ご本人のお手続きは、その日のうちに終わります。',
  },
  proxyTakesDays: {
    text: '代理人のお手続きは、市からご本人あてに照会書兼回答書を郵送するため、日数がかかります。',
    speak: '代理のかたのお手続きは、市から照会書を郵送するため、日数がかかります。',
  },
  atTheWindow: {
    text: '電子証明書の新規発行・更新は、マイナンバーカードに記録するため、窓口でのお手続きになります。郵送ではお手続きできません。',
    speak: '電子証明書の発行と更新は、カードに記録するため、窓口でのお手続きになります。郵送ではできません。',
  },
  checkIn: {
    text: '予約日当日の受付で、ご予約のときにお伝えいただいた「誕生日(月日)」と「予約時間」を確認します。',
    speak: '予約日当日の受付で、ご予約のときにお伝えいただいた、誕生日と、予約時間を確認します。',
  },
  birthdayMustMatch: same('誕生日に誤りがあると、ご予約の確認ができず、お待ちいただく場合があります。'),
  weeklyRelease: {
    text: '予約できる日は、原則、毎週金曜日に追加されます(祝日やメンテナンスで変わる場合があります)。',
    speak: '予約できる日は、原則、毎週金曜日に追加されます。',
  },
  proxyInstead: {
    text: 'ご本人が来られない場合は、代理人によるお手続きができます。代理人のご予約は、必要書類をご案内するため、お電話で承ります。',
    speak: 'ご本人が来られない場合は、代理のかたが手続きできます。',
  },
} satisfies Record<string, Phrase>;

export const officeInfo = (deskPhone: string, voice: boolean): Say => {
  const text = [
    `申請窓口:${DESK_PLACE}`,
    ...[OFFICE.hours, OFFICE.days, OFFICE.closed, OFFICE.priority, OFFICE.busiest].map((p) => `・${p.text}`),
    OFFICE.branches.text,
    `ご予約のお電話:${deskPhoneText(deskPhone)}。ほかの電話番号(市役所の代表電話など)では、予約を受け付けできません。`,
  ].join('\n');
  const speak = [
    `窓口は、${DESK_PLACE_SPEECH}です。`,
    ...[OFFICE.hours, OFFICE.days, OFFICE.closed, OFFICE.priority, OFFICE.busiest].map((p) => p.speak),
    'とよかわ支所と、とどろみ支所でも手続きできますが、予約はできません。',
    // A caller is already on the reservation line; others are told its number.
    ...(voice ? [] : [`ご予約のお電話は、${deskPhoneSpeech(deskPhone)}です。ほかの電話番号では、予約を受け付けできません。`]),
  ].join('');
  return say(text, speak);
};

/** R24: the chosen date is one of the busiest (after a weekend or holiday, or a Saturday). */
export const crowdedNote = (date: CivilDate): Say => {
  const why = weekday(date) === 6 ? '土曜日' : '休み明けの初日';
  return say(
    `${dateText(date)}は${why}のため、混み合いやすい日です。お時間に余裕をもってお越しください。`,
    `${dateSpeech(date)}は、${why}のため、混み合いやすい日です。お時間に余裕をもってお越しください。`,
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

/** R2: whether the day asked about is open, and why not. */
const askedDayPhrase = (d: NonNullable<OfficeContext['askedDay']>): Phrase => {
  if (d.status.open) return { text: `${dateText(d.date)}は、開いています。`, speak: `${dateSpeech(d.date)}は、開いています。` };
  const why = CLOSED_BECAUSE(d.status.closed, d.date);
  const spokenWhy = why.replace(/[()]/g, '、');
  return { text: `${dateText(d.date)}は、${why}のためお休みです。`, speak: `${dateSpeech(d.date)}は、${spokenWhy}のため、お休みです。`.replace('、のため', 'のため') };
};

/** R25: the reservation line and its hours (said on screen: a caller is already on it). */
const phoneHours = (deskPhone: string): Phrase => ({
  text: `予約専用電話(${deskPhone})の受付は、${PHONE_HOURS}です(祝日・年末年始を除く)。`,
  speak: `${deskPhoneSpeech(deskPhone)}の受付は、${PHONE_HOURS_SPEECH}です。`,
});

const nextSaturdays = (dates: CivilDate[] | undefined): Phrase[] =>
  dates?.length
    ? [{ text: `次に開いている土曜日は、${dates.map(dateText).join('と')}です。`, speak: `次に開いている土曜日は、${dates.map(dateSpeech).join('と、')}です。` }]
    : [];

/**
 * The answer to one question about the office: what answers it first (all of it on screen, the
 * first sentences on the phone), then where to go from there.
 */
export function officeTopicAnswer(topic: OfficeTopic, c: OfficeContext): Say {
  const { phrases, spoken } = ((): { phrases: Phrase[]; spoken: number } => {
    switch (topic) {
      case 'branches':
        return { phrases: [OFFICE.branches, OFFICE.onlyMainBooks], spoken: 2 };
      case 'open-days': {
        const day = c.askedDay ? [askedDayPhrase(c.askedDay)] : [];
        const saturdays = day.length ? [] : nextSaturdays(c.openSaturdays);
        // The window opens on some Saturdays; the branches and the reservation line never do.
        const rest = [OFFICE.closed, OFFICE.hours, OFFICE.busiest, OFFICE.branchesClosedWeekends, ...(c.voice ? [] : [phoneHours(c.deskPhone)])];
        return { phrases: [...day, OFFICE.days, ...saturdays, ...rest], spoken: day.length ? 1 : 2 + saturdays.length };
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
        return { phrases: [OFFICE.window, OFFICE.late, OFFICE.comeEarly, OFFICE.noShow, OFFICE.changeOrCancel], spoken: 5 };
      case 'duration':
        return { phrases: [OFFICE.sameDay, OFFICE.window, OFFICE.reservedMayWait, OFFICE.proxyTakesDays], spoken: 2 };
      case 'check-in':
        return { phrases: [OFFICE.checkIn, OFFICE.birthdayMustMatch, OFFICE.window, OFFICE.late], spoken: 2 };
      case 'release': {
        const through: Phrase[] = c.releasedThrough
          ? [{ text: `現在は、${dateText(c.releasedThrough)}までの日をご予約いただけます。`, speak: `現在は、${dateSpeech(c.releasedThrough)}までの日を、ご予約いただけます。` }]
          : [];
        const lead = c.leadBusinessDays ?? 2;
        // R7: web and LINE up to the lead days before; the phone line any free window.
        const near: Phrase = c.voice
          ? same('このお電話では、空いていれば、間近の日の時間帯もお取りできます。')
          : {
              text: `インターネット(チャット・LINE)では、ご希望日の${lead}営業日前までにご予約ください。それより近い日も、空きがあれば${deskPhoneText(c.deskPhone)}でお受けします。`,
              speak: `インターネットでは、ご希望日の${lead}営業日前までに、ご予約ください。それより近い日も、空きがあれば、${deskPhoneSpeech(c.deskPhone)}で、お受けします。`,
            };
        return { phrases: [OFFICE.weeklyRelease, ...through, near], spoken: 2 + through.length };
      }
      case 'phone-booking':
        return c.voice
          ? { phrases: [same('このお電話で、ご予約できます。予約したい、とお話しいただくか、1を押してください。')], spoken: 1 }
          : {
              phrases: [
                {
                  text: `お電話でもご予約できます。${deskPhoneText(c.deskPhone)}。ほかの電話番号(市役所の代表電話など)では、予約を受け付けできません。`,
                  speak: `お電話でもご予約できます。${deskPhoneSpeech(c.deskPhone)}です。ほかの電話番号では、予約を受け付けできません。`,
                },
                {
                  text: 'お電話では、誕生日(月日)と電話番号をお伺いします。このチャットでも、「予約したい」とお伝えいただければご予約できます。',
                  speak: 'お電話では、誕生日と電話番号をお伺いします。このチャットでも、ご予約できます。',
                },
              ],
              spoken: 2,
            };
      case 'by-mail':
        return {
          phrases: [
            OFFICE.atTheWindow,
            OFFICE.proxyInstead,
            ...(c.voice ? [] : [{ text: `代理人のご予約:${deskPhoneText(c.deskPhone)}`, speak: `代理のかたのご予約は、${deskPhoneSpeech(c.deskPhone)}です。` }]),
          ],
          spoken: 2,
        };
    }
  })();
  const said = c.voice ? phrases.slice(0, spoken) : phrases;
  return say(phrases.map((p) => p.text).join('\n'), said.map((p) => p.speak).join(''));
}

const OFFICE_TOPICS: readonly string[] = ['branches', 'open-days', 'hours', 'walk-in', 'crowding', 'late', 'duration', 'by-mail', 'check-in', 'release', 'phone-booking'];
export const isOfficeTopic = (t: string | undefined): t is OfficeTopic => t !== undefined && OFFICE_TOPICS.includes(t);
