import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../../../src/domain/errors.ts';
import { instrumentOutcome, pairedOutcome } from '../../../src/domain/outcomes.ts';

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.field;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('instrumentOutcome', () => {
  it('vector 11: PHQ-9 18 → 9 is a 50.00% reduction, a response (boundary), no remission', () => {
    expect(instrumentOutcome('phq9', 18, 9)).toEqual({
      first: 18,
      latest: 9,
      change: -9,
      reliableImprovement: true,
      reliableDeterioration: false,
      response: true,
      remission: false,
      percentChange: -50,
    });
  });

  it.each([
    // id, first, latest, response, percentChange
    ['phq9', 18, 10, false, -44.44],
    ['phq9', 3, 1, true, -66.67],
    ['phq9', 3, 2, false, -33.33],
    ['phq9', 7, 3, true, -57.14],
    ['phq9', 7, 4, false, -42.86],
    ['gad7', 10, 5, true, -50],
    ['gad7', 4, 6, false, 50],
    ['gad7', 9, 9, false, 0],
  ] as const)('%s %i → %i: response %s, percentChange %d', (id, first, latest, response, pct) => {
    const outcome = instrumentOutcome(id, first, latest);
    expect(outcome.response).toBe(response);
    expect(outcome.percentChange).toBe(pct);
    expect(outcome.change).toBe(latest - first);
  });

  it('a first score of 0 has no percentage and no response', () => {
    expect(instrumentOutcome('phq9', 0, 0)).toMatchObject({ response: false, percentChange: null });
    expect(instrumentOutcome('gad7', 0, 5)).toMatchObject({ response: false, percentChange: null });
  });

  it.each([
    [4, true],
    [5, false],
    [0, true],
  ])('PHQ-9 remission at latest %i is %s', (latest, remission) => {
    expect(instrumentOutcome('phq9', 12, latest).remission).toBe(remission);
  });

  it('GAD-7 remission is not established, so null', () => {
    expect(instrumentOutcome('gad7', 12, 0).remission).toBeNull();
  });

  it.each([
    // id, first, latest, reliableImprovement, reliableDeterioration
    ['phq9', 16, 10, true, false],
    ['phq9', 16, 11, false, false],
    ['phq9', 10, 16, false, true],
    ['phq9', 11, 16, false, false],
    ['gad7', 12, 8, true, false],
    ['gad7', 12, 9, false, false],
    ['gad7', 8, 12, false, true],
    ['gad7', 9, 12, false, false],
  ] as const)('%s %i → %i: improvement %s, deterioration %s', (id, first, latest, ri, rd) => {
    const outcome = instrumentOutcome(id, first, latest);
    expect(outcome.reliableImprovement).toBe(ri);
    expect(outcome.reliableDeterioration).toBe(rd);
  });

  it.each([
    ['phq9', 28, 0, 'first'],
    ['phq9', 0, -1, 'latest'],
    ['gad7', 22, 0, 'first'],
    ['gad7', 5, 2.5, 'latest'],
  ] as const)('%s %d → %d is rejected on %s', (id, first, latest, field) => {
    expect(fieldOf(() => instrumentOutcome(id, first, latest))).toBe(field);
  });
});

