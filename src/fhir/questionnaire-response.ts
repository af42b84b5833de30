import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import { instruments } from '../domain/instruments/index.ts';
import type { ResponseRecord } from '../store/exports.ts';
import { LOINC, fhirId, identifierSystem, ref } from './codes.ts';
import { questionnaireCanonical } from './questionnaire.ts';

export const responseId = (r: Pick<ResponseRecord, 'id'>) => fhirId('questionnaire-response', r.id);

/**
 * One completed PHQ-9 or GAD-7: each item's linkId with its answer as the LA code whose
 * ordinal value is the stored score (qrs-1: every item carries an answer).
 */
export function responseResource(p: {
  response: ResponseRecord;
  patient: string;
  clientUserId: string;
}): QuestionnaireResponse {
  const r = p.response;
  const instrument = instruments[r.instrument];
  const answers = JSON.parse(r.answers) as number[];
  return {
    resourceType: 'QuestionnaireResponse',
    id: responseId(r),
    identifier: { system: identifierSystem('questionnaire-response'), value: r.id },
    questionnaire: questionnaireCanonical(r.instrument),
    status: 'completed',
    subject: ref('Patient', p.patient),
    authored: r.completed_at,
    ...(r.entered_by === p.clientUserId ? { author: ref('Patient', p.patient) } : {}),
    item: instrument.items.map((item, i) => {
      const answer = instrument.answers.find((a) => a.value === answers[i]);
      // Stored answers are validated 0–3 on the way in; an unreadable one is a broken row.
      if (!answer) throw new Error(`questionnaire response ${r.id}: no answer for item ${i + 1}`);
      return {
        linkId: item.linkId,
        text: item.text,
        answer: [{ valueCoding: { system: LOINC, code: answer.code, display: answer.display } }],
      };
    }),
  };
}
