import type { Annotation, Observation, Patient, Reference } from '@medplum/fhirtypes';
import type { CorrectionIndex } from '../domain/corrections.ts';
import { instruments } from '../domain/instruments/index.ts';
import type { CheckInRecord, MeasureRecord, ResponseRecord } from '../store/exports.ts';
import {
  LOINC,
  UCUM,
  fhirId,
  identifierSystem,
  measureConcept,
  measureQuantity,
  ref,
  surveyCategory,
} from './codes.ts';

export const checkInObservationId = (c: Pick<CheckInRecord, 'id'>) => fhirId('check-in', c.id);
export const totalObservationId = (r: Pick<ResponseRecord, 'id'>) =>
  fhirId('questionnaire-total', r.id);

/**
 * value[x] by the measure's kind: yes/no → valueBoolean; a whole count or 0–10 rating →
 * valueInteger; minutes, and any fractional value, → valueQuantity (UCUM where there is a code).
 */
export function checkInValue(
  m: MeasureRecord,
  value: number,
): Pick<Observation, 'valueBoolean' | 'valueInteger' | 'valueQuantity'> {
  if (m.kind === 'yesno') return { valueBoolean: value === 1 };
  if ((m.kind === 'count' || m.kind === 'scale') && Number.isInteger(value))
    return { valueInteger: value };
  return { valueQuantity: measureQuantity(m, value) };
}

/**
 * One check-in as an Observation (category survey, local code + text). An accepted correction
 * of its value makes it `corrected`, with the original value kept in a note: the record shows
 * both, as a correction must never erase what was there.
 */
export function checkInObservation(p: {
  checkIn: CheckInRecord;
  measure: MeasureRecord;
  patient: string;
  clientUserId: string;
  corrections: CorrectionIndex;
}): Observation {
  const { checkIn: c, measure, corrections } = p;
  const valueFix = corrections.get('check-in', c.id, 'value');
  const noteFix = corrections.get('check-in', c.id, 'note');
  const value = valueFix ? Number(valueFix.corrected) : c.value;
  const notes: Annotation[] = [];
  const note = noteFix ? String(noteFix.corrected) : c.note;
  if (note) notes.push({ text: note });
  if (valueFix)
    notes.push({
      time: valueFix.resolvedAt,
      text: `Corrected at the client's request; originally recorded as ${String(valueFix.original)}.`,
    });
  if (noteFix)
    notes.push({
      time: noteFix.resolvedAt,
      text: `The note was corrected at the client's request; it read: ${String(noteFix.original ?? '')}`,
    });
  return {
    resourceType: 'Observation',
    id: checkInObservationId(c),
    identifier: [{ system: identifierSystem('check-in'), value: c.id }],
    status: valueFix || noteFix ? 'corrected' : 'final',
    category: [surveyCategory],
    code: measureConcept(measure),
    subject: ref('Patient', p.patient),
    effectiveDateTime: c.at,
    issued: c.received_at,
    ...performer(c.entered_by, p.clientUserId, p.patient),
    ...checkInValue(measure, value),
    ...(notes.length ? { note: notes } : {}),
  };
}

/** The client as performer when they entered it; staff are not exported as Practitioners. */
function performer(
  enteredBy: string,
  clientUserId: string,
  patient: string,
): { performer?: Reference<Patient>[] } {
  return enteredBy === clientUserId ? { performer: [ref('Patient', patient)] } : {};
}

/**
 * The total of a PHQ-9 or GAD-7 as an Observation: LOINC 44261-6 / 70274-6, valueQuantity in
 * UCUM `{score}` (the MII PRO pattern, SPEC §7), the severity band as interpretation, derived
 * from its QuestionnaireResponse.
 */
export function totalObservation(p: {
  response: ResponseRecord;
  responseId: string;
  patient: string;
  clientUserId: string;
}): Observation {
  const r = p.response;
  const instrument = instruments[r.instrument];
  return {
    resourceType: 'Observation',
    id: totalObservationId(r),
    identifier: [{ system: identifierSystem('questionnaire-total'), value: r.id }],
    status: 'final',
    category: [surveyCategory],
    code: {
      coding: [{ system: LOINC, code: instrument.loincTotal }],
      text: `${instrument.shortTitle} total score`,
    },
    subject: ref('Patient', p.patient),
    effectiveDateTime: r.completed_at,
    ...performer(r.entered_by, p.clientUserId, p.patient),
    valueQuantity: { value: Number(r.total), unit: '{score}', system: UCUM, code: '{score}' },
    interpretation: [{ text: r.severity }],
    derivedFrom: [ref('QuestionnaireResponse', p.responseId)],
  };
}
