import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { migrate, openStore, type Store } from '../../src/store/db.ts';
import type { DialectName } from '../../src/store/dialect.ts';
import { FakeClock } from './clock.ts';

export interface Harness {
  engine: DialectName;
  store: Store;
  app: ReturnType<typeof buildApp>;
  clock: FakeClock;
}

/** The engines this run covers: SQLite always, PostgreSQL when STEPWISE_TEST_PG is set. */
export function engines(): DialectName[] {
  return inject('pgUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

async function openEngine(engine: DialectName): Promise<Store> {
  if (engine === 'postgres') return openStore(inject('pgUrl'), { poolSize: 4 });
  const dir = mkdtempSync(join(tmpdir(), 'stepwise-test-'));
  const store = openStore(join(dir, 'test.db'));
  await migrate(store);
  return store;
}

/**
 * Run a suite once per engine against the real app and a real database. The harness is ready
 * inside tests (not at collection time).
 */
export function describeEachEngine(name: string, suite: (h: () => Harness) => void): void {
  for (const engine of engines()) {
    describe(`${name} [${engine}]`, () => {
      let harness: Harness | undefined;
      beforeAll(async () => {
        const store = await openEngine(engine);
        const clock = new FakeClock();
        const app = buildApp({ store, clock: clock.now });
        await app.ready();
        harness = { engine, store, app, clock };
      });
      afterAll(async () => {
        await harness?.app.close();
        await harness?.store.close();
      });
      suite(() => {
        if (!harness) throw new Error('harness not ready');
        return harness;
      });
    });
  }
}
