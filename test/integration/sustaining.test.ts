import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { JourneyView } from '../../src/contract/goal-reviews.ts';
import type { GoalView, RevisionView } from '../../src/contract/goals.ts';
import { addDays, localDate } from '../../src/domain/calendar.ts';
import { sustainSlipJob } from '../../src/jobs/sustain-slip.ts';
import { days } from '../support/clock.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, signedIn, type Session } from '../support/http.ts';

async function achievedGoal(h: Harness) {
  const clinic = await buildClinic(h.store);
  const therapist = await signedIn(h.app, clinic.therapist);
  const client = await signedIn(h.app, clinic.client);
  const created = await therapist.post(`/api/clients/${clinic.client.clientId}/goals`, {
    title: 'Walk 3 times a week',
    measure: { name: 'Walks', kind: 'count', unit: 'walks', better: 'higher' },
    baseline: 1,
    target: 3,
  });
  const goal = created.json<GoalView>();
  const step = (
    await therapist.post(`/api/goals/${goal.id}/steps`, { title: 'Find a route' })
  ).json<{ id: string }>();
  await client.patch(`/api/steps/${step.id}`, { done: true });
  await therapist.post(`/api/goals/${goal.id}/steps`, { title: 'Buy shoes' });
  const checkIn = (value: number, at: Date) =>
    client.post(`/api/clients/${clinic.client.clientId}/check-ins`, {
      id: randomUUID(),
      measureId: goal.measureId,
      value,
      at: at.toISOString(),
    });
  const now = h.clock.now().getTime();
  for (const [value, ago] of [
    [1, 20],
    [4, 10],
    [3, 1],
  ] as const)
    expect((await checkIn(value, new Date(now - days(ago)))).statusCode).toBe(201);
  const achieved = await therapist.post(
    `/api/goals/${goal.id}/reviews`,
    { decision: 'achieved', reason: 'Three walks a week for a month' },
    { 'if-match': '"1"' },
  );
  expect(achieved.statusCode, achieved.body).toBe(201);
  return { clinic, therapist, client, goal, checkIn };
}

const sustain = (s: Session, goalId: string, version: number, body: unknown) =>
  s.patch(`/api/goals/${goalId}`, body, { 'if-match': `"${version}"` });

async function slipAlerts(h: Harness, clientId: string) {
  return h.store.db
    .selectFrom('alerts')
    .select(['kind', 'source', 'severity', 'detail', 'id'])
    .where('client_id', '=', clientId)
    .execute();
}

describeEachEngine('achievement and sustaining', (h) => {
  it('shows the journey of an achieved goal: baseline to now, best, steps done', async () => {
    const { client, goal } = await achievedGoal(h());
    const res = await client.get(`/api/goals/${goal.id}/journey`);
    expect(res.statusCode, res.body).toBe(200);
    const today = localDate(h().clock.now(), 'America/Toronto');
    expect(res.json<JourneyView>()).toMatchObject({
      status: 'achieved',
      achievedOn: today,
      measure: { name: 'Walks', better: 'higher' },
      figures: {
        start: 1,
        latest: 3,
        best: 4,
        change: 2,
        improved: true,
        percentToTarget: 100,
        checkIns: 3,
      },
      steps: { done: 1, total: 2, doneTitles: ['Find a route'] },
    });
  });

  it('moves an achieved goal into sustaining, with a lighter rhythm kept in its history', async () => {
    const { therapist, client, goal } = await achievedGoal(h());
    const today = localDate(h().clock.now(), 'America/Toronto');
    const res = await sustain(therapist, goal.id, 2, {
      sustain: { checkInEveryDays: 14, slipThreshold: 2 },
      reason: 'Keep it going with a check-in every two weeks',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<GoalView>().sustaining).toMatchObject({
      checkInEveryDays: 14,
      slipThreshold: 2,
      nextCheckInOn: addDays(today, 14),
      checkInDue: false,
    });
    const revs = (await client.get(`/api/goals/${goal.id}/revisions`)).json<{
      revisions: RevisionView[];
    }>().revisions;
    expect(revs.at(-1)!.changes.sustain).toEqual({
      from: null,
      to: { checkInEveryDays: 14, slipThreshold: 2 },
    });
    // Reopening the goal ends the phase.
    const reopened = await sustain(therapist, goal.id, 3, {
      status: 'active',
      reason: 'Slipping; back to work',
    });
    expect(reopened.json<GoalView>().sustaining).toBeNull();
  });

  it('refuses sustaining a goal that is not achieved, or a slip line off the measure', async () => {
    const { clinic, therapist, goal } = await achievedGoal(h());
    const active = (
      await therapist.post(`/api/clients/${clinic.client.clientId}/goals`, { title: 'Sleep by 11' })
    ).json<GoalView>();
    expect(
      expectProblem(
        await sustain(therapist, active.id, 1, { sustain: { checkInEveryDays: 7 } }),
        400,
      ).field,
    ).toBe('sustain');
    expect(
      expectProblem(
        await sustain(therapist, goal.id, 2, {
          sustain: { checkInEveryDays: 7, slipThreshold: -1 },
        }),
        400,
      ).field,
    ).toBe('sustain.slipThreshold');
    expect(
      expectProblem(await sustain(therapist, goal.id, 2, { sustain: { checkInEveryDays: 1 } }), 400)
        .field,
    ).toBe('sustain.checkInEveryDays');
    const client = await signedIn(h().app, clinic.client);
    expectProblem(await sustain(client, goal.id, 2, { sustain: { checkInEveryDays: 7 } }), 403);
  });

  it('raises one alert when a sustained goal slips back past its line', async () => {
    const { clinic, therapist, goal, checkIn } = await achievedGoal(h());
    await sustain(therapist, goal.id, 2, { sustain: { checkInEveryDays: 14, slipThreshold: 2 } });
    const run = () => sustainSlipJob.run({ store: h().store, now: h().clock.now() });
    // Each check-in a minute after the last, so "the latest" is never a tie.
    const later = () => {
      h().clock.advance(60_000);
      return h().clock.now();
    };

    expect((await checkIn(3, later())).statusCode).toBe(201);
    await run();
    expect(await slipAlerts(h(), clinic.client.clientId)).toEqual([]);

    expect((await checkIn(1, later())).statusCode).toBe(201);
    await run();
    const [alert, ...more] = await slipAlerts(h(), clinic.client.clientId);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({
      kind: 'off-track',
      severity: 'medium',
      source: `goal/${goal.id}/slip`,
    });
    expect(alert!.detail).toContain('was 1 walks, past the agreed line of 2 walks');

    // Raised once: acknowledged or not, the same phase does not raise it again.
    await therapist.post(`/api/alerts/${alert!.id}/acknowledge`, { note: 'Talked it through' });
    expect((await checkIn(0, later())).statusCode).toBe(201);
    await run();
    expect(await slipAlerts(h(), clinic.client.clientId)).toHaveLength(1);
  });
});
