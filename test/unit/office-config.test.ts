import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { loadOfficeConfig } from '../../adapters/office-config-file.js';
import { defaultOfficeConfig, dialable, parseOfficeConfig } from '../../domain/office-config.js';

describe('defaultOfficeConfig (R2–R7, R25)', () => {
  const c = defaultOfficeConfig();

  it.each([
    ['R4: 3 reservations per window, no overrides', c.capacity, { default: 3, overrides: [] }],
    ['R3: windows start 09:00 … 16:30, every 30 minutes', c.windows, { first: '09:00', last: '16:30', minutes: 30 }],
    ['R6: released on Friday at 09:00, 28 days ahead, no moves', c.release, { weekday: 5, time: '09:00', horizonDays: 28, moves: [] }],
    ['R7: web and LINE book by 2 business days before', c.leadBusinessDays, 2],
    ['R5: bookings from 2026-02-02 for dates from 2026-02-24', c.serviceStart, { bookingOpens: '2026-02-02', firstDate: '2026-02-24' }],
    ['R2: 2nd and 4th Saturdays, every Saturday in March and April', c.saturdays, { nth: [2, 4], everyInMonths: [3, 4] }],
    ['R2: no ad-hoc closures by default', c.closures, []],
    ['R4: no blocked windows by default', c.blocks, []],
    ['R25: the reservation line is 072-724-6920', c.deskPhone, '072-724-6920'],
    ['R25: the phone desk is staffed 09:00–17:00', c.staffedHours, { start: '09:00', end: '17:00' }],
    ['reminders go out at 17:00 on the business day before (issue 15)', c.reminders, { enabled: true, time: '17:00' }],
  ] as const)('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('R3: the defaults give 16 windows, the last ending at 17:00 closing time', () => {
    const [h1, m1] = c.windows.first.split(':').map(Number) as [number, number];
    const [h2, m2] = c.windows.last.split(':').map(Number) as [number, number];
    const firstMin = h1 * 60 + m1;
    const lastMin = h2 * 60 + m2;
    expect((lastMin - firstMin) / c.windows.minutes + 1).toBe(16);
    expect(lastMin + c.windows.minutes).toBe(17 * 60);
  });

  it('R2–R7: an empty file and no file give the defaults', () => {
    expect(parseOfficeConfig({})).toEqual({ ok: true, config: c });
    expect(parseOfficeConfig(undefined)).toEqual({ ok: true, config: c });
  });

  it('reminders: a time alone keeps them on; off is off', () => {
    expect(parseOfficeConfig({ reminders: { time: '16:00' } })).toEqual({ ok: true, config: { ...c, reminders: { enabled: true, time: '16:00' } } });
    expect(parseOfficeConfig({ reminders: { enabled: false } })).toEqual({ ok: true, config: { ...c, reminders: { enabled: false, time: '17:00' } } });
  });

  it('R4: a partial section keeps the other defaults of that section', () => {
    const r = parseOfficeConfig({ capacity: { default: 4 } });
    expect(r).toEqual({ ok: true, config: { ...c, capacity: { default: 4, overrides: [] } } });
  });
});

