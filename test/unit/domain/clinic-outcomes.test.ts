import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countOutcomes, courseOutcome } from '../../../src/domain/clinic-outcomes.ts';

describe('clinic outcome counts (SPEC §6)', () => {
  it('pairs a course only with two scores of each measure', () => {
    expect(courseOutcome({ phq9: [15], gad7: [12, 6] })).toBeNull();
    expect(courseOutcome({ phq9: [15, 8], gad7: [12] })).toBeNull();
    // SPEC vector 14, with a middle score that the rule ignores.
    expect(courseOutcome({ phq9: [15, 20, 8], gad7: [12, 6] })).toMatchObject({
      recovery: true,
      reliableImprovement: true,
      reliableRecovery: true,
      reliableDeterioration: false,
    });
  });

  it('counts SPEC vectors 14, 15, 16 and 19 together', () => {
    const counts = countOutcomes([
      { phq9: [15, 8], gad7: [12, 6] }, // 14: recovered, reliable recovery
      { phq9: [12, 7], gad7: [9, 7] }, // 15: recovered, not reliably improved
      { phq9: [9, 9], gad7: [7, 5] }, // 16: not at caseness at the start
      { phq9: [16, 9], gad7: [6, 11] }, // 19: reliable deterioration
      { phq9: [14], gad7: [] }, // scored once: counted, not paired
      { phq9: [], gad7: [] }, // never scored: not counted
    ]);
    expect(counts).toEqual({
      clients: 5,
      paired: 4,
      casenessAtStart: 3,
      casenessAtEnd: 1,
      recovered: 2,
      reliablyImproved: 1,
      reliableRecovery: 1,
      reliablyDeteriorated: 1,
      recoveryRate: 66.67,
    });
  });

  it('never counts more recovered than at caseness, nor more paired than clients', () => {
    const score = (max: number) => fc.array(fc.integer({ min: 0, max }), { maxLength: 4 });
    fc.assert(
      fc.property(
        fc.array(fc.record({ phq9: score(27), gad7: score(21) }), { maxLength: 20 }),
        (courses) => {
          const c = countOutcomes(courses);
          expect(c.paired).toBeLessThanOrEqual(c.clients);
          expect(c.recovered).toBeLessThanOrEqual(c.casenessAtStart);
          expect(c.reliableRecovery).toBeLessThanOrEqual(Math.min(c.recovered, c.reliablyImproved));
          expect(c.reliablyImproved + c.reliablyDeteriorated).toBeLessThanOrEqual(c.paired);
        },
      ),
    );
  });
});
