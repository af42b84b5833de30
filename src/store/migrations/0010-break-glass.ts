import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { sqlIn } from '../sql-helpers.ts';

/**
 * Break-the-glass (issue 9): time-limited access to a record outside the caseload, each grant
 * reviewed by a privacy officer (an admin with a flag) who is notified in the app at once;
 * audit events made under a grant carry a flag; the snooping report reads the log by date.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('privacy_officer', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('audit_events')
    .addColumn('break_glass', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The snooping report reads a date range of the whole clinic's log.
  await db.schema.createIndex('audit_events_at').on('audit_events').columns(['at']).execute();

  await db.schema
    .createTable('break_glass_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id'))
    .addColumn('outcome', 'text', (c) => c.check(sqlIn('outcome', ['justified', 'not-justified'])))
    .addColumn('review_note', 'text')
    .execute();
  // Every therapist request looks up its own live grants.
  await db.schema
    .createIndex('break_glass_grants_user')
    .on('break_glass_grants')
    .columns(['user_id', 'expires_at'])
    .execute();
  await db.schema
    .createIndex('break_glass_grants_clinic')
    .on('break_glass_grants')
    .columns(['clinic_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('privacy_notifications')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('grant_id', 'text', (c) => c.notNull().references('break_glass_grants.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    // One notification per officer per grant.
    .addPrimaryKeyConstraint('privacy_notifications_pk', ['user_id', 'grant_id'])
    .execute();
}
