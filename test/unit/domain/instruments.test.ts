import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  instruments,
  isInstrumentId,
  scoreQuestionnaire,
  severityOf,
} from '../../../src/domain/instruments/index.ts';
import type { InstrumentId, Severity } from '../../../src/domain/instruments/index.ts';

/** Answers of `n` items summing to `total`, filled greedily with 3s. */
function answersSumming(n: number, total: number): number[] {
  let left = total;
  return Array.from({ length: n }, () => {
    const v = Math.min(3, left);
    left -= v;
    return v;
  });
}

function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

const severityRank: Record<Severity, number> = {
  minimal: 0,
  mild: 1,
  moderate: 2,
  'moderately severe': 3,
  severe: 4,
};

describe('SPEC test vectors', () => {
  it.each([
    {
      n: 1,
      id: 'phq9',
      answers: [0, 0, 0, 0, 0, 0, 0, 0, 0],
      total: 0,
      severity: 'minimal',
      caseness: false,
      riskFlag: false,
    },
    {
      n: 2,
      id: 'phq9',
      answers: [1, 1, 1, 1, 0, 0, 0, 0, 0],
      total: 4,
      severity: 'minimal',
      caseness: false,
      riskFlag: false,
    },
    {
      n: 3,
      id: 'phq9',
      answers: [1, 1, 1, 1, 1, 0, 0, 0, 0],
      total: 5,
      severity: 'mild',
      caseness: false,
      riskFlag: false,
    },
    {
      n: 4,
      id: 'phq9',
      answers: [2, 2, 1, 1, 1, 1, 1, 1, 0],
      total: 10,
      severity: 'moderate',
      caseness: true,
      riskFlag: false,
    },
    {
      n: 8,
      id: 'gad7',
      answers: [1, 1, 1, 1, 1, 0, 0],
      total: 5,
      severity: 'mild',
      caseness: false,
      riskFlag: false,
    },
  ] as const)(
    'vector $n: $id $answers → $total $severity',
    ({ id, answers, total, severity, caseness, riskFlag }) => {
      expect(scoreQuestionnaire(id, answers)).toEqual({ total, severity, caseness, riskFlag });
    },
  );

  it('vector 7: a PHQ-9 item of 4 is a validation error naming answers.8', () => {
    const error = domainErrorOf(() => scoreQuestionnaire('phq9', [1, 1, 1, 1, 1, 1, 1, 1, 4]));
    expect(error.field).toBe('answers.8');
    expect(error.message).toMatch(/0 to 3/);
  });
});

describe('severity bands', () => {
  it.each([
    ['phq9', 0, 'minimal'],
    ['phq9', 4, 'minimal'],
    ['phq9', 5, 'mild'],
    ['phq9', 9, 'mild'],
    ['phq9', 10, 'moderate'],
    ['phq9', 14, 'moderate'],
    ['phq9', 15, 'moderately severe'],
    ['phq9', 19, 'moderately severe'],
    ['phq9', 20, 'severe'],
    ['phq9', 27, 'severe'],
    ['gad7', 0, 'minimal'],
    ['gad7', 4, 'minimal'],
    ['gad7', 5, 'mild'],
    ['gad7', 9, 'mild'],
    ['gad7', 10, 'moderate'],
    ['gad7', 14, 'moderate'],
    ['gad7', 15, 'severe'],
    ['gad7', 21, 'severe'],
  ] as const)('%s total %i is %s', (id, total, severity) => {
    expect(severityOf(id, total)).toBe(severity);
    const answers = answersSumming(instruments[id].items.length, total);
    expect(scoreQuestionnaire(id, answers)).toMatchObject({ total, severity });
  });

  it.each(['phq9', 'gad7'] as const)('%s bands are contiguous from 0 to the maximum', (id) => {
    const { bands, maxTotal } = instruments[id];
    expect(bands[0]?.min).toBe(0);
    expect(bands.at(-1)?.max).toBe(maxTotal);
    bands.slice(1).forEach((band, i) => expect(band.min).toBe((bands[i]?.max ?? NaN) + 1));
  });

  it('GAD-7 all "nearly every day" is 21, severe', () => {
    expect(scoreQuestionnaire('gad7', [3, 3, 3, 3, 3, 3, 3])).toEqual({
      total: 21,
      severity: 'severe',
      caseness: true,
      riskFlag: false,
    });
  });

  it('GAD-7 has no "moderately severe" band', () => {
    expect(instruments.gad7.bands.map((b) => b.severity)).not.toContain('moderately severe');
  });

  it.each([
    ['phq9', -1],
    ['phq9', 28],
    ['phq9', 2.5],
    ['gad7', 22],
    ['gad7', NaN],
  ] as const)('%s total %d is rejected', (id, total) => {
    expect(domainErrorOf(() => severityOf(id, total)).field).toBe('total');
  });
});

describe('caseness (IAPT)', () => {
  it.each([
    ['phq9', 9, false],
    ['phq9', 10, true],
    ['gad7', 7, false],
    ['gad7', 8, true],
  ] as const)('%s total %i → caseness %s', (id, total, caseness) => {
    const answers = answersSumming(instruments[id].items.length, total);
    expect(scoreQuestionnaire(id, answers).caseness).toBe(caseness);
  });
});

describe('risk flag (PHQ-9 item 9)', () => {
  it('item 9 = 1 with a total of 1 raises the flag', () => {
    expect(scoreQuestionnaire('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1])).toEqual({
      total: 1,
      severity: 'minimal',
      caseness: false,
      riskFlag: true,
    });
  });

  it('a high total with item 9 = 0 does not', () => {
    expect(scoreQuestionnaire('phq9', [3, 3, 3, 3, 3, 3, 3, 3, 0]).riskFlag).toBe(false);
  });

  it('is always false for the GAD-7', () => {
    expect(scoreQuestionnaire('gad7', [0, 0, 0, 0, 0, 0, 3]).riskFlag).toBe(false);
  });
});

