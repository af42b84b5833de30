import { expect, it } from 'vitest';
import type { GoalView, RevisionView } from '../../src/contract/goals.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic, type TestClinic } from '../support/factories.ts';
import { expectProblem, signedIn, type Session } from '../support/http.ts';

const gas = {
  levels: {
    '-2': 'No walks',
    '-1': '1 walk a week',
    '0': '3 walks a week',
    '1': '4 walks a week',
    '2': '5+ walks a week',
  },
};

async function setup(h: Harness) {
  const clinic = await buildClinic(h.store);
  const therapist = await signedIn(h.app, clinic.therapist);
  const client = await signedIn(h.app, clinic.client);
  return { clinic, therapist, client };
}

async function makeGoal(
  s: Session,
  clinic: TestClinic,
  body: Record<string, unknown> = {},
): Promise<GoalView> {
  const res = await s.post(`/api/clients/${clinic.client.clientId}/goals`, {
    title: 'Go for a 20-minute walk 3 times a week',
    why: 'Walking lifts my mood and helps me sleep',
    measure: { name: 'Minutes walked', kind: 'minutes', unit: 'min', better: 'higher' },
    baseline: 10,
    target: 60,
    dueDate: '2099-06-30',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<GoalView>();
}

async function revisions(s: Session, goalId: string): Promise<RevisionView[]> {
  return (await s.get(`/api/goals/${goalId}/revisions`)).json<{ revisions: RevisionView[] }>()
    .revisions;
}

async function rowCount(
  h: Harness,
  table: 'goals' | 'revisions' | 'measures' | 'steps',
  clientId?: string,
): Promise<number> {
  let q = h.store.db.selectFrom(table as 'goals').select((eb) => eb.fn.countAll<number>().as('n'));
  if (clientId && table !== 'revisions' && table !== 'steps')
    q = q.where('client_id', '=', clientId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describeEachEngine('goals', (h) => {
  it('creates a goal as version 1 with revision 1, a measure, SMART result and ETag', async () => {
    const { clinic, therapist } = await setup(h());
    const goal = await makeGoal(therapist, clinic);
    expect(goal).toMatchObject({
      version: 1,
      status: 'active',
      baseline: 10,
      target: 60,
      dueDate: '2099-06-30',
      clientId: clinic.client.clientId,
    });
    expect(goal.measureId).toBe(goal.measure?.id);
    expect(goal.smart.met).toEqual(
      expect.arrayContaining(['specific', 'measurable', 'time-bound', 'relevant']),
    );
    const get = await therapist.get(`/api/goals/${goal.id}`);
    expect(get.headers.etag).toBe('"1"');
    const revs = await revisions(therapist, goal.id);
    expect(revs).toHaveLength(1);
    expect(revs[0]).toMatchObject({
      version: 1,
      by: clinic.therapist.id,
      byName: 'Theo Therapist',
    });
    expect(revs[0]!.changes.title).toEqual({
      from: null,
      to: 'Go for a 20-minute walk 3 times a week',
    });
    const list = (await therapist.get(`/api/clients/${clinic.client.clientId}/goals`)).json<{
      goals: GoalView[];
    }>();
    expect(list.goals.map((g) => g.id)).toEqual([goal.id]);
  });

  it('gives SMART hints for a vague goal and accepts a past due date with a hint', async () => {
    const { clinic, therapist } = await setup(h());
    const res = await therapist.post(`/api/clients/${clinic.client.clientId}/goals`, {
      title: 'I want to be less anxious',
      dueDate: '2020-01-01',
    });
    expect(res.statusCode).toBe(201);
    const goal = res.json<GoalView>();
    expect(goal.smart.met).not.toContain('specific');
    expect(goal.smart.met).not.toContain('time-bound');
    expect(goal.smart.hints.map((x) => x.criterion)).toEqual(
      expect.arrayContaining(['specific', 'measurable', 'time-bound']),
    );
    const check = await therapist.post('/api/smart-check', {
      title: 'Practise mindfulness for 10 minutes daily',
    });
    expect(check.statusCode).toBe(200);
    expect(check.json().met).toContain('specific');
  });

  it('applies a PATCH with If-Match, appends exactly one revision with the reason, and moves the ETag', async () => {
    const { clinic, therapist } = await setup(h());
    const goal = await makeGoal(therapist, clinic);
    const res = await therapist.patch(
      `/api/goals/${goal.id}`,
      { target: 45, reason: 'Sixty was too much with the new job' },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json()).toMatchObject({ version: 2, target: 45 });
    const revs = await revisions(therapist, goal.id);
    expect(revs.map((r) => r.version)).toEqual([1, 2]);
    expect(revs[1]).toMatchObject({
      changes: { target: { from: 60, to: 45 } },
      reason: 'Sixty was too much with the new job',
      by: clinic.therapist.id,
    });
  });

  it('refuses PATCH without If-Match (428), stale (412), and appends nothing', async () => {
    const { clinic, therapist } = await setup(h());
    const goal = await makeGoal(therapist, clinic);
    expectProblem(
      await therapist.patch(`/api/goals/${goal.id}`, { title: 'Walk daily' }),
      428,
      'precondition-required',
    );
    await therapist.patch(
      `/api/goals/${goal.id}`,
      { title: 'Walk 20 minutes daily' },
      { 'if-match': '"1"' },
    );
    expectProblem(
      await therapist.patch(
        `/api/goals/${goal.id}`,
        { title: 'Walk 30 minutes daily' },
        { 'if-match': '"1"' },
      ),
      412,
      'stale',
    );
    expectProblem(
      await therapist.patch(`/api/goals/${goal.id}`, { title: 'x' }, { 'if-match': 'garbage' }),
      400,
      'validation',
    );
    expect((await revisions(therapist, goal.id)).map((r) => r.version)).toEqual([1, 2]);
    expect((await therapist.get(`/api/goals/${goal.id}`)).json().title).toBe(
      'Walk 20 minutes daily',
    );
  });

  it('lets exactly one of two simultaneous edits with the same If-Match win', async () => {
    const { clinic, therapist } = await setup(h());
    const other = await signedIn(h().app, clinic.therapist);
    for (let round = 0; round < 5; round++) {
      const goal = await makeGoal(therapist, clinic);
      const [a, b] = await Promise.all([
        therapist.patch(`/api/goals/${goal.id}`, { target: 40 }, { 'if-match': '"1"' }),
        other.patch(`/api/goals/${goal.id}`, { target: 50 }, { 'if-match': '"1"' }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412]);
      const revs = await revisions(therapist, goal.id);
      expect(revs.map((r) => r.version)).toEqual([1, 2]);
      const winner = a.statusCode === 200 ? 40 : 50;
      expect((await therapist.get(`/api/goals/${goal.id}`)).json().target).toBe(winner);
    }
  });

  it('follows the lifecycle and refuses forbidden jumps with 400 naming status', async () => {
    const { clinic, therapist } = await setup(h());
    const goal = await makeGoal(therapist, clinic);
    let v = 1;
    for (const status of ['on-hold', 'active', 'achieved', 'active', 'discontinued']) {
      const res = await therapist.patch(
        `/api/goals/${goal.id}`,
        { status },
        { 'if-match': `"${v}"` },
      );
      expect(res.statusCode, `${status}: ${res.body}`).toBe(200);
      v++;
    }
    const bad = expectProblem(
      await therapist.patch(
        `/api/goals/${goal.id}`,
        { status: 'active' },
        { 'if-match': `"${v}"` },
      ),
      400,
      'validation',
    );
    expect(bad.field).toBe('status');
    expect(await revisions(therapist, goal.id)).toHaveLength(v);
  });

  it('lets a client propose a goal and edit only its why', async () => {
    const { clinic, therapist, client } = await setup(h());
    const proposed = await makeGoal(client, clinic, { status: 'active' });
    expect(proposed.status).toBe('proposed');
    expect(proposed.can).toMatchObject({ edit: false, editWhy: true, rate: false });
    const why = await client.patch(
      `/api/goals/${proposed.id}`,
      { why: 'I want energy for my kids' },
      { 'if-match': '"1"' },
    );
    expect(why.statusCode, why.body).toBe(200);
    expectProblem(
      await client.patch(`/api/goals/${proposed.id}`, { target: 90 }, { 'if-match': '"2"' }),
      403,
      'forbidden',
    );
    expectProblem(
      await client.patch(`/api/goals/${proposed.id}`, { status: 'active' }, { 'if-match': '"2"' }),
      403,
    );
    const accepted = await therapist.patch(
      `/api/goals/${proposed.id}`,
      { status: 'active', reason: 'Agreed in session' },
      { 'if-match': '"2"' },
    );
    expect(accepted.json()).toMatchObject({ status: 'active', version: 3 });
    const revs = await revisions(client, proposed.id);
    expect(revs.map((r) => r.by)).toEqual([
      clinic.client.id,
      clinic.client.id,
      clinic.therapist.id,
    ]);
  });

  it('refuses bad input with the field named and stores nothing', async () => {
    const { clinic, therapist } = await setup(h());
    const url = `/api/clients/${clinic.client.clientId}/goals`;
    const goalsBefore = await rowCount(h(), 'goals', clinic.client.clientId);
    const measuresBefore = await rowCount(h(), 'measures', clinic.client.clientId);
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'title'],
      [{ title: 'x'.repeat(10_000) }, 'title'],
      [
        { title: 'Walk', measure: { name: 'Walks', kind: 'steps', better: 'higher' } },
        'measure.kind',
      ],
      [{ title: 'Walk', gas: { levels: { ...gas.levels, '3': 'Too far' } } }, 'gas.levels'],
      [{ title: 'Walk', dueDate: '2026-02-30' }, 'dueDate'],
      [{ title: 'Walk', dueDate: 'next tuesday' }, 'dueDate'],
      [
        { title: 'Walk', measure: { name: 'Mood', kind: 'scale', better: 'higher' }, target: 11 },
        'target',
      ],
      [{ title: 'Walk', target: 5 }, 'target'],
      [{ title: 'Walk', surprise: true }, 'body'],
    ];
    for (const [body, field] of cases) {
      const p = expectProblem(await therapist.post(url, body), 400, 'validation');
      expect(String(p.field), JSON.stringify(body)).toContain(field === 'body' ? '' : field);
    }
    const foreign = await buildClinic(h().store);
    const theirs = await makeGoal(await signedIn(h().app, foreign.therapist), foreign);
    const p = expectProblem(await therapist.post(url, { title: 'Walk', parentId: theirs.id }), 400);
    expect(p.field).toBe('parentId');
    expect(await rowCount(h(), 'goals', clinic.client.clientId)).toBe(goalsBefore);
    expect(await rowCount(h(), 'measures', clinic.client.clientId)).toBe(measuresBefore);
  });

  it('builds a goal tree and refuses cycles with 409', async () => {
    const { clinic, therapist } = await setup(h());
    const parent = await makeGoal(therapist, clinic, { title: 'Get back to work full-time' });
    const child = await makeGoal(therapist, clinic, { parentId: parent.id });
    expect(child.parentId).toBe(parent.id);
    const cycle = expectProblem(
      await therapist.patch(
        `/api/goals/${parent.id}`,
        { parentId: child.id },
        { 'if-match': '"1"' },
      ),
      409,
      'goal-cycle',
    );
    expect(cycle.field).toBe('parentId');
    expectProblem(
      await therapist.patch(
        `/api/goals/${parent.id}`,
        { parentId: parent.id },
        { 'if-match': '"1"' },
      ),
      409,
      'goal-cycle',
    );
  });

  it('keeps GAS scales and answers another client’s goal with 404', async () => {
    const { clinic, therapist } = await setup(h());
    const goal = await makeGoal(therapist, clinic, { gas: { ...gas, weight: 2 } });
    expect(goal.gas).toEqual({ ...gas, weight: 2 });
    expect(goal.can.rate).toBe(true);
    const outsider = await signedIn(h().app, clinic.otherTherapist);
    expectProblem(await outsider.get(`/api/goals/${goal.id}`), 404, 'not-found');
    expectProblem(
      await outsider.patch(`/api/goals/${goal.id}`, { title: 'Mine now' }, { 'if-match': '"1"' }),
      404,
    );
    const otherClient = await signedIn(h().app, clinic.otherClient);
    expectProblem(await otherClient.get(`/api/goals/${goal.id}/revisions`), 404);
  });
});
