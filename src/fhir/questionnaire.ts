import type { Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import { instruments, type Instrument, type InstrumentId } from '../domain/instruments/index.ts';
import { LOINC, ORDINAL_VALUE, STEPWISE_NAMESPACE, fhirId } from './codes.ts';

/** Bumped when the items or answers of an instrument's Questionnaire change. */
export const QUESTIONNAIRE_VERSION = '1';

export const questionnaireUrl = (id: InstrumentId) => `${STEPWISE_NAMESPACE}/Questionnaire/${id}`;
export const questionnaireId = (id: InstrumentId) => fhirId('questionnaire', id);

/** Canonical reference with version, as QuestionnaireResponse.questionnaire wants it. */
export const questionnaireCanonical = (id: InstrumentId) =>
  `${questionnaireUrl(id)}|${QUESTIONNAIRE_VERSION}`;

const copyright =
  'Public domain: developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.';

function itemOf(instrument: Instrument, index: number): QuestionnaireItem {
  const item = instrument.items[index]!;
  return {
    linkId: item.linkId,
    code: [{ system: LOINC, code: item.loinc }],
    prefix: String(index + 1),
    text: item.text,
    type: 'choice',
    required: true,
    // LOINC answer list LL358-3, each answer scored by the ordinalValue extension (MII PRO IG).
    answerOption: instrument.answers.map((a) => ({
      extension: [{ url: ORDINAL_VALUE, valueDecimal: a.value }],
      valueCoding: { system: LOINC, code: a.code, display: a.display },
    })),
  };
}

/**
 * The PHQ-9 or GAD-7 as a Questionnaire (SPEC §1, §2, §7): LOINC panel code, the preamble as a
 * display item, one choice item per scored question with its LOINC code and LA answer codes.
 * The PHQ-9 difficulty item is not scored and Stepwise does not ask it, so it is not listed.
 */
export function questionnaireResource(id: InstrumentId): Questionnaire {
  const instrument = instruments[id];
  return {
    resourceType: 'Questionnaire',
    id: questionnaireId(id),
    url: questionnaireUrl(id),
    version: QUESTIONNAIRE_VERSION,
    name: instrument.shortTitle.replace(/[^A-Za-z0-9]/g, ''),
    title: instrument.title,
    status: 'active',
    subjectType: ['Patient'],
    code: [{ system: LOINC, code: instrument.loincPanel }],
    copyright,
    item: [
      { linkId: `${id}-preamble`, type: 'display', text: instrument.preamble },
      ...instrument.items.map((_, i) => itemOf(instrument, i)),
    ],
  };
}
