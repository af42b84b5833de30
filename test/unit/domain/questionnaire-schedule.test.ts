import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/calendar.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { questionnaireDue } from '../../../src/domain/questionnaire-schedule.ts';

const every14 = { everyDays: 14, startDate: '2026-03-01', active: true };

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
    expect(questionnaireDue(every14, today, last)).toEqual({ due, dueOn });
  });

  it('is never due when inactive', () => {
    expect(questionnaireDue({ ...every14, active: false }, '2026-06-01', null)).toEqual({
      due: false,
      dueOn: null,
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
        const schedule = { everyDays: n, startDate: '2026-01-01', active: true };
        const day = addDays('2026-01-01', k);
        const after = questionnaireDue(schedule, day, day);
        expect(after).toEqual({ due: false, dueOn: addDays(day, n) });
        expect(questionnaireDue(schedule, addDays(day, n), day).due).toBe(true);
        expect(questionnaireDue(schedule, addDays(day, n - 1), day).due).toBe(false);
      }),
    );
  });
});
