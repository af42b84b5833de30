import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planOutcomes, planSentence, tallyPlanUses } from '../../../src/domain/if-then.ts';

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
