import type { Kysely } from 'kysely';
import { makeAppendOnly, serialType, type DialectName } from '../dialect.ts';
import { sqlIn } from '../sql-helpers.ts';

/** What a correction may point at (frozen here; the contract keeps the live list). */
const correctableResources = [
  'goal',
  'step',
  'practice',
  'check-in',
  'questionnaire',
  'comment',
  'journal',
] as const;

/**
 * Corrections to a client's record and the therapist's progress-report summary.
 *
 * A correction never edits the entry it is about: the request, and later its one resolution,
 * are rows of their own that reference the original, so the original stays readable (shown
 * struck through beside the correction). Both tables are append-only in the database itself,
 * as the right of correction asks that nothing be erased. Report summaries are append-only
 * too: each save is a new row and the latest is the one printed, so earlier wording is kept.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('corrections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('resource', 'text', (c) =>
      c.notNull().check(sqlIn('resource', correctableResources)),
    )
    .addColumn('resource_id', 'text', (c) => c.notNull())
    /** Null: a request about the entry as a whole, answered in words only. */
    .addColumn('field', 'text')
    .addColumn('requested', 'text', (c) => c.notNull())
    /** JSON snapshot of the field when the request was made, so later edits cannot hide it. */
    .addColumn('original', 'text')
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('corrections_client')
    .on('corrections')
    .columns(['client_id', 'requested_at'])
    .execute();
  await db.schema
    .createIndex('corrections_resource')
    .on('corrections')
    .columns(['resource', 'resource_id'])
    .execute();
  await makeAppendOnly(db, dialect, 'corrections');

  // One resolution per correction (the primary key), written once: accepted or declined.
  await db.schema
    .createTable('correction_resolutions')
    .addColumn('correction_id', 'text', (c) => c.primaryKey().references('corrections.id'))
    .addColumn('decision', 'text', (c) =>
      c.notNull().check(sqlIn('decision', ['accepted', 'declined'])),
    )
    /** JSON of the corrected value when accepted with one. */
    .addColumn('corrected', 'text')
    .addColumn('note', 'text')
    .addColumn('resolved_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('resolved_at', 'text', (c) => c.notNull())
    .execute();
  await makeAppendOnly(db, dialect, 'correction_resolutions');

  await db.schema
    .createTable('report_summaries')
    .addColumn('seq', serialType(dialect), (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('written_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('written_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_summaries_client')
    .on('report_summaries')
    .columns(['client_id', 'seq'])
    .execute();
  await makeAppendOnly(db, dialect, 'report_summaries');
}
