import type { Kysely } from 'kysely';
import { measureNotWithheld, notWithheld, responseNotWithheld, type Viewer } from './consent.ts';
import type { Database } from './schema.ts';

export function sessionsOfClient(db: Kysely<Database>, clientId: string) {
  return db
    .selectFrom('therapy_sessions')
    .innerJoin('users', 'users.id', 'therapy_sessions.therapist_id')
    .selectAll('therapy_sessions')
    .select('users.name as therapist_name')
    .where('therapy_sessions.client_id', '=', clientId)
    .orderBy('therapy_sessions.date')
    .orderBy('therapy_sessions.created_at')
    .execute();
}

/** The days of the client's sessions on or after `from` (a local date), earliest first. */
export async function sessionDatesFrom(
  db: Kysely<Database>,
  clientId: string,
  from: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('therapy_sessions')
    .select('date')
    .where('client_id', '=', clientId)
    .where('date', '>=', from)
    .orderBy('date')
    .execute();
  return rows.map((r) => r.date);
}

export type SessionRow = Awaited<ReturnType<typeof sessionsOfClient>>[number];

export function findSessionRow(db: Kysely<Database>, sessionId: string) {
  return db
    .selectFrom('therapy_sessions')
    .innerJoin('users', 'users.id', 'therapy_sessions.therapist_id')
    .selectAll('therapy_sessions')
    .select('users.name as therapist_name')
    .where('therapy_sessions.id', '=', sessionId)
    .executeTakeFirst();
}

/** Facts for the pre-session digest, all from `since` (an ISO instant) on, as the viewer may see them. */
export async function digestFacts(
  db: Kysely<Database>,
  viewer: Viewer,
  clientId: string,
  since: string,
) {
  const visibleGoal = notWithheld(viewer, 'goal', 'goals.id', 'goals.client_id');
  const [checkIns, responses, alerts, journal, comments, goals, steps] = await Promise.all([
    db
      .selectFrom('check_ins')
      .select(['measure_id', 'at', 'value', 'local_date'])
      .where('client_id', '=', clientId)
      .where(measureNotWithheld(viewer, 'check_ins.measure_id', 'check_ins.client_id'))
      .where('at', '>=', since)
      .execute(),
    db
      .selectFrom('questionnaire_responses')
      .select(['instrument', 'total', 'severity', 'completed_at', 'risk_flag'])
      .where('client_id', '=', clientId)
      .where(responseNotWithheld(viewer))
      .where('completed_at', '>=', since)
      .orderBy('completed_at')
      .execute(),
    db
      .selectFrom('alerts')
      .select(['id', 'kind', 'severity', 'created_at', 'acknowledged_at'])
      .where('client_id', '=', clientId)
      .where((eb) => eb.or([eb('created_at', '>=', since), eb('acknowledged_at', 'is', null)]))
      .orderBy('created_at', 'desc')
      .execute(),
    // Staff never read private entries: the filter is in the query, not in a presenter.
    db
      .selectFrom('journal_entries')
      .select(['id', 'created_at', 'mood', 'body'])
      .where('client_id', '=', clientId)
      .where('visibility', '=', 'shared')
      .where(notWithheld(viewer, 'journal', 'journal_entries.id', 'journal_entries.client_id'))
      .where('created_at', '>=', since)
      .orderBy('created_at', 'desc')
      .execute(),
    db
      .selectFrom('comments')
      .innerJoin('goals', 'goals.id', 'comments.goal_id')
      .innerJoin('users', 'users.id', 'comments.author_id')
      .select([
        'comments.goal_id',
        'goals.title',
        'users.name',
        'comments.body',
        'comments.created_at',
      ])
      .where('goals.client_id', '=', clientId)
      .where('users.role', '=', 'client')
      .where(visibleGoal)
      .where('comments.created_at', '>=', since)
      .orderBy('comments.created_at')
      .execute(),
    db
      .selectFrom('goals')
      .leftJoin('measures', 'measures.id', 'goals.measure_id')
      .select([
        'goals.id',
        'goals.title',
        'goals.status',
        'goals.baseline',
        'goals.target',
        'goals.due_date',
        'goals.target_set_at',
        'goals.created_at',
        'goals.measure_id',
        'goals.review_date',
        'measures.better',
        'measures.kind',
        'measures.sd',
        'measures.reliability',
      ])
      .where('goals.client_id', '=', clientId)
      .where('goals.status', 'in', ['active', 'proposed', 'on-hold'])
      .where(visibleGoal)
      .orderBy('goals.created_at')
      .execute(),
    db
      .selectFrom('steps')
      .innerJoin('goals', 'goals.id', 'steps.goal_id')
      .select(['steps.id', 'steps.goal_id', 'steps.title', 'steps.due_date', 'steps.done_at'])
      .where('goals.client_id', '=', clientId)
      .where('steps.removed', '=', 0)
      .where(visibleGoal)
      .execute(),
  ]);
  return { checkIns, responses, alerts, journal, comments, goals, steps };
}

/**
 * Sessions dated `fromDate` or later for a known set of (already scoped) clients, soonest
 * first — the caseload's "next session". Uses the (client_id, date) index.
 */
export function upcomingSessions(
  db: Kysely<Database>,
  clientIds: readonly string[],
  fromDate: string,
) {
  if (clientIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('therapy_sessions')
    .innerJoin('users', 'users.id', 'therapy_sessions.therapist_id')
    .select([
      'therapy_sessions.id',
      'therapy_sessions.client_id',
      'therapy_sessions.date',
      'users.id as therapist_id',
      'users.name as therapist_name',
    ])
    .where('therapy_sessions.client_id', 'in', [...clientIds])
    .where('therapy_sessions.date', '>=', fromDate)
    .orderBy('therapy_sessions.date')
    .orderBy('therapy_sessions.created_at')
    .execute();
}
