import type { Kysely, Selectable } from 'kysely';
import type { CheckInTable, Database } from './schema.ts';
import { measureNotWithheld, type Viewer } from './consent.ts';

export type CheckInRow = Selectable<CheckInTable>;

/**
 * Check-ins by id, whoever's they are: only to tell a retry from a conflicting reuse of an id
 * (the caller compares body hashes and never returns another client's row).
 */
export function checkInsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<CheckInRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('check_ins').selectAll().where('id', 'in', ids).execute();
}

/**
 * The INSERT of rows whose ids are new: a row whose id is already stored (by an earlier request,
 * or a concurrent transaction that committed first) is skipped, not an error. Returns the ids
 * it stored.
 */
export function newCheckIns(db: Kysely<Database>, rows: readonly CheckInRow[]) {
  return db
    .insertInto('check_ins')
    .values(rows)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id');
}

/** `newCheckIns` run in chunks inside `trx`, so the caller can re-read the skipped ids. */
export async function insertCheckIns(
  trx: Kysely<Database>,
  rows: readonly CheckInRow[],
): Promise<Set<string>> {
  const stored = new Set<string>();
  for (let i = 0; i < rows.length; i += 100) {
    for (const r of await newCheckIns(trx, rows.slice(i, i + 100)).execute()) stored.add(r.id);
  }
  return stored;
}

export interface CheckInCursor {
  at: string;
  id: string;
}

/**
 * A client's check-ins, oldest first by (at, id). With `limit`, the newest `limit` before the
 * cursor (one more is read to know whether older ones remain).
 */
export async function listCheckIns(
  db: Kysely<Database>,
  viewer: Viewer,
  q: { clientId: string; measureId?: string; before?: CheckInCursor; limit?: number },
): Promise<{ rows: CheckInRow[]; more: boolean }> {
  let query = db
    .selectFrom('check_ins')
    .selectAll()
    .where('client_id', '=', q.clientId)
    .where(measureNotWithheld(viewer, 'check_ins.measure_id', 'check_ins.client_id'));
  if (q.measureId) query = query.where('measure_id', '=', q.measureId);
  const before = q.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb('at', '<', before.at),
        eb.and([eb('at', '=', before.at), eb('id', '<', before.id)]),
      ]),
    );
  }
  if (q.limit === undefined) {
    return { rows: await query.orderBy('at').orderBy('id').execute(), more: false };
  }
  const rows = await query
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const more = rows.length > q.limit;
  return { rows: rows.slice(0, q.limit).reverse(), more };
}

/**
 * The check-ins a goal's progress needs: those of the measure since `since` (the window the
 * arithmetic looks at) plus the single latest one, so the cost does not grow with history.
 */
export async function progressCheckIns(
  db: Kysely<Database>,
  measureId: string,
  since: string,
): Promise<{ at: string; value: number }[]> {
  const [recent, latest] = await Promise.all([
    db
      .selectFrom('check_ins')
      .select(['id', 'at', 'value'])
      .where('measure_id', '=', measureId)
      .where('at', '>=', since)
      .orderBy('at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('check_ins')
      .select(['id', 'at', 'value'])
      .where('measure_id', '=', measureId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const rows = latest && !recent.some((r) => r.id === latest.id) ? [latest, ...recent] : recent;
  return rows.map((r) => ({ at: r.at, value: Number(r.value) }));
}

/** The first and latest check-ins of a measure by `at` (ties by id), and how many there are. */
export async function measureSpan(
  db: Kysely<Database>,
  measureId: string,
): Promise<{ first: CheckInRow; latest: CheckInRow; count: number } | undefined> {
  const ordered = (direction: 'asc' | 'desc') =>
    db
      .selectFrom('check_ins')
      .selectAll()
      .where('measure_id', '=', measureId)
      .orderBy('at', direction)
      .orderBy('id', direction)
      .limit(1)
      .executeTakeFirst();
  const [first, latest, counted] = await Promise.all([
    ordered('asc'),
    ordered('desc'),
    db
      .selectFrom('check_ins')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('measure_id', '=', measureId)
      .executeTakeFirstOrThrow(),
  ]);
  return first && latest ? { first, latest, count: Number(counted.n) } : undefined;
}
