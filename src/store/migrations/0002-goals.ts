import { sql, type Kysely } from 'kysely';
import { doubleType, makeAppendOnly, type DialectName } from '../dialect.ts';
import { sqlIn } from '../sql-helpers.ts';

/** Measures, goals with their revision history, steps, practices, comments, GAS ratings, templates. */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('measures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sqlIn('kind', ['count', 'scale', 'minutes', 'yesno'])),
    )
    .addColumn('unit', 'text')
    .addColumn('better', 'text', (c) => c.notNull().check(sqlIn('better', ['higher', 'lower'])))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('measures_client').on('measures').columns(['client_id']).execute();

  await db.schema
    .createTable('goals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('parent_id', 'text', (c) => c.references('goals.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('why', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(sqlIn('status', ['proposed', 'active', 'on-hold', 'achieved', 'discontinued'])),
    )
    .addColumn('priority', 'integer')
    .addColumn('measure_id', 'text', (c) => c.references('measures.id'))
    .addColumn('baseline', doubleType)
    .addColumn('target', doubleType)
    .addColumn('due_date', 'text')
    .addColumn('target_set_at', 'text')
    .addColumn('gas_levels', 'text')
    .addColumn('gas_weight', doubleType)
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('goals_client')
    .on('goals')
    .columns(['client_id', 'created_at'])
    .execute();
  await db.schema.createIndex('goals_measure').on('goals').columns(['measure_id']).execute();

  // One history for goals, steps and practices: what changed, who, when, why. Never edited.
  await db.schema
    .createTable('revisions')
    .addColumn('entity', 'text', (c) =>
      c.notNull().check(sqlIn('entity', ['goal', 'step', 'practice'])),
    )
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('goal_id', 'text', (c) => c.notNull().references('goals.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('revisions_pk', ['entity', 'entity_id', 'version'])
    .execute();
  await db.schema
    .createIndex('revisions_goal')
    .on('revisions')
    .columns(['goal_id', 'at'])
    .execute();
  await makeAppendOnly(db, dialect, 'revisions');

  await db.schema
    .createTable('steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('goal_id', 'text', (c) => c.notNull().references('goals.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text', (c) => c.references('users.id'))
    .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('steps_goal').on('steps').columns(['goal_id', 'position']).execute();

  await db.schema
    .createTable('practices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('goal_id', 'text', (c) => c.notNull().references('goals.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer')
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sqlIn('status', ['active', 'paused', 'ended'])),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('practices_goal').on('practices').columns(['goal_id']).execute();

  await db.schema
    .createTable('practice_completions')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('minutes', 'integer')
    .addPrimaryKeyConstraint('practice_completions_pk', ['practice_id', 'local_date'])
    .execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('goal_id', 'text', (c) => c.notNull().references('goals.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comments_goal')
    .on('comments')
    .columns(['goal_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('gas_ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('goal_id', 'text', (c) => c.notNull().references('goals.id'))
    .addColumn('level', 'integer', (c) => c.notNull().check(sql`level between -2 and 2`))
    .addColumn('rated_at', 'text', (c) => c.notNull())
    .addColumn('rated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('gas_ratings_goal')
    .on('gas_ratings')
    .columns(['goal_id', 'rated_at'])
    .execute();

  await db.schema
    .createTable('goal_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('why', 'text')
    .addColumn('measure', 'text')
    .addColumn('target', 'text')
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('practices', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('goal_templates_clinic')
    .on('goal_templates')
    .columns(['clinic_id'])
    .execute();
}
