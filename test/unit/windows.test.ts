import { describe, it, expect } from 'vitest';
import { defaultOfficeConfig, type OfficeConfig } from '../../domain/office-config.js';
import {
  blockedByConfig,
  configuredCapacity,
  isWindowStart,
  windowAt,
  windowContaining,
  windowStarts,
} from '../../domain/windows.js';

const config = defaultOfficeConfig();

describe('windowStarts and windowAt (R3)', () => {
  it('R3: sixteen 30-minute windows a day, 09:00 … 16:30', () => {
    expect(windowStarts(config)).toEqual([
      '09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30',
      '13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30',
    ]);
  });

  it.each([
    ['R3: the 09:00 window runs to 09:30', '09:00', '09:30'],
    ['R3: the page example, 10:00 → 10:00–10:30', '10:00', '10:30'],
    ['R3: the page example, 15:30 → 15:30–16:00', '15:30', '16:00'],
    ['R3: the last window, 16:30, ends at 17:00 (closing time)', '16:30', '17:00'],
  ] as const)('%s', (_name, start, end) => {
    expect(windowAt('2026-11-27', start, config)).toEqual({ date: '2026-11-27', start, end });
  });

  it.each([
    ['R3: 09:00 is a window start', '09:00', true],
    ['R3: 16:30 is a window start', '16:30', true],
    ['R3: 10:15 is not a window start', '10:15', false],
    ['R3: 17:00 is closing time, not a window start', '17:00', false],
    ['R3: 08:30 is before opening', '08:30', false],
  ] as const)('%s', (_name, start, expected) => {
    expect(isWindowStart(start, config)).toBe(expected);
  });
});

describe('windowContaining (R3)', () => {
  it.each([
    ['R3: 10:15 falls in the 10:00 window', '10:15', '10:00'],
    ['R3: 10:00 falls in the 10:00 window', '10:00', '10:00'],
    ['R3: 10:29 falls in the 10:00 window', '10:29', '10:00'],
    ['R3: 10:30 starts the next window', '10:30', '10:30'],
    ['R3: 09:00 falls in the first window', '09:00', '09:00'],
    ['R3: 16:45 falls in the last window, 16:30', '16:45', '16:30'],
    ['R3: 16:59 falls in the last window, 16:30', '16:59', '16:30'],
    ['R3: 08:59 is before the first window', '08:59', undefined],
    ['R3: 00:00 is before the first window', '00:00', undefined],
    ['R3: 17:00 is after the last window', '17:00', undefined],
    ['R3: 23:59 is after the last window', '23:59', undefined],
  ] as const)('%s', (_name, time, expected) => {
    expect(windowContaining(time, config)).toBe(expected);
  });
});

describe('configuredCapacity (R4)', () => {
  const withOverrides: OfficeConfig = {
    ...defaultOfficeConfig(),
    capacity: {
      default: 3,
      overrides: [
        { date: '2026-12-01', capacity: 5 },
        { date: '2026-12-01', start: '10:00', capacity: 1 },
        { date: '2026-12-02', start: '14:00', capacity: 0 },
        // The window override is listed first here: it must still beat the date-wide one.
        { date: '2026-12-03', start: '09:30', capacity: 2 },
        { date: '2026-12-03', capacity: 6 },
      ],
    },
  };

  it.each([
    ['R4: default capacity is 3 per window', config, '2026-11-27', '10:00', 3],
    ['R4: default capacity holds for the last window', config, '2026-11-27', '16:30', 3],
    ['R4: a date-wide override applies to every window of its date', withOverrides, '2026-12-01', '09:00', 5],
    ['R4: a date-wide override applies to the last window too', withOverrides, '2026-12-01', '16:30', 5],
    ['R4: a window override beats the date-wide override', withOverrides, '2026-12-01', '10:00', 1],
    ['R4: a window override beats the date-wide override whatever their order', withOverrides, '2026-12-03', '09:30', 2],
    ['R4: the date-wide override still applies to the other windows', withOverrides, '2026-12-03', '10:00', 6],
    ['R4: a window override of 0 is honoured', withOverrides, '2026-12-02', '14:00', 0],
    ['R4: a window override leaves the other windows of its date at the default', withOverrides, '2026-12-02', '14:30', 3],
    ['R4: overrides do not leak to other dates', withOverrides, '2026-12-04', '10:00', 3],
  ] as const)('%s', (_name, c, date, start, expected) => {
    expect(configuredCapacity(date, start, c)).toBe(expected);
  });

  it('R4: a different default capacity is used when configured', () => {
    const c: OfficeConfig = { ...defaultOfficeConfig(), capacity: { default: 4, overrides: [] } };
    expect(configuredCapacity('2026-11-27', '10:00', c)).toBe(4);
  });
});

describe('blockedByConfig (R4)', () => {
  const withBlocks: OfficeConfig = {
    ...defaultOfficeConfig(),
    blocks: [
      { date: '2026-12-01', reason: '研修' },
      { date: '2026-12-02', start: '13:00' },
    ],
  };

  it.each([
    ['R4: nothing is blocked by default', config, '2026-12-01', '10:00', false],
    ['R4: a whole-day block blocks the first window', withBlocks, '2026-12-01', '09:00', true],
    ['R4: a whole-day block blocks the last window', withBlocks, '2026-12-01', '16:30', true],
    ['R4: a one-window block blocks that window', withBlocks, '2026-12-02', '13:00', true],
    ['R4: a one-window block leaves the next window free', withBlocks, '2026-12-02', '13:30', false],
    ['R4: a one-window block leaves the previous window free', withBlocks, '2026-12-02', '12:30', false],
    ['R4: blocks do not leak to other dates', withBlocks, '2026-12-03', '13:00', false],
  ] as const)('%s', (_name, c, date, start, expected) => {
    expect(blockedByConfig(date, start, c)).toBe(expected);
  });
});
