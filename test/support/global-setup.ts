import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, openStore } from '../../src/store/db.ts';
import { createPgDatabase } from './pg-database.ts';

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
  const { url, name } = await createPgDatabase(base, 'stepwise_test');
  const store = openStore(url);
  await migrate(store);
  await store.close();
  project.provide('pgUrl', url);

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
