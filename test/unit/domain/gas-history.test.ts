import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gasTScore, round2 } from '../../../src/domain/gas.ts';
import { gasTScoreHistory, latestGasRatings } from '../../../src/domain/gas-history.ts';

const r = (goalId: string, level: number, ratedAt: string, weight?: number) => ({
  goalId,
  level,
  ratedAt,
  ...(weight !== undefined ? { weight } : {}),
});

describe('latestGasRatings', () => {
  it('keeps each goal at its latest rating by ratedAt, whatever the input order', () => {
    const latest = latestGasRatings([
      r('a', 1, '2026-03-10T10:00:00Z'),
      r('a', -1, '2026-03-01T10:00:00Z'),
      r('b', 0, '2026-03-05T10:00:00Z'),
    ]);
    expect(Object.fromEntries(latest.map((x) => [x.goalId, x.level]))).toEqual({ a: 1, b: 0 });
  });

  it('on equal ratedAt takes the later entry', () => {
    const latest = latestGasRatings([
      r('a', 1, '2026-03-10T10:00:00Z'),
      r('a', 2, '2026-03-10T10:00:00.000Z'),
    ]);
    expect(latest).toEqual([r('a', 2, '2026-03-10T10:00:00.000Z')]);
  });
});

describe('gasTScoreHistory', () => {
  it('is empty without ratings', () => {
    expect(gasTScoreHistory([])).toEqual([]);
  });

  it('gives the T-score after each rating instant (SPEC vector 24 along the way)', () => {
    const history = gasTScoreHistory([
      r('a', 0, '2026-03-01T10:00:00Z'),
      r('b', 0, '2026-03-01T10:00:00Z'),
      r('c', 0, '2026-03-01T10:00:00Z'),
      r('a', 1, '2026-03-08T10:00:00Z'),
      r('b', 1, '2026-03-15T10:00:00Z'),
    ]);
    expect(history).toEqual([
      { at: '2026-03-01T10:00:00.000Z', tScore: 50 },
      { at: '2026-03-08T10:00:00.000Z', tScore: round2(50 + 10 / Math.sqrt(0.7 * 3 + 0.3 * 9)) },
      { at: '2026-03-15T10:00:00.000Z', tScore: 59.13 },
    ]);
  });

  it('uses weights (SPEC vector 23 at the end)', () => {
    const x = [-2, 0, -1, 2, 0, 1];
    const w = [3, 5, 1, 4, 2, 6];
    const ratings = x.map((level, i) => r(`g${i}`, level, `2026-03-0${i + 1}T09:00:00Z`, w[i]));
    expect(gasTScoreHistory(ratings).at(-1)).toEqual({
      at: '2026-03-06T09:00:00.000Z',
      tScore: 55,
    });
  });

  it('ends at the T-score of the latest ratings', () => {
    const rating = fc.record({
      goalId: fc.constantFrom('a', 'b', 'c', 'd'),
      level: fc.integer({ min: -2, max: 2 }),
      ratedAt: fc
        .integer({ min: 0, max: 60 })
        .map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString()),
    });
    fc.assert(
      fc.property(fc.array(rating, { minLength: 1, maxLength: 30 }), (ratings) => {
        const history = gasTScoreHistory(ratings);
        const last = history.at(-1);
        expect(last?.tScore).toBe(round2(gasTScore(latestGasRatings(ratings)) ?? NaN));
        const times = history.map((h) => h.at);
        expect([...times].sort()).toEqual(times);
        expect(new Set(times).size).toBe(times.length);
      }),
    );
  });
});
