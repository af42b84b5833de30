import { isValidTimeZone } from '../domain/calendar.ts';
import { recordAudit } from '../store/audit.ts';
import {
  defaultTimeZone,
  ensureClinic,
  ensureLocation,
  findUserByEmail,
  insertClient,
  insertUser,
  normaliseEmail,
} from '../store/accounts.ts';
import type { Store } from '../store/db.ts';
import { findLocationNamed } from '../store/locations.ts';
import type { Role } from '../store/schema.ts';
import { AppError, conflict, validationError, type FieldError } from '../errors.ts';
import { passwordProblem } from './password-policy.ts';
import { hashPassword } from './passwords.ts';

export interface NewAccount {
  role: Role;
  email: string;
  name: string;
  password: string;
  /** For a client: the primary therapist's e-mail. */
  therapistEmail?: string;
  location?: string;
  /** For a client: an IANA zone; defaults to America/Toronto. */
  timeZone?: string;
  /** For an admin: the clinic's privacy officer (reviews break-the-glass access). */
  privacyOfficer?: boolean;
}

export interface CreatedAccount {
  id: string;
  role: Role;
  email: string;
  clientId?: string;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A plausible e-mail address: one `@`, a dot in the domain, at most 254 characters. */
export function isEmail(email: string): boolean {
  return emailPattern.test(email.trim()) && email.length <= 254;
}

function check(a: NewAccount): void {
  const errors: FieldError[] = [];
  if (!['admin', 'therapist', 'client'].includes(a.role))
    errors.push({ field: 'role', message: 'Use admin, therapist or client.' });
  if (!isEmail(a.email))
    errors.push({ field: 'email', message: 'Enter an e-mail address like name@example.org.' });
  if (a.name.trim().length === 0 || a.name.length > 200)
    errors.push({ field: 'name', message: 'Enter a name of 1 to 200 characters.' });
  const weak = passwordProblem(a.password, { email: a.email, name: a.name });
  if (weak) errors.push({ field: 'password', message: weak });
  if (a.timeZone !== undefined && !isValidTimeZone(a.timeZone))
    errors.push({ field: 'timezone', message: 'Use an IANA time zone such as America/Toronto.' });
  if (a.role === 'client' && !a.therapistEmail)
    errors.push({
      field: 'therapist',
      message: 'A client needs a primary therapist (--therapist EMAIL).',
    });
  if (a.role !== 'client' && a.therapistEmail)
    errors.push({ field: 'therapist', message: 'Only a client has a primary therapist.' });
  if (a.privacyOfficer && a.role !== 'admin')
    errors.push({ field: 'privacy-officer', message: 'Only an admin can be a privacy officer.' });
  if (errors.length > 0) throw validationError(errors);
}

/** Create a staff or client account (and for a client, the client record and care team). */
export async function createAccount(
  store: Store,
  a: NewAccount,
  now: Date,
  /** The clinic to add to; by default the installation's clinic (made on first use). */
  inClinic?: string,
): Promise<CreatedAccount> {
  check(a);
  const passwordHash = await hashPassword(a.password);
  return store.db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, a.email))
      throw conflict('email-taken', 'An account with this e-mail already exists.');
    const clinicId = inClinic ?? (await ensureClinic(trx, now));
    // A location is found by name in any case, or made; an archived one takes no one new.
    if (a.location && (await findLocationNamed(trx, clinicId, a.location))?.archived_at) {
      throw validationError([
        { field: 'location', message: 'This location is archived: bring it back first.' },
      ]);
    }
    const locationId = a.location ? await ensureLocation(trx, clinicId, a.location, now) : null;
    let therapistId: string | null = null;
    if (a.role === 'client' && a.therapistEmail) {
      const t = await findUserByEmail(trx, a.therapistEmail);
      if (!t || t.role !== 'therapist' || t.clinic_id !== clinicId)
        throw new AppError(400, 'validation', 'therapist: no therapist has that e-mail.', {
          errors: [{ field: 'therapist', message: 'No therapist has that e-mail.' }],
        });
      therapistId = t.id;
    }
    const id = await insertUser(
      trx,
      {
        clinicId,
        role: a.role,
        email: a.email,
        name: a.name.trim(),
        passwordHash,
        locationId,
        privacyOfficer: a.privacyOfficer === true,
      },
      now,
    );
    let clientId: string | undefined;
    if (a.role === 'client') {
      clientId = await insertClient(
        trx,
        {
          clinicId,
          userId: id,
          timeZone: a.timeZone ?? defaultTimeZone,
          locationId,
          therapistId,
        },
        now,
      );
    }
    await recordAudit(trx, store.dialect, { actorId: null, ip: null, now }, [
      { action: 'account.create', clientId: clientId ?? null, resource: `user/${id}` },
    ]);
    return { id, role: a.role, email: normaliseEmail(a.email), ...(clientId ? { clientId } : {}) };
  });
}
