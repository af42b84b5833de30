import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Actor } from './scope.ts';
import { clinicRequiresStaffMfa } from './accounts.ts';
import { activeBreakGlassClientIds } from './break-glass.ts';
import { compileOnce } from './compile-once.ts';

export const sessionLimits = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
  /** last_seen_at is refreshed at most this often, so a busy client does not write on every request. */
  touchEveryMs: 60_000,
} as const;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new session: the cookie gets the 256-bit token; the database keeps only its hash. */
export async function createSession(
  trx: Kysely<Database>,
  userId: string,
  ip: string | null,
  now: Date,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const at = now.toISOString();
  await trx
    .insertInto('auth_sessions')
    .values({
      mfa_at: null,
      reauth_at: null,
      id_hash: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
      ip,
    })
    .execute();
  return { token, csrfToken };
}

export interface LiveSession {
  idHash: string;
  csrfToken: string;
  actor: Actor;
  mfaAt: string | null;
  reauthAt: string | null;
  /** A confirmed authenticator is on the account. */
  mfaEnrolled: boolean;
  /** The clinic requires MFA of staff and this is a staff account. */
  mfaRequiredByClinic: boolean;
  /** This account must pass a second factor in every session. */
  mfaRequired: boolean;
}

/** The session row behind a token hash, with its user, client, clinic and factor; built once. */
const sessionLookup = compileOnce((db, idHash: string, now: string) =>
  db
    .selectFrom('auth_sessions')
    .innerJoin('users', 'users.id', 'auth_sessions.user_id')
    .leftJoin('clients', 'clients.user_id', 'users.id')
    .innerJoin('clinics', 'clinics.id', 'users.clinic_id')
    .leftJoin('mfa_factors', 'mfa_factors.user_id', 'users.id')
    .select((eb) => [
      // Whether the person holds any live break-the-glass grant: almost never, so the grants
      // themselves are read in a second query only then, not on every request.
      eb
        .selectFrom('break_glass_grants as g')
        .select((g) => g.fn.countAll<number | string>().as('n'))
        .whereRef('g.user_id', '=', 'users.id')
        .where('g.expires_at', '>', now)
        .as('live_grants'),
      'auth_sessions.csrf_token',
      'auth_sessions.mfa_at',
      'auth_sessions.reauth_at',
      'clinics.settings',
      'mfa_factors.confirmed_at as mfa_confirmed_at',
      'auth_sessions.created_at',
      'auth_sessions.last_seen_at',
      'users.id as user_id',
      'users.clinic_id',
      'users.role',
      'users.name',
      'users.email',
      'users.disabled_at',
      'users.privacy_officer',
      'clients.id as client_id',
    ])
    .where('auth_sessions.id_hash', '=', idHash),
);

/** The session behind a cookie token if it is still alive; expired ones are deleted on sight. */
export async function findLiveSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<LiveSession | undefined> {
  const idHash = hashToken(token);
  const [row] = await sessionLookup(db, idHash, now.toISOString());
  if (!row) return undefined;
  const t = now.getTime();
  const expired =
    row.disabled_at !== null ||
    t - Date.parse(row.last_seen_at) > sessionLimits.idleMs ||
    t - Date.parse(row.created_at) > sessionLimits.absoluteMs;
  if (expired) {
    await db.deleteFrom('auth_sessions').where('id_hash', '=', idHash).execute();
    return undefined;
  }
  if (t - Date.parse(row.last_seen_at) > sessionLimits.touchEveryMs) {
    await db
      .updateTable('auth_sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('id_hash', '=', idHash)
      .execute();
  }
  const staff = row.role !== 'client';
  const mfaRequiredByClinic = staff && clinicRequiresStaffMfa(row.settings);
  const mfaEnrolled = row.mfa_confirmed_at !== null;
  return {
    idHash,
    csrfToken: row.csrf_token,
    mfaAt: row.mfa_at,
    reauthAt: row.reauth_at,
    mfaEnrolled,
    mfaRequiredByClinic,
    mfaRequired: mfaRequiredByClinic || mfaEnrolled,
    actor: {
      userId: row.user_id,
      clinicId: row.clinic_id,
      role: row.role,
      name: row.name,
      email: row.email,
      clientId: row.client_id,
      privacyOfficer:
        row.role === 'admin' &&
        (row.privacy_officer === 1 || !(await clinicHasPrivacyOfficer(db, row.clinic_id))),
      ...(row.role === 'therapist' && Number(row.live_grants) > 0
        ? { breakGlass: await activeBreakGlassClientIds(db, row.user_id, now) }
        : {}),
    },
  };
}

/** Until a clinic names a privacy officer, each of its admins acts as one, so no grant goes unreviewed. */
async function clinicHasPrivacyOfficer(db: Kysely<Database>, clinicId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('role', '=', 'admin')
    .where('privacy_officer', '=', 1)
    .where('disabled_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteSessionByToken(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('id_hash', '=', hashToken(token)).execute();
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('id_hash', '=', idHash).execute();
}

/** Delete sessions past their idle or absolute limit (run by the housekeeping job). */
export async function pruneSessions(db: Kysely<Database>, now: Date): Promise<number> {
  const t = now.getTime();
  const result = await db
    .deleteFrom('auth_sessions')
    .where((eb) =>
      eb.or([
        eb('last_seen_at', '<', new Date(t - sessionLimits.idleMs).toISOString()),
        eb('created_at', '<', new Date(t - sessionLimits.absoluteMs).toISOString()),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
