import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { GoalView } from '../../src/contract/goals.ts';
import type { DigestView, SessionView } from '../../src/contract/sessions.ts';
import { addDays, localDate } from '../../src/domain/calendar.ts';
import { describeEachEngine } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, signedIn } from '../support/http.ts';

const SENTINEL = `clinician-only-${randomUUID()}`;

describeEachEngine('therapy sessions and the pre-session digest', (h) => {
  it('keeps the clinician-only note from the client', async () => {
    const clinic = await buildClinic(h().store);
    const therapist = await signedIn(h().app, clinic.therapist);
    const client = await signedIn(h().app, clinic.client);
    const url = `/api/clients/${clinic.client.clientId}/sessions`;
    const made = await therapist.post(url, { date: '2026-02-01', clinicianNote: SENTINEL });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json<SessionView>().clinicianNote).toBe(SENTINEL);
    const theirs = await client.get(url);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).not.toContain(SENTINEL);
    expect(theirs.json<{ sessions: SessionView[] }>().sessions[0]).not.toHaveProperty(
      'clinicianNote',
    );
    expectProblem(await client.post(url, { date: '2026-02-08' }), 403);
    expectProblem(await therapist.post(url, { date: '2026-02-30' }), 400, 'validation');
    expectProblem(await (await signedIn(h().app, clinic.otherTherapist)).get(url), 404);
  });

  it('digests what happened since the last session', async () => {
    const clinic = await buildClinic(h().store);
    const therapist = await signedIn(h().app, clinic.therapist);
    const client = await signedIn(h().app, clinic.client);
    const today = localDate(h().clock.now(), 'America/Toronto');
    await therapist.post(`/api/clients/${clinic.client.clientId}/sessions`, {
      date: addDays(today, -7),
    });
    await therapist.post(`/api/clients/${clinic.client.clientId}/sessions`, {
      date: addDays(today, 7),
    });
    const goal = (
      await therapist.post(`/api/clients/${clinic.client.clientId}/goals`, {
        title: 'Walk 20 minutes 3 times a week',
      })
    ).json<GoalView>();
    await therapist.post(`/api/goals/${goal.id}/steps`, {
      title: 'Buy shoes',
      dueDate: addDays(today, -2),
    });
    await client.post(`/api/goals/${goal.id}/comments`, { body: 'My knee hurt on Tuesday' });
    const res = await therapist.get(`/api/clients/${clinic.client.clientId}/digest`);
    expect(res.statusCode, res.body).toBe(200);
    const digest = res.json<DigestView>();
    expect(digest.since).toBe(addDays(today, -7));
    expect(digest.nextSession?.date).toBe(addDays(today, 7));
    expect(digest.goals[0]?.stepsMissed.map((s) => s.title)).toEqual(['Buy shoes']);
    expect(digest.comments.map((c) => c.body)).toEqual(['My knee hurt on Tuesday']);
    expectProblem(await client.get(`/api/clients/${clinic.client.clientId}/digest`), 403);
  });
});
