import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/calendar.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { questionnaireDue } from '../../../src/domain/questionnaire-schedule.ts';

const every14 = { kind: 'every' as const, everyDays: 14, startDate: '2026-03-01', active: true };

describe('questionnaireDue', () => {
  it.each([
    { name: 'before the start', today: '2026-02-28', last: null, due: false, dueOn: '2026-03-01' },
    {
      name: 'on the start day, never answered',
      today: '2026-03-01',
      last: null,
      due: true,
      dueOn: '2026-03-01',
    },
    {
      name: 'answered 13 days ago',
      today: '2026-03-20',
      last: '2026-03-07',
      due: false,
      dueOn: '2026-03-21',
    },
    {
      name: 'answered exactly 14 days ago',
      today: '2026-03-21',
      last: '2026-03-07',
      due: true,
      dueOn: '2026-03-21',
    },
    { name: 'overdue', today: '2026-04-30', last: '2026-03-07', due: true, dueOn: '2026-03-21' },
    {
      name: 'answered today',
      today: '2026-03-21',
      last: '2026-03-21',
      due: false,
      dueOn: '2026-04-04',
    },
    // A response before the schedule started still counts: no PHQ-9 twice in a few days.
    {
      name: 'answered just before the start',
      today: '2026-03-01',
      last: '2026-02-25',
      due: false,
      dueOn: '2026-03-11',
    },
    {
      name: 'answered long before the start',
      today: '2026-03-01',
      last: '2025-12-01',
      due: true,
      dueOn: '2026-03-01',
    },
  ])('$name', ({ today, last, due, dueOn }) => {
    expect(questionnaireDue(every14, today, last)).toEqual({ due, dueOn, sessionDate: null });
  });

  it('is never due when inactive', () => {
    expect(questionnaireDue({ ...every14, active: false }, '2026-06-01', null)).toEqual({
      due: false,
      dueOn: null,
      sessionDate: null,
    });
  });

  it('refuses bad input naming the field', () => {
    expect(() => questionnaireDue({ ...every14, everyDays: 0 }, '2026-03-01', null)).toThrow(
      DomainError,
    );
    expect(() => questionnaireDue({ ...every14, startDate: 'soon' }, '2026-03-01', null)).toThrow(
      DomainError,
    );
    expect(() => questionnaireDue(every14, '2026-13-01', null)).toThrow(DomainError);
  });

  it('after answering on the day it is due, it is next due everyDays later', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 0, max: 400 }), (n, k) => {
        const schedule = {
          kind: 'every' as const,
          everyDays: n,
          startDate: '2026-01-01',
          active: true,
        };
        const day = addDays('2026-01-01', k);
        const after = questionnaireDue(schedule, day, day);
        expect(after).toEqual({ due: false, dueOn: addDays(day, n), sessionDate: null });
        expect(questionnaireDue(schedule, addDays(day, n), day).due).toBe(true);
        expect(questionnaireDue(schedule, addDays(day, n - 1), day).due).toBe(false);
      }),
    );
  });
});

describe('questionnaireDue before each session', () => {
  const before3 = { kind: 'before-session' as const, daysBefore: 3, active: true };
  const sessions = ['2026-03-10', '2026-03-24'];
  it.each([
    {
      name: 'no sessions',
      today: '2026-03-01',
      last: null,
      list: [],
      due: false,
      dueOn: null,
      session: null,
    },
    {
      name: 'window not open yet',
      today: '2026-03-06',
      last: null,
      list: sessions,
      due: false,
      dueOn: '2026-03-07',
      session: '2026-03-10',
    },
    {
      name: 'first day of the window',
      today: '2026-03-07',
      last: null,
      list: sessions,
      due: true,
      dueOn: '2026-03-07',
      session: '2026-03-10',
    },
    {
      name: 'on the session day, not answered',
      today: '2026-03-10',
      last: '2026-03-01',
      list: sessions,
      due: true,
      dueOn: '2026-03-07',
      session: '2026-03-10',
    },
    {
      name: 'answered in the window: done, next session next',
      today: '2026-03-08',
      last: '2026-03-07',
      list: sessions,
      due: false,
      dueOn: '2026-03-21',
      session: '2026-03-24',
    },
    {
      name: 'answered the day before the window opened',
      today: '2026-03-08',
      last: '2026-03-06',
      list: sessions,
      due: true,
      dueOn: '2026-03-07',
      session: '2026-03-10',
    },
    {
      name: 'after a session, only the next counts',
      today: '2026-03-11',
      last: null,
      list: sessions,
      due: false,
      dueOn: '2026-03-21',
      session: '2026-03-24',
    },
    {
      name: 'sessions in any order',
      today: '2026-03-22',
      last: '2026-03-09',
      list: ['2026-03-24', '2026-03-10'],
      due: true,
      dueOn: '2026-03-21',
      session: '2026-03-24',
    },
    {
      name: 'all sessions past',
      today: '2026-04-01',
      last: null,
      list: sessions,
      due: false,
      dueOn: null,
      session: null,
    },
  ])('$name', ({ today, last, list, due, dueOn, session }) => {
    expect(questionnaireDue(before3, today, last, list)).toEqual({
      due,
      dueOn,
      sessionDate: session,
    });
  });

  it('one answer serves overlapping windows', () => {
    expect(
      questionnaireDue(before3, '2026-03-09', '2026-03-09', ['2026-03-10', '2026-03-11']),
    ).toEqual({
      due: false,
      dueOn: null,
      sessionDate: null,
    });
  });

  it('is never due when inactive, and refuses a bad window', () => {
    expect(questionnaireDue({ ...before3, active: false }, '2026-03-09', null, sessions).due).toBe(
      false,
    );
    for (const daysBefore of [-1, 1.5, 15]) {
      expect(() =>
        questionnaireDue({ ...before3, daysBefore }, '2026-03-09', null, sessions),
      ).toThrow(DomainError);
    }
  });

  it('is due on every day of an unanswered window and on no day after an answer in it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 14 }),
        (daysBefore, intoWindow, answeredAt) => {
          fc.pre(intoWindow <= daysBefore && answeredAt <= intoWindow);
          const session = '2026-05-20';
          const opens = addDays(session, -daysBefore);
          const today = addDays(opens, intoWindow);
          const rule = { kind: 'before-session' as const, daysBefore, active: true };
          expect(questionnaireDue(rule, today, null, [session]).due).toBe(true);
          expect(questionnaireDue(rule, today, addDays(opens, -1), [session]).due).toBe(true);
          expect(questionnaireDue(rule, today, addDays(opens, answeredAt), [session]).due).toBe(
            false,
          );
        },
      ),
    );
  });
});
