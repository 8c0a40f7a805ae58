import { describe, it, expect } from 'vitest';
import {
  businessDaysBefore,
  dayStatus,
  isBusinessDay,
  isLikelyCrowded,
  isOpenDay,
  type ClosedReason,
} from '../../domain/calendar.js';
import { weekday } from '../../domain/civil.js';
import { defaultOfficeConfig, type OfficeConfig } from '../../domain/office-config.js';

const config = defaultOfficeConfig();

function withClosures(closures: OfficeConfig['closures']): OfficeConfig {
  return { ...defaultOfficeConfig(), closures };
}

// Weekdays of the dates used below, checked against the real calendar so a typo in a date
// cannot silently turn a "Monday" case into a Tuesday one.
describe('fixture dates fall on the weekdays the cases say', () => {
  const SUN = 0, MON = 1, TUE = 2, WED = 3, THU = 4, FRI = 5, SAT = 6;
  it.each([
    ['2026-11-07', SAT], ['2026-11-14', SAT], ['2026-11-21', SAT], ['2026-11-28', SAT],
    ['2026-08-29', SAT], ['2026-03-07', SAT], ['2026-03-21', SAT], ['2026-04-04', SAT], ['2026-04-18', SAT],
    ['2029-08-11', SAT], ['2028-04-29', SAT],
    ['2026-11-23', MON], ['2026-11-24', TUE], ['2026-11-25', WED], ['2026-11-29', SUN], ['2026-11-30', MON],
    ['2026-09-22', TUE], ['2026-05-06', WED], ['2027-03-22', MON],
    ['2026-12-28', MON], ['2026-12-29', TUE], ['2027-01-01', FRI], ['2027-01-03', SUN], ['2027-01-04', MON],
    ['2026-11-26', THU], ['2026-11-27', FRI],
  ] as const)('%s is weekday %i', (date, dow) => {
    expect(weekday(date)).toBe(dow);
  });
});

