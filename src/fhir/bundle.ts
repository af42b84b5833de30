import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { CorrectionIndex } from '../domain/corrections.ts';
import type { InstrumentId } from '../domain/instruments/index.ts';
import type { CheckInRecord, ClientRecord } from '../store/exports.ts';
import { fhirId, fullUrl, identifierSystem } from './codes.ts';
import { carePlanResource } from './care-plan.ts';
import { goalResource } from './goal.ts';
import { checkInObservation, totalObservation } from './observation.ts';
import { patientId, patientResource } from './patient.ts';
import { questionnaireResource } from './questionnaire.ts';
import { responseId, responseResource } from './questionnaire-response.ts';

const entry = (resource: Resource & { id?: string }): BundleEntry => ({
  fullUrl: fullUrl(resource.id!),
  resource,
});

/**
 * A client's record as a FHIR R4 Bundle of type `collection` (SPEC §7): Patient; the PHQ-9
 * and GAD-7 Questionnaires; a Goal per goal; one CarePlan for their steps and practices; an
 * Observation per check-in; a QuestionnaireResponse and a total-score Observation per completed
 * questionnaire. Every entry's fullUrl is `urn:uuid:<id>` and every reference points at one.
 *
 * What is not here on purpose: journal entries (private ones are the client's alone, and
 * shared ones are conversation, not clinical data), clinician-only session notes, comments.
 * The record passed in is loaded without journal entries; nothing here reads notes.
 */
export function clientBundle(p: {
  record: ClientRecord;
  corrections: CorrectionIndex;
  now: Date;
}): Bundle {
  const { record, corrections, now } = p;
  const { client } = record;
  const patient = patientId(client);
  const measureById = new Map(record.measures.map((m) => [m.id, m]));
  const checkInsByMeasure = new Map<string, CheckInRecord[]>();
  for (const c of record.checkIns) {
    const list = checkInsByMeasure.get(c.measure_id) ?? [];
    list.push(c);
    checkInsByMeasure.set(c.measure_id, list);
  }

  const entries: BundleEntry[] = [entry(patientResource(client))];
  for (const id of ['phq9', 'gad7'] as const satisfies InstrumentId[])
    entries.push(entry(questionnaireResource(id)));
  for (const goal of record.goals) {
    const measure = goal.measure_id ? measureById.get(goal.measure_id) : undefined;
    entries.push(
      entry(
        goalResource({
          goal,
          measure,
          checkIns: measure ? (checkInsByMeasure.get(measure.id) ?? []) : [],
          plans: record.plans
            .filter((pl) => pl.goal_id === goal.id)
            .map((plan) => ({
              plan,
              uses: record.planUses.filter((u) => u.plan_id === plan.id),
            })),
          patient,
          timeZone: client.timeZone,
          now,
          corrections,
        }),
      ),
    );
  }
  if (record.goals.length > 0)
    entries.push(
      entry(
        carePlanResource({
          clientId: client.id,
          patient,
          goals: record.goals,
          steps: record.steps,
          practices: record.practices,
          completions: record.completions,
          timeZone: client.timeZone,
          now,
          corrections,
        }),
      ),
    );
  for (const checkIn of record.checkIns) {
    const measure = measureById.get(checkIn.measure_id);
    if (!measure) continue; // a check-in always has its measure (a foreign key); defensive only
    entries.push(
      entry(
        checkInObservation({
          checkIn,
          measure,
          patient,
          clientUserId: client.userId,
          corrections,
        }),
      ),
    );
  }
  for (const response of record.responses) {
    const common = { response, patient, clientUserId: client.userId };
    entries.push(entry(responseResource(common)));
    entries.push(entry(totalObservation({ ...common, responseId: responseId(response) })));
  }
  return {
    resourceType: 'Bundle',
    id: fhirId('bundle', `${client.id}/${now.toISOString()}`),
    identifier: { system: identifierSystem('export'), value: `${client.id}/${now.toISOString()}` },
    type: 'collection',
    timestamp: now.toISOString(),
    entry: entries,
  };
}
