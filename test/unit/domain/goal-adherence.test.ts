import { describe, expect, it } from 'vitest';
import { meanAdherence } from '../../../src/domain/goal-adherence.ts';

describe('meanAdherence', () => {
  it.each([
    { values: [], mean: null },
    { values: [null, null], mean: null },
    { values: [80], mean: 80 },
    { values: [100, 50, null], mean: 75 },
    { values: [100, 0, 0], mean: 33 },
    { values: [67, 66], mean: 67 },
  ])('$values → $mean', ({ values, mean }) => {
    expect(meanAdherence(values)).toBe(mean);
  });
});
