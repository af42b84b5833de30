import { percentToTarget } from './progress.ts';

/**
 * The journey of a goal, for the moment it is achieved (issue 10): where the client started,
 * where they are now, their best, and how far that is toward the target — growth to recognise.
 */
export interface JourneyFigures {
  /** The agreed baseline, else the first check-in. */
  start: number | null;
  latest: number | null;
  /** The best check-in, by which direction is better. */
  best: number | null;
  /** latest − start (signed as the measure counts). */
  change: number | null;
  /** Whether the latest is better than the start; null without both. */
  improved: boolean | null;
  percentToTarget: number | null;
  checkIns: number;
}

/** Figures of a goal's measure over all its check-ins (oldest first). */
export function journeyFigures(p: {
  baseline: number | null;
  target: number | null;
  better: 'higher' | 'lower';
  values: readonly number[];
}): JourneyFigures {
  const { values } = p;
  const start = p.baseline ?? values[0] ?? null;
  const latest = values.length ? values[values.length - 1]! : null;
  const best = values.length
    ? p.better === 'higher'
      ? Math.max(...values)
      : Math.min(...values)
    : null;
  const change = start !== null && latest !== null ? latest - start : null;
  return {
    start,
    latest,
    best,
    change,
    improved: change === null ? null : p.better === 'higher' ? change > 0 : change < 0,
    percentToTarget:
      p.baseline !== null && p.target !== null
        ? percentToTarget(p.baseline, p.target, latest)
        : null,
    checkIns: values.length,
  };
}
