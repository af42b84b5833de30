import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { GoalView, MeasureView } from '../../src/contract/goals.ts';
import type { ProgressView } from '../../src/contract/measurement.ts';
import type { OutcomesView } from '../../src/contract/questionnaires.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, Session, signedIn } from '../support/http.ts';

// SPEC §4 vector 20 read as a custom measure: SD 5.5, reliability .89 → threshold 5.06.
const vector20 = { sd: 5.5, reliability: 0.89 };

async function setup(h: Harness) {
  h.clock.set('2026-03-01T12:00:00Z');
  const clinic = await buildClinic(h.store);
  const therapist = await signedIn(h.app, clinic.therapist);
  const client = await signedIn(h.app, clinic.client);
  const clientId = clinic.client.clientId;
  const made = await therapist.post(`/api/clients/${clientId}/measures`, {
    name: 'Worry score',
    kind: 'count',
    better: 'lower',
    ...vector20,
  });
  expect(made.statusCode, made.body).toBe(201);
  const measure = made.json<MeasureView>();
  const checkIn = (value: number, at: string) =>
    client.post(`/api/clients/${clientId}/check-ins`, {
      id: randomUUID(),
      measureId: measure.id,
      value,
      at,
    });
  return { clinic, therapist, client, clientId, measure, checkIn };
}

