import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { GoalDraftView } from '../../src/contract/goal-drafts.ts';
import type { GoalView } from '../../src/contract/goals.ts';
import { addDays, localDate } from '../../src/domain/calendar.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, signedIn, type Session } from '../support/http.ts';

async function setup(h: Harness) {
  const clinic = await buildClinic(h.store);
  const therapist = await signedIn(h.app, clinic.therapist);
  const client = await signedIn(h.app, clinic.client);
  return { clinic, therapist, client };
}

const walkKey = randomUUID();
const sleepKey = randomUUID();

/** The seven steps, each saved as the wizard would save it. */
const steps: [number, Record<string, unknown>][] = [
  [1, { matters: { areas: ['health', 'family'], ownWords: 'Having energy for my kids' } }],
  [
    2,
    {
      goals: [
        {
          key: walkKey,
          title: 'Walk 20 minutes 3 times a week',
          bestOutcome: 'I have more energy in the evenings',
          notice: 'I would play outside with the kids',
        },
      ],
    },
  ],
  [
    3,
    {
      goals: [
        {
          key: walkKey,
          title: 'Walk 20 minutes 3 times a week',
          bestOutcome: 'I have more energy in the evenings',
          notice: 'I would play outside with the kids',
          obstacles: [{ obstacle: 'Rainy days' }],
        },
      ],
    },
  ],
];

