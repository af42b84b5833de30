import type { Kysely } from 'kysely';
import { doubleType, type DialectName } from '../dialect.ts';
import { sqlIn } from '../sql-helpers.ts';

/**
 * Issue 4's leftovers and the care-team admin of issue 5:
 * - questionnaire schedules gain a `kind`: every N days (as before) or in a window of
 *   `days_before` days before each session (`every_days` is 0 for those: the column predates
 *   the kind and SQLite cannot relax its NOT NULL without rebuilding the table);
 * - a custom measure may carry the SD and reliability that give its reliable change index;
 * - a location can be archived (kept for the records that name it, offered for nothing new).
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('questionnaire_schedules')
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('every')
        .check(sqlIn('kind', ['every', 'before-session'])),
    )
    .execute();
  await db.schema
    .alterTable('questionnaire_schedules')
    .addColumn('days_before', 'integer')
    .execute();
  await db.schema.alterTable('measures').addColumn('sd', doubleType).execute();
  await db.schema.alterTable('measures').addColumn('reliability', doubleType).execute();
  await db.schema.alterTable('locations').addColumn('archived_at', 'text').execute();
}
