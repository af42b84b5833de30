import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  defaultNoise,
  dueInstant,
  expectedValue,
  goalProgress,
  maxTrendPoints,
  offTrackFor,
  percentToTarget,
  theilSenSlopePerWeek,
  type ExpectedLine,
  type GoalProgressInput,
  type Point,
} from '../../../src/domain/progress.ts';
import { DomainError } from '../../../src/domain/errors.ts';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const t0 = Date.parse('2026-01-05T12:00:00Z');
const day = (n: number, value: number): Point => ({ at: new Date(t0 + n * DAY), value });
const close = (got: number | null, want: number): void => {
  expect(got).not.toBeNull();
  expect(Math.abs((got as number) - want)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(want)));
};

describe('theilSenSlopePerWeek', () => {
  it.each<[string, Point[], number | null]>([
    ['no points', [], null],
    ['one point', [day(0, 3)], null],
    ['two points at one time', [day(0, 3), day(0, 5)], null],
    ['two points a week apart', [day(0, 3), day(7, 6)], 3],
    ['two points a day apart', [day(0, 3), day(1, 4)], 7],
    ['falling', [day(0, 10), day(14, 6)], -2],
    ['median of three slopes (2, 0.5, −1)', [day(0, 0), day(7, 2), day(14, 1)], 0.5],
    ['one wild outlier', [day(0, 0), day(7, 1), day(14, 2), day(21, 3), day(28, 100)], 1],
    ['a repeated time adds no pair', [day(0, 0), day(7, 1), day(7, 5)], 3],
    [
      'ISO strings',
      [
        { at: '2026-01-01T00:00:00Z', value: 1 },
        { at: '2026-01-15T00:00:00Z', value: 2 },
      ],
      0.5,
    ],
  ])('%s → %s', (_name, points, expected) => {
    expect(theilSenSlopePerWeek(points)).toBe(expected);
  });

  it('refuses a bad time or value, naming the point', () => {
    expect(() => theilSenSlopePerWeek([day(0, 1), { at: 'yesterday', value: 2 }])).toThrowError(
      expect.objectContaining({ field: 'points.1.at' }),
    );
    expect(() => theilSenSlopePerWeek([day(0, Number.NaN), day(1, 2)])).toThrowError(DomainError);
  });

  const line = fc.record({
    minutes: fc.uniqueArray(fc.integer({ min: 0, max: 365 * 24 * 60 }), {
      minLength: 2,
      maxLength: 40,
    }),
    slope: fc.integer({ min: -50, max: 50 }),
    intercept: fc.integer({ min: -100, max: 100 }),
  });
  const onLine = (l: { minutes: number[]; slope: number; intercept: number }): Point[] =>
    l.minutes.map((m) => ({
      at: new Date(t0 + m * 60_000),
      value: l.intercept + (l.slope * m * 60_000) / WEEK,
    }));

  it('of a perfect line is its slope', () => {
    fc.assert(
      fc.property(line, (l) => {
        close(theilSenSlopePerWeek(onLine(l)), l.slope);
      }),
    );
  });

  it('is robust to one outlier (5 points or more)', () => {
    fc.assert(
      fc.property(
        line.filter((l) => l.minutes.length >= 5),
        fc.nat(),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (l, which, wild) => {
          const points = onLine(l);
          const i = which % points.length;
          points[i] = { at: new Date(t0 + (l.minutes[i] as number) * 60_000), value: wild };
          close(theilSenSlopePerWeek(points), l.slope);
        },
      ),
    );
  });

  it('does not depend on the order of the points', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            m: fc.integer({ min: 0, max: 100_000 }),
            v: fc.integer({ min: 0, max: 10 }),
          }),
          {
            maxLength: 30,
          },
        ),
        (raw) => {
          const points = raw.map((r) => ({ at: new Date(t0 + r.m * 60_000), value: r.v }));
          expect(theilSenSlopePerWeek([...points].reverse())).toBe(theilSenSlopePerWeek(points));
        },
      ),
    );
  });

  it(`subsamples more than ${maxTrendPoints} points deterministically`, () => {
    const points = Array.from({ length: 2000 }, (_, i) =>
      day(i / 10, 5 + (i % 7 === 3 ? 40 : i / 70)),
    );
    const slope = theilSenSlopePerWeek(points);
    close(slope, 1);
    expect(theilSenSlopePerWeek([...points].reverse())).toBe(slope);
  });
});

