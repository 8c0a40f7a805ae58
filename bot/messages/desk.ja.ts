// Words shared by the information messages (Japanese): the window's name and hours as the
// city's page writes them (R1, R3, R25), the desk phone read aloud, and dates in the Japanese
// era the page uses for its deadlines (令和7年12月2日).
import { parts, type CivilDate } from '../../domain/civil.js';
import { defaultOfficeConfig } from '../../domain/office-config.js';

/** R1: the only window that takes reservations. */
export const DESK_PLACE = '箕面市役所 本館1階 戸籍住民異動室 102番窓口';
export const DESK_PLACE_SPEECH = 'みのお市役所、本館1階の、戸籍住民異動室、102番窓口';

/** The window in English (web and LINE). */
export const DESK_PLACE_EN = 'Window 102, Resident Registration Section, 1st floor, Main Building, Minoh City Hall';

/** R25: when people answer the reservation line; the page states it, so it is no setting. */
export const PHONE_HOURS = '平日9時〜17時';
export const PHONE_HOURS_SPEECH = '平日の、午前9時から午後5時まで';
export const PHONE_HOURS_EN = 'weekdays 9:00–17:00';

/**
 * The configured desk phone's default, for messages whose callers do not pass the office's
 * number yet; callers that have the configuration should pass `config.deskPhone`.
 */
export const DEFAULT_DESK_PHONE = defaultOfficeConfig().deskPhone;

/** 「予約専用電話 072-724-6920(平日9時〜17時)」 on screen. */
export const deskPhoneText = (deskPhone: string): string => `予約専用電話 ${deskPhone}(${PHONE_HOURS})`;

/** "the reservation line, 072-724-6920 (weekdays 9:00–17:00)" in English. */
export const deskPhoneTextEn = (deskPhone: string): string => `the reservation line, ${deskPhone} (${PHONE_HOURS_EN})`;

/**
 * 072-724-6920 → 「0 7 2、7 2 4、6 9 2 0」: digit by digit as a phone number is read (a voice
 * reads 「724」 as ななひゃくにじゅうよん), a pause between the groups, nothing it would spell.
 */
export function phoneNumberSpeech(phone: string): string {
  const domestic = phone.replace(/^\+81-?/, '0');
  return domestic
    .split(/[^0-9]+/)
    .filter(Boolean)
    .map((group) => [...group].join(' '))
    .join('、');
}

/** 「予約専用電話、072、724、6920」 on the line. */
export const deskPhoneSpeech = (deskPhone: string): string => `予約専用電話、${phoneNumberSpeech(deskPhone)}`;

/**
 * Where to ask what an answer cannot settle (R25): the reservation line and its hours on screen;
 * on the line itself, a person the caller can be put through to.
 */
export const askTheDesk = (deskPhone: string, voice: boolean): { text: string; speak: string; en: string } =>
  voice
    ? {
        text: '詳しくは、担当者におたずねください。「担当者」とお話しいただくと、おつなぎします。',
        speak: '詳しくは担当者、とお話しください。',
        en: 'For details, please ask a member of staff: say “staff” and I will put you through.',
      }
    : {
        text: `詳しくは、${deskPhoneText(deskPhone)}におたずねください。`,
        speak: `詳しくは、${deskPhoneSpeech(deskPhone)}に、${PHONE_HOURS_SPEECH}の間に、おたずねください。`,
        en: `For details, please call ${deskPhoneTextEn(deskPhone)}.`,
      };

// Era starts: the page dates its rules in 令和 and 平成.
const ERAS = [
  { name: '令和', from: '2019-05-01', firstYear: 2019 },
  { name: '平成', from: '1989-01-08', firstYear: 1989 },
] as const;

/** 2025-12-02 → 「令和7年12月2日」; the first year of an era is 元年. */
export function eraDateText(date: CivilDate): string {
  const { year, month, day } = parts(date);
  const era = ERAS.find((e) => date >= e.from);
  if (!era) return `${year}年${month}月${day}日`;
  const n = year - era.firstYear + 1;
  return `${era.name}${n === 1 ? '元' : n}年${month}月${day}日`;
}
