import { expect, it } from 'vitest';
import { sustainSlipJob } from '../../src/jobs/sustain-slip.ts';
import { roleMay } from '../../src/server/policy.ts';
import type { Role } from '../../src/store/schema.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic, type TestClinic } from '../support/factories.ts';
import { signedIn, type Session } from '../support/http.ts';
import { pdfToText } from '../support/pdf.ts';
import { answersFor, insertJournal, seedRecord } from '../support/record-fixtures.ts';

/**
 * The lockbox's done-when (issue 9): a withheld journal entry's sentinel text — and a withheld
 * goal's — never appears in any staff response or export, and does appear for the client.
 * Every GET route of the registry is walked, as the authorization matrix walks them, so a route
 * added later is swept without anyone remembering to.
 */

const JOURNAL_SENTINEL = 'ZEBRA-LOCKED-JOURNAL-7f3a';
const GOAL_SENTINEL = 'ZEBRA-LOCKED-GOAL-91c2';
const DAY = 86_400_000;

/** Extra query strings a GET route is also swept with (every export format, every list). */
const variants: Record<string, string[]> = {
  '/api/clients/:clientId/export': [
    '?format=json',
    '?format=fhir',
    '?format=csv',
    '?format=json&accessRequest=REQ-1',
  ],
  '/api/alerts': ['?status=all'],
  '/api/audit': ['?clientId=:clientId'],
  '/api/clients/:clientId/journal': ['?limit=100'],
};

interface Locked {
  ids: Record<string, string>;
  clinic: TestClinic;
}

/** A client with a realistic record, a withheld shared journal entry and a withheld goal. */
async function lockedRecord(h: Harness): Promise<Locked> {
  const clinic = await buildClinic(h.store, h.clock.now());
  const therapist = await signedIn(h.app, clinic.therapist);
  const client = await signedIn(h.app, clinic.client);
  const clientId = clinic.client.clientId;
  const seeded = await seedRecord(h, clinic, therapist);

  const entryId = await insertJournal(
    h,
    clinic,
    `Today I wrote ${JOURNAL_SENTINEL} down`,
    'shared',
    new Date(h.clock.now().getTime() - DAY),
  );
  const goal = await therapist.post(`/api/clients/${clientId}/goals`, {
    title: `Goal ${GOAL_SENTINEL}`,
    why: `Because ${GOAL_SENTINEL}`,
    measure: { name: `Measure ${GOAL_SENTINEL}`, kind: 'count', better: 'lower' },
    baseline: 4,
    target: 1,
    gas: { levels: { '-2': 'a', '-1': 'b', '0': 'c', '1': 'd', '2': GOAL_SENTINEL } },
  });
  expect(goal.statusCode, goal.body).toBe(201);
  const goalId = goal.json<{ id: string; measureId: string }>().id;
  const measureId = goal.json<{ id: string; measureId: string }>().measureId;
  const step = await therapist.post(`/api/goals/${goalId}/steps`, {
    title: `Step ${GOAL_SENTINEL}`,
  });
  const practice = await therapist.post(`/api/goals/${goalId}/practices`, {
    title: `Practice ${GOAL_SENTINEL}`,
    schedule: { kind: 'daily' },
  });
  const plan = await client.post(`/api/goals/${goalId}/plans`, {
    obstacle: `Obstacle ${GOAL_SENTINEL}`,
    ifText: 'it rains',
    thenText: 'I walk indoors',
  });
  expect(plan.statusCode, plan.body).toBe(201);
  // A sub-goal sits under the withheld goal: withholding a goal withholds what hangs below it.
  const subGoal = await therapist.post(`/api/clients/${clientId}/goals`, {
    title: `Sub-goal ${GOAL_SENTINEL}`,
    parentId: goalId,
    measure: { name: `Sub-measure ${GOAL_SENTINEL}`, kind: 'minutes', better: 'higher' },
    baseline: 0,
    target: 20,
  });
  expect(subGoal.statusCode, subGoal.body).toBe(201);
  const subCheckIn = await client.post(`/api/clients/${clientId}/check-ins`, {
    id: crypto.randomUUID(),
    measureId: subGoal.json<{ measureId: string }>().measureId,
    value: 5,
    note: `Sub-check-in ${GOAL_SENTINEL}`,
  });
  expect(subCheckIn.statusCode, subCheckIn.body).toBe(201);
  const draft = await client.post(`/api/clients/${clientId}/goal-drafts`, {});
  expect(
    (await client.post(`/api/goals/${goalId}/comments`, { body: `Comment ${GOAL_SENTINEL}` }))
      .statusCode,
  ).toBe(201);
  const checkIn = await client.post(`/api/clients/${clientId}/check-ins`, {
    id: crypto.randomUUID(),
    measureId,
    value: 3,
    note: `Check-in ${GOAL_SENTINEL}`,
  });
  expect(checkIn.statusCode, checkIn.body).toBe(201);
  const rated = await therapist.post(`/api/goals/${goalId}/attainment`, { level: 2 });
  expect(rated.statusCode, rated.body).toBe(201);
  await sustainedAndSlipped(h, therapist, client, { clientId, goalId, measureId });
  const correction = await client.post(`/api/clients/${clientId}/corrections`, {
    resource: 'journal',
    resourceId: entryId,
    field: 'body',
    requested: `Please fix ${JOURNAL_SENTINEL}`,
  });
  expect(correction.statusCode, correction.body).toBe(201);
  const session = await therapist.post(`/api/clients/${clientId}/sessions`, {
    date: '2026-01-05',
  });
  // A risk answer: its alert must still reach the care team, without content.
  const risk = await client.post(`/api/clients/${clientId}/questionnaires`, {
    instrument: 'phq9',
    answers: [...answersFor('phq9', 12).slice(0, 8), 2],
  });
  expect(risk.statusCode, risk.body).toBe(201);

  for (const body of [
    { scope: 'journal', resourceId: entryId },
    { scope: 'goal', resourceId: goalId },
    { scope: 'questionnaire', resourceId: risk.json<{ id: string }>().id },
  ]) {
    const res = await client.post(`/api/clients/${clientId}/consent-directives`, body);
    expect(res.statusCode, res.body).toBe(201);
  }
  const alerts = (await therapist.get('/api/alerts')).json<{ alerts: { id: string }[] }>();
  return {
    clinic,
    ids: {
      clientId,
      goalId,
      stepId: step.json<{ id: string }>().id,
      practiceId: practice.json<{ id: string }>().id,
      planId: plan.json<{ id: string }>().id,
      draftId: draft.json<{ id: string }>().id,
      entryId,
      correctionId: correction.json<{ id: string }>().id,
      sessionId: session.json<{ id: string }>().id,
      alertId: alerts.alerts[0]!.id,
      templateId: '00000000-0000-4000-8000-000000000000',
      userId: clinic.therapist.id,
      directiveId: '00000000-0000-4000-8000-000000000000',
      sessionHandle: '0123456789abcdef',
      date: '2026-01-05',
      instrument: 'phq9',
      walkingGoalId: seeded.walking.id,
    },
  };
}

