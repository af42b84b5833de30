import { expect, it } from 'vitest';
import type {
  QuestionnaireSubmitted,
  QuestionnaireView,
} from '../../src/contract/questionnaires.ts';
import { defaultClinicSettings } from '../../src/store/accounts.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, Session, signedIn } from '../support/http.ts';
import { answersFor } from '../support/questionnaires.ts';

async function setup(h: Harness) {
  h.clock.set('2026-03-10T15:00:00Z');
  const clinic = await buildClinic(h.store);
  const therapist = await signedIn(h.app, clinic.therapist);
  const client = await signedIn(h.app, clinic.client);
  return { clinic, therapist, client, clientId: clinic.client.clientId };
}

const submit = (s: Session, clientId: string, body: unknown) =>
  s.post(`/api/clients/${clientId}/questionnaires`, body);

async function stored(h: Harness, clientId: string) {
  const [responses, alerts] = await Promise.all([
    h.store.db
      .selectFrom('questionnaire_responses')
      .select('id')
      .where('client_id', '=', clientId)
      .execute(),
    h.store.db
      .selectFrom('alerts')
      .select(['kind', 'severity', 'source', 'open_key'])
      .where('client_id', '=', clientId)
      .orderBy('created_at')
      .orderBy('kind')
      .execute(),
  ]);
  return { responses: responses.length, alerts };
}

