import type { Kysely, Selectable } from 'kysely';
import type {
  CheckInTable,
  Database,
  GasRatingTable,
  GoalTable,
  IfThenPlanTable,
  JournalEntryTable,
  MeasureTable,
  PracticeCompletionTable,
  PlanUseTable,
  PracticeTable,
  QuestionnaireResponseTable,
  StepTable,
} from './schema.ts';
import { measureNotWithheld, notWithheld, responseNotWithheld } from './consent.ts';
import { plansOfGoals, usesOfPlans } from './if-then-plans.ts';
import { visibleClients, type Actor } from './scope.ts';

/**
 * Reads a client's whole record for exports (FHIR, report, the client's own copy, CSV). It
 * reads the other features' tables directly, so exports do not depend on their services, and
 * it is the one place that decides which rows may leave: clinician-only session notes are never
 * selected, private journal entries only when the caller asks for the client's own copy, and
 * nothing a consent directive withholds from the actor (`consent.ts`).
 */

export interface RecordClient {
  id: string;
  /** The client's user id: tells entries the client made from those staff made. */
  userId: string;
  name: string;
  email: string;
  timeZone: string;
  createdAt: string;
  clinicName: string;
  location: { id: string; name: string } | null;
  primaryTherapist: { id: string; name: string } | null;
}

export type GoalRecord = Selectable<GoalTable>;
export type MeasureRecord = Selectable<MeasureTable>;
export type StepRecord = Selectable<StepTable>;
export type PracticeRecord = Selectable<PracticeTable>;
export type CompletionRecord = Selectable<PracticeCompletionTable>;
export type CheckInRecord = Selectable<CheckInTable>;
export type ResponseRecord = Selectable<QuestionnaireResponseTable>;
export type PlanRecord = Selectable<IfThenPlanTable>;
export type PlanUseRecord = Selectable<PlanUseTable>;
export type GasRatingRecord = Selectable<GasRatingTable>;
export type JournalRecord = Omit<Selectable<JournalEntryTable>, 'client_id'>;

export interface RevisionRecord {
  entity: 'goal' | 'step' | 'practice';
  entityId: string;
  goalId: string;
  version: number;
  at: string;
  by: string;
  byName: string;
  changes: string;
  reason: string | null;
}

export interface CommentRecord {
  id: string;
  goalId: string;
  authorId: string;
  authorName: string;
  authorRole: string;
  body: string;
  createdAt: string;
}

export interface ClientRecord {
  client: RecordClient;
  measures: MeasureRecord[];
  goals: GoalRecord[];
  revisions: RevisionRecord[];
  steps: StepRecord[];
  practices: PracticeRecord[];
  completions: CompletionRecord[];
  /** Obstacles and their if–then plans (not removed), and every time one was used. */
  plans: PlanRecord[];
  planUses: PlanUseRecord[];
  comments: CommentRecord[];
  gasRatings: GasRatingRecord[];
  checkIns: CheckInRecord[];
  responses: ResponseRecord[];
  journal: JournalRecord[];
}

/**
 * `none`: staff reports, FHIR and CSV. `shared`: a staff export for a formal access request.
 * `all`: the client's own copy — only ever for the client themself (the caller checks).
 */
export type JournalScope = 'none' | 'shared' | 'all';

/** The client as the actor may see them, or undefined (→ 404). */
export async function findRecordClient(
  db: Kysely<Database>,
  actor: Actor,
  clientId: string,
): Promise<RecordClient | undefined> {
  const row = await db
    .selectFrom('clients')
    .innerJoin('users as u', 'u.id', 'clients.user_id')
    .innerJoin('clinics as c', 'c.id', 'clients.clinic_id')
    .leftJoin('locations as l', 'l.id', 'clients.location_id')
    .leftJoin('users as t', 't.id', 'clients.primary_therapist_id')
    .select([
      'clients.id',
      'clients.user_id',
      'u.name',
      'u.email',
      'clients.time_zone',
      'clients.created_at',
      'c.name as clinic_name',
      'l.id as location_id',
      'l.name as location_name',
      't.id as therapist_id',
      't.name as therapist_name',
    ])
    .where('clients.id', '=', clientId)
    .where(visibleClients(actor))
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    email: row.email,
    timeZone: row.time_zone,
    createdAt: row.created_at,
    clinicName: row.clinic_name,
    location:
      row.location_id && row.location_name
        ? { id: row.location_id, name: row.location_name }
        : null,
    primaryTherapist:
      row.therapist_id && row.therapist_name
        ? { id: row.therapist_id, name: row.therapist_name }
        : null,
  };
}

/**
 * Everything exportable about one client the actor may see, or undefined (→ 404). Steps the
 * therapist removed are left out (their history stays in `revisions`).
 */
