import { DomainError } from './errors.ts';

export type GasLevel = -2 | -1 | 0 | 1 | 2;

/** The five GAS levels and their meanings (Kiresuk & Sherman 1968; SPEC §5). */
export const gasLevels: readonly { level: GasLevel; meaning: string }[] = [
  { level: -2, meaning: 'Much less than expected' },
  { level: -1, meaning: 'Somewhat less than expected' },
  { level: 0, meaning: 'Expected level of outcome' },
  { level: 1, meaning: 'Somewhat more than expected' },
  { level: 2, meaning: 'Much more than expected' },
];

/** True for an integer GAS level from −2 to +2. */
export function isGasLevel(x: unknown): x is GasLevel {
  return x === -2 || x === -1 || x === 0 || x === 1 || x === 2;
}

export interface GasRating {
  level: number;
  /** Non-negative; 1 when absent. */
  weight?: number;
}

/**
 * Goal Attainment Scaling T-score (Kiresuk & Sherman 1968; formula as in Turner-Stokes 2009
 * with its erratum and `taylordunn/gasr` `R/calculate.R`; SPEC §5):
 * T = 50 + 10 · Σ(wᵢxᵢ) / √((1 − ρ) · Σwᵢ² + ρ · (Σwᵢ)²), ρ = 0.3.
 * Null for no ratings; equal weights when every weight is 0 (as gasr does). Not rounded.
 */
export function gasTScore(ratings: readonly GasRating[], rho = 0.3): number | null {
  if (!Number.isFinite(rho) || rho < 0 || rho > 1) {
    throw new DomainError('rho', 'rho must be a number from 0 to 1');
  }
  if (ratings.length === 0) return null;
  ratings.forEach((r, i) => {
    if (!Number.isFinite(r.level)) {
      throw new DomainError(`ratings.${i}.level`, 'GAS level must be a finite number');
    }
    if (r.weight !== undefined && (!Number.isFinite(r.weight) || r.weight < 0)) {
      throw new DomainError(`ratings.${i}.weight`, 'GAS weight must be a number of 0 or more');
    }
  });
  const given = ratings.map((r) => r.weight ?? 1);
  const weights = given.every((w) => w === 0) ? given.map(() => 1) : given;

  let sumWx = 0;
  let sumW = 0;
  let sumW2 = 0;
  ratings.forEach((r, i) => {
    const w = weights[i] ?? 1;
    sumWx += w * r.level;
    sumW += w;
    sumW2 += w * w;
  });
  return 50 + (10 * sumWx) / Math.sqrt((1 - rho) * sumW2 + rho * sumW * sumW);
}

/**
 * Rounds to 2 decimals, halves away from zero. x·100 can land a hair below a true half
 * (1.005 · 100 = 100.49999999999999), so a relative epsilon of 1e-9 is added first; no score
 * Stepwise rounds is that close to a half by design.
 */
export function round2(x: number): number {
  if (!Number.isFinite(x)) return x;
  const scaled = Math.abs(x) * 100;
  // A few ulps up, enough to undo the multiplication's float error (1.005 × 100 =
  // 100.49999999999999) without moving a value that really lies below the half cent; a fixed
  // relative epsilon such as 1e-9 would, for large values (999999.99475 → 1000000).
  const rounded = Math.round(scaled * (1 + 8 * Number.EPSILON)) / 100;
  // Avoid returning −0 for small negatives.
  return rounded === 0 ? 0 : Math.sign(x) * rounded;
}
