import { DomainError } from './errors.ts';
import { round2 } from './gas.ts';

/** Two-tailed critical z for alpha = .05 (Jacobson & Truax 1991). */
const Z_CRITICAL = 1.96;

export interface ReliableChangeInput {
  /** SD of the pre-treatment (clinical) sample. */
  sdPre: number;
  /** Reliability r_xx (e.g. Cronbach's alpha), strictly between 0 and 1. */
  reliability: number;
  pre: number;
  post: number;
}

export interface ReliableChange {
  /** Standard error of measurement: sdPre · √(1 − r). */
  seM: number;
  /** Standard error of the difference: √(2 · seM²). */
  sDiff: number;
  /** 1.96 · sDiff, in score points. */
  threshold: number;
  /** (post − pre) / sDiff. */
  rci: number;
  /** |rci| > 1.96. */
  reliable: boolean;
}

function assertFinite(value: number, field: string): void {
  if (!Number.isFinite(value)) throw new DomainError(field, `${field} must be a finite number`);
}

function assertPositive(value: number, field: string): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new DomainError(field, `${field} must be a number greater than 0`);
  }
}

/**
 * Jacobson & Truax (1991) reliable change index, as SPEC §4 gives it (agreeing in suddengains,
 * `pedscience/clinicalsignificance` and `AWKruijt/JT-RCI`). Numbers are not rounded.
 */
export function reliableChangeIndex(p: ReliableChangeInput): ReliableChange {
  assertPositive(p.sdPre, 'sdPre');
  if (!Number.isFinite(p.reliability) || p.reliability <= 0 || p.reliability >= 1) {
    throw new DomainError('reliability', 'reliability must be strictly between 0 and 1');
  }
  assertFinite(p.pre, 'pre');
  assertFinite(p.post, 'post');
  const seM = p.sdPre * Math.sqrt(1 - p.reliability);
  const sDiff = Math.sqrt(2 * seM * seM);
  const rci = (p.post - p.pre) / sDiff;
  return { seM, sDiff, threshold: Z_CRITICAL * sDiff, rci, reliable: Math.abs(rci) > Z_CRITICAL };
}

export interface CutoffInput {
  meanClinical: number;
  sdClinical: number;
  meanFunctional: number;
  sdFunctional: number;
  /** True for measures where a lower score is better (PHQ-9, GAD-7). */
  lowerIsBetter: boolean;
}

export interface ClinicalSignificanceCutoffs {
  /** Two SDs beyond the clinical mean, towards health. */
  a: number;
  /** Two functional SDs beyond the functional mean, towards illness. */
  b: number;
  /** SD-weighted midpoint of the two means. */
  c: number;
}

/**
 * Jacobson & Truax cut-offs a, b and c for clinically significant change (SPEC §4, as coded in
 * `AWKruijt/JT-RCI`). b uses the functional SD, as JT-RCI does; `clinicalsignificance` uses
 * the clinical SD there, and the original paper was not checked (SPEC §4 [U]).
 */
export function clinicalSignificanceCutoffs(p: CutoffInput): ClinicalSignificanceCutoffs {
  assertFinite(p.meanClinical, 'meanClinical');
  assertPositive(p.sdClinical, 'sdClinical');
  assertFinite(p.meanFunctional, 'meanFunctional');
  assertPositive(p.sdFunctional, 'sdFunctional');
  // Direction towards health: down for lower-is-better measures.
  const healthy = p.lowerIsBetter ? -1 : 1;
  return {
    a: p.meanClinical + healthy * 2 * p.sdClinical,
    b: p.meanFunctional - healthy * 2 * p.sdFunctional,
    c:
      (p.sdClinical * p.meanFunctional + p.sdFunctional * p.meanClinical) /
      (p.sdClinical + p.sdFunctional),
  };
}

export type ChangeCategory = 'recovered' | 'improved' | 'unchanged' | 'deteriorated' | 'harmed';