export async function loadClientRecord(
  db: Kysely<Database>,
  actor: Actor,
  clientId: string,
  journalScope: JournalScope,
): Promise<ClientRecord | undefined> {
  const client = await findRecordClient(db, actor, clientId);
  if (!client) return undefined;
  const visibleGoal = notWithheld(actor, 'goal', 'goals.id', 'goals.client_id');
  const goalIds = (eb: Kysely<Database>) =>
    eb
      .selectFrom('goals')
      .select('goals.id')
      .where('goals.client_id', '=', clientId)
      .where(visibleGoal);

  const [measures, goals, revisions, steps, practices, comments, gasRatings, checkIns, responses] =
    await Promise.all([
      db
        .selectFrom('measures')
        .selectAll()
        .where('client_id', '=', clientId)
        .where(measureNotWithheld(actor, 'measures.id', 'measures.client_id'))
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('goals')
        .selectAll()
        .where('client_id', '=', clientId)
        .where(visibleGoal)
        .orderBy((eb) => eb.fn.coalesce('priority', eb.lit(100)))
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('revisions')
        .innerJoin('users', 'users.id', 'revisions.by')
        .selectAll('revisions')
        .select('users.name as by_name')
        .where('revisions.goal_id', 'in', goalIds(db))
        .orderBy('revisions.at')
        .orderBy('revisions.entity')
        .orderBy('revisions.version')
        .execute(),
      db
        .selectFrom('steps')
        .selectAll()
        .where('goal_id', 'in', goalIds(db))
        .where('removed', '=', 0)
        .orderBy('position')
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('practices')
        .selectAll()
        .where('goal_id', 'in', goalIds(db))
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('comments')
        .innerJoin('users', 'users.id', 'comments.author_id')
        .selectAll('comments')
        .select(['users.name as author_name', 'users.role as author_role'])
        .where('comments.goal_id', 'in', goalIds(db))
        .orderBy('comments.created_at')
        .orderBy('comments.id')
        .execute(),
      db
        .selectFrom('gas_ratings')
        .selectAll()
        .where('goal_id', 'in', goalIds(db))
        .orderBy('rated_at')
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('check_ins')
        .selectAll()
        .where('client_id', '=', clientId)
        .where(measureNotWithheld(actor, 'check_ins.measure_id', 'check_ins.client_id'))
        .orderBy('at')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('questionnaire_responses')
        .selectAll()
        .where('client_id', '=', clientId)
        .where(responseNotWithheld(actor))
        .orderBy('completed_at')
        .orderBy('received_seq')
        .execute(),
    ]);
  const completions = practices.length
    ? await db
        .selectFrom('practice_completions')
        .selectAll()
        .where(
          'practice_id',
          'in',
          practices.map((p) => p.id),
        )
        .orderBy('local_date')
        .execute()
    : [];
  const plans = await plansOfGoals(
    db,
    goals.map((g) => g.id),
  );
  const planUses = await usesOfPlans(
    db,
    plans.map((p) => p.id),
  );
  return {
    client,
    measures,
    goals,
    revisions: revisions.map((r) => ({
      entity: r.entity,
      entityId: r.entity_id,
      goalId: r.goal_id,
      version: r.version,
      at: r.at,
      by: r.by,
      byName: r.by_name,
      changes: r.changes,
      reason: r.reason,
    })),
    steps,
    practices,
    completions,
    plans,
    planUses,
    comments: comments.map((c) => ({
      id: c.id,
      goalId: c.goal_id,
      authorId: c.author_id,
      authorName: c.author_name,
      authorRole: c.author_role,
      body: c.body,
      createdAt: c.created_at,
    })),
    gasRatings,
    // Numbers from PostgreSQL's double precision arrive as numbers already; Number() keeps
    // SQLite and PostgreSQL identical should a driver hand back a string.
    checkIns: checkIns.map((c) => ({ ...c, value: Number(c.value) })),
    responses,
    journal: await loadJournal(db, actor, clientId, journalScope),
  };
}

/** Journal entries in the scope asked for; the visibility filter is in the query itself. */
async function loadJournal(
  db: Kysely<Database>,
  actor: Actor,
  clientId: string,
  scope: JournalScope,
): Promise<JournalRecord[]> {
  if (scope === 'none') return [];
  let q = db
    .selectFrom('journal_entries')
    .select(['id', 'body', 'mood', 'prompt', 'visibility', 'created_at', 'updated_at'])
    .where('client_id', '=', clientId)
    .where(notWithheld(actor, 'journal', 'journal_entries.id', 'journal_entries.client_id'));
  if (scope === 'shared') q = q.where('visibility', '=', 'shared');
  return q.orderBy('created_at').orderBy('id').execute();
}
