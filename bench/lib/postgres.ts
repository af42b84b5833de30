import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface BenchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for this run on the server behind `adminUrl` (which names an existing
 * database to connect to, e.g. `postgres`), dropped at the end — never anyone else's data.
 */
export async function createBenchDatabase(
  adminUrl: string,
  tag: string,
  template?: string,
): Promise<BenchDatabase> {
  const name = `stepwise_bench_${tag}_${randomBytes(4).toString('hex')}`;
  await admin(adminUrl, `create database ${name}${template ? ` template ${template}` : ''}`);
  return {
    url: databaseUrl(adminUrl, name),
    name,
    drop: () => dropDatabase(adminUrl, name),
  };
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await admin(adminUrl, `drop database if exists ${name} with (force)`);
}

/** Databases whose names start with `prefix`, with their comments. */
export async function databasesLike(
  adminUrl: string,
  prefix: string,
): Promise<{ name: string; comment: string | null }[]> {
  return (
    await admin<{ name: string; comment: string | null }>(
      adminUrl,
      `select datname as name, shobj_description(oid, 'pg_database') as comment
         from pg_database where starts_with(datname, $1)`,
      [prefix],
    )
  ).rows;
}

/** Copy `source` (no one connected to it) to `name`, a server-side file copy, with a comment. */
export async function copyDatabase(
  adminUrl: string,
  source: string,
  name: string,
  comment: string,
): Promise<void> {
  await admin(adminUrl, `create database ${name} template ${source}`);
  await admin(adminUrl, `comment on database ${name} is ${pg.escapeLiteral(comment)}`);
}

async function admin<T extends pg.QueryResultRow>(
  adminUrl: string,
  statement: string,
  params: unknown[] = [],
): Promise<pg.QueryResult<T>> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query<T>(statement, params);
  } finally {
    await client.end();
  }
}

/** Where a URL points, without any password, for logs and the results file. */
export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}
