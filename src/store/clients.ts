import type { Kysely } from 'kysely';
import type { ClientSummary } from '../contract/clients.ts';
import type { Database } from './schema.ts';
import { recordWithheld, withheldCounts } from './consent.ts';
import { clientsInReach, visibleClients, type Actor } from './scope.ts';

function summaries(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom('clients')
    .innerJoin('users as u', 'u.id', 'clients.user_id')
    .leftJoin('locations as l', 'l.id', 'clients.location_id')
    .leftJoin('users as t', 't.id', 'clients.primary_therapist_id')
    .select([
      'clients.id',
      'u.name',
      'u.email',
      'clients.time_zone',
      'l.name as location',
      't.id as therapist_id',
      't.name as therapist_name',
    ])
    .where(visibleClients(actor));
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['execute']>>[number];

function present(r: SummaryRow): ClientSummary {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    timeZone: r.time_zone,
    location: r.location,
    primaryTherapist:
      r.therapist_id && r.therapist_name ? { id: r.therapist_id, name: r.therapist_name } : null,
  };
}

/** Summaries with, for staff, how much each client withholds from them. */
async function withCounts(
  db: Kysely<Database>,
  actor: Actor,
  rows: SummaryRow[],
): Promise<ClientSummary[]> {
  const counts = await withheldCounts(
    db,
    actor,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const withheld = counts.get(r.id);
    return withheld ? { ...present(r), withheld } : present(r);
  });
}

/** The clients the actor may see, by name. */
export async function listClients(db: Kysely<Database>, actor: Actor): Promise<ClientSummary[]> {
  const rows = await summaries(db, actor).orderBy('u.name').orderBy('clients.id').execute();
  return withCounts(db, actor, rows);
}

export async function findClient(
  db: Kysely<Database>,
  actor: Actor,
  clientId: string,
): Promise<ClientSummary | undefined> {
  const row = await summaries(db, actor).where('clients.id', '=', clientId).executeTakeFirst();
  return row ? (await withCounts(db, actor, [row]))[0] : undefined;
}

/** How many clients in the actor's reach withheld their whole record from them. */
export async function countWithheldRecords(db: Kysely<Database>, actor: Actor): Promise<number> {
  const row = await db
    .selectFrom('clients')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(clientsInReach(actor))
    .where(recordWithheld(actor, 'clients.id'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
