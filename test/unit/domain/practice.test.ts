import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  adherence,
  isDue,
  parseSchedule,
  streaks,
  type PracticeSchedule,
} from '../../../src/domain/practice.ts';
import { addDays, fromDayNumber, localDate } from '../../../src/domain/calendar.ts';
import { DomainError } from '../../../src/domain/errors.ts';

// Wednesday 2026-03-11; its ISO week began Monday 2026-03-09.
const today = '2026-03-11';
const daily: PracticeSchedule = { kind: 'daily' };
const monWedFri: PracticeSchedule = { kind: 'weekdays', days: [1, 3, 5] };
const thrice: PracticeSchedule = { kind: 'weekly', timesPerWeek: 3 };
const range = (from: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => addDays(from, i));

describe('parseSchedule', () => {
  it.each<[unknown, PracticeSchedule]>([
    [{ kind: 'daily' }, { kind: 'daily' }],
    [{ kind: 'daily', extra: 1 }, { kind: 'daily' }],
    [
      { kind: 'weekly', timesPerWeek: 1 },
      { kind: 'weekly', timesPerWeek: 1 },
    ],
    [
      { kind: 'weekly', timesPerWeek: 7 },
      { kind: 'weekly', timesPerWeek: 7 },
    ],
    [
      { kind: 'weekdays', days: [5, 1, 3, 1] },
      { kind: 'weekdays', days: [1, 3, 5] },
    ],
    [
      { kind: 'weekdays', days: [0] },
      { kind: 'weekdays', days: [0] },
    ],
  ])('%j → %j', (input, expected) => {
    expect(parseSchedule(input)).toEqual(expected);
  });

  it.each<[unknown, string]>([
    [null, 'schedule'],
    ['daily', 'schedule'],
    [[], 'schedule'],
    [{}, 'schedule.kind'],
    [{ kind: 'monthly' }, 'schedule.kind'],
    [{ kind: 'weekly' }, 'schedule.timesPerWeek'],
    [{ kind: 'weekly', timesPerWeek: 0 }, 'schedule.timesPerWeek'],
    [{ kind: 'weekly', timesPerWeek: 8 }, 'schedule.timesPerWeek'],
    [{ kind: 'weekly', timesPerWeek: 2.5 }, 'schedule.timesPerWeek'],
    [{ kind: 'weekly', timesPerWeek: '3' }, 'schedule.timesPerWeek'],
    [{ kind: 'weekdays' }, 'schedule.days'],
    [{ kind: 'weekdays', days: [] }, 'schedule.days'],
    [{ kind: 'weekdays', days: [1, 7] }, 'schedule.days.1'],
    [{ kind: 'weekdays', days: [-1] }, 'schedule.days.0'],
    [{ kind: 'weekdays', days: ['1'] }, 'schedule.days.0'],
  ])('%j is refused at %s', (input, field) => {
    expect(() => parseSchedule(input)).toThrowError(DomainError);
    expect(() => parseSchedule(input)).toThrowError(expect.objectContaining({ field }));
  });
});

describe('isDue', () => {
  it.each<[string, PracticeSchedule, string, string[] | undefined, boolean]>([
    ['daily, any day', daily, today, undefined, true],
    ['daily, already done', daily, today, [today], true],
    ['weekdays, on one of them', monWedFri, '2026-03-11', undefined, true],
    ['weekdays, on another day', monWedFri, '2026-03-10', undefined, false],
    ['weekly, nothing done yet', thrice, today, undefined, true],
    ['weekly, 2 of 3 done', thrice, today, ['2026-03-09', '2026-03-10'], true],
    [
      'weekly, repeats and last week do not count',
      thrice,
      today,
      ['2026-03-09', '2026-03-10', '2026-03-10', '2026-03-06', '2026-03-09', '2026-03-08'],
      true,
    ],
    [
      'weekly, 2 of 2 done',
      { kind: 'weekly', timesPerWeek: 2 },
      today,
      ['2026-03-09', '2026-03-10'],
      false,
    ],
    [
      'weekly, last week does not count',
      { kind: 'weekly', timesPerWeek: 1 },
      today,
      ['2026-03-08'],
      true,
    ],
    [
      'weekly, done today is still due today',
      { kind: 'weekly', timesPerWeek: 1 },
      today,
      [today],
      true,
    ],
    ['weekly, done Monday', { kind: 'weekly', timesPerWeek: 1 }, today, ['2026-03-09'], false],
  ])('%s', (_name, schedule, date, completions, expected) => {
    expect(isDue(schedule, date, completions)).toBe(expected);
  });
});

