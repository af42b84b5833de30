import { describe, expect, it } from 'vitest';
import { goalOffTrack } from '../../../src/jobs/off-track.ts';
import type { TargetedGoal } from '../../../src/store/alert-watch.ts';

// A count measure from 17 down to 5 over 120 days: the default noise is 10 % of 12 = 1.2.
const goal: TargetedGoal = {
  id: 'g',
  clientId: 'c',
  clinicId: 'k',
  timeZone: 'America/Toronto',
  measureId: 'm',
  kind: 'count',
  better: 'lower',
  baseline: 17,
  target: 5,
  dueDate: '2026-06-29',
  startAt: '2026-03-01T12:00:00.000Z',
  sd: null,
  reliability: null,
};
const now = new Date('2026-03-29T12:00:00Z');
// Two weeks of check-ins 4 points above the line (worse, for a lower-is-better measure).
const points = [15, 18, 21, 24, 27].map((d) => {
  const at = new Date(Date.parse('2026-03-01T12:00:00Z') + d * 86_400_000);
  const expected = 17 - (12 * d) / 120;
  return { at: at.toISOString(), value: expected + 4 };
});

describe('the off-track job judges a goal against its measure’s noise', () => {
  it('without SD and reliability: the default noise, so 4 points behind is off track', () => {
    expect(goalOffTrack(goal, points, now)).toBe(true);
  });

  it('with them: the reliable change (SD 5.5, r .89 → 5.06), so 4 points behind is within it', () => {
    expect(goalOffTrack({ ...goal, sd: 5.5, reliability: 0.89 }, points, now)).toBe(false);
    // A tighter measure (SD 1, r .9 → 0.88) calls the same data off track.
    expect(goalOffTrack({ ...goal, sd: 1, reliability: 0.9 }, points, now)).toBe(true);
  });
});
