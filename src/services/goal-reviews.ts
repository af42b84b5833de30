import { goalReviewBody, type JourneyView } from '../contract/goal-reviews.ts';
import type { GoalView, PatchGoalBody } from '../contract/goals.ts';
import { addDays, daysBetween, localDate } from '../domain/calendar.ts';
import { journeyFigures } from '../domain/journey.ts';
import { statusAfterReview } from '../domain/lifecycle.ts';
import { DomainError } from '../domain/errors.ts';
import { notFound, validationError } from '../errors.ts';
import type { Store } from '../store/db.ts';
import { findGoal } from '../store/goals.ts';
import { recordAudit } from '../store/audit.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';
import { goalViews } from './goal-views.ts';
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

/**
 * `GET /api/goals/:goalId/journey`: the goal's journey — baseline to now, best, steps done,
 * practice streaks and how the plans worked — shown when it is achieved.
 */
export async function goalJourney(store: Store, ctx: Ctx, goalId: string): Promise<JourneyView> {
  return store.db.transaction().execute(async (trx) => {
    const goal = await findGoal(trx, ctx.actor, goalId);
    if (!goal) throw notFound('goal');
    const [view] = await goalViews(trx, ctx.actor, [goal], ctx.now);
    const values = goal.measure_id
      ? (
          await trx
            .selectFrom('check_ins')
            .select('value')
            .where('measure_id', '=', goal.measure_id)
            .orderBy('at')
            .orderBy('id')
            .execute()
        ).map((r) => Number(r.value))
      : [];
    const achieved = await trx
      .selectFrom('revisions')
      .select('at')
      .where('entity', '=', 'goal')
      .where('entity_id', '=', goal.id)
      .where('changes', 'like', '%"status":{"from":%,"to":"achieved"}%')
      .orderBy('at', 'desc')
      .executeTakeFirst();
    const completions = view!.practices.length
      ? await trx
          .selectFrom('practice_completions')
          .select((eb) => ['practice_id', eb.fn.countAll<number>().as('n')])
          .where(
            'practice_id',
            'in',
            view!.practices.map((p) => p.id),
          )
          .groupBy('practice_id')
          .execute()
      : [];
    await recordAudit(trx, store.dialect, ctx, [
      {
        action: 'goal.journey.read',
        clientId: goal.client_id,
        resource: `goal/${goal.id}/journey`,
      },
    ]);
    const startedOn = localDate(goal.created_at, goal.time_zone);
    const today = localDate(ctx.now, goal.time_zone);
    const m = view!.measure;
    const done = view!.steps.filter((s) => s.done);
    return {
      goalId: goal.id,
      title: goal.title,
      status: goal.status,
      startedOn,
      achievedOn: achieved ? localDate(achieved.at, goal.time_zone) : null,
      days: daysBetween(startedOn, today),
      measure: m ? { name: m.name, unit: m.unit, better: m.better } : null,
      figures: m
        ? journeyFigures({ baseline: goal.baseline, target: goal.target, better: m.better, values })
        : null,
      steps: { done: done.length, total: view!.steps.length, doneTitles: done.map((s) => s.title) },
      practices: view!.practices.map((p) => ({
        title: p.title,
        completions: Number(completions.find((c) => c.practice_id === p.id)?.n ?? 0),
        streak: p.streak,
      })),
      plans: view!.plans.map((p) => ({
        sentence: p.sentence,
        uses: p.tally.uses,
        workedPercent: p.tally.workedPercent,
      })),
    };
  });
}
