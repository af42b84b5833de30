import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftContent, type DraftContent } from '../../../src/contract/goal-drafts.ts';
import {
  errorsUnder,
  fromContent,
  moveGoal,
  sectionsFor,
  stepOfField,
  type WizardContent,
} from '../../../web/src/pages/goal-wizard/wizard-model.ts';

/** What the wizard saves over its seven steps, merged as the server merges sections. */
function savedAfterAllSteps(c: WizardContent): DraftContent {
  return [1, 2, 3, 4, 5, 6, 7].reduce<DraftContent>(
    (saved, step) => ({ ...saved, ...sectionsFor(step, c) }),
    {},
  );
}

const words = fc.stringMatching(/^[a-z]{1,8}( [a-z]{1,8}){0,3}$/);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const goal = fc.record(
  {
    key: fc.uuid({ version: 4 }),
    title: maybe(words),
    bestOutcome: maybe(words),
    notice: maybe(words),
    obstacles: maybe(
      fc.array(
        fc.record(
          { obstacle: words, ifText: maybe(words), thenText: maybe(words) },
          { requiredKeys: ['obstacle'] },
        ),
        { maxLength: 3 },
      ),
    ),
    measure: maybe(
      fc.record({
        name: words,
        kind: fc.constantFrom('count', 'scale', 'minutes', 'yesno' as const),
        better: fc.constantFrom('higher', 'lower' as const),
      }),
    ),
    baseline: maybe(fc.integer({ min: -50, max: 50 })),
    target: maybe(fc.double({ min: -50, max: 50, noNaN: true }).map((x) => x + 0)),
    dueDate: maybe(fc.constantFrom('2026-12-31', '2027-03-01')),
    steps: maybe(fc.array(fc.record({ title: words }), { maxLength: 3 })),
  },
  { requiredKeys: ['key'] },
);
const content = fc.record({
  matters: fc.record({ areas: fc.array(words, { maxLength: 4 }), ownWords: maybe(words) }),
  goals: fc.array(goal, { minLength: 1, maxLength: 5 }),
  agreement: fc.record({
    reviewEveryDays: maybe(fc.integer({ min: 7, max: 120 })),
    clientWill: maybe(words),
  }),
});

/** As JSON carries it: keys without a value left out. */
const normal = (c: object): unknown => JSON.parse(JSON.stringify(c, (_, v) => v ?? undefined));

describe('the goal wizard’s form model', () => {
  it('saving every step of a resumed draft gives back what was saved, and the contract accepts it', () => {
    fc.assert(
      fc.property(content, (saved) => {
        const again = savedAfterAllSteps(fromContent(saved));
        expect(draftContent.safeParse(again).success).toBe(true);
        expect(again.matters).toEqual({
          areas: saved.matters.areas,
          ...(saved.matters.ownWords ? { ownWords: saved.matters.ownWords } : {}),
        });
        expect(again.agreement).toEqual(normal(saved.agreement));
        expect(again.goals?.map((g) => g.key)).toEqual(saved.goals.map((g) => g.key));
        again.goals?.forEach((g, i) => {
          const before = saved.goals[i]!;
          expect(g).toEqual(
            normal({
              ...before,
              obstacles: before.obstacles ?? [],
              steps: before.steps ?? [],
              practices: [],
            }),
          );
        });
      }),
    );
  });

  it('a number that is not one is sent as null, so the server names the field', () => {
    const c = fromContent({ goals: [{ key: crypto.randomUUID() }] });
    c.goals[0]!.measurable.baseline = 'abc';
    const body = JSON.parse(JSON.stringify(sectionsFor(5, c))) as DraftContent;
    expect(body.goals?.[0]).toHaveProperty('baseline', null);
    expect(draftContent.safeParse(body).error?.issues[0]?.path).toEqual(['goals', 0, 'baseline']);
  });

  it('an existing measure is sent by id, never beside a new one', () => {
    const c = fromContent({
      goals: [
        {
          key: crypto.randomUUID(),
          measure: { name: 'Calm', kind: 'scale', better: 'higher' },
        },
      ],
    });
    c.goals[0]!.measureId = crypto.randomUUID();
    const g = sectionsFor(5, c).goals?.[0];
    expect(g?.measureId).toBe(c.goals[0]!.measureId);
    expect(g?.measure).toBeUndefined();
  });

  it.each([
    ['goals', 2],
    ['matters.ownWords', 1],
    ['goals.0.title', 2],
    ['goals.1.notice', 2],
    ['goals.0.obstacles.2.obstacle', 3],
    ['goals.0.obstacles.0.ifText', 4],
    ['goals.3.obstacles.1.thenText', 4],
    ['goals.0.baseline', 5],
    ['goals.0.measure.name', 5],
    ['goals.0.steps.1.title', 6],
    ['goals.0.practices.0.schedule', 6],
    ['agreement.reviewEveryDays', 7],
  ])('a refusal of %s is fixed at step %i', (field, step) => {
    expect(stepOfField(field)).toBe(step);
  });

  it('gives one goal its own errors, by the goal editor’s field names', () => {
    expect(
      errorsUnder(
        {
          'goals.1.measure.name': 'Name what is counted or rated.',
          'goals.1.baseline': 'Must be a number.',
          'goals.0.baseline': 'not this goal',
        },
        'goals.1.',
      ),
    ).toEqual({ measure: 'Name what is counted or rated.', baseline: 'Must be a number.' });
  });

  it('moving a goal keeps every goal once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uuid(), { minLength: 1, maxLength: 5 }),
        fc.nat(),
        fc.nat(),
        (keys, a, b) => {
          const goals = fromContent({ goals: keys.map((key) => ({ key })) }).goals;
          const [from, to] = [a % goals.length, b % goals.length];
          const moved = moveGoal(goals, from, to);
          expect(moved[to]).toBe(goals[from]);
          expect([...moved].sort((x, y) => x.key.localeCompare(y.key))).toEqual(
            [...goals].sort((x, y) => x.key.localeCompare(y.key)),
          );
        },
      ),
    );
  });
});
