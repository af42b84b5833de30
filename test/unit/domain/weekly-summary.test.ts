import { describe, expect, it } from 'vitest';
import { weeklySummary, type WeekInput } from '../../../src/domain/weekly-summary.ts';

const week = (w: Partial<WeekInput>): WeekInput => ({
  practicesDone: 0,
  practices: [],
  goals: [],
  checkInDays: 0,
  ...w,
});

describe('weekly summary', () => {
  it.each([
    [
      'a streak of 3 or more is named',
      week({ practicesDone: 5, checkInDays: 4, practices: [{ title: 'Walk', streak: 4 }] }),
      'You kept “Walk” going 4 times in a row. That is how habits form.',
    ],
    [
      'else an improving goal',
      week({
        practicesDone: 1,
        checkInDays: 2,
        goals: [
          { title: 'Sleep', trend: 'flat' },
          { title: 'Calm', trend: 'improving' },
        ],
      }),
      '“Calm” is moving the right way. Your effort is showing.',
    ],
    [
      'else the practices done',
      week({ practicesDone: 1, checkInDays: 0 }),
      'You practised 1 time this week. Every one counts.',
    ],
    [
      'else the days checked in',
      week({ practicesDone: 0, checkInDays: 3 }),
      'You checked in on 3 days this week. That keeps your plan honest.',
    ],
  ])('encourages with what is true: %s', (_, input, line) => {
    const s = weeklySummary(input);
    expect(s.encouragement).toBe(line);
    expect(s.freshStart).toBe(false);
    expect(s.lines[0]).toBe(`Practices done: ${input.practicesDone}.`);
  });

  it('after a week with nothing logged, offers a fresh start and no broken streak', () => {
    const s = weeklySummary(
      week({
        practices: [{ title: 'Walk', streak: 0 }],
        goals: [{ title: 'Sleep', trend: 'unknown' }],
      }),
    );
    expect(s.freshStart).toBe(true);
    expect(s.title).toBe('A fresh start this week');
    expect(s.encouragement).toMatch(/fresh start/);
    expect(s.lines).toEqual(['Sleep: not enough check-ins yet to see a trend.']);
    expect(JSON.stringify(s)).not.toMatch(/streak|0 in a row|missed|failed/i);
  });

  it('says each goal’s trend in plain words', () => {
    const s = weeklySummary(
      week({
        practicesDone: 2,
        checkInDays: 2,
        goals: [
          { title: 'A', trend: 'improving' },
          { title: 'B', trend: 'flat' },
          { title: 'C', trend: 'worsening' },
        ],
      }),
    );
    expect(s.lines.slice(2)).toEqual([
      'A: moving in the right direction.',
      'B: holding steady.',
      'C: a harder stretch lately — worth talking over in your next session.',
    ]);
  });
});
