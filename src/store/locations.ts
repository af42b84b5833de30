import type { Kysely, Selectable } from 'kysely';
import type { Database, LocationTable } from './schema.ts';

export type LocationRow = Selectable<LocationTable>;

/** The clinic's locations by name, with how many clients and staff name each one. */
export async function listLocations(db: Kysely<Database>, clinicId: string, archived: boolean) {
  let q = db
    .selectFrom('locations as l')
    .selectAll('l')
    .select((eb) => [
      eb
        .selectFrom('clients')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('clients.location_id', '=', 'l.id')
        .as('clients'),
      eb
        .selectFrom('users')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('users.location_id', '=', 'l.id')
        .where('users.role', '!=', 'client')
        .as('staff'),
    ])
    .where('l.clinic_id', '=', clinicId);
  if (!archived) q = q.where('l.archived_at', 'is', null);
  return q.orderBy('l.name').orderBy('l.id').execute();
}

export type LocationListRow = Awaited<ReturnType<typeof listLocations>>[number];

/** A location of the actor's clinic, or undefined (→ 404 / 400). */
export function findLocation(
  db: Kysely<Database>,
  clinicId: string,
  locationId: string,
): Promise<LocationRow | undefined> {
  return db
    .selectFrom('locations')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('id', '=', locationId)
    .executeTakeFirst();
}

/** Another location of the clinic with this name, whatever its case ("barrie" = "Barrie"). */
export function findLocationNamed(
  db: Kysely<Database>,
  clinicId: string,
  name: string,
): Promise<LocationRow | undefined> {
  return (
    db
      .selectFrom('locations')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      // lower() on both sides, so the comparison is the engine's own (SQLite folds A–Z only).
      .where((eb) => eb(eb.fn('lower', ['name']), '=', eb.fn('lower', [eb.val(name)])))
      .executeTakeFirst()
  );
}

export async function insertLocation(trx: Kysely<Database>, row: LocationRow): Promise<void> {
  await trx.insertInto('locations').values(row).execute();
}

export async function updateLocation(
  trx: Kysely<Database>,
  id: string,
  set: { name: string; archived_at: string | null },
): Promise<void> {
  await trx.updateTable('locations').set(set).where('id', '=', id).execute();
}
