import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { openStore } from '../../src/store/db.ts';

const pgUrl = inject('pgUrl');

describe.runIf(pgUrl)('PostgreSQL pool', () => {
  it('survives PostgreSQL ending an idle connection (a restart, a failover) and reconnects', async () => {
    const store = openStore(pgUrl!, { poolSize: 1 });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db))
        .rows[0]!.pid;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await admin.end();
      await expect.poll(() => warnings.length).toBeGreaterThan(0);
      expect(warnings[0]).toMatch(/pooled PostgreSQL connection was closed/);
      const again = await sql<{ one: number }>`select 1 as one`.execute(store.db);
      expect(again.rows).toEqual([{ one: 1 }]);
    } finally {
      process.off('warning', onWarning);
      await store.close();
    }
  });
});
