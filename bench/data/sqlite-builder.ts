import type SQLite from 'better-sqlite3';
import { migrate, openStore } from '../../src/store/db.ts';
import { timed } from '../lib/phases.ts';
import {
  checkInDaySql,
  createGoalsTable,
  dayParams,
  goalRows,
  goalsTable,
} from './check-in-sql.ts';
import { checkInColumns, checkInCount, checkInDays, type Network, type Row } from './network.ts';

export interface LoadRate {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

export interface BuildResult {
  /** The whole data set, built the fast way. */
  build: LoadRate;
  /** One 1,000-row INSERT per transaction, for a bounded time, into the same empty table. */
  baseline: LoadRate;
}

export const rate = (rows: number, seconds: number): LoadRate => ({
  rows,
  seconds,
  rowsPerSecond: seconds > 0 ? rows / seconds : 0,
});

function insertSql(tableName: string, columns: readonly string[], rows: number): string {
  const one = `(${columns.map(() => '?').join(',')})`;
  return `insert into ${tableName} (${columns.join(',')}) values ${Array(rows).fill(one).join(',')}`;
}

/** Insert rows given flat (row-major), `perStatement` rows to a statement, the rest one by one. */
function insertFlat(
  db: SQLite.Database,
  tableName: string,
  columns: readonly string[],
  flat: Row,
  perStatement: number,
  cache: Map<number, SQLite.Statement>,
): void {
  const width = columns.length;
  const total = flat.length / width;
  const stmt = (n: number) => {
    let s = cache.get(n);
    if (!s) cache.set(n, (s = db.prepare(insertSql(tableName, columns, n))));
    return s;
  };
  let i = 0;
  for (; i + perStatement <= total; i += perStatement)
    stmt(perStatement).run(flat.slice(i * width, (i + perStatement) * width));
  if (i < total) stmt(total - i).run(flat.slice(i * width));
}

/**
 * Build the network into a SQLite file: the schema by the product's own migrations, then the
 * rows straight through better-sqlite3. The check-ins go in the way bulk loads are done: the
 * table's secondary indexes are dropped and made again afterwards (one sort instead of millions
 * of random B-tree inserts), large transactions, no journal while loading; WAL is switched on
 * at the end, as the product expects. Before that, the baseline loads check-ins for
 * `baselineSeconds` the plain way — one 1,000-row INSERT per transaction into the migrated
 * table with all its indexes, WAL and synchronous=FULL, as the app opens it — and those rows
 * are deleted.
 */
export async function buildSqlite(
  file: string,
  net: Network,
  baselineSeconds: number,
  progress: (line: string) => void,
): Promise<BuildResult> {
  const store = openStore(file);
  await migrate(store);
  await store.close();
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // 1 GiB of page cache for both loaders, so neither waits on re-reading index pages.
  db.pragma('cache_size = -1048576');

  db.transaction(() => {
    for (const t of net.tables) {
      const cache = new Map<number, SQLite.Statement>();
      insertFlat(db, t.name, t.columns, t.rows.flat(), 200, cache);
    }
  })();

  const baseline = await timed('sqlite: plain-rate baseline', () =>
    loadBaseline(db, net, baselineSeconds),
  );
  db.exec('delete from check_ins');
  db.pragma('wal_checkpoint(TRUNCATE)');
  progress(
    `sqlite baseline: ${baseline.rows.toLocaleString('en')} rows in ${baseline.seconds.toFixed(1)} s (one 1,000-row INSERT per transaction)`,
  );

  const started = performance.now();
  // WAL cannot go straight to OFF, and better-sqlite3's defensive mode forbids OFF anyway: an
  // in-memory rollback journal is the cheapest it allows. A crash mid-build means a rebuild.
  db.pragma('journal_mode = DELETE');
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  // CREATE INDEX sorts: in memory, with a helper thread.
  db.pragma('temp_store = MEMORY');
  db.pragma('threads = 2');
  // The generated rows are consistent by construction; checking three parents per row would
  // double the load time.
  db.pragma('foreign_keys = OFF');
  const indexes = db
    .prepare(
      "select name, sql from sqlite_master where type = 'index' and tbl_name = 'check_ins' and sql is not null",
    )
    .all() as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`drop index ${ix.name}`);

  db.exec(createGoalsTable);
  insertFlat(db, goalsTable.name, goalsTable.columns, goalRows(net).flat(), 200, new Map());
  const day = db.prepare(checkInDaySql.sqlite);
  // A day per statement, 250,000 rows or so per transaction.
  const daysPerTransaction = Math.max(1, Math.floor(250_000 / net.goals.length));
  const total = checkInCount(net.shape);
  let done = 0;
  let lastReport = started;
  await timed('sqlite: check-ins made in SQL', () => {
    for (let d = 0; d < net.shape.days; d += daysPerTransaction) {
      db.transaction(() => {
        for (let i = d; i < Math.min(net.shape.days, d + daysPerTransaction); i++)
          done += day.run(dayParams(net, i)).changes;
      })();
      if (performance.now() - lastReport > 20_000) {
        lastReport = performance.now();
        progress(
          `sqlite build: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} check-ins`,
        );
      }
    }
  });
  db.exec(`drop table ${goalsTable.name}`);
  progress('sqlite build: indexing');
  await timed('sqlite: index builds', () => {
    for (const ix of indexes) db.exec(ix.sql);
  });
  db.pragma('journal_mode = WAL');
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { build: rate(done, seconds), baseline };
}

function loadBaseline(db: SQLite.Database, net: Network, seconds: number): LoadRate {
  const width = checkInColumns.length;
  const stmt = db.prepare(insertSql('check_ins', checkInColumns, 1000));
  const begin = db.prepare('begin');
  const commit = db.prepare('commit');
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let rows = 0;
  outer: for (const day of checkInDays(net)) {
    for (let i = 0; i + 1000 * width <= day.length; i += 1000 * width) {
      begin.run();
      stmt.run(day.slice(i, i + 1000 * width));
      commit.run();
      rows += 1000;
      if (performance.now() >= deadline) break outer;
    }
  }
  return rate(rows, (performance.now() - started) / 1000);
}
