import type { Kysely, Selectable } from 'kysely';
import type { Database, IfThenPlanTable, PlanUseTable } from './schema.ts';
import { notWithheld } from './consent.ts';
import { visibleClients, type Actor } from './scope.ts';

export type PlanRow = Selectable<IfThenPlanTable>;
export type PlanUseRow = Selectable<PlanUseTable>;

/** A plan the actor may see (not removed), with its goal's client and time zone, or undefined (→ 404). */
export function findPlan(
  db: Kysely<Database>,
  actor: Actor,
  planId: string,
): Promise<(PlanRow & { client_id: string; time_zone: string }) | undefined> {
  return (
    db
      .selectFrom('if_then_plans')
      .innerJoin('goals', 'goals.id', 'if_then_plans.goal_id')
      .innerJoin('clients', 'clients.id', 'goals.client_id')
      .selectAll('if_then_plans')
      .select(['goals.client_id', 'clients.time_zone'])
      .where('if_then_plans.id', '=', planId)
      .where('if_then_plans.removed', '=', 0)
      .where(visibleClients(actor))
      // A plan is part of its goal: withheld with it (consent directives).
      .where(notWithheld(actor, 'goal', 'goals.id', 'goals.client_id'))
      .executeTakeFirst()
  );
}

/** The plans of these goals that are not removed, in their order. */
export function plansOfGoals(db: Kysely<Database>, goalIds: readonly string[]): Promise<PlanRow[]> {
  if (goalIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('if_then_plans')
    .selectAll()
    .where('goal_id', 'in', goalIds)
    .where('removed', '=', 0)
    .orderBy('position')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Every use of these plans, oldest first. */
export function usesOfPlans(
  db: Kysely<Database>,
  planIds: readonly string[],
): Promise<PlanUseRow[]> {
  if (planIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('plan_uses')
    .selectAll()
    .where('plan_id', 'in', planIds)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function nextPlanPosition(trx: Kysely<Database>, goalId: string): Promise<number> {
  const last = await trx
    .selectFrom('if_then_plans')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('goal_id', '=', goalId)
    .executeTakeFirst();
  return (last?.p ?? -1) + 1;
}

export async function insertPlan(trx: Kysely<Database>, row: PlanRow): Promise<void> {
  await trx.insertInto('if_then_plans').values(row).execute();
}

/** Write a change only at `expectedVersion` (one statement, so of two racing edits one wins). */
export async function updatePlanIfVersion(
  trx: Kysely<Database>,
  planId: string,
  expectedVersion: number,
  patch: Partial<PlanRow>,
): Promise<boolean> {
  const result = await trx
    .updateTable('if_then_plans')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('id', '=', planId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export function findPlanUse(db: Kysely<Database>, id: string): Promise<PlanUseRow | undefined> {
  return db.selectFrom('plan_uses').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Insert a use unless its id is already stored (then the caller compares the bodies). */
export async function insertPlanUse(trx: Kysely<Database>, row: PlanUseRow): Promise<boolean> {
  const stored = await trx
    .insertInto('plan_uses')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute();
  return stored.length === 1;
}