describe('percentToTarget', () => {
  it.each<[number, number, number | null, number | null]>([
    [10, 2, 6, 50],
    [10, 2, 2, 100],
    [10, 2, 0, 125],
    [10, 2, 12, -25],
    [10, 2, 10, 0],
    [0, 3, 1, 33.33],
    [0, 3, 2, 66.67],
    [0, -3, -2, 66.67],
    [0, 3, -1, -33.33],
    [5, 5, 3, null],
    [1, 4, null, null],
    [0, 8, 0.1, 1.25],
  ])('baseline %d, target %d, latest %s → %s', (b, t, latest, expected) => {
    expect(percentToTarget(b, t, latest)).toBe(expected);
  });

  it('is 0 at the baseline and 100 at the target', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (b, t) => {
          fc.pre(b !== t);
          expect(percentToTarget(b, t, b)).toBe(0);
          expect(percentToTarget(b, t, t)).toBe(100);
        },
      ),
    );
  });
});

describe('expectedValue (SPEC §9 R5 line)', () => {
  const line = {
    baseline: 8,
    target: 2,
    startAt: '2026-01-01T00:00:00Z',
    dueAt: '2026-01-31T00:00:00Z',
  };
  it.each([
    ['2025-12-01T00:00:00Z', 8],
    ['2026-01-01T00:00:00Z', 8],
    ['2026-01-11T00:00:00Z', 6],
    ['2026-01-16T00:00:00Z', 5],
    ['2026-01-31T00:00:00Z', 2],
    ['2026-06-01T00:00:00Z', 2],
  ])('at %s → %d', (at, expected) => {
    expect(expectedValue({ ...line, at })).toBe(expected);
  });

  it('expects the target at once when due is not after start', () => {
    const p = {
      baseline: 0,
      target: 10,
      startAt: '2026-01-10T00:00:00Z',
      dueAt: '2026-01-01T00:00:00Z',
    };
    expect(expectedValue({ ...p, at: '2026-01-05T00:00:00Z' })).toBe(0);
    expect(expectedValue({ ...p, at: '2026-01-11T00:00:00Z' })).toBe(10);
  });

  it('stays between baseline and target', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: -500, max: 2000 }),
        (b, t, s, len, a) => {
          const v = expectedValue({
            baseline: b,
            target: t,
            startAt: new Date(t0 + s * DAY),
            dueAt: new Date(t0 + (s + len) * DAY),
            at: new Date(t0 + a * DAY),
          });
          expect(v).toBeGreaterThanOrEqual(Math.min(b, t) - 1e-9);
          expect(v).toBeLessThanOrEqual(Math.max(b, t) + 1e-9);
        },
      ),
    );
  });
});

describe('dueInstant and defaultNoise', () => {
  it('a goal is due by the end of its local due day', () => {
    expect(dueInstant('2026-03-07', 'America/Toronto').toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    );
    expect(dueInstant('2026-03-08', 'America/Toronto').toISOString()).toBe(
      '2026-03-09T04:00:00.000Z',
    );
    expect(dueInstant('2026-03-08', 'UTC').toISOString()).toBe('2026-03-09T00:00:00.000Z');
  });

  it.each([
    [{ kind: 'scale' as const, baseline: null, target: null }, 1],
    [{ kind: 'scale' as const, baseline: 8, target: 2 }, 1],
    [{ kind: 'count' as const, baseline: 10, target: 2 }, 0.8],
    [{ baseline: 0, target: 30 }, 3],
    [{ kind: 'minutes' as const, baseline: null, target: 30 }, null],
  ])('%j → %s', (input, expected) => {
    expect(defaultNoise(input)).toBe(expected);
  });
});

