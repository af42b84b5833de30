import type { Kysely, Selectable } from 'kysely';
import type {
  CorrectableResource,
  CorrectionResolutionTable,
  CorrectionTable,
  Database,
} from './schema.ts';
import { correctionNotWithheld, type Viewer } from './consent.ts';
import { visibleClients, type Actor } from './scope.ts';

export type CorrectionRow = Selectable<CorrectionTable>;
export type ResolutionRow = Selectable<CorrectionResolutionTable>;

export interface CorrectionWithResolution extends CorrectionRow {
  requested_by_name: string;
  resolution: (ResolutionRow & { resolved_by_name: string }) | null;
}

/**
 * The fields of an entry a correction may name, as stored now, when the entry belongs to this
 * client; undefined otherwise (→ 404, so ids of other clients' entries do not leak). Private
 * journal entries are not correctable: only the client sees them and can edit them directly,
 * and a correction would show their text to the therapist who resolves it.
 */
export async function entrySnapshot(
  db: Kysely<Database>,
  clientId: string,
  resource: CorrectableResource,
  resourceId: string,
): Promise<Record<string, unknown> | undefined> {
  switch (resource) {
    case 'goal':
      return db
        .selectFrom('goals')
        .select(['title', 'why'])
        .where('id', '=', resourceId)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
    case 'step':
      return db
        .selectFrom('steps')
        .innerJoin('goals', 'goals.id', 'steps.goal_id')
        .select(['steps.title'])
        .where('steps.id', '=', resourceId)
        .where('goals.client_id', '=', clientId)
        .executeTakeFirst();
    case 'practice':
      return db
        .selectFrom('practices')
        .innerJoin('goals', 'goals.id', 'practices.goal_id')
        .select(['practices.title'])
        .where('practices.id', '=', resourceId)
        .where('goals.client_id', '=', clientId)
        .executeTakeFirst();
    case 'check-in': {
      const row = await db
        .selectFrom('check_ins')
        .innerJoin('measures', 'measures.id', 'check_ins.measure_id')
        .select(['check_ins.value', 'check_ins.note', 'measures.kind'])
        .where('check_ins.id', '=', resourceId)
        .where('check_ins.client_id', '=', clientId)
        .executeTakeFirst();
      return row && { value: Number(row.value), note: row.note, kind: row.kind };
    }
    case 'questionnaire':
      return db
        .selectFrom('questionnaire_responses')
        .select(['instrument', 'total'])
        .where('id', '=', resourceId)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
    case 'comment':
      return db
        .selectFrom('comments')
        .innerJoin('goals', 'goals.id', 'comments.goal_id')
        .select(['comments.body'])
        .where('comments.id', '=', resourceId)
        .where('goals.client_id', '=', clientId)
        .executeTakeFirst();
    case 'journal':
      return db
        .selectFrom('journal_entries')
        .select(['body'])
        .where('id', '=', resourceId)
        .where('client_id', '=', clientId)
        .where('visibility', '=', 'shared')
        .executeTakeFirst();
  }
}

export async function insertCorrection(trx: Kysely<Database>, row: CorrectionRow): Promise<void> {
  await trx.insertInto('corrections').values(row).execute();
}

/** Write the one resolution; false when another was written first (the primary key holds). */
export async function insertResolution(
  trx: Kysely<Database>,
  row: ResolutionRow,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('correction_resolutions')
    .values(row)
    .onConflict((oc) => oc.column('correction_id').doNothing())
    .returning('correction_id')
    .execute();
  return inserted.length === 1;
}

/** A correction of a client the actor may see, or undefined (→ 404). */
export function findCorrection(
  db: Kysely<Database>,
  actor: Actor,
  correctionId: string,
): Promise<CorrectionRow | undefined> {
  return db
    .selectFrom('corrections as c')
    .innerJoin('clients', 'clients.id', 'c.client_id')
    .selectAll('c')
    .where('c.id', '=', correctionId)
    .where(visibleClients(actor))
    .where(correctionNotWithheld(actor))
    .executeTakeFirst();
}

/**
 * A client's corrections with their resolutions, oldest first. For staff, corrections of a
 * journal entry that is no longer shared are left out, so text the client has since made
 * private does not reach staff through the snapshot a correction keeps; nor do corrections of
 * entries a consent directive withholds from them.
 */
export async function listCorrections(
  db: Kysely<Database>,
  viewer: Viewer,
  clientId: string,
): Promise<CorrectionWithResolution[]> {
  const forStaff = viewer !== 'system' && viewer.role !== 'client';
  let q = db
    .selectFrom('corrections as c')
    .innerJoin('users as rq', 'rq.id', 'c.requested_by')
    .leftJoin('correction_resolutions as r', 'r.correction_id', 'c.id')
    .leftJoin('users as rs', 'rs.id', 'r.resolved_by')
    .selectAll('c')
    .select([
      'rq.name as requested_by_name',
      'r.decision',
      'r.corrected',
      'r.note',
      'r.resolved_by',
      'r.resolved_at',
      'rs.name as resolved_by_name',
    ])
    .where('c.client_id', '=', clientId)
    .where(correctionNotWithheld(viewer));
  if (forStaff) {
    q = q.where((eb) =>
      eb.or([
        eb('c.resource', '!=', 'journal'),
        eb.exists(
          eb
            .selectFrom('journal_entries as j')
            .select('j.id')
            .whereRef('j.id', '=', 'c.resource_id')
            .where('j.visibility', '=', 'shared'),
        ),
      ]),
    );
  }
  const rows = await q.orderBy('c.requested_at').orderBy('c.id').execute();
  return rows.map((r) => ({
    id: r.id,
    client_id: r.client_id,
    resource: r.resource,
    resource_id: r.resource_id,
    field: r.field,
    requested: r.requested,
    original: r.original,
    requested_by: r.requested_by,
    requested_at: r.requested_at,
    requested_by_name: r.requested_by_name,
    resolution:
      r.decision && r.resolved_by && r.resolved_at
        ? {
            correction_id: r.id,
            decision: r.decision,
            corrected: r.corrected,
            note: r.note,
            resolved_by: r.resolved_by,
            resolved_at: r.resolved_at,
            resolved_by_name: r.resolved_by_name ?? '',
          }
        : null,
  }));
}
