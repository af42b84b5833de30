import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { visibleClients, type Actor } from './scope.ts';

export interface OutcomeClientRow {
  id: string;
  timeZone: string;
  location: { id: string; name: string } | null;
  therapist: { id: string; name: string } | null;
}

export interface OutcomeResponseRow {
  clientId: string;
  instrument: 'phq9' | 'gad7';
  total: number;
  completedAt: string;
}

/**
 * The clients the actor may see (an admin: the whole clinic) with their location and primary
 * therapist, and their PHQ-9/GAD-7 totals completed within [fromInstant, toInstant), in the
 * order the outcome rules read them: by completion, ties by order received.
 */
export async function clinicOutcomeRows(
  db: Kysely<Database>,
  actor: Actor,
  fromInstant: string,
  toInstant: string,
): Promise<{ clients: OutcomeClientRow[]; responses: OutcomeResponseRow[] }> {
  const [clients, responses] = await Promise.all([
    db
      .selectFrom('clients')
      .leftJoin('locations as l', 'l.id', 'clients.location_id')
      .leftJoin('users as t', 't.id', 'clients.primary_therapist_id')
      .select([
        'clients.id',
        'clients.time_zone',
        'l.id as location_id',
        'l.name as location_name',
        't.id as therapist_id',
        't.name as therapist_name',
      ])
      .where(visibleClients(actor))
      .orderBy('clients.id')
      .execute(),
    db
      .selectFrom('questionnaire_responses as q')
      .innerJoin('clients', 'clients.id', 'q.client_id')
      .select(['q.client_id', 'q.instrument', 'q.total', 'q.completed_at'])
      .where(visibleClients(actor))
      .where('q.completed_at', '>=', fromInstant)
      .where('q.completed_at', '<', toInstant)
      .orderBy('q.client_id')
      .orderBy('q.completed_at')
      .orderBy('q.received_seq')
      .execute(),
  ]);
  return {
    clients: clients.map((c) => ({
      id: c.id,
      timeZone: c.time_zone,
      location:
        c.location_id && c.location_name ? { id: c.location_id, name: c.location_name } : null,
      therapist:
        c.therapist_id && c.therapist_name ? { id: c.therapist_id, name: c.therapist_name } : null,
    })),
    responses: responses.map((r) => ({
      clientId: r.client_id,
      instrument: r.instrument,
      total: Number(r.total),
      completedAt: r.completed_at,
    })),
  };
}
