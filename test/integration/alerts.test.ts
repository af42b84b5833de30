import { expect, it } from 'vitest';
import type { AlertList, AlertView } from '../../src/contract/alerts.ts';
import type { QuestionnaireSubmitted } from '../../src/contract/questionnaires.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, Session, signedIn } from '../support/http.ts';
import { answersFor } from '../support/questionnaires.ts';

async function setup(h: Harness) {
  h.clock.set('2026-03-10T15:00:00Z');
  const clinic = await buildClinic(h.store);
  const therapist = await signedIn(h.app, clinic.therapist);
  const client = await signedIn(h.app, clinic.client);
  const clientId = clinic.client.clientId;
  return { clinic, therapist, client, clientId };
}

/** A risk alert (PHQ-9 item 9 > 0) and a deterioration alert (GAD-7 +4) of one client. */
async function raiseBoth(h: Harness, s: Session, clientId: string) {
  await s.post(`/api/clients/${clientId}/questionnaires`, {
    instrument: 'gad7',
    answers: answersFor('gad7', 2),
    completedAt: '2026-03-01T12:00:00Z',
  });
  h.clock.advance(60_000);
  await s.post(`/api/clients/${clientId}/questionnaires`, {
    instrument: 'phq9',
    answers: answersFor('phq9', 4, 1),
  });
  h.clock.advance(60_000);
  await s.post(`/api/clients/${clientId}/questionnaires`, {
    instrument: 'gad7',
    answers: answersFor('gad7', 8),
  });
}

const list = async (s: Session, query = '') =>
  (await s.get(`/api/alerts${query}`)).json<AlertList>().alerts;

/** What the risk-escalation job does once an alert waited too long (tested in jobs.test.ts). */
async function escalate(h: Harness, alertId: string): Promise<void> {
  await h.store.db
    .updateTable('alerts')
    .set({ escalated_at: h.clock.now().toISOString() })
    .where('id', '=', alertId)
    .execute();
}

describeEachEngine('alerts', (h) => {
  it('lists the care team’s open alerts, risk first then newest', async () => {
    const { clinic, therapist, client, clientId } = await setup(h());
    await raiseBoth(h(), client, clientId);
    const alerts = await list(therapist);
    expect(alerts.map((a) => a.kind)).toEqual(['risk', 'deterioration']);
    expect(alerts[0]).toEqual({
      id: expect.any(String),
      clientId,
      clientName: 'Cleo Client',
      kind: 'risk',
      severity: 'high',
      createdAt: '2026-03-10T15:01:00.000Z',
      detail: expect.stringMatching(/item 9/),
      ownerId: clinic.therapist.id,
    });
    // Another therapist of the clinic sees none of it; an admin only what was escalated.
    const other = await signedIn(h().app, clinic.otherTherapist);
    expect(await list(other)).toEqual([]);
    const admin = await signedIn(h().app, clinic.admin);
    expect(await list(admin)).toEqual([]);
    await escalate(h(), alerts[0]!.id);
    expect((await list(admin)).map((a) => a.id)).toEqual([alerts[0]!.id]);
    expectProblem(await client.get('/api/alerts'), 403, 'forbidden');
    expectProblem(await new Session(h().app).get('/api/alerts'), 401);
    expect(expectProblem(await therapist.get('/api/alerts?status=closed'), 400).field).toBe(
      'query.status',
    );
  });

  it('acknowledges: a note is required for risk; twice is 409; ?status=all shows it', async () => {
    const { clinic, therapist, client, clientId } = await setup(h());
    await raiseBoth(h(), client, clientId);
    const [risk, deterioration] = (await list(therapist)) as [AlertView, AlertView];
    const ack = (id: string, body: unknown) =>
      therapist.post(`/api/alerts/${id}/acknowledge`, body);

    expect(expectProblem(await ack(risk.id, {}), 400, 'validation').field).toBe('note');
    expect(expectProblem(await ack(risk.id, { note: '   ' }), 400, 'validation').field).toBe(
      'note',
    );
    expect(expectProblem(await ack(risk.id, { note: 5 }), 400, 'validation').field).toBe('note');
    expect((await list(therapist)).map((a) => a.id)).toEqual([risk.id, deterioration.id]);

    h().clock.advance(5 * 60_000);
    const done = await ack(risk.id, { note: 'Called her; safety plan reviewed, not in danger.' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<AlertView>()).toMatchObject({
      id: risk.id,
      acknowledgedAt: '2026-03-10T15:07:00.000Z',
      acknowledgedBy: clinic.therapist.id,
      acknowledgedByName: 'Theo Therapist',
      note: 'Called her; safety plan reviewed, not in danger.',
    });
    expectProblem(await ack(risk.id, { note: 'again' }), 409, 'already-acknowledged');
    // A deterioration alert needs no note.
    expect((await ack(deterioration.id, {})).statusCode).toBe(200);

    expect(await list(therapist)).toEqual([]);
    const all = await list(therapist, '?status=all');
    expect(all.map((a) => [a.id, Boolean(a.acknowledgedAt)])).toEqual([
      [risk.id, true],
      [deterioration.id, true],
    ]);
    const row = await h()
      .store.db.selectFrom('alerts')
      .select(['open_key', 'ack_note'])
      .where('id', '=', deterioration.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ open_key: null, ack_note: null });
  });

  it('lets an admin acknowledge; keeps everyone else out with 404', async () => {
    const { clinic, client, clientId } = await setup(h());
    await raiseBoth(h(), client, clientId);
    const admin = await signedIn(h().app, clinic.admin);
    await escalate(h(), (await list(await signedIn(h().app, clinic.therapist)))[0]!.id);
    const [risk] = (await list(admin)) as [AlertView];
    const other = await signedIn(h().app, clinic.otherTherapist);
    expectProblem(
      await other.post(`/api/alerts/${risk.id}/acknowledge`, { note: 'x' }),
      404,
      'not-found',
    );
    const foreign = await signedIn(h().app, (await buildClinic(h().store)).admin);
    expectProblem(
      await foreign.post(`/api/alerts/${risk.id}/acknowledge`, { note: 'x' }),
      404,
      'not-found',
    );
    expectProblem(await client.post(`/api/alerts/${risk.id}/acknowledge`, { note: 'x' }), 403);
    const res = await admin.post(`/api/alerts/${risk.id}/acknowledge`, {
      note: 'Escalated: reached the client by phone.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<AlertView>().acknowledgedBy).toBe(clinic.admin.id);
  });

  it('lets one of two racing acknowledgements win', async () => {
    const { clinic, therapist, client, clientId } = await setup(h());
    const risky = (
      await client.post(`/api/clients/${clientId}/questionnaires`, {
        instrument: 'phq9',
        answers: answersFor('phq9', 3, 3),
      })
    ).json<QuestionnaireSubmitted>();
    expect(risky.riskFlag).toBe(true);
    const [alert] = (await list(therapist)) as [AlertView];
    await escalate(h(), alert.id);
    const admin = await signedIn(h().app, clinic.admin);
    const answers = await Promise.all(
      [therapist, admin, therapist, admin].map((s) =>
        s.post(`/api/alerts/${alert.id}/acknowledge`, { note: 'Seen and acted on.' }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409]);
  });
});
