import { expect, it } from 'vitest';
import type { DirectiveList, DirectiveView } from '../../src/contract/consent.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, signedIn, type Session } from '../support/http.ts';
import { answersFor, insertJournal, insertResponse } from '../support/record-fixtures.ts';

const DAY = 86_400_000;

async function setUp(h: Harness) {
  const clinic = await buildClinic(h.store, h.clock.now());
  const clientId = clinic.client.clientId;
  const [client, therapist, admin] = await Promise.all([
    signedIn(h.app, clinic.client),
    signedIn(h.app, clinic.therapist),
    signedIn(h.app, clinic.admin),
  ]);
  const goal = await therapist.post(`/api/clients/${clientId}/goals`, { title: 'Sleep by 11' });
  expect(goal.statusCode, goal.body).toBe(201);
  const entryId = await insertJournal(
    h,
    clinic,
    'About my brother',
    'shared',
    new Date(h.clock.now().getTime() - DAY),
  );
  return {
    clinic,
    clientId,
    client,
    therapist,
    admin,
    goalId: goal.json<{ id: string }>().id,
    entryId,
  };
}

const url = (clientId: string) => `/api/clients/${clientId}/consent-directives`;

async function directiveCount(h: Harness, clientId: string): Promise<number> {
  const row = await h.store.db
    .selectFrom('consent_directives')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client_id', '=', clientId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function auditActions(h: Harness, clientId: string): Promise<string[]> {
  const rows = await h.store.db
    .selectFrom('audit_events')
    .select('action')
    .where('client_id', '=', clientId)
    .where('action', 'like', 'consent.%')
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

async function goalIds(s: Session, clientId: string): Promise<string[]> {
  const res = await s.get(`/api/clients/${clientId}/goals`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ goals: { id: string }[] }>().goals.map((g) => g.id);
}

describeEachEngine('consent directives', (h) => {
  it('lets the client withhold an entry and revoke it, audited both ways', async () => {
    const { clientId, client, therapist, goalId } = await setUp(h());
    const created = await client.post(url(clientId), { scope: 'goal', resourceId: goalId });
    expect(created.statusCode, created.body).toBe(201);
    const directive = created.json<DirectiveView>();
    expect(directive).toMatchObject({
      clientId,
      scope: 'goal',
      resourceId: goalId,
      staff: null,
      reason: null,
      active: true,
      revokedAt: null,
    });
    expect(await goalIds(therapist, clientId)).not.toContain(goalId);
    expect(await goalIds(client, clientId)).toContain(goalId);

    const again = await client.post(url(clientId), { scope: 'goal', resourceId: goalId });
    expectProblem(again, 409, 'directive-exists');

    const list = (await client.get(url(clientId))).json<DirectiveList>();
    expect(list.directives.map((d) => d.id)).toEqual([directive.id]);
    expect(list.staff.map((s) => s.role).sort()).toEqual(['admin', 'therapist', 'therapist']);

    const revoked = await client.post(`/api/consent-directives/${directive.id}/revoke`, {});
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json<DirectiveView>()).toMatchObject({ active: false });
    expect(await goalIds(therapist, clientId)).toContain(goalId);
    expectProblem(
      await client.post(`/api/consent-directives/${directive.id}/revoke`, {}),
      409,
      'already-revoked',
    );
    expect(await auditActions(h(), clientId)).toEqual([
      'consent.create',
      'consent.list',
      'consent.revoke',
    ]);
  });

  it('needs an admin to record the written request; refused bodies store nothing', async () => {
    const { clinic, clientId, admin, client, therapist, entryId } = await setUp(h());
    const other = await buildClinic(h().store);
    const bad: [Session, unknown, string][] = [
      [admin, { scope: 'journal', resourceId: entryId }, 'reason'],
      [admin, { scope: 'journal', resourceId: entryId, reason: '   ' }, 'reason'],
      [client, { scope: 'everything' }, 'scope'],
      [client, { scope: 'record', resourceId: entryId }, 'resourceId'],
      [client, { scope: 'goal' }, 'resourceId'],
      [client, { scope: 'goal', resourceId: entryId }, 'resourceId'],
      [client, { scope: 'journal', resourceId: 'nope' }, 'resourceId'],
      [client, { scope: 'record', staffUserId: other.therapist.id }, 'staffUserId'],
      [client, { scope: 'record', staffUserId: clinic.otherClient.id }, 'staffUserId'],
      [client, { scope: 'record', extra: 1 }, ''],
    ];
    for (const [s, body, field] of bad) {
      const res = await s.post(url(clientId), body);
      const problem = expectProblem(res, 400, 'validation');
      if (field) expect(String(problem.detail), JSON.stringify(body)).toMatch(`${field}:`);
    }
    expect(await directiveCount(h(), clientId)).toBe(0);

    const ok = await admin.post(url(clientId), {
      scope: 'journal',
      resourceId: entryId,
      reason: 'Signed request form, 2026-03-01',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const id = ok.json<DirectiveView>().id;
    expectProblem(await admin.post(`/api/consent-directives/${id}/revoke`, {}), 400, 'validation');
    // Therapists never manage or read directives; another client's record is not there.
    expectProblem(await therapist.get(url(clientId)), 403, 'forbidden');
    expectProblem(await therapist.post(url(clientId), { scope: 'record' }), 403, 'forbidden');
    const stranger = await signedIn(h().app, clinic.otherClient);
    expectProblem(await stranger.get(url(clientId)), 404, 'not-found');
    expectProblem(
      await stranger.post(`/api/consent-directives/${id}/revoke`, {}),
      404,
      'not-found',
    );
    expectProblem(await client.post(url(other.client.clientId), { scope: 'record' }), 404);
    expect(await directiveCount(h(), clientId)).toBe(1);
  });

  it('withholds from one named staff member only', async () => {
    const { clinic, clientId, client, therapist, admin, goalId } = await setUp(h());
    const res = await client.post(url(clientId), {
      scope: 'goal',
      resourceId: goalId,
      staffUserId: clinic.therapist.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<DirectiveView>().staff).toEqual({
      id: clinic.therapist.id,
      name: clinic.therapist.name,
    });
    expectProblem(await therapist.get(`/api/goals/${goalId}`), 404, 'not-found');
    // The admin is not named: their export of the record still carries the goal.
    const exported = await admin.get(`/api/clients/${clientId}/fhir`);
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.body).toContain(goalId);
    const therapistExport = await therapist.get(`/api/clients/${clientId}/fhir`);
    expect(therapistExport.statusCode, therapistExport.body).toBe(200);
    expect(therapistExport.body).not.toContain(goalId);
  });

  it('withholds a goal with its sub-goals at any depth, and a sub-goal alone without its parent', async () => {
    const { clientId, client, therapist, goalId } = await setUp(h());
    const under = async (parentId: string, title: string) => {
      const res = await therapist.post(`/api/clients/${clientId}/goals`, { title, parentId });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    const child = await under(goalId, 'No screens after 10');
    const grandchild = await under(child, 'Phone charges in the kitchen');
    const other = (
      await therapist.post(`/api/clients/${clientId}/goals`, { title: 'Walk daily' })
    ).json<{ id: string }>().id;

    const onChild = await client.post(url(clientId), { scope: 'goal', resourceId: child });
    expect(onChild.statusCode, onChild.body).toBe(201);
    // The grandchild goes with the child; the parent stays.
    expect((await goalIds(therapist, clientId)).sort()).toEqual([goalId, other].sort());

    const onParent = await client.post(url(clientId), { scope: 'goal', resourceId: goalId });
    expect(onParent.statusCode, onParent.body).toBe(201);
    const revoked = await client.post(
      `/api/consent-directives/${onChild.json<{ id: string }>().id}/revoke`,
      { reason: 'The parent covers it' },
    );
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(await goalIds(therapist, clientId)).toEqual([other]);
    for (const id of [goalId, child, grandchild])
      expectProblem(await therapist.get(`/api/goals/${id}`), 404, 'not-found');
    expect((await goalIds(client, clientId)).sort()).toEqual(
      [goalId, child, grandchild, other].sort(),
    );
  });

  it('refuses staff writes to a withheld goal as to one that is not there, storing nothing', async () => {
    const { clientId, client, therapist } = await setUp(h());
    const goal = (
      await therapist.post(`/api/clients/${clientId}/goals`, {
        title: 'Fewer panic attacks',
        measure: { name: 'Panic attacks', kind: 'count', better: 'lower' },
        gas: { levels: { '-2': 'a', '-1': 'b', '0': 'c', '1': 'd', '2': 'e' } },
      })
    ).json<{ id: string; measureId: string }>();
    const lock = await client.post(url(clientId), { scope: 'goal', resourceId: goal.id });
    expect(lock.statusCode, lock.body).toBe(201);
    const checkIn = await therapist.post(`/api/clients/${clientId}/check-ins`, {
      id: crypto.randomUUID(),
      measureId: goal.measureId,
      value: 2,
    });
    expect(expectProblem(checkIn, 400, 'validation').detail).toMatch(/^measureId:/);
    expectProblem(
      await therapist.post(`/api/goals/${goal.id}/attainment`, { level: 1 }),
      404,
      'not-found',
    );
    expectProblem(
      await therapist.patch(`/api/goals/${goal.id}`, { title: 'x' }, { 'if-match': '"1"' }),
      404,
    );
    const stored = await h()
      .store.db.selectFrom('check_ins')
      .select('id')
      .where('measure_id', '=', goal.measureId)
      .execute();
    expect(stored).toEqual([]);
    // The client still logs against it.
    const own = await client.post(`/api/clients/${clientId}/check-ins`, {
      id: crypto.randomUUID(),
      measureId: goal.measureId,
      value: 2,
    });
    expect(own.statusCode, own.body).toBe(201);
  });

  it('takes a locked record off the caseload, saying only how many are locked', async () => {
    const { clinic, clientId, client, therapist } = await setUp(h());
    const before = (await therapist.get('/api/clients')).json<{ clients: { id: string }[] }>();
    expect(before.clients.map((c) => c.id)).toContain(clientId);
    const lock = await client.post(url(clientId), {
      scope: 'record',
      staffUserId: clinic.therapist.id,
    });
    expect(lock.statusCode, lock.body).toBe(201);
    const after = (await therapist.get('/api/clients')).json<{
      clients: { id: string }[];
      withheldRecords?: number;
    }>();
    expect(after.clients.map((c) => c.id)).not.toContain(clientId);
    expect(after.withheldRecords).toBe(1);
    expectProblem(await therapist.get(`/api/clients/${clientId}`), 404, 'not-found');
    // The client keeps every part of their own record.
    expect((await client.get(`/api/clients/${clientId}`)).statusCode).toBe(200);
  });

  it('leaves withheld responses out of outcomes and the caseload snapshot', async () => {
    const { clinic, clientId, client, therapist } = await setUp(h());
    const now = h().clock.now().getTime();
    await insertResponse(h(), clinic, 'phq9', answersFor('phq9', 20), new Date(now - 30 * DAY));
    const latest = await insertResponse(
      h(),
      clinic,
      'phq9',
      answersFor('phq9', 5),
      new Date(now - DAY),
    );
    const lock = await client.post(url(clientId), {
      scope: 'questionnaire',
      resourceId: latest,
    });
    expect(lock.statusCode, lock.body).toBe(201);
    const staffView = (await therapist.get(`/api/clients/${clientId}/outcomes`)).json<{
      phq9?: { latest: number };
    }>();
    const ownView = (await client.get(`/api/clients/${clientId}/outcomes`)).json<{
      phq9?: { latest: number };
    }>();
    expect(staffView.phq9?.latest).toBe(20);
    expect(ownView.phq9?.latest).toBe(5);
    const row = (await therapist.get('/api/clients'))
      .json<{
        clients: { id: string; phq9: { latest: number } | null; withheld?: unknown }[];
      }>()
      .clients.find((c) => c.id === clientId);
    expect(row?.phq9?.latest).toBe(20);
    expect(row?.withheld).toEqual({ goals: 0, journal: 0, questionnaires: 1 });
    const list = (await therapist.get(`/api/clients/${clientId}/questionnaires`)).json<{
      questionnaires: { id: string }[];
    }>();
    expect(list.questionnaires.map((r) => r.id)).not.toContain(latest);
  });
});