describeEachEngine('questionnaires', (h) => {
  it('serves the instruments with wording, answers and LOINC codes to any role', async () => {
    const { clinic } = await setup(h());
    const admin = await signedIn(h().app, clinic.admin);
    const res = await admin.get('/api/instruments');
    expect(res.statusCode).toBe(200);
    const { instruments } = res.json<{
      instruments: {
        id: string;
        loincPanel: string;
        items: { loinc: string; text: string }[];
        answers: { code: string; value: number }[];
      }[];
    }>();
    expect(instruments.map((i) => [i.id, i.loincPanel, i.items.length])).toEqual([
      ['phq9', '44249-1', 9],
      ['gad7', '69737-5', 7],
    ]);
    expect(instruments[0]!.items[8]).toMatchObject({ loinc: '44260-8' });
    expect(instruments[0]!.answers.map((a) => a.code)).toEqual([
      'LA6568-5',
      'LA6569-3',
      'LA6570-1',
      'LA6571-9',
    ]);
    expectProblem(await new Session(h().app).get('/api/instruments'), 401);
  });

  it('scores a response: total, severity, caseness (SPEC vectors 4 and 8)', async () => {
    const { client, clientId, clinic } = await setup(h());
    const phq = await submit(client, clientId, {
      instrument: 'phq9',
      answers: [2, 2, 1, 1, 1, 1, 1, 1, 0],
    });
    expect(phq.statusCode, phq.body).toBe(201);
    expect(phq.json<QuestionnaireSubmitted>()).toEqual({
      id: expect.any(String),
      instrument: 'phq9',
      answers: [2, 2, 1, 1, 1, 1, 1, 1, 0],
      total: 10,
      severity: 'moderate',
      caseness: true,
      riskFlag: false,
      completedAt: '2026-03-10T15:00:00.000Z',
      enteredBy: clinic.client.id,
    });
    const gad = await submit(client, clientId, {
      instrument: 'gad7',
      answers: [1, 1, 1, 1, 1, 0, 0],
      completedAt: '2026-03-09T20:00:00-05:00',
    });
    expect(gad.json<QuestionnaireView>()).toMatchObject({
      total: 5,
      severity: 'mild',
      caseness: false,
      completedAt: '2026-03-10T01:00:00.000Z',
    });
    expect((await stored(h(), clientId)).alerts).toEqual([]);
  });

  it('refuses bad responses with 400 naming the field, storing nothing', async () => {
    const { client, clientId } = await setup(h());
    const ok = [0, 0, 0, 0, 0, 0, 0, 0, 0];
    const cases: [unknown, string][] = [
      [{ instrument: 'phq9', answers: ok.slice(0, 8) }, 'answers'], // wrong item count
      [{ instrument: 'gad7', answers: ok }, 'answers'],
      [{ instrument: 'phq9', answers: [1, 1, 1, 1, 1, 1, 1, 1, 4] }, 'answers.8'], // SPEC vector 7
      [{ instrument: 'phq9', answers: [0, -1, 0, 0, 0, 0, 0, 0, 0] }, 'answers.1'],
      [{ instrument: 'phq9', answers: [0, 0, 1.5, 0, 0, 0, 0, 0, 0] }, 'answers.2'],
      [{ instrument: 'phq9', answers: [0, 0, 0, 'x', 0, 0, 0, 0, 0] }, 'answers.3'],
      [{ instrument: 'phq9', answers: 'none' }, 'answers'],
      [{ instrument: 'ors', answers: ok }, 'instrument'],
      [{ answers: ok }, 'instrument'],
      [{ instrument: 'phq9', answers: ok, completedAt: 'now' }, 'completedAt'],
      [{ instrument: 'phq9', answers: ok, completedAt: '2026-03-10T16:00:00Z' }, 'completedAt'],
    ];
    for (const [body, field] of cases) {
      const p = expectProblem(await submit(client, clientId, body), 400, 'validation');
      expect(p.field, JSON.stringify(body)).toBe(field);
    }
    expect(await stored(h(), clientId)).toEqual({ responses: 0, alerts: [] });
  });

  it('flags item 9 > 0 whatever the total: a risk alert in the same transaction, and the crisis text', async () => {
    const { client, clientId, clinic } = await setup(h());
    const res = await submit(client, clientId, {
      instrument: 'phq9',
      answers: [0, 0, 0, 0, 0, 0, 0, 0, 1],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<QuestionnaireSubmitted>();
    expect(body).toMatchObject({ total: 1, severity: 'minimal', riskFlag: true });
    expect(body.crisis).toBe(defaultClinicSettings.crisisText);
    expect(body.crisis).toMatch(/9-8-8/);
    const { alerts } = await stored(h(), clientId);
    expect(alerts).toEqual([
      {
        kind: 'risk',
        severity: 'high',
        source: `questionnaire/${body.id}`,
        open_key: `risk|questionnaire/${body.id}`,
      },
    ]);
    const owner = await h()
      .store.db.selectFrom('alerts')
      .select('owner_id')
      .where('client_id', '=', clientId)
      .executeTakeFirstOrThrow();
    expect(owner.owner_id).toBe(clinic.therapist.id);
    // Each positive item 9 is its own alert: every one needs follow-up.
    await submit(client, clientId, { instrument: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 2] });
    expect((await stored(h(), clientId)).alerts.filter((a) => a.kind === 'risk')).toHaveLength(2);
  });

  it('raises one open deterioration alert per instrument against the first response', async () => {
    const { client, therapist, clientId } = await setup(h());
    const at = (d: number) => `2026-03-0${d}T12:00:00Z`;
    await submit(client, clientId, {
      instrument: 'phq9',
      answers: answersFor('phq9', 5),
      completedAt: at(1),
    });
    await submit(client, clientId, {
      instrument: 'phq9',
      answers: answersFor('phq9', 10),
      completedAt: at(2),
    }); // +5: not reliable
    expect((await stored(h(), clientId)).alerts).toEqual([]);
    await submit(client, clientId, {
      instrument: 'phq9',
      answers: answersFor('phq9', 11),
      completedAt: at(3),
    }); // +6
    await submit(client, clientId, {
      instrument: 'phq9',
      answers: answersFor('phq9', 14),
      completedAt: at(4),
    }); // still open: no second
    await submit(client, clientId, {
      instrument: 'gad7',
      answers: answersFor('gad7', 2),
      completedAt: at(1),
    });
    await submit(client, clientId, {
      instrument: 'gad7',
      answers: answersFor('gad7', 6),
      completedAt: at(4),
    }); // +4
    const { alerts } = await stored(h(), clientId);
    // Both raised at the same moment: compared in no particular order.
    expect(alerts.map((a) => [a.kind, a.severity, a.source]).sort()).toEqual([
      ['deterioration', 'medium', `client/${clientId}/gad7`],
      ['deterioration', 'medium', `client/${clientId}/phq9`],
    ]);
    // Acknowledged, the same cause can raise again.
    const list = (await therapist.get('/api/alerts')).json<{
      alerts: { id: string; detail: string }[];
    }>();
    expect(list.alerts.map((a) => a.detail)).toEqual(
      expect.arrayContaining([expect.stringMatching(/PHQ-9 5 → 11/)]),
    );
    for (const a of list.alerts) await therapist.post(`/api/alerts/${a.id}/acknowledge`, {});
    await submit(client, clientId, {
      instrument: 'phq9',
      answers: answersFor('phq9', 12),
      completedAt: at(5),
    });
    expect((await stored(h(), clientId)).alerts.filter((a) => a.open_key !== null)).toHaveLength(1);
  });

  it('raises the deterioration alert once under concurrent submissions', async () => {
    const { client, clientId } = await setup(h());
    await submit(client, clientId, {
      instrument: 'gad7',
      answers: answersFor('gad7', 3),
      completedAt: '2026-03-01T12:00:00Z',
    });
    const answers = await Promise.all(
      [9, 10, 11, 12].map((t) =>
        submit(client, clientId, { instrument: 'gad7', answers: answersFor('gad7', t) }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201]);
    const { responses, alerts } = await stored(h(), clientId);
    expect(responses).toBe(5);
    expect(alerts.filter((a) => a.kind === 'deterioration')).toHaveLength(1);
  });

  it('lists responses oldest first, by instrument, ties in the order received', async () => {
    const { client, therapist, clientId } = await setup(h());
    const same = '2026-03-05T12:00:00Z';
    const a = (
      await submit(client, clientId, {
        instrument: 'phq9',
        answers: answersFor('phq9', 10),
        completedAt: same,
      })
    ).json<QuestionnaireView>();
    const b = (
      await submit(client, clientId, {
        instrument: 'phq9',
        answers: answersFor('phq9', 14),
        completedAt: same,
      })
    ).json<QuestionnaireView>();
    const c = (
      await submit(client, clientId, {
        instrument: 'phq9',
        answers: answersFor('phq9', 3),
        completedAt: '2026-03-01T12:00:00Z',
      })
    ).json<QuestionnaireView>();
    const g = (
      await submit(client, clientId, { instrument: 'gad7', answers: answersFor('gad7', 3) })
    ).json<QuestionnaireView>();
    const all = (await therapist.get(`/api/clients/${clientId}/questionnaires`)).json<{
      questionnaires: QuestionnaireView[];
    }>();
    expect(all.questionnaires.map((q) => q.id)).toEqual([c.id, a.id, b.id, g.id]);
    const phq = (
      await therapist.get(`/api/clients/${clientId}/questionnaires?instrument=phq9`)
    ).json<{ questionnaires: QuestionnaireView[] }>();
    expect(phq.questionnaires.map((q) => q.id)).toEqual([c.id, a.id, b.id]);
    expect(
      expectProblem(
        await therapist.get(`/api/clients/${clientId}/questionnaires?instrument=k10`),
        400,
      ).field,
    ).toBe('query.instrument');
  });

  it('keeps others out and lets only a therapist or the client submit', async () => {
    const { clinic, clientId } = await setup(h());
    const ok = { instrument: 'gad7', answers: answersFor('gad7', 3) };
    const other = await signedIn(h().app, clinic.otherTherapist);
    expectProblem(await submit(other, clientId, ok), 404, 'not-found');
    expectProblem(await other.get(`/api/clients/${clientId}/questionnaires`), 404, 'not-found');
    const admin = await signedIn(h().app, clinic.admin);
    expectProblem(await submit(admin, clientId, ok), 403, 'forbidden');
    expectProblem(
      await new Session(h().app).post(`/api/clients/${clientId}/questionnaires`, ok),
      401,
    );
    const therapist = await signedIn(h().app, clinic.therapist);
    const inSession = (await submit(therapist, clientId, ok)).json<QuestionnaireView>();
    expect(inSession.enteredBy).toBe(clinic.therapist.id);
    expect((await stored(h(), clientId)).responses).toBe(1);
  });
});
