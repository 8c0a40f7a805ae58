// The kinds of date and time a citizen says beyond 12月3日の10時 (CONVENTIONS.md): named days,
// the nth weekday of a month, 今夜/今朝, day-parts, 「分前」, 4.22, months counted from now,
// weekday notes, traditional month names, and the same in Twilio's spoken kana.
import { describe, expect, it } from 'vitest';
import { readDateTime } from '../../bot/understanding/datetime.js';
import { normalize } from '../../bot/understanding/normalize.js';

const WED = new Date('2026-11-25T10:00:00+09:00'); // Wednesday
const read = (text: string, now = WED) => readDateTime(normalize(text), now);

describe('holidays and named days: the next one, or the one in the year said', () => {
  it.each([
    ['元日は窓口開いてますか', '2027-01-01'],
    ['元旦に行けますか', '2027-01-01'],
    ['成人の日ってやってますか', '2027-01-11'], // 2nd Monday of January
    ['建国記念日は休みですか', '2027-02-11'],
    ['天皇誕生日は休みですか', '2027-02-23'],
    ['春分の日', '2027-03-21'],
    ['ゴールデンウィークの昭和の日', '2027-04-29'],
    ['憲法記念日', '2027-05-03'],
    ['みどりの日', '2027-05-04'],
    ['子どもの日に子供と一緒に行きます', '2027-05-05'],
    ['海の日', '2027-07-19'], // 3rd Monday of July
    ['山の日', '2027-08-11'],
    ['敬老の日に母を連れて行きたい', '2027-09-20'],
    ['秋分の日', '2027-09-23'],
    ['体育の日 (now スポーツの日)', '2027-10-11'],
    ['勤労感謝の日 (passed two days ago: next year)', '2027-11-23'],
    ['大晦日はやってないですよね', '2026-12-31'],
    ['クリスマスに行きます', '2026-12-25'],
    ['来年の元旦', '2027-01-01'],
    ['2028年の海の日', '2028-07-17'],
    ['令和10年のこどもの日', '2028-05-05'],
    ['母の日', '2027-05-09'],
    ['年明けすぐがいいです (the first day the office opens after 12/29–1/3)', '2027-01-04'],
    ['年明けの1月7日でお願いします (the precise date wins)', '2027-01-07'],
  ])('%s → %s', (text, date) => {
    expect(read(text.replace(/ \(.*\)$/, '')).date).toBe(date);
  });

  it('reads 文化の日 said in October as this year’s', () => {
    expect(read('文化の日は開いてますか', new Date('2026-10-20T09:00:00+09:00')).date).toBe('2026-11-03');
  });
});

describe('the nth weekday of a month', () => {
  it.each([
    ['1月の第2土曜日 (said in November: next January)', '2027-01-09'],
    ['第2土曜日は開いてますか (this month’s has passed)', '2026-12-12'],
    ['来月の第4土曜', '2026-12-26'],
    ['今月の最後の金曜日', '2026-11-27'],
    ['3月の第1月曜', '2027-03-01'],
    ['来月の最初の月曜日の午前中', '2026-12-07'],
    ['いちがつのだいにどようび (spoken)', '2027-01-09'],
  ])('%s → %s', (text, date) => {
    expect(read(text.replace(/ \(.*\)$/, '')).date).toBe(date);
  });
});

describe('今夜, 今朝 and the parts of the day', () => {
  it.each([
    ['今夜7時に電話ください', '2026-11-25', '19:00'],
    ['今晩8時ごろ', '2026-11-25', '20:00'],
    ['今朝8時に電話したんですが', '2026-11-25', '08:00'],
    ['今朝5時に起きました (朝: not the afternoon)', '2026-11-25', '05:00'],
    ['こんやのはちじ', '2026-11-25', '20:00'],
    ['今夜は空いてますか', '2026-11-25', null],
    ['夜9:30に折り返してください', null, '21:30'],
    ['深夜2時に目が覚めた', null, '02:00'],
    ['夜中の1時', null, '01:00'],
    ['夕方5時', null, '17:00'],
    ['3:20 pm', null, '15:20'],
    ['11am', null, '11:00'],
    ['午後3時20分', null, '15:20'],
  ])('%s', (text, date, time) => {
    const r = read(text.replace(/ \(.*\)$/, ''));
    expect(r.date).toBe(date);
    expect(r.time).toBe(time);
  });

  it('never reads the greeting こんばんは as tonight', () => {
    expect(read('こんばんは 予約したいです').date).toBeNull();
  });
});

