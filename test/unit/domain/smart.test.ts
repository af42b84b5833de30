import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  achievableLimits,
  checkSmart,
  readTitle,
  smartCriteria,
  type SmartInput,
} from '../../../src/domain/smart.ts';
import { DomainError } from '../../../src/domain/errors.ts';

const today = '2026-03-01';
const codes = (input: SmartInput): string[] => checkSmart(input).hints.map((h) => h.code);
const isSpecific = (title: string, extra: Partial<SmartInput> = {}): boolean =>
  checkSmart({ title, today, ...extra }).met.includes('specific');

describe('checkSmart: specific (SPEC §8 S1)', () => {
  it.each([
    // The article's own pair.
    ['I want to be less anxious', false],
    ['Practise mindfulness for 10 minutes daily', true],
    // Good: an observable action with a number, frequency or duration.
    ['Go for a 20-minute walk 3 times a week', true],
    ['Have at most 1 panic attack per week by March', true],
    ['Call a friend once a week', true],
    ['Reduce drinking to 2 days a week', true],
    ['Text my brother on Sundays', true],
    ['Eat breakfast every morning', true],
    ['Go to bed by 11 pm on weeknights', true],
    ['Limit social media to 30 minutes a day', true],
    ['Get out of bed by 8 am on weekdays', true],
    ['Jogging twice a week', true],
    ['Take my medication every morning', true],
    ['Say no to extra shifts at least once a week', true],
    ['Write in my journal 3 evenings a week', true],
    ['Spend 30 minutes outside each day', true],
    ['Sleep 7 hours a night', true],
    ['Try to walk 3 times a week', true],
    ['Ride the bus alone for 15 minutes', true],
    // Good: an observable action, no vague wording.
    ['Stop smoking', true],
    ['Meditate', true],
    ['Book a dentist appointment', true],
    // Vague: feelings, directions without an amount, or no action at all.
    ['Feel better', false],
    ['Try to sleep more', false],
    ['Improve my mood', false],
    ['Be more confident at work', false],
    ['Be happier', false],
    ['Stop worrying so much', false],
    ['Reduce drinking', false],
    ['Limit social media', false],
    ['Exercise more by 31 March', false],
    ['Feel less anxious in 3 weeks', false],
    ['Feel better by June 2026', false],
    ['Stay calm', false],
    ['Work on my self-esteem', false],
    ['Have fewer arguments with my partner', false],
    ['Do better at work', false],
    ['Try to say no more often', false],
    ['Be a better parent', false],
    ['Be kinder to myself', false],
    ['Get my life together', false],
    ['Panic attacks', false],
    ['', false],
  ])('%j → specific: %s', (title, expected) => {
    expect(isSpecific(title)).toBe(expected);
  });

  it('explains vague wording by quoting it, in words a client understands', () => {
    const [hint] = checkSmart({ title: 'I want to be less anxious', today }).hints;
    expect(hint).toEqual({
      criterion: 'specific',
      code: 'vague-wording',
      message: expect.stringContaining('"less anxious"'),
    });
    expect(hint?.message).toMatch(/Say what you will do and how often/);
    expect(checkSmart({ title: 'Feel better', today }).hints[0]?.message).toContain(
      '"feel better"',
    );
    expect(checkSmart({ title: 'Try to sleep more', today }).hints[0]?.message).toContain(
      '"try to"',
    );
  });

  it('asks for an action when the title names none', () => {
    expect(codes({ title: 'Panic attacks', today })).toContain('action-missing');
    expect(codes({ title: 'Feel better', today })).not.toContain('action-missing');
  });

  it('a measure with a target makes even vague wording specific', () => {
    const measure = { kind: 'scale', better: 'lower' } as const;
    expect(isSpecific('I want to be less anxious', { measure, target: 3 })).toBe(true);
    expect(isSpecific('I want to be less anxious', { measure })).toBe(false);
    expect(isSpecific('I want to be less anxious', { target: 3 })).toBe(false);
  });

  it('a date alone is not the number a goal needs', () => {
    expect(readTitle('Exercise more by 31 March')).toMatchObject({ action: true, quantity: false });
    expect(readTitle('Exercise more by 2026-03-31')).toMatchObject({ quantity: false });
    expect(readTitle('Exercise more within 3 weeks')).toMatchObject({ quantity: false });
    expect(readTitle('Exercise 3 times a week by 31 March')).toMatchObject({ quantity: true });
  });
});