describe('adherence', () => {
  it.each<[string, PracticeSchedule, string[], string, 7 | 28, number | null]>([
    // Daily: today not done yet is not expected yet.
    ['daily, every past day done', daily, range('2026-03-05', 6), '2026-03-01', 7, 100],
    ['daily, and today too', daily, range('2026-03-05', 7), '2026-03-01', 7, 100],
    [
      'daily, 6 of the 10 days since the start',
      daily,
      range('2026-03-05', 6),
      '2026-03-01',
      28,
      60,
    ],
    [
      'daily, 3 of 6, repeats count once',
      daily,
      ['2026-03-05', '2026-03-05', '2026-03-07', '2026-03-10'],
      '2026-03-01',
      7,
      50,
    ],
    [
      'daily, older completions are outside',
      daily,
      ['2026-02-01', '2026-03-04'],
      '2026-01-01',
      7,
      0,
    ],
    ['daily, started today, not done', daily, [], today, 7, null],
    ['daily, started today, done', daily, [today], today, 7, 100],
    ['daily, starts tomorrow', daily, [today], '2026-03-12', 7, null],
    [
      'daily, completions before the start ignored',
      daily,
      ['2026-03-08', '2026-03-09', '2026-03-10'],
      '2026-03-10',
      7,
      100,
    ],
    // Weekdays (Mon, Wed, Fri), started Monday 2026-02-23; 02-27 missed, Saturday 03-07 extra.
    [
      'weekdays, 7 days',
      monWedFri,
      [
        '2026-02-23',
        '2026-02-25',
        '2026-03-02',
        '2026-03-04',
        '2026-03-06',
        '2026-03-07',
        '2026-03-09',
      ],
      '2026-02-23',
      7,
      100,
    ],
    [
      'weekdays, 28 days: 6 of 7',
      monWedFri,
      [
        '2026-02-23',
        '2026-02-25',
        '2026-03-02',
        '2026-03-04',
        '2026-03-06',
        '2026-03-07',
        '2026-03-09',
      ],
      '2026-02-23',
      28,
      86,
    ],
    [
      'weekdays, an off day does not count',
      monWedFri,
      ['2026-03-07', '2026-03-08'],
      '2026-03-05',
      7,
      0,
    ],
    // Weekly, 3 a week: blocks of 7 days ending today, prorated by days that count.
    [
      'weekly, 3 in the last 6 days',
      thrice,
      ['2026-03-06', '2026-03-08', '2026-03-09'],
      '2026-02-16',
      7,
      100,
    ],
    ['weekly, 2 in the last 6 days', thrice, ['2026-03-06', '2026-03-09'], '2026-02-16', 7, 78],
    [
      'weekly, a busy week cannot make up for a quiet one',
      thrice,
      range('2026-03-05', 7),
      '2026-02-26',
      28,
      50,
    ],
    [
      'weekly, 28 days',
      thrice,
      [
        '2026-02-16',
        '2026-02-18',
        '2026-02-20',
        '2026-02-24',
        '2026-02-24',
        '2026-02-26',
        '2026-03-02',
        '2026-03-04',
        '2026-03-06',
        '2026-03-08',
        '2026-03-09',
      ],
      '2026-02-16',
      28,
      90,
    ],
  ])('%s → %s', (_name, schedule, completions, startDate, windowDays, expected) => {
    expect(adherence({ schedule, completions, today, startDate, windowDays })).toBe(expected);
  });

  it('refuses a malformed completion, naming it', () => {
    expect(() =>
      adherence({
        schedule: daily,
        completions: [today, '11/03/2026'],
        today,
        startDate: today,
        windowDays: 7,
      }),
    ).toThrowError(expect.objectContaining({ field: 'completions.1' }));
  });
});

