export type InstrumentId = 'phq9' | 'gad7';

export type Severity = 'minimal' | 'mild' | 'moderate' | 'moderately severe' | 'severe';

export interface InstrumentItem {
  linkId: string;
  loinc: string;
  text: string;
}

export interface AnswerOption {
  code: string;
  display: string;
  value: 0 | 1 | 2 | 3;
}

export interface SeverityBand {
  min: number;
  max: number;
  severity: Severity;
}

export interface Instrument {
  id: InstrumentId;
  title: string;
  shortTitle: string;
  /** The stem shown above the items. */
  preamble: string;
  loincPanel: string;
  loincTotal: string;
  /** Scored items only, in order; item n is `items[n - 1]`. */
  items: readonly InstrumentItem[];
  answers: readonly AnswerOption[];
  maxTotal: number;
  /** Contiguous, ascending, covering 0..maxTotal. */
  bands: readonly SeverityBand[];
  /** NHS Talking Therapies (IAPT) caseness: total >= this. */
  casenessCutoff: number;
  /** NHS Talking Therapies reliable change: a change of at least this many points. */
  reliableChange: number;
}

/** Preamble shared by the PHQ-9 and the GAD-7. */
export const TWO_WEEK_PREAMBLE =
  'Over the last 2 weeks, how often have you been bothered by any of the following problems?';

/**
 * LOINC answer list LL358-3, scored by `ordinalValue` 0–3; the PHQ-9 and the GAD-7 share it
 * (SPEC §1 and §2, from the MII PRO implementation guide).
 */
export const FREQUENCY_ANSWERS: readonly AnswerOption[] = [
  { code: 'LA6568-5', display: 'Not at all', value: 0 },
  { code: 'LA6569-3', display: 'Several days', value: 1 },
  { code: 'LA6570-1', display: 'More than half the days', value: 2 },
  { code: 'LA6571-9', display: 'Nearly every day', value: 3 },
];