describe('dayStatus (R2)', () => {
  const open: { name: string; date: string }[] = [
    { name: 'R2: an ordinary Wednesday is open', date: '2026-11-25' },
    { name: 'R2: an ordinary Monday is open', date: '2026-11-30' },
    { name: 'R2: the 2nd Saturday of November is open', date: '2026-11-14' },
    { name: 'R2: the 4th Saturday of November is open', date: '2026-11-28' },
    { name: 'R2: the 1st Saturday of March is open (every Saturday in March)', date: '2026-03-07' },
    { name: 'R2: the 3rd Saturday of March is open (every Saturday in March)', date: '2026-03-21' },
    { name: 'R2: the 1st Saturday of April is open (every Saturday in April)', date: '2026-04-04' },
    { name: 'R2: the 3rd Saturday of April is open (every Saturday in April)', date: '2026-04-18' },
    { name: 'R2: 12/28 is open (the year end starts on 12/29)', date: '2026-12-28' },
    { name: 'R2: 1/4 is open (the year end ends on 1/3)', date: '2027-01-04' },
    { name: 'R2: the day after 勤労感謝の日 is open', date: '2026-11-24' },
  ];

  it.each(open)('$name', ({ date }) => {
    expect(dayStatus(date, config)).toEqual({ open: true });
    expect(isOpenDay(date, config)).toBe(true);
  });

  const closed: { name: string; date: string; config?: OfficeConfig; closed: ClosedReason | { kind: 'holiday'; name: string | RegExp } }[] = [
    { name: 'R2: Sunday is closed', date: '2026-11-29', closed: { kind: 'sunday' } },
    { name: 'R2: a Sunday in March is closed', date: '2026-03-01', closed: { kind: 'sunday' } },
    { name: 'R2: the 1st Saturday of November is closed', date: '2026-11-07', closed: { kind: 'saturday' } },
    { name: 'R2: the 3rd Saturday of November is closed', date: '2026-11-21', closed: { kind: 'saturday' } },
    { name: 'R2: the 5th Saturday of August is closed', date: '2026-08-29', closed: { kind: 'saturday' } },
    { name: 'R2: 勤労感謝の日 (Monday) is closed', date: '2026-11-23', closed: { kind: 'holiday', name: '勤労感謝の日' } },
    { name: 'R2: 文化の日 is closed', date: '2026-11-03', closed: { kind: 'holiday', name: '文化の日' } },
    { name: 'R2: 振替休日 2026-05-06 is closed', date: '2026-05-06', closed: { kind: 'holiday', name: /振替休日/ } },
    { name: 'R2: 振替休日 2027-03-22 is closed', date: '2027-03-22', closed: { kind: 'holiday', name: /振替休日/ } },
    { name: 'R2: 国民の休日 2026-09-22 is closed', date: '2026-09-22', closed: { kind: 'holiday', name: /休日/ } },
    { name: 'R2: a holiday on a 2nd Saturday closes it (山の日 2029-08-11)', date: '2029-08-11', closed: { kind: 'holiday', name: '山の日' } },
    { name: 'R2: a holiday on an April Saturday closes it (昭和の日 2028-04-29)', date: '2028-04-29', closed: { kind: 'holiday', name: '昭和の日' } },
    { name: 'R2: 12/29 is closed (year end)', date: '2026-12-29', closed: { kind: 'year-end' } },
    { name: 'R2: 12/30 is closed (year end)', date: '2026-12-30', closed: { kind: 'year-end' } },
    { name: 'R2: 12/31 is closed (year end)', date: '2026-12-31', closed: { kind: 'year-end' } },
    { name: 'R2: 1/1 is closed (year end)', date: '2027-01-01', closed: { kind: 'year-end' } },
    { name: 'R2: 1/2 is closed (year end)', date: '2027-01-02', closed: { kind: 'year-end' } },
    { name: 'R2: 1/3 is closed (year end)', date: '2027-01-03', closed: { kind: 'year-end' } },
    {
      name: 'R2: a configured closure on a Wednesday, with its reason',
      date: '2026-12-02',
      config: withClosures([{ date: '2026-12-02', reason: 'システムメンテナンス' }]),
      closed: { kind: 'closure', reason: 'システムメンテナンス' },
    },
    {
      name: 'R2: a configured closure on an open Saturday (election)',
      date: '2026-11-28',
      config: withClosures([{ date: '2026-11-28', reason: '選挙事務' }]),
      closed: { kind: 'closure', reason: '選挙事務' },
    },
    {
      name: 'R2: a configured closure without a reason',
      date: '2026-12-03',
      config: withClosures([{ date: '2026-12-03' }]),
      closed: { kind: 'closure' },
    },
  ];

  it.each(closed)('$name', ({ date, config: c, closed: expected }) => {
    const status = dayStatus(date, c ?? config);
    expect(status.open).toBe(false);
    if (status.open) return;
    if (expected.kind === 'holiday') {
      expect(status.closed.kind).toBe('holiday');
      expect(status.closed).toMatchObject({ name: expect.stringMatching(expected.name) });
    } else {
      expect(status.closed).toEqual(expected);
    }
    expect(isOpenDay(date, c ?? config)).toBe(false);
  });

  it('R2: a configured closure closes only its own date', () => {
    const c = withClosures([{ date: '2026-12-02', reason: 'システムメンテナンス' }]);
    expect(isOpenDay('2026-12-01', c)).toBe(true);
    expect(isOpenDay('2026-12-03', c)).toBe(true);
  });

  it('R2: every Saturday of November 2026 — only the 2nd and 4th open', () => {
    const saturdays = ['2026-11-07', '2026-11-14', '2026-11-21', '2026-11-28'];
    expect(saturdays.map((d) => isOpenDay(d, config))).toEqual([false, true, false, true]);
  });

  it('R2: every Saturday of March and April 2026 is open', () => {
    const saturdays = ['2026-03-07', '2026-03-14', '2026-03-21', '2026-03-28', '2026-04-04', '2026-04-11', '2026-04-18', '2026-04-25'];
    for (const d of saturdays) expect(isOpenDay(d, config), d).toBe(true);
  });
});

