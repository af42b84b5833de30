import Database from 'better-sqlite3';
import pg from 'pg';

const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url);

/**
 * Run one statement on either engine, `?` placeholders, on a connection of its own (for setup
 * and checks, never on a measured path). Returns the rows of a query.
 */
export async function queryRows<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  if (isPostgres(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (
        await client.query(
          sql.replace(/\?/g, (_, i: number) => `$${nth(sql, i)}`),
          params,
        )
      ).rows as T[];
    } finally {
      await client.end();
    }
  }
  const db = new Database(url.replace(/^sqlite:(\/\/)?/, ''));
  try {
    db.pragma('busy_timeout = 5000');
    const stmt = db.prepare(sql);
    return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
  } finally {
    db.close();
  }
}

/** The 1-based number of the `?` at offset `at` in `sql`. */
function nth(sql: string, at: number): number {
  return sql.slice(0, at + 1).split('?').length - 1;
}

export async function countRows(url: string, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(url, sql, params);
  return Number(row?.n ?? 0);
}
