import { describe, expect, it } from 'vitest';
import { CorrectionIndex } from '../../../src/domain/corrections.ts';

describe('corrections overlay', () => {
  const fact = (over: object) => ({
    resource: 'check-in',
    resourceId: 'c1',
    field: 'value',
    status: 'accepted' as const,
    original: 5,
    corrected: 2,
    resolvedAt: '2026-03-01T10:00:00.000Z',
    ...over,
  });

  it('applies the latest accepted correction of a field and nothing else', () => {
    const index = new CorrectionIndex([
      fact({}),
      fact({ corrected: 3, resolvedAt: '2026-03-02T10:00:00.000Z' }),
      fact({ status: 'declined', corrected: null, resolvedAt: '2026-03-03T10:00:00.000Z' }),
      fact({ status: 'open', corrected: null, resolvedAt: null }),
      fact({ field: null, corrected: null }),
    ]);
    expect(index.value('check-in', 'c1', 'value', 5)).toBe(3);
    expect(index.get('check-in', 'c1', 'value')?.original).toBe(5);
    expect(index.value('check-in', 'c1', 'note', 'as stored')).toBe('as stored');
    expect(index.value('check-in', 'c2', 'value', 7)).toBe(7);
    expect(index.value('goal', 'c1', 'value', 7)).toBe(7);
  });
});
