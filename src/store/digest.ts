import type { Kysely } from 'kysely';
import { visibleAlerts } from './alert-scope.ts';
import type { Database } from './schema.ts';
import type { Actor } from './scope.ts';

/** Therapists with a working account, in pages by id, as actors (for scoped queries). */
export async function digestRecipients(
  db: Kysely<Database>,
  after: string,
  limit: number,
): Promise<Actor[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'clinic_id', 'name', 'email'])
    .where('role', '=', 'therapist')
    .where('disabled_at', 'is', null)
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    userId: r.id,
    clinicId: r.clinic_id,
    role: 'therapist',
    name: r.name,
    email: r.email,
    clientId: null,
  }));
}

/** Open alerts the therapist sees: silence alerts (clients gone quiet) and all the others. */
export async function digestCounts(
  db: Kysely<Database>,
  therapist: Actor,
): Promise<{ openAlerts: number; silentClients: number }> {
  const rows = await db
    .selectFrom('alerts')
    .select(['alerts.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where(visibleAlerts(therapist))
    .where('alerts.acknowledged_at', 'is', null)
    .groupBy('alerts.kind')
    .execute();
  let openAlerts = 0;
  let silentClients = 0;
  for (const r of rows) {
    if (r.kind === 'silence') silentClients += Number(r.n);
    else openAlerts += Number(r.n);
  }
  return { openAlerts, silentClients };
}
