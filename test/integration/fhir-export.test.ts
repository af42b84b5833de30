import type {
  Bundle,
  CarePlan,
  Goal,
  Observation,
  Patient,
  Questionnaire,
  QuestionnaireResponse,
  Resource,
} from '@medplum/fhirtypes';
import { expect, it } from 'vitest';
import { identifierSystem, LOINC, MEASURE_SYSTEM, UCUM } from '../../src/fhir/codes.ts';
import { describeEachEngine } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import {
  bundleResources as resources,
  checkRequiredBindings,
  expectValidBundle,
} from '../support/fhir-validation.ts';
import { expectProblem, signedIn } from '../support/http.ts';
import { seedRecord } from '../support/record-fixtures.ts';

const ofType = <T extends Resource>(b: Bundle, type: T['resourceType']) =>
  resources(b).filter((r): r is T => r.resourceType === type);
const idOf = (r: { identifier?: { system?: string; value?: string }[] }, kind: string) =>
  r.identifier?.find((i) => i.system === identifierSystem(kind))?.value;

describeEachEngine('FHIR R4 export', (h) => {
  it('exports a collection Bundle whose every resource validates, with required codes checked', async () => {
    const clinic = await buildClinic(h().store);
    const therapist = await signedIn(h().app, clinic.therapist);
    await seedRecord(h(), clinic, therapist);
    const res = await therapist.get(`/api/clients/${clinic.client.clientId}/fhir`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(res.headers['cache-control']).toBe('no-store');
    const bundle = res.json<Bundle>();
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const { resources: count } = expectValidBundle(bundle);
    expect(count).toBeGreaterThan(30);

    // The required bindings SPEC §7 names were each actually checked.
    const checked = new Map<string, number>();
    for (const r of [bundle, ...resources(bundle)])
      for (const [path, n] of checkRequiredBindings(r).checked)
        checked.set(path, (checked.get(path) ?? 0) + n);
    for (const path of [
      'Bundle.type',
      'Goal.lifecycleStatus',
      'CarePlan.status',
      'CarePlan.intent',
      'CarePlan.activity.detail.status',
      'CarePlan.activity.detail.kind',
      'Observation.status',
      'Questionnaire.status',
      'Questionnaire.item.type',
      'QuestionnaireResponse.status',
      'Quantity.comparator',
      'Timing.repeat.periodUnit',
    ])
      expect(checked.get(path), path).toBeGreaterThan(0);
  });

  it('round-trips: each goal, check-in and questionnaire appears once with the right codes and references', async () => {
    const clinic = await buildClinic(h().store);
    const therapist = await signedIn(h().app, clinic.therapist);
    const seed = await seedRecord(h(), clinic, therapist);
    const bundle = (
      await therapist.get(`/api/clients/${clinic.client.clientId}/fhir`)
    ).json<Bundle>();
    const byUrl = new Map((bundle.entry ?? []).map((e) => [e.fullUrl!, e.resource!]));
    const [patient, ...others] = ofType<Patient>(bundle, 'Patient');
    expect(others).toEqual([]);
    expect(idOf(patient!, 'client')).toBe(clinic.client.clientId);
    const patientRef = `urn:uuid:${patient!.id}`;

    // Goals: once each, lifecycle mapped, target with measure (gol-1), outcomes = its check-ins.
    const goals = ofType<Goal>(bundle, 'Goal');
    const goalIds = [seed.walking, seed.panic, seed.mood, seed.proposed].map((g) => g.id);
    expect(goals.map((g) => idOf(g, 'goal')).sort()).toEqual([...goalIds].sort());
    const goal = (id: string) => goals.find((g) => idOf(g, 'goal') === id)!;
    expect(goal(seed.proposed.id).lifecycleStatus).toBe('proposed');
    expect(goal(seed.proposed.id).achievementStatus).toBeUndefined();
    const walking = goal(seed.walking.id);
    expect(walking).toMatchObject({
      lifecycleStatus: 'active',
      description: { text: 'Walk 30 minutes on most days' },
      subject: { reference: patientRef, type: 'Patient' },
    });
    expect(walking.achievementStatus?.coding?.[0]?.code).toBe('improving');
    expect(walking.target?.[0]).toMatchObject({
      measure: { coding: [{ system: MEASURE_SYSTEM, code: seed.walking.measureId }] },
      detailQuantity: { value: 30, comparator: '>=', unit: 'min', system: UCUM, code: 'min' },
      dueDate: seed.walking.dueDate,
    });
    expect(goal(seed.panic.id).target?.[0]?.detailQuantity).toMatchObject({
      value: 1,
      comparator: '<=',
    });
    expect(goal(seed.mood.id).target?.[0]?.detailBoolean).toBe(true);
    expect(walking.addresses).toBeUndefined();

    // Check-ins: one Observation each, local code + text, value by kind.
    const observations = ofType<Observation>(bundle, 'Observation');
    const checkInObs = observations.filter((o) => idOf(o, 'check-in'));
    expect(checkInObs.map((o) => idOf(o, 'check-in')).sort()).toEqual([...seed.checkInIds].sort());
    for (const o of checkInObs) {
      expect(o.category?.[0]?.coding?.[0]?.code).toBe('survey');
      expect(o.code.coding?.[0]?.system).toBe(MEASURE_SYSTEM);
      expect(o.code.text).toBeTruthy();
      expect(o.effectiveDateTime).toBeTruthy();
      expect(o.subject?.reference).toBe(patientRef);
    }
    const kinds = (measureId: string) =>
      checkInObs.filter((o) => o.code.coding?.[0]?.code === measureId);
    expect(kinds(seed.walking.measureId!).every((o) => o.valueQuantity?.code === 'min')).toBe(true);
    expect(kinds(seed.panic.measureId!).every((o) => Number.isInteger(o.valueInteger))).toBe(true);
    expect(kinds(seed.mood.measureId!).map((o) => o.valueBoolean)).toEqual([true]);
    const outcomes = walking.outcomeReference!.map((r) => byUrl.get(r.reference!) as Observation);
    expect(outcomes).toHaveLength(kinds(seed.walking.measureId!).length);
    expect(outcomes.every((o) => o.code.coding?.[0]?.code === seed.walking.measureId)).toBe(true);

    // Questionnaires: PHQ-9 and GAD-7 once each, with LOINC items and LA answers scored 0–3.
    const questionnaires = ofType<Questionnaire>(bundle, 'Questionnaire');
    expect(questionnaires.map((q) => q.code?.[0]?.code).sort()).toEqual(['44249-1', '69737-5']);
    const phq = questionnaires.find((q) => q.code?.[0]?.code === '44249-1')!;
    const items = phq.item!.filter((i) => i.type === 'choice');
    expect(items.map((i) => i.code?.[0]?.code)).toEqual([
      '44250-9',
      '44255-8',
      '44259-0',
      '44254-1',
      '44251-7',
      '44258-2',
      '44252-5',
      '44253-3',
      '44260-8',
    ]);
    expect(
      items[0]!.answerOption!.map((a) => [a.valueCoding?.code, a.extension?.[0]?.valueDecimal]),
    ).toEqual([
      ['LA6568-5', 0],
      ['LA6569-3', 1],
      ['LA6570-1', 2],
      ['LA6571-9', 3],
    ]);

    // Responses: once each, answers as LA codes; totals as LOINC Observations derived from them.
    const responses = ofType<QuestionnaireResponse>(bundle, 'QuestionnaireResponse');
    expect(responses.map((r) => r.identifier?.value).sort()).toEqual([...seed.responseIds].sort());
    for (const r of responses) {
      expect(r.status).toBe('completed');
      const q = questionnaires.find((x) => r.questionnaire === `${x.url}|${x.version}`)!;
      expect(q).toBeDefined();
      const linkIds = q.item!.filter((i) => i.type === 'choice').map((i) => i.linkId);
      expect(r.item!.map((i) => i.linkId)).toEqual(linkIds);
      const total = observations.filter(
        (o) => o.derivedFrom?.[0]?.reference === `urn:uuid:${r.id}`,
      );
      expect(total).toHaveLength(1);
      const score = r.item!.reduce((sum, i) => {
        const code = i.answer![0]!.valueCoding!.code;
        return sum + ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'].indexOf(code!);
      }, 0);
      expect(total[0]!.valueQuantity).toEqual({
        value: score,
        unit: '{score}',
        system: UCUM,
        code: '{score}',
      });
      expect(total[0]!.code.coding?.[0]).toMatchObject({
        system: LOINC,
        code: q.code?.[0]?.code === '44249-1' ? '44261-6' : '70274-6',
      });
    }

    // One CarePlan: cpl-3 (detail only), steps and the practice with its schedule.
    const [plan] = ofType<CarePlan>(bundle, 'CarePlan');
    expect(plan).toMatchObject({ status: 'active', intent: 'plan' });
    expect(plan!.goal).toHaveLength(4);
    const details = plan!.activity!.map((a) => {
      expect(a.reference).toBeUndefined();
      return a.detail!;
    });
    expect(details.map((d) => d.description)).toEqual([
      'Find a walking route',
      'Buy walking shoes',
      'Mindful walk (20 minutes)',
    ]);
    expect(details.map((d) => d.status)).toEqual(['completed', 'not-started', 'in-progress']);
    expect(details[2]!.scheduledTiming?.repeat).toMatchObject({
      frequency: 3,
      period: 1,
      periodUnit: 'wk',
      duration: 20,
      durationUnit: 'min',
    });
  });

  it('maps every lifecycle status and is stable across exports', async () => {
    const clinic = await buildClinic(h().store);
    const therapist = await signedIn(h().app, clinic.therapist);
    const id = clinic.client.clientId;
    const make = async (title: string) =>
      (await therapist.post(`/api/clients/${id}/goals`, { title })).json<{ id: string }>().id;
    const move = async (goalId: string, statuses: string[]) => {
      let version = 1;
      for (const status of statuses) {
        const r = await therapist.patch(
          `/api/goals/${goalId}`,
          { status },
          { 'if-match': `"${version}"` },
        );
        expect(r.statusCode, r.body).toBe(200);
        version++;
      }
    };
    const held = await make('Held goal');
    await move(held, ['on-hold']);
    const achieved = await make('Achieved goal');
    await move(achieved, ['achieved']);
    const dropped = await make('Dropped goal');
    await move(dropped, ['discontinued']);
    const first = (await therapist.get(`/api/clients/${id}/fhir`)).json<Bundle>();
    expectValidBundle(first);
    const status = (goalId: string) =>
      ofType<Goal>(first, 'Goal').find((g) => idOf(g, 'goal') === goalId)?.lifecycleStatus;
    expect([status(held), status(achieved), status(dropped)]).toEqual([
      'on-hold',
      'completed',
      'cancelled',
    ]);
    const again = (await therapist.get(`/api/clients/${id}/fhir`)).json<Bundle>();
    expect(resources(again).map((r) => r.id)).toEqual(resources(first).map((r) => r.id));
  });

  it('answers 404 for another client, 401 anonymous, and audits the export', async () => {
    const clinic = await buildClinic(h().store);
    const therapist = await signedIn(h().app, clinic.therapist);
    expectProblem(
      await therapist.get(`/api/clients/${clinic.otherClient.clientId}/fhir`),
      404,
      'not-found',
    );
    const client = await signedIn(h().app, clinic.client);
    expect((await client.get(`/api/clients/${clinic.client.clientId}/fhir`)).statusCode).toBe(200);
    expect((await therapist.get(`/api/clients/${clinic.client.clientId}/fhir`)).statusCode).toBe(
      200,
    );
    const admin = await signedIn(h().app, clinic.admin);
    const events = (await admin.get(`/api/audit?clientId=${clinic.client.clientId}`)).json<{
      events: { actorId: string; action: string; resource: string }[];
    }>().events;
    expect(events.filter((e) => e.action === 'record.fhir').map((e) => e.actorId)).toEqual([
      clinic.client.id,
      clinic.therapist.id,
    ]);
  });
});
