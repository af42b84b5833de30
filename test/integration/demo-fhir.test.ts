import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { seedDemo } from '../../src/services/demo.ts';
import { migrate, openStore, type Store } from '../../src/store/db.ts';
import { expectValidBundle } from '../support/fhir-validation.ts';
import { Session } from '../support/http.ts';

/**
 * Issue 6's bar: the demo clinic's bundles validate with zero errors. The demo picks its own
 * clinic, so it gets a database of its own (SQLite; the FHIR suite covers PostgreSQL too).
 */
describe('FHIR bundles of the demo clinic', () => {
  let store: Store;
  let app: ReturnType<typeof buildApp>;
  const now = new Date('2026-05-20T18:00:00.000Z');
  beforeAll(async () => {
    store = openStore(join(mkdtempSync(join(tmpdir(), 'stepwise-demo-fhir-')), 'demo.db'));
    await migrate(store);
    app = buildApp({ store, clock: () => now });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('validate for every client, every resource, with required codes in their value sets', async () => {
    const logins = await seedDemo(store, now);
    const admin = logins.accounts.find((a) => a.role === 'admin')!;
    const s = new Session(app);
    expect((await s.login({ email: admin.email }, admin.password)).statusCode).toBe(200);
    const { clients } = (await s.get('/api/clients')).json<{ clients: { id: string }[] }>();
    expect(clients.length).toBeGreaterThan(0);
    let total = 0;
    for (const c of clients) {
      const bundle = (await s.get(`/api/clients/${c.id}/fhir`)).json<Bundle>();
      total += expectValidBundle(bundle).resources;
    }
    expect(total).toBeGreaterThan(clients.length);
    console.log(`demo FHIR: ${clients.length} bundles, ${total} resources validated, 0 errors`);
  }, 120_000);
});