describe('streaks', () => {
  it.each<[string, PracticeSchedule, string[], string, { current: number; best: number }]>([
    ['daily, nothing yet', daily, [], today, { current: 0, best: 0 }],
    ['daily, today done', daily, [today], today, { current: 1, best: 1 }],
    [
      'daily, today not done does not break it',
      daily,
      range('2026-03-05', 6),
      '2026-03-01',
      { current: 6, best: 6 },
    ],
    [
      'daily, today done extends it',
      daily,
      range('2026-03-05', 7),
      '2026-03-01',
      { current: 7, best: 7 },
    ],
    [
      'daily, yesterday missed breaks it',
      daily,
      [...range('2026-03-01', 8), today],
      '2026-03-01',
      { current: 1, best: 8 },
    ],
    [
      'daily, two days missed',
      daily,
      range('2026-03-01', 8),
      '2026-03-01',
      { current: 0, best: 8 },
    ],
    [
      'daily, repeats count once',
      daily,
      ['2026-03-10', '2026-03-10', today],
      '2026-03-01',
      { current: 2, best: 2 },
    ],
    [
      'daily, before the start ignored',
      daily,
      range('2026-03-01', 11),
      '2026-03-08',
      { current: 4, best: 4 },
    ],
    [
      'daily, a future completion ignored',
      daily,
      ['2026-03-10', '2026-03-12'],
      '2026-03-01',
      { current: 1, best: 1 },
    ],
    // Mon/Wed/Fri from Monday 2026-02-23: 02-27 missed; today (Wed) not done.
    [
      'weekdays, off days neither break nor count',
      monWedFri,
      [
        '2026-02-23',
        '2026-02-25',
        '2026-03-02',
        '2026-03-04',
        '2026-03-06',
        '2026-03-07',
        '2026-03-09',
      ],
      '2026-02-23',
      { current: 4, best: 4 },
    ],
    [
      'weekdays, best before a miss',
      monWedFri,
      ['2026-02-23', '2026-02-25', '2026-02-27', '2026-03-02', '2026-03-06', '2026-03-09'],
      '2026-02-23',
      { current: 2, best: 4 },
    ],
    // Weekly 3×, ISO weeks from Monday 2026-02-16; week of 02-23 has 2 distinct days.
    [
      'weekly, a short week breaks it',
      thrice,
      [
        '2026-02-16',
        '2026-02-18',
        '2026-02-20',
        '2026-02-24',
        '2026-02-24',
        '2026-02-26',
        '2026-03-02',
        '2026-03-04',
        '2026-03-06',
        '2026-03-09',
      ],
      '2026-02-16',
      { current: 1, best: 1 },
    ],
    [
      'weekly, this week not yet met does not break it',
      thrice,
      [
        '2026-02-16',
        '2026-02-18',
        '2026-02-20',
        '2026-02-24',
        '2026-02-26',
        '2026-02-28',
        '2026-03-02',
        '2026-03-04',
        '2026-03-06',
      ],
      '2026-02-16',
      { current: 3, best: 3 },
    ],
    [
      'weekly, this week met extends it',
      thrice,
      [
        '2026-02-16',
        '2026-02-18',
        '2026-02-20',
        '2026-02-24',
        '2026-02-26',
        '2026-02-28',
        '2026-03-02',
        '2026-03-04',
        '2026-03-06',
        '2026-03-09',
        '2026-03-10',
        today,
      ],
      '2026-02-16',
      { current: 4, best: 4 },
    ],
    // Then the weeks of 02-23 and 03-02 are missed.
    [
      'weekly, a first week started on Saturday asks for 2',
      thrice,
      ['2026-02-21', '2026-02-22'],
      '2026-02-21',
      { current: 0, best: 1 },
    ],
    ['weekly, …and 1 is not enough', thrice, ['2026-02-22'], '2026-02-21', { current: 0, best: 0 }],
    [
      'weekly, a first week started on Sunday asks for 1',
      thrice,
      ['2026-02-22'],
      '2026-02-22',
      { current: 0, best: 1 },
    ],
    [
      'weekly, this first week not yet met',
      thrice,
      ['2026-03-10'],
      '2026-03-10',
      { current: 0, best: 0 },
    ],
    [
      'weekly, this first week met',
      { kind: 'weekly', timesPerWeek: 2 },
      ['2026-03-10', today],
      '2026-03-10',
      { current: 1, best: 1 },
    ],
    [
      'weekly, a missed week',
      thrice,
      ['2026-02-16', '2026-02-18', '2026-02-20'],
      '2026-02-16',
      { current: 0, best: 1 },
    ],
  ])('%s', (_name, schedule, completions, startDate, expected) => {
    expect(streaks({ schedule, completions, today, startDate })).toEqual(expected);
  });
});

