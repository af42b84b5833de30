import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate, openStore, type Store } from '../../src/store/db.ts';
import type { DialectName } from '../../src/store/dialect.ts';
import { createPgDatabase } from './pg-database.ts';

export interface IsolatedDatabase {
  /** The DATABASE_URL of this database, for more stores or child processes. */
  url: string;
  open(): Store;
  drop(): Promise<void>;
}

/**
 * A migrated database of its own. Scheduled jobs scan every clinic on the database, so their
 * tests must not share one with suites that keep their own alerts and audit trails.
 */
export async function isolatedDatabase(engine: DialectName): Promise<IsolatedDatabase> {
  let url: string;
  let drop = async () => {};
  if (engine === 'sqlite') {
    url = join(mkdtempSync(join(tmpdir(), 'stepwise-iso-')), 'test.db');
  } else {
    const base = inject('pgUrl');
    const made = await createPgDatabase(base, 'stepwise_iso');
    const name = made.name;
    url = made.url;
    drop = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        // Without force: the pools are closed, but their sockets may take a moment to go, and
        // terminating them would surface as an unhandled error in their clients.
        for (let attempt = 0; ; attempt++) {
          try {
            await c.query(`drop database if exists ${name}`);
            break;
          } catch (err) {
            if ((err as { code?: string }).code !== '55006' || attempt > 50) throw err;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      } finally {
        await c.end();
      }
    };
  }
  const first = openStore(url);
  await migrate(first);
  await first.close();
  return { url, open: () => openStore(url, { poolSize: 4 }), drop };
}
