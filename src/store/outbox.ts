import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { emailParams, type EmailMessage } from '../mail/templates.ts';
import { skipLocked, type DialectName } from './dialect.ts';
import type { Database, OutboxStatus } from './schema.ts';

/**
 * The e-mail outbox. A message is written in the transaction of whatever caused it, so it
 * exists exactly when its cause committed; a worker claims due rows with a lease, sends, and
 * marks them sent, or schedules a retry with exponential backoff, or gives up (`failed`).
 */

export const maxAttempts = 8;
const firstRetryMs = 60_000;
const longestRetryMs = 60 * 60_000;

/** Wait before the next attempt after `attempts` failures: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(firstRetryMs * 2 ** Math.max(0, attempts - 1), longestRetryMs);
}

/**
 * Queue an e-mail to a user (to their account's address) inside the caller's transaction.
 * Nothing is queued for a disabled account. Returns the message id, or null.
 */
export async function enqueueEmail(
  trx: Kysely<Database>,
  to: { clinicId: string; userId: string },
  message: EmailMessage,
  now: Date,
): Promise<string | null> {
  const user = await trx
    .selectFrom('users')
    .select(['email', 'disabled_at'])
    .where('id', '=', to.userId)
    .where('clinic_id', '=', to.clinicId)
    .executeTakeFirst();
  if (!user || user.disabled_at !== null) return null;
  const id = randomUUID();
  const at = now.toISOString();
  await trx
    .insertInto('outbox')
    .values({
      id,
      clinic_id: to.clinicId,
      user_id: to.userId,
      to_address: user.email,
      template: message.template,
      params: JSON.stringify(emailParams(message)),
      status: 'pending',
      next_attempt_at: at,
      locked_by: null,
      locked_until: null,
      last_error: null,
      created_at: at,
      sent_at: null,
    })
    .execute();
  return id;
}

export interface ClaimedMessage {
  id: string;
  toAddress: string;
  template: string;
  params: string;
  attempts: number;
}

/**
 * Take up to `limit` due messages for `leaseMs`. The conditions stand in the UPDATE itself,
 * so a row another worker claimed in the meantime is re-checked and passed over (PostgreSQL
 * re-evaluates them on the latest row version; SQLite runs one writer at a time): each claim
 * goes to exactly one worker.
 */
export async function claimDueMessages(
  db: Kysely<Database>,
  dialect: DialectName,
  owner: string,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<ClaimedMessage[]> {
  const at = now.toISOString();
  const rows = await db
    .updateTable('outbox')
    .set({ locked_by: owner, locked_until: new Date(now.getTime() + leaseMs).toISOString() })
    .where('id', 'in', (eb) =>
      skipLocked(
        eb
          .selectFrom('outbox')
          .select('id')
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', at)
          .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', at)]))
          .orderBy('next_attempt_at')
          .limit(limit),
        dialect,
      ),
    )
    .where('status', '=', 'pending')
    .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', at)]))
    .returning(['id', 'to_address', 'template', 'params', 'attempts'])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    toAddress: r.to_address,
    template: r.template,
    params: r.params,
    attempts: r.attempts,
  }));
}

export async function markSent(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      status: 'sent',
      sent_at: now.toISOString(),
      attempts: eb('attempts', '+', 1),
      locked_by: null,
      locked_until: null,
      last_error: null,
    }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Record a failed attempt: retry later with backoff, or give up when permanent or too many. */
export async function markAttemptFailed(
  db: Kysely<Database>,
  message: ClaimedMessage,
  error: string,
  permanent: boolean,
  now: Date,
): Promise<OutboxStatus> {
  const attempts = message.attempts + 1;
  const status: OutboxStatus = permanent || attempts >= maxAttempts ? 'failed' : 'pending';
  await db
    .updateTable('outbox')
    .set({
      status,
      attempts,
      next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
      locked_by: null,
      locked_until: null,
      last_error: error.slice(0, 500),
    })
    .where('id', '=', message.id)
    .where('status', '=', 'pending')
    .execute();
  return status;
}

export interface OutboxRow {
  id: string;
  to_address: string;
  template: string;
  params: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** A clinic's e-mail, newest first (admins only see their own clinic's). */
export function listClinicOutbox(
  db: Kysely<Database>,
  clinicId: string,
  opts: { status?: OutboxStatus; limit: number },
): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .select([
      'id',
      'to_address',
      'template',
      'params',
      'status',
      'attempts',
      'next_attempt_at',
      'last_error',
      'created_at',
      'sent_at',
    ])
    .where('clinic_id', '=', clinicId)
    .$if(opts.status !== undefined, (q) => q.where('status', '=', opts.status!))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit)
    .execute();
}

export async function countClinicOutbox(
  db: Kysely<Database>,
  clinicId: string,
): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('clinic_id', '=', clinicId)
    .groupBy('status')
    .execute();
  const counts = { pending: 0, sent: 0, failed: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** Put a failed message of the clinic back in the queue, due now; false when there is none. */
export async function requeueFailed(
  db: Kysely<Database>,
  clinicId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now.toISOString() })
    .where('id', '=', id)
    .where('clinic_id', '=', clinicId)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function outboxMessageExists(
  db: Kysely<Database>,
  clinicId: string,
  id: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('outbox')
    .select('id')
    .where('id', '=', id)
    .where('clinic_id', '=', clinicId)
    .executeTakeFirst();
  return row !== undefined;
}
