import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { EmailMessage } from '../mail/templates.ts';
import { enqueueEmail } from './outbox.ts';
import type { Database } from './schema.ts';

export interface NewNotification {
  clinicId: string;
  /** The user who will see it (a client's user id, not the client id). */
  userId: string;
  /** The client it is about, if any: kept for the audit trail and the record export. */
  clientId?: string | null;
  /** `reminder`, `nudge`, `weekly-summary`, `digest`, … — free for new features to add. */
  kind: string;
  /** Shown in the app only, behind sign-in; never put in an e-mail. */
  title: string;
  body?: string | null;
  /** An app path to open, e.g. `/goals/…`. */
  link?: string | null;
  /** A cause that may repeat (one reminder per practice per day) notifies once per key. */
  dedupeKey?: string | null;
  /** Also e-mail that something is waiting, with this content-free template. */
  email?: EmailMessage | null;
  /** Store it already read: kept for the record and the e-mail's link, but no badge. */
  silent?: boolean;
}

/**
 * The one way to tell a user something: an in-app notification, and optionally an e-mail
 * through the outbox, written inside the caller's transaction so they exist exactly when the
 * cause commits. Returns the notification's id, or null when `dedupeKey` was already used (then
 * nothing is written). The caller records the audit event.
 */
export async function enqueueNotification(
  trx: Kysely<Database>,
  n: NewNotification,
  now: Date,
): Promise<string | null> {
  const id = randomUUID();
  const inserted = await trx
    .insertInto('notifications')
    .values({
      id,
      clinic_id: n.clinicId,
      user_id: n.userId,
      client_id: n.clientId ?? null,
      kind: n.kind,
      title: n.title,
      body: n.body ?? null,
      link: n.link ?? null,
      dedupe_key: n.dedupeKey ?? null,
      created_at: now.toISOString(),
      read_at: n.silent ? now.toISOString() : null,
      snoozed_until: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  if (n.email) await enqueueEmail(trx, { clinicId: n.clinicId, userId: n.userId }, n.email, now);
  return id;
}

export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

/** A user's notifications, newest first; `before` is the `created_at` cursor of a page. */
export function listNotifications(
  db: Kysely<Database>,
  userId: string,
  opts: { unreadOnly: boolean; limit: number; before?: string },
): Promise<NotificationRow[]> {
  return db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .$if(opts.unreadOnly, (q) => q.where('read_at', 'is', null))
    .$if(opts.before !== undefined, (q) => q.where('created_at', '<', opts.before!))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit)
    .execute();
}

export async function countUnread(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One of the user's own notifications (kind and client), or undefined (→ 404). */
export function ownNotification(
  db: Kysely<Database>,
  userId: string,
  id: string,
): Promise<{ kind: string; client_id: string | null } | undefined> {
  return db
    .selectFrom('notifications')
    .select(['kind', 'client_id'])
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Mark one of the user's notifications read; false when it is not theirs (→ 404). */
export async function markRead(
  db: Kysely<Database>,
  userId: string,
  id: string,
  now: Date,
): Promise<{ clientId: string | null; readAt: string } | null> {
  const row = await db
    .selectFrom('notifications')
    .select(['client_id', 'read_at'])
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  if (row.read_at !== null) return { clientId: row.client_id, readAt: row.read_at };
  const at = now.toISOString();
  await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('read_at', 'is', null)
    .execute();
  return { clientId: row.client_id, readAt: at };
}

export async function markAllRead(
  db: Kysely<Database>,
  userId: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
