import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { sqlIn } from '../sql-helpers.ts';

/**
 * Reaching out (issue 8): in-app notifications, the e-mail outbox its worker drains, and each
 * client's reminder preferences.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    /** The client the notification is about, for the audit trail; null for staff-wide ones. */
    .addColumn('client_id', 'text', (c) => c.references('clients.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    /** An app path (`/goals/…`), never a full URL. */
    .addColumn('link', 'text')
    /** Makes a repeatable cause (a reminder for one day) notify once. */
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    /** A snoozed reminder comes back (unread) at this instant, if still undone. */
    .addColumn('snoozed_until', 'text')
    .execute();
  await db.schema
    .createIndex('notifications_user_created')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    /** Which fixed template (src/mail/templates.ts); the e-mail is rendered from it on send. */
    .addColumn('template', 'text', (c) => c.notNull())
    /** JSON of the template's numbers (a digest's counts); never free text. */
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sqlIn('status', ['pending', 'sent', 'failed'])),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    /** A worker's claim: nobody else sends the message while the lease is live. */
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('outbox_due')
    .on('outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('outbox_clinic_created')
    .on('outbox')
    .columns(['clinic_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('reminder_settings')
    .addColumn('client_id', 'text', (c) => c.primaryKey().references('clients.id'))
    /** JSON ReminderSettings (contract/reminders.ts); absent → the clinic's defaults. */
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
