import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, openStore } from '../../src/store/db.ts';

/**
 * With STEPWISE_TEST_PG set, make one fresh PostgreSQL database for this run, migrate it, and
 * drop it afterwards. Test files share it; each test builds its own clinic, so none truncates.
 */
export default async function setup(project: TestProject) {
  const base = process.env.STEPWISE_TEST_PG;
  if (!base) {
    project.provide('pgUrl', '');
    return;
  }
  const name = `stepwise_test_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const store = openStore(url.toString());
  await migrate(store);
  await store.close();
  project.provide('pgUrl', url.toString());

  return async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}
