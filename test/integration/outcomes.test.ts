import { expect, it } from 'vitest';
import type { DueView, OutcomesView, ScheduleView } from '../../src/contract/questionnaires.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, Session, signedIn } from '../support/http.ts';
import { answersFor } from '../support/questionnaires.ts';

async function setup(h: Harness) {
  // 03:00 UTC is still the 9th in Toronto: "today" is the client's day.
  h.clock.set('2026-03-10T03:00:00Z');
  const clinic = await buildClinic(h.store);
  const therapist = await signedIn(h.app, clinic.therapist);
  const client = await signedIn(h.app, clinic.client);
  const clientId = clinic.client.clientId;
  const answer = (instrument: 'phq9' | 'gad7', total: number, completedAt?: string) =>
    client.post(`/api/clients/${clientId}/questionnaires`, {
      instrument,
      answers: answersFor(instrument, total),
      ...(completedAt ? { completedAt } : {}),
    });
  return { clinic, therapist, client, clientId, answer };
}

const outcomes = async (s: Session, clientId: string) =>
  (await s.get(`/api/clients/${clientId}/outcomes`)).json<OutcomesView>();

describeEachEngine('outcomes', (h) => {
  it('shows a block per instrument once it has a response, and paired once both do', async () => {
    const { client, clientId, answer } = await setup(h());
    expect(await outcomes(client, clientId)).toEqual({});
    await answer('phq9', 15, '2026-01-05T12:00:00Z');
    const one = await outcomes(client, clientId);
    expect(one.phq9).toMatchObject({ first: 15, latest: 15, change: 0, count: 1 });
    expect(one.gad7).toBeUndefined();
    expect(one.paired).toBeUndefined();
  });

  it('SPEC vector 14: PHQ 15→8, GAD 12→6 is reliable recovery', async () => {
    const { therapist, clientId, answer } = await setup(h());
    await answer('phq9', 15, '2026-01-05T12:00:00Z');
    await answer('gad7', 12, '2026-01-05T12:00:00Z');
    await answer('phq9', 12, '2026-02-05T12:00:00Z');
    await answer('phq9', 8, '2026-03-05T12:00:00Z');
    await answer('gad7', 6, '2026-03-05T12:00:00Z');
    const o = await outcomes(therapist, clientId);
    expect(o.phq9).toEqual({
      first: 15,
      latest: 8,
      change: -7,
      reliableImprovement: true,
      reliableDeterioration: false,
      response: false,
      remission: false,
      percentChange: -46.67,
      firstAt: '2026-01-05T12:00:00.000Z',
      latestAt: '2026-03-05T12:00:00.000Z',
      count: 3,
    });
    expect(o.gad7).toMatchObject({
      first: 12,
      latest: 6,
      change: -6,
      response: true,
      remission: null,
    });
    expect(o.paired).toEqual({
      casenessAtStart: true,
      casenessAtEnd: false,
      recovery: true,
      reliableImprovement: true,
      reliableRecovery: true,
      reliableDeterioration: false,
    });
  });

  it('SPEC vectors 16 and 19: not at caseness → null recovery; deterioration beats improvement', async () => {
    const a = await setup(h());
    await a.answer('phq9', 9, '2026-01-05T12:00:00Z');
    await a.answer('gad7', 7, '2026-01-05T12:00:00Z');
    await a.answer('phq9', 9, '2026-03-05T12:00:00Z');
    await a.answer('gad7', 5, '2026-03-05T12:00:00Z');
    expect((await outcomes(a.therapist, a.clientId)).paired).toEqual({
      casenessAtStart: false,
      casenessAtEnd: false,
      recovery: null,
      reliableImprovement: false,
      reliableRecovery: null,
      reliableDeterioration: false,
    });

    const b = await setup(h());
    await b.answer('phq9', 16, '2026-01-05T12:00:00Z');
    await b.answer('gad7', 6, '2026-01-05T12:00:00Z');
    await b.answer('phq9', 9, '2026-03-05T12:00:00Z');
    await b.answer('gad7', 11, '2026-03-05T12:00:00Z');
    expect((await outcomes(b.therapist, b.clientId)).paired).toMatchObject({
      recovery: false,
      reliableImprovement: false,
      reliableDeterioration: true,
    });
  });

  it('takes first and latest by completedAt, ties in the order received (SPEC vector 11)', async () => {
    const { client, clientId, answer } = await setup(h());
    await answer('phq9', 20, '2026-02-01T12:00:00Z');
    await answer('phq9', 18, '2026-01-01T12:00:00Z'); // backdated: the new first
    await answer('phq9', 4, '2026-03-01T12:00:00Z');
    await answer('phq9', 9, '2026-03-01T12:00:00Z'); // same time, received later: the latest
    const o = await outcomes(client, clientId);
    expect(o.phq9).toMatchObject({
      first: 18,
      latest: 9,
      percentChange: -50,
      response: true,
      remission: false,
    });
  });

  it('keeps others out', async () => {
    const { clinic, clientId } = await setup(h());
    const other = await signedIn(h().app, clinic.otherTherapist);
    expectProblem(await other.get(`/api/clients/${clientId}/outcomes`), 404, 'not-found');
    const admin = await signedIn(h().app, clinic.admin);
    expectProblem(await admin.get(`/api/clients/${clientId}/outcomes`), 403, 'forbidden');
    expectProblem(await new Session(h().app).get(`/api/clients/${clientId}/outcomes`), 401);
  });
});