const stored = (h: Harness, id: string) =>
  h.store.db
    .selectFrom('measures')
    .select(['sd', 'reliability'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describeEachEngine('reliable change of a custom measure', (h) => {
  it('a measure carries its SD and reliability, and shows its reliable change threshold', async () => {
    const { measure, client, clientId } = await setup(h());
    expect(measure).toMatchObject({ ...vector20, reliableChangeThreshold: 5.06 });
    const listed = (await client.get(`/api/clients/${clientId}/measures`)).json<{
      measures: MeasureView[];
    }>();
    expect(listed.measures[0]).toMatchObject({ ...vector20, reliableChangeThreshold: 5.06 });
  });

  it('progress and outcomes show reliable change (vector 20: 17 → 11 reliable, 17 → 12 not)', async () => {
    const { therapist, clientId, measure, checkIn } = await setup(h());
    const goal = (
      await therapist.post(`/api/clients/${clientId}/goals`, {
        title: 'Worry score at 5 or below by June',
        measureId: measure.id,
        baseline: 17,
        target: 5,
        dueDate: '2026-06-30',
      })
    ).json<GoalView>();
    const progress = async () =>
      (await therapist.get(`/api/goals/${goal.id}/progress`)).json<ProgressView>();
    expect((await progress()).reliableChange).toBeNull();

    expect((await checkIn(12, '2026-03-01T09:00:00Z')).statusCode).toBe(201);
    expect((await progress()).reliableChange).toEqual({
      from: 17,
      to: 12,
      change: -5,
      rci: -1.94,
      threshold: 5.06,
      reliable: false,
      reliableImprovement: false,
      reliableDeterioration: false,
    });
    expect((await checkIn(11, '2026-03-01T10:00:00Z')).statusCode).toBe(201);
    expect((await progress()).reliableChange).toMatchObject({
      to: 11,
      rci: -2.33,
      reliable: true,
      reliableImprovement: true,
    });

    // Outcomes: first → latest check-in of the measure.
    const outcomes = (
      await therapist.get(`/api/clients/${clientId}/outcomes`)
    ).json<OutcomesView>();
    expect(outcomes.measures).toEqual([
      {
        measureId: measure.id,
        name: 'Worry score',
        unit: null,
        better: 'lower',
        from: 12,
        to: 11,
        change: -1,
        rci: -0.39,
        threshold: 5.06,
        reliable: false,
        reliableImprovement: false,
        reliableDeterioration: false,
        firstAt: '2026-03-01T09:00:00.000Z',
        latestAt: '2026-03-01T10:00:00.000Z',
        count: 2,
      },
    ]);

    // The threshold is the measure's noise: 4 points worse than the line is within 5.06, though
    // beyond the default noise (10 % of the 12 points from baseline to target).
    expect((await checkIn(21, '2026-03-01T11:00:00Z')).statusCode).toBe(201);
    expect(await progress()).toMatchObject({
      onTrack: true,
      reliableChange: { to: 21, change: 4, reliable: false, reliableDeterioration: false },
    });
    // The pre-session digest judges the goal the same way.
    const digest = async () =>
      (await therapist.get(`/api/clients/${clientId}/digest`))
        .json<{
          goals: { id: string; onTrack: boolean | null }[];
        }>()
        .goals.find((x) => x.id === goal.id)?.onTrack;
    expect(await digest()).toBe(true);
    // And so does the caseload dashboard.
    const caseload = async () =>
      (await therapist.get('/api/clients'))
        .json<{ clients: { id: string; goals: { onTrack: number; offTrack: number } }[] }>()
        .clients.find((c) => c.id === clientId)?.goals;
    expect(await caseload()).toEqual({ active: 1, onTrack: 1, offTrack: 0 });

    // Cleared: progress falls back to no reliable change, outcomes leave the measure out.
    const cleared = await therapist.patch(`/api/measures/${measure.id}`, {
      sd: null,
      reliability: null,
    });
    expect(cleared.json<MeasureView>()).toMatchObject({
      sd: null,
      reliability: null,
      reliableChangeThreshold: null,
    });
    expect(await progress()).toMatchObject({ onTrack: false, reliableChange: null });
    expect(await digest()).toBe(false);
    expect(await caseload()).toMatchObject({ onTrack: 0 });
    const after = (await therapist.get(`/api/clients/${clientId}/outcomes`)).json<OutcomesView>();
    expect(after.measures).toBeUndefined();
  });

  it('a therapist sets or changes them; the change is audited', async () => {
    const { therapist, clientId, measure } = await setup(h());
    const res = await therapist.patch(`/api/measures/${measure.id}`, {
      sd: 4.5,
      reliability: 0.92,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<MeasureView>()).toMatchObject({
      sd: 4.5,
      reliability: 0.92,
      reliableChangeThreshold: 3.53,
    });
    expect(await stored(h(), measure.id)).toEqual({ sd: 4.5, reliability: 0.92 });
    const audit = await h()
      .store.db.selectFrom('audit_events')
      .select(['action', 'client_id', 'resource'])
      .where('action', '=', 'measure.update')
      .where('client_id', '=', clientId)
      .execute();
    expect(audit).toEqual([
      { action: 'measure.update', client_id: clientId, resource: `measure/${measure.id}` },
    ]);
  });

  it('refuses an SD ≤ 0, a reliability outside (0, 1), or one without the other; nothing stored', async () => {
    const { therapist, clientId, measure } = await setup(h());
    const cases: [unknown, string][] = [
      [{ sd: 0, reliability: 0.8 }, 'sd'],
      [{ sd: -1, reliability: 0.8 }, 'sd'],
      [{ sd: 'five', reliability: 0.8 }, 'sd'],
      [{ sd: 5, reliability: 0 }, 'reliability'],
      [{ sd: 5, reliability: 1 }, 'reliability'],
      [{ sd: 5, reliability: 1.2 }, 'reliability'],
      [{ sd: 5 }, 'reliability'],
      [{ sd: 5, reliability: null }, 'reliability'],
      [{ sd: null, reliability: 0.8 }, 'sd'],
      // Unknown keys are refused as the body's (the house rule for strict bodies).
      [{ sd: 5, reliability: 0.8, name: 'x' }, 'body'],
    ];
    for (const [body, field] of cases) {
      const p = expectProblem(
        await therapist.patch(`/api/measures/${measure.id}`, body),
        400,
        'validation',
      );
      expect(p.field, JSON.stringify(body)).toBe(field);
    }
    expect(await stored(h(), measure.id)).toEqual(vector20);

    const url = `/api/clients/${clientId}/measures`;
    const base = { name: 'Sleep', kind: 'minutes', better: 'higher' };
    for (const [body, field] of [
      [{ ...base, sd: 30 }, 'reliability'],
      [{ ...base, reliability: 0.7 }, 'sd'],
      [{ ...base, sd: 30, reliability: 1 }, 'reliability'],
    ] as const) {
      expect(expectProblem(await therapist.post(url, body), 400).field).toBe(field);
    }
    const count = await h()
      .store.db.selectFrom('measures')
      .select('id')
      .where('client_id', '=', clientId)
      .execute();
    expect(count).toHaveLength(1);
  });

  it('a measure under a goal the client withheld is out of reach: 404, and not in outcomes', async () => {
    const { therapist, client, clientId, measure, checkIn } = await setup(h());
    const goal = (
      await therapist.post(`/api/clients/${clientId}/goals`, {
        title: 'Worry score at 5 or below by June',
        measureId: measure.id,
      })
    ).json<GoalView>();
    expect((await checkIn(12, '2026-03-01T09:00:00Z')).statusCode).toBe(201);
    const lock = await client.post(`/api/clients/${clientId}/consent-directives`, {
      scope: 'goal',
      resourceId: goal.id,
    });
    expect(lock.statusCode, lock.body).toBe(201);
    expectProblem(
      await therapist.patch(`/api/measures/${measure.id}`, { sd: 3, reliability: 0.7 }),
      404,
    );
    const outcomes = (
      await therapist.get(`/api/clients/${clientId}/outcomes`)
    ).json<OutcomesView>();
    expect(outcomes.measures).toBeUndefined();
    // The client still sees their own.
    const own = (await client.get(`/api/clients/${clientId}/outcomes`)).json<OutcomesView>();
    expect(own.measures?.map((m) => m.measureId)).toEqual([measure.id]);
    expect(await stored(h(), measure.id)).toEqual(vector20);
  });

  it('keeps others out: client 403, another therapist 404, admin 403, anonymous 401', async () => {
    const { clinic, client, measure } = await setup(h());
    const url = `/api/measures/${measure.id}`;
    const body = { sd: 3, reliability: 0.7 };
    expectProblem(await client.patch(url, body), 403, 'forbidden');
    const other = await signedIn(h().app, clinic.otherTherapist);
    expectProblem(await other.patch(url, body), 404, 'not-found');
    expectProblem(await other.patch(`/api/measures/${randomUUID()}`, body), 404);
    const admin = await signedIn(h().app, clinic.admin);
    expectProblem(await admin.patch(url, body), 403, 'forbidden');
    expectProblem(await new Session(h().app).patch(url, body), 401);
    expectProblem(await other.patch('/api/measures/not-a-uuid', body), 400);
    expect(await stored(h(), measure.id)).toEqual(vector20);
  });
});
