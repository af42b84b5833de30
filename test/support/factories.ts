import { randomUUID } from 'node:crypto';
import {
  insertClient,
  insertUser,
  ensureLocation,
  defaultClinicSettings,
} from '../../src/store/accounts.ts';
import type { Store } from '../../src/store/db.ts';
import type { Role } from '../../src/store/schema.ts';
import { hashPassword } from '../../src/services/passwords.ts';

export const testPassword = 'correct horse battery staple';
let hashed: Promise<string> | undefined;
const passwordHash = () => (hashed ??= hashPassword(testPassword));

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  name: string;
  clientId?: string;
}

export interface TestClinic {
  id: string;
  admin: TestUser;
  therapist: TestUser;
  /** A second therapist of the same clinic, not on the client's care team. */
  otherTherapist: TestUser;
  client: TestUser & { clientId: string };
  /** Another client of the same clinic, of `otherTherapist`. */
  otherClient: TestUser & { clientId: string };
}

/** A fresh clinic of its own (so tests never see each other's data), with staff and two clients. */
/**
 * A fresh clinic of its own. Staff MFA is off unless `mfa` is set, so suites about other things
 * sign in with a password alone; test/integration/mfa.test.ts covers the default (on).
 */
export async function buildClinic(
  store: Store,
  now = new Date(),
  options: { mfa?: boolean } = {},
): Promise<TestClinic> {
  const tag = randomUUID().slice(0, 8);
  const clinicId = randomUUID();
  const hash = await passwordHash();
  return store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('clinics')
      .values({
        id: clinicId,
        name: `Clinic ${tag}`,
        settings: JSON.stringify({
          ...defaultClinicSettings,
          mfaRequiredForStaff: options.mfa ?? false,
        }),
        created_at: now.toISOString(),
      })
      .execute();
    const locationId = await ensureLocation(trx, clinicId, 'Barrie', now);
    const user = async (role: Role, name: string): Promise<TestUser> => {
      const email = `${name.toLowerCase().replace(/\s+/g, '.')}.${tag}@test.example`;
      const id = await insertUser(
        trx,
        { clinicId, role, email, name, passwordHash: hash, locationId },
        now,
      );
      return { id, email, role, name };
    };
    const admin = await user('admin', 'Ada Admin');
    const therapist = await user('therapist', 'Theo Therapist');
    const otherTherapist = await user('therapist', 'Olga Therapist');
    const clientUser = await user('client', 'Cleo Client');
    const otherUser = await user('client', 'Omar Client');
    const clientId = await insertClient(
      trx,
      {
        clinicId,
        userId: clientUser.id,
        timeZone: 'America/Toronto',
        locationId,
        therapistId: therapist.id,
      },
      now,
    );
    const otherClientId = await insertClient(
      trx,
      {
        clinicId,
        userId: otherUser.id,
        timeZone: 'America/Toronto',
        locationId,
        therapistId: otherTherapist.id,
      },
      now,
    );
    return {
      id: clinicId,
      admin,
      therapist,
      otherTherapist,
      client: { ...clientUser, clientId },
      otherClient: { ...otherUser, clientId: otherClientId },
    };
  });
}
