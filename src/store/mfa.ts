import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function findFactor(db: Kysely<Database>, userId: string) {
  return db.selectFrom('mfa_factors').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** Start (or restart) enrolment with a new secret; a confirmed factor is replaced only by the caller's choice. */
export async function putPendingFactor(
  trx: Kysely<Database>,
  userId: string,
  secret: string,
  now: Date,
): Promise<void> {
  await trx
    .deleteFrom('mfa_factors')
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is', null)
    .execute();
  await trx
    .insertInto('mfa_factors')
    .values({
      user_id: userId,
      secret,
      created_at: now.toISOString(),
      confirmed_at: null,
      last_step: null,
    })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        secret,
        created_at: now.toISOString(),
        confirmed_at: null,
        last_step: null,
      }),
    )
    .execute();
}

export async function confirmFactor(
  trx: Kysely<Database>,
  userId: string,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('mfa_factors')
    .set({ confirmed_at: now.toISOString() })
    .where('user_id', '=', userId)
    .execute();
}

/**
 * Spend a TOTP time step: succeeds only if no code at or after this step was accepted before —
 * one conditional UPDATE, so a replayed code loses even against a concurrent request.
 */
export async function spendStep(
  trx: Kysely<Database>,
  userId: string,
  step: number,
): Promise<boolean> {
  const r = await trx
    .updateTable('mfa_factors')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export async function replaceRecoveryCodes(
  trx: Kysely<Database>,
  userId: string,
  codes: readonly string[],
): Promise<void> {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await trx
    .insertInto('recovery_codes')
    .values(
      codes.map((c) => ({
        user_id: userId,
        code_hash: sha256(normaliseRecoveryCode(c)),
        used_at: null,
      })),
    )
    .execute();
}

export const normaliseRecoveryCode = (c: string) => c.replace(/[\s-]/g, '').toUpperCase();

/** Spend a recovery code once. */
export async function spendRecoveryCode(
  trx: Kysely<Database>,
  userId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const r = await trx
    .updateTable('recovery_codes')
    .set({ used_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', sha256(normaliseRecoveryCode(code)))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export async function removeFactor(trx: Kysely<Database>, userId: string): Promise<void> {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await trx.deleteFrom('mfa_factors').where('user_id', '=', userId).execute();
}

export async function markSession(
  trx: Kysely<Database>,
  idHash: string,
  field: 'mfa_at' | 'reauth_at',
  now: Date,
): Promise<void> {
  await trx
    .updateTable('auth_sessions')
    .set({ [field]: now.toISOString() })
    .where('id_hash', '=', idHash)
    .execute();
}

/** One-time links for invitations and password resets; only the hash is stored. */
export async function insertAuthToken(
  trx: Kysely<Database>,
  t: {
    token: string;
    userId: string;
    purpose: 'invite' | 'reset';
    createdBy: string | null;
    now: Date;
    ttlMs: number;
  },
): Promise<void> {
  await trx
    .insertInto('auth_tokens')
    .values({
      token_hash: sha256(t.token),
      user_id: t.userId,
      purpose: t.purpose,
      created_by: t.createdBy,
      created_at: t.now.toISOString(),
      expires_at: new Date(t.now.getTime() + t.ttlMs).toISOString(),
      used_at: null,
    })
    .execute();
}

/** Spend a link: the user id when it is valid, unused and unexpired, else undefined. */
export async function spendAuthToken(
  trx: Kysely<Database>,
  token: string,
  purpose: 'invite' | 'reset',
  now: Date,
): Promise<string | undefined> {
  const hash = sha256(token);
  const row = await trx
    .selectFrom('auth_tokens')
    .select(['user_id', 'expires_at', 'used_at'])
    .where('token_hash', '=', hash)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (!row || row.used_at !== null || row.expires_at <= now.toISOString()) return undefined;
  const r = await trx
    .updateTable('auth_tokens')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n ? row.user_id : undefined;
}

export async function endSessionsOf(
  trx: Kysely<Database>,
  userId: string,
  exceptIdHash?: string,
): Promise<void> {
  let q = trx.deleteFrom('auth_sessions').where('user_id', '=', userId);
  if (exceptIdHash) q = q.where('id_hash', '!=', exceptIdHash);
  await q.execute();
}
