import type { Kysely } from 'kysely';
import type { PracticeAdherence, ProgressView } from '../contract/measurement.ts';
import { meanAdherence } from '../domain/goal-adherence.ts';
import { goalProgress, trendWindowDays } from '../domain/progress.ts';
import { measureReliableChange, reliabilityOf } from '../domain/rci.ts';
import { notFound } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import { progressCheckIns } from '../store/check-ins.ts';
import type { Store } from '../store/db.ts';
import { findGoal, findMeasure, type GoalRow } from '../store/goals.ts';
import type { Database } from '../store/schema.ts';
import type { Ctx } from './context.ts';
import { presentMeasure } from './goal-views.ts';
import { practiceView } from './practices.ts';

/**
 * How far back progress reads check-ins. The arithmetic looks at most `trendWindowDays` local
 * days back (averages, trend, the two off-track weeks); three more days cover any time zone.
 * The single latest check-in is read as well, so `latest` is right however old it is.
 */
export const progressWindowDays = trendWindowDays + 3;

/** A goal's measure and `goalProgress` over its recent check-ins, at `now`. */
export async function computeGoalProgress(db: Kysely<Database>, goal: GoalRow, now: Date) {
  const measure = goal.measure_id
    ? await findMeasure(db, goal.client_id, goal.measure_id)
    : undefined;
  const reliability = measure ? reliabilityOf(measure) : null;
  const since = new Date(now.getTime() - progressWindowDays * 86_400_000).toISOString();
  const points = measure ? await progressCheckIns(db, measure.id, since) : [];
  const progress = goalProgress({
    baseline: goal.baseline,
    target: goal.target,
    better: measure?.better ?? 'higher',
    // The line to the target starts when the target was set (SPEC §9 R5).
    startAt: goal.target_set_at ?? goal.created_at,
    dueDate: goal.due_date,
    timeZone: goal.time_zone,
    now,
    points,
    ...(measure ? { kind: measure.kind } : {}),
    reliability,
  });
  return { measure, reliability, progress };
}

/** `GET /api/goals/:goalId/progress`: the domain's `goalProgress` plus practice adherence. */
export async function getGoalProgress(
  store: Store,
  ctx: Ctx,
  goalId: string,
): Promise<ProgressView> {
  return store.db.transaction().execute(async (trx) => {
    const goal = await findGoal(trx, ctx.actor, goalId);
    if (!goal) throw notFound('goal');
    const { measure, reliability, progress } = await computeGoalProgress(trx, goal, ctx.now);
    const reliableChange =
      measure && reliability && goal.baseline !== null && progress.latest
        ? measureReliableChange(
            { ...reliability, better: measure.better },
            goal.baseline,
            progress.latest.value,
          )
        : null;

    const practiceRows = await trx
      .selectFrom('practices')
      .selectAll()
      .where('goal_id', '=', goalId)
      .where('status', '!=', 'ended')
      .orderBy('created_at')
      .execute();
    const practices: PracticeAdherence[] = [];
    for (const p of practiceRows) {
      const v = await practiceView(
        trx,
        { ...p, client_id: goal.client_id, time_zone: goal.time_zone },
        ctx.now,
      );
      practices.push({
        id: v.id,
        title: v.title,
        status: v.status,
        adherence7: v.adherence7,
        adherence28: v.adherence28,
        streak: v.streak,
      });
    }

    await recordAudit(trx, store.dialect, ctx, [
      { action: 'goal.progress', clientId: goal.client_id, resource: `goal/${goalId}/progress` },
    ]);
    return {
      goalId,
      measure: measure ? presentMeasure(measure) : null,
      dueDate: goal.due_date,
      ...progress,
      reliableChange,
      ...(practices.length
        ? {
            adherence: {
              adherence7: meanAdherence(practices.map((p) => p.adherence7)),
              adherence28: meanAdherence(practices.map((p) => p.adherence28)),
              practices,
            },
          }
        : {}),
    };
  });
}
