import { addDays } from './calendar.ts';
import { DomainError } from './errors.ts';

/**
 * The lifecycle of a goal (DESIGN.md: proposed → active ⇄ on-hold → achieved | discontinued).
 * Maps onto FHIR Goal.lifecycleStatus (SPEC §7) as proposed, active, on-hold, completed and
 * cancelled.
 */

export type GoalStatus = 'proposed' | 'active' | 'on-hold' | 'achieved' | 'discontinued';

export const goalStatuses: readonly GoalStatus[] = [
  'proposed',
  'active',
  'on-hold',
  'achieved',
  'discontinued',
];

// Achieved may be reopened (a goal met can slip, and its history should continue on the same
// goal); discontinued is final — picking it up again is a new goal, written afresh.
const next: Readonly<Record<GoalStatus, readonly GoalStatus[]>> = {
  proposed: ['active', 'discontinued'],
  active: ['on-hold', 'achieved', 'discontinued'],
  'on-hold': ['active', 'achieved', 'discontinued'],
  achieved: ['active'],
  discontinued: [],
};

/** True when `x` is one of `goalStatuses`. */
export function isGoalStatus(x: unknown): x is GoalStatus {
  return typeof x === 'string' && (goalStatuses as readonly string[]).includes(x);
}

/** The statuses a goal that is `from` may move to (excluding staying as it is). */
export function nextStatuses(from: GoalStatus): readonly GoalStatus[] {
  return next[from];
}

/**
 * Whether a goal may move from `from` to `to` (DESIGN.md lifecycle). The same status is always
 * allowed (a no-op); achieved → active reopens a goal; discontinued is final.
 */
export function canTransition(from: GoalStatus, to: GoalStatus): boolean {
  if (!isGoalStatus(from) || !isGoalStatus(to)) return false;
  return from === to || next[from].includes(to);
}

const label = (s: GoalStatus): string => s.replace('-', ' ');

/** Throws DomainError('status') explaining the move when `canTransition(from, to)` is false. */
export function assertTransition(from: GoalStatus, to: GoalStatus): void {
  if (!isGoalStatus(to)) {
    throw new DomainError('status', `Expected one of: ${goalStatuses.join(', ')}.`);
  }
  if (!isGoalStatus(from)) {
    throw new DomainError('status', `The goal's current status "${String(from)}" is unknown.`);
  }
  if (canTransition(from, to)) return;
  const options = next[from];
  const rest =
    options.length === 0
      ? `${label(from)} goals stay as they are — write a new goal instead.`
      : `it can become ${options.map(label).join(' or ')}.`;
  throw new DomainError(
    'status',
    `A goal that is ${label(from)} cannot become ${label(to)}; ${rest}`,
  );
}

/**
 * A review of a goal together (issue 10): keep it as it is, adjust it, mark it achieved, or let
 * it go. Goals stay flexible; the revision history keeps why each one changed.
 */
export const reviewDecisions = ['keep', 'adjust', 'achieved', 'let-go'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

/**
 * The status a review leaves the goal in: keep and adjust leave it as it is; achieved and let
 * go move it (achieved, discontinued) — refused as any such move would be (assertTransition).
 */
export function statusAfterReview(from: GoalStatus, decision: ReviewDecision): GoalStatus {
  const to = decision === 'achieved' ? 'achieved' : decision === 'let-go' ? 'discontinued' : from;
  assertTransition(from, to);
  return to;
}

/** Whether a goal still being pursued has a review due on or before `by` (both client days). */
export function dueForReview(
  goal: { status: GoalStatus; reviewDate: string | null },
  by: string,
): boolean {
  const pursued =
    goal.status === 'active' || goal.status === 'on-hold' || goal.status === 'proposed';
  return pursued && goal.reviewDate !== null && goal.reviewDate <= by;
}

/**
 * Keeping gains (issue 10): an achieved goal may move into a sustaining phase, with a lighter
 * check-in rhythm (every `checkInEveryDays`) and a line its measure should not slip back past.
 * Sustaining is a phase of `achieved`, not a status of its own: reopening the goal ends it.
 */
export function maySustain(status: GoalStatus): boolean {
  return status === 'achieved';
}

/** The client's day the next sustaining check-in is due: the rhythm on from the later of start and last check-in. */
export function nextSustainCheckIn(p: {
  sinceDay: string;
  lastCheckInDay: string | null;
  checkInEveryDays: number;
}): string {
  const from = p.lastCheckInDay && p.lastCheckInDay > p.sinceDay ? p.lastCheckInDay : p.sinceDay;
  return addDays(from, p.checkInEveryDays);
}

/** Whether a value has slipped back past the line, given which direction is better. */
export function slippedBack(value: number, threshold: number, better: 'higher' | 'lower'): boolean {
  return better === 'higher' ? value < threshold : value > threshold;
}
