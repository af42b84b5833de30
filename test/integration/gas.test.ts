import { expect, it } from 'vitest';
import type { AttainmentView, GasView } from '../../src/contract/gas.ts';
import type { GoalView } from '../../src/contract/goals.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, Session, signedIn } from '../support/http.ts';

const levels = {
  '-2': 'Stays home every day',
  '-1': 'Goes out once a week',
  '0': 'Goes out 3 times a week',
  '1': 'Goes out 5 times a week',
  '2': 'Goes out every day',
};

async function setup(h: Harness) {
  h.clock.set('2026-04-01T12:00:00Z');
  const clinic = await buildClinic(h.store);
  const therapist = await signedIn(h.app, clinic.therapist);
  const client = await signedIn(h.app, clinic.client);
  const clientId = clinic.client.clientId;
  const goal = async (title: string, gas: object | null = { levels }) =>
    (
      await therapist.post(`/api/clients/${clientId}/goals`, { title, ...(gas ? { gas } : {}) })
    ).json<GoalView>();
  return { clinic, therapist, client, clientId, goal };
}

const rate = (s: Session, goalId: string, body: unknown) =>
  s.post(`/api/goals/${goalId}/attainment`, body);

async function ratings(h: Harness, goalId: string): Promise<number> {
  return (
    await h.store.db.selectFrom('gas_ratings').select('id').where('goal_id', '=', goalId).execute()
  ).length;
}

describeEachEngine('goal attainment scaling', (h) => {
  it('rates a goal and gives the T-score over each goal at its latest rating (SPEC vector 24)', async () => {
    const { therapist, client, clientId, goal, clinic } = await setup(h());
    const none = (await client.get(`/api/clients/${clientId}/gas`)).json<GasView>();
    expect(none).toEqual({ tScore: null, goals: [], history: [] });

    const a = await goal('Go out more');
    const b = await goal('Sleep by midnight');
    const c = await goal('Call a friend weekly');
    const first = await rate(therapist, a.id, { level: 2, ratedAt: '2026-03-01T10:00:00Z' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<AttainmentView>()).toEqual({
      id: expect.any(String),
      goalId: a.id,
      level: 2,
      ratedAt: '2026-03-01T10:00:00.000Z',
      ratedBy: clinic.therapist.id,
    });
    await rate(therapist, a.id, { level: 1, ratedAt: '2026-03-15T10:00:00Z' });
    // Entered last but dated earliest: it is not the latest rating.
    await rate(therapist, a.id, { level: -2, ratedAt: '2026-02-01T10:00:00Z' });
    await rate(therapist, b.id, { level: 1, ratedAt: '2026-03-15T10:00:00Z' });
    await rate(therapist, c.id, { level: 0 });

    const gas = (await client.get(`/api/clients/${clientId}/gas`)).json<GasView>();
    expect(gas.tScore).toBe(59.13);
    expect(gas.goals).toHaveLength(3);
    expect(gas.goals).toEqual(
      expect.arrayContaining([
        {
          goalId: a.id,
          title: 'Go out more',
          level: 1,
          weight: 1,
          ratedAt: '2026-03-15T10:00:00.000Z',
        },
        {
          goalId: b.id,
          title: 'Sleep by midnight',
          level: 1,
          weight: 1,
          ratedAt: '2026-03-15T10:00:00.000Z',
        },
        {
          goalId: c.id,
          title: 'Call a friend weekly',
          level: 0,
          weight: 1,
          ratedAt: '2026-04-01T12:00:00.000Z',
        },
      ]),
    );
    expect(gas.history).toEqual([
      { at: '2026-02-01T10:00:00.000Z', tScore: 30 },
      { at: '2026-03-01T10:00:00.000Z', tScore: 70 },
      { at: '2026-03-15T10:00:00.000Z', tScore: 62.4 },
      { at: '2026-04-01T12:00:00.000Z', tScore: 59.13 },
    ]);
  });

  it('uses each goal’s weight', async () => {
    const { therapist, clientId, goal } = await setup(h());
    const heavy = await goal('Return to work', { levels, weight: 3 });
    const light = await goal('Tidy one room', { levels });
    await rate(therapist, heavy.id, { level: 2 });
    await rate(therapist, light.id, { level: -2 });
    const gas = (await therapist.get(`/api/clients/${clientId}/gas`)).json<GasView>();
    // 50 + 10·(3·2 − 2) / √(0.7·10 + 0.3·16) = 50 + 40/√11.8
    expect(gas.tScore).toBe(61.64);
    expect(gas.goals.find((g) => g.goalId === heavy.id)?.weight).toBe(3);
  });

  it('rates a goal whatever its status; no scale → 409; the client may not rate', async () => {
    const { therapist, client, goal } = await setup(h());
    const g = await goal('Go out more');
    const done = await therapist.patch(
      `/api/goals/${g.id}`,
      { status: 'achieved', reason: 'Goes out most days' },
      { 'if-match': `"${g.version}"` },
    );
    expect(done.statusCode, done.body).toBe(200);
    expect((await rate(therapist, g.id, { level: 2 })).statusCode).toBe(201);

    const plain = await goal('No scale here', null);
    expectProblem(await rate(therapist, plain.id, { level: 0 }), 409, 'no-gas-scale');
    expectProblem(await rate(client, g.id, { level: 2 }), 403, 'forbidden');
    expect(await ratings(h(), g.id)).toBe(1);
    expect(await ratings(h(), plain.id)).toBe(0);
  });

  it('refuses a bad rating naming the field, storing nothing', async () => {
    const { therapist, goal } = await setup(h());
    const g = await goal('Go out more');
    const cases: [unknown, string][] = [
      [{ level: 3 }, 'level'],
      [{ level: -3 }, 'level'],
      [{ level: 1.5 }, 'level'],
      [{ level: '1' }, 'level'],
      [{}, 'level'],
      [{ level: 1, ratedAt: 'today' }, 'ratedAt'],
      [{ level: 1, ratedAt: '2026-04-02T12:00:00Z' }, 'ratedAt'],
    ];
    for (const [body, field] of cases)
      expect(expectProblem(await rate(therapist, g.id, body), 400, 'validation').field).toBe(field);
    expect(await ratings(h(), g.id)).toBe(0);
  });

  it('keeps others out: 404 out of scope, 403 for an admin, 401 signed out', async () => {
    const { clinic, clientId, goal } = await setup(h());
    const g = await goal('Go out more');
    const other = await signedIn(h().app, clinic.otherTherapist);
    expectProblem(await rate(other, g.id, { level: 1 }), 404, 'not-found');
    expectProblem(await other.get(`/api/clients/${clientId}/gas`), 404, 'not-found');
    const admin = await signedIn(h().app, clinic.admin);
    expectProblem(await admin.get(`/api/clients/${clientId}/gas`), 403, 'forbidden');
    expectProblem(await new Session(h().app).get(`/api/clients/${clientId}/gas`), 401);
    expect(await ratings(h(), g.id)).toBe(0);
  });
});