async function count(h: Harness, table: 'goals' | 'if_then_plans', clientId: string) {
  const q =
    table === 'goals'
      ? h.store.db
          .selectFrom('goals')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('client_id', '=', clientId)
      : h.store.db
          .selectFrom('if_then_plans')
          .innerJoin('goals', 'goals.id', 'if_then_plans.goal_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('goals.client_id', '=', clientId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

async function save(s: Session, id: string, step: number, body: Record<string, unknown>) {
  const res = await s.patch(`/api/goal-drafts/${id}`, { step, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<GoalDraftView>();
}

const fullGoal = {
  key: walkKey,
  title: 'Walk 20 minutes 3 times a week',
  bestOutcome: 'I have more energy in the evenings',
  notice: 'I would play outside with the kids',
  obstacles: [
    { obstacle: 'Rainy days', ifText: 'it rains', thenText: 'I walk laps of the mall' },
    {
      obstacle: 'Tired after work',
      ifText: 'I feel too tired',
      thenText: 'I walk for 5 minutes only',
    },
  ],
  measure: { name: 'Walks', kind: 'count', unit: 'walks a week', better: 'higher' },
  baseline: 1,
  target: 3,
  dueDate: '2099-06-30',
  steps: [{ title: 'Find a 20-minute route' }],
  practices: [{ title: 'Walk', schedule: { kind: 'weekly', timesPerWeek: 3 }, minutes: 20 }],
};

describeEachEngine('guided goal setting', (h) => {
  it('saves a draft at every step, with SMART hints and template suggestions', async () => {
    const { clinic, client } = await setup(h());
    const created = await client.post(`/api/clients/${clinic.client.clientId}/goal-drafts`, {});
    expect(created.statusCode, created.body).toBe(201);
    let draft = created.json<GoalDraftView>();
    expect(draft).toMatchObject({ step: 1, status: 'open', version: 1, content: {}, hints: [] });
    for (const [step, body] of steps) draft = await save(client, draft.id, step, body);
    expect(draft).toMatchObject({ step: 3, version: 4 });
    expect(draft.content.matters?.ownWords).toBe('Having energy for my kids');
    expect(draft.content.goals?.[0]?.obstacles).toEqual([{ obstacle: 'Rainy days' }]);
    const [hint] = draft.hints;
    expect(hint!.key).toBe(walkKey);
    // Nothing measurable yet: the hint says so.
    expect(hint!.smart.hints.map((x) => x.criterion)).toContain('measurable');
    expect(hint!.suggestions.map((s) => s.title)).toContain(
      'Go for a 20-minute walk 3 times a week',
    );

    // Going back a step keeps the furthest step reached; an unrealistic target gets a hint.
    draft = await save(client, draft.id, 2, {
      goals: [
        {
          ...fullGoal,
          baseline: 0,
          target: 50,
          dueDate: addDays(localDate(h().clock.now(), 'America/Toronto'), 7),
        },
      ],
    });
    expect(draft.step).toBe(3);
    expect(draft.hints[0]!.smart.hints.map((x) => x.criterion)).toContain('achievable');

    const listed = await client.get(`/api/clients/${clinic.client.clientId}/goal-drafts`);
    expect(listed.json<{ drafts: GoalDraftView[] }>().drafts.map((d) => d.id)).toEqual([draft.id]);
  });

  it('finishes into ordinary goals, steps, practices and plans in one go', async () => {
    const { clinic, therapist, client } = await setup(h());
    const draft = (
      await therapist.post(`/api/clients/${clinic.client.clientId}/goal-drafts`, {
        matters: { ownWords: 'Having energy for my kids' },
      })
    ).json<GoalDraftView>();
    await save(therapist, draft.id, 7, {
      goals: [fullGoal, { key: sleepKey, title: 'In bed by 11 pm 5 nights a week', obstacles: [] }],
      agreement: { reviewEveryDays: 14, clientWill: 'Log walks', therapistWill: 'Ask about them' },
    });
    const res = await therapist.post(
      `/api/goal-drafts/${draft.id}/finish`,
      {},
      { 'if-match': '"2"' },
    );
    expect(res.statusCode, res.body).toBe(201);
    const done = res.json<GoalDraftView>();
    expect(done).toMatchObject({ status: 'finished', step: 7 });
    expect(done.goalIds).toHaveLength(2);

    const { goals } = (await client.get(`/api/clients/${clinic.client.clientId}/goals`)).json<{
      goals: GoalView[];
    }>();
    expect(goals.map((g) => [g.title, g.priority, g.status])).toEqual([
      ['Walk 20 minutes 3 times a week', 1, 'active'],
      ['In bed by 11 pm 5 nights a week', 2, 'active'],
    ]);
    const walk = goals[0]!;
    expect(walk).toMatchObject({
      why: 'What matters: Having energy for my kids\nBest outcome: I have more energy in the evenings\nI would notice: I would play outside with the kids',
      baseline: 1,
      target: 3,
      measure: { name: 'Walks', kind: 'count' },
      reviewEveryDays: 14,
      reviewDate: addDays(localDate(h().clock.now(), 'America/Toronto'), 14),
    });
    expect(walk.steps.map((s) => s.title)).toEqual(['Find a 20-minute route']);
    expect(walk.practices.map((p) => p.title)).toEqual(['Walk']);
    expect(walk.plans.map((p) => p.sentence)).toEqual([
      'If it rains, then I walk laps of the mall.',
      'If I feel too tired, then I walk for 5 minutes only.',
    ]);

    // A finished draft is closed: the goals themselves change from now on.
    expectProblem(
      await therapist.patch(`/api/goal-drafts/${draft.id}`, { step: 7 }),
      409,
      'draft-closed',
    );
    expectProblem(
      await therapist.post(`/api/goal-drafts/${draft.id}/finish`, {}),
      409,
      'draft-closed',
    );
    const open = (await client.get(`/api/clients/${clinic.client.clientId}/goal-drafts`)).json<{
      drafts: unknown[];
    }>();
    expect(open.drafts).toEqual([]);
  });

  it('lets the client finish alone: their goals are proposals for the therapist', async () => {
    const { clinic, client } = await setup(h());
    const draft = (
      await client.post(`/api/clients/${clinic.client.clientId}/goal-drafts`, {
        goals: [fullGoal],
        step: 7,
      })
    ).json<GoalDraftView>();
    const res = await client.post(`/api/goal-drafts/${draft.id}/finish`, {});
    expect(res.statusCode, res.body).toBe(201);
    const goal = (
      await client.get(`/api/goals/${res.json<GoalDraftView>().goalIds[0]}`)
    ).json<GoalView>();
    expect(goal.status).toBe('proposed');
    expect(goal.plans).toHaveLength(2);
  });

  it('refuses to finish an incomplete draft naming the field, and creates nothing', async () => {
    const { clinic, therapist } = await setup(h());
    const clientId = clinic.client.clientId;
    const draft = (
      await therapist.post(`/api/clients/${clientId}/goal-drafts`, {})
    ).json<GoalDraftView>();
    expect(
      expectProblem(
        await therapist.post(`/api/goal-drafts/${draft.id}/finish`, {}),
        400,
        'validation',
      ).field,
    ).toBe('goals');

    const cases: [Record<string, unknown>, string][] = [
      [{ ...fullGoal, title: '' }, 'goals.1.title'],
      [
        { ...fullGoal, obstacles: [{ obstacle: 'Rain', ifText: 'it rains' }] },
        'goals.1.obstacles.0.thenText',
      ],
      [{ ...fullGoal, measure: undefined }, 'goals.1.baseline'],
      [
        { ...fullGoal, measure: { ...fullGoal.measure, kind: 'scale' }, target: 12 },
        'goals.1.target',
      ],
    ];
    for (const [second, field] of cases) {
      await save(therapist, draft.id, 7, {
        goals: [
          { ...fullGoal, key: sleepKey },
          { ...second, key: walkKey },
        ],
      });
      const problem = expectProblem(
        await therapist.post(`/api/goal-drafts/${draft.id}/finish`, {}),
        400,
        'validation',
      );
      expect(problem.field).toBe(field);
    }
    expect(await count(h(), 'goals', clientId)).toBe(0);
    expect(await count(h(), 'if_then_plans', clientId)).toBe(0);
    expect((await therapist.get(`/api/goal-drafts/${draft.id}`)).json<GoalDraftView>().status).toBe(
      'open',
    );
  });

  it('refuses bad saves naming the field, a stale save with 412, and other people’s drafts with 404', async () => {
    const { clinic, therapist, client } = await setup(h());
    const draft = (
      await client.post(`/api/clients/${clinic.client.clientId}/goal-drafts`, {})
    ).json<GoalDraftView>();
    for (const [body, field] of [
      [{ step: 8 }, 'step'],
      [{ goals: [{ key: 'x' }] }, 'goals.0.key'],
      [{ agreement: { reviewEveryDays: 3 } }, 'agreement.reviewEveryDays'],
      [
        { goals: [{ key: walkKey, practices: [{ title: 'Walk', schedule: { kind: 'hourly' } }] }] },
        'goals.0.practices.0.schedule',
      ],
      [{ surprise: true }, 'body'],
    ] as const) {
      const problem = expectProblem(
        await client.patch(`/api/goal-drafts/${draft.id}`, body),
        400,
        'validation',
      );
      expect(String(problem.field)).toContain(field);
    }
    expect((await client.get(`/api/goal-drafts/${draft.id}`)).json<GoalDraftView>().version).toBe(
      1,
    );

    await save(therapist, draft.id, 1, { matters: { ownWords: 'Sleep' } });
    expectProblem(
      await client.patch(`/api/goal-drafts/${draft.id}`, { step: 2 }, { 'if-match': '"1"' }),
      412,
      'stale',
    );

    const outsider = await signedIn(h().app, clinic.otherTherapist);
    expectProblem(await outsider.get(`/api/goal-drafts/${draft.id}`), 404);
    expectProblem(await outsider.patch(`/api/goal-drafts/${draft.id}`, { step: 2 }), 404);
    expectProblem(
      await outsider.post(`/api/clients/${clinic.client.clientId}/goal-drafts`, {}),
      404,
    );
    const admin = await signedIn(h().app, clinic.admin);
    expectProblem(await admin.get(`/api/clients/${clinic.client.clientId}/goal-drafts`), 403);

    const discarded = await client.patch(`/api/goal-drafts/${draft.id}`, { discarded: true });
    expect(discarded.json<GoalDraftView>().status).toBe('discarded');
    expectProblem(
      await client.post(`/api/goal-drafts/${draft.id}/finish`, {}),
      409,
      'draft-closed',
    );
  });
});