/**
 * The withheld goal achieved, sustained with a slip line of 2, then a check-in past it: the
 * sustain-slip job's alert (source `goal/<id>/slip`, the title in its detail) is about it.
 */
async function sustainedAndSlipped(
  h: Harness,
  therapist: Session,
  client: Session,
  ids: { clientId: string; goalId: string; measureId: string },
) {
  const { clientId, goalId, measureId } = ids;
  const version = async () =>
    `"${(await therapist.get(`/api/goals/${goalId}`)).json<{ version: number }>().version}"`;
  const achieved = await therapist.post(
    `/api/goals/${goalId}/reviews`,
    { decision: 'achieved', reason: 'Fewer than one a week' },
    { 'if-match': await version() },
  );
  expect(achieved.statusCode, achieved.body).toBe(201);
  const sustained = await therapist.patch(
    `/api/goals/${goalId}`,
    { sustain: { checkInEveryDays: 14, slipThreshold: 2 } },
    { 'if-match': await version() },
  );
  expect(sustained.statusCode, sustained.body).toBe(200);
  h.clock.advance(60_000);
  const slipped = await client.post(`/api/clients/${clientId}/check-ins`, {
    id: crypto.randomUUID(),
    measureId,
    value: 3,
  });
  expect(slipped.statusCode, slipped.body).toBe(201);
  expect((await sustainSlipJob.run({ store: h.store, now: h.clock.now() })).raised).toBe(1);
}

function fill(url: string, ids: Record<string, string>): string {
  return url.replace(/:(\w+)/g, (_, name: string) => {
    const id = ids[name];
    if (!id) throw new Error(`lockbox sweep: no fixture for :${name} (${url})`);
    return id;
  });
}

