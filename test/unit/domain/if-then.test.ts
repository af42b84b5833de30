import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  planOutcomes,
  planSentence,
  rankPlans,
  tallyPlanUses,
} from '../../../src/domain/if-then.ts';

describe('tallyPlanUses', () => {
  it.each([
    { worked: [], expected: { uses: 0, yes: 0, partly: 0, no: 0, workedPercent: null } },
    { worked: ['yes'], expected: { uses: 1, yes: 1, partly: 0, no: 0, workedPercent: 100 } },
    { worked: ['no', 'no'], expected: { uses: 2, yes: 0, partly: 0, no: 2, workedPercent: 0 } },
    {
      worked: ['yes', 'partly', 'no'],
      expected: { uses: 3, yes: 1, partly: 1, no: 1, workedPercent: 50 },
    },
    {
      worked: ['yes', 'yes', 'partly'],
      expected: { uses: 3, yes: 2, partly: 1, no: 0, workedPercent: 83 },
    },
  ] as const)('$worked → $expected.workedPercent', ({ worked, expected }) => {
    const uses = worked.map((w, i) => ({ worked: w, localDate: `2026-03-0${i + 1}` }));
    expect(tallyPlanUses(uses)).toEqual({
      ...expected,
      lastUsedOn: uses.length ? uses[uses.length - 1]!.localDate : null,
    });
  });

  it('takes the latest day whatever the order', () => {
    const t = tallyPlanUses([
      { worked: 'yes', localDate: '2026-03-09' },
      { worked: 'no', localDate: '2026-03-01' },
    ]);
    expect(t.lastUsedOn).toBe('2026-03-09');
  });

  it('counts every use once and stays within 0–100', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...planOutcomes)), (worked) => {
        const t = tallyPlanUses(worked.map((w) => ({ worked: w, localDate: '2026-01-01' })));
        expect(t.yes + t.partly + t.no).toBe(t.uses);
        if (t.workedPercent !== null) {
          expect(t.workedPercent).toBeGreaterThanOrEqual(0);
          expect(t.workedPercent).toBeLessThanOrEqual(100);
        }
      }),
    );
  });
});

describe('planSentence', () => {
  it.each([
    [
      'I wake up anxious',
      'I breathe for 5 minutes',
      'If I wake up anxious, then I breathe for 5 minutes.',
    ],
    ['If it rains.', 'then I walk indoors.', 'If it rains, then I walk indoors.'],
  ])('%s / %s', (ifText, thenText, sentence) => {
    expect(planSentence(ifText, thenText)).toBe(sentence);
  });
});

describe('rankPlans', () => {
  const plan = (name: string, uses: number, workedPercent: number | null) => ({
    name,
    uses,
    workedPercent,
  });

  it('puts the plans that work best first, then the more used, and unmarked plans last in their order', () => {
    const ranked = rankPlans(
      [
        plan('never used', 0, null),
        plan('half, once', 1, 50),
        plan('always', 2, 100),
        plan('also never used', 0, null),
        plan('half, often', 4, 50),
        plan('never works', 3, 0),
      ],
      (p) => p,
    );
    expect(ranked.map((p) => p.name)).toEqual([
      'always',
      'half, often',
      'half, once',
      'never works',
      'never used',
      'also never used',
    ]);
  });

  it('keeps every plan once, in an order no later plan beats', () => {
    const arbPlan = fc.oneof(
      fc.constant({ uses: 0, workedPercent: null }),
      fc.record({
        uses: fc.integer({ min: 1, max: 50 }),
        workedPercent: fc.integer({ min: 0, max: 100 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(arbPlan, { maxLength: 12 }), (plans) => {
        const input = plans.map((p, i) => ({ ...p, i }));
        const ranked = rankPlans(input, (p) => p);
        expect([...ranked].map((p) => p.i).sort((a, b) => a - b)).toEqual(input.map((p) => p.i));
        for (let k = 1; k < ranked.length; k++) {
          const a = ranked[k - 1]!;
          const b = ranked[k]!;
          const sa = a.workedPercent ?? -1;
          const sb = b.workedPercent ?? -1;
          expect(
            sa > sb || (sa === sb && (a.uses > b.uses || (a.uses === b.uses && a.i < b.i))),
          ).toBe(true);
        }
      }),
    );
  });
});
