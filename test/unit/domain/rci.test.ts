import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  classifyChange,
  clinicalSignificanceCutoffs,
  measureReliableChange,
  reliableChangeIndex,
  reliableChangeMargin,
} from '../../../src/domain/rci.ts';

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.field;
    throw e;
  }
  throw new Error('expected a DomainError');
}

const phq9 = { sdPre: 5.5, reliability: 0.89 };

describe('reliableChangeIndex', () => {
  it.each([
    // Vector 20: SE 1.82, S_diff 2.58, threshold 5.06; RCI −2.33 (reliable) and −1.94 (not).
    { pre: 17, post: 11, rci: -2.33, reliable: true },
    { pre: 17, post: 12, rci: -1.94, reliable: false },
  ])('vector 20: PHQ-9 $pre → $post', ({ pre, post, rci, reliable }) => {
    const result = reliableChangeIndex({ ...phq9, pre, post });
    expect(result.seM).toBeCloseTo(1.82, 2);
    expect(result.sDiff).toBeCloseTo(2.58, 2);
    expect(result.threshold).toBeCloseTo(5.06, 2);
    expect(result.rci).toBeCloseTo(rci, 2);
    expect(result.reliable).toBe(reliable);
  });

  it.each([
    // SPEC §4 worked examples.
    { name: 'PHQ-9', sdPre: 5.5, reliability: 0.89, seM: 1.824, sDiff: 2.58, threshold: 5.056 },
    { name: 'GAD-7', sdPre: 4.5, reliability: 0.92, seM: 1.273, sDiff: 1.8, threshold: 3.528 },
    { name: 'CORE-10', sdPre: 7.7, reliability: 0.9, seM: 2.435, sDiff: 3.444, threshold: 6.749 },
  ])(
    '$name: SD $sdPre, α $reliability → threshold $threshold',
    ({ sdPre, reliability, seM, sDiff, threshold }) => {
      const result = reliableChangeIndex({ sdPre, reliability, pre: 0, post: 0 });
      expect(result.seM).toBeCloseTo(seM, 3);
      expect(result.sDiff).toBeCloseTo(sDiff, 3);
      expect(result.threshold).toBeCloseTo(threshold, 3);
      expect(result.rci).toBe(0);
      expect(result.reliable).toBe(false);
    },
  );

  it('reproduces the IAPT integer thresholds: PHQ-9 6 points, GAD-7 4 points', () => {
    expect(Math.ceil(reliableChangeIndex({ ...phq9, pre: 0, post: 0 }).threshold)).toBe(6);
    expect(
      Math.ceil(reliableChangeIndex({ sdPre: 4.5, reliability: 0.92, pre: 0, post: 0 }).threshold),
    ).toBe(4);
  });

  it.each([
    [{ sdPre: 0, reliability: 0.9 }, 'sdPre'],
    [{ sdPre: -1, reliability: 0.9 }, 'sdPre'],
    [{ sdPre: NaN, reliability: 0.9 }, 'sdPre'],
    [{ sdPre: 5, reliability: 0 }, 'reliability'],
    [{ sdPre: 5, reliability: 1 }, 'reliability'],
    [{ sdPre: 5, reliability: 1.2 }, 'reliability'],
    [{ sdPre: 5, reliability: -0.1 }, 'reliability'],
  ])('%o is rejected on %s', (params, field) => {
    expect(fieldOf(() => reliableChangeIndex({ ...params, pre: 10, post: 5 }))).toBe(field);
  });

  it('is reliable exactly when the change exceeds the threshold, and antisymmetric', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 20, noNaN: true }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (sdPre, reliability, pre, post) => {
          const forward = reliableChangeIndex({ sdPre, reliability, pre, post });
          const backward = reliableChangeIndex({ sdPre, reliability, pre: post, post: pre });
          expect(backward.rci).toBeCloseTo(-forward.rci, 9);
          expect(backward.reliable).toBe(forward.reliable);
          // Away from the boundary, the two formulations agree.
          if (Math.abs(Math.abs(post - pre) - forward.threshold) > 1e-9) {
            expect(forward.reliable).toBe(Math.abs(post - pre) > forward.threshold);
          }
        },
      ),
    );
  });
});

