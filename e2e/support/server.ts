import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { createAccount, type CreatedAccount } from '../../src/services/accounts.ts';
import { base32Decode, hotp, timeStep } from '../../src/services/totp.ts';
import { defaultClinicSettings } from '../../src/store/accounts.ts';
import { migrate, openStore, type Store } from '../../src/store/db.ts';

export const password = 'Quiet-lake-2026-orchard-stones';

export interface TestServer {
  url: string;
  store: Store;
  /** Enrolled up front with `enrolAdmin`, else in the browser by a test, which puts the codes here. */
  admin: CreatedAccount & { name: string; recoveryCodes: string[] };
  /** Enrolled up front; each browser sign-in spends one recovery code. */
  therapist: CreatedAccount & {
    name: string;
    recoveryCodes: string[];
    /** The authenticator's key, for a test that re-authenticates with a code. */
    totpSecret: string;
  };
  client: CreatedAccount & { name: string; clientId: string };
  close(): Promise<void>;
}

/**
 * A real Stepwise on a temporary SQLite database, listening on 127.0.0.1 on a free port and
 * serving the built web app, with a therapist and one of their clients.
 */
export async function startServer(options: { enrolAdmin?: boolean } = {}): Promise<TestServer> {
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
    recoveryCodes: [] as string[],
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
    recoveryCodes: [] as string[],
    totpSecret: '',
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

  // The flows here are about the product, not the second sign-in step (tested in
  // test/integration/mfa.test.ts), so this clinic lets staff in with a password alone.
  await store.db
    .updateTable('clinics')
    .set({ settings: JSON.stringify({ ...defaultClinicSettings, mfaRequiredForStaff: false }) })
    .execute();
  // Staff pass a second factor at sign-in (the clinic default, set here so the test says so).
  const clinic = await store.db
    .selectFrom('clinics')
    .select(['id', 'settings'])
    .executeTakeFirstOrThrow();
  await store.db
    .updateTable('clinics')
    .set({
      settings: JSON.stringify({ ...JSON.parse(clinic.settings), mfaRequiredForStaff: true }),
    })
    .where('id', '=', clinic.id)
    .execute();
  const app: FastifyInstance = buildApp({ store });
  ({ recoveryCodes: therapist.recoveryCodes, secret: therapist.totpSecret } =
    await enrolAuthenticator(app, therapist.email));
  if (options.enrolAdmin)
    admin.recoveryCodes = (await enrolAuthenticator(app, admin.email)).recoveryCodes;
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

/** The current code of an authenticator holding this base32 secret. */
export function totpNow(secret: string): string {
  return hotp(base32Decode(secret), timeStep(new Date()));
}

/** Staff must pass a second factor: enrol one through the API and keep its key and recovery codes. */
async function enrolAuthenticator(
  app: FastifyInstance,
  email: string,
): Promise<{ recoveryCodes: string[]; secret: string }> {
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
  });
  const headers = {
    cookie: String(login.headers['set-cookie']).split(';')[0] ?? '',
    'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
  };
  const enrol = await app.inject({ method: 'POST', url: '/api/auth/mfa/enrol', headers });
  const { secret } = enrol.json<{ secret: string }>();
  const confirm = await app.inject({
    method: 'POST',
    url: '/api/auth/mfa/confirm',
    headers,
    payload: { code: totpNow(secret) },
  });
  if (confirm.statusCode !== 200) throw new Error(`MFA enrolment failed: ${confirm.body}`);
  return { recoveryCodes: confirm.json<{ recoveryCodes: string[] }>().recoveryCodes, secret };
}