describe('isBusinessDay (R7, R25)', () => {
  it.each([
    ['R7: an ordinary Wednesday is a business day', '2026-11-25', true],
    ['R7: an ordinary Friday is a business day', '2026-11-27', true],
    ['R7: an open Saturday is not a business day (the phone desk is Mon–Fri)', '2026-11-28', false],
    ['R7: a closed Saturday is not a business day', '2026-11-21', false],
    ['R7: Sunday is not a business day', '2026-11-29', false],
    ['R7: 勤労感謝の日 is not a business day', '2026-11-23', false],
    ['R7: 国民の休日 is not a business day', '2026-09-22', false],
    ['R7: 振替休日 is not a business day', '2026-05-06', false],
    ['R7: 12/28 is a business day', '2026-12-28', true],
    ['R7: 12/29 is not a business day', '2026-12-29', false],
    ['R7: 12/31 is not a business day', '2026-12-31', false],
    ['R7: 1/4 is a business day', '2027-01-04', true],
    ['R25: a March Saturday (open window) is not a phone-desk day', '2026-03-14', false],
  ] as const)('%s', (_name, date, expected) => {
    expect(isBusinessDay(date)).toBe(expected);
  });
});

describe('businessDaysBefore (R7)', () => {
  it.each([
    ['R7: 1 business day before a Monday is the Friday', '2026-11-30', 1, '2026-11-27'],
    ['R7: 2 business days before a Monday is the Thursday', '2026-11-30', 2, '2026-11-26'],
    ['R7: 1 business day before a Thursday is the Wednesday', '2026-11-26', 1, '2026-11-25'],
    ['R7: 2 business days before an open Saturday is the Thursday', '2026-11-28', 2, '2026-11-26'],
    ['R7: 1 business day before the Tuesday after 勤労感謝の日 skips the holiday and the weekend', '2026-11-24', 1, '2026-11-20'],
    ['R7: 2 business days before the Tuesday after 勤労感謝の日', '2026-11-24', 2, '2026-11-19'],
    ['R7: 2 business days before the Wednesday after 勤労感謝の日', '2026-11-25', 2, '2026-11-20'],
    ['R7: across the September 2026 holidays (9/21–9/23)', '2026-09-24', 1, '2026-09-18'],
    ['R7: across the September 2026 holidays, 2 days', '2026-09-24', 2, '2026-09-17'],
    ['R7: across Golden Week 2026 (5/2–5/6)', '2026-05-07', 2, '2026-04-30'],
    ['R7: 1 business day before 1/4 is 12/28', '2027-01-04', 1, '2026-12-28'],
    ['R7: 2 business days before 1/4 is 12/25', '2027-01-04', 2, '2026-12-25'],
    ['R7: 2 business days before 1/5 is 12/28', '2027-01-05', 2, '2026-12-28'],
  ] as const)('%s', (_name, date, n, expected) => {
    expect(businessDaysBefore(date, n)).toBe(expected);
  });
});

describe('isLikelyCrowded (R24)', () => {
  it.each([
    ['R24: the Monday after a weekend is crowded', '2026-11-30', true],
    ['R24: the Monday after a closed 1st Saturday is crowded', '2026-11-09', true],
    ['R24: the Tuesday after a Monday holiday (勤労感謝の日) is crowded', '2026-11-24', true],
    ['R24: the Thursday after the September holidays is crowded', '2026-09-24', true],
    ['R24: the Thursday after Golden Week is crowded', '2026-05-07', true],
    ['R24: 1/4, the first day after the year end, is crowded', '2027-01-04', true],
    ['R24: an open 2nd Saturday is crowded', '2026-11-14', true],
    ['R24: an open 4th Saturday is crowded', '2026-11-28', true],
    ['R24: an open March Saturday is crowded', '2026-03-21', true],
    ['R24: an ordinary Wednesday is not crowded', '2026-11-18', false],
    ['R24: an ordinary Thursday is not crowded', '2026-11-26', false],
    ['R24: an ordinary Friday is not crowded', '2026-11-27', false],
    ['R24: the Wednesday after the Tuesday-after-a-holiday is not crowded', '2026-11-25', false],
    ['R24: a closed day is not reported as crowded (Sunday)', '2026-11-29', false],
    ['R24: a closed Saturday is not reported as crowded', '2026-11-21', false],
    ['R24: a holiday is not reported as crowded', '2026-11-23', false],
  ] as const)('%s', (_name, date, expected) => {
    expect(isLikelyCrowded(date, config)).toBe(expected);
  });
});
