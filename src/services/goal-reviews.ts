import { goalReviewBody } from '../contract/goal-reviews.ts';
import type { GoalView, PatchGoalBody } from '../contract/goals.ts';
import { addDays, localDate } from '../domain/calendar.ts';
import { statusAfterReview } from '../domain/lifecycle.ts';
import { DomainError } from '../domain/errors.ts';
import { notFound, validationError } from '../errors.ts';
import type { Store } from '../store/db.ts';
import { findGoal } from '../store/goals.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';
import { expectedVersion, writeGoalChange } from './goals.ts';

/**
 * `POST /api/goals/:goalId/reviews`: the goal reviewed together — keep, adjust, achieved or let
 * go, with the reason — as one revision of the goal (its `changes.review` is the decision). The
 * next review moves on by the goal's rhythm unless a date is given; an achieved or let-go goal
 * has none.
 */
export async function reviewGoal(
  store: Store,
  ctx: Ctx,
  goalId: string,
  ifMatch: string | undefined,
  input: unknown,
): Promise<GoalView> {
  const goal = await findGoal(store.db, ctx.actor, goalId);
  if (!goal) throw notFound('goal');
  const version = expectedVersion(ifMatch);
  const body = parse(goalReviewBody, input, 'body');
  let status;
  try {
    status = statusAfterReview(goal.status, body.decision);
  } catch (e) {
    if (e instanceof DomainError)
      throw validationError([{ field: 'decision', message: e.message }]);
    throw e;
  }
  const ends = body.decision === 'achieved' || body.decision === 'let-go';
  const nextReviewDate =
    body.nextReviewDate !== undefined
      ? body.nextReviewDate
      : ends || goal.review_every_days === null
        ? null
        : addDays(localDate(ctx.now, goal.time_zone), goal.review_every_days);
  const change: PatchGoalBody = {
    ...(body.changes ?? {}),
    ...(status !== goal.status ? { status } : {}),
    ...(nextReviewDate !== goal.review_date ? { reviewDate: nextReviewDate } : {}),
    reason: body.reason,
  };
  return writeGoalChange(store, ctx, goalId, version, change, body.decision);
}
