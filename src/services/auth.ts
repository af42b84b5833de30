import type { LoginBody, SessionView, UserView } from '../contract/auth.ts';
import { AppError } from '../errors.ts';
import { findUserByEmail, normaliseEmail } from '../store/accounts.ts';
import { recordAudit } from '../store/audit.ts';
import { createSession, findLiveSession } from '../store/auth-sessions.ts';
import { mfaStatus } from './mfa.ts';
import type { Store } from '../store/db.ts';
import {
  accountKey,
  clearFailures,
  ipKey,
  recordFailure,
  retryAfterSeconds,
  throttleRules,
} from '../store/login-throttle.ts';
import type { Actor } from '../store/scope.ts';
import { verifyPassword } from './passwords.ts';

const tooMany = (seconds: number) =>
  new AppError(
    429,
    'too-many-attempts',
    `Too many sign-in attempts. Try again in ${Math.ceil(seconds / 60)} minutes.`,
    {
      headers: { 'retry-after': String(seconds) },
    },
  );

const badCredentials = () =>
  new AppError(401, 'invalid-credentials', 'That e-mail and password do not match an account.');

/**
 * Check the password and open a new session. Wrong e-mail and wrong password answer the same,
 * after the same work; the account and the IP are throttled before any password is checked.
 */
export async function login(
  store: Store,
  body: LoginBody,
  ip: string,
  now: Date,
): Promise<{ view: SessionView; token: string }> {
  const email = normaliseEmail(body.email);
  const wait = Math.max(
    await retryAfterSeconds(store.db, accountKey(email), throttleRules.perAccount, now),
    await retryAfterSeconds(store.db, ipKey(ip), throttleRules.perIp, now),
  );
  if (wait > 0) throw tooMany(wait);

  const user = await findUserByEmail(store.db, email);
  const usable = user && user.disabled_at === null ? user : undefined;
  const ok = await verifyPassword(usable?.password_hash, body.password);
  if (!ok || !usable) {
    await recordFailure(store.db, [accountKey(email), ipKey(ip)], now);
    throw badCredentials();
  }
  await clearFailures(store.db, accountKey(email));
  const { token, csrfToken } = await store.db.transaction().execute(async (trx) => {
    const s = await createSession(trx, usable.id, ip, now);
    await recordAudit(trx, store.dialect, { actorId: usable.id, ip, now }, [
      { action: 'auth.login', clientId: null, resource: `user/${usable.id}` },
    ]);
    return s;
  });
  const session = await findLiveSession(store.db, token, now);
  return {
    token,
    view: {
      user: presentUser(session!.actor),
      csrfToken,
      mfa: mfaStatus(session!),
    },
  };
}

export function presentUser(
  a: Pick<Actor, 'userId' | 'role' | 'name' | 'clientId' | 'privacyOfficer'>,
): UserView {
  return {
    id: a.userId,
    role: a.role,
    name: a.name,
    ...(a.clientId ? { clientId: a.clientId } : {}),
    ...(a.privacyOfficer ? { privacyOfficer: true } : {}),
  };
}
