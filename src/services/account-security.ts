import { randomBytes } from 'node:crypto';
import {
  changePasswordBody,
  disableBody,
  newUserBody,
  tokenPasswordBody,
  type OneTimeLink,
  type SessionListItem,
  type UserListItem,
} from '../contract/security.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import type { LiveSession } from '../store/auth-sessions.ts';
import type { Store } from '../store/db.ts';
import { endSessionsOf, insertAuthToken, spendAuthToken } from '../store/mfa.ts';
import { parse } from '../validate.ts';
import { createAccount } from './accounts.ts';
import type { Ctx } from './context.ts';
import { requireReauth } from './mfa.ts';
import { passwordProblem } from './password-policy.ts';
import { hashPassword } from './passwords.ts';

const inviteTtlMs = 72 * 3_600_000;
const resetTtlMs = 60 * 60_000;

/** The session handle shown to its owner: a prefix of the stored hash, never the token. */
export const sessionHandle = (idHash: string) => idHash.slice(0, 16);

export async function listMySessions(
  store: Store,
  ctx: Ctx,
  current: LiveSession,
): Promise<SessionListItem[]> {
  const rows = await store.db
    .selectFrom('auth_sessions')
    .select(['id_hash', 'created_at', 'last_seen_at', 'ip'])
    .where('user_id', '=', ctx.actorId)
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: sessionHandle(r.id_hash),
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    ip: r.ip,
    current: r.id_hash === current.idHash,
  }));
}

export async function revokeMySession(store: Store, ctx: Ctx, handle: string): Promise<void> {
  const rows = await store.db
    .selectFrom('auth_sessions')
    .select('id_hash')
    .where('user_id', '=', ctx.actorId)
    .execute();
  const target = rows.find((r) => sessionHandle(r.id_hash) === handle);
  if (!target) throw notFound('session');
  await store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('auth_sessions').where('id_hash', '=', target.id_hash).execute();
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'auth.session-revoked', clientId: null, resource: `user/${ctx.actorId}` },
    ]);
  });
}

/** Change my password (after re-authentication); every other session of mine ends. */
export async function changePassword(
  store: Store,
  ctx: Ctx,
  session: LiveSession,
  input: unknown,
): Promise<void> {
  requireReauth(session, ctx.now);
  const { newPassword } = parse(changePasswordBody, input, 'body');
  const weak = passwordProblem(newPassword, { email: ctx.actor.email, name: ctx.actor.name });
  if (weak) throw validationError([{ field: 'newPassword', message: weak }]);
  const hash = await hashPassword(newPassword);
  await store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash })
      .where('id', '=', ctx.actorId)
      .execute();
    await endSessionsOf(trx, ctx.actorId, session.idHash);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'auth.password-changed', clientId: null, resource: `user/${ctx.actorId}` },
    ]);
  });
}

function link(baseUrl: string, path: string, token: string): string {
  return `${baseUrl.replace(/\/$/, '')}${path}#token=${token}`;
}

/** Admin: everyone in the clinic, with whether they are disabled and enrolled in MFA. */
export async function listUsers(store: Store, ctx: Ctx): Promise<UserListItem[]> {
  const rows = await store.db
    .selectFrom('users')
    .leftJoin('clients', 'clients.user_id', 'users.id')
    .leftJoin('mfa_factors', 'mfa_factors.user_id', 'users.id')
    .select([
      'users.id',
      'users.role',
      'users.name',
      'users.email',
      'users.disabled_at',
      'users.privacy_officer',
      'mfa_factors.confirmed_at',
      'clients.id as client_id',
    ])
    .where('users.clinic_id', '=', ctx.actor.clinicId)
    .orderBy('users.role')
    .orderBy('users.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    name: r.name,
    email: r.email,
    disabled: r.disabled_at !== null,
    mfaEnrolled: r.confirmed_at !== null,
    privacyOfficer: r.privacy_officer === 1,
    clientId: r.client_id,
  }));
}

