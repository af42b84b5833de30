import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { NewMeasure } from '../contract/goals.ts';
import { patchTemplateBody, templateBody, type TemplateView } from '../contract/plan.ts';
import { localDate } from '../domain/calendar.ts';
import { notFound, validationError } from '../errors.ts';
import type { Store } from '../store/db.ts';
import type { Database, GoalTemplateTable } from '../store/schema.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';
import { defaultTemplates, type TemplateContent } from './default-templates.ts';
import { insertPractice } from './practices.ts';
import { insertStep } from './steps.ts';

function present(t: Selectable<GoalTemplateTable>): TemplateView {
  return {
    id: t.id,
    category: t.category,
    title: t.title,
    why: t.why,
    measure: t.measure ? (JSON.parse(t.measure) as NewMeasure) : null,
    steps: JSON.parse(t.steps) as TemplateView['steps'],
    practices: JSON.parse(t.practices) as TemplateView['practices'],
    archived: t.archived_at !== null,
  };
}

function row(
  clinicId: string,
  t: TemplateContent,
  at: string,
  id: string = randomUUID(),
): GoalTemplateTable {
  return {
    id,
    clinic_id: clinicId,
    category: t.category,
    title: t.title,
    why: t.why ?? null,
    measure: t.measure ? JSON.stringify(t.measure) : null,
    target: null,
    steps: JSON.stringify(t.steps),
    practices: JSON.stringify(t.practices),
    archived_at: null,
    created_at: at,
    updated_at: at,
  };
}

/** A clinic starts with the shipped library the first time anyone looks. */
async function ensureDefaults(trx: Kysely<Database>, clinicId: string, now: Date): Promise<void> {
  const any = await trx
    .selectFrom('goal_templates')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .limit(1)
    .executeTakeFirst();
  if (any) return;
  const at = now.toISOString();
  await trx
    .insertInto('goal_templates')
    .values(defaultTemplates.map((t) => row(clinicId, t, at)))
    .execute();
}

export async function listTemplates(
  store: Store,
  ctx: Ctx,
  includeArchived: boolean,
): Promise<TemplateView[]> {
  return store.db
    .transaction()
    .execute((trx) => clinicTemplates(trx, ctx.actor.clinicId, ctx.now, includeArchived));
}

/** The clinic's templates (the shipped library on first use), by category then title. */
export async function clinicTemplates(
  trx: Kysely<Database>,
  clinicId: string,
  now: Date,
  includeArchived = false,
): Promise<TemplateView[]> {
  await ensureDefaults(trx, clinicId, now);
  let q = trx.selectFrom('goal_templates').selectAll().where('clinic_id', '=', clinicId);
  if (!includeArchived) q = q.where('archived_at', 'is', null);
  const rows = await q.orderBy('category').orderBy('title').execute();
  return rows.map(present);
}

export async function createTemplate(
  store: Store,
  ctx: Ctx,
  input: unknown,
): Promise<TemplateView> {
  const body = parse(templateBody, input, 'body');
  const t = row(ctx.actor.clinicId, body, ctx.now.toISOString());
  await store.db.transaction().execute(async (trx) => {
    await ensureDefaults(trx, ctx.actor.clinicId, ctx.now);
    await trx.insertInto('goal_templates').values(t).execute();
  });
  return present(t);
}

export async function patchTemplate(
  store: Store,
  ctx: Ctx,
  templateId: string,
  input: unknown,
): Promise<TemplateView> {
  const existing = await store.db
    .selectFrom('goal_templates')
    .selectAll()
    .where('id', '=', templateId)
    .where('clinic_id', '=', ctx.actor.clinicId)
    .executeTakeFirst();
  if (!existing) throw notFound('template');
  const { archived, ...body } = parse(patchTemplateBody, input, 'body');
  const merged = { ...present(existing), ...body };
  const next = row(
    ctx.actor.clinicId,
    { ...merged, why: merged.why ?? undefined, measure: merged.measure ?? undefined },
    existing.created_at,
    existing.id,
  );
  next.updated_at = ctx.now.toISOString();
  next.archived_at =
    archived === undefined ? existing.archived_at : archived ? ctx.now.toISOString() : null;
  await store.db.updateTable('goal_templates').set(next).where('id', '=', templateId).execute();
  return present(next);
}

/**
 * What a template gives a new goal: its measure and "why" as defaults, and — once the goal
 * exists — its steps and practices, starting on the client's today.
 */
export async function instantiateTemplate(
  trx: Kysely<Database>,
  clinicId: string,
  templateId: string,
  now: Date,
) {
  await ensureDefaults(trx, clinicId, now);
  const t = await trx
    .selectFrom('goal_templates')
    .selectAll()
    .where('id', '=', templateId)
    .where('clinic_id', '=', clinicId)
    .executeTakeFirst();
  if (!t)
    throw validationError([
      { field: 'templateId', message: 'No template with this id in your clinic.' },
    ]);
  const view = present(t);
  return {
    measure: view.measure ?? undefined,
    why: view.why ?? undefined,
    async apply(tx: Kysely<Database>, goalId: string, clientId: string, ctx: Ctx): Promise<void> {
      const client = await tx
        .selectFrom('clients')
        .select('time_zone')
        .where('id', '=', clientId)
        .executeTakeFirstOrThrow();
      const today = localDate(ctx.now, client.time_zone);
      for (const s of view.steps) await insertStep(tx, ctx, goalId, { title: s.title });
      for (const p of view.practices)
        await insertPractice(tx, ctx, goalId, { ...p, startDate: today });
    },
  };
}
