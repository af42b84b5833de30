import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  createDraftBody,
  patchDraftBody,
  type DraftContent,
  type DraftGoal,
  type GoalDraftView,
} from '../contract/goal-drafts.ts';
import { createGoalBody } from '../contract/goals.ts';
import type { TemplateView } from '../contract/plan.ts';
import { localDate } from '../domain/calendar.ts';
import { checkSmart } from '../domain/smart.ts';
import { matchTemplates } from '../domain/template-match.ts';
import { AppError, conflict, notFound, validationError, type FieldError } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import {
  findDraft,
  insertDraft,
  openDrafts,
  updateDraftIfVersion,
  type DraftRow,
} from '../store/goal-drafts.ts';
import type { Database } from '../store/schema.ts';
import { findVisibleClient } from '../store/scope.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';
import { insertNewGoal } from './goals.ts';
import { insertPlanFor } from './if-then-plans.ts';
import { insertPractice } from './practices.ts';
import { optionalVersion } from './revise.ts';
import { insertStep } from './steps.ts';
import { clinicTemplates } from './templates.ts';

type Draft = DraftRow & { time_zone: string };

/** What the client said matters, as the words a goal's "why" carries. */
function whyOf(content: DraftContent, g: DraftGoal): string | undefined {
  const parts = [
    content.matters?.ownWords && `What matters: ${content.matters.ownWords}`,
    g.bestOutcome && `Best outcome: ${g.bestOutcome}`,
    g.notice && `I would notice: ${g.notice}`,
  ].filter(Boolean);
  return parts.length ? parts.join('\n').slice(0, 2000) : undefined;
}

async function present(
  db: Kysely<Database>,
  ctx: Ctx,
  d: Draft,
  templates: readonly TemplateView[],
): Promise<GoalDraftView> {
  const content = JSON.parse(d.content) as DraftContent;
  const measures = new Map(
    (
      await db
        .selectFrom('measures')
        .select(['id', 'kind', 'better', 'name'])
        .where('client_id', '=', d.client_id)
        .execute()
    ).map((m) => [m.id, m]),
  );
  const today = localDate(ctx.now, d.time_zone);
  const context = [...(content.matters?.areas ?? []), content.matters?.ownWords ?? ''].join(' ');
  return {
    id: d.id,
    clientId: d.client_id,
    step: d.step,
    status: d.status,
    content,
    goalIds: d.goal_ids ? (JSON.parse(d.goal_ids) as string[]) : [],
    version: d.version,
    createdBy: d.created_by,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
    hints: (content.goals ?? []).map((g) => ({
      key: g.key,
      smart: checkSmart({
        title: g.title ?? '',
        why: whyOf(content, g) ?? null,
        measure: g.measure ?? (g.measureId ? measures.get(g.measureId) : undefined) ?? null,
        baseline: g.baseline ?? null,
        target: g.target ?? null,
        dueDate: g.dueDate ?? null,
        today,
      }),
      suggestions: matchTemplates(
        `${g.title ?? ''} ${g.bestOutcome ?? ''} ${g.notice ?? ''} ${context}`,
        templates,
      ).map((t) => ({
        templateId: t.id,
        title: t.title,
        category: t.category,
        steps: t.steps,
        practices: t.practices,
      })),
    })),
  };
}

async function view(store: Store, ctx: Ctx, d: Draft): Promise<GoalDraftView> {
  const templates = await store.db
    .transaction()
    .execute((trx) => clinicTemplates(trx, ctx.actor.clinicId, ctx.now));
  return present(store.db, ctx, d, templates);
}

