import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database, GoalTable, MeasureTable, RevisionTable } from './schema.ts';
import { measureNotWithheld, notWithheld } from './consent.ts';
import { visibleClients, type Actor } from './scope.ts';

export type GoalRow = Selectable<GoalTable> & { time_zone: string };
export type MeasureRow = Selectable<MeasureTable>;

function goalsVisibleTo(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom('goals')
    .innerJoin('clients', 'clients.id', 'goals.client_id')
    .selectAll('goals')
    .select('clients.time_zone')
    .where(visibleClients(actor))
    .where(notWithheld(actor, 'goal', 'goals.id', 'goals.client_id'));
}

/** A goal the actor may see, or undefined (→ 404). */
export function findGoal(
  db: Kysely<Database>,
  actor: Actor,
  goalId: string,
): Promise<GoalRow | undefined> {
  return goalsVisibleTo(db, actor).where('goals.id', '=', goalId).executeTakeFirst();
}

export function listGoals(
  db: Kysely<Database>,
  actor: Actor,
  clientId: string,
): Promise<GoalRow[]> {
  return goalsVisibleTo(db, actor)
    .where('goals.client_id', '=', clientId)
    .orderBy((eb) => eb.fn.coalesce('goals.priority', eb.lit(100)))
    .orderBy('goals.created_at')
    .orderBy('goals.id')
    .execute();
}

export async function insertGoal(trx: Kysely<Database>, row: Selectable<GoalTable>): Promise<void> {
  await trx.insertInto('goals').values(row).execute();
}

/**
 * Write a change only if the goal is still at `expectedVersion` — the check and the write are one
 * statement, so of two concurrent edits with the same If-Match exactly one succeeds.
 */
export async function updateGoalIfVersion(
  trx: Kysely<Database>,
  goalId: string,
  expectedVersion: number,
  patch: Updateable<GoalTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable('goals')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('id', '=', goalId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function insertRevision(
  trx: Kysely<Database>,
  row: Selectable<RevisionTable>,
): Promise<void> {
  await trx.insertInto('revisions').values(row).execute();
}

export async function listRevisions(
  db: Kysely<Database>,
  goalId: string,
  entities: readonly ('goal' | 'step' | 'practice')[],
) {
  return db
    .selectFrom('revisions')
    .innerJoin('users', 'users.id', 'revisions.by')
    .selectAll('revisions')
    .select('users.name as by_name')
    .where('revisions.goal_id', '=', goalId)
    .where('revisions.entity', 'in', entities)
    .orderBy('revisions.at')
    .orderBy('revisions.entity')
    .orderBy('revisions.version')
    .execute();
}

export function findMeasure(
  db: Kysely<Database>,
  clientId: string,
  measureId: string,
): Promise<MeasureRow | undefined> {
  return db
    .selectFrom('measures')
    .selectAll()
    .where('id', '=', measureId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/** A measure of a client the actor may see, or undefined (→ 404). */
export function findVisibleMeasure(
  db: Kysely<Database>,
  actor: Actor,
  measureId: string,
): Promise<MeasureRow | undefined> {
  return db
    .selectFrom('measures')
    .innerJoin('clients', 'clients.id', 'measures.client_id')
    .selectAll('measures')
    .where('measures.id', '=', measureId)
    .where(visibleClients(actor))
    .where(measureNotWithheld(actor, 'measures.id', 'measures.client_id'))
    .executeTakeFirst();
}

/**
 * A client the actor may see (as `findVisibleClient`) with their measures not withheld from the
 * actor — one query, for the check-in path — or undefined (→ 404).
 */
export async function findVisibleClientMeasures(
  db: Kysely<Database>,
  actor: Actor,
  clientId: string,
): Promise<{ client: { id: string; time_zone: string }; measures: MeasureRow[] } | undefined> {
  const rows = await db
    .selectFrom('clients')
    .leftJoin('measures', (join) =>
      join
        .onRef('measures.client_id', '=', 'clients.id')
        .on(measureNotWithheld(actor, 'measures.id', 'measures.client_id')),
    )
    .select(['clients.time_zone'])
    .selectAll('measures')
    .where('clients.id', '=', clientId)
    .where(visibleClients(actor))
    .execute();
  const first = rows[0];
  if (!first) return undefined;
  // A left join's columns are all null together: a row with a measure id has a whole measure.
  const measures = rows.flatMap(({ time_zone: _, ...m }) =>
    m.id === null ? [] : [m as MeasureRow],
  );
  return { client: { id: clientId, time_zone: first.time_zone }, measures };
}

export async function setMeasureReliability(
  trx: Kysely<Database>,
  measureId: string,
  sd: number | null,
  reliability: number | null,
): Promise<void> {
  await trx.updateTable('measures').set({ sd, reliability }).where('id', '=', measureId).execute();
}

export function measuresByIds(db: Kysely<Database>, ids: readonly string[]): Promise<MeasureRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('measures').selectAll().where('id', 'in', ids).execute();
}

export async function insertMeasure(trx: Kysely<Database>, row: MeasureRow): Promise<void> {
  await trx.insertInto('measures').values(row).execute();
}

/** The chain of ancestors of a goal (nearest first), for cycle checks. Bounded by depth. */
export async function ancestorIds(
  db: Kysely<Database>,
  goalId: string,
  maxDepth = 50,
): Promise<string[]> {
  const out: string[] = [];
  let current: string | null = goalId;
  while (current && out.length < maxDepth) {
    const row: { parent_id: string | null } | undefined = await db
      .selectFrom('goals')
      .select('parent_id')
      .where('id', '=', current)
      .executeTakeFirst();
    current = row?.parent_id ?? null;
    if (current) out.push(current);
  }
  return out;
}
