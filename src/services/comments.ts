import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { commentBody, type CommentView } from '../contract/plan.ts';
import { notFound } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import { findGoal } from '../store/goals.ts';
import type { Database } from '../store/schema.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';

/** The client–care-team conversation about one goal, oldest first. */
export async function listComments(store: Store, ctx: Ctx, goalId: string): Promise<CommentView[]> {
  return store.db.transaction().execute(async (trx) => {
    const goal = await findGoal(trx, ctx.actor, goalId);
    if (!goal) throw notFound('goal');
    const rows = await trx
      .selectFrom('comments')
      .innerJoin('users', 'users.id', 'comments.author_id')
      .select([
        'comments.id',
        'comments.goal_id',
        'comments.body',
        'comments.created_at',
        'users.id as author_id',
        'users.name',
        'users.role',
      ])
      .where('comments.goal_id', '=', goalId)
      .orderBy('comments.created_at')
      .orderBy('comments.id')
      .execute();
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'comment.list', clientId: goal.client_id, resource: `goal/${goalId}/comments` },
    ]);
    return rows.map((r) => ({
      id: r.id,
      goalId: r.goal_id,
      author: { id: r.author_id, name: r.name, role: r.role },
      body: r.body,
      createdAt: r.created_at,
    }));
  });
}

/** One message in a goal's thread (a comment, or a therapist's nudge). */
export async function insertComment(
  trx: Kysely<Database>,
  c: { id: string; goalId: string; authorId: string; body: string; at: string },
): Promise<void> {
  await trx
    .insertInto('comments')
    .values({ id: c.id, goal_id: c.goalId, author_id: c.authorId, body: c.body, created_at: c.at })
    .execute();
}

export async function addComment(
  store: Store,
  ctx: Ctx,
  goalId: string,
  input: unknown,
): Promise<CommentView> {
  const goal = await findGoal(store.db, ctx.actor, goalId);
  if (!goal) throw notFound('goal');
  const { body } = parse(commentBody, input, 'body');
  const id = randomUUID();
  const at = ctx.now.toISOString();
  await store.db.transaction().execute(async (trx) => {
    await insertComment(trx, { id, goalId, authorId: ctx.actorId, body, at });
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'comment.create', clientId: goal.client_id, resource: `comment/${id}` },
    ]);
  });
  return {
    id,
    goalId,
    author: { id: ctx.actorId, name: ctx.actor.name, role: ctx.actor.role },
    body,
    createdAt: at,
  };
}