describe('pairedOutcome', () => {
  it.each([
    {
      n: 14,
      scores: { phq9First: 15, phq9Latest: 8, gad7First: 12, gad7Latest: 6 },
      expected: {
        casenessAtStart: true,
        casenessAtEnd: false,
        recovery: true,
        reliableImprovement: true,
        reliableRecovery: true,
        reliableDeterioration: false,
      },
    },
    {
      n: 15,
      scores: { phq9First: 12, phq9Latest: 7, gad7First: 9, gad7Latest: 7 },
      expected: {
        casenessAtStart: true,
        casenessAtEnd: false,
        recovery: true,
        reliableImprovement: false,
        reliableRecovery: false,
        reliableDeterioration: false,
      },
    },
    {
      n: 16,
      scores: { phq9First: 9, phq9Latest: 9, gad7First: 7, gad7Latest: 5 },
      expected: {
        casenessAtStart: false,
        casenessAtEnd: false,
        recovery: null,
        reliableImprovement: false,
        reliableRecovery: null,
        reliableDeterioration: false,
      },
    },
    {
      n: 19,
      scores: { phq9First: 16, phq9Latest: 9, gad7First: 6, gad7Latest: 11 },
      expected: {
        casenessAtStart: true,
        casenessAtEnd: true,
        recovery: false,
        reliableImprovement: false,
        reliableRecovery: false,
        reliableDeterioration: true,
      },
    },
  ])('vector $n', ({ scores, expected }) => {
    expect(pairedOutcome(scores)).toEqual(expected);
  });

  it('a clinic may drop the "neither reliably worse" clause (vector 19 becomes improvement too)', () => {
    const scores = { phq9First: 16, phq9Latest: 9, gad7First: 6, gad7Latest: 11 };
    expect(pairedOutcome(scores, { improvementRequiresNoDeterioration: false })).toMatchObject({
      reliableImprovement: true,
      reliableDeterioration: true,
      recovery: false,
      reliableRecovery: false,
    });
    expect(
      pairedOutcome(scores, { improvementRequiresNoDeterioration: true }).reliableImprovement,
    ).toBe(false);
  });

  it.each([
    // Caseness boundaries: PHQ-9 10, GAD-7 8.
    [{ phq9First: 10, phq9Latest: 9, gad7First: 0, gad7Latest: 0 }, true, true],
    [{ phq9First: 9, phq9Latest: 9, gad7First: 8, gad7Latest: 7 }, true, true],
    [{ phq9First: 12, phq9Latest: 10, gad7First: 3, gad7Latest: 3 }, true, false],
    [{ phq9First: 12, phq9Latest: 4, gad7First: 9, gad7Latest: 8 }, true, false],
  ])('%o: caseness at start %s, recovery %s', (scores, casenessAtStart, recovery) => {
    const outcome = pairedOutcome(scores);
    expect(outcome.casenessAtStart).toBe(casenessAtStart);
    expect(outcome.recovery).toBe(recovery);
  });

  it('a GAD-7 drop of 4 alone is reliable improvement', () => {
    const outcome = pairedOutcome({ phq9First: 8, phq9Latest: 8, gad7First: 12, gad7Latest: 7 });
    expect(outcome).toMatchObject({
      reliableImprovement: true,
      recovery: true,
      reliableRecovery: true,
    });
  });

  it('rejects an out-of-range score, naming it', () => {
    expect(
      fieldOf(() =>
        pairedOutcome({ phq9First: 10, phq9Latest: 10, gad7First: 10, gad7Latest: 22 }),
      ),
    ).toBe('gad7Latest');
    expect(
      fieldOf(() =>
        pairedOutcome({ phq9First: 30, phq9Latest: 10, gad7First: 10, gad7Latest: 10 }),
      ),
    ).toBe('phq9First');
  });

  const scores = fc.record({
    phq9First: fc.integer({ min: 0, max: 27 }),
    phq9Latest: fc.integer({ min: 0, max: 27 }),
    gad7First: fc.integer({ min: 0, max: 21 }),
    gad7Latest: fc.integer({ min: 0, max: 21 }),
  });

  it('reliable improvement and reliable deterioration are never both true (default rule)', () => {
    fc.assert(
      fc.property(scores, (s) => {
        const outcome = pairedOutcome(s);
        expect(outcome.reliableImprovement && outcome.reliableDeterioration).toBe(false);
      }),
    );
  });

  it('recovery and reliable recovery are null exactly when not at caseness at the start', () => {
    fc.assert(
      fc.property(scores, (s) => {
        const outcome = pairedOutcome(s);
        expect(outcome.recovery === null).toBe(!outcome.casenessAtStart);
        expect(outcome.reliableRecovery === null).toBe(!outcome.casenessAtStart);
        if (outcome.reliableRecovery)
          expect(outcome.recovery && outcome.reliableImprovement).toBe(true);
      }),
    );
  });

  it('agrees with the single-measure outcomes on reliable change', () => {
    fc.assert(
      fc.property(scores, (s) => {
        const phq = instrumentOutcome('phq9', s.phq9First, s.phq9Latest);
        const gad = instrumentOutcome('gad7', s.gad7First, s.gad7Latest);
        const outcome = pairedOutcome(s, { improvementRequiresNoDeterioration: false });
        expect(outcome.reliableImprovement).toBe(
          phq.reliableImprovement || gad.reliableImprovement,
        );
        expect(outcome.reliableDeterioration).toBe(
          phq.reliableDeterioration || gad.reliableDeterioration,
        );
      }),
    );
  });
});
