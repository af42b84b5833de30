import type { Kysely } from 'kysely';
import type { AlertKind, Better, Database, MeasureKind } from './schema.ts';

/**
 * The queries behind the alert jobs (`src/jobs`): each reads a bounded page or time window, so a
 * run costs the same whatever the size of the history.
 */

/**
 * Mark the clinic's open risk alerts raised at or before `cutoff` as escalated. The condition
 * and the write are one statement, so an alert is escalated once however many runners race.
 */
export async function escalateRiskAlerts(
  trx: Kysely<Database>,
  clinicId: string,
  cutoff: Date,
  now: Date,
): Promise<{ id: string; clientId: string }[]> {
  const rows = await trx
    .updateTable('alerts')
    .set({ escalated_at: now.toISOString() })
    .where('clinic_id', '=', clinicId)
    .where('kind', '=', 'risk')
    .where('acknowledged_at', 'is', null)
    .where('escalated_at', 'is', null)
    .where('created_at', '<=', cutoff.toISOString())
    .returning(['id', 'client_id'])
    .execute();
  return rows.map((r) => ({ id: r.id, clientId: r.client_id }));
}

export interface SilenceCandidate {
  clientId: string;
  clinicId: string;
  /** The latest check-in, or null when the client never checked in. */
  lastCheckInAt: string | null;
  /** When the client first had an active goal with a measure: silence counts from here at most. */
  watchedSince: string;
  /** The latest silence alert of this client, open or acknowledged. */
  lastAlertAt: string | null;
}

/**
 * A page of clients who have something to check in on (an active goal with a measure), in id
 * order after `afterId`, with what the silence rule needs. Each figure is a max/min over an
 * indexed range, so the page costs O(page) index probes.
 */
export async function silenceCandidates(
  db: Kysely<Database>,
  afterId: string,
  limit: number,
): Promise<SilenceCandidate[]> {
  const rows = await db
    .selectFrom('clients as c')
    .select((eb) => [
      'c.id',
      'c.clinic_id',
      eb
        .selectFrom('check_ins')
        .select((e) => e.fn.max('check_ins.at').as('m'))
        .whereRef('check_ins.client_id', '=', 'c.id')
        .as('last_check_in_at'),
      eb
        .selectFrom('goals')
        .select((e) => e.fn.min('goals.created_at').as('m'))
        .whereRef('goals.client_id', '=', 'c.id')
        .where('goals.status', '=', 'active')
        .where('goals.measure_id', 'is not', null)
        .as('watched_since'),
      eb
        .selectFrom('alerts')
        .select((e) => e.fn.max('alerts.created_at').as('m'))
        .whereRef('alerts.client_id', '=', 'c.id')
        .where('alerts.kind', '=', 'silence')
        .as('last_alert_at'),
    ])
    .where('c.id', '>', afterId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('goals')
          .select('goals.id')
          .whereRef('goals.client_id', '=', 'c.id')
          .where('goals.status', '=', 'active')
          .where('goals.measure_id', 'is not', null),
      ),
    )
    .orderBy('c.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    clientId: r.id,
    clinicId: r.clinic_id,
    lastCheckInAt: r.last_check_in_at ?? null,
    watchedSince: r.watched_since!,
    lastAlertAt: r.last_alert_at ?? null,
  }));
}

export interface TargetedGoal {
  id: string;
  clientId: string;
  clinicId: string;
  timeZone: string;
  measureId: string;
  kind: MeasureKind;
  better: Better;
  baseline: number;
  target: number;
  dueDate: string;
  /** Where the line to the target starts (SPEC §9 R5). */
  startAt: string;
  /** The measure's SD and reliability, when staff set them (SPEC §4). */
  sd: number | null;
  reliability: number | null;
}

/** A page of active goals with a measure, baseline, target and due date, in id order. */
export async function targetedGoals(
  db: Kysely<Database>,
  afterId: string,
  limit: number,
): Promise<TargetedGoal[]> {
  const rows = await db
    .selectFrom('goals as g')
    .innerJoin('clients as c', 'c.id', 'g.client_id')
    .innerJoin('measures as m', 'm.id', 'g.measure_id')
    .select([
      'g.id',
      'g.client_id',
      'c.clinic_id',
      'c.time_zone',
      'm.id as measure_id',
      'm.kind',
      'm.better',
      'm.sd',
      'm.reliability',
      'g.baseline',
      'g.target',
      'g.due_date',
      'g.target_set_at',
      'g.created_at',
    ])
    .where('g.status', '=', 'active')
    .where('g.baseline', 'is not', null)
    .where('g.target', 'is not', null)
    .where('g.due_date', 'is not', null)
    .where('g.id', '>', afterId)
    .orderBy('g.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    clientId: r.client_id,
    clinicId: r.clinic_id,
    timeZone: r.time_zone,
    measureId: r.measure_id,
    kind: r.kind,
    better: r.better,
    baseline: r.baseline!,
    target: r.target!,
    dueDate: r.due_date!,
    startAt: r.target_set_at ?? r.created_at,
    sd: r.sd,
    reliability: r.reliability,
  }));
}

/** Check-ins of these measures in (since, until], oldest first: one indexed range per measure. */
export async function checkInsBetween(
  db: Kysely<Database>,
  measureIds: readonly string[],
  since: Date,
  until: Date,
): Promise<{ measureId: string; at: string; value: number }[]> {
  if (measureIds.length === 0) return [];
  const rows = await db
    .selectFrom('check_ins')
    .select(['measure_id', 'at', 'value'])
    .where('measure_id', 'in', measureIds)
    .where('at', '>', since.toISOString())
    .where('at', '<=', until.toISOString())
    .orderBy('at')
    .execute();
  return rows.map((r) => ({ measureId: r.measure_id, at: r.at, value: r.value }));
}

/**
 * The latest alert of this kind per source (open or acknowledged) among these clients' alerts,
 * found through the (client_id, created_at) index.
 */
export async function latestAlertBySource(
  db: Kysely<Database>,
  kind: AlertKind,
  clientIds: readonly string[],
): Promise<Map<string, string>> {
  if (clientIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('alerts')
    .select((eb) => ['source', eb.fn.max('created_at').as('at')])
    .where('client_id', 'in', [...new Set(clientIds)])
    .where('kind', '=', kind)
    .groupBy('source')
    .execute();
  return new Map(rows.map((r) => [r.source, r.at]));
}
