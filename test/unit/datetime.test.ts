// Dates and times as a patient clerk hears them (bot/understanding/CONVENTIONS.md).
import { describe, expect, it } from 'vitest';
import { readDateTime } from '../../bot/understanding/datetime.js';
import { normalize } from '../../bot/understanding/normalize.js';

const WED = new Date('2026-11-25T10:00:00+09:00'); // Wednesday
const read = (text: string, now = WED) => readDateTime(normalize(text), now);

describe('dates', () => {
  it.each([
    ['今日', '2026-11-25'],
    ['明日', '2026-11-26'],
    ['あさって', '2026-11-27'],
    ['しあさって', '2026-11-28'],
    ['3日後', '2026-11-28'],
    ['一週間後', '2026-12-02'],
    ['2週間後の月曜', '2026-12-09'],
    ['水曜日 (said on a Wednesday: next week’s)', '2026-12-02'],
    ['金曜', '2026-11-27'],
    ['今週の月曜', '2026-11-23'],
    ['来週の火曜日', '2026-12-01'],
    ['再来週の金曜日', '2026-12-11'],
    ['次の土曜', '2026-11-28'],
    ['来月5日', '2026-12-05'],
    ['月末', '2026-11-30'],
    ['来月末', '2026-12-31'],
    ['12月3日', '2026-12-03'],
    ['1月5日 (rolls into next year)', '2027-01-05'],
    ['11月25日 (today)', '2026-11-25'],
    ['11月24日 (passed: next year)', '2027-11-24'],
    ['12/3(木)', '2026-12-03'],
    ['3日 (the next 3rd)', '2026-12-03'],
    ['30日', '2026-11-30'],
    ['令和8年12月14日', '2026-12-14'],
    ['R8.12.14', '2026-12-14'],
    ['2027年1月8日', '2027-01-08'],
    ['十二月十日', '2026-12-10'],
    ['にじゅうよっか', '2026-12-24'],
    ['12月3日じゃなくて4日', '2026-12-04'],
    ['2月30日 (no such day)', null],
    ['一日中いつでも', null],
  ])('%s → %s', (text, date) => {
    expect(read(text.replace(/ \(.*\)$/, '')).date).toBe(date);
  });
});

describe('times and periods', () => {
  it.each([
    ['10時', '10:00', null],
    ['10時半', '10:30', null],
    ['10時15分', '10:15', null],
    ['10:30', '10:30', null],
    ['午前10時', '10:00', null],
    ['午後2時', '14:00', null],
    ['14時', '14:00', null],
    ['2時 (office hours: afternoon)', '14:00', null],
    ['9時 (office hours: morning)', '09:00', null],
    ['12時', '12:00', null],
    ['正午', '12:00', null],
    ['朝一番', '09:00', null],
    ['午後いち', '13:00', null],
    ['3時過ぎ', '15:00', null],
    ['10時ごろ', '10:00', null],
    ['10時から11時', null, ['10:00', '11:00']],
    ['10時〜12時', null, ['10:00', '12:00']],
    ['10-11時', null, ['10:00', '11:00']],
    ['2時か3時 (either: both windows offered, to the end of the 3 o’clock one; R10 windows are 30 min)', null, ['14:00', '15:30']],
    ['10時または11時', null, ['10:00', '11:30']],
    ['10時半か、11時', null, ['10:30', '11:30']],
    ['14時以降', null, ['14:00', '17:00']],
    ['11時までに', null, ['09:00', '11:00']],
    ['午前中', null, ['09:00', '12:00']],
    ['午後', null, ['12:00', '17:00']],
    ['夕方', null, ['15:00', '17:00']],
    ['昼過ぎ', null, ['12:00', '15:00']],
    ['お昼', null, ['11:00', '14:00']],
    ['朝', null, ['09:00', '11:00']],
    ['2時間くらいかかりますか', null, null],
  ])('%s', (text, time, range) => {
    const r = read(text.replace(/ \(.*\)$/, ''));
    expect(r.time).toBe(time);
    expect(r.timeRange).toEqual(range);
  });

  it('reads a date and a time together, in speech and in chat', () => {
    expect(read('えーと 12月3日の10時半でお願いします')).toMatchObject({ date: '2026-12-03', time: '10:30' });
    expect(read('らいしゅうのかようびのごごさんじ')).toMatchObject({ date: '2026-12-01', time: '15:00' });
    expect(read('１２／３（木）１４：００')).toMatchObject({ date: '2026-12-03', time: '14:00' });
  });
});

describe('birthdays are not booking dates', () => {
  it.each([
    ['誕生日は5月3日です', '05-03', null],
    ['昭和55年5月3日生まれ', '05-03', null],
    ['S55.5.3', '05-03', null],
    ['生年月日は1980年5月3日', '05-03', null],
    ['誕生日は0503', '05-03', null],
    ['5月3日生まれで、予約は12月3日の10時', '05-03', '2026-12-03'],
    ['平成元年1月8日', '01-08', null],
  ])('%s', (text, birthday, date) => {
    const r = read(text);
    expect(r.birthday).toBe(birthday);
    expect(r.date).toBe(date);
  });
});