describe('checkSmart: the other criteria', () => {
  const full: SmartInput = {
    title: 'Have at most 1 panic attack per week',
    why: 'So I can take the bus to work again',
    measure: { kind: 'count', better: 'lower', name: 'panic attacks per week' },
    baseline: 4,
    target: 1,
    dueDate: '2026-06-01',
    today,
  };

  it('a complete goal meets all five, with no hints', () => {
    expect(checkSmart(full)).toEqual({ met: [...smartCriteria], hints: [] });
  });

  it.each<[string, Partial<SmartInput>, string[], string[]]>([
    ['no measure', { measure: null }, ['measure-missing'], ['measurable']],
    ['no target', { target: null }, ['target-missing'], ['measurable']],
    [
      'neither',
      { measure: undefined, target: undefined },
      ['measure-missing', 'target-missing'],
      ['measurable'],
    ],
    ['no due date', { dueDate: null }, ['due-date-missing'], ['time-bound']],
    ['a past due date', { dueDate: '2026-02-28' }, ['due-date-past'], ['time-bound']],
    ['a due date of today', { dueDate: today, baseline: 2 }, ['target-too-far'], ['achievable']],
    ['no why', { why: null }, ['why-missing'], ['relevant']],
    ['a one-word why', { why: 'health' }, ['why-missing'], ['relevant']],
    ['a why of punctuation', { why: '… ?' }, ['why-missing'], ['relevant']],
    ['a two-word why', { why: 'my kids' }, [], []],
    [
      'lower is better, baseline at target',
      { baseline: 1 },
      ['target-already-met'],
      ['achievable'],
    ],
    [
      'lower is better, baseline past target',
      { baseline: 0 },
      ['target-already-met'],
      ['achievable'],
    ],
    [
      'higher is better, baseline past target',
      { measure: { kind: 'count', better: 'higher' }, baseline: 5, target: 3 },
      ['target-already-met'],
      ['achievable'],
    ],
    [
      'higher is better, baseline below target',
      { measure: { kind: 'count', better: 'higher' }, baseline: 1, target: 3 },
      [],
      [],
    ],
    ['no baseline: achievability is not judged', { baseline: null }, [], []],
  ])('%s', (_name, change, expectedCodes, unmet) => {
    const result = checkSmart({ ...full, ...change });
    expect(result.hints.map((h) => h.code)).toEqual(expectedCodes);
    expect(result.met).toEqual(smartCriteria.filter((c) => !unmet.includes(c)));
  });

  // Scale: at most 1 point a week. Count/minutes: at most a quarter of max(|baseline|,|target|).
  it.each<[string, SmartInput['measure'], number, number, string, boolean]>([
    ['scale 8 → 3 in 5 weeks', { kind: 'scale', better: 'lower' }, 8, 3, '2026-04-05', false],
    ['scale 8 → 3 in 34 days', { kind: 'scale', better: 'lower' }, 8, 3, '2026-04-04', true],
    ['scale 2 → 9 in 2 weeks', { kind: 'scale', better: 'higher' }, 2, 9, '2026-03-15', true],
    ['count 10 → 1 in 4 weeks', { kind: 'count', better: 'lower' }, 10, 1, '2026-03-29', false],
    ['count 10 → 1 in 3 weeks', { kind: 'count', better: 'lower' }, 10, 1, '2026-03-22', true],
    ['count 0 → 3 in 4 weeks', { kind: 'count', better: 'higher' }, 0, 3, '2026-03-29', false],
    ['count 0 → 3 in 3 weeks', { kind: 'count', better: 'higher' }, 0, 3, '2026-03-22', true],
    [
      'minutes 60 → 30 in 2 weeks',
      { kind: 'minutes', better: 'lower' },
      60,
      30,
      '2026-03-15',
      false,
    ],
    ['minutes 60 → 30 in 1 week', { kind: 'minutes', better: 'lower' }, 60, 30, '2026-03-08', true],
    ['yes/no is never too far', { kind: 'yesno', better: 'higher' }, 0, 1, today, false],
    [
      'a past date is hinted, not judged',
      { kind: 'scale', better: 'lower' },
      9,
      1,
      '2026-02-01',
      false,
    ],
  ])('%s → too far: %s', (_name, measure, baseline, target, dueDate, tooFar) => {
    const result = checkSmart({ ...full, measure, baseline, target, dueDate });
    expect(result.hints.some((h) => h.code === 'target-too-far')).toBe(tooFar);
    expect(result.met.includes('achievable')).toBe(!tooFar);
  });

  it('keeps its limits visible', () => {
    expect(achievableLimits).toEqual({ scalePointsPerWeek: 1, countShareOfSizePerWeek: 0.25 });
  });

  it('a bare vague title gets a hint for every criterion', () => {
    const result = checkSmart({ title: 'Feel better', today });
    expect(result.met).toEqual(['achievable']);
    expect(result.hints.map((h) => h.code)).toEqual([
      'vague-wording',
      'measure-missing',
      'target-missing',
      'why-missing',
      'due-date-missing',
    ]);
  });

  it('the measure hint uses the wording the product asks for', () => {
    const hint = checkSmart({ title: 'Feel better', today }).hints.find(
      (h) => h.code === 'measure-missing',
    );
    expect(hint?.message).toBe(
      "Add a number you can count or rate, such as 'panic attacks per week'.",
    );
  });

  it('refuses malformed dates and numbers, naming the field', () => {
    const fieldOf = (input: SmartInput): string | undefined => {
      try {
        checkSmart(input);
      } catch (e) {
        return e instanceof DomainError ? e.field : 'not a DomainError';
      }
      return undefined;
    };
    expect(fieldOf({ ...full, today: '2026-3-1' })).toBe('today');
    expect(fieldOf({ ...full, dueDate: '2026-02-30' })).toBe('dueDate');
    expect(fieldOf({ ...full, target: Number.NaN })).toBe('target');
    expect(fieldOf({ ...full, baseline: Infinity })).toBe('baseline');
  });
});