/** Admin: invite someone. The account exists at once, with an unusable password until the one-time link is used. */
export async function inviteUser(
  store: Store,
  ctx: Ctx,
  input: unknown,
  baseUrl: string,
): Promise<OneTimeLink & { id: string; clientId?: string }> {
  const body = parse(newUserBody, input, 'body');
  let therapistEmail: string | undefined;
  if (body.therapistId) {
    const t = await store.db
      .selectFrom('users')
      .select(['email', 'role'])
      .where('id', '=', body.therapistId)
      .where('clinic_id', '=', ctx.actor.clinicId)
      .executeTakeFirst();
    if (!t || t.role !== 'therapist')
      throw validationError([
        { field: 'therapistId', message: 'No therapist with this id in your clinic.' },
      ]);
    therapistEmail = t.email;
  }
  // A random password nobody knows; the invitee sets their own through the link.
  const placeholder = randomBytes(24).toString('base64url');
  const account = await createAccount(
    store,
    {
      role: body.role,
      email: body.email,
      name: body.name,
      password: placeholder,
      ...(therapistEmail ? { therapistEmail } : {}),
      ...(body.location ? { location: body.location } : {}),
      ...(body.timeZone ? { timeZone: body.timeZone } : {}),
    },
    ctx.now,
    ctx.actor.clinicId,
  );
  const token = randomBytes(32).toString('base64url');
  await store.db.transaction().execute(async (trx) => {
    await insertAuthToken(trx, {
      token,
      userId: account.id,
      purpose: 'invite',
      createdBy: ctx.actorId,
      now: ctx.now,
      ttlMs: inviteTtlMs,
    });
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'user.invite', clientId: account.clientId ?? null, resource: `user/${account.id}` },
    ]);
  });
  return {
    ...account,
    userId: account.id,
    url: link(baseUrl, '/welcome', token),
    expiresAt: new Date(ctx.now.getTime() + inviteTtlMs).toISOString(),
  };
}

/** Admin: a one-time password-reset link. It never bypasses MFA: signing in afterwards still asks for the code. */
export async function resetLink(
  store: Store,
  ctx: Ctx,
  userId: string,
  baseUrl: string,
): Promise<OneTimeLink> {
  const user = await store.db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('clinic_id', '=', ctx.actor.clinicId)
    .executeTakeFirst();
  if (!user) throw notFound('user');
  const token = randomBytes(32).toString('base64url');
  await store.db.transaction().execute(async (trx) => {
    await insertAuthToken(trx, {
      token,
      userId,
      purpose: 'reset',
      createdBy: ctx.actorId,
      now: ctx.now,
      ttlMs: resetTtlMs,
    });
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'user.reset-link', clientId: null, resource: `user/${userId}` },
    ]);
  });
  return {
    userId,
    url: link(baseUrl, '/reset', token),
    expiresAt: new Date(ctx.now.getTime() + resetTtlMs).toISOString(),
  };
}

/** Admin: disable (or re-enable) an account; disabling ends its sessions at once. */
export async function setDisabled(
  store: Store,
  ctx: Ctx,
  userId: string,
  input: unknown,
): Promise<UserListItem> {
  const user = await store.db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('clinic_id', '=', ctx.actor.clinicId)
    .executeTakeFirst();
  if (!user) throw notFound('user');
  const { disabled } = parse(disableBody, input, 'body');
  if (disabled && userId === ctx.actorId)
    throw validationError([{ field: 'disabled', message: 'You cannot disable your own account.' }]);
  await store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ disabled_at: disabled ? ctx.now.toISOString() : null })
      .where('id', '=', userId)
      .execute();
    if (disabled) await endSessionsOf(trx, userId);
    await recordAudit(trx, store.dialect, ctx, [
      {
        action: disabled ? 'user.disable' : 'user.enable',
        clientId: null,
        resource: `user/${userId}`,
      },
    ]);
  });
  return (await listUsers(store, ctx)).find((u) => u.id === userId)!;
}

/** Public: set a password through an invitation or reset link (used once, before it expires). */
export async function setPasswordWithToken(
  store: Store,
  purpose: 'invite' | 'reset',
  input: unknown,
  ip: string,
  now: Date,
): Promise<void> {
  const body = parse(tokenPasswordBody, input, 'body');
  const hash = await hashPassword(body.password);
  await store.db.transaction().execute(async (trx) => {
    const userId = await spendAuthToken(trx, body.token, purpose, now);
    if (!userId)
      throw new AppError(
        400,
        'invalid-link',
        'This link is not valid any more. Ask your clinic for a new one.',
        { errors: [{ field: 'token', message: 'Expired, used or unknown.' }] },
      );
    const user = await trx
      .selectFrom('users')
      .select(['email', 'name'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    const weak = passwordProblem(body.password, user);
    if (weak) throw validationError([{ field: 'password', message: weak }]);
    await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
    await endSessionsOf(trx, userId);
    await recordAudit(trx, store.dialect, { actorId: userId, ip, now }, [
      {
        action: purpose === 'invite' ? 'auth.invite-accepted' : 'auth.password-reset',
        clientId: null,
        resource: `user/${userId}`,
      },
    ]);
  });
}
