import Database from 'better-sqlite3';
import pg from 'pg';
import { dashboardSql } from './dashboard-sql.ts';
import { bareServer } from './server.ts';

/**
 * The dashboard's SQL alone, answered as JSON: GET /dashboard?therapist=&clinic= runs the one
 * statement on the engine of BENCH_DB (a SQLite file or a postgres:// URL) and sends its rows.
 */
const url = process.env.BENCH_DB!;
const DAY = 86_400_000;
type Query = { therapist: string; clinic: string };
let run: (args: string[]) => Promise<unknown[]>;
if (/^postgres(ql)?:/.test(url)) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  run = async (args) =>
    (await pool.query({ name: 'dashboard', text: dashboardSql.postgres, values: args })).rows;
} else {
  const db = new Database(url, { readonly: true });
  db.pragma('busy_timeout = 5000');
  const stmt = db.prepare(dashboardSql.sqlite);
  run = async (args) => stmt.all(Object.fromEntries(args.map((a, i) => [`p${i + 1}`, a])));
}

const { app, listen } = bareServer();
app.get<{ Querystring: Query }>('/dashboard', async (req) => {
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const rows = await run([
    req.query.therapist,
    req.query.clinic,
    iso(now),
    iso(now - 7 * DAY),
    iso(now - 28 * DAY),
  ]);
  return { goals: rows };
});
await listen();