describe('across DST in America/Toronto (local dates from real instants)', () => {
  const tz = 'America/Toronto';

  it('spring forward, 2026-03-08: logged at 23:30 each night, no day vanishes', () => {
    const logged = [
      '2026-03-07T04:30:00Z', // Fri 03-06 23:30 EST
      '2026-03-08T04:30:00Z', // Sat 03-07 23:30 EST, the night before the switch
      '2026-03-09T03:30:00Z', // Sun 03-08 23:30 EDT, the 23-hour day
      '2026-03-10T03:30:00Z', // Mon 03-09 23:30 EDT
    ];
    const completions = logged.map((at) => localDate(at, tz));
    expect(completions).toEqual(['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09']);
    const p = {
      schedule: daily,
      completions,
      today: localDate('2026-03-10T14:00:00Z', tz),
      startDate: '2026-03-06',
    };
    expect(p.today).toBe('2026-03-10');
    expect(streaks(p)).toEqual({ current: 4, best: 4 });
    expect(adherence({ ...p, windowDays: 7 })).toBe(100);
    // By UTC dates the same log would look like a missed Friday.
    expect(logged.map((at) => at.slice(0, 10))).not.toContain('2026-03-06');
  });

  it('fall back, 2026-11-01: the 25-hour day is one day, its repeated hour one completion', () => {
    const logged = [
      '2026-11-01T03:30:00Z', // Sat 10-31 23:30 EDT, the night before
      '2026-11-01T05:30:00Z', // Sun 11-01 01:30 EDT
      '2026-11-01T06:30:00Z', // Sun 11-01 01:30 EST, the same wall time again
      '2026-11-02T04:30:00Z', // Sun 11-01 23:30 EST
      '2026-11-03T04:30:00Z', // Mon 11-02 23:30 EST
    ];
    const completions = logged.map((at) => localDate(at, tz));
    expect(completions).toEqual([
      '2026-10-31',
      '2026-11-01',
      '2026-11-01',
      '2026-11-01',
      '2026-11-02',
    ]);
    const p = { schedule: daily, completions, today: '2026-11-03', startDate: '2026-10-31' };
    expect(streaks(p)).toEqual({ current: 3, best: 3 });
    expect(adherence({ ...p, windowDays: 7 })).toBe(100);
    const weekly = { ...p, schedule: { kind: 'weekly', timesPerWeek: 2 } as const };
    // ISO week 10-26..11-01 has 10-31 and 11-01; 11-02 starts the next week.
    expect(streaks(weekly)).toEqual({ current: 1, best: 1 });
    expect(isDue(weekly.schedule, '2026-11-03', completions)).toBe(true);
  });
});

describe('invariants', () => {
  const schedule = fc.oneof(
    fc.constant<PracticeSchedule>({ kind: 'daily' }),
    fc
      .integer({ min: 1, max: 7 })
      .map((n): PracticeSchedule => ({ kind: 'weekly', timesPerWeek: n })),
    fc
      .uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 })
      .map((days): PracticeSchedule => ({ kind: 'weekdays', days })),
  );
  const history = fc.record({
    schedule,
    today: fc.integer({ min: 20_500, max: 20_600 }),
    startAgo: fc.integer({ min: -3, max: 80 }),
    done: fc.array(fc.integer({ min: -90, max: 3 }), { maxLength: 80 }),
  });
  interface History {
    schedule: PracticeSchedule;
    today: number;
    startAgo: number;
    done: number[];
  }
  const build = (h: History) => ({
    schedule: h.schedule,
    today: fromDayNumber(h.today),
    startDate: fromDayNumber(h.today - h.startAgo),
    completions: h.done.map((d) => fromDayNumber(h.today + d)),
  });

  it('adherence is a whole percent from 0 to 100, or null', () => {
    fc.assert(
      fc.property(history, fc.constantFrom<7 | 28>(7, 28), (h, windowDays) => {
        const a = adherence({ ...build(h), windowDays });
        if (a === null) return;
        expect(Number.isInteger(a)).toBe(true);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('the current streak is never longer than the best', () => {
    fc.assert(
      fc.property(history, (h) => {
        const s = streaks(build(h));
        expect(s.current).toBeGreaterThanOrEqual(0);
        expect(s.current).toBeLessThanOrEqual(s.best);
      }),
    );
  });

  it('doing every scheduled day is 100% and a streak of every one of them', () => {
    fc.assert(
      fc.property(history, fc.constantFrom<7 | 28>(7, 28), (h, windowDays) => {
        const all = { ...h, done: Array.from({ length: 95 }, (_, i) => i - 91) };
        const p = build(all);
        const a = adherence({ ...p, windowDays });
        if (a !== null) expect(a).toBe(100);
        const s = streaks(p);
        expect(s.current).toBe(s.best);
      }),
    );
  });

  it('doing nothing is 0% (or null) and no streak', () => {
    fc.assert(
      fc.property(history, fc.constantFrom<7 | 28>(7, 28), (h, windowDays) => {
        const p = build({ ...h, done: [] });
        expect([0, null]).toContain(adherence({ ...p, windowDays }));
        expect(streaks(p)).toEqual({ current: 0, best: 0 });
      }),
    );
  });
});
