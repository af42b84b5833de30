import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The `jobs` table: one row per scheduled job, shared by every server process on the database.
 * A process runs a job only after winning its row with one conditional UPDATE, so however many
 * processes tick at once, each due run happens in exactly one of them.
 */

/** Make sure each job has a row; a new job is due at once. Existing rows are left alone. */
export async function ensureJobs(
  db: Kysely<Database>,
  names: readonly string[],
  now: Date,
): Promise<void> {
  if (names.length === 0) return;
  await db
    .insertInto('jobs')
    .values(
      names.map((name) => ({
        name,
        next_run_at: now.toISOString(),
        locked_until: null,
        locked_by: null,
        last_run_at: null,
        last_error: null,
      })),
    )
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/**
 * Take the job for `leaseMs` when it is due and nobody holds a live lease. The check and the
 * take are one statement: on PostgreSQL a concurrent UPDATE waits for the row lock and then
 * re-checks the condition, on SQLite writers are serialised, so exactly one caller gets true.
 */
export async function claimJob(
  db: Kysely<Database>,
  name: string,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable('jobs')
    .set({ locked_until: new Date(now.getTime() + leaseMs).toISOString(), locked_by: owner })
    .where('name', '=', name)
    .where('next_run_at', '<=', at)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Record a finished run and schedule the next one, releasing the lease — only while this owner
 * still holds it, so a run that outlived its lease cannot overwrite its successor's schedule.
 */
export async function finishJob(
  db: Kysely<Database>,
  name: string,
  owner: string,
  run: { at: Date; nextRunAt: Date; error: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({
      next_run_at: run.nextRunAt.toISOString(),
      locked_until: null,
      locked_by: null,
      last_run_at: run.at.toISOString(),
      last_error: run.error,
    })
    .where('name', '=', name)
    .where('locked_by', '=', owner)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export interface JobState {
  name: string;
  nextRunAt: string;
  lockedUntil: string | null;
  lockedBy: string | null;
  lastRunAt: string | null;
  lastError: string | null;
}

/** Every job's schedule and last outcome, for operators. */
export async function listJobs(db: Kysely<Database>): Promise<JobState[]> {
  const rows = await db.selectFrom('jobs').selectAll().orderBy('name').execute();
  return rows.map((r) => ({
    name: r.name,
    nextRunAt: r.next_run_at,
    lockedUntil: r.locked_until,
    lockedBy: r.locked_by,
    lastRunAt: r.last_run_at,
    lastError: r.last_error,
  }));
}
