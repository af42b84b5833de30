import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface SustainedGoal {
  id: string;
  clientId: string;
  title: string;
  since: string;
  threshold: number;
  better: 'higher' | 'lower';
  unit: string | null;
  /** The latest check-in of its measure since sustaining began, or null. */
  latest: { at: string; value: number } | null;
}

/**
 * Sustained goals with a slip line that have no slip alert since sustaining began, with their
 * measure's latest check-in since then. Reads a page at a time by goal id.
 */
export async function sustainedGoalsToWatch(
  db: Kysely<Database>,
  afterId: string,
  limit: number,
): Promise<SustainedGoal[]> {
  const rows = await db
    .selectFrom('goals')
    .innerJoin('measures', 'measures.id', 'goals.measure_id')
    .select([
      'goals.id',
      'goals.client_id',
      'goals.title',
      'goals.sustaining_since',
      'goals.slip_threshold',
      'goals.measure_id',
      'measures.better',
      'measures.unit',
    ])
    .where('goals.status', '=', 'achieved')
    .where('goals.sustaining_since', 'is not', null)
    .where('goals.slip_threshold', 'is not', null)
    .where('goals.id', '>', afterId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('alerts')
            .select('alerts.id')
            .whereRef('alerts.client_id', '=', 'goals.client_id')
            .where('alerts.kind', '=', 'off-track')
            .where('alerts.source', '=', sql<string>`'goal/' || ${sql.ref('goals.id')} || '/slip'`)
            .whereRef('alerts.created_at', '>=', 'goals.sustaining_since'),
        ),
      ),
    )
    .orderBy('goals.id')
    .limit(limit)
    .execute();
  const out: SustainedGoal[] = [];
  for (const r of rows) {
    const latest = await db
      .selectFrom('check_ins')
      .select(['at', 'value'])
      .where('measure_id', '=', r.measure_id!)
      .where('at', '>=', r.sustaining_since!)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    out.push({
      id: r.id,
      clientId: r.client_id,
      title: r.title,
      since: r.sustaining_since!,
      threshold: Number(r.slip_threshold),
      better: r.better,
      unit: r.unit,
      latest: latest ? { at: latest.at, value: Number(latest.value) } : null,
    });
  }
  return out;
}