/** `POST /api/clients/:clientId/goal-drafts`: start the conversation (the therapist's or the client's). */
export async function createDraft(
  store: Store,
  ctx: Ctx,
  clientId: string,
  input: unknown,
): Promise<GoalDraftView> {
  const client = await findVisibleClient(store.db, ctx.actor, clientId);
  if (!client) throw notFound('client');
  const { step, ...content } = parse(createDraftBody, input ?? {}, 'body');
  const at = ctx.now.toISOString();
  const row: DraftRow = {
    id: randomUUID(),
    client_id: clientId,
    step: step ?? 1,
    content: JSON.stringify(content),
    status: 'open',
    goal_ids: null,
    version: 1,
    created_by: ctx.actorId,
    created_at: at,
    updated_at: at,
  };
  await store.db.transaction().execute(async (trx) => {
    await insertDraft(trx, row);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'draft.create', clientId, resource: `goal-draft/${row.id}` },
    ]);
  });
  return view(store, ctx, { ...row, time_zone: client.time_zone });
}

/** `GET /api/clients/:clientId/goal-drafts`: the open ones, to pick up where we left off. */
export async function listDrafts(
  store: Store,
  ctx: Ctx,
  clientId: string,
): Promise<GoalDraftView[]> {
  const client = await findVisibleClient(store.db, ctx.actor, clientId);
  if (!client) throw notFound('client');
  const rows = await store.db.transaction().execute(async (trx) => {
    const drafts = await openDrafts(trx, clientId);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'draft.list', clientId, resource: `client/${clientId}/goal-drafts` },
    ]);
    return drafts;
  });
  return Promise.all(rows.map((r) => view(store, ctx, { ...r, time_zone: client.time_zone })));
}

export async function getDraft(store: Store, ctx: Ctx, draftId: string): Promise<GoalDraftView> {
  const draft = await store.db.transaction().execute(async (trx) => {
    const d = await findDraft(trx, ctx.actor, draftId);
    if (!d) throw notFound('draft');
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'draft.read', clientId: d.client_id, resource: `goal-draft/${d.id}` },
    ]);
    return d;
  });
  return view(store, ctx, draft);
}

const closed = (d: DraftRow) =>
  conflict(
    'draft-closed',
    d.status === 'finished'
      ? 'These goals were already set from this draft; change the goals themselves.'
      : 'This draft was put aside; start a new one.',
  );

const stale = (version: number) =>
  new AppError(
    412,
    'stale',
    `This draft was saved elsewhere since you loaded it (now version ${version}). Reload to see it, then carry on.`,
  );

/** Load an open draft for a write at the version the sender saw (optional If-Match). */
async function openDraftAt(
  trx: Kysely<Database>,
  ctx: Ctx,
  draftId: string,
  expected: number | undefined,
): Promise<Draft> {
  const d = await findDraft(trx, ctx.actor, draftId);
  if (!d) throw notFound('draft');
  if (d.status !== 'open') throw closed(d);
  if (expected !== undefined && expected !== d.version) throw stale(d.version);
  return d;
}

/**
 * `PATCH /api/goal-drafts/:draftId`: save a step. Each section sent replaces the saved one;
 * `step` records the furthest step reached; `discarded: true` puts the draft aside.
 */
export async function patchDraft(
  store: Store,
  ctx: Ctx,
  draftId: string,
  ifMatch: string | undefined,
  input: unknown,
): Promise<GoalDraftView> {
  if (!(await findDraft(store.db, ctx.actor, draftId))) throw notFound('draft');
  const expected = optionalVersion(ifMatch);
  const { step, discarded, ...sections } = parse(patchDraftBody, input, 'body');
  const saved = await store.db.transaction().execute(async (trx) => {
    const d = await openDraftAt(trx, ctx, draftId, expected);
    const content = { ...(JSON.parse(d.content) as DraftContent), ...sections };
    const patch = {
      content: JSON.stringify(content),
      step: Math.max(d.step, step ?? d.step),
      updated_at: ctx.now.toISOString(),
      ...(discarded ? { status: 'discarded' as const } : {}),
    };
    if (!(await updateDraftIfVersion(trx, d.id, d.version, patch))) throw stale(d.version + 1);
    await recordAudit(trx, store.dialect, ctx, [
      {
        action: discarded ? 'draft.discard' : 'draft.update',
        clientId: d.client_id,
        resource: `goal-draft/${d.id}`,
      },
    ]);
    return { ...d, ...patch, version: d.version + 1 };
  });
  return view(store, ctx, saved);
}

