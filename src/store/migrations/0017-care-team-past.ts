import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

/**
 * Care-team membership keeps its past: removing a therapist from a client's care team records
 * the period they were on it (`from_at` = when they were added, `until_at` = when removed), so
 * the privacy officer's snooping report judges each access by the team as it was at the time —
 * an access made while on the team is not reported after the therapist leaves it.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('care_team_past')
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('from_at', 'text', (c) => c.notNull())
    .addColumn('until_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('care_team_past_member')
    .on('care_team_past')
    .columns(['user_id', 'client_id'])
    .execute();
}
