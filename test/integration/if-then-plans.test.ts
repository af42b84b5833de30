import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { GoalView } from '../../src/contract/goals.ts';
import type { IfThenPlanView, PlanUseView } from '../../src/contract/if-then.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import type { Bundle, Goal } from '@medplum/fhirtypes';
import { bundleResources, expectValidBundle } from '../support/fhir-validation.ts';
import { expectProblem, signedIn, type Session } from '../support/http.ts';
import { canReadPdf, pdfToText } from '../support/pdf.ts';

const plan = {
  obstacle: 'Waking up anxious',
  ifText: 'I wake up anxious',
  thenText: 'I do 5 minutes of breathing before checking my phone',
};

async function setup(h: Harness) {
  const clinic = await buildClinic(h.store);
  const therapist = await signedIn(h.app, clinic.therapist);
  const client = await signedIn(h.app, clinic.client);
  const res = await therapist.post(`/api/clients/${clinic.client.clientId}/goals`, {
    title: 'Start the day calmly 5 days a week',
    measure: { name: 'Calm mornings', kind: 'yesno', better: 'higher' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { clinic, therapist, client, goal: res.json<GoalView>() };
}

async function plansOf(s: Session, goalId: string): Promise<IfThenPlanView[]> {
  return (await s.get(`/api/goals/${goalId}`)).json<GoalView>().plans;
}

async function count(h: Harness, table: 'if_then_plans' | 'plan_uses'): Promise<number> {
  const r = await h.store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describeEachEngine('if–then plans', (h) => {
  it('attaches obstacle/plan pairs to a goal, written by the therapist or the client', async () => {
    const { therapist, client, goal } = await setup(h());
    const first = await therapist.post(`/api/goals/${goal.id}/plans`, plan);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<IfThenPlanView>()).toMatchObject({
      goalId: goal.id,
      ...plan,
      sentence: 'If I wake up anxious, then I do 5 minutes of breathing before checking my phone.',
      position: 0,
      version: 1,
      tally: { uses: 0, yes: 0, partly: 0, no: 0, workedPercent: null, lastUsedOn: null },
    });
    const mine = await client.post(`/api/goals/${goal.id}/plans`, {
      obstacle: 'Rain',
      ifText: 'it rains',
      thenText: 'I walk in the mall',
    });
    expect(mine.statusCode, mine.body).toBe(201);
    const listed = await plansOf(client, goal.id);
    expect(listed.map((p) => [p.obstacle, p.position])).toEqual([
      ['Waking up anxious', 0],
      ['Rain', 1],
    ]);
  });

  it('refuses a bad plan naming the field, and stores nothing', async () => {
    const { therapist, goal } = await setup(h());
    const before = await count(h(), 'if_then_plans');
    for (const [body, field] of [
      [{ ...plan, thenText: '  ' }, 'thenText'],
      [{ ...plan, ifText: undefined }, 'ifText'],
      [{ ...plan, obstacle: 'x'.repeat(501) }, 'obstacle'],
      [{ ...plan, extra: 1 }, 'body'],
    ] as const) {
      const res = await therapist.post(`/api/goals/${goal.id}/plans`, body);
      const problem = expectProblem(res, 400, 'validation');
      expect(String(problem.field)).toContain(field);
    }
    expect(await count(h(), 'if_then_plans')).toBe(before);
  });

  it('edits with an optional If-Match, refuses a stale one, and removes a plan', async () => {
    const { therapist, client, goal } = await setup(h());
    const created = (
      await therapist.post(`/api/goals/${goal.id}/plans`, plan)
    ).json<IfThenPlanView>();
    const edit = await client.patch(
      `/api/plans/${created.id}`,
      { thenText: 'I breathe for 3 minutes' },
      { 'if-match': '"1"' },
    );
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.headers.etag).toBe('"2"');
    expect(edit.json<IfThenPlanView>()).toMatchObject({
      version: 2,
      thenText: 'I breathe for 3 minutes',
    });

    const stale = await therapist.patch(
      `/api/plans/${created.id}`,
      { ifText: 'x' },
      { 'if-match': '"1"' },
    );
    expectProblem(stale, 412, 'stale');
    expectProblem(
      await therapist.patch(`/api/plans/${created.id}`, { thenText: 'I breathe for 3 minutes' }),
      400,
      'validation',
    );
    expect((await plansOf(therapist, goal.id))[0]!.ifText).toBe(plan.ifText);

    const removed = await therapist.patch(`/api/plans/${created.id}`, { removed: true });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(await plansOf(therapist, goal.id)).toEqual([]);
    expectProblem(
      await therapist.patch(`/api/plans/${created.id}`, { ifText: 'again' }),
      404,
      'not-found',
    );
    // Kept for the record, hidden from view.
    expect(await count(h(), 'if_then_plans')).toBeGreaterThan(0);
  });

  it('marks a check-in "the obstacle happened — did the plan work?" and tallies it for the therapist', async () => {
    const { clinic, therapist, client, goal } = await setup(h());
    const p = (await client.post(`/api/goals/${goal.id}/plans`, plan)).json<IfThenPlanView>();
    const checkInId = randomUUID();
    const ci = await client.post(`/api/clients/${clinic.client.clientId}/check-ins`, {
      id: checkInId,
      measureId: goal.measureId,
      value: 1,
    });
    expect(ci.statusCode, ci.body).toBe(201);

    const use = { id: randomUUID(), worked: 'yes', checkInId, note: 'It helped' };
    const first = await client.post(`/api/plans/${p.id}/uses`, use);
    expect(first.statusCode, first.body).toBe(201);
    const again = await client.post(`/api/plans/${p.id}/uses`, use);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expectProblem(
      await client.post(`/api/plans/${p.id}/uses`, { ...use, worked: 'no' }),
      409,
      'id-conflict',
    );
    for (const worked of ['partly', 'no', 'yes'])
      expect(
        (await client.post(`/api/plans/${p.id}/uses`, { id: randomUUID(), worked })).statusCode,
      ).toBe(201);

    const [seen] = await plansOf(therapist, goal.id);
    expect(seen!.tally).toMatchObject({ uses: 4, yes: 2, partly: 1, no: 1, workedPercent: 63 });
    const uses = (await therapist.get(`/api/plans/${p.id}/uses`)).json<{ uses: PlanUseView[] }>()
      .uses;
    expect(uses).toHaveLength(4);
    expect(uses.find((u) => u.checkInId === checkInId)).toMatchObject({
      worked: 'yes',
      checkInId,
      note: 'It helped',
      enteredBy: clinic.client.id,
    });

    const audit = await h()
      .store.db.selectFrom('audit_events')
      .select('action')
      .where('client_id', '=', clinic.client.clientId)
      .where('action', 'like', 'plan.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(
      [
        'plan.create',
        'plan.use',
        'plan.use',
        'plan.use',
        'plan.use',
        'plan.use.retry',
        'plan.uses.read',
      ].sort(),
    );
  });

  it('links a journal entry for the client only, and keeps a private entry from staff', async () => {
    const { clinic, therapist, client, goal } = await setup(h());
    const p = (await client.post(`/api/goals/${goal.id}/plans`, plan)).json<IfThenPlanView>();
    const entry = (
      await client.post(`/api/clients/${clinic.client.clientId}/journal`, {
        body: 'Woke up anxious, breathed, it passed.',
        visibility: 'private',
      })
    ).json<{ id: string }>();
    const linked = await client.post(`/api/plans/${p.id}/uses`, {
      id: randomUUID(),
      worked: 'partly',
      journalEntryId: entry.id,
    });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json<PlanUseView>().journalEntryId).toBe(entry.id);
    const staffView = (await therapist.get(`/api/plans/${p.id}/uses`)).json<{
      uses: PlanUseView[];
    }>();
    expect(staffView.uses[0]).not.toHaveProperty('journalEntryId');
    const before = await count(h(), 'plan_uses');
    const refused = await therapist.post(`/api/plans/${p.id}/uses`, {
      id: randomUUID(),
      worked: 'yes',
      journalEntryId: entry.id,
    });
    expect(expectProblem(refused, 400, 'validation').field).toBe('journalEntryId');
    expect(await count(h(), 'plan_uses')).toBe(before);
  });

  it('refuses bad uses naming the field, and someone else’s plan answers 404', async () => {
    const { clinic, therapist, client, goal } = await setup(h());
    const p = (await therapist.post(`/api/goals/${goal.id}/plans`, plan)).json<IfThenPlanView>();
    const before = await count(h(), 'plan_uses');
    const future = new Date(h().clock.now().getTime() + 3_600_000).toISOString();
    for (const [body, field] of [
      [{ id: randomUUID(), worked: 'maybe' }, 'worked'],
      [{ id: 'nope', worked: 'yes' }, 'id'],
      [{ id: randomUUID(), worked: 'yes', at: future }, 'at'],
      [{ id: randomUUID(), worked: 'yes', checkInId: randomUUID() }, 'checkInId'],
    ] as const) {
      const problem = expectProblem(
        await client.post(`/api/plans/${p.id}/uses`, body),
        400,
        'validation',
      );
      expect(String(problem.field)).toContain(field);
    }
    expect(await count(h(), 'plan_uses')).toBe(before);

    const outsider = await signedIn(h().app, clinic.otherTherapist);
    expectProblem(await outsider.post(`/api/goals/${goal.id}/plans`, plan), 404);
    expectProblem(await outsider.patch(`/api/plans/${p.id}`, { ifText: 'x' }), 404);
    expectProblem(
      await outsider.post(`/api/plans/${p.id}/uses`, { id: randomUUID(), worked: 'yes' }),
      404,
    );
    expectProblem(await outsider.get(`/api/plans/${p.id}/uses`), 404);
    const admin = await signedIn(h().app, clinic.admin);
    expectProblem(
      await admin.post(`/api/plans/${p.id}/uses`, { id: randomUUID(), worked: 'yes' }),
      403,
    );
  });

  it('carries plans and how they worked into the FHIR export and the progress report', async () => {
    const { clinic, therapist, client, goal } = await setup(h());
    const p = (await client.post(`/api/goals/${goal.id}/plans`, plan)).json<IfThenPlanView>();
    for (const worked of ['yes', 'partly'])
      expect(
        (await client.post(`/api/plans/${p.id}/uses`, { id: randomUUID(), worked })).statusCode,
      ).toBe(201);

    const res = await therapist.get(`/api/clients/${clinic.client.clientId}/fhir`);
    expect(res.statusCode, res.body).toBe(200);
    const bundle = res.json<Bundle>();
    expectValidBundle(bundle);
    const fhirGoal = bundleResources(bundle).find(
      (r): r is Goal => r.resourceType === 'Goal' && r.description.text === goal.title,
    );
    expect(fhirGoal?.note?.map((n) => n.text)).toContainEqual(
      expect.stringMatching(
        /^Obstacle: Waking up anxious\. If–then plan: If I wake up anxious, then I do 5 minutes of breathing before checking my phone\. Used 2 times \(last \d{4}-\d\d-\d\d\): worked 1, partly 1, not 0\.$/,
      ),
    );

    if (!canReadPdf) return;
    const pdf = await therapist.get(`/api/clients/${clinic.client.clientId}/report.pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    const text = pdfToText(pdf.rawPayload).replace(/\s+/g, ' ');
    expect(text).toContain('Obstacles and if–then plans');
    expect(text).toContain(
      'Waking up anxious — If I wake up anxious, then I do 5 minutes of breathing',
    );
    expect(text).toContain(
      'the obstacle came up 2 times; the plan worked 1, partly 1, not 0 (75%)',
    );
  });
});
