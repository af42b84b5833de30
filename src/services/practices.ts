import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PracticeView } from '../contract/goals.ts';
import { completionBody, createPracticeBody, patchPracticeBody } from '../contract/plan.ts';
import { localDate } from '../domain/calendar.ts';
import { adherence, parseSchedule, streaks, type PracticeSchedule } from '../domain/practice.ts';
import { forbidden, notFound, validationError } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import { findGoal, insertRevision } from '../store/goals.ts';
import type { Database, PracticeTable } from '../store/schema.ts';
import { notWithheld } from '../store/consent.ts';
import { visibleClients } from '../store/scope.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';
import { diff, optionalVersion, reviseChild } from './revise.ts';

type PracticeRow = PracticeTable & { client_id: string; time_zone: string };

function findPractice(
  db: Kysely<Database>,
  ctx: Ctx,
  practiceId: string,
): Promise<PracticeRow | undefined> {
  return db
    .selectFrom('practices')
    .innerJoin('goals', 'goals.id', 'practices.goal_id')
    .innerJoin('clients', 'clients.id', 'goals.client_id')
    .selectAll('practices')
    .select(['goals.client_id', 'clients.time_zone'])
    .where('practices.id', '=', practiceId)
    .where(visibleClients(ctx.actor))
    .where(notWithheld(ctx.actor, 'goal', 'goals.id', 'goals.client_id'))
    .executeTakeFirst();
}

/** A practice with its adherence (7/28 days) and streaks in the client's own days. */
export async function practiceView(
  db: Kysely<Database>,
  p: PracticeRow,
  now: Date,
): Promise<PracticeView> {
  const days = (
    await db
      .selectFrom('practice_completions')
      .select('local_date')
      .where('practice_id', '=', p.id)
      .execute()
  ).map((r) => r.local_date);
  return presentPractice(p, days, localDate(now, p.time_zone));
}

/** A practice as people see it, given its completed days and the client's today. */
export function presentPractice(
  p: PracticeTable,
  days: readonly string[],
  today: string,
): PracticeView {
  const schedule = parseSchedule(JSON.parse(p.schedule));
  const history = { schedule, completions: days, today, startDate: p.start_date };
  return {
    id: p.id,
    goalId: p.goal_id,
    title: p.title,
    schedule,
    minutes: p.minutes,
    startDate: p.start_date,
    status: p.status,
    version: p.version,
    adherence7: adherence({ ...history, windowDays: 7 }),
    adherence28: adherence({ ...history, windowDays: 28 }),
    streak: streaks(history),
    doneToday: days.includes(today),
  };
}

export async function insertPractice(
  trx: Kysely<Database>,
  ctx: Ctx,
  goalId: string,
  p: { title: string; schedule: PracticeSchedule; minutes?: number | undefined; startDate: string },
): Promise<void> {
  const row: PracticeTable = {
    id: randomUUID(),
    goal_id: goalId,
    title: p.title,
    schedule: JSON.stringify(parseSchedule(p.schedule)),
    minutes: p.minutes ?? null,
    start_date: p.startDate,
    status: 'active',
    version: 1,
    created_at: ctx.now.toISOString(),
  };
  await trx.insertInto('practices').values(row).execute();
  await insertRevision(trx, {
    entity: 'practice',
    entity_id: row.id,
    goal_id: goalId,
    version: 1,
    at: row.created_at,
    by: ctx.actorId,
    changes: JSON.stringify({
      title: { from: null, to: row.title },
      schedule: { from: null, to: JSON.parse(row.schedule) },
    }),
    reason: null,
  });
}

export async function createPractice(
  store: Store,
  ctx: Ctx,
  goalId: string,
  input: unknown,
): Promise<PracticeView> {
  const goal = await findGoal(store.db, ctx.actor, goalId);
  if (!goal) throw notFound('goal');
  const body = parse(createPracticeBody, input, 'body');
  const id = await store.db.transaction().execute(async (trx) => {
    await insertPractice(trx, ctx, goalId, {
      ...body,
      startDate: body.startDate ?? localDate(ctx.now, goal.time_zone),
    });
    const row = await trx
      .selectFrom('practices')
      .select('id')
      .where('goal_id', '=', goalId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'practice.create', clientId: goal.client_id, resource: `practice/${row.id}` },
    ]);
    return row.id;
  });
  return practiceView(store.db, (await findPractice(store.db, ctx, id))!, ctx.now);
}