describe('offTrackFor (SPEC §9 R5: behind the line by more than the noise for two weeks)', () => {
  // Panic attacks per week, 10 → 2 over 80 days: the line falls 0.1 a day.
  const line: ExpectedLine = {
    baseline: 10,
    target: 2,
    better: 'lower',
    startAt: new Date(t0),
    dueAt: new Date(t0 + 80 * DAY),
  };
  const now = new Date(t0 + 40 * DAY); // expected 6 today
  const at = (d: number, value: number): Point => day(d, value); // expected 10 − 0.1·d

  it.each<[string, Point[], number, boolean]>([
    ['two behind, a week apart', [at(30, 9), at(37, 8)], 1, true],
    ['three behind over 13 days', [at(27, 9), at(33, 9), at(40, 9)], 1, true],
    ['behind by exactly the noise is not more', [at(30, 8), at(37, 7.3)], 1, false],
    ['one of them within the noise', [at(30, 9), at(34, 7), at(37, 8)], 1, false],
    ['one ahead of the line', [at(30, 9), at(34, 2), at(37, 8)], 1, false],
    ['only one check-in in two weeks', [at(37, 9)], 1, false],
    ['two check-ins 6 days apart', [at(31, 9), at(37, 9)], 1, false],
    ['an old check-in does not count', [at(20, 9), at(30, 9)], 1, false],
    ['a check-in exactly 14 days ago is outside', [at(26, 10), at(37, 9)], 1, false],
    ['older ones on track do not save recent ones', [at(10, 5), at(30, 9), at(37, 8)], 1, true],
    ['a future check-in is ignored', [at(30, 9), at(37, 8), at(41, 0)], 1, true],
    ['no check-ins', [], 1, false],
    ['a larger noise', [at(30, 9), at(37, 8)], 2.5, false],
  ])('%s → %s', (_name, points, noise, expected) => {
    expect(offTrackFor({ line, noise, points, now })).toBe(expected);
  });

  it('respects the better direction', () => {
    const up: ExpectedLine = { ...line, baseline: 2, target: 10, better: 'higher' };
    // expected 2 + 0.1·d: at day 30 → 5, at day 37 → 5.7.
    expect(offTrackFor({ line: up, noise: 1, points: [at(30, 3), at(37, 4)], now })).toBe(true);
    expect(offTrackFor({ line: up, noise: 1, points: [at(30, 9), at(37, 9)], now })).toBe(false);
  });
});