describe('checkSmart: invariants', () => {
  const titles = fc.constantFrom(
    'Feel better',
    'Call a friend once a week',
    'Try to sleep more',
    'Meditate',
    'Panic attacks',
    'Walk 20 minutes daily',
    '',
  );
  const dayNum = fc.integer({ min: 20_000, max: 21_000 });
  const iso = (n: number): string => new Date(n * 86_400_000).toISOString().slice(0, 10);
  const input = fc.record({
    title: titles,
    why: fc.option(fc.string(), { nil: null }),
    measure: fc.option(
      fc.record({
        kind: fc.constantFrom('count', 'scale', 'minutes', 'yesno'),
        better: fc.constantFrom('higher', 'lower'),
      }),
      { nil: null },
    ),
    baseline: fc.option(fc.integer({ min: -20, max: 100 }), { nil: null }),
    target: fc.option(fc.integer({ min: -20, max: 100 }), { nil: null }),
    dueDate: fc.option(dayNum.map(iso), { nil: null }),
    today: dayNum.map(iso),
  });

  it('each criterion is either met or explained by at least one hint, never both', () => {
    fc.assert(
      fc.property(input, (i) => {
        const { met, hints } = checkSmart(i);
        const hinted = new Set(hints.map((h) => h.criterion));
        for (const c of smartCriteria) expect(met.includes(c)).toBe(!hinted.has(c));
        expect(met).toEqual(smartCriteria.filter((c) => met.includes(c)));
        for (const h of hints) expect(h.message).toMatch(/^[A-Z"'].*[.]$/);
      }),
    );
  });

  it('a measure with a target always makes a goal specific and measurable', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: -20, max: 100 }), (i, target) => {
        const { met } = checkSmart({
          ...i,
          measure: { kind: 'count', better: 'higher' },
          target,
        });
        expect(met).toEqual(expect.arrayContaining(['specific', 'measurable']));
      }),
    );
  });
});
