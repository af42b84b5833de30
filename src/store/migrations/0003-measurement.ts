import type { Kysely } from 'kysely';
import { doubleType, type DialectName } from '../dialect.ts';
import { sqlIn } from '../sql-helpers.ts';

/**
 * Check-ins, questionnaire responses and schedules, journal entries, alerts, and the jobs table
 * that lets several server processes share scheduled work.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('check_ins')
    .addColumn('id', 'text', (c) => c.primaryKey()) // chosen by the sender: retries store once
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('measure_id', 'text', (c) => c.notNull().references('measures.id'))
    .addColumn('value', doubleType, (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('entered_by', 'text', (c) => c.notNull().references('users.id'))
    /** SHA-256 of the canonical request body, to tell a retry from a conflicting reuse of the id. */
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('check_ins_measure_at')
    .on('check_ins')
    .columns(['measure_id', 'at'])
    .execute();
  await db.schema
    .createIndex('check_ins_client_at')
    .on('check_ins')
    .columns(['client_id', 'at'])
    .execute();

  await db.schema
    .createTable('questionnaire_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('instrument', 'text', (c) =>
      c.notNull().check(sqlIn('instrument', ['phq9', 'gad7'])),
    )
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('risk_flag', 'integer', (c) => c.notNull())
    .addColumn('completed_at', 'text', (c) => c.notNull())
    .addColumn('received_seq', 'text', (c) => c.notNull()) // received_at ISO + id: the order received
    .addColumn('entered_by', 'text', (c) => c.notNull().references('users.id'))
    .execute();
  await db.schema
    .createIndex('questionnaire_responses_client')
    .on('questionnaire_responses')
    .columns(['client_id', 'instrument', 'completed_at', 'received_seq'])
    .execute();

  await db.schema
    .createTable('questionnaire_schedules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('instrument', 'text', (c) =>
      c.notNull().check(sqlIn('instrument', ['phq9', 'gad7'])),
    )
    .addColumn('every_days', 'integer', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('questionnaire_schedules_client_instrument', ['client_id', 'instrument'])
    .execute();

  await db.schema
    .createTable('journal_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('mood', 'integer')
    .addColumn('prompt', 'text')
    .addColumn('visibility', 'text', (c) =>
      c.notNull().check(sqlIn('visibility', ['private', 'shared'])),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('journal_entries_client')
    .on('journal_entries')
    .columns(['client_id', 'visibility', 'created_at'])
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sqlIn('kind', ['risk', 'deterioration', 'off-track', 'silence'])),
    )
    .addColumn('severity', 'text', (c) =>
      c.notNull().check(sqlIn('severity', ['high', 'medium', 'low'])),
    )
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    /** What raised it: `questionnaire/<id>`, `goal/<id>`, `client/<id>`. With `kind`, unique while open. */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    /** Non-null while open: equals `kind|source`, so one open alert per cause (a unique index). */
    .addColumn('open_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text', (c) => c.references('users.id'))
    .addColumn('ack_note', 'text')
    .addColumn('escalated_at', 'text')
    .execute();
  await db.schema
    .createIndex('alerts_client')
    .on('alerts')
    .columns(['client_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('alerts_owner_open')
    .on('alerts')
    .columns(['owner_id', 'acknowledged_at'])
    .execute();

  // Scheduled work shared by all server processes: a job runs when its lease is free and due.
  await db.schema
    .createTable('jobs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('last_run_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
}
