import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { sqlIn } from '../sql-helpers.ts';

/**
 * Consent directives (the "lockbox", PHIPA s. 37(1)(a)): a client withholds a goal, a journal
 * entry, a questionnaire response or the whole record from all staff or from one staff member.
 * A directive is never deleted: revoking it stamps `revoked_at`, so who withheld what, and
 * when it ended, stays answerable.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('consent_directives')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('scope', 'text', (c) =>
      c.notNull().check(sqlIn('scope', ['record', 'goal', 'journal', 'questionnaire'])),
    )
    /** The withheld entry's id; null when the whole record is withheld. */
    .addColumn('resource_id', 'text')
    /** The one staff member it is withheld from; null: from every staff member. */
    .addColumn('staff_user_id', 'text', (c) => c.references('users.id'))
    /** Required when an admin records it on the client's written request. */
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('users.id'))
    .addColumn('revoke_reason', 'text')
    .execute();
  // Every scoped read asks "is there an active directive for this client?": keep it an index hit.
  await db.schema
    .createIndex('consent_directives_client')
    .on('consent_directives')
    .columns(['client_id', 'revoked_at'])
    .execute();
}
