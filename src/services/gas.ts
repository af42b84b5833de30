import { randomUUID } from 'node:crypto';
import { attainmentBody, type AttainmentView, type GasView } from '../contract/gas.ts';
import { gasTScoreHistory, latestGasRatings } from '../domain/gas-history.ts';
import { gasTScore, round2 } from '../domain/gas.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import { notWithheld } from '../store/consent.ts';
import { findGoal } from '../store/goals.ts';
import { findVisibleClientId } from '../store/scope.ts';
import { parse } from '../validate.ts';
import { clockSkewMs } from './check-ins.ts';
import type { Ctx } from './context.ts';

/**
 * `POST /api/goals/:goalId/attainment` (therapist): a GAS rating −2…+2 at `ratedAt` (default
 * now). Any goal with a scale may be rated whatever its status — an achieved or discontinued
 * goal is exactly when a final rating is given. No scale → 409 `no-gas-scale`.
 */
export async function rateAttainment(
  store: Store,
  ctx: Ctx,
  goalId: string,
  input: unknown,
): Promise<AttainmentView> {
  const goal = await findGoal(store.db, ctx.actor, goalId);
  if (!goal) throw notFound('goal');
  const body = parse(attainmentBody, input, 'body');
  const ratedAt = body.ratedAt === undefined ? ctx.now : new Date(body.ratedAt);
  if (ratedAt.getTime() > ctx.now.getTime() + clockSkewMs)
    throw validationError([{ field: 'ratedAt', message: 'A rating cannot be in the future.' }]);
  const id = randomUUID();
  await store.db.transaction().execute(async (trx) => {
    // Read again inside the transaction: the scale may have been removed a moment ago.
    const current = await findGoal(trx, ctx.actor, goalId);
    if (!current) throw notFound('goal');
    if (current.gas_levels === null)
      throw new AppError(
        409,
        'no-gas-scale',
        'This goal has no GAS scale. Describe its five levels (PATCH gas) before rating it.',
      );
    await trx
      .insertInto('gas_ratings')
      .values({
        id,
        goal_id: goalId,
        level: body.level,
        rated_at: ratedAt.toISOString(),
        rated_by: ctx.actorId,
        created_at: ctx.now.toISOString(),
      })
      .execute();
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'gas.rate', clientId: goal.client_id, resource: `goal/${goalId}/attainment/${id}` },
    ]);
  });
  return { id, goalId, level: body.level, ratedAt: ratedAt.toISOString(), ratedBy: ctx.actorId };
}

/**
 * `GET /api/clients/:clientId/gas`: the Kiresuk–Sherman T-score over goals with a rating, each
 * at its latest by `ratedAt` (ties: the one entered later) with its weight (default 1).
 */
export async function clientGas(store: Store, ctx: Ctx, clientId: string): Promise<GasView> {
  return store.db.transaction().execute(async (trx) => {
    if (!(await findVisibleClientId(trx, ctx.actor, clientId))) throw notFound('client');
    const rows = await trx
      .selectFrom('gas_ratings as r')
      .innerJoin('goals as g', 'g.id', 'r.goal_id')
      .select(['r.goal_id', 'r.level', 'r.rated_at', 'g.title', 'g.gas_weight'])
      .where('g.client_id', '=', clientId)
      .where(notWithheld(ctx.actor, 'goal', 'g.id', 'g.client_id'))
      .orderBy('r.rated_at')
      .orderBy('r.created_at')
      .orderBy('r.id')
      .execute();
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'gas.read', clientId, resource: `client/${clientId}/gas` },
    ]);
    const titles = new Map(rows.map((r) => [r.goal_id, r.title]));
    const ratings = rows.map((r) => ({
      goalId: r.goal_id,
      level: r.level,
      ratedAt: r.rated_at,
      weight: r.gas_weight ?? 1,
    }));
    const latest = latestGasRatings(ratings);
    const t = gasTScore(latest);
    return {
      tScore: t === null ? null : round2(t),
      goals: latest.map((r) => ({
        goalId: r.goalId,
        title: titles.get(r.goalId) ?? '',
        level: r.level,
        weight: r.weight ?? 1,
        ratedAt: r.ratedAt,
      })),
      history: gasTScoreHistory(ratings),
    };
  });
}
