import { randomUUID } from 'node:crypto';
import { nudgeBody, type NudgeResult } from '../contract/nudges.ts';
import { notFound } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import { findGoal } from '../store/goals.ts';
import { enqueueNotification } from '../store/notifications.ts';
import { parse } from '../validate.ts';
import { insertComment } from './comments.ts';
import type { Ctx } from './context.ts';

/**
 * A therapist nudges their client about a goal ("How did the breathing practice go?"): the
 * message joins the goal's comment thread, the client gets an in-app notification quoting it,
 * and, when asked, an e-mail that says only that a message is waiting.
 */
export async function sendNudge(
  store: Store,
  ctx: Ctx,
  goalId: string,
  input: unknown,
): Promise<NudgeResult> {
  const goal = await findGoal(store.db, ctx.actor, goalId);
  if (!goal) throw notFound('goal');
  const { message, email } = parse(nudgeBody, input, 'body');
  const commentId = randomUUID();
  return store.db.transaction().execute(async (trx) => {
    const client = await trx
      .selectFrom('clients')
      .select(['user_id', 'clinic_id'])
      .where('id', '=', goal.client_id)
      .executeTakeFirstOrThrow();
    await insertComment(trx, {
      id: commentId,
      goalId,
      authorId: ctx.actorId,
      body: message,
      at: ctx.now.toISOString(),
    });
    const notificationId = (await enqueueNotification(
      trx,
      {
        clinicId: client.clinic_id,
        userId: client.user_id,
        clientId: goal.client_id,
        kind: 'nudge',
        title: `${ctx.actor.name} sent you a message`,
        body: message,
        link: `/goals/${goalId}`,
        email: email ? { template: 'nudge' } : null,
      },
      ctx.now,
    ))!;
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'comment.create', clientId: goal.client_id, resource: `comment/${commentId}` },
      {
        action: 'nudge.send',
        clientId: goal.client_id,
        resource: `notification/${notificationId}`,
      },
    ]);
    return { commentId, notificationId, emailed: email };
  });
}
