import type { Kysely } from 'kysely';
import { instruments, type InstrumentId } from '../domain/instruments/index.ts';
import { measureNotWithheld, notWithheld, type Viewer } from './consent.ts';
import type { Database } from './schema.ts';

/**
 * The raw facts behind a caseload dashboard, for a known set of (already scoped) client ids.
 * Each query is bounded: indexes on (client_id, …) and (measure_id, at), and check-ins only
 * from `since` — never a scan of all history.
 */
export async function dashboardFacts(
  db: Kysely<Database>,
  viewer: Viewer,
  clientIds: readonly string[],
  since: string,
) {
  if (clientIds.length === 0)
    return { lastCheckIns: [], alerts: [], responses: [], goals: [], checkIns: [] };
  const ids = [...clientIds];
  const [lastCheckIns, alerts, responses, goals] = await Promise.all([
    db
      .selectFrom('clients')
      .select((eb) => [
        'clients.id as client_id',
        eb
          .selectFrom('check_ins')
          .select('check_ins.at')
          .whereRef('check_ins.client_id', '=', 'clients.id')
          .where(measureNotWithheld(viewer, 'check_ins.measure_id', 'check_ins.client_id'))
          .orderBy('check_ins.at', 'desc')
          .limit(1)
          .as('last_at'),
      ])
      .where('clients.id', 'in', ids)
      .execute(),
    db
      .selectFrom('alerts')
      .select(['client_id', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('client_id', 'in', ids)
      .where('acknowledged_at', 'is', null)
      .groupBy(['client_id', 'kind'])
      .execute(),
    firstAndLatestResponses(db, viewer, ids),
    db
      .selectFrom('goals')
      .leftJoin('measures', 'measures.id', 'goals.measure_id')
      .select([
        'goals.id',
        'goals.client_id',
        'goals.title',
        'goals.priority',
        'goals.created_at',
        'goals.baseline',
        'goals.target',
        'goals.due_date',
        'goals.target_set_at',
        'measures.id as measure_id',
        'measures.name as measure_name',
        'measures.kind',
        'measures.unit',
        'measures.better',
        'measures.sd',
        'measures.reliability',
      ])
      .where('goals.client_id', 'in', ids)
      .where('goals.status', '=', 'active')
      .where(notWithheld(viewer, 'goal', 'goals.id', 'goals.client_id'))
      .execute(),
  ]);
  const measureIds = [...new Set(goals.flatMap((g) => (g.measure_id ? [g.measure_id] : [])))];
  const checkIns = measureIds.length
    ? await db
        .selectFrom('check_ins')
        .select(['measure_id', 'at', 'value'])
        .where('measure_id', 'in', measureIds)
        .where(measureNotWithheld(viewer, 'check_ins.measure_id', 'check_ins.client_id'))
        .where('at', '>=', since)
        .execute()
    : [];
  return { lastCheckIns, alerts, responses, goals, checkIns };
}

/**
 * Each client's first and latest response per instrument (by `completed_at`, ties in the order
 * received) among those the viewer may see, oldest first: two seeks of the (client_id, instrument, completed_at,
 * received_seq) index per client and instrument, however long the history — never all of it.
 */
function firstAndLatestResponses(db: Kysely<Database>, viewer: Viewer, ids: string[]) {
  const end = (instrument: InstrumentId, direction: 'asc' | 'desc') =>
    db
      .selectFrom('clients as c')
      .select((eb) =>
        eb
          .selectFrom('questionnaire_responses as q')
          .select('q.id')
          .whereRef('q.client_id', '=', 'c.id')
          .where('q.instrument', '=', instrument)
          .where(notWithheld(viewer, 'questionnaire', 'q.id', 'q.client_id'))
          .orderBy('q.completed_at', direction)
          .orderBy('q.received_seq', direction)
          .limit(1)
          .as('id'),
      )
      .where('c.id', 'in', ids);
  const [first, ...rest] = (Object.keys(instruments) as InstrumentId[]).flatMap((i) => [
    end(i, 'asc'),
    end(i, 'desc'),
  ]);
  return db
    .selectFrom('questionnaire_responses')
    .select(['client_id', 'instrument', 'total', 'severity', 'completed_at'])
    .where(
      'id',
      'in',
      rest.reduce((q, next) => q.unionAll(next), first!),
    )
    .orderBy('completed_at')
    .orderBy('received_seq')
    .execute();
}
