import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { WithheldCounts } from '../contract/consent.ts';
import type { Database, DirectiveScope } from './schema.ts';
import type { Actor } from './scope.ts';

/**
 * Consent directives, enforced: the one place that decides whether a row of a client's record
 * is withheld from the person asking. Every scoped query of goals (and what hangs under them),
 * journal entries, questionnaire responses, measures, check-ins and alerts adds one of these
 * conditions, so a screen, export or job that forgets still cannot show withheld content.
 *
 * A directive withholds from every staff member (`staff_user_id` null) or from one; never from
 * the client. `system` is the server itself (jobs, alert raising): it reads everything and shows
 * nothing to a person directly — what it writes (alerts) is filtered when someone reads it.
 */
export type Viewer = Actor | 'system';

/** What a single directive can withhold; `record` is the whole record. */
export type WithholdableKind = Exclude<DirectiveScope, 'record'>;

/** A `withheld` column read back: SQLite answers 0/1, PostgreSQL a boolean. */
export function isWithheld(value: unknown): boolean {
  return value === true || Number(value) === 1;
}

const never = (): RawBuilder<SqlBool> => sql<SqlBool>`1 = 0`;

/**
 * The single hook through which a viewer gets past a client's directives: break-glass. A
 * therapist facing a risk of serious harm who holds a live grant on the client (read when the
 * session loads, by the request's clock: `Actor.breakGlass`) sees that client's withheld items
 * and locked record until the grant expires; every access is flagged in the audit log.
 */
export function viewerOverrides(viewer: Actor, clientColumn: string): RawBuilder<SqlBool> {
  const glass = viewer.breakGlass ?? [];
  if (glass.length === 0) return never();
  return sql<SqlBool>`${sql.ref(clientColumn)} in (${sql.join(glass.map((id) => sql`${id}`))})`;
}

/** Whether directives can apply to this viewer at all: staff only, never the client or the system. */
function isBound(viewer: Viewer): viewer is Actor {
  return viewer !== 'system' && viewer.role !== 'client';
}

/**
 * `exists` an active directive of the client in `clientColumn`, binding this viewer, and
 * matching `match` (a condition on the directive, alias `cd`) — unless an override applies.
 */
function directiveExists(
  viewer: Viewer,
  clientColumn: string,
  match: RawBuilder<SqlBool>,
): RawBuilder<SqlBool> {
  if (!isBound(viewer)) return never();
  return sql<SqlBool>`exists (select 1 from consent_directives cd
    where cd.client_id = ${sql.ref(clientColumn)} and ${binds(viewer)} and (${match}))`;
}

/** A directive (alias `cd`) that is in force and binds this viewer, unless an override applies. */
function binds(viewer: Actor): RawBuilder<SqlBool> {
  return sql<SqlBool>`cd.revoked_at is null
    and (cd.staff_user_id is null or cd.staff_user_id = ${viewer.userId})
    and not (${viewerOverrides(viewer, 'cd.client_id')})`;
}

/**
 * What a viewer is told of withheld content: per client, how many goals (sub-goals of a withheld
 * goal included), journal entries and questionnaire responses are withheld from them — never which. Empty for the client and system.
 */
export async function withheldCounts(
  db: Kysely<Database>,
  viewer: Viewer,
  clientIds: readonly string[],
): Promise<Map<string, WithheldCounts>> {
  const out = new Map<string, WithheldCounts>();
  if (!isBound(viewer) || clientIds.length === 0) return out;
  const rows = await db
    .selectFrom('consent_directives as cd')
    .select(['cd.client_id', 'cd.scope'])
    .select(sql<number>`count(distinct cd.resource_id)`.as('n'))
    .where('cd.client_id', 'in', [...clientIds])
    .where('cd.scope', 'not in', ['record', 'goal'])
    .where(binds(viewer))
    // A private entry is the client's alone: staff are not told it exists, withheld or not.
    .where(
      sql<SqlBool>`(cd.scope != 'journal' or exists (select 1 from journal_entries je
        where je.id = cd.resource_id and je.visibility = 'shared'))`,
    )
    .groupBy(['cd.client_id', 'cd.scope'])
    .execute();
  // Goals are counted as goals, not directives: a withheld goal's sub-goals are withheld too.
  const goals = await db
    .selectFrom('goals as g')
    .select('g.client_id')
    .select(sql<number>`count(*)`.as('n'))
    .where('g.client_id', 'in', [...clientIds])
    .where(directiveExists(viewer, 'g.client_id', goalDirective(sql.ref('g.id'))))
    .groupBy('g.client_id')
    .execute();
  const add = (clientId: string, key: keyof WithheldCounts, n: number) => {
    const counts = out.get(clientId) ?? { goals: 0, journal: 0, questionnaires: 0 };
    counts[key] = Number(n);
    out.set(clientId, counts);
  };
  for (const r of rows) add(r.client_id, r.scope === 'journal' ? 'journal' : 'questionnaires', r.n);
  for (const r of goals) add(r.client_id, 'goals', r.n);
  return out;
}

