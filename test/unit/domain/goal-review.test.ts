import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import { dueForReview, statusAfterReview } from '../../../src/domain/lifecycle.ts';

describe('goal review', () => {
  it.each([
    ['active', 'keep', 'active'],
    ['on-hold', 'adjust', 'on-hold'],
    ['active', 'achieved', 'achieved'],
    ['on-hold', 'let-go', 'discontinued'],
    ['proposed', 'let-go', 'discontinued'],
  ] as const)('%s + %s → %s', (from, decision, to) => {
    expect(statusAfterReview(from, decision)).toBe(to);
  });

  it('refuses what the lifecycle refuses, naming status', () => {
    expect(() => statusAfterReview('proposed', 'achieved')).toThrow(DomainError);
    expect(() => statusAfterReview('discontinued', 'let-go')).not.toThrow();
    expect(() => statusAfterReview('achieved', 'let-go')).toThrow(/achieved cannot become/);
  });

  it('is due on or before the day, only while the goal is pursued', () => {
    const by = '2026-03-10';
    expect(dueForReview({ status: 'active', reviewDate: '2026-03-10' }, by)).toBe(true);
    expect(dueForReview({ status: 'on-hold', reviewDate: '2026-03-01' }, by)).toBe(true);
    expect(dueForReview({ status: 'active', reviewDate: '2026-03-11' }, by)).toBe(false);
    expect(dueForReview({ status: 'active', reviewDate: null }, by)).toBe(false);
    expect(dueForReview({ status: 'achieved', reviewDate: '2026-03-01' }, by)).toBe(false);
  });
});