describe('minutes before the hour, and 「前」', () => {
  it.each([
    ['10時5分前に着きます', '09:55', null],
    ['9時15分前', '08:45', null],
    ['10時前がいいです', null, ['09:00', '10:00']],
    ['10時前後', '10:00', null],
    ['5時から7時まで仕事です (a bare end hour stays on the side of noon of the start)', null, ['17:00', '19:00']],
  ])('%s', (text, time, range) => {
    const r = read(text.replace(/ \(.*\)$/, ''));
    expect(r.time).toBe(time);
    expect(r.timeRange).toEqual(range);
  });
});

describe('dates written with a dot or a hyphen, and months counted from now', () => {
  it.each([
    ['12.3でお願いします', '2026-12-03'],
    ['12-3の10時', '2026-12-03'],
    ['3-4人で行きます (people, not a date)', null],
    ['料金は1.5倍ですか', null],
    ['次の月の20日', '2026-12-20'],
    ['翌月の5日', '2026-12-05'],
    ['2か月後の7日', '2027-01-07'],
    ['今日から3日後', '2026-11-28'],
    ['明日から2日後', '2026-11-28'],
    ['2つ先の土曜日', '2026-12-05'],
    ['次の次の月曜', '2026-12-07'],
    ['来年の3月1日', '2027-03-01'],
    ['今年の11月3日 (this year’s, though passed)', '2026-11-03'],
    ['2027年の1月5日', '2027-01-05'],
  ])('%s → %s', (text, date) => {
    expect(read(text.replace(/ \(.*\)$/, '')).date).toBe(date);
  });
});

describe('a weekday that describes a date does not replace it', () => {
  it.each([
    ['12月3日の月曜日 (3 December is a Thursday: the date wins)', '2026-12-03'],
    ['2026年12月3日 月曜日', '2026-12-03'],
    ['土で (a one-word answer)', '2026-11-28'],
    ['(金)', '2026-11-27'],
  ])('%s → %s', (text, date) => {
    expect(read(text.replace(/ \(.*\)$/, '')).date).toBe(date);
  });
});

describe('years: a date with a year within 20 years is a date, beyond that a birth date', () => {
  it.each([
    ['有効期限が2025年3月1日で切れました', '2025-03-01', null],
    ['2010年1月29日', '2010-01-29', null],
    ['1990年1月29日', null, '01-29'],
  ])('%s', (text, date, birthday) => {
    const r = read(text);
    expect(r.date).toBe(date);
    expect(r.birthday).toBe(birthday);
  });
});

describe('traditional month names and old numerals', () => {
  it.each([
    ['師走の10日', '2026-12-10'],
    ['弥生3日', '2027-03-03'],
    ['壱月拾日', '2027-01-10'],
  ])('%s → %s', (text, date) => {
    expect(read(text).date).toBe(date);
  });

  it('leaves a name that is also a month name alone', () => {
    expect(read('弥生さんと一緒に行きます').date).toBeNull();
  });
});

describe('spoken kana as the phone line’s speech-to-text prints it', () => {
  it.each([
    ['じゅうにがつにじゅういちにち', { date: '2026-12-21' }],
    ['じゅういちがつにじゅうさんにち', { date: '2027-11-23' }],
    ['たんじょうびは じゅういちがつにじゅうさんにちです', { birthday: '11-23', date: null }],
    ['たんじょうびは しょうわごじゅうごねん ごがつみっか', { birthday: '05-03' }],
    ['ごぜんじゅうじはん', { time: '10:30' }],
    ['じゅうにがつようかの ごぜんちゅう', { date: '2026-12-08', timeRange: ['09:00', '12:00'] }],
    ['みょうにちのじゅうじ', { date: '2026-11-26', time: '10:00' }],
    ['けさでんわしたんですが', { date: '2026-11-25', timeRange: null }],
  ])('%s', (text, expected) => {
    expect(read(text)).toMatchObject(expected);
  });
});
