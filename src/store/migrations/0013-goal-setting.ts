import type { Kysely } from 'kysely';
import { doubleType, type DialectName } from '../dialect.ts';
import { sqlIn } from '../sql-helpers.ts';

/**
 * Issue 10, the goal-setting conversation: obstacles with their if–then plans on a goal, and
 * each time the obstacle happened and whether the plan worked.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  // The review rhythm: how often a goal is reviewed together, and the client's day of the next.
  await db.schema.alterTable('goals').addColumn('review_every_days', 'integer').execute();
  await db.schema.alterTable('goals').addColumn('review_date', 'text').execute();

  // An obstacle and its if–then plan. Never deleted: `removed` hides one, its uses stay.
  await db.schema
    .createTable('if_then_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('goal_id', 'text', (c) => c.notNull().references('goals.id'))
    .addColumn('obstacle', 'text', (c) => c.notNull())
    .addColumn('if_text', 'text', (c) => c.notNull())
    .addColumn('then_text', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('if_then_plans_goal')
    .on('if_then_plans')
    .columns(['goal_id', 'position'])
    .execute();

  // "The obstacle happened — did the plan work?" Its id is the sender's, like a check-in's.
  await db.schema
    .createTable('plan_uses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('if_then_plans.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('worked', 'text', (c) => c.notNull().check(sqlIn('worked', ['yes', 'partly', 'no'])))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('check_in_id', 'text', (c) => c.references('check_ins.id'))
    .addColumn('journal_entry_id', 'text', (c) => c.references('journal_entries.id'))
    .addColumn('note', 'text')
    .addColumn('entered_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    // What the sender sent, hashed: a retry with the same id must carry the same body.
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('plan_uses_plan')
    .on('plan_uses')
    .columns(['plan_id', 'at'])
    .execute();

  // The guided goal-setting conversation, saved at every step until it becomes goals.
  await db.schema
    .createTable('goal_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sqlIn('status', ['open', 'finished', 'discarded'])),
    )
    .addColumn('goal_ids', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('goal_drafts_client')
    .on('goal_drafts')
    .columns(['client_id', 'status', 'updated_at'])
    .execute();

  // Keeping gains: a goal achieved can be sustained, with a lighter check-in rhythm and a
  // threshold past which its measure has slipped back (an alert, raised once).
  await db.schema.alterTable('goals').addColumn('sustaining_since', 'text').execute();
  await db.schema.alterTable('goals').addColumn('sustain_every_days', 'integer').execute();
  await db.schema.alterTable('goals').addColumn('slip_threshold', doubleType).execute();

  // The client's relapse-prevention plan: one a client, theirs to keep after therapy ends.
  await db.schema
    .createTable('relapse_plans')
    .addColumn('client_id', 'text', (c) => c.primaryKey().references('clients.id'))
    .addColumn('warning_signs', 'text', (c) => c.notNull())
    .addColumn('what_helps', 'text', (c) => c.notNull())
    .addColumn('contacts', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
