/**
 * If–then plans (implementation intentions: "If I wake up anxious, then I breathe for five
 * minutes before checking my phone"). Each time the obstacle happens the client says whether
 * the plan worked — yes, partly or no — and the therapist sees how often each plan is used and
 * how often it works. Stepwise design decisions, not a clinical formula.
 */

export const planOutcomes = ['yes', 'partly', 'no'] as const;
export type PlanOutcome = (typeof planOutcomes)[number];

export interface PlanTally {
  /** How many times the obstacle happened and was marked. */
  uses: number;
  yes: number;
  partly: number;
  no: number;
  /**
   * How well the plan works, 0–100: a "yes" counts fully and a "partly" half, over all uses;
   * null before the first use.
   */
  workedPercent: number | null;
  /** The client's day of the latest use, or null. */
  lastUsedOn: string | null;
}

/** Count a plan's uses (each with its outcome and the client's day it happened). */
export function tallyPlanUses(
  uses: readonly { worked: PlanOutcome; localDate: string }[],
): PlanTally {
  const count = (w: PlanOutcome) => uses.filter((u) => u.worked === w).length;
  const yes = count('yes');
  const partly = count('partly');
  const no = count('no');
  const lastUsedOn = uses.reduce<string | null>(
    (latest, u) => (latest === null || u.localDate > latest ? u.localDate : latest),
    null,
  );
  return {
    uses: uses.length,
    yes,
    partly,
    no,
    workedPercent: uses.length ? Math.round((100 * (yes + partly / 2)) / uses.length) : null,
    lastUsedOn,
  };
}

/** The plan as one sentence: "If …, then …" (the parts are kept as the person wrote them). */
export function planSentence(ifText: string, thenText: string): string {
  const strip = (s: string, word: RegExp) =>
    s
      .trim()
      .replace(word, '')
      .replace(/[.\s]+$/, '');
  return `If ${strip(ifText, /^if\s+/i)}, then ${strip(thenText, /^then\s+/i)}.`;
}

/**
 * Plans in the order that shows which work: the best `workedPercent` first, then the more
 * used; plans never marked last. Ties keep the order given (the order the plans were written).
 */
export function rankPlans<P>(
  plans: readonly P[],
  tallyOf: (plan: P) => Pick<PlanTally, 'uses' | 'workedPercent'>,
): P[] {
  const score = (p: P) => tallyOf(p).workedPercent ?? -1;
  // Array.prototype.sort is stable, so equal plans stay in the order given.
  return [...plans].sort((a, b) => score(b) - score(a) || tallyOf(b).uses - tallyOf(a).uses);
}