export interface ClassifyChangeInput extends ReliableChangeInput {
  /** The chosen cut-off between the clinical and the functional range (a, b or c). */
  cutoff: number;
  lowerIsBetter: boolean;
}

export interface ChangeClassification {
  category: ChangeCategory;
  rci: number;
  /** pre lies strictly on the clinical side of the cut-off. */
  clinicalPre: boolean;
  /** post lies strictly on the functional side of the cut-off. */
  functionalPost: boolean;
}

/**
 * Jacobson & Truax classification (SPEC §4, after `clinicalsignificance` `R/calc_categories.R`,
 * whose strict comparisons are kept: a score exactly at the cut-off is neither clinical nor
 * functional). recovered = clinical pre, functional post and reliably improved; improved =
 * other reliable improvement; unchanged = |RCI| <= 1.96; harmed = not clinical pre, not
 * functional post and reliably worse; deteriorated = other reliable worsening.
 */
export function classifyChange(p: ClassifyChangeInput): ChangeClassification {
  assertFinite(p.cutoff, 'cutoff');
  const { rci, reliable } = reliableChangeIndex(p);
  const better = p.lowerIsBetter ? -1 : 1;
  const clinicalPre = better * p.pre < better * p.cutoff;
  const functionalPost = better * p.post > better * p.cutoff;
  const improved = reliable && better * rci > 0;
  const worse = reliable && better * rci < 0;

  let category: ChangeCategory;
  if (improved) category = clinicalPre && functionalPost ? 'recovered' : 'improved';
  else if (worse) category = !clinicalPre && !functionalPost ? 'harmed' : 'deteriorated';
  else category = 'unchanged';
  return { category, rci, clinicalPre, functionalPost };
}

/** The SD and reliability a custom measure carries (staff set them from a published sample). */
export interface MeasureReliability {
  sd: number;
  reliability: number;
}

/** A measure's SD and reliability when staff gave both, else null. */
export function reliabilityOf(m: {
  sd: number | null;
  reliability: number | null;
}): MeasureReliability | null {
  return m.sd !== null && m.reliability !== null ? { sd: m.sd, reliability: m.reliability } : null;
}

export interface MeasureReliableChange {
  from: number;
  to: number;
  change: number;
  /** (to − from) / S_diff, two decimals. */
  rci: number;
  /** 1.96 · S_diff in the measure's units, two decimals: a change must exceed it. */
  threshold: number;
  reliable: boolean;
  /** Reliable and towards the better end of the measure. */
  reliableImprovement: boolean;
  /** Reliable and towards the worse end. */
  reliableDeterioration: boolean;
}

/**
 * The smallest change of a measure that is reliable: 1.96 · S_diff (Jacobson & Truax 1991,
 * SPEC §4). Used as the measure's noise when judging progress against the line to a target.
 */
export function reliableChangeMargin(m: MeasureReliability): number {
  return reliableChangeIndex({ sdPre: m.sd, reliability: m.reliability, pre: 0, post: 0 })
    .threshold;
}

/**
 * Reliable change of a custom measure from one value to another (SPEC §4, `reliableChangeIndex`),
 * read in the measure's direction: for a lower-is-better measure a reliable fall is an
 * improvement. The decision uses the unrounded RCI; the figures shown are rounded.
 */
export function measureReliableChange(
  m: MeasureReliability & { better: 'higher' | 'lower' },
  from: number,
  to: number,
): MeasureReliableChange {
  const r = reliableChangeIndex({ sdPre: m.sd, reliability: m.reliability, pre: from, post: to });
  const better = m.better === 'higher' ? 1 : -1;
  return {
    from,
    to,
    change: round2(to - from),
    rci: round2(r.rci),
    threshold: round2(r.threshold),
    reliable: r.reliable,
    reliableImprovement: r.reliable && better * r.rci > 0,
    reliableDeterioration: r.reliable && better * r.rci < 0,
  };
}