export async function getPractice(
  store: Store,
  ctx: Ctx,
  practiceId: string,
): Promise<PracticeView> {
  return store.db.transaction().execute(async (trx) => {
    const p = await findPractice(trx, ctx, practiceId);
    if (!p) throw notFound('practice');
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'practice.read', clientId: p.client_id, resource: `practice/${p.id}` },
    ]);
    return practiceView(trx, p, ctx.now);
  });
}

export async function patchPractice(
  store: Store,
  ctx: Ctx,
  practiceId: string,
  ifMatch: string | undefined,
  input: unknown,
): Promise<PracticeView> {
  if (!(await findPractice(store.db, ctx, practiceId))) throw notFound('practice');
  const expected = optionalVersion(ifMatch);
  const { reason, ...fields } = parse(patchPracticeBody, input, 'body');
  if (ctx.actor.role === 'client')
    throw forbidden('Your care team changes practices; you can log them.');
  await store.db.transaction().execute(async (trx) => {
    const p = await findPractice(trx, ctx, practiceId);
    if (!p) throw notFound('practice');
    const patch: Partial<PracticeTable> = {};
    if (fields.title !== undefined) patch.title = fields.title;
    if (fields.schedule !== undefined)
      patch.schedule = JSON.stringify(parseSchedule(fields.schedule));
    if (fields.minutes !== undefined) patch.minutes = fields.minutes;
    if (fields.status !== undefined) patch.status = fields.status;
    const view = (x: PracticeTable) => ({
      title: x.title,
      schedule: JSON.parse(x.schedule) as unknown,
      minutes: x.minutes,
      status: x.status,
    });
    await reviseChild(trx, ctx, {
      entity: 'practice',
      id: p.id,
      goalId: p.goal_id,
      version: p.version,
      expected,
      changes: diff(view(p), view({ ...p, ...patch })),
      patch,
      reason,
    });
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'practice.update', clientId: p.client_id, resource: `practice/${p.id}` },
    ]);
  });
  return practiceView(store.db, (await findPractice(store.db, ctx, practiceId))!, ctx.now);
}

/**
 * Mark a practice done (or not) on one of the client's days. Idempotent: the day is the key.
 * A day in the future, or before the practice started, is refused.
 */
export async function logCompletion(
  store: Store,
  ctx: Ctx,
  practiceId: string,
  date: string,
  input: unknown,
): Promise<PracticeView> {
  const found = await findPractice(store.db, ctx, practiceId);
  if (!found) throw notFound('practice');
  const body = parse(completionBody, input, 'body');
  const today = localDate(ctx.now, found.time_zone);
  if (date > today)
    throw validationError([
      { field: 'date', message: 'You can log today or an earlier day, not a future one.' },
    ]);
  if (date < found.start_date)
    throw validationError([
      { field: 'date', message: `This practice started on ${found.start_date}.` },
    ]);
  await store.db.transaction().execute(async (trx) => {
    if (body.done) {
      await trx
        .insertInto('practice_completions')
        .values({
          practice_id: practiceId,
          local_date: date,
          at: ctx.now.toISOString(),
          by: ctx.actorId,
          minutes: body.minutes ?? null,
        })
        .onConflict((oc) =>
          oc.columns(['practice_id', 'local_date']).doUpdateSet({ minutes: body.minutes ?? null }),
        )
        .execute();
    } else {
      await trx
        .deleteFrom('practice_completions')
        .where('practice_id', '=', practiceId)
        .where('local_date', '=', date)
        .execute();
    }
    await recordAudit(trx, store.dialect, ctx, [
      {
        action: body.done ? 'practice.done' : 'practice.undone',
        clientId: found.client_id,
        resource: `practice/${practiceId}/${date}`,
      },
    ]);
  });
  return practiceView(store.db, found, ctx.now);
}
