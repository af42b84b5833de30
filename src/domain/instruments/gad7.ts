import { FREQUENCY_ANSWERS, TWO_WEEK_PREAMBLE } from './types.ts';
import type { Instrument } from './types.ts';

/**
 * GAD-7 (SPEC §2). Codes from the MII PRO IG (`mii-qst-pro-gad-7`); bands 0–4/5–9/10–14/15–21;
 * IAPT caseness (>= 8) and reliable change (4) from PMC8411661 Table 1. Public domain.
 * The screening cut-off for GAD (>= 10) is a different number from IAPT caseness.
 */
export const gad7: Instrument = {
  id: 'gad7',
  title: 'Generalized Anxiety Disorder Assessment (GAD-7)',
  shortTitle: 'GAD-7',
  preamble: TWO_WEEK_PREAMBLE,
  loincPanel: '69737-5',
  loincTotal: '70274-6',
  items: [
    { linkId: 'gad7-1', loinc: '69725-0', text: 'Feeling nervous, anxious or on edge' },
    { linkId: 'gad7-2', loinc: '68509-9', text: 'Not being able to stop or control worrying' },
    { linkId: 'gad7-3', loinc: '69733-4', text: 'Worrying too much about different things' },
    { linkId: 'gad7-4', loinc: '69734-2', text: 'Trouble relaxing' },
    { linkId: 'gad7-5', loinc: '69735-9', text: 'Being so restless that it is hard to sit still' },
    { linkId: 'gad7-6', loinc: '69689-8', text: 'Becoming easily annoyed or irritable' },
    {
      linkId: 'gad7-7',
      loinc: '69736-7',
      text: 'Feeling afraid as if something awful might happen',
    },
  ],
  answers: FREQUENCY_ANSWERS,
  maxTotal: 21,
  bands: [
    { min: 0, max: 4, severity: 'minimal' },
    { min: 5, max: 9, severity: 'mild' },
    { min: 10, max: 14, severity: 'moderate' },
    { min: 15, max: 21, severity: 'severe' },
  ],
  casenessCutoff: 8,
  reliableChange: 4,
};
