import { sql, type Kysely } from 'kysely';

/** The two engines Stepwise runs on. All SQL that differs between them lives in this file. */
export type DialectName = 'sqlite' | 'postgres';

/** Column type of an auto-incrementing integer key. */
export function serialType(dialect: DialectName) {
  return dialect === 'postgres' ? sql`bigserial` : sql`integer`;
}

/** A double-precision number on both engines (`real` would be 4 bytes on PostgreSQL). */
export const doubleType = sql`double precision`;

/**
 * Make a table append-only: the database itself refuses UPDATE and DELETE, whoever asks.
 */
export async function makeAppendOnly(
  db: Kysely<unknown>,
  dialect: DialectName,
  table: string,
): Promise<void> {
  if (dialect === 'sqlite') {
    for (const op of ['update', 'delete']) {
      await sql
        .raw(
          `create trigger ${table}_no_${op} before ${op} on ${table}
           begin select raise(abort, '${table} is append-only'); end`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `create or replace function stepwise_append_only() returns trigger language plpgsql as $$
       begin raise exception '% is append-only', tg_table_name; end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${table}_append_only before update or delete on ${table}
       for each row execute function stepwise_append_only()`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${table}_no_truncate before truncate on ${table}
       for each statement execute function stepwise_append_only()`,
    )
    .execute(db);
}

/**
 * Writers of a hash chain take the lock `shared` (they do not wait for one another), its sealer
 * `exclusive`: once the sealer holds it, every transaction that wrote to the chain has ended and
 * none is in flight, until the sealer's transaction ends. SQLite transactions already run one at
 * a time (BEGIN IMMEDIATE); PostgreSQL takes a transaction-scoped advisory lock.
 */
export async function lockChain(
  trx: Kysely<unknown>,
  dialect: DialectName,
  key: number,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  if (dialect !== 'postgres') return;
  if (mode === 'shared') await sql`select pg_advisory_xact_lock_shared(${key})`.execute(trx);
  else await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}

/**
 * Lock the rows a claim reads, passing over rows another transaction holds (PostgreSQL's
 * `FOR UPDATE SKIP LOCKED`), so concurrent workers take different rows instead of queueing.
 * SQLite has one writer at a time and needs nothing.
 */
export function skipLocked<Q extends { forUpdate(): { skipLocked(): unknown } }>(
  query: Q,
  dialect: DialectName,
): Q {
  return dialect === 'postgres' ? (query.forUpdate().skipLocked() as Q) : query;
}
