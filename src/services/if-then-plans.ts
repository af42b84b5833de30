import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  createPlanBody,
  patchPlanBody,
  planUseBody,
  type CreatePlanBody,
  type IfThenPlanView,
  type PlanUseView,
} from '../contract/if-then.ts';
import { localDate } from '../domain/calendar.ts';
import { planSentence, tallyPlanUses } from '../domain/if-then.ts';
import { AppError, conflict, notFound, validationError } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import { findGoal } from '../store/goals.ts';
import {
  findPlan,
  findPlanUse,
  insertPlan,
  insertPlanUse,
  nextPlanPosition,
  updatePlanIfVersion,
  usesOfPlans,
  type PlanRow,
  type PlanUseRow,
} from '../store/if-then-plans.ts';
import { journalVisibleTo } from '../store/journal.ts';
import type { Database } from '../store/schema.ts';
import type { Actor } from '../store/scope.ts';
import { parse } from '../validate.ts';
import { canonicalJson, clockSkewMs } from './check-ins.ts';
import type { Ctx } from './context.ts';
import { diff, optionalVersion } from './revise.ts';

export function presentPlan(p: PlanRow, uses: readonly PlanUseRow[]): IfThenPlanView {
  return {
    id: p.id,
    goalId: p.goal_id,
    obstacle: p.obstacle,
    ifText: p.if_text,
    thenText: p.then_text,
    sentence: planSentence(p.if_text, p.then_text),
    position: p.position,
    version: p.version,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    tally: tallyPlanUses(uses.map((u) => ({ worked: u.worked, localDate: u.local_date }))),
  };
}

export function presentPlanUse(u: PlanUseRow, actor: Actor): PlanUseView {
  return {
    id: u.id,
    planId: u.plan_id,
    worked: u.worked,
    at: u.at,
    localDate: u.local_date,
    checkInId: u.check_in_id,
    ...(actor.role === 'client' ? { journalEntryId: u.journal_entry_id } : {}),
    note: u.note,
    enteredBy: u.entered_by,
    receivedAt: u.received_at,
  };
}

/** Add an obstacle and its plan to a goal inside `trx` (also used when a guided draft is finished). */
export async function insertPlanFor(
  trx: Kysely<Database>,
  ctx: Ctx,
  goalId: string,
  body: CreatePlanBody,
): Promise<PlanRow> {
  const at = ctx.now.toISOString();
  const row: PlanRow = {
    id: randomUUID(),
    goal_id: goalId,
    obstacle: body.obstacle,
    if_text: body.ifText,
    then_text: body.thenText,
    position: await nextPlanPosition(trx, goalId),
    removed: 0,
    version: 1,
    created_by: ctx.actorId,
    created_at: at,
    updated_at: at,
  };
  await insertPlan(trx, row);
  return row;
}

/** `POST /api/goals/:goalId/plans`. The client may write their own plans; so may their therapist. */
export async function createPlan(
  store: Store,
  ctx: Ctx,
  goalId: string,
  input: unknown,
): Promise<IfThenPlanView> {
  const goal = await findGoal(store.db, ctx.actor, goalId);
  if (!goal) throw notFound('goal');
  const body = parse(createPlanBody, input, 'body');
  return store.db.transaction().execute(async (trx) => {
    const row = await insertPlanFor(trx, ctx, goalId, body);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'plan.create', clientId: goal.client_id, resource: `plan/${row.id}` },
    ]);
    return presentPlan(row, []);
  });
}

const planFields = (p: Pick<PlanRow, 'obstacle' | 'if_text' | 'then_text' | 'position'>) => ({
  obstacle: p.obstacle,
  ifText: p.if_text,
  thenText: p.then_text,
  position: p.position,
});

/**
 * `PATCH /api/plans/:planId`: edit, reorder or remove. Optional `If-Match` (412 when stale);
 * removing hides the plan but keeps it and its uses for the record.
 */
