import { describe, expect, it } from 'vitest';
import { periodAdherence } from '../../../src/domain/period-adherence.ts';

describe('practice adherence over a report period', () => {
  it('counts each scheduled day of a daily practice from its start', () => {
    expect(
      periodAdherence({
        schedule: { kind: 'daily' },
        completions: ['2026-03-02', '2026-03-03', '2026-02-20'],
        startDate: '2026-03-02',
        from: '2026-03-01',
        to: '2026-03-05',
      }),
    ).toEqual({ expected: 4, done: 2, percent: 50 });
  });

  it('counts only the chosen weekdays', () => {
    // 2026-03-02 is a Monday; Mondays and Wednesdays in 2–15 March: 4 days.
    expect(
      periodAdherence({
        schedule: { kind: 'weekdays', days: [1, 3] },
        completions: ['2026-03-02', '2026-03-03', '2026-03-11'],
        startDate: '2026-01-01',
        from: '2026-03-02',
        to: '2026-03-15',
      }),
    ).toEqual({ expected: 4, done: 2, percent: 50 });
  });

  it('prorates weekly targets by the days of each ISO week in the period and caps extra days', () => {
    // Week of 2 March in full (3 expected, 5 done → 3), then Mon–Wed of the next (3·3/7).
    const r = periodAdherence({
      schedule: { kind: 'weekly', timesPerWeek: 3 },
      completions: [
        '2026-03-02',
        '2026-03-03',
        '2026-03-04',
        '2026-03-05',
        '2026-03-06',
        '2026-03-10',
      ],
      startDate: '2026-01-01',
      from: '2026-03-02',
      to: '2026-03-11',
    });
    expect(r.expected).toBe(4.29);
    expect(r.done).toBe(4);
    expect(r.percent).toBe(93);
  });

  it('has nothing to measure before the practice starts', () => {
    expect(
      periodAdherence({
        schedule: { kind: 'daily' },
        completions: [],
        startDate: '2026-04-01',
        from: '2026-03-01',
        to: '2026-03-31',
      }),
    ).toEqual({ expected: 0, done: 0, percent: null });
  });

  it('refuses a period that ends before it starts', () => {
    expect(() =>
      periodAdherence({
        schedule: { kind: 'daily' },
        completions: [],
        startDate: '2026-01-01',
        from: '2026-03-02',
        to: '2026-03-01',
      }),
    ).toThrow(/from/);
  });
});
