import type { Goal, Observation } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { checkRequiredBindings, validate } from '../../support/fhir-validation.ts';

// The checks the export tests rely on must fail on bad input, or a green run proves nothing.
const goal: Goal = {
  resourceType: 'Goal',
  lifecycleStatus: 'active',
  description: { text: 'At most 1 panic attack per week by 31 Mar 2025' },
  subject: { reference: 'Patient/p1' },
  target: [
    {
      measure: { text: 'Panic attacks per week' },
      detailQuantity: {
        value: 1,
        comparator: '<=',
        unit: '/wk',
        system: 'http://unitsofmeasure.org',
        code: '/wk',
      },
      dueDate: '2025-03-31',
    },
  ],
};

describe('FHIR validation used by the export tests', () => {
  it('passes the SPEC §7 Goal example', () => {
    expect(validate(goal).errors).toEqual([]);
    expect(checkRequiredBindings(goal).violations).toEqual([]);
  });

  it('rejects a Goal without lifecycleStatus and a target detail without measure (gol-1)', () => {
    const noStatus: Partial<Goal> = { ...goal };
    delete noStatus.lifecycleStatus;
    expect(validate(noStatus as Goal).errors.length).toBeGreaterThan(0);
    const noMeasure = { ...goal, target: [{ detailQuantity: { value: 1 } }] };
    expect(JSON.stringify(validate(noMeasure).errors)).toMatch(/gol-1/);
  });

  it('rejects obs-6: a value with a dataAbsentReason', () => {
    const obs: Observation = {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'mood' },
      valueInteger: 5,
      dataAbsentReason: { text: 'asked but declined' },
    };
    expect(JSON.stringify(validate(obs).errors)).toMatch(/obs-6/);
  });

  it('finds codes outside required value sets, at any depth, which the validator lets through', () => {
    const bad = {
      ...goal,
      lifecycleStatus: 'done',
      target: [{ ...goal.target![0], detailQuantity: { value: 1, comparator: '=<' } }],
    } as unknown as Goal;
    expect(validate(bad).errors).toEqual([]); // the gap SPEC §7 warns about
    expect(checkRequiredBindings(bad).violations).toEqual([
      'Goal.lifecycleStatus = done',
      'Goal.target[0].detailQuantity.comparator = =<',
    ]);
  });
});
