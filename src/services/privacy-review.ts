import {
  reviewGrantBody,
  reviewQueueQuery,
  type BreakGlassReviewItem,
  type ReviewQueue,
} from '../contract/privacy.ts';
import { conflict, notFound } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import { closeGrantReview, endGrant, findGrant } from '../store/break-glass.ts';
import type { Store } from '../store/db.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';
import { privacyReviewNotice, requirePrivacyOfficer } from './privacy-officers.ts';

/** The officer's unread review notices (in the one notifications inbox). */
async function unreadCount(store: Store, userId: string): Promise<number> {
  const row = await store.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('kind', '=', privacyReviewNotice.kind)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Privacy officer: the clinic's break-the-glass grants — open reviews first by default. */
export async function reviewQueue(store: Store, ctx: Ctx, query: unknown): Promise<ReviewQueue> {
  requirePrivacyOfficer(ctx.actor);
  const { status } = parse(reviewQueueQuery, query, 'query');
  let q = store.db
    .selectFrom('break_glass_grants as g')
    .innerJoin('users as t', 't.id', 'g.user_id')
    .innerJoin('clients', 'clients.id', 'g.client_id')
    .innerJoin('users as c', 'c.id', 'clients.user_id')
    .leftJoin('users as r', 'r.id', 'g.reviewed_by')
    .select((eb) => [
      'g.id',
      'g.client_id',
      'c.name as client_name',
      'g.user_id',
      't.name as therapist_name',
      'g.reason',
      'g.created_at',
      'g.expires_at',
      'g.reviewed_at',
      'g.outcome',
      'g.review_note',
      'r.name as reviewer_name',
      eb
        .selectFrom('audit_events as a')
        .select(eb.fn.countAll<number | string>().as('n'))
        .whereRef('a.client_id', '=', 'g.client_id')
        .whereRef('a.actor_id', '=', 'g.user_id')
        .where('a.break_glass', '=', 1)
        .whereRef('a.at', '>=', 'g.created_at')
        .whereRef('a.at', '<', 'g.expires_at')
        .as('accesses'),
    ])
    .where('g.clinic_id', '=', ctx.actor.clinicId)
    .orderBy('g.created_at', 'desc')
    .limit(500);
  if (status === 'open') q = q.where('g.reviewed_at', 'is', null);
  if (status === 'closed') q = q.where('g.reviewed_at', 'is not', null);
  const [rows, unread] = await Promise.all([q.execute(), unreadCount(store, ctx.actorId)]);
  const now = ctx.now.toISOString();
  const grants = rows.map((r): BreakGlassReviewItem => ({
    id: r.id,
    clientId: r.client_id,
    clientName: r.client_name,
    therapistId: r.user_id,
    therapistName: r.therapist_name,
    reason: r.reason,
    openedAt: r.created_at,
    expiresAt: r.expires_at,
    active: r.created_at <= now && now < r.expires_at,
    accesses: Number(r.accesses ?? 0),
    review:
      r.reviewed_at && r.outcome
        ? {
            outcome: r.outcome,
            note: r.review_note ?? '',
            reviewedAt: r.reviewed_at,
            reviewerName: r.reviewer_name ?? '',
          }
        : null,
  }));
  return { grants, unread };
}

/**
 * Privacy officer: close a grant's review with an outcome and a note, once. Ruling a grant that
 * is still live not justified ends it at once.
 */
export async function reviewGrant(
  store: Store,
  ctx: Ctx,
  grantId: string,
  input: unknown,
): Promise<BreakGlassReviewItem> {
  const grant = await findGrant(store.db, ctx.actor.clinicId, grantId);
  if (!grant) throw notFound('break-the-glass grant');
  requirePrivacyOfficer(ctx.actor);
  const body = parse(reviewGrantBody, input, 'body');
  await store.db.transaction().execute(async (trx) => {
    const closed = await closeGrantReview(trx, grantId, {
      by: ctx.actorId,
      at: ctx.now,
      outcome: body.outcome,
      note: body.note,
    });
    if (!closed)
      throw conflict('already-reviewed', 'Another privacy officer has already closed this review.');
    // Not justified while it still runs: the access ends now, not when the clock runs out.
    const ended = body.outcome === 'not-justified' && (await endGrant(trx, grantId, ctx.now));
    const resource = `break-glass/${grantId}`;
    await recordAudit(trx, store.dialect, ctx, [
      { action: `break-glass.review.${body.outcome}`, clientId: grant.client_id, resource },
      ...(ended ? [{ action: 'break-glass.end', clientId: grant.client_id, resource }] : []),
    ]);
  });
  const { grants } = await reviewQueue(store, ctx, { status: 'closed' });
  return grants.find((g) => g.id === grantId)!;
}

/** Privacy officer: the number of grants not yet seen, for the badge in the navigation. */
export async function privacyNotifications(store: Store, ctx: Ctx): Promise<{ unread: number }> {
  requirePrivacyOfficer(ctx.actor);
  return { unread: await unreadCount(store, ctx.actorId) };
}

/** Privacy officer: I have seen the queue; the badge clears. */
export async function markNotificationsRead(store: Store, ctx: Ctx): Promise<void> {
  requirePrivacyOfficer(ctx.actor);
  await store.db
    .updateTable('notifications')
    .set({ read_at: ctx.now.toISOString() })
    .where('user_id', '=', ctx.actorId)
    .where('kind', '=', privacyReviewNotice.kind)
    .where('read_at', 'is', null)
    .execute();
}
