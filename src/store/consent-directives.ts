import type { Kysely, Selectable } from 'kysely';
import type { ConsentDirectiveTable, Database, DirectiveScope } from './schema.ts';
import { findClientInReach, type Actor } from './scope.ts';

export type DirectiveRow = Selectable<ConsentDirectiveTable>;

export interface DirectiveWithNames extends DirectiveRow {
  staff_name: string | null;
  created_by_name: string;
  revoked_by_name: string | null;
}

/**
 * The client whose directives the actor may manage: the client themself, or any client of an
 * admin's clinic — even one whose record is withheld from that admin, since recording and
 * revoking directives is how the lock is kept, and directives carry no clinical content.
 */
export function findDirectiveClient(
  db: Kysely<Database>,
  actor: Actor,
  clientId: string,
): Promise<string | undefined> {
  return findClientInReach(db, actor, clientId);
}

function withNames(db: Kysely<Database>) {
  return db
    .selectFrom('consent_directives as d')
    .leftJoin('users as s', 's.id', 'd.staff_user_id')
    .innerJoin('users as c', 'c.id', 'd.created_by')
    .leftJoin('users as r', 'r.id', 'd.revoked_by')
    .selectAll('d')
    .select(['s.name as staff_name', 'c.name as created_by_name', 'r.name as revoked_by_name']);
}

/** A client's directives, active first, newest first. */
export function listDirectives(
  db: Kysely<Database>,
  clientId: string,
): Promise<DirectiveWithNames[]> {
  return withNames(db)
    .where('d.client_id', '=', clientId)
    .orderBy((eb) => eb.case().when('d.revoked_at', 'is', null).then(0).else(1).end())
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id')
    .execute();
}

export function findDirective(
  db: Kysely<Database>,
  directiveId: string,
): Promise<DirectiveWithNames | undefined> {
  return withNames(db).where('d.id', '=', directiveId).executeTakeFirst();
}

/** An active directive with the same target and audience, if any (one is enough). */
export function findActiveTwin(
  db: Kysely<Database>,
  row: Pick<DirectiveRow, 'client_id' | 'scope' | 'resource_id' | 'staff_user_id'>,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('consent_directives')
    .select('id')
    .where('client_id', '=', row.client_id)
    .where('scope', '=', row.scope)
    .where('resource_id', row.resource_id === null ? 'is' : '=', row.resource_id)
    .where('staff_user_id', row.staff_user_id === null ? 'is' : '=', row.staff_user_id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function insertDirective(trx: Kysely<Database>, row: DirectiveRow): Promise<void> {
  await trx.insertInto('consent_directives').values(row).execute();
}

/** Revoke an active directive; false when it was already revoked (of two racing, one wins). */
export async function revokeDirective(
  trx: Kysely<Database>,
  directiveId: string,
  by: string,
  reason: string | null,
  now: Date,
): Promise<boolean> {
  const result = await trx
    .updateTable('consent_directives')
    .set({ revoked_at: now.toISOString(), revoked_by: by, revoke_reason: reason })
    .where('id', '=', directiveId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Does the entry exist in this client's record? (A directive may only name the client's own.) */
export async function entryOfClient(
  db: Kysely<Database>,
  clientId: string,
  scope: Exclude<DirectiveScope, 'record'>,
  resourceId: string,
): Promise<boolean> {
  const table =
    scope === 'goal'
      ? 'goals'
      : scope === 'journal'
        ? 'journal_entries'
        : 'questionnaire_responses';
  const row = await db
    .selectFrom(table)
    .select('id')
    .where('id', '=', resourceId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The clinic's active staff, whom a directive may name. */
export function clinicStaff(db: Kysely<Database>, clinicId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('clinic_id', '=', clinicId)
    .where('role', 'in', ['admin', 'therapist'])
    .where('disabled_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
}
