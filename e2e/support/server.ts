import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { createAccount, type CreatedAccount } from '../../src/services/accounts.ts';
import { migrate, openStore, type Store } from '../../src/store/db.ts';

export const password = 'Quiet-lake-2026-orchard-stones';

export interface TestServer {
  url: string;
  store: Store;
  admin: CreatedAccount & { name: string };
  therapist: CreatedAccount & { name: string };
  client: CreatedAccount & { name: string; clientId: string };
  close(): Promise<void>;
}

/**
 * A real Stepwise on a temporary SQLite database, listening on 127.0.0.1 on a free port and
 * serving the built web app, with a therapist and one of their clients.
 */
export async function startServer(): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'stepwise-e2e-'));
  const store = openStore(join(dir, 'stepwise.db'));
  await migrate(store);
  const now = new Date();
  const admin = {
    ...(await createAccount(
      store,
      { role: 'admin', email: 'ada@clinic.example', name: 'Ada Admin', password },
      now,
    )),
    name: 'Ada Admin',
  };
  const therapist = {
    ...(await createAccount(
      store,
      {
        role: 'therapist',
        email: 'theo@clinic.example',
        name: 'Theo Therapist',
        password,
        location: 'Barrie',
      },
      now,
    )),
    name: 'Theo Therapist',
  };
  const created = await createAccount(
    store,
    {
      role: 'client',
      email: 'casey@client.example',
      name: 'Casey Client',
      password,
      therapistEmail: therapist.email,
      location: 'Barrie',
      timeZone: 'America/Toronto',
    },
    now,
  );
  if (!created.clientId) throw new Error('the client account has no client record');
  const client = { ...created, clientId: created.clientId, name: 'Casey Client' };

  const app: FastifyInstance = buildApp({ store });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    store,
    admin,
    therapist,
    client,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
