import type { ExpressionBuilder, Kysely } from 'kysely';
import { recordWithheld } from './consent.ts';
import type { Database, Role } from './schema.ts';

/** The signed-in person a request acts for. */
export interface Actor {
  userId: string;
  clinicId: string;
  role: Role;
  name: string;
  email: string;
  /** Set when role is `client`: the client record's id. */
  clientId: string | null;
  /** An admin who reviews break-the-glass access and reads the snooping report. */
  privacyOfficer?: boolean;
  /**
   * Clients a therapist holds a live break-the-glass grant on, as of the request's clock
   * (`activeBreakGlassClientIds` when the session loads): visible as if on the care team.
   */
  breakGlass?: readonly string[];
}

/**
 * The clients this actor may see, as a condition on `clients`: those in reach (`clientsInReach`)
 * whose whole record is not withheld from the actor by a consent directive. Every query of a
 * client's record goes through this, so a forgotten policy check still cannot reach another
 * client's data — or a locked record.
 */
export function visibleClients(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'clients'>) =>
    eb.and([clientsInReach(actor)(eb), eb.not(recordWithheld(actor, 'clients.id'))]);
}

/**
 * The clients within the actor's reach before consent directives: a client only themself; a
 * therapist the clients whose care team they are on, and those they hold a live
 * break-the-glass grant on; an admin every client of the clinic.
 * Only what must still work on a locked record uses it directly: risk alerts, which reach the
 * care team whatever is withheld, and managing the directives themselves.
 */
export function clientsInReach(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'clients'>) => {
    const inClinic = eb('clients.clinic_id', '=', actor.clinicId);
    switch (actor.role) {
      case 'client':
        return eb.and([inClinic, eb('clients.user_id', '=', actor.userId)]);
      case 'therapist': {
        // `in (… where user_id = ?)` rather than a correlated `exists`: the planner then starts
        // from the therapist's care_team rows (indexed by user) instead of walking every client.
        const onCareTeam = eb(
          'clients.id',
          'in',
          eb
            .selectFrom('care_team')
            .select('care_team.client_id')
            .where('care_team.user_id', '=', actor.userId),
        );
        const glass = actor.breakGlass ?? [];
        return eb.and([
          inClinic,
          glass.length === 0 ? onCareTeam : eb.or([onCareTeam, eb('clients.id', 'in', glass)]),
        ]);
      }
      case 'admin':
        return inClinic;
    }
  };
}

/**
 * A client within the actor's reach, whether or not their record is withheld from the actor:
 * for administration that carries no clinical content (care teams, locations).
 */
export async function findClientInReach(
  db: Kysely<Database>,
  actor: Actor,
  clientId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('clients')
    .select('clients.id')
    .where('clients.id', '=', clientId)
    .where(clientsInReach(actor))
    .executeTakeFirst();
  return row?.id;
}

/** The client (id, time zone, clinic) when the actor may see that client, else undefined (→ 404). */
export function findVisibleClient(
  db: Kysely<Database>,
  actor: Actor,
  clientId: string,
): Promise<{ id: string; time_zone: string; clinic_id: string } | undefined> {
  return db
    .selectFrom('clients')
    .select(['clients.id', 'clients.time_zone', 'clients.clinic_id'])
    .where('clients.id', '=', clientId)
    .where(visibleClients(actor))
    .executeTakeFirst();
}

export async function findVisibleClientId(
  db: Kysely<Database>,
  actor: Actor,
  clientId: string,
): Promise<string | undefined> {
  return (await findVisibleClient(db, actor, clientId))?.id;
}

/** The client's IANA time zone when the actor may see that client. */
export async function visibleClientTimeZone(
  db: Kysely<Database>,
  actor: Actor,
  clientId: string,
): Promise<string | undefined> {
  return (await findVisibleClient(db, actor, clientId))?.time_zone;
}
