import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { GoalView } from '../../src/contract/goals.ts';
import type { ProgressView } from '../../src/contract/measurement.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, Session, signedIn } from '../support/http.ts';

const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}`;

async function setup(h: Harness) {
  h.clock.set('2026-03-01T12:00:00Z');
  const clinic = await buildClinic(h.store);
  const therapist = await signedIn(h.app, clinic.therapist);
  const clientId = clinic.client.clientId;
  const goal = (
    await therapist.post(`/api/clients/${clientId}/goals`, {
      title: 'Bring my anxiety down to 2 out of 10 by the end of May',
      measure: { name: 'Anxiety', kind: 'scale', better: 'lower' },
      baseline: 8,
      target: 2,
      dueDate: '2026-05-31',
    })
  ).json<GoalView>();
  const practice = (
    await therapist.post(`/api/goals/${goal.id}/practices`, {
      title: 'Breathing exercise',
      schedule: { kind: 'daily' },
    })
  ).json<{ id: string }>();
  return { clinic, clientId, goal, practice };
}

describeEachEngine('goal progress', (h) => {
  it('gives baseline, target, latest, percent, averages, trend, on-track and adherence', async () => {
    const { clinic, clientId, goal, practice } = await setup(h());
    // Four weeks later; anxiety came down by 0.1 a day.
    h().clock.set('2026-03-29T12:00:00Z');
    const client = await signedIn(h().app, clinic.client);
    for (let d = 2; d <= 29; d++) {
      const res = await client.post(`/api/clients/${clientId}/check-ins`, {
        id: randomUUID(),
        measureId: goal.measureId,
        value: Math.round((8 - (d - 2) * 0.1) * 10) / 10,
        at: `${day(d)}T10:00:00Z`,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    for (const d of [27, 28, 29])
      await client.request('PUT', `/api/practices/${practice.id}/completions/${day(d)}`, {
        done: true,
      });

    const res = await client.get(`/api/goals/${goal.id}/progress`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<ProgressView>();
    expect(p).toMatchObject({
      goalId: goal.id,
      measure: { id: goal.measureId, kind: 'scale', better: 'lower' },
      dueDate: '2026-05-31',
      baseline: 8,
      target: 2,
      latest: { at: '2026-03-29T10:00:00.000Z', value: 5.3 },
      percentToTarget: 45,
      average7: 5.6,
      average28: 6.65,
      trend: { slopePerWeek: -0.7, direction: 'improving' },
      onTrack: true,
      offTrack: false,
    });
    expect(p.adherence).toEqual({
      adherence7: 43,
      adherence28: 11,
      practices: [
        {
          id: practice.id,
          title: 'Breathing exercise',
          status: 'active',
          adherence7: 43,
          adherence28: 11,
          streak: { current: 3, best: 3 },
        },
      ],
    });
  });

  it('finds the latest check-in however old, and says nothing it cannot know', async () => {
    const { clinic, clientId, goal } = await setup(h());
    const therapist = await signedIn(h().app, clinic.therapist);
    const empty = (await therapist.get(`/api/goals/${goal.id}/progress`)).json<ProgressView>();
    expect(empty).toMatchObject({
      latest: null,
      percentToTarget: null,
      average7: null,
      average28: null,
      trend: { slopePerWeek: null, direction: 'unknown' },
      onTrack: null,
      offTrack: null,
    });

    await therapist.post(`/api/clients/${clientId}/check-ins`, {
      id: randomUUID(),
      measureId: goal.measureId,
      value: 10,
      at: '2026-03-01T11:00:00Z',
    });
    h().clock.set('2026-07-01T12:00:00Z');
    const later = await signedIn(h().app, clinic.therapist);
    const p = (await later.get(`/api/goals/${goal.id}/progress`)).json<ProgressView>();
    expect(p.latest).toEqual({ at: '2026-03-01T11:00:00.000Z', value: 10 });
    expect(p.percentToTarget).toBe(-33.33);
    expect(p.average28).toBeNull();
    expect(p.onTrack).toBe(false);

    // A goal without a measure has no figures and no adherence.
    const plain = (
      await later.post(`/api/clients/${clientId}/goals`, { title: 'Call my sister every week' })
    ).json<GoalView>();
    const none = (await later.get(`/api/goals/${plain.id}/progress`)).json<ProgressView>();
    expect(none).toMatchObject({ measure: null, baseline: null, target: null, latest: null });
    expect(none.adherence).toBeUndefined();
  });

  it('is 404 out of scope, 403 for an admin, 401 signed out', async () => {
    const { clinic, goal } = await setup(h());
    const other = await signedIn(h().app, clinic.otherTherapist);
    expectProblem(await other.get(`/api/goals/${goal.id}/progress`), 404, 'not-found');
    const admin = await signedIn(h().app, clinic.admin);
    expectProblem(await admin.get(`/api/goals/${goal.id}/progress`), 403, 'forbidden');
    expectProblem(await new Session(h().app).get(`/api/goals/${goal.id}/progress`), 401);
    expect(
      expectProblem(await other.get('/api/goals/nope/progress'), 400, 'validation').field,
    ).toBe('params.goalId');
  });
});
