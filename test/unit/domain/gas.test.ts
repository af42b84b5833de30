import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../../../src/domain/errors.ts';
import { gasLevels, gasTScore, isGasLevel, round2 } from '../../../src/domain/gas.ts';

const levels = (...xs: number[]) => xs.map((level) => ({ level }));

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.field;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('gasTScore', () => {
  it('vector 23: gasr weighted example is 55.00', () => {
    const x = [-2, 0, -1, 2, 0, 1];
    const w = [3, 5, 1, 4, 2, 6];
    const ratings = x.map((level, i) => ({ level, weight: w[i] }));
    expect(gasTScore(ratings)).toBeCloseTo(55, 10);
    expect(round2(gasTScore(ratings) ?? NaN)).toBe(55);
  });

  it.each([
    { ratings: [0, 0, 0], t: 50 },
    { ratings: [1, 1, 0], t: 59.13 },
    { ratings: [-2, -2, -2], t: 22.61 },
    { ratings: [2], t: 70 },
  ])('vector 24: unweighted $ratings → $t', ({ ratings, t }) => {
    expect(round2(gasTScore(levels(...ratings)) ?? NaN)).toBe(t);
  });

  it('is unrounded', () => {
    expect(gasTScore(levels(1, 1, 0))).toBeCloseTo(50 + 20 / Math.sqrt(4.8), 12);
  });

  it('is null for no ratings', () => {
    expect(gasTScore([])).toBeNull();
  });

  it('weight defaults to 1', () => {
    const bare = levels(-1, 2, 0, 1);
    const weighted = bare.map((r) => ({ ...r, weight: 1 }));
    expect(gasTScore(bare)).toBe(gasTScore(weighted));
  });

  it('uses equal weights when every weight is 0 (as gasr)', () => {
    const zero = [-1, 2, 0, 1].map((level) => ({ level, weight: 0 }));
    expect(gasTScore(zero)).toBe(gasTScore(levels(-1, 2, 0, 1)));
  });

  it('a goal of weight 0 among weighted goals does not count', () => {
    expect(
      gasTScore([
        { level: 2, weight: 3 },
        { level: -2, weight: 0 },
      ]),
    ).toBeCloseTo(70, 10);
  });

  it('takes ρ as a parameter', () => {
    // With ρ = 0 and unit weights, T = 50 + 10·Σx/√n.
    expect(gasTScore(levels(1, 1, 1, 1), 0)).toBeCloseTo(70, 10);
    expect(gasTScore(levels(1, 1, 1, 1))).toBeCloseTo(50 + 40 / Math.sqrt(0.7 * 4 + 0.3 * 16), 10);
  });

  it.each([
    [() => gasTScore([{ level: NaN }]), 'ratings.0.level'],
    [() => gasTScore([{ level: 0 }, { level: 1, weight: -1 }]), 'ratings.1.weight'],
    [() => gasTScore([{ level: 0, weight: Infinity }]), 'ratings.0.weight'],
    [() => gasTScore(levels(0), 1.5), 'rho'],
    [() => gasTScore(levels(0), -0.1), 'rho'],
  ])('rejects bad input (%#) on %s', (fn, field) => {
    expect(fieldOf(fn)).toBe(field);
  });

  const level = fc.integer({ min: -2, max: 2 });
  const weight = fc.integer({ min: 0, max: 9 });
  const ratings = fc.array(fc.record({ level, weight }), { minLength: 1, maxLength: 10 });

  it('all goals at the expected level give 50, whatever the weights', () => {
    fc.assert(
      fc.property(fc.array(weight, { minLength: 1, maxLength: 10 }), (ws) => {
        expect(gasTScore(ws.map((w) => ({ level: 0, weight: w })))).toBe(50);
      }),
    );
  });

  it('is symmetric: negating every level gives 100 − T', () => {
    fc.assert(
      fc.property(ratings, (rs) => {
        const t = gasTScore(rs) ?? NaN;
        const negated = gasTScore(rs.map((r) => ({ ...r, level: -r.level }))) ?? NaN;
        expect(negated).toBeCloseTo(100 - t, 9);
      }),
    );
  });

  it('is monotone: raising one level never lowers T', () => {
    fc.assert(
      fc.property(ratings, fc.nat(), fc.integer({ min: 1, max: 4 }), (rs, pick, step) => {
        const i = pick % rs.length;
        const raised = rs.map((r, j) =>
          j === i ? { ...r, level: Math.min(2, r.level + step) } : r,
        );
        expect(gasTScore(raised) ?? NaN).toBeGreaterThanOrEqual((gasTScore(rs) ?? NaN) - 1e-9);
      }),
    );
  });

  it('stays within the range of its extremes', () => {
    fc.assert(
      fc.property(ratings, (rs) => {
        const t = gasTScore(rs) ?? NaN;
        expect(t).toBeGreaterThanOrEqual(
          (gasTScore(rs.map((r) => ({ ...r, level: -2 }))) ?? NaN) - 1e-9,
        );
        expect(t).toBeLessThanOrEqual(
          (gasTScore(rs.map((r) => ({ ...r, level: 2 }))) ?? NaN) + 1e-9,
        );
      }),
    );
  });
});

describe('isGasLevel', () => {
  it.each([
    [-2, true],
    [-1, true],
    [0, true],
    [1, true],
    [2, true],
    [3, false],
    [-3, false],
    [0.5, false],
    ['1', false],
    [null, false],
    [NaN, false],
  ])('isGasLevel(%s) is %s', (x, expected) => {
    expect(isGasLevel(x)).toBe(expected);
  });

  it('gasLevels lists the five levels in order', () => {
    expect(gasLevels.map((l) => l.level)).toEqual([-2, -1, 0, 1, 2]);
    expect(gasLevels.every((l) => isGasLevel(l.level))).toBe(true);
  });
});

describe('round2', () => {
  it.each([
    [59.125, 59.13],
    [59.12499999999999, 59.13], // a half that float arithmetic left a hair short
    [1.005, 1.01], // 1.005 * 100 = 100.49999999999999
    [-1.005, -1.01],
    [4.35, 4.35], // 4.35 * 100 = 434.99999999999994
    [1.255, 1.26],
    [2.675, 2.68],
    [0.125, 0.13],
    [-0.125, -0.13],
    [59.128709, 59.13],
    [22.613872, 22.61],
    [1.004, 1],
    [-2.5, -2.5],
    [55, 55],
    [0, 0],
  ])('round2(%d) = %d', (x, expected) => {
    expect(round2(x)).toBe(expected);
  });

  it('never returns −0', () => {
    expect(Object.is(round2(-0.001), 0)).toBe(true);
    expect(Object.is(round2(-0), 0)).toBe(true);
  });

  it('passes non-finite numbers through', () => {
    expect(round2(NaN)).toBeNaN();
    expect(round2(Infinity)).toBe(Infinity);
  });

  it('does not round a large value past the half cent (a found counterexample)', () => {
    expect(round2(999999.99475)).toBe(999999.99);
    expect(round2(-999999.99475)).toBe(-999999.99);
  });

  it('lands within half a cent of its input, on a whole cent', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        const r = round2(x);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(0.005 + 1e-6);
        expect(Math.abs(r * 100 - Math.round(r * 100))).toBeLessThan(1e-6);
      }),
    );
  });
});
