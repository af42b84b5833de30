import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
} from 'kysely';
import pg from 'pg';
import type { DialectName } from './dialect.ts';
import { migrationProvider } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface Store {
  db: Db;
  dialect: DialectName;
  /** Where the data lives, without credentials (for logs and `backup`). */
  location: string;
  /** The SQLite handle, for the online backup API; undefined on PostgreSQL. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export const defaultDatabaseUrl = './data/stepwise.db';

/** Choose the engine from `DATABASE_URL`: `postgres://…` → PostgreSQL, anything else a SQLite file. */
export function openStore(
  url: string = defaultDatabaseUrl,
  options: { poolSize?: number } = {},
): Store {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options.poolSize ?? 10);
  return openSqlite(url.replace(/^sqlite:(\/\/)?/, ''));
}

function openPostgres(url: string, max: number): Store {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // bigserial keys and counts come back as JS numbers (safe far beyond any clinic's row count).
    types: {
      getTypeParser: (oid: number, format?: string) =>
        oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'),
    },
  });
  // An idle connection that PostgreSQL ends (a restart, a failover, an administrator) is dropped
  // from the pool and replaced on next use; without a listener it would crash the process.
  pool.on('error', (err) =>
    process.emitWarning(`a pooled PostgreSQL connection was closed: ${err.message}`),
  );
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const parsed = new URL(url);
  return {
    db,
    dialect: 'postgres',
    location: `postgres://${parsed.host}${parsed.pathname}`,
    close: () => db.destroy(),
  };
}

function openSqlite(file: string): Store {
  const path = file === ':memory:' ? file : resolve(file);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // better-sqlite3 12 opens connections with synchronous=NORMAL, which can lose a committed
  // write on power loss in WAL mode; FULL makes every acknowledged commit durable.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: cachingStatements(sqlite) }),
  });
  return { db, dialect: 'sqlite', location: path, sqlite, close: () => db.destroy() };
}

/** Prepared statements kept per SQL text; the least recently used go first beyond this. */
const statementCacheSize = 500;

/**
 * Kysely's SQLite driver prepares every query afresh, and better-sqlite3's `prepare` is about a
 * tenth of a check-in's CPU (bench profile). The queries are the same few hundred texts over
 * and over, so keep their statements. A statement still iterating (a streamed query) is never
 * handed out twice: the caller gets a fresh one.
 */
function cachingStatements(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      const hit = cache.get(sqlText);
      if (hit && !hit.busy) {
        cache.delete(sqlText); // re-inserted below: Map order is recency order
        cache.set(sqlText, hit);
        return hit;
      }
      const statement = sqlite.prepare(sqlText);
      if (!hit) {
        cache.set(sqlText, statement);
        if (cache.size > statementCacheSize) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}

/**
 * Every Stepwise transaction writes (at least its audit event), so take the write lock at
 * BEGIN: a deferred transaction that upgrades later can fail with SQLITE_BUSY regardless of
 * busy_timeout when another process (the CLI, a second server) writes at the same time.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/** Bring the schema up to date; throws with the failing step's name. */
export async function migrate(store: Store): Promise<string[]> {
  const migrator = new Migrator({
    db: store.db,
    provider: migrationProvider(store.dialect),
    migrationTableName: 'stepwise_migrations',
    migrationLockTableName: 'stepwise_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
  return (results ?? []).map((r) => r.migrationName);
}