describe('clinicalSignificanceCutoffs', () => {
  it('SPEC §4 PHQ-9: a 4.40, b 9.91, c 7.77', () => {
    const { a, b, c } = clinicalSignificanceCutoffs({
      meanClinical: 15.4,
      sdClinical: 5.5,
      meanFunctional: 2.91,
      sdFunctional: 3.5,
      lowerIsBetter: true,
    });
    expect(a).toBeCloseTo(4.4, 2);
    expect(b).toBeCloseTo(9.91, 2);
    expect(c).toBeCloseTo(7.77, 2);
  });

  it('SPEC §4 CORE-10: c 10.46', () => {
    const { c } = clinicalSignificanceCutoffs({
      meanClinical: 19.7,
      sdClinical: 7.7,
      meanFunctional: 4.7,
      sdFunctional: 4.8,
      lowerIsBetter: true,
    });
    expect(c).toBeCloseTo(10.46, 2);
  });

  it('b uses the functional SD, not the clinical one', () => {
    const { b } = clinicalSignificanceCutoffs({
      meanClinical: 20,
      sdClinical: 10,
      meanFunctional: 5,
      sdFunctional: 1,
      lowerIsBetter: true,
    });
    expect(b).toBe(7);
  });

  it('reverses the signs of a and b when higher is better; c does not move', () => {
    const p = { meanClinical: 40, sdClinical: 8, meanFunctional: 70, sdFunctional: 10 };
    expect(clinicalSignificanceCutoffs({ ...p, lowerIsBetter: false })).toEqual({
      a: 56,
      b: 50,
      c: (8 * 70 + 10 * 40) / 18,
    });
    expect(clinicalSignificanceCutoffs({ ...p, lowerIsBetter: true })).toMatchObject({
      a: 24,
      b: 90,
    });
  });

  it.each(['sdClinical', 'sdFunctional'] as const)('rejects a non-positive %s', (field) => {
    const p = {
      meanClinical: 15,
      sdClinical: 5,
      meanFunctional: 3,
      sdFunctional: 3,
      lowerIsBetter: true,
    };
    expect(fieldOf(() => clinicalSignificanceCutoffs({ ...p, [field]: 0 }))).toBe(field);
  });
});

describe('classifyChange', () => {
  it.each([
    // PHQ-9 (SD 5.5, α .89; S_diff 2.58), cut-off c = 7.77.
    { pre: 17, post: 5, cutoff: 7.77, category: 'recovered' },
    { pre: 17, post: 10, cutoff: 7.77, category: 'improved' },
    { pre: 7, post: 0, cutoff: 7.77, category: 'improved' },
    { pre: 17, post: 12, cutoff: 7.77, category: 'unchanged' },
    { pre: 12, post: 12, cutoff: 7.77, category: 'unchanged' },
    { pre: 5, post: 12, cutoff: 7.77, category: 'harmed' },
    { pre: 12, post: 20, cutoff: 7.77, category: 'deteriorated' },
    { pre: 0, post: 6, cutoff: 7.77, category: 'deteriorated' },
    // A score exactly at the cut-off is neither clinical nor functional.
    { pre: 16, post: 10, cutoff: 10, category: 'improved' },
    { pre: 10, post: 16, cutoff: 10, category: 'harmed' },
    { pre: 11, post: 4, cutoff: 10, category: 'recovered' },
  ] as const)(
    'PHQ-9 $pre → $post, cut-off $cutoff: $category',
    ({ pre, post, cutoff, category }) => {
      const result = classifyChange({ ...phq9, pre, post, cutoff, lowerIsBetter: true });
      expect(result.category).toBe(category);
      expect(result.rci).toBeCloseTo((post - pre) / 2.5797, 3);
    },
  );

  it.each([
    { pre: 30, post: 60, category: 'recovered' },
    { pre: 30, post: 45, category: 'improved' },
    { pre: 60, post: 30, category: 'harmed' },
    { pre: 45, post: 30, category: 'deteriorated' },
    { pre: 60, post: 55, category: 'unchanged' },
  ] as const)(
    'higher is better, cut-off 50: $pre → $post is $category',
    ({ pre, post, category }) => {
      const result = classifyChange({
        sdPre: 10,
        reliability: 0.8,
        pre,
        post,
        cutoff: 50,
        lowerIsBetter: false,
      });
      expect(result.category).toBe(category);
    },
  );

  it('reports the side of the cut-off at each end', () => {
    expect(
      classifyChange({ ...phq9, pre: 17, post: 5, cutoff: 10, lowerIsBetter: true }),
    ).toMatchObject({
      clinicalPre: true,
      functionalPost: true,
    });
    expect(
      classifyChange({ ...phq9, pre: 5, post: 17, cutoff: 10, lowerIsBetter: true }),
    ).toMatchObject({
      clinicalPre: false,
      functionalPost: false,
    });
  });

  it('is unchanged exactly when the change is not reliable', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 27 }),
        fc.integer({ min: 0, max: 27 }),
        fc.double({ min: 0, max: 27, noNaN: true }),
        fc.boolean(),
        (pre, post, cutoff, lowerIsBetter) => {
          const { category } = classifyChange({ ...phq9, pre, post, cutoff, lowerIsBetter });
          const { reliable } = reliableChangeIndex({ ...phq9, pre, post });
          expect(category === 'unchanged').toBe(!reliable);
        },
      ),
    );
  });
});

