import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database, GoalDraftTable } from './schema.ts';
import { visibleClients, type Actor } from './scope.ts';

export type DraftRow = Selectable<GoalDraftTable>;

/** A draft of a client the actor may see, with the client's time zone, or undefined (→ 404). */
export function findDraft(
  db: Kysely<Database>,
  actor: Actor,
  draftId: string,
): Promise<(DraftRow & { time_zone: string }) | undefined> {
  return db
    .selectFrom('goal_drafts')
    .innerJoin('clients', 'clients.id', 'goal_drafts.client_id')
    .selectAll('goal_drafts')
    .select('clients.time_zone')
    .where('goal_drafts.id', '=', draftId)
    .where(visibleClients(actor))
    .executeTakeFirst();
}

/** A client's open drafts, the most recently saved first. */
export function openDrafts(db: Kysely<Database>, clientId: string): Promise<DraftRow[]> {
  return db
    .selectFrom('goal_drafts')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('status', '=', 'open')
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .execute();
}

export async function insertDraft(trx: Kysely<Database>, row: DraftRow): Promise<void> {
  await trx.insertInto('goal_drafts').values(row).execute();
}

/** Save only at `expectedVersion` (one statement: of two racing saves, one wins). */
export async function updateDraftIfVersion(
  trx: Kysely<Database>,
  draftId: string,
  expectedVersion: number,
  patch: Updateable<GoalDraftTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable('goal_drafts')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('id', '=', draftId)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
