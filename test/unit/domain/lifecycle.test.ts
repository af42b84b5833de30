import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  assertTransition,
  canTransition,
  goalStatuses,
  isGoalStatus,
  nextStatuses,
  type GoalStatus,
} from '../../../src/domain/lifecycle.ts';
import { DomainError } from '../../../src/domain/errors.ts';

// Rows: from; columns in goalStatuses order: proposed, active, on-hold, achieved, discontinued.
const allowed: Record<GoalStatus, [boolean, boolean, boolean, boolean, boolean]> = {
  proposed: [true, true, false, false, true],
  active: [false, true, true, true, true],
  'on-hold': [false, true, true, true, true],
  achieved: [false, true, false, true, false],
  discontinued: [false, false, false, false, true],
};

const cases = goalStatuses.flatMap((from) =>
  goalStatuses.map((to, i) => [from, to, allowed[from][i] as boolean] as const),
);

describe('goal lifecycle', () => {
  it('lists the five statuses in lifecycle order', () => {
    expect(goalStatuses).toEqual(['proposed', 'active', 'on-hold', 'achieved', 'discontinued']);
  });

  it.each(cases)('%s → %s: %s', (from, to, ok) => {
    expect(canTransition(from, to)).toBe(ok);
    if (ok) expect(() => assertTransition(from, to)).not.toThrow();
    else expect(() => assertTransition(from, to)).toThrowError(DomainError);
  });

  it.each([
    [
      'proposed',
      'achieved',
      'A goal that is proposed cannot become achieved; it can become active or discontinued.',
    ],
    ['achieved', 'on-hold', 'A goal that is achieved cannot become on hold; it can become active.'],
    [
      'on-hold',
      'proposed',
      'A goal that is on hold cannot become proposed; it can become active or achieved or discontinued.',
    ],
    [
      'discontinued',
      'active',
      'A goal that is discontinued cannot become active; discontinued goals stay as they are — write a new goal instead.',
    ],
  ] as const)('%s → %s explains itself', (from, to, message) => {
    try {
      assertTransition(from, to);
      expect.unreachable('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).field).toBe('status');
      expect((e as DomainError).message).toBe(message);
    }
  });

  it('refuses statuses it does not know', () => {
    expect(isGoalStatus('active')).toBe(true);
    expect(isGoalStatus('done')).toBe(false);
    expect(isGoalStatus(undefined)).toBe(false);
    expect(canTransition('active', 'done' as GoalStatus)).toBe(false);
    expect(() => assertTransition('active', 'done' as GoalStatus)).toThrowError(
      expect.objectContaining({
        field: 'status',
        message: expect.stringMatching(/Expected one of/),
      }),
    );
    expect(() => assertTransition('done' as GoalStatus, 'active')).toThrowError(DomainError);
  });

  it('staying put is always allowed; nextStatuses agrees with canTransition', () => {
    const status = fc.constantFrom(...goalStatuses);
    fc.assert(
      fc.property(status, status, (from, to) => {
        expect(canTransition(from, from)).toBe(true);
        expect(nextStatuses(from).includes(to)).toBe(from !== to && canTransition(from, to));
      }),
    );
  });

  it('nothing leads back to proposed, and discontinued leads nowhere', () => {
    for (const from of goalStatuses) {
      if (from !== 'proposed') expect(canTransition(from, 'proposed')).toBe(false);
    }
    expect(nextStatuses('discontinued')).toEqual([]);
  });
});
