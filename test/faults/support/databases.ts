import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate, openStore, type Store } from '../../../src/store/db.ts';
import type { DialectName } from '../../../src/store/dialect.ts';
import { createPgDatabase } from '../../support/pg-database.ts';

/** The engines a fault run covers: SQLite always, PostgreSQL when STEPWISE_TEST_PG is set. */
export function faultEngines(): DialectName[] {
  return inject('pgUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface PrivateDatabase {
  engine: DialectName;
  /** What `DATABASE_URL` gets. */
  url: string;
  /** The SQLite file (SQLite only). */
  file?: string;
  /** A scratch directory for this database's test (backups, logs). */
  dir: string;
  open(options?: { poolSize?: number }): Store;
  drop(): Promise<void>;
}

/**
 * A database of the test's own, migrated: a temp SQLite file, or a fresh PostgreSQL database
 * beside the run's test database. Fault tests count whole tables and kill servers mid-write, so
 * they never share a database with other test files.
 */
export async function privateDatabase(engine: DialectName): Promise<PrivateDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'stepwise-faults-'));
  let url: string;
  let file: string | undefined;
  let dropPg = async () => {};
  if (engine === 'sqlite') {
    file = join(dir, 'stepwise.db');
    url = file;
  } else {
    const base = inject('pgUrl');
    if (!base) throw new Error('PostgreSQL fault tests need STEPWISE_TEST_PG');
    const made = await createPgDatabase(base, 'stepwise_fault');
    const name = made.name;
    url = made.url;
    dropPg = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const store = openStore(url, { poolSize: 2 });
  await migrate(store);
  await store.close();
  return {
    engine,
    url,
    ...(file ? { file } : {}),
    dir,
    open: (options = {}) => openStore(url, { poolSize: options.poolSize ?? 2 }),
    drop: async () => {
      await dropPg();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `PRAGMA integrity_check` on a SQLite file, opened read-only from outside any server. */
export function sqliteIntegrity(file: string): string {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

/** Every table of the schema (migrations' bookkeeping aside). */
export async function tableNames(store: Store): Promise<string[]> {
  const rows =
    store.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%' and name not like 'stepwise_migrations%'
          order by name`.execute(store.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE'
            and table_name not like 'stepwise_migrations%'
          order by table_name`.execute(store.db);
  return rows.rows.map((r) => r.name);
}

/** Row counts of the given tables, in one round trip. */
export async function rowCounts(
  store: Store,
  tables: readonly string[],
): Promise<Record<string, number>> {
  const union = tables
    .map((t) => `select '${t}' as name, count(*) as n from ${t}`)
    .join(' union all ');
  const { rows } = await sql<{ name: string; n: number | string }>`${sql.raw(union)}`.execute(
    store.db,
  );
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
}
