import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The clinic's clients (all, or one) with their location; by name. */
export function assignmentClients(db: Kysely<Database>, clinicId: string, clientId?: string) {
  let q = db
    .selectFrom('clients')
    .innerJoin('users as u', 'u.id', 'clients.user_id')
    .leftJoin('locations as l', 'l.id', 'clients.location_id')
    .select([
      'clients.id',
      'u.name',
      'u.email',
      'clients.primary_therapist_id',
      'l.id as location_id',
      'l.name as location_name',
    ])
    .where('clients.clinic_id', '=', clinicId);
  if (clientId !== undefined) q = q.where('clients.id', '=', clientId);
  return q.orderBy('u.name').orderBy('clients.id').execute();
}

export type AssignmentClientRow = Awaited<ReturnType<typeof assignmentClients>>[number];

/** Care-team members of these clients, primary first, then by name. */
export async function careTeamMembers(db: Kysely<Database>, clientIds: readonly string[]) {
  if (clientIds.length === 0) return [];
  return db
    .selectFrom('care_team')
    .innerJoin('users', 'users.id', 'care_team.user_id')
    .select([
      'care_team.client_id',
      'care_team.user_id',
      'care_team.is_primary',
      'care_team.added_at',
      'users.name',
      'users.email',
    ])
    .where('care_team.client_id', 'in', clientIds)
    .orderBy('care_team.is_primary', 'desc')
    .orderBy('users.name')
    .execute();
}

export type CareTeamMemberRow = Awaited<ReturnType<typeof careTeamMembers>>[number];

/** A user of the clinic (role and whether disabled), or undefined. */
export function clinicUser(db: Kysely<Database>, clinicId: string, userId: string) {
  return db
    .selectFrom('users')
    .select(['role', 'disabled_at'])
    .where('id', '=', userId)
    .where('clinic_id', '=', clinicId)
    .executeTakeFirst();
}

/** Active therapists of the clinic, by name. */
export function activeTherapists(db: Kysely<Database>, clinicId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('clinic_id', '=', clinicId)
    .where('role', '=', 'therapist')
    .where('disabled_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/**
 * Take the client's row for the rest of the transaction (a no-op UPDATE: a row lock on
 * PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers), so two care-team changes
 * of one client never act on the same stale view — e.g. one removing a therapist while another
 * makes them primary.
 */
export async function lockClient(trx: Kysely<Database>, clientId: string): Promise<void> {
  await trx
    .updateTable('clients')
    .set((eb) => ({ primary_therapist_id: eb.ref('primary_therapist_id') }))
    .where('id', '=', clientId)
    .execute();
}

export async function setClientLocation(
  trx: Kysely<Database>,
  clientId: string,
  locationId: string | null,
): Promise<void> {
  await trx
    .updateTable('clients')
    .set({ location_id: locationId })
    .where('id', '=', clientId)
    .execute();
}

export async function addCareTeamMember(
  trx: Kysely<Database>,
  clientId: string,
  userId: string,
  at: string,
): Promise<void> {
  await trx
    .insertInto('care_team')
    .values({ client_id: clientId, user_id: userId, is_primary: 0, added_at: at })
    .execute();
}

/** Take someone off the care team, keeping the period they were on it (`care_team_past`). */
export async function removeCareTeamMember(
  trx: Kysely<Database>,
  clientId: string,
  userId: string,
  at: string,
): Promise<void> {
  const removed = await trx
    .deleteFrom('care_team')
    .where('client_id', '=', clientId)
    .where('user_id', '=', userId)
    .returning('added_at')
    .executeTakeFirst();
  if (removed)
    await trx
      .insertInto('care_team_past')
      .values({ client_id: clientId, user_id: userId, from_at: removed.added_at, until_at: at })
      .execute();
}

/**
 * Make `userId` (already on the care team) the client's primary therapist, and hand them the
 * client's open alerts. Returns the ids of the alerts that changed owner.
 */
export async function makePrimary(
  trx: Kysely<Database>,
  clientId: string,
  userId: string,
): Promise<string[]> {
  await trx
    .updateTable('care_team')
    .set((eb) => ({
      is_primary: eb.case().when('user_id', '=', userId).then(1).else(0).end(),
    }))
    .where('client_id', '=', clientId)
    .execute();
  await trx
    .updateTable('clients')
    .set({ primary_therapist_id: userId })
    .where('id', '=', clientId)
    .execute();
  const moved = await trx
    .selectFrom('alerts')
    .select('id')
    .where('client_id', '=', clientId)
    .where('acknowledged_at', 'is', null)
    .where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '!=', userId)]))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (moved.length > 0) {
    await trx
      .updateTable('alerts')
      .set({ owner_id: userId })
      .where(
        'id',
        'in',
        moved.map((a) => a.id),
      )
      .execute();
  }
  return moved.map((a) => a.id);
}
