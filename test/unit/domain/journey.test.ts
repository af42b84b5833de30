import { describe, expect, it } from 'vitest';
import { journeyFigures } from '../../../src/domain/journey.ts';

describe('journeyFigures', () => {
  it.each([
    {
      name: 'higher is better, from the baseline',
      input: { baseline: 1, target: 3, better: 'higher', values: [1, 2, 4, 3] },
      expected: {
        start: 1,
        latest: 3,
        best: 4,
        change: 2,
        improved: true,
        percentToTarget: 100,
        checkIns: 4,
      },
    },
    {
      name: 'lower is better, no baseline: from the first check-in',
      input: { baseline: null, target: null, better: 'lower', values: [8, 6, 5, 7] },
      expected: {
        start: 8,
        latest: 7,
        best: 5,
        change: -1,
        improved: true,
        percentToTarget: null,
        checkIns: 4,
      },
    },
    {
      name: 'no check-ins',
      input: { baseline: 5, target: 2, better: 'lower', values: [] },
      expected: {
        start: 5,
        latest: null,
        best: null,
        change: null,
        improved: null,
        percentToTarget: null,
        checkIns: 0,
      },
    },
    {
      name: 'worse than the start',
      input: { baseline: 4, target: 8, better: 'higher', values: [3] },
      expected: {
        start: 4,
        latest: 3,
        best: 3,
        change: -1,
        improved: false,
        percentToTarget: -25,
        checkIns: 1,
      },
    },
  ] as const)('$name', ({ input, expected }) => {
    expect(journeyFigures({ ...input, values: [...input.values] })).toEqual(expected);
  });
});
