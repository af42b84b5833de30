import { expect, it } from 'vitest';
import type { GoalView, RevisionView } from '../../src/contract/goals.ts';
import type { DigestView } from '../../src/contract/sessions.ts';
import { addDays, localDate } from '../../src/domain/calendar.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic, type TestClinic } from '../support/factories.ts';
import { expectProblem, signedIn, type Session } from '../support/http.ts';

const tz = 'America/Toronto';

async function setup(h: Harness) {
  const clinic = await buildClinic(h.store);
  const therapist = await signedIn(h.app, clinic.therapist);
  return { clinic, therapist, today: localDate(h.clock.now(), tz) };
}

async function goal(s: Session, clinic: TestClinic, body: Record<string, unknown>) {
  const res = await s.post(`/api/clients/${clinic.client.clientId}/goals`, {
    title: 'Walk 20 minutes 3 times a week',
    measure: { name: 'Walks', kind: 'count', better: 'higher' },
    baseline: 1,
    target: 3,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<GoalView>();
}

const revisions = async (s: Session, id: string) =>
  (await s.get(`/api/goals/${id}/revisions`)).json<{ revisions: RevisionView[] }>().revisions;

describeEachEngine('goal reviews', (h) => {
  it('sets the first review from the rhythm, and the digest lists goals due by the next session', async () => {
    const { clinic, therapist, today } = await setup(h());
    const rhythm = await goal(therapist, clinic, { reviewEveryDays: 14 });
    expect(rhythm).toMatchObject({ reviewEveryDays: 14, reviewDate: addDays(today, 14) });
    const overdue = await goal(therapist, clinic, {
      title: 'Sleep by 11 pm',
      reviewDate: addDays(today, -2),
    });
    const beforeSession = await goal(therapist, clinic, {
      title: 'Call a friend weekly',
      reviewDate: addDays(today, 3),
    });
    await goal(therapist, clinic, { title: 'No review agreed' });

    const digest = async () =>
      (await therapist.get(`/api/clients/${clinic.client.clientId}/digest`)).json<DigestView>();
    expect((await digest()).dueForReview.map((d) => [d.goalId, d.daysOverdue])).toEqual([
      [overdue.id, 2],
    ]);

    const session = await therapist.post(`/api/clients/${clinic.client.clientId}/sessions`, {
      date: addDays(today, 5),
    });
    expect(session.statusCode, session.body).toBe(201);
    const d = await digest();
    expect(d.dueForReview.map((x) => [x.goalId, x.daysOverdue])).toEqual([
      [overdue.id, 2],
      [beforeSession.id, -3],
    ]);
    expect(d.goals.find((g) => g.id === rhythm.id)?.reviewDate).toBe(addDays(today, 14));
  });

  it('records keep, adjust, achieved and let go with the reason in the goal’s history', async () => {
    const { clinic, therapist, today } = await setup(h());
    const g = await goal(therapist, clinic, {
      reviewEveryDays: 14,
      reviewDate: addDays(today, -1),
    });

    const keep = await therapist.post(
      `/api/goals/${g.id}/reviews`,
      { decision: 'keep', reason: 'Going well; same again' },
      { 'if-match': '"1"' },
    );
    expect(keep.statusCode, keep.body).toBe(201);
    expect(keep.headers.etag).toBe('"2"');
    expect(keep.json<GoalView>()).toMatchObject({
      version: 2,
      status: 'active',
      reviewDate: addDays(today, 14),
    });

    const adjust = await therapist.post(
      `/api/goals/${g.id}/reviews`,
      {
        decision: 'adjust',
        reason: 'Three was easy',
        changes: { target: 4 },
        nextReviewDate: addDays(today, 7),
      },
      { 'if-match': '"2"' },
    );
    expect(adjust.statusCode, adjust.body).toBe(201);
    expect(adjust.json<GoalView>()).toMatchObject({ target: 4, reviewDate: addDays(today, 7) });

    const achieved = await therapist.post(
      `/api/goals/${g.id}/reviews`,
      { decision: 'achieved', reason: 'Four walks a week for a month' },
      { 'if-match': '"3"' },
    );
    expect(achieved.statusCode, achieved.body).toBe(201);
    expect(achieved.json<GoalView>()).toMatchObject({ status: 'achieved', reviewDate: null });

    const history = (await revisions(therapist, g.id)).slice(1);
    expect(history.map((r) => [r.version, r.changes.review?.to, r.reason])).toEqual([
      [2, 'keep', 'Going well; same again'],
      [3, 'adjust', 'Three was easy'],
      [4, 'achieved', 'Four walks a week for a month'],
    ]);
    expect(history[1]!.changes.target).toEqual({ from: 3, to: 4 });
    expect(history[2]!.changes.status).toEqual({ from: 'active', to: 'achieved' });

    const other = await goal(therapist, clinic, {});
    const letGo = await therapist.post(
      `/api/goals/${other.id}/reviews`,
      { decision: 'let-go', reason: 'Not what matters now' },
      { 'if-match': '"1"' },
    );
    expect(letGo.json<GoalView>().status).toBe('discontinued');
  });

  it('refuses a bad review naming the field, appending nothing; clients and outsiders cannot review', async () => {
    const { clinic, therapist } = await setup(h());
    const g = await goal(therapist, clinic, {});
    const post = (body: unknown, headers: Record<string, string> = { 'if-match': '"1"' }) =>
      therapist.post(`/api/goals/${g.id}/reviews`, body, headers);
    for (const [body, field] of [
      [{ decision: 'keep' }, 'reason'],
      [{ decision: 'maybe', reason: 'x' }, 'decision'],
      [{ decision: 'adjust', reason: 'x' }, 'changes'],
      [{ decision: 'keep', reason: 'x', changes: { target: 5 } }, 'changes'],
      [{ decision: 'adjust', reason: 'x', changes: { status: 'achieved' } }, 'changes'],
      [{ decision: 'adjust', reason: 'x', changes: { target: -1 } }, 'target'],
    ] as const) {
      const problem = expectProblem(await post(body), 400, 'validation');
      expect(String(problem.field)).toContain(field);
    }
    expectProblem(await post({ decision: 'keep', reason: 'x' }, {}), 428);
    expectProblem(
      await post({ decision: 'keep', reason: 'x' }, { 'if-match': '"7"' }),
      412,
      'stale',
    );
    // Nothing would change without a rhythm or a date: keep still records the decision.
    expect((await post({ decision: 'keep', reason: 'Still right' })).statusCode).toBe(201);
    expect(await revisions(therapist, g.id)).toHaveLength(2);

    const proposal = await goal(therapist, clinic, { status: 'proposed' });
    const refused = await therapist.post(
      `/api/goals/${proposal.id}/reviews`,
      { decision: 'achieved', reason: 'x' },
      { 'if-match': '"1"' },
    );
    expect(expectProblem(refused, 400, 'validation').field).toBe('decision');

    const client = await signedIn(h().app, clinic.client);
    expectProblem(
      await client.post(
        `/api/goals/${g.id}/reviews`,
        { decision: 'keep', reason: 'x' },
        { 'if-match': '"2"' },
      ),
      403,
    );
    const outsider = await signedIn(h().app, clinic.otherTherapist);
    expectProblem(
      await outsider.post(
        `/api/goals/${g.id}/reviews`,
        { decision: 'keep', reason: 'x' },
        { 'if-match': '"2"' },
      ),
      404,
    );
    expect(await revisions(therapist, g.id)).toHaveLength(2);
  });
});
