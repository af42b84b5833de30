import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { StepView } from '../contract/goals.ts';
import { createStepBody, patchStepBody } from '../contract/plan.ts';
import { forbidden, notFound } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import { findGoal, insertRevision } from '../store/goals.ts';
import type { Database, StepTable } from '../store/schema.ts';
import { notWithheld } from '../store/consent.ts';
import { visibleClients } from '../store/scope.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';
import { diff, optionalVersion, reviseChild } from './revise.ts';

function presentStep(s: StepTable): StepView {
  return {
    id: s.id,
    goalId: s.goal_id,
    title: s.title,
    dueDate: s.due_date,
    position: s.position,
    done: s.done_at !== null,
    doneAt: s.done_at,
    version: s.version,
  };
}

function findStep(db: Kysely<Database>, ctx: Ctx, stepId: string) {
  return db
    .selectFrom('steps')
    .innerJoin('goals', 'goals.id', 'steps.goal_id')
    .innerJoin('clients', 'clients.id', 'goals.client_id')
    .selectAll('steps')
    .select('goals.client_id')
    .where('steps.id', '=', stepId)
    .where('steps.removed', '=', 0)
    .where(visibleClients(ctx.actor))
    .where(notWithheld(ctx.actor, 'goal', 'goals.id', 'goals.client_id'))
    .executeTakeFirst();
}

export async function insertStep(
  trx: Kysely<Database>,
  ctx: Ctx,
  goalId: string,
  s: { title: string; dueDate?: string | undefined },
): Promise<StepTable> {
  const last = await trx
    .selectFrom('steps')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('goal_id', '=', goalId)
    .executeTakeFirst();
  const row: StepTable = {
    id: randomUUID(),
    goal_id: goalId,
    title: s.title,
    due_date: s.dueDate ?? null,
    position: (last?.p ?? -1) + 1,
    done_at: null,
    done_by: null,
    removed: 0,
    version: 1,
    created_at: ctx.now.toISOString(),
  };
  await trx.insertInto('steps').values(row).execute();
  await insertRevision(trx, {
    entity: 'step',
    entity_id: row.id,
    goal_id: goalId,
    version: 1,
    at: row.created_at,
    by: ctx.actorId,
    changes: JSON.stringify({
      title: { from: null, to: row.title },
      ...(row.due_date ? { dueDate: { from: null, to: row.due_date } } : {}),
    }),
    reason: null,
  });
  return row;
}

export async function createStep(
  store: Store,
  ctx: Ctx,
  goalId: string,
  input: unknown,
): Promise<StepView> {
  const goal = await findGoal(store.db, ctx.actor, goalId);
  if (!goal) throw notFound('goal');
  const body = parse(createStepBody, input, 'body');
  return store.db.transaction().execute(async (trx) => {
    const row = await insertStep(trx, ctx, goalId, body);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'step.create', clientId: goal.client_id, resource: `step/${row.id}` },
    ]);
    return presentStep(row);
  });
}

/** Change a step; a client may only tick it done or undone. Nothing is deleted: `removed` hides it. */
export async function patchStep(
  store: Store,
  ctx: Ctx,
  stepId: string,
  ifMatch: string | undefined,
  input: unknown,
): Promise<StepView> {
  if (!(await findStep(store.db, ctx, stepId))) throw notFound('step');
  const expected = optionalVersion(ifMatch);
  const body = parse(patchStepBody, input, 'body');
  const { reason, ...fields } = body;
  if (ctx.actor.role === 'client' && Object.keys(fields).some((k) => k !== 'done')) {
    throw forbidden('You can tick a step done or undone; your care team changes the rest.');
  }
  return store.db.transaction().execute(async (trx) => {
    const step = await findStep(trx, ctx, stepId);
    if (!step) throw notFound('step');
    const patch: Partial<StepTable> = {};
    if (fields.title !== undefined) patch.title = fields.title;
    if (fields.dueDate !== undefined) patch.due_date = fields.dueDate;
    if (fields.position !== undefined) patch.position = fields.position;
    if (fields.removed) patch.removed = 1;
    if (fields.done !== undefined && fields.done !== (step.done_at !== null)) {
      patch.done_at = fields.done ? ctx.now.toISOString() : null;
      patch.done_by = fields.done ? ctx.actorId : null;
    }
    const view = (s: Partial<StepTable>) => ({
      title: s.title,
      dueDate: s.due_date,
      position: s.position,
      done: s.done_at !== null,
      removed: s.removed === 1,
    });
    const next = { ...step, ...patch };
    await reviseChild(trx, ctx, {
      entity: 'step',
      id: step.id,
      goalId: step.goal_id,
      version: step.version,
      expected,
      changes: diff(view(step), view(next)),
      patch,
      reason,
    });
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'step.update', clientId: step.client_id, resource: `step/${step.id}` },
    ]);
    return presentStep({ ...next, version: step.version + 1 });
  });
}
