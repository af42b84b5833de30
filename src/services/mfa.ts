import { randomBytes } from 'node:crypto';
import type { EnrolmentView, MfaStatus } from '../contract/security.ts';
import { mfaConfirmBody, mfaVerifyBody, reauthBody } from '../contract/security.ts';
import { AppError, forbidden } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import type { LiveSession } from '../store/auth-sessions.ts';
import type { Store } from '../store/db.ts';
import { clearFailures, recordFailure, retryAfterSeconds } from '../store/login-throttle.ts';
import {
  confirmFactor,
  findFactor,
  markSession,
  putPendingFactor,
  removeFactor,
  replaceRecoveryCodes,
  spendRecoveryCode,
  spendStep,
} from '../store/mfa.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';
import { verifyPassword } from './passwords.ts';
import { base32Encode, matchTotp, newTotpSecret, otpauthUri } from './totp.ts';

/** A re-authentication is good for this long (changing password, e-mail or MFA needs one). */
export const reauthWindowMs = 5 * 60_000;
const mfaAttemptsPer15Min = 10;
const mfaKey = (userId: string) => `mfa:${userId}`;

export function mfaStatus(s: LiveSession): MfaStatus {
  return { enrolled: s.mfaEnrolled, verified: s.mfaAt !== null, required: s.mfaRequired };
}

/** True when this session may act only to finish signing in (verify or enrol the second factor). */
export function mfaPending(s: LiveSession): boolean {
  return s.mfaRequired && s.mfaAt === null;
}

function recentlyReauthenticated(s: LiveSession, now: Date): boolean {
  return s.reauthAt !== null && now.getTime() - Date.parse(s.reauthAt) <= reauthWindowMs;
}

export function requireReauth(s: LiveSession, now: Date): void {
  if (!recentlyReauthenticated(s, now)) {
    throw new AppError(
      403,
      'reauth-required',
      'Confirm your password (and code) first: POST /api/auth/reauth.',
    );
  }
}

async function throttle(store: Store, userId: string, now: Date): Promise<void> {
  const wait = await retryAfterSeconds(store.db, mfaKey(userId), mfaAttemptsPer15Min, now);
  if (wait > 0) {
    throw new AppError(
      429,
      'too-many-attempts',
      `Too many codes tried. Try again in ${Math.ceil(wait / 60)} minutes.`,
      {
        headers: { 'retry-after': String(wait) },
      },
    );
  }
}

const wrongCode = () =>
  new AppError(
    400,
    'invalid-code',
    'That code is not right, or was already used. Wait for the next code and try again.',
    {
      errors: [{ field: 'code', message: 'That code is not right, or was already used.' }],
    },
  );

/** Begin enrolment: a new secret and the otpauth URI for the QR code. Replacing a confirmed factor needs re-authentication. */
export async function beginEnrolment(
  store: Store,
  ctx: Ctx,
  session: LiveSession,
): Promise<EnrolmentView> {
  const existing = await findFactor(store.db, ctx.actorId);
  if (existing?.confirmed_at) requireReauth(session, ctx.now);
  const secret = newTotpSecret();
  await store.db.transaction().execute(async (trx) => {
    await putPendingFactor(trx, ctx.actorId, secret, ctx.now);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'auth.mfa-enrol-start', clientId: null, resource: `user/${ctx.actorId}` },
    ]);
  });
  return { secret, otpauthUri: otpauthUri('Stepwise', ctx.actor.email, secret) };
}

/** Confirm enrolment with a first code: the factor is live, the session verified, 10 recovery codes issued (shown once). */
export async function confirmEnrolment(
  store: Store,
  ctx: Ctx,
  session: LiveSession,
  input: unknown,
): Promise<{ recoveryCodes: string[] }> {
  const { code } = parse(mfaConfirmBody, input, 'body');
  await throttle(store, ctx.actorId, ctx.now);
  const factor = await findFactor(store.db, ctx.actorId);
  if (!factor || factor.confirmed_at)
    throw new AppError(
      409,
      'no-pending-enrolment',
      'Start enrolment first: POST /api/auth/mfa/enrol.',
    );
  const step = matchTotp(factor.secret, code, ctx.now);
  if (step === null) {
    await recordFailure(store.db, [mfaKey(ctx.actorId)], ctx.now);
    throw wrongCode();
  }
  const recoveryCodes = Array.from({ length: 10 }, () =>
    base32Encode(randomBytes(8))
      .slice(0, 12)
      .replace(/(.{4})(?=.)/g, '$1-'),
  );
  await store.db.transaction().execute(async (trx) => {
    if (!(await spendStep(trx, ctx.actorId, step))) throw wrongCode();
    await confirmFactor(trx, ctx.actorId, ctx.now);
    await replaceRecoveryCodes(trx, ctx.actorId, recoveryCodes);
    await markSession(trx, session.idHash, 'mfa_at', ctx.now);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'auth.mfa-enrolled', clientId: null, resource: `user/${ctx.actorId}` },
    ]);
  });
  await clearFailures(store.db, mfaKey(ctx.actorId));
  return { recoveryCodes };
}