/** Every GET the role may take, with its variants, answered as text (PDFs read as text). */
async function sweep(h: Harness, s: Session, role: Role, ids: Record<string, string>) {
  const out: { url: string; status: number; text: string }[] = [];
  for (const route of h.app.routeTable) {
    if (route.method !== 'GET' || route.action === 'public' || !roleMay(role, route.action))
      continue;
    for (const suffix of ['', ...(variants[route.url] ?? [])]) {
      const url = fill(route.url + suffix, ids);
      const res = await s.get(url);
      const text = String(res.headers['content-type']).startsWith('application/pdf')
        ? pdfToText(res.rawPayload)
        : res.body;
      out.push({ url, status: res.statusCode, text });
    }
  }
  return out;
}

describeEachEngine('lockbox: withheld content never reaches staff', (h) => {
  it('sweeps every staff GET route and export: the sentinels are absent', async () => {
    const { clinic, ids } = await lockedRecord(h());
    for (const user of [clinic.therapist, clinic.admin]) {
      const s = await signedIn(h().app, user);
      const answers = await sweep(h(), s, user.role, ids);
      expect(answers.length).toBeGreaterThan(user.role === 'therapist' ? 25 : 10);
      for (const a of answers) {
        expect(a.status, `${user.role} ${a.url}: ${a.text.slice(0, 300)}`).toBeLessThan(500);
        expect(a.text, `${user.role} ${a.url}`).not.toContain(JOURNAL_SENTINEL);
        expect(a.text, `${user.role} ${a.url}`).not.toContain(GOAL_SENTINEL);
      }
      // The record itself still answers: only the withheld parts are gone.
      const record = answers.find((a) => a.url.endsWith(`/clients/${ids.clientId}`));
      expect(record?.status).toBe(200);
    }
  });

  it('sweeps again once the whole record is locked: nothing of it, and 404 for the record', async () => {
    const { clinic, ids } = await lockedRecord(h());
    const client = await signedIn(h().app, clinic.client);
    const lock = await client.post(`/api/clients/${ids.clientId}/consent-directives`, {
      scope: 'record',
    });
    expect(lock.statusCode, lock.body).toBe(201);
    const therapist = await signedIn(h().app, clinic.therapist);
    const answers = await sweep(h(), therapist, 'therapist', ids);
    for (const a of answers) {
      expect(a.status, `${a.url}: ${a.text.slice(0, 300)}`).toBeLessThan(500);
      expect(a.text, a.url).not.toContain(JOURNAL_SENTINEL);
      expect(a.text, a.url).not.toContain(GOAL_SENTINEL);
      // Walking and other goals of the record are gone too, not just the withheld ones.
      expect(a.text, a.url).not.toContain('Walk 30 minutes on most days');
      if (a.url.includes(`/clients/${ids.clientId}`)) expect(a.status, a.url).toBe(404);
    }
  });

  it('shows the client their own withheld entries everywhere they look', async () => {
    const { clinic, ids } = await lockedRecord(h());
    const s = await signedIn(h().app, clinic.client);
    const answers = await sweep(h(), s, 'client', ids);
    const seen = (fragment: string, sentinel: string) =>
      answers.some((a) => a.url.includes(fragment) && a.text.includes(sentinel));
    expect(seen('/journal', JOURNAL_SENTINEL)).toBe(true);
    expect(seen('/export?format=json', JOURNAL_SENTINEL)).toBe(true);
    expect(seen(`/clients/${ids.clientId}/goals`, GOAL_SENTINEL)).toBe(true);
    expect(seen(`/goals/${ids.goalId}`, GOAL_SENTINEL)).toBe(true);
    expect(seen('/fhir', GOAL_SENTINEL)).toBe(true);
    expect(seen('/corrections', JOURNAL_SENTINEL)).toBe(true);
  });

  it('tells staff how much is withheld, never what; the risk alert still reaches the therapist', async () => {
    const { clinic, ids } = await lockedRecord(h());
    const therapist = await signedIn(h().app, clinic.therapist);
    const summary = (await therapist.get(`/api/clients/${ids.clientId}`)).json<{
      withheld?: unknown;
    }>();
    // The withheld goal and its sub-goal.
    expect(summary.withheld).toEqual({ goals: 2, journal: 1, questionnaires: 1 });
    const { alerts } = (await therapist.get('/api/alerts')).json<{
      alerts: { kind: string; withheld?: boolean; detail: string }[];
    }>();
    const risk = alerts.find((a) => a.kind === 'risk');
    expect(risk?.withheld).toBe(true);
    expect(risk?.detail).toMatch(/withheld/i);
    expect(risk?.detail).not.toMatch(/item 9/);
    // The client sees no such marker about themself.
    const client = await signedIn(h().app, clinic.client);
    expect((await client.get(`/api/clients/${ids.clientId}`)).json()).not.toHaveProperty(
      'withheld',
    );
  });
});
