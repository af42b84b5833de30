import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A fresh PostgreSQL database next to `base` (whose server and credentials it uses), named
 * `<prefix>_<random>`: empty, or a copy of the database `template`. Returns its URL and name;
 * the caller drops it its own way.
 */
export async function createPgDatabase(
  base: string,
  prefix: string,
  template?: string,
): Promise<{ url: string; name: string }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  u.pathname = `/${name}`;
  return { url: u.toString(), name };
}