describe('parseOfficeConfig names the bad field (R2–R7, R25)', () => {
  it.each([
    ['R4: a negative capacity', { capacity: { default: -1 } }, 'capacity.default'],
    ['R4: a capacity in words', { capacity: { default: 'three' } }, 'capacity.default'],
    ['R4: a fractional capacity', { capacity: { default: 2.5 } }, 'capacity.default'],
    ['R4: an override for a date that does not exist', { capacity: { overrides: [{ date: '2026-02-30', capacity: 2 }] } }, 'capacity.overrides.0.date'],
    ['R3: a first window without the leading zero', { windows: { first: '9:00' } }, 'windows.first'],
    ['R3: a first window at 25:00', { windows: { first: '25:00' } }, 'windows.first'],
    ['R2: a closure on 2026-02-30', { closures: [{ date: '2026-02-30' }] }, 'closures.0.date'],
    ['R2: a closure written 2026/12/02', { closures: [{ date: '2026-12-01' }, { date: '2026/12/02' }] }, 'closures.1.date'],
    ['R3: the last window before the first', { windows: { first: '10:00', last: '09:30' } }, 'windows.last'],
    ['R3: the last window not a whole number of windows after the first', { windows: { last: '16:45' } }, 'windows.last'],
    ['R25: staffed hours ending before they start', { staffedHours: { start: '17:00', end: '09:00' } }, 'staffedHours.end'],
    ['R25: staffed hours ending when they start', { staffedHours: { start: '09:00', end: '09:00' } }, 'staffedHours.end'],
    ['R6: release on weekday 7', { release: { weekday: 7 } }, 'release.weekday'],
    ['R6: a release move to a date that does not exist', { release: { moves: [{ insteadOf: '2026-11-27', on: '2026-11-31' }] } }, 'release.moves.0.on'],
    ['R7: a negative lead time', { leadBusinessDays: -1 }, 'leadBusinessDays'],
    ['R5: the first date before bookings open', { serviceStart: { bookingOpens: '2026-02-02', firstDate: '2026-02-01' } }, 'serviceStart.firstDate'],
    ['R2: a 6th Saturday', { saturdays: { nth: [2, 6] } }, 'saturdays.nth.1'],
    ['R25: a desk phone that is not a number', { deskPhone: 'でんわ' }, 'deskPhone'],
    ['R25: a desk phone a digit short', { deskPhone: '072-724-692' }, 'deskPhone'],
    ['R25: a transfer number a digit short', { staffTransferNumber: '072-724-692' }, 'staffTransferNumber'],
    ['R25: a transfer number abroad (the line dials Japan)', { staffTransferNumber: '+1 415 555 1212' }, 'staffTransferNumber'],
    ['R25: a transfer number in E.164 without its plus', { staffTransferNumber: '81727246920' }, 'staffTransferNumber'],
    ['reminders at 5 pm written 5:00pm', { reminders: { time: '5:00pm' } }, 'reminders.time'],
    ['reminders at 24:00', { reminders: { time: '24:00' } }, 'reminders.time'],
    ['reminders switched off with "no"', { reminders: { enabled: 'no' } }, 'reminders.enabled'],
  ] as const)('%s → %s', (_name, input, field) => {
    const r = parseOfficeConfig(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.some((e) => e.startsWith(`${field}: `)), r.errors.join('\n')).toBe(true);
  });

  it.each([
    ['R2–R7: an unknown top-level key (a typo) is named', { capacty: 3 }, 'capacty'],
    ['R3: an unknown key inside a section is named', { windows: { step: 30 } }, 'step'],
  ] as const)('%s', (_name, input, key) => {
    const r = parseOfficeConfig(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.some((e) => e.includes(key)), r.errors.join('\n')).toBe(true);
  });

  it('R3: a nested unknown key names its section', () => {
    const r = parseOfficeConfig({ windows: { step: 30 } });
    expect(r.ok ? [] : r.errors).toEqual([expect.stringMatching(/^windows: .*step/)]);
  });

  it('R2–R7: several bad fields are all named', () => {
    const r = parseOfficeConfig({ capacity: { default: -1 }, windows: { first: '9:00' }, closures: [{ date: 'tomorrow' }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const fields = r.errors.map((e) => e.split(': ')[0]);
    expect(fields).toEqual(expect.arrayContaining(['capacity.default', 'windows.first', 'closures.0.date']));
  });

  it('R2–R7: a file that is not an object is refused', () => {
    expect(parseOfficeConfig([]).ok).toBe(false);
    expect(parseOfficeConfig('capacity: 3').ok).toBe(false);
  });
});

describe('phone numbers of the office (R25): written nationally or in E.164, dialled in E.164', () => {
  it.each([
    ['072-724-6920', '+81727246920'],
    ['0727246920', '+81727246920'],
    ['+81727246920', '+81727246920'],
    ['+81-72-724-6920', '+81727246920'],
    ['090-1234-5678', '+819012345678'],
  ])('%s is accepted and dialled as %s', (written, e164) => {
    const r = parseOfficeConfig({ staffTransferNumber: written, deskPhone: written });
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (!r.ok) return;
    expect(r.config.staffTransferNumber).toBe(written);
    expect(dialable(r.config.staffTransferNumber)).toBe(e164);
  });

  it('an empty transfer number means callbacks only', () => {
    const r = parseOfficeConfig({ staffTransferNumber: '' });
    expect(r.ok && r.config.staffTransferNumber).toBe('');
  });

  it('a file with a bad transfer number stops start-up, naming the field', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'office-')), 'office.json');
    writeFileSync(file, JSON.stringify({ staffTransferNumber: '072-724-69200' }));
    expect(() => loadOfficeConfig(file, { required: true })).toThrow(/staffTransferNumber: must be a Japanese phone number/);
  });
});

describe('config/office.json (R2–R7, R25)', () => {
  const shipped: unknown = JSON.parse(readFileSync(new URL('../../config/office.json', import.meta.url), 'utf8'));

  it('R2–R7: the shipped file is valid', () => {
    const r = parseOfficeConfig(shipped);
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it('R2–R7: the shipped file equals the defaults', () => {
    const r = parseOfficeConfig(shipped);
    expect(r).toEqual({ ok: true, config: defaultOfficeConfig() });
    expect(shipped).toEqual(defaultOfficeConfig());
  });
});
