import pg from 'pg';
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
import { rate, type BuildResult, type LoadRate } from './sqlite-builder.ts';

function columnsOf(flat: Row, width: number): Row[] {
  const rows = flat.length / width;
  const cols: Row[] = Array.from({ length: width }, () => new Array(rows));
  for (let r = 0, o = 0; r < rows; r++) for (let c = 0; c < width; c++) cols[c]![r] = flat[o++]!;
  return cols;
}

function unnestInsert(table: string, columns: readonly string[], types: readonly string[]) {
  const args = columns.map((_, i) => `$${i + 1}::${types[i] ?? 'text'}[]`).join(', ');
  return `insert into ${table} (${columns.join(', ')}) select * from unnest(${args})`;
}

/** Parameter types of the small tables' and bench_goals' columns (everything else is text). */
const numeric: Record<string, string> = {
  is_primary: 'int4',
  priority: 'int4',
  baseline: 'float8',
  target: 'float8',
  gas_weight: 'float8',
  version: 'int4',
  total: 'int4',
  risk_flag: 'int4',
  is_scale: 'int4',
  start: 'float8',
  drift: 'float8',
  noise: 'float8',
};

/**
 * Build the network into a fresh PostgreSQL database: the schema by the product's migrations,
 * then the rows through `pg` as `INSERT … SELECT FROM unnest(arrays)` — one parameter per
 * column, a day (24,000 rows at full scale) per statement, on two connections at once, the
 * next day generated while the server stores the last. The check-ins load without the table's secondary indexes (made again
 * afterwards by one sort each) and, like pg_restore's --disable-triggers, without per-row
 * foreign-key triggers (the rows are consistent by construction). Before that, the baseline
 * loads check-ins for `baselineSeconds` the plain way — one 1,000-row INSERT per transaction
 * into the migrated table, all indexes and checks on — and those rows are removed.
 */
export async function buildPostgres(
  url: string,
  net: Network,
  baselineSeconds: number,
  progress: (line: string) => void,
): Promise<BuildResult> {
  const store = openStore(url, { poolSize: 1 });
  await migrate(store);
  await store.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    for (const t of net.tables) {
      const types = t.columns.map((c) => numeric[c] ?? 'text');
      const sql = unnestInsert(t.name, t.columns, types);
      for (let i = 0; i < t.rows.length; i += 20_000) {
        await client.query(sql, columnsOf(t.rows.slice(i, i + 20_000).flat(), t.columns.length));
      }
    }
    await client.query('commit');

    const baseline = await timed('postgres: plain-rate baseline', () =>
      loadBaseline(client, net, baselineSeconds),
    );
    // Cascade: tables that refer to check-ins (plan_uses) are empty in the network.
    await client.query('truncate check_ins cascade');
    progress(
      `postgres baseline: ${baseline.rows.toLocaleString('en')} rows in ${baseline.seconds.toFixed(1)} s (one 1,000-row INSERT per transaction)`,
    );

    const started = performance.now();
    const { rows: indexes } = await client.query<{ name: string; def: string }>(
      `select i.indexname as name, i.indexdef as def from pg_indexes i
        where i.tablename = 'check_ins' and i.schemaname = current_schema()
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    );
    for (const ix of indexes) await client.query(`drop index ${ix.name}`);

    await client.query(createGoalsTable);
    const goalTypes = goalsTable.columns.map((c) => numeric[c] ?? 'text');
    await client.query(
      unnestInsert(goalsTable.name, goalsTable.columns, goalTypes),
      columnsOf(goalRows(net).flat(), goalsTable.columns.length),
    );
    const total = checkInCount(net.shape);
    let done = 0;
    let lastReport = started;
    // Two loaders take the days in turn, so the server makes and stores rows on both cores.
    let next = 0;
    const loader = async () => {
      const c = await openLoader(url);
      try {
        for (let d = next++; d < net.shape.days; d = next++) {
          const p = dayParams(net, d);
          const res = await c.query(checkInDaySql.postgres, [p.d, p.dayMs, p.day]);
          done += res.rowCount ?? 0;
          if (performance.now() - lastReport > 20_000) {
            lastReport = performance.now();
            progress(
              `postgres build: ${done.toLocaleString('en')} of ${total.toLocaleString('en')}`,
            );
          }
        }
      } finally {
        await c.end();
      }
    };
    await timed('postgres: check-ins made in SQL', () => Promise.all([loader(), loader()]));
    await client.query(`drop table ${goalsTable.name}`);
    progress('postgres build: indexing, vacuuming and analysing');
    // Each index on its own connection: CREATE INDEX takes a share lock, so they build at once.
    // Then VACUUM, as autovacuum would soon after a load on a running server: it marks the
    // pages all-visible, without which every "index-only" read of the check-ins (the dashboard's,
    // the jobs') also fetches each row from the table: 500 goals' last 21 days took 2.2 s with
    // 10,500 heap fetches, 0.33 s with none.
    await timed('postgres: index builds, vacuum and analyze', async () => {
      await Promise.all(indexes.map((ix) => onConnection(url, (c) => c.query(ix.def))));
      await client.query('vacuum (analyze)');
    });
    const seconds = (performance.now() - started) / 1000;
    return { build: rate(done, seconds), baseline };
  } finally {
    await client.end();
  }
}

/**
 * A connection that loads without per-row foreign-key triggers (like pg_restore's
 * --disable-triggers; the rows are consistent by construction). Each statement is its own
 * transaction, committed without waiting for the WAL flush: a crash mid-build means a rebuild.
 */
async function openLoader(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("set session_replication_role = 'replica'");
  await client.query('set synchronous_commit = off');
  return client;
}

async function onConnection<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("set maintenance_work_mem = '512MB'");
    return await work(client);
  } finally {
    await client.end();
  }
}

async function loadBaseline(client: pg.Client, net: Network, seconds: number): Promise<LoadRate> {
  const width = checkInColumns.length;
  const one = (r: number) => `(${checkInColumns.map((_, c) => `$${r * width + c + 1}`).join(',')})`;
  const sql = {
    name: 'baseline-insert-1000',
    text: `insert into check_ins (${checkInColumns.join(',')}) values ${Array.from({ length: 1000 }, (_, r) => one(r)).join(',')}`,
  };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let rows = 0;
  outer: for (const day of checkInDays(net)) {
    for (let i = 0; i + 1000 * width <= day.length; i += 1000 * width) {
      // Outside BEGIN … COMMIT each statement is its own transaction.
      await client.query({ ...sql, values: day.slice(i, i + 1000 * width) });
      rows += 1000;
      if (performance.now() >= deadline) break outer;
    }
  }
  return rate(rows, (performance.now() - started) / 1000);
}