describeEachEngine('questionnaire schedules', (h) => {
  it('schedules an instrument and says when it is due in the client’s day', async () => {
    const { therapist, client, clientId, answer, clinic } = await setup(h());
    const due = async () =>
      (await client.get(`/api/clients/${clientId}/questionnaires/due`)).json<DueView>();
    expect(await due()).toEqual({ today: '2026-03-09', due: [], schedules: [] });

    const put = await therapist.request(
      'PUT',
      `/api/clients/${clientId}/questionnaire-schedules/phq9`,
      { everyDays: 14, active: true },
    );
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<ScheduleView>()).toEqual({
      instrument: 'phq9',
      kind: 'every',
      everyDays: 14,
      daysBefore: null,
      startDate: '2026-03-09',
      active: true,
    });
    await therapist.request('PUT', `/api/clients/${clientId}/questionnaire-schedules/gad7`, {
      everyDays: 28,
      startDate: '2026-03-20',
      active: true,
    });
    const before = await due();
    expect(before.due).toEqual([
      {
        instrument: 'phq9',
        title: 'PHQ-9',
        dueOn: '2026-03-09',
        sessionDate: null,
        lastCompletedAt: null,
      },
    ]);
    expect(before.schedules.find((s) => s.instrument === 'gad7')).toMatchObject({
      dueOn: '2026-03-20',
      lastCompletedAt: null,
    });

    await answer('phq9', 6);
    const after = await due();
    expect(after.due).toEqual([]);
    expect(after.schedules.find((s) => s.instrument === 'phq9')?.dueOn).toBe('2026-03-23');

    h().clock.set('2026-03-23T14:00:00Z');
    const later = await signedIn(h().app, clinic.client);
    const next = (await later.get(`/api/clients/${clientId}/questionnaires/due`)).json<DueView>();
    expect(next.due.map((d) => d.instrument)).toEqual(['gad7', 'phq9']);

    // Paused: not due. PUT replaces the rule and keeps the start date.
    const staff = await signedIn(h().app, clinic.therapist);
    const paused = await staff.request(
      'PUT',
      `/api/clients/${clientId}/questionnaire-schedules/gad7`,
      { everyDays: 28, active: false },
    );
    expect(paused.json<ScheduleView>()).toMatchObject({ startDate: '2026-03-20', active: false });
    const rows = await h()
      .store.db.selectFrom('questionnaire_schedules')
      .select('instrument')
      .where('client_id', '=', clientId)
      .execute();
    expect(rows).toHaveLength(2);
    const final = (await later.get(`/api/clients/${clientId}/questionnaires/due`)).json<DueView>();
    expect(final.due.map((d) => d.instrument)).toEqual(['phq9']);
  });

  it('asks before each session, in the client’s day, until answered in the window', async () => {
    // 03:00 UTC on the 10th is the 9th in Toronto.
    const { therapist, client, clientId, answer, clinic } = await setup(h());
    const due = async (s: Session = client) =>
      (await s.get(`/api/clients/${clientId}/questionnaires/due`)).json<DueView>();
    const put = await therapist.request(
      'PUT',
      `/api/clients/${clientId}/questionnaire-schedules/gad7`,
      { kind: 'before-session', daysBefore: 2, active: true },
    );
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<ScheduleView>()).toEqual({
      instrument: 'gad7',
      kind: 'before-session',
      everyDays: null,
      daysBefore: 2,
      startDate: '2026-03-09',
      active: true,
    });
    // No session booked: nothing is due, and nothing will be.
    expect((await due()).schedules[0]).toMatchObject({ dueOn: null, sessionDate: null });

    // A past session asks for nothing; the one on the 11th (client's day) opens its window on the 9th.
    for (const date of ['2026-03-02', '2026-03-11', '2026-03-20']) {
      const made = await therapist.post(`/api/clients/${clientId}/sessions`, { date });
      expect(made.statusCode, made.body).toBe(201);
    }
    expect((await due()).due).toEqual([
      {
        instrument: 'gad7',
        title: 'GAD-7',
        dueOn: '2026-03-09',
        sessionDate: '2026-03-11',
        lastCompletedAt: null,
      },
    ]);
    // The therapist sees the same list.
    expect((await due(therapist)).due.map((d) => d.sessionDate)).toEqual(['2026-03-11']);

    // A GAD-7 answered on the 8th (before the window) does not count; one today does.
    await answer('gad7', 5, '2026-03-08T15:00:00Z');
    expect((await due()).due).toHaveLength(1);
    await answer('gad7', 4);
    const after = await due();
    expect(after.due).toEqual([]);
    expect(after.schedules[0]).toMatchObject({ dueOn: '2026-03-18', sessionDate: '2026-03-20' });

    // The next window opens on the 18th in Toronto: 03:30 UTC on the 18th is still the 17th.
    h().clock.set('2026-03-18T03:30:00Z');
    expect((await due(await signedIn(h().app, clinic.client))).due).toEqual([]);
    h().clock.set('2026-03-18T05:30:00Z');
    expect((await due(await signedIn(h().app, clinic.client))).due).toMatchObject([
      { instrument: 'gad7', dueOn: '2026-03-18', sessionDate: '2026-03-20' },
    ]);
  });

  it('refuses bad schedules naming the field; only a therapist schedules', async () => {
    const { therapist, client, clientId, clinic } = await setup(h());
    const url = `/api/clients/${clientId}/questionnaire-schedules`;
    const cases: [string, unknown, string][] = [
      ['phq9', { everyDays: 0, active: true }, 'everyDays'],
      ['phq9', { everyDays: 2.5, active: true }, 'everyDays'],
      ['phq9', { active: true }, 'everyDays'],
      ['phq9', { everyDays: 7 }, 'active'],
      ['phq9', { everyDays: 7, active: true, startDate: '2026-02-30' }, 'startDate'],
      ['ors', { everyDays: 7, active: true }, 'params.instrument'],
      ['phq9', { kind: 'weekly', everyDays: 7, active: true }, 'kind'],
      ['phq9', { kind: 'before-session', active: true }, 'daysBefore'],
      ['phq9', { kind: 'before-session', daysBefore: 15, active: true }, 'daysBefore'],
      ['phq9', { kind: 'before-session', daysBefore: -1, active: true }, 'daysBefore'],
      ['phq9', { kind: 'before-session', daysBefore: 3, everyDays: 7, active: true }, 'everyDays'],
      [
        'phq9',
        { kind: 'before-session', daysBefore: 3, startDate: '2026-03-01', active: true },
        'startDate',
      ],
      ['phq9', { everyDays: 7, daysBefore: 3, active: true }, 'daysBefore'],
    ];
    for (const [instrument, body, field] of cases) {
      const p = expectProblem(await therapist.request('PUT', `${url}/${instrument}`, body), 400);
      expect(p.field).toBe(field);
    }
    expectProblem(await client.request('PUT', `${url}/phq9`, { everyDays: 7, active: true }), 403);
    const other = await signedIn(h().app, clinic.otherTherapist);
    expectProblem(await other.request('PUT', `${url}/phq9`, { everyDays: 7, active: true }), 404);
    expectProblem(await other.get(`/api/clients/${clientId}/questionnaires/due`), 404);
    const rows = await h()
      .store.db.selectFrom('questionnaire_schedules')
      .select('id')
      .where('client_id', '=', clientId)
      .execute();
    expect(rows).toEqual([]);
  });
});
