import type { Kysely } from 'kysely';
import { makeAppendOnly, type DialectName } from '../dialect.ts';

/**
 * The audit hash chain moves out of the request path. Until now each audited transaction read
 * the last hash and linked its events under one global lock, so every audited write of the
 * installation committed one at a time. Events are now stored unlinked in the access's own
 * transaction, and a scheduled job seals them, in order, into `audit_seals`: an append-only
 * sequence whose every entry links one event to the entry before it. The events' own
 * `prev_hash`/`hash` columns go; the first sealing pass chains the events written before this
 * step, in their old order.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('audit_seals')
    .addColumn('position', 'bigint', (c) => c.primaryKey())
    .addColumn('event_seq', 'bigint', (c) => c.notNull().unique())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await makeAppendOnly(db, dialect, 'audit_seals');
  await db.schema.alterTable('audit_events').dropColumn('prev_hash').execute();
  await db.schema.alterTable('audit_events').dropColumn('hash').execute();
}
