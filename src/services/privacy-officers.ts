import { privacyOfficerBody } from '../contract/privacy.ts';
import type { UserListItem } from '../contract/security.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import type { LiveSession } from '../store/auth-sessions.ts';
import type { Store } from '../store/db.ts';
import type { Database } from '../store/schema.ts';
import type { Actor } from '../store/scope.ts';
import type { Kysely } from 'kysely';
import { enqueueNotification } from '../store/notifications.ts';
import { parse } from '../validate.ts';
import { listUsers } from './account-security.ts';
import type { Ctx } from './context.ts';
import { requireReauth } from './mfa.ts';

/** The review queue and the snooping report are for privacy officers only (403 for other admins). */
export function requirePrivacyOfficer(actor: Actor): void {
  if (!actor.privacyOfficer)
    throw new AppError(
      403,
      'privacy-officer-only',
      'Only a privacy officer may do this. An admin can make you one under Staff.',
    );
}

/** A privacy officer's notice that a grant awaits review; it names no one (the queue does). */
export const privacyReviewNotice = {
  kind: 'privacy-review',
  title: 'A record was opened with break-the-glass: it awaits your review',
  link: '/privacy/review',
} as const;

/**
 * Tell the clinic's privacy officers, at once, that a break-the-glass grant awaits review: an
 * in-app notification each (`privacyReviewNotice`; unread, they are the review queue's count). With no privacy officer named,
 * every admin is told, so a grant never goes unseen. Each also gets a content-free e-mail
 * through the outbox (`privacy-review`: "a record access awaits your review", with a link).
 */
export async function notifyPrivacyOfficers(
  trx: Kysely<Database>,
  clinicId: string,
  grantId: string,
  now: Date,
): Promise<string[]> {
  const admins = await trx
    .selectFrom('users')
    .select(['id', 'privacy_officer'])
    .where('clinic_id', '=', clinicId)
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .execute();
  const officers = admins.filter((a) => a.privacy_officer === 1);
  const to = (officers.length > 0 ? officers : admins).map((a) => a.id);
  // In the app, and an e-mail that something awaits review (no names, no reason).
  for (const userId of to)
    await enqueueNotification(
      trx,
      {
        clinicId,
        userId,
        ...privacyReviewNotice,
        dedupeKey: `privacy-review/${grantId}/${userId}`,
        email: { template: 'privacy-review' },
      },
      now,
    );
  return to;
}

/** Admin: make an admin a privacy officer, or not (after re-authentication, like other sensitive changes). */
export async function setPrivacyOfficer(
  store: Store,
  ctx: Ctx,
  session: LiveSession,
  userId: string,
  input: unknown,
): Promise<UserListItem> {
  const user = await store.db
    .selectFrom('users')
    .select(['id', 'role'])
    .where('id', '=', userId)
    .where('clinic_id', '=', ctx.actor.clinicId)
    .executeTakeFirst();
  if (!user) throw notFound('user');
  requireReauth(session, ctx.now);
  const { privacyOfficer } = parse(privacyOfficerBody, input, 'body');
  if (privacyOfficer && user.role !== 'admin')
    throw validationError([
      { field: 'privacyOfficer', message: 'Only an admin can be a privacy officer.' },
    ]);
  await store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ privacy_officer: privacyOfficer ? 1 : 0 })
      .where('id', '=', userId)
      .execute();
    await recordAudit(trx, store.dialect, ctx, [
      {
        action: privacyOfficer ? 'user.privacy-officer.grant' : 'user.privacy-officer.revoke',
        clientId: null,
        resource: `user/${userId}`,
      },
    ]);
  });
  return (await listUsers(store, ctx)).find((u) => u.id === userId)!;
}