describe('validation', () => {
  it.each([
    ['phq9', 8, /PHQ-9 needs 9 answers/],
    ['phq9', 10, /PHQ-9 needs 9 answers/],
    ['gad7', 9, /GAD-7 needs 7 answers/],
    ['gad7', 0, /GAD-7 needs 7 answers/],
  ] as const)('%s with %i answers names "answers" and the count needed', (id, n, message) => {
    const error = domainErrorOf(() => scoreQuestionnaire(id, new Array<number>(n).fill(0)));
    expect(error.field).toBe('answers');
    expect(error.message).toMatch(message);
  });

  it.each([
    [0, -1],
    [3, 1.5],
    [6, NaN],
    [2, Infinity],
  ])('item index %i = %d is rejected as answers.%i', (index, value) => {
    const answers = [0, 0, 0, 0, 0, 0, 0];
    answers[index] = value;
    expect(domainErrorOf(() => scoreQuestionnaire('gad7', answers)).field).toBe(`answers.${index}`);
  });

  it('an unknown instrument id is rejected', () => {
    const error = domainErrorOf(() => scoreQuestionnaire('core10' as InstrumentId, []));
    expect(error.field).toBe('instrument');
  });
});

describe('instrument definitions', () => {
  it('PHQ-9 has the LOINC codes of the SPEC and no difficulty item', () => {
    const { items, loincPanel, loincTotal, maxTotal } = instruments.phq9;
    expect(items.map((i) => i.loinc)).toEqual([
      '44250-9',
      '44255-8',
      '44259-0',
      '44254-1',
      '44251-7',
      '44258-2',
      '44252-5',
      '44253-3',
      '44260-8',
    ]);
    expect(items.map((i) => i.loinc)).not.toContain('69722-7');
    expect([loincPanel, loincTotal, maxTotal]).toEqual(['44249-1', '44261-6', 27]);
    expect(items[6]?.text).toBe(
      'Trouble concentrating on things, such as reading the newspaper or watching television',
    );
    expect(items[7]?.text).toBe(
      'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
    );
  });

  it('GAD-7 has the LOINC codes and wording of the SPEC', () => {
    const { items, loincPanel, loincTotal, maxTotal } = instruments.gad7;
    expect(items.map((i) => i.loinc)).toEqual([
      '69725-0',
      '68509-9',
      '69733-4',
      '69734-2',
      '69735-9',
      '69689-8',
      '69736-7',
    ]);
    expect(items.map((i) => i.text)).toEqual([
      'Feeling nervous, anxious or on edge',
      'Not being able to stop or control worrying',
      'Worrying too much about different things',
      'Trouble relaxing',
      'Being so restless that it is hard to sit still',
      'Becoming easily annoyed or irritable',
      'Feeling afraid as if something awful might happen',
    ]);
    expect([loincPanel, loincTotal, maxTotal]).toEqual(['69737-5', '70274-6', 21]);
  });

  it.each(['phq9', 'gad7'] as const)('%s answers are LL358-3 scored 0–3', (id) => {
    const instrument = instruments[id];
    expect(instrument.answers).toEqual([
      { code: 'LA6568-5', display: 'Not at all', value: 0 },
      { code: 'LA6569-3', display: 'Several days', value: 1 },
      { code: 'LA6570-1', display: 'More than half the days', value: 2 },
      { code: 'LA6571-9', display: 'Nearly every day', value: 3 },
    ]);
    expect(instrument.preamble).toBe(
      'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    );
    expect(instrument.maxTotal).toBe(3 * instrument.items.length);
    expect(new Set(instrument.items.map((i) => i.linkId)).size).toBe(instrument.items.length);
  });

  it('thresholds are the IAPT ones', () => {
    expect([instruments.phq9.casenessCutoff, instruments.phq9.reliableChange]).toEqual([10, 6]);
    expect([instruments.gad7.casenessCutoff, instruments.gad7.reliableChange]).toEqual([8, 4]);
  });

  it.each([
    ['phq9', true],
    ['gad7', true],
    ['PHQ9', false],
    ['core10', false],
    [undefined, false],
    [9, false],
  ])('isInstrumentId(%s) is %s', (x, expected) => {
    expect(isInstrumentId(x)).toBe(expected);
  });
});

describe('properties', () => {
  const answersOf = (n: number) =>
    fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n });

  it.each(['phq9', 'gad7'] as const)('%s total is the item sum and stays in 0..max', (id) => {
    const { items, maxTotal } = instruments[id];
    fc.assert(
      fc.property(answersOf(items.length), (answers) => {
        const { total } = scoreQuestionnaire(id, answers);
        expect(total).toBe(answers.reduce((a, b) => a + b, 0));
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(maxTotal);
      }),
    );
  });

  it.each(['phq9', 'gad7'] as const)('%s severity never falls as the total rises', (id) => {
    const { maxTotal } = instruments[id];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: maxTotal }),
        fc.integer({ min: 0, max: maxTotal }),
        (x, y) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          expect(severityRank[severityOf(id, lo)]).toBeLessThanOrEqual(
            severityRank[severityOf(id, hi)],
          );
        },
      ),
    );
  });

  it('PHQ-9 riskFlag is true exactly when item 9 > 0', () => {
    fc.assert(
      fc.property(answersOf(9), (answers) => {
        expect(scoreQuestionnaire('phq9', answers).riskFlag).toBe((answers[8] ?? 0) > 0);
      }),
    );
  });
});
