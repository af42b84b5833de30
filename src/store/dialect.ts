import {
  sql,
  type Compilable,
  type Kysely,
  type OperationNodeSource,
  type RawBuilder,
} from 'kysely';

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
 * Hash chains (the audit log): writers append rows holding the chain's lock shared (they do not
 * wait for one another), from before their rows draw serial keys until they commit. The sealer's
 * `chainBarrier` takes it exclusively for an instant: then no writer is in flight, so every key
 * drawn so far is final — committed or rolled back — and every later row draws a larger one.
 * SQLite transactions already run one at a time (BEGIN IMMEDIATE); PostgreSQL takes a
 * transaction-scoped advisory lock.
 */
export interface ChainAppend {
  /** The chain's advisory lock key. */
  key: number;
  table: string;
  /** At least one row, all with the same columns (the serial key left to the table). */
  rows: readonly Record<string, string | number | null>[];
}

/** Take an advisory lock exclusively until the transaction ends (one sealer at a time). */
export async function lockChain(
  trx: Kysely<unknown>,
  dialect: DialectName,
  key: number,
): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}

/**
 * Wait until no writer of the chain is in flight, and answer the largest serial key drawn so far
 * (0 for none): every row up to it is final, every later row draws a larger key. Writers wait
 * only for that instant, not while the sealer works. On PostgreSQL one statement of its own
 * (its lock ends with it) that reads the sequence only once the lock is granted — the value
 * comes out of a join with the lock call; SQLite's writers run one at a time, so every
 * committed row is final.
 */
export async function chainBarrier(
  db: Kysely<unknown>,
  dialect: DialectName,
  chain: { key: number; table: string; column: string },
): Promise<number> {
  const { rows } =
    dialect === 'postgres'
      ? await sql<{ last: number | string | null }>`select pg_sequence_last_value(
            pg_get_serial_sequence(${chain.table}, ${chain.column})::regclass) as last
          from (select pg_advisory_xact_lock(${chain.key})) as l`.execute(db)
      : await sql<{
          last: number | null;
        }>`select max(${sql.ref(chain.column)}) as last from ${sql.table(chain.table)}`.execute(db);
  return Number(rows[0]?.last ?? 0);
}

/**
 * The INSERT of a chain's rows. On PostgreSQL the rows are selected from a join with the lock
 * call, which runs before any row comes out — so before any draws its serial key — and costs no
 * round trip of its own; `where` may gate the rows.
 */
function appendStatement(dialect: DialectName, a: ChainAppend, where?: RawBuilder<unknown>) {
  const columns = Object.keys(a.rows[0] ?? {});
  const into = sql`insert into ${sql.table(a.table)} (${sql.join(columns.map((c) => sql.ref(c)))})`;
  if (dialect !== 'postgres') {
    const values = a.rows.map((r) => sql`(${sql.join(columns.map((c) => r[c] ?? null))})`);
    return sql`${into} values ${sql.join(values)}`;
  }
  return sql`${into} select ${sql.join(columns.map((c) => sql.ref(`r.${c}`)))}
    from (select pg_advisory_xact_lock_shared(${a.key})) as l,
      json_populate_recordset(null::${sql.table(a.table)}, ${JSON.stringify(a.rows)}) as r
    ${where ? sql`where ${where}` : sql``}`;
}

/** Append rows to a chain inside the caller's transaction, holding its lock shared until it ends. */
export async function appendToChain(
  trx: Kysely<unknown>,
  dialect: DialectName,
  a: ChainAppend,
): Promise<void> {
  if (a.rows.length > 0) await appendStatement(dialect, a).execute(trx);
}

/**
 * Run `insert` — an INSERT that skips a taken key and returns a row when it inserts — and only
 * if it inserted, append `a` to its chain; atomically, like one transaction. True when it
 * inserted; when not, nothing was written. On PostgreSQL this is one statement (the insert in a
 * data-modifying WITH): one round trip where a transaction takes four (BEGIN, insert, append,
 * COMMIT). SQLite, in process, runs it as a transaction.
 */
export async function insertThenAppend(
  db: Kysely<unknown>,
  dialect: DialectName,
  insert: Compilable & OperationNodeSource,
  a: ChainAppend,
): Promise<boolean> {
  if (a.rows.length === 0) throw new Error('insertThenAppend needs rows to append');
  if (dialect === 'postgres') {
    const { rows } = await sql`with inserted as (${insert})
      ${appendStatement(dialect, a, sql`exists (select 1 from inserted)`)} returning 1`.execute(db);
    return rows.length > 0;
  }
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql`${insert}`.execute(trx);
    if (rows.length === 0) return false;
    await appendToChain(trx, dialect, a);
    return true;
  });
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
