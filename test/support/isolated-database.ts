import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate, openStore, type Store } from '../../src/store/db.ts';
import type { DialectName } from '../../src/store/dialect.ts';
import { createPgDatabase } from './pg-database.ts';

export interface IsolatedDatabase {
  /** The DATABASE_URL of this database, for more stores or child processes. */
  url: string;
  open(): Store;
  /**
   * A copy of the database as it is now, made the way an operator would: a file copy (SQLite)
   * or `CREATE DATABASE … TEMPLATE` (PostgreSQL). Close every store of this one first.
   */
  copy(): Promise<IsolatedDatabase>;
  drop(): Promise<void>;
}

/**
 * A migrated database of its own. Scheduled jobs scan every clinic on the database, so their
 * tests must not share one with suites that keep their own alerts and audit trails.
 */
export async function isolatedDatabase(engine: DialectName): Promise<IsolatedDatabase> {
  const made = engine === 'sqlite' ? sqliteDatabase() : await pgDatabase();
  const first = openStore(made.url);
  await migrate(first);
  await first.close();
  return made;
}

function sqliteDatabase(from?: string): IsolatedDatabase {
  const url = join(mkdtempSync(join(tmpdir(), 'stepwise-iso-')), 'test.db');
  // A closed SQLite database is one file (the last connection checkpoints and removes the WAL).
  if (from) copyFileSync(from, url);
  return {
    url,
    open: () => openStore(url),
    copy: async () => sqliteDatabase(url),
    drop: async () => {},
  };
}

async function pgDatabase(template?: string): Promise<IsolatedDatabase> {
  const base = inject('pgUrl');
  const { url, name } = template
    ? await retryWhileInUse(() => createPgDatabase(base, 'stepwise_iso', template))
    : await createPgDatabase(base, 'stepwise_iso');
  return {
    url,
    open: () => openStore(url, { poolSize: 4 }),
    copy: () => pgDatabase(name),
    drop: () => retryWhileInUse(() => adminQuery(base, `drop database if exists ${name}`)),
  };
}

/**
 * PostgreSQL refuses to drop or copy a database while sessions are connected to it (55006).
 * The pools are closed, but their sockets may take a moment to go, and terminating them would
 * surface as an unhandled error in their clients: wait for them instead.
 */
async function retryWhileInUse<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if ((err as { code?: string }).code !== '55006' || attempt > 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function adminQuery(base: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}