describe('goalProgress', () => {
  // Anxiety 0–10, lower is better, in Toronto; now is noon on Tue 2026-03-10 (EDT).
  const base: GoalProgressInput = {
    baseline: 8,
    target: 3,
    better: 'lower',
    startAt: '2026-02-01T15:00:00Z',
    dueDate: '2026-04-30',
    timeZone: 'America/Toronto',
    now: new Date('2026-03-10T16:00:00Z'),
    kind: 'scale',
    points: [
      { at: '2026-03-05T15:00:00Z', value: 5 }, // local 03-05
      { at: '2026-02-10T15:00:00Z', value: 9 }, // local 02-10: outside the 28 days
      { at: '2026-03-10T03:30:00Z', value: 4 }, // local 03-09 23:30 EDT: the latest
      { at: '2026-02-11T15:00:00Z', value: 7 }, // local 02-11: first of the 28 days
      { at: '2026-03-04T04:30:00Z', value: 6 }, // local 03-03 23:30 EST: outside the 7 days
    ],
  };

  it('summarises a goal on its way', () => {
    const p = goalProgress(base);
    expect(p).toMatchObject({
      baseline: 8,
      target: 3,
      latest: { at: '2026-03-10T03:30:00.000Z', value: 4 },
      percentToTarget: 80,
      average7: 4.5,
      average28: 5.5,
      trend: { direction: 'improving' },
      onTrack: true,
      offTrack: false,
    });
    const recent = base.points.filter((pt) => pt.value !== 9);
    expect(p.trend.slopePerWeek).toBe(
      Math.round((theilSenSlopePerWeek(recent) as number) * 100) / 100,
    );
    expect(p.trend.slopePerWeek).toBeLessThan(0);
  });

  it('is off track when the latest is worse than the line by more than the noise', () => {
    // Expected at the latest check-in: 8 − 5 × (36.52 d / 88.54 d) ≈ 5.94.
    const points = [...base.points, { at: '2026-03-10T12:00:00Z', value: 7 }];
    expect(goalProgress({ ...base, points }).onTrack).toBe(false);
    const near = [...base.points, { at: '2026-03-10T12:00:00Z', value: 6.5 }];
    expect(goalProgress({ ...base, points: near }).onTrack).toBe(true);
    expect(goalProgress({ ...base, points: near, noise: 0.25 }).onTrack).toBe(false);
  });

  it('trend direction follows the better direction', () => {
    const rising = [day(0, 2), day(3, 4), day(6, 6)];
    const now = new Date(t0 + 7 * DAY);
    const p = { ...base, now, timeZone: 'UTC', points: rising };
    expect(goalProgress({ ...p, better: 'lower' }).trend.direction).toBe('worsening');
    expect(goalProgress({ ...p, better: 'higher' }).trend.direction).toBe('improving');
    expect(goalProgress({ ...p, points: [day(0, 5), day(6, 5)] }).trend).toEqual({
      slopePerWeek: 0,
      direction: 'flat',
    });
    // 0.07 a week with a noise of 1: it would take over 10 weeks to move by the noise.
    expect(goalProgress({ ...p, points: [day(0, 5), day(6, 5.06)] }).trend.direction).toBe('flat');
    expect(goalProgress({ ...p, points: [day(0, 5), day(6, 5.2)] }).trend.direction).toBe(
      'worsening',
    );
    expect(goalProgress({ ...p, points: [day(0, 5)] }).trend).toEqual({
      slopePerWeek: null,
      direction: 'unknown',
    });
  });

  it('without a target, baseline or due date: no percent, no line', () => {
    const none = goalProgress({ ...base, target: null });
    expect(none).toMatchObject({ percentToTarget: null, onTrack: null, offTrack: null });
    expect(goalProgress({ ...base, baseline: null }).onTrack).toBeNull();
    const noDue = goalProgress({ ...base, dueDate: null });
    expect(noDue).toMatchObject({ percentToTarget: 80, onTrack: null, offTrack: null });
  });

  it('without check-ins: nothing to report but the plan', () => {
    expect(goalProgress({ ...base, points: [] })).toEqual({
      baseline: 8,
      target: 3,
      latest: null,
      percentToTarget: null,
      average7: null,
      average28: null,
      trend: { slopePerWeek: null, direction: 'unknown' },
      onTrack: null,
      offTrack: null,
    });
  });

  it('a tie on `at` goes to the later check-in received', () => {
    const points = [
      { at: '2026-03-09T12:00:00Z', value: 4 },
      { at: '2026-03-09T12:00:00Z', value: 5 },
    ];
    expect(goalProgress({ ...base, points }).latest?.value).toBe(5);
  });

  it('flags two weeks behind the line', () => {
    const points = [
      { at: '2026-02-28T15:00:00Z', value: 8 }, // expected ≈ 6.4
      { at: '2026-03-09T15:00:00Z', value: 8 }, // expected ≈ 5.9
    ];
    expect(goalProgress({ ...base, points })).toMatchObject({ onTrack: false, offTrack: true });
  });

  it('refuses malformed input, naming the field', () => {
    expect(() => goalProgress({ ...base, timeZone: 'Nowhere/Else' })).toThrowError(
      expect.objectContaining({ field: 'timeZone' }),
    );
    expect(() => goalProgress({ ...base, dueDate: '2026-04-31' })).toThrowError(
      expect.objectContaining({ field: 'dueDate' }),
    );
    expect(() => goalProgress({ ...base, noise: -1 })).toThrowError(
      expect.objectContaining({ field: 'noise' }),
    );
    expect(() => goalProgress({ ...base, startAt: 'soon' })).toThrowError(
      expect.objectContaining({ field: 'startAt' }),
    );
  });

  it('averages stay within the values they average', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            h: fc.integer({ min: 0, max: 40 * 24 }),
            v: fc.integer({ min: 0, max: 10 }),
          }),
          { maxLength: 40 },
        ),
        (raw) => {
          const points = raw.map((r) => ({
            at: new Date(Date.parse('2026-03-10T16:00:00Z') - r.h * 3_600_000),
            value: r.v,
          }));
          const p = goalProgress({ ...base, points });
          for (const avg of [p.average7, p.average28]) {
            if (avg === null) continue;
            expect(avg).toBeGreaterThanOrEqual(0);
            expect(avg).toBeLessThanOrEqual(10);
          }
          if (p.average7 !== null) expect(p.average28).not.toBeNull();
        },
      ),
    );
  });
});