/** True when the whole record of the client in `clientColumn` is withheld from the viewer. */
export function recordWithheld(viewer: Viewer, clientColumn: string): RawBuilder<SqlBool> {
  return directiveExists(viewer, clientColumn, sql<SqlBool>`cd.scope = 'record'`);
}

/** True when the entry in `idColumn` (of kind `kind`, or the whole record) is withheld. */
export function withheld(
  viewer: Viewer,
  kind: WithholdableKind,
  idColumn: string,
  clientColumn: string,
): RawBuilder<SqlBool> {
  const named =
    kind === 'goal'
      ? goalDirective(sql.ref(idColumn))
      : sql<SqlBool>`(cd.scope = ${kind} and cd.resource_id = ${sql.ref(idColumn)})`;
  return directiveExists(viewer, clientColumn, sql<SqlBool>`cd.scope = 'record' or ${named}`);
}

/**
 * The directive (alias `cd`) withholds the goal `goalId` or one of its ancestors: withholding a
 * goal withholds its sub-goals, at any depth, and all that hangs under them — a sub-goal's title
 * ("Panic at work") would otherwise tell what the withheld goal is about.
 */
function goalDirective(goalId: Expression<unknown>): RawBuilder<SqlBool> {
  return sql<SqlBool>`(cd.scope = 'goal' and cd.resource_id in (
    with recursive up(id, parent_id) as (
      select g0.id, g0.parent_id from goals g0 where g0.id = ${goalId}
      union all
      select gu.id, gu.parent_id from goals gu join up on gu.id = up.parent_id)
    select id from up))`;
}

/** The negation of `withheld`: the condition scoped queries add. */
export function notWithheld(
  viewer: Viewer,
  kind: WithholdableKind,
  idColumn: string,
  clientColumn: string,
): Expression<SqlBool> {
  return sql<SqlBool>`not ${withheld(viewer, kind, idColumn, clientColumn)}`;
}

/** `notWithheld` for `questionnaire_responses` under its own name, as most queries have it. */
export function responseNotWithheld(viewer: Viewer): Expression<SqlBool> {
  return notWithheld(
    viewer,
    'questionnaire',
    'questionnaire_responses.id',
    'questionnaire_responses.client_id',
  );
}

/**
 * A measure is withheld with the goal that tracks it: its name ("Panic attacks") and check-ins
 * would otherwise tell what the withheld goal is about.
 */
export function measureWithheld(
  viewer: Viewer,
  measureColumn: string,
  clientColumn: string,
): RawBuilder<SqlBool> {
  return directiveExists(
    viewer,
    clientColumn,
    sql<SqlBool>`cd.scope = 'record' or exists (select 1 from goals wg
      where wg.measure_id = ${sql.ref(measureColumn)} and ${goalDirective(sql.ref('wg.id'))})`,
  );
}

export function measureNotWithheld(
  viewer: Viewer,
  measureColumn: string,
  clientColumn: string,
): Expression<SqlBool> {
  return sql<SqlBool>`not ${measureWithheld(viewer, measureColumn, clientColumn)}`;
}

/**
 * A correction request is withheld with the entry it is about (its snapshot and requested text
 * would show it): a goal, journal entry or questionnaire named directly, or a step, practice,
 * comment or check-in under a withheld goal. `corrections` must be in the query as `c`.
 */
export function correctionNotWithheld(viewer: Viewer): Expression<SqlBool> {
  return sql<SqlBool>`not ${directiveExists(
    viewer,
    'c.client_id',
    sql<SqlBool>`cd.scope = 'record'
      or (cd.scope = c.resource and cd.resource_id = c.resource_id)
      or exists (select 1 from (
        select c.resource_id as goal_id where c.resource = 'goal'
        union all
        select s.goal_id from steps s where c.resource = 'step' and s.id = c.resource_id
        union all
        select p.goal_id from practices p where c.resource = 'practice' and p.id = c.resource_id
        union all
        select m.goal_id from comments m where c.resource = 'comment' and m.id = c.resource_id
        union all
        select g.id from goals g join check_ins k on k.measure_id = g.measure_id
          where c.resource = 'check-in' and k.id = c.resource_id) about
        where ${goalDirective(sql.ref('about.goal_id'))})`,
  )}`;
}

/**
 * An alert's content is withheld when what raised it is: the whole record, the goal or
 * questionnaire in its `source` (a goal's `goal/<id>` and its sustaining `goal/<id>/slip`, and
 * so a sub-goal's under a withheld goal), or — for reliable deterioration, computed from the first and
 * latest responses — any withheld questionnaire of the client. The alert itself still shows
 * (see `visibleAlerts`), with its detail replaced.
 */
export function alertWithheld(viewer: Viewer): RawBuilder<SqlBool> {
  return directiveExists(
    viewer,
    'alerts.client_id',
    sql<SqlBool>`cd.scope = 'record'
      or alerts.source = cd.scope || '/' || cd.resource_id
      or (alerts.source like 'goal/%' and ${goalDirective(sql`substr(alerts.source, 6, 36)`)})
      or (alerts.kind = 'deterioration' and cd.scope = 'questionnaire')`,
  );
}