export async function patchPlan(
  store: Store,
  ctx: Ctx,
  planId: string,
  ifMatch: string | undefined,
  input: unknown,
): Promise<IfThenPlanView> {
  if (!(await findPlan(store.db, ctx.actor, planId))) throw notFound('plan');
  const expected = optionalVersion(ifMatch);
  const { removed, ...fields } = parse(patchPlanBody, input, 'body');
  return store.db.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, ctx.actor, planId);
    if (!plan) throw notFound('plan');
    const stale = () =>
      new AppError(
        412,
        'stale',
        `This plan changed since you loaded it (now version ${plan.version}). Reload and try again.`,
      );
    if (expected !== undefined && expected !== plan.version) throw stale();
    const next: PlanRow = {
      ...plan,
      obstacle: fields.obstacle ?? plan.obstacle,
      if_text: fields.ifText ?? plan.if_text,
      then_text: fields.thenText ?? plan.then_text,
      position: fields.position ?? plan.position,
    };
    const changes = diff(planFields(plan), planFields(next));
    if (!removed && Object.keys(changes).length === 0)
      throw validationError([
        { field: 'body', message: 'Nothing would change: the plan already reads like this.' },
      ]);
    const updatedAt = ctx.now.toISOString();
    const patch = {
      obstacle: next.obstacle,
      if_text: next.if_text,
      then_text: next.then_text,
      position: next.position,
      updated_at: updatedAt,
      ...(removed ? { removed: 1 } : {}),
    };
    if (!(await updatePlanIfVersion(trx, plan.id, plan.version, patch))) throw stale();
    await recordAudit(trx, store.dialect, ctx, [
      {
        action: removed ? 'plan.remove' : 'plan.update',
        clientId: plan.client_id,
        resource: `plan/${plan.id}`,
      },
    ]);
    const uses = await usesOfPlans(trx, [plan.id]);
    return presentPlan({ ...next, ...patch, version: plan.version + 1 }, uses);
  });
}

function useBodyHash(planId: string, b: ReturnType<typeof planUseBody.parse>): string {
  const fields = {
    planId,
    id: b.id,
    worked: b.worked,
    at: b.at === undefined ? null : new Date(b.at).toISOString(),
    checkInId: b.checkInId ?? null,
    journalEntryId: b.journalEntryId ?? null,
    note: b.note ? b.note : null,
  };
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

/**
 * `POST /api/plans/:planId/uses`: the obstacle happened — did the plan work? Idempotent by the
 * sender's id: the same id and body answer as the first time; another body → 409.
 */
export async function recordPlanUse(
  store: Store,
  ctx: Ctx,
  planId: string,
  input: unknown,
): Promise<PlanUseView> {
  const plan = await findPlan(store.db, ctx.actor, planId);
  if (!plan) throw notFound('plan');
  const body = parse(planUseBody, input, 'body');
  const at = body.at === undefined ? ctx.now : new Date(body.at);
  if (at.getTime() > ctx.now.getTime() + clockSkewMs)
    throw validationError([
      { field: 'at', message: 'This cannot be in the future. Check the device clock.' },
    ]);
  return store.db.transaction().execute(async (trx) => {
    if (body.checkInId) {
      const checkIn = await trx
        .selectFrom('check_ins')
        .select('id')
        .where('id', '=', body.checkInId)
        .where('client_id', '=', plan.client_id)
        .executeTakeFirst();
      if (!checkIn)
        throw validationError([
          { field: 'checkInId', message: 'No check-in with this id belongs to this client.' },
        ]);
    }
    if (body.journalEntryId) {
      const entry = await journalVisibleTo(trx, ctx.actor)
        .where('journal_entries.id', '=', body.journalEntryId)
        .where('journal_entries.client_id', '=', plan.client_id)
        .executeTakeFirst();
      if (!entry)
        throw validationError([
          { field: 'journalEntryId', message: 'No journal entry with this id is yours to link.' },
        ]);
    }
    const row: PlanUseRow = {
      id: body.id,
      plan_id: plan.id,
      client_id: plan.client_id,
      worked: body.worked,
      at: at.toISOString(),
      local_date: localDate(at, plan.time_zone),
      check_in_id: body.checkInId ?? null,
      journal_entry_id: body.journalEntryId ?? null,
      note: body.note ? body.note : null,
      entered_by: ctx.actorId,
      received_at: ctx.now.toISOString(),
      body_hash: useBodyHash(plan.id, body),
    };
    const fresh = await insertPlanUse(trx, row);
    const stored = fresh ? row : await findPlanUse(trx, row.id);
    if (!stored || stored.body_hash !== row.body_hash)
      throw conflict(
        'id-conflict',
        'Something different was already sent with this id. Make a new id for a new answer.',
      );
    await recordAudit(trx, store.dialect, ctx, [
      {
        action: fresh ? 'plan.use' : 'plan.use.retry',
        clientId: plan.client_id,
        resource: `plan/${plan.id}/uses/${row.id}`,
      },
    ]);
    return presentPlanUse(stored, ctx.actor);
  });
}

/** `GET /api/plans/:planId/uses`: every time the obstacle happened, oldest first. */
export async function listPlanUses(store: Store, ctx: Ctx, planId: string): Promise<PlanUseView[]> {
  return store.db.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, ctx.actor, planId);
    if (!plan) throw notFound('plan');
    const uses = await usesOfPlans(trx, [plan.id]);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'plan.uses.read', clientId: plan.client_id, resource: `plan/${plan.id}/uses` },
    ]);
    return uses.map((u) => presentPlanUse(u, ctx.actor));
  });
}
