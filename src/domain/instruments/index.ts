import { DomainError } from '../errors.ts';
import { gad7 } from './gad7.ts';
import { phq9 } from './phq9.ts';
import type { Instrument, InstrumentId, Severity } from './types.ts';

export type {
  AnswerOption,
  Instrument,
  InstrumentId,
  InstrumentItem,
  Severity,
  SeverityBand,
} from './types.ts';
export { FREQUENCY_ANSWERS, TWO_WEEK_PREAMBLE } from './types.ts';

export const instruments: Record<InstrumentId, Instrument> = { phq9, gad7 };

/** True for the id of an instrument Stepwise scores. */
export function isInstrumentId(x: unknown): x is InstrumentId {
  return x === 'phq9' || x === 'gad7';
}

export interface QuestionnaireScore {
  total: number;
  severity: Severity;
  /** NHS Talking Therapies caseness: PHQ-9 >= 10, GAD-7 >= 8. */
  caseness: boolean;
  /** PHQ-9 item 9 > 0, whatever the total; always false for the GAD-7. */
  riskFlag: boolean;
}

function instrumentOf(id: InstrumentId): Instrument {
  // Guards callers that pass an unchecked string at run time.
  if (!isInstrumentId(id))
    throw new DomainError('instrument', `Unknown instrument "${String(id)}"`);
  return instruments[id];
}

/**
 * Throws a DomainError on `field` unless `total` is a whole number within the instrument's
 * range (PHQ-9 0–27, GAD-7 0–21; SPEC §1 and §2).
 */
export function assertValidTotal(id: InstrumentId, total: number, field = 'total'): void {
  const instrument = instrumentOf(id);
  if (!Number.isInteger(total) || total < 0 || total > instrument.maxTotal) {
    throw new DomainError(
      field,
      `${instrument.shortTitle} total must be a whole number from 0 to ${instrument.maxTotal}`,
    );
  }
}

/**
 * Severity band of a total: PHQ-9 bands of Kroenke 2001 (SPEC §1); GAD-7 bands of SPEC §2.
 */
export function severityOf(id: InstrumentId, total: number): Severity {
  assertValidTotal(id, total);
  const band = instrumentOf(id).bands.find((b) => total >= b.min && total <= b.max);
  // Unreachable while the bands cover 0..maxTotal (a unit test checks they do).
  if (!band) throw new Error(`No ${id} band for total ${total}`);
  return band.severity;
}

/**
 * Scores a completed PHQ-9 or GAD-7: total = sum of the item values 0–3 (SPEC §1 and §2, MII
 * PRO IG `ordinalValue`); caseness per NHS Talking Therapies (PMC8411661); riskFlag = PHQ-9
 * item 9 > 0 (SPEC §1, calcipedia: "clinically significant regardless of the overall total").
 * `answers[i]` is the value of item i + 1.
 */
export function scoreQuestionnaire(
  id: InstrumentId,
  answers: readonly number[],
): QuestionnaireScore {
  const instrument = instrumentOf(id);
  const needed = instrument.items.length;
  if (!Array.isArray(answers) || answers.length !== needed) {
    const got = Array.isArray(answers) ? `${answers.length}` : 'none';
    throw new DomainError(
      'answers',
      `${instrument.shortTitle} needs ${needed} answers, one per item; got ${got}`,
    );
  }
  let total = 0;
  answers.forEach((value, i) => {
    if (!Number.isInteger(value) || value < 0 || value > 3) {
      throw new DomainError(
        `answers.${i}`,
        `${instrument.shortTitle} item ${i + 1} must be a whole number from 0 to 3`,
      );
    }
    total += value;
  });
  return {
    total,
    severity: severityOf(id, total),
    caseness: total >= instrument.casenessCutoff,
    riskFlag: id === 'phq9' && (answers[8] ?? 0) > 0,
  };
}
