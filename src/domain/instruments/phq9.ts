import { FREQUENCY_ANSWERS, TWO_WEEK_PREAMBLE } from './types.ts';
import type { Instrument } from './types.ts';

/**
 * PHQ-9 (SPEC §1). Codes from the MII PRO IG (`mii-qst-pro-phq-9`); bands from Kroenke 2001;
 * caseness (>= 10) and reliable change (6) from NHS Talking Therapies (PMC8411661 Table 1).
 * Public domain. The difficulty item (LOINC 69722-7) is not scored, so it is not listed here.
 */
export const phq9: Instrument = {
  id: 'phq9',
  title: 'Patient Health Questionnaire (PHQ-9)',
  shortTitle: 'PHQ-9',
  preamble: TWO_WEEK_PREAMBLE,
  loincPanel: '44249-1',
  loincTotal: '44261-6',
  items: [
    { linkId: 'phq9-1', loinc: '44250-9', text: 'Little interest or pleasure in doing things' },
    { linkId: 'phq9-2', loinc: '44255-8', text: 'Feeling down, depressed, or hopeless' },
    {
      linkId: 'phq9-3',
      loinc: '44259-0',
      text: 'Trouble falling or staying asleep, or sleeping too much',
    },
    { linkId: 'phq9-4', loinc: '44254-1', text: 'Feeling tired or having little energy' },
    { linkId: 'phq9-5', loinc: '44251-7', text: 'Poor appetite or overeating' },
    {
      linkId: 'phq9-6',
      loinc: '44258-2',
      text: 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
    },
    {
      linkId: 'phq9-7',
      loinc: '44252-5',
      text: 'Trouble concentrating on things, such as reading the newspaper or watching television',
    },
    {
      linkId: 'phq9-8',
      loinc: '44253-3',
      text: 'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
    },
    {
      linkId: 'phq9-9',
      loinc: '44260-8',
      text: 'Thoughts that you would be better off dead or of hurting yourself in some way',
    },
  ],
  answers: FREQUENCY_ANSWERS,
  maxTotal: 27,
  bands: [
    { min: 0, max: 4, severity: 'minimal' },
    { min: 5, max: 9, severity: 'mild' },
    { min: 10, max: 14, severity: 'moderate' },
    { min: 15, max: 19, severity: 'moderately severe' },
    { min: 20, max: 27, severity: 'severe' },
  ],
  casenessCutoff: 10,
  reliableChange: 6,
};
