import {
  notificationsQuery,
  type NotificationList,
  type NotificationView,
} from '../contract/notifications.ts';
import { notFound } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import {
  countUnread,
  listNotifications,
  markAllRead,
  markRead,
  type NotificationRow,
} from '../store/notifications.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';

function present(r: NotificationRow): NotificationView {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    ...(r.body !== null && { body: r.body }),
    ...(r.link !== null && { link: r.link }),
    createdAt: r.created_at,
    ...(r.read_at !== null && { readAt: r.read_at }),
  };
}

/** The signed-in user's own notifications, newest first, with the unread count. */
export async function listMyNotifications(
  store: Store,
  ctx: Ctx,
  query: unknown,
): Promise<NotificationList> {
  const q = parse(notificationsQuery, query, 'query');
  return store.db.transaction().execute(async (trx) => {
    const rows = await listNotifications(trx, ctx.actorId, {
      unreadOnly: q.unread === 'true',
      limit: q.limit,
      ...(q.before !== undefined && { before: new Date(q.before).toISOString() }),
    });
    const unread = await countUnread(trx, ctx.actorId);
    // Notifications may quote a therapist's nudge: reading them is a read of the record.
    await recordAudit(trx, store.dialect, ctx, [
      {
        action: 'notification.list',
        clientId: ctx.actor.clientId,
        resource: `user/${ctx.actorId}/notifications`,
      },
    ]);
    return { notifications: rows.map(present), unread };
  });
}

/** The nav's badge: a number only, so no audit event (it is polled). */
export async function myUnreadCount(store: Store, ctx: Ctx): Promise<{ unread: number }> {
  return { unread: await countUnread(store.db, ctx.actorId) };
}

export async function readNotification(
  store: Store,
  ctx: Ctx,
  id: string,
): Promise<{ id: string; readAt: string }> {
  return store.db.transaction().execute(async (trx) => {
    const done = await markRead(trx, ctx.actorId, id, ctx.now);
    if (!done) throw notFound('notification');
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'notification.read', clientId: done.clientId, resource: `notification/${id}` },
    ]);
    return { id, readAt: done.readAt };
  });
}

export async function readAllNotifications(store: Store, ctx: Ctx): Promise<{ read: number }> {
  return store.db.transaction().execute(async (trx) => {
    const read = await markAllRead(trx, ctx.actorId, ctx.now);
    await recordAudit(trx, store.dialect, ctx, [
      {
        action: 'notification.read-all',
        clientId: ctx.actor.clientId,
        resource: `user/${ctx.actorId}/notifications`,
      },
    ]);
    return { read };
  });
}