/** What finishing needs that drafting did not: a title for each goal, both halves of each plan. */
function checkComplete(content: DraftContent): void {
  const errors: FieldError[] = [];
  const goals = content.goals ?? [];
  if (goals.length === 0)
    errors.push({ field: 'goals', message: 'Name at least one goal (step 2) before finishing.' });
  goals.forEach((g, i) => {
    if (!g.title)
      errors.push({ field: `goals.${i}.title`, message: 'Say what this goal is, in a sentence.' });
    (g.obstacles ?? []).forEach((o, j) => {
      const at = `goals.${i}.obstacles.${j}`;
      if (!o.obstacle) errors.push({ field: `${at}.obstacle`, message: 'Name the obstacle.' });
      if (!o.ifText)
        errors.push({ field: `${at}.ifText`, message: 'Say when the obstacle shows up ("If …").' });
      if (!o.thenText)
        errors.push({ field: `${at}.thenText`, message: 'Say what you will do then ("then …").' });
    });
  });
  if (errors.length) throw validationError(errors);
}

/** Re-raise a goal's 400 with its place in the draft (`goals.1.baseline`). */
function underGoal(i: number, e: unknown): unknown {
  if (!(e instanceof AppError) || e.code !== 'validation') return e;
  return validationError(
    (e.details.errors ?? []).map((f) => ({
      field: `goals.${i}.${f.field.replace(/^body\.?/, '') || 'title'}`,
      message: f.message,
    })),
  );
}

/**
 * `POST /api/goal-drafts/:draftId/finish`: the draft becomes ordinary goals — in its order
 * (priority 1, 2, …), with the agreed review rhythm, their steps, practices and obstacle/plan
 * pairs — all in one transaction, or nothing when any part is refused.
 */
export async function finishDraft(
  store: Store,
  ctx: Ctx,
  draftId: string,
  ifMatch: string | undefined,
): Promise<GoalDraftView> {
  if (!(await findDraft(store.db, ctx.actor, draftId))) throw notFound('draft');
  const expected = optionalVersion(ifMatch);
  const finished = await store.db.transaction().execute(async (trx) => {
    const d = await openDraftAt(trx, ctx, draftId, expected);
    const content = JSON.parse(d.content) as DraftContent;
    checkComplete(content);
    const today = localDate(ctx.now, d.time_zone);
    const goalIds: string[] = [];
    for (const [i, g] of (content.goals ?? []).entries()) {
      try {
        const body = parse(
          createGoalBody,
          {
            title: g.title,
            why: whyOf(content, g),
            priority: i + 1,
            measure: g.measure,
            measureId: g.measureId,
            baseline: g.baseline,
            target: g.target,
            dueDate: g.dueDate,
            reviewEveryDays: content.agreement?.reviewEveryDays,
          },
          'body',
        );
        const goalId = await insertNewGoal(trx, ctx, d.client_id, body);
        for (const s of g.steps ?? []) await insertStep(trx, ctx, goalId, s);
        for (const p of g.practices ?? [])
          await insertPractice(trx, ctx, goalId, { ...p, startDate: today });
        for (const o of g.obstacles ?? [])
          await insertPlanFor(trx, ctx, goalId, {
            obstacle: o.obstacle,
            ifText: o.ifText!,
            thenText: o.thenText!,
          });
        goalIds.push(goalId);
      } catch (e) {
        throw underGoal(i, e);
      }
    }
    const patch = {
      status: 'finished' as const,
      goal_ids: JSON.stringify(goalIds),
      step: 7,
      updated_at: ctx.now.toISOString(),
    };
    if (!(await updateDraftIfVersion(trx, d.id, d.version, patch))) throw stale(d.version + 1);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'draft.finish', clientId: d.client_id, resource: `goal-draft/${d.id}` },
      ...goalIds.map((id) => ({
        action: 'goal.create',
        clientId: d.client_id,
        resource: `goal/${id}`,
      })),
    ]);
    return { ...d, ...patch, version: d.version + 1 };
  });
  return view(store, ctx, finished);
}