/** The second step of signing in: a TOTP code (single use, ±1 step) or a recovery code (once). */
export async function verifySecondFactor(
  store: Store,
  ctx: Ctx,
  session: LiveSession,
  input: unknown,
): Promise<MfaStatus> {
  const body = parse(mfaVerifyBody, input, 'body');
  await throttle(store, ctx.actorId, ctx.now);
  const factor = await findFactor(store.db, ctx.actorId);
  if (!factor?.confirmed_at)
    throw new AppError(
      409,
      'mfa-not-enrolled',
      'Set up an authenticator app first: POST /api/auth/mfa/enrol.',
    );
  const ok = await store.db.transaction().execute(async (trx) => {
    let passed: boolean;
    if ('code' in body) {
      const step = matchTotp(factor.secret, body.code, ctx.now);
      passed = step !== null && (await spendStep(trx, ctx.actorId, step));
    } else {
      passed = await spendRecoveryCode(trx, ctx.actorId, body.recoveryCode, ctx.now);
    }
    if (!passed) return false;
    await markSession(trx, session.idHash, 'mfa_at', ctx.now);
    await recordAudit(trx, store.dialect, ctx, [
      {
        action: 'code' in body ? 'auth.mfa' : 'auth.mfa-recovery-code',
        clientId: null,
        resource: `user/${ctx.actorId}`,
      },
    ]);
    return true;
  });
  if (!ok) {
    await recordFailure(store.db, [mfaKey(ctx.actorId)], ctx.now);
    throw wrongCode();
  }
  await clearFailures(store.db, mfaKey(ctx.actorId));
  return { ...mfaStatus(session), verified: true };
}

/** Confirm it is really you (password, and a code when enrolled) before a sensitive change. */
export async function reauthenticate(
  store: Store,
  ctx: Ctx,
  session: LiveSession,
  input: unknown,
): Promise<{ until: string }> {
  const body = parse(reauthBody, input, 'body');
  await throttle(store, ctx.actorId, ctx.now);
  const user = await store.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', ctx.actorId)
    .executeTakeFirstOrThrow();
  const factor = await findFactor(store.db, ctx.actorId);
  let ok = await verifyPassword(user.password_hash, body.password);
  if (ok && factor?.confirmed_at) {
    const step = body.code ? matchTotp(factor.secret, body.code, ctx.now) : null;
    ok = step !== null && (await spendStep(store.db, ctx.actorId, step));
  }
  if (!ok) {
    await recordFailure(store.db, [mfaKey(ctx.actorId)], ctx.now);
    throw new AppError(
      401,
      'invalid-credentials',
      factor?.confirmed_at ? 'Password or code not right.' : 'Password not right.',
    );
  }
  await store.db.transaction().execute(async (trx) => {
    await markSession(trx, session.idHash, 'reauth_at', ctx.now);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'auth.reauth', clientId: null, resource: `user/${ctx.actorId}` },
    ]);
  });
  return { until: new Date(ctx.now.getTime() + reauthWindowMs).toISOString() };
}

/** Remove MFA (after re-authentication). Staff of a clinic that requires MFA cannot. */
export async function disableMfa(store: Store, ctx: Ctx, session: LiveSession): Promise<void> {
  requireReauth(session, ctx.now);
  if (ctx.actor.role !== 'client' && session.mfaRequiredByClinic) {
    throw forbidden(
      'Your clinic requires MFA for staff; you can replace your authenticator but not remove it.',
    );
  }
  await store.db.transaction().execute(async (trx) => {
    await removeFactor(trx, ctx.actorId);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'auth.mfa-removed', clientId: null, resource: `user/${ctx.actorId}` },
    ]);
  });
}
