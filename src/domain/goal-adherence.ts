/**
 * One adherence figure for a goal with several practices: the mean of the practices' own
 * percentages (each already 0–100, whole), skipping those with nothing expected yet; null
 * when none has a figure. Unweighted on purpose — a Stepwise design decision: each practice
 * the therapist set counts the same, however often it is scheduled.
 */
export function meanAdherence(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return null;
  return Math.round(known.reduce((a, b) => a + b, 0) / known.length);
}