describe('measureReliableChange (a custom measure over HTTP)', () => {
  const lowerBetter = { sd: 5.5, reliability: 0.89, better: 'lower' as const };
  it.each([
    // SPEC vector 20 read as a custom measure where lower is better.
    { from: 17, to: 11, rci: -2.33, reliable: true, improvement: true, deterioration: false },
    { from: 17, to: 12, rci: -1.94, reliable: false, improvement: false, deterioration: false },
    { from: 11, to: 17, rci: 2.33, reliable: true, improvement: false, deterioration: true },
  ])('vector 20: $from → $to', ({ from, to, rci, reliable, improvement, deterioration }) => {
    expect(measureReliableChange(lowerBetter, from, to)).toEqual({
      from,
      to,
      change: to - from,
      rci,
      threshold: 5.06,
      reliable,
      reliableImprovement: improvement,
      reliableDeterioration: deterioration,
    });
  });

  it('reads direction from the measure: higher is better turns improvement round', () => {
    const higher = { ...lowerBetter, better: 'higher' as const };
    expect(measureReliableChange(higher, 17, 11)).toMatchObject({
      reliableImprovement: false,
      reliableDeterioration: true,
    });
  });

  it('its margin is 1.96 · S_diff (vector 20: 5.06; GAD-7 SD 4.5, α .92: 3.53)', () => {
    expect(reliableChangeMargin({ sd: 5.5, reliability: 0.89 })).toBeCloseTo(5.056, 3);
    expect(reliableChangeMargin({ sd: 4.5, reliability: 0.92 })).toBeCloseTo(3.528, 3);
  });

  it('refuses an SD of 0 or less and a reliability outside (0, 1), naming the field', () => {
    expect(fieldOf(() => measureReliableChange({ ...lowerBetter, sd: 0 }, 1, 2))).toBe('sdPre');
    for (const reliability of [0, 1, -0.2, 1.5]) {
      expect(fieldOf(() => measureReliableChange({ ...lowerBetter, reliability }, 1, 2))).toBe(
        'reliability',
      );
    }
  });

  it('improvement and deterioration are never both, and swap when from and to swap', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (sd, reliability, from, to) => {
          const m = { sd, reliability, better: 'higher' as const };
          const forward = measureReliableChange(m, from, to);
          const back = measureReliableChange(m, to, from);
          expect(forward.reliableImprovement && forward.reliableDeterioration).toBe(false);
          expect(forward.reliableImprovement).toBe(back.reliableDeterioration);
        },
      ),
    );
  });
});
