import { outboxQuery, type OutboxList, type OutboxMessageView } from '../contract/notifications.ts';
import { conflict, notFound } from '../errors.ts';
import { renderEmail, storedEmail } from '../mail/templates.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import {
  countClinicOutbox,
  listClinicOutbox,
  outboxMessageExists,
  requeueFailed,
  type OutboxRow,
} from '../store/outbox.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';

function present(r: OutboxRow, baseUrl: string): OutboxMessageView {
  const email = renderEmail(storedEmail(r.template, r.params), baseUrl);
  return {
    id: r.id,
    to: r.to_address,
    template: r.template,
    subject: email.subject,
    body: email.text,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    ...(r.last_error !== null && { lastError: r.last_error }),
    createdAt: r.created_at,
    ...(r.sent_at !== null && { sentAt: r.sent_at }),
  };
}

/**
 * Admin: the clinic's e-mail as it was or will be sent, with failures and their last error.
 * E-mails hold no health information, but addresses are personal: the read is audited.
 */
export async function listOutbox(
  store: Store,
  ctx: Ctx,
  query: unknown,
  mail: { baseUrl: string; delivering: boolean },
): Promise<OutboxList> {
  const q = parse(outboxQuery, query, 'query');
  return store.db.transaction().execute(async (trx) => {
    const rows = await listClinicOutbox(trx, ctx.actor.clinicId, {
      limit: q.limit,
      ...(q.status !== undefined && { status: q.status }),
    });
    const counts = await countClinicOutbox(trx, ctx.actor.clinicId);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'outbox.read', clientId: null, resource: `clinic/${ctx.actor.clinicId}/outbox` },
    ]);
    return {
      delivering: mail.delivering,
      counts,
      messages: rows.map((r) => present(r, mail.baseUrl)),
    };
  });
}

/** Admin: send a failed message again (e.g. after fixing SMTP settings). */
export async function retryOutboxMessage(
  store: Store,
  ctx: Ctx,
  id: string,
): Promise<{ id: string; status: 'pending' }> {
  return store.db.transaction().execute(async (trx) => {
    if (!(await requeueFailed(trx, ctx.actor.clinicId, id, ctx.now))) {
      if (await outboxMessageExists(trx, ctx.actor.clinicId, id))
        throw conflict('not-failed', 'Only a failed message can be retried.');
      throw notFound('message');
    }
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'outbox.retry', clientId: null, resource: `outbox/${id}` },
    ]);
    return { id, status: 'pending' };
  });
}
