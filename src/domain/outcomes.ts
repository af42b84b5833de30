import { round2 } from './gas.ts';
import { assertValidTotal, instruments } from './instruments/index.ts';
import type { InstrumentId } from './instruments/index.ts';

export interface InstrumentOutcome {
  first: number;
  latest: number;
  /** latest − first: negative is better on both instruments. */
  change: number;
  /** first − latest >= the instrument's reliable change (PHQ-9 6, GAD-7 4). */
  reliableImprovement: boolean;
  /** latest − first >= the same threshold. */
  reliableDeterioration: boolean;
  /** A reduction of at least 50% from the first score; false when the first score is 0. */
  response: boolean;
  /** PHQ-9: latest < 5. GAD-7: null, no remission rule was found in a source (SPEC §2 [U]). */
  remission: boolean | null;
  /** 100 · (latest − first) / first, 2 decimals, same sign as `change`; null when first is 0. */
  percentChange: number | null;
}

/**
 * One measure's change from the first to the latest score. Reliable change per NHS Talking
 * Therapies (PMC8411661 Table 1); response (>= 50% reduction) and PHQ-9 remission (< 5) per
 * the Kaiser study, Psychiatric Services 2020 (SPEC §1).
 */
export function instrumentOutcome(
  id: InstrumentId,
  first: number,
  latest: number,
): InstrumentOutcome {
  assertValidTotal(id, first, 'first');
  assertValidTotal(id, latest, 'latest');
  const { reliableChange } = instruments[id];
  const change = latest - first;
  return {
    first,
    latest,
    change,
    reliableImprovement: -change >= reliableChange,
    reliableDeterioration: change >= reliableChange,
    // Compared in integers, so 18 → 9 is exactly a 50% reduction.
    response: first > 0 && 2 * (first - latest) >= first,
    remission: id === 'phq9' ? latest < 5 : null,
    percentChange: first === 0 ? null : round2((100 * change) / first),
  };
}

export interface PairedScores {
  phq9First: number;
  phq9Latest: number;
  gad7First: number;
  gad7Latest: number;
}

export interface PairedOutcomeOptions {
  /**
   * Reliable improvement also requires that neither measure reliably deteriorated. Default
   * true: the NHS Digital rule as SPEC §6 recalls it, not confirmed in a source [U], so a
   * clinic may turn it off.
   */
  improvementRequiresNoDeterioration?: boolean;
}

export interface PairedOutcome {
  /** PHQ-9 >= 10 or GAD-7 >= 8 at the first pair. */
  casenessAtStart: boolean;
  casenessAtEnd: boolean;
  /** At caseness at the start and below it on both at the end; null when not at caseness at the start. */
  recovery: boolean | null;
  reliableImprovement: boolean;
  /** Recovery and reliable improvement; null when not at caseness at the start. */
  reliableRecovery: boolean | null;
  /** PHQ-9 up >= 6 or GAD-7 up >= 4 (thresholds applied symmetrically, SPEC §6 [U]). */
  reliableDeterioration: boolean;
}

/**
 * NHS Talking Therapies (IAPT) paired PHQ-9 + GAD-7 outcomes of a course (SPEC §6: caseness,
 * recovery and reliable recovery per the nhs.uk scorecard and MindStep; thresholds per
 * PMC8411661). Reliable deterioration and the "neither reliably worse" clause are [U].
 */
export function pairedOutcome(s: PairedScores, options: PairedOutcomeOptions = {}): PairedOutcome {
  const { phq9First: phq0, phq9Latest: phq1, gad7First: gad0, gad7Latest: gad1 } = s;
  assertValidTotal('phq9', phq0, 'phq9First');
  assertValidTotal('phq9', phq1, 'phq9Latest');
  assertValidTotal('gad7', gad0, 'gad7First');
  assertValidTotal('gad7', gad1, 'gad7Latest');
  const requireNoDeterioration = options.improvementRequiresNoDeterioration ?? true;
  const phq = instruments.phq9;
  const gad = instruments.gad7;

  const casenessAtStart = phq0 >= phq.casenessCutoff || gad0 >= gad.casenessCutoff;
  const casenessAtEnd = phq1 >= phq.casenessCutoff || gad1 >= gad.casenessCutoff;
  const improvedPhq = phq0 - phq1 >= phq.reliableChange;
  const improvedGad = gad0 - gad1 >= gad.reliableChange;
  const worsePhq = phq1 - phq0 >= phq.reliableChange;
  const worseGad = gad1 - gad0 >= gad.reliableChange;

  const reliableDeterioration = worsePhq || worseGad;
  const reliableImprovement =
    (improvedPhq || improvedGad) && !(requireNoDeterioration && reliableDeterioration);
  const recovery = casenessAtStart ? !casenessAtEnd : null;
  return {
    casenessAtStart,
    casenessAtEnd,
    recovery,
    reliableImprovement,
    reliableRecovery: casenessAtStart ? recovery === true && reliableImprovement : null,
    reliableDeterioration,
  };
}
