import { round2 } from './gas.ts';
import { pairedOutcome, type PairedOutcome, type PairedOutcomeOptions } from './outcomes.ts';

/** One client's PHQ-9 and GAD-7 totals within a period, each in the order they were completed. */
export interface ClientCourse {
  phq9: readonly number[];
  gad7: readonly number[];
}

/** The aggregate figures a clinic reports for a period (SPEC §6). */
export interface OutcomeCounts {
  /** Clients with at least one PHQ-9 or GAD-7 in the period. */
  clients: number;
  /** Clients with a first and a later score on both measures: the denominator of the rest. */
  paired: number;
  casenessAtStart: number;
  casenessAtEnd: number;
  /** Recovered (of those at caseness at the start). */
  recovered: number;
  reliablyImproved: number;
  reliableRecovery: number;
  reliablyDeteriorated: number;
  /** 100 · recovered / casenessAtStart, 2 decimals; null when no one was at caseness. */
  recoveryRate: number | null;
}

/**
 * The paired outcome of a course (SPEC §6, `pairedOutcome`), from the first and the last score
 * of each measure; null unless both measures were scored at least twice. Requiring two scores
 * of each is a Stepwise decision: one score measures no change, and NHS Talking Therapies
 * counts only courses with a first and a last paired score.
 */
export function courseOutcome(
  course: ClientCourse,
  options: PairedOutcomeOptions = {},
): PairedOutcome | null {
  const { phq9, gad7 } = course;
  if (phq9.length < 2 || gad7.length < 2) return null;
  return pairedOutcome(
    {
      phq9First: phq9[0]!,
      phq9Latest: phq9[phq9.length - 1]!,
      gad7First: gad7[0]!,
      gad7Latest: gad7[gad7.length - 1]!,
    },
    options,
  );
}

/** Counts of caseness, recovery, reliable improvement and deterioration over many courses. */
export function countOutcomes(
  courses: readonly ClientCourse[],
  options: PairedOutcomeOptions = {},
): OutcomeCounts {
  const counts: OutcomeCounts = {
    clients: 0,
    paired: 0,
    casenessAtStart: 0,
    casenessAtEnd: 0,
    recovered: 0,
    reliablyImproved: 0,
    reliableRecovery: 0,
    reliablyDeteriorated: 0,
    recoveryRate: null,
  };
  for (const course of courses) {
    if (course.phq9.length + course.gad7.length === 0) continue;
    counts.clients++;
    const o = courseOutcome(course, options);
    if (!o) continue;
    counts.paired++;
    if (o.casenessAtStart) counts.casenessAtStart++;
    if (o.casenessAtEnd) counts.casenessAtEnd++;
    if (o.recovery === true) counts.recovered++;
    if (o.reliableImprovement) counts.reliablyImproved++;
    if (o.reliableRecovery === true) counts.reliableRecovery++;
    if (o.reliableDeterioration) counts.reliablyDeteriorated++;
  }
  counts.recoveryRate =
    counts.casenessAtStart === 0 ? null : round2((100 * counts.recovered) / counts.casenessAtStart);
  return counts;
}
