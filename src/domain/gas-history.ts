import { DomainError } from './errors.ts';
import { gasTScore, round2 } from './gas.ts';

/** One GAS rating of one goal at one time, with the goal's weight (1 when absent). */
export interface DatedGasRating {
  goalId: string;
  level: number;
  /** ISO instant. */
  ratedAt: string;
  weight?: number;
}

function ms(at: string, i: number): number {
  const t = Date.parse(at);
  if (!Number.isFinite(t)) throw new DomainError(`ratings.${i}.ratedAt`, 'Expected an instant.');
  return t;
}

/** Ratings in time order; on equal `ratedAt`, input order (so a later entry is the newer one). */
function chronological(ratings: readonly DatedGasRating[]) {
  return ratings
    .map((r, i) => ({ r, t: ms(r.ratedAt, i), i }))
    .sort((a, b) => a.t - b.t || a.i - b.i);
}

/**
 * Each goal's latest rating by `ratedAt` (ties: the later one in the input) — what the
 * Kiresuk–Sherman T-score is computed over (SPEC §5: "each at its latest by ratedAt").
 */
export function latestGasRatings(ratings: readonly DatedGasRating[]): DatedGasRating[] {
  const latest = new Map<string, DatedGasRating>();
  for (const { r } of chronological(ratings)) latest.set(r.goalId, r);
  return [...latest.values()];
}

/**
 * The T-score as it stood after each distinct rating instant: at each `ratedAt`, every goal
 * rated so far at its latest rating up to then (SPEC §5 formula via `gasTScore`, ρ = 0.3),
 * rounded to 2 decimals. Oldest first. Weights are the goals' current ones.
 */
export function gasTScoreHistory(
  ratings: readonly DatedGasRating[],
  rho = 0.3,
): { at: string; tScore: number }[] {
  const sorted = chronological(ratings);
  const latest = new Map<string, DatedGasRating>();
  const out: { at: string; tScore: number }[] = [];
  sorted.forEach(({ r, t }, k) => {
    latest.set(r.goalId, r);
    const next = sorted[k + 1];
    if (next !== undefined && next.t === t) return; // take every rating at this instant first
    const score = gasTScore([...latest.values()], rho);
    if (score !== null) out.push({ at: new Date(t).toISOString(), tScore: round2(score) });
  });
  return out;
}
