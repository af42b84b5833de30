import { randomUUID } from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import {
  createGoalBody,
  patchGoalBody,
  type CreateGoalBody,
  type PatchGoalBody,
  type GoalView,
  type NewMeasure,
  type RevisionView,
} from '../contract/goals.ts';
import { addDays, localDate } from '../domain/calendar.ts';
import { assertTransition, maySustain, type ReviewDecision } from '../domain/lifecycle.ts';
import { AppError, conflict, forbidden, notFound, validationError } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import {
  ancestorIds,
  findGoal,
  findMeasure,
  insertGoal,
  insertMeasure,
  insertRevision,
  listGoals,
  listRevisions,
  updateGoalIfVersion,
  type GoalRow,
  type MeasureRow,
} from '../store/goals.ts';
import type { Database, GoalTable, MeasureKind } from '../store/schema.ts';
import { findVisibleClientId } from '../store/scope.ts';
import { instantiateTemplate } from './templates.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';
import { goalViews } from './goal-views.ts';
import { diff, optionalVersion, type Changes } from './revise.ts';

/** Values a measure of this kind can take (SPEC: scale 0–10; yes/no 0 or 1; counts and minutes ≥ 0). */
export function checkMeasureValue(kind: MeasureKind, value: number, field: string): void {
  const ok =
    kind === 'scale'
      ? value >= 0 && value <= 10
      : kind === 'yesno'
        ? value === 0 || value === 1
        : value >= 0;
  if (!ok) {
    const range =
      kind === 'scale' ? 'from 0 to 10' : kind === 'yesno' ? '0 (no) or 1 (yes)' : '0 or more';
    throw validationError([{ field, message: `For a ${kind} measure, use a value ${range}.` }]);
  }
}

async function requireClient(db: Kysely<Database>, ctx: Ctx, clientId: string): Promise<void> {
  if (!(await findVisibleClientId(db, ctx.actor, clientId))) throw notFound('client');
}

async function newMeasure(
  trx: Kysely<Database>,
  clientId: string,
  m: NewMeasure,
  now: Date,
): Promise<MeasureRow> {
  const row: MeasureRow = {
    id: randomUUID(),
    client_id: clientId,
    name: m.name,
    kind: m.kind,
    unit: m.unit ?? null,
    better: m.better,
    sd: null,
    reliability: null,
    created_at: now.toISOString(),
  };
  await insertMeasure(trx, row);
  return row;
}

async function checkParent(
  trx: Kysely<Database>,
  ctx: Ctx,
  clientId: string,
  parentId: string,
  selfId?: string,
): Promise<void> {
  const parent = await findGoal(trx, ctx.actor, parentId);
  if (!parent || parent.client_id !== clientId) {
    throw validationError([
      { field: 'parentId', message: 'The parent must be another goal of the same client.' },
    ]);
  }
  if (selfId && (parentId === selfId || (await ancestorIds(trx, parentId)).includes(selfId))) {
    throw new AppError(
      409,
      'goal-cycle',
      'parentId: a goal cannot sit under itself or under one of its own sub-goals.',
      {
        errors: [
          {
            field: 'parentId',
            message: 'A goal cannot sit under itself or one of its own sub-goals.',
          },
        ],
      },
    );
  }
}

function checkTargetValues(
  measure: MeasureRow | undefined,
  baseline: number | null,
  target: number | null,
): void {
  if (!measure) return;
  if (baseline !== null) checkMeasureValue(measure.kind, baseline, 'baseline');
  if (target !== null) checkMeasureValue(measure.kind, target, 'target');
}

/** Create a goal (revision 1). A client's goal is always a proposal their therapist accepts. */
export async function createGoal(
  store: Store,
  ctx: Ctx,
  clientId: string,
  input: unknown,
): Promise<GoalView> {
  await requireClient(store.db, ctx, clientId);
  const body = parse(createGoalBody, input, 'body');
  const row = await store.db.transaction().execute(async (trx) => {
    const id = await insertNewGoal(trx, ctx, clientId, body);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'goal.create', clientId, resource: `goal/${id}` },
    ]);
    return findGoal(trx, ctx.actor, id);
  });
  const [view] = await goalViews(store.db, ctx.actor, [row!], ctx.now);
  return view!;
}

/**
 * Write a new goal inside `trx`: its measure (new, chosen or from the template), revision 1,
 * and the template's steps and practices. The caller has checked the client is visible and
 * writes the audit event. Returns the goal's id.
 */
export async function insertNewGoal(
  trx: Kysely<Database>,
  ctx: Ctx,
  clientId: string,
  body: CreateGoalBody,
): Promise<string> {
  if (body.measure && body.measureId) {
    throw validationError([
      { field: 'measure', message: 'Give either a new measure or a measureId, not both.' },
    ]);
  }
  const at = ctx.now.toISOString();
  const status = ctx.actor.role === 'client' ? 'proposed' : (body.status ?? 'active');
  const id = randomUUID();
  const template = body.templateId
    ? await instantiateTemplate(trx, ctx.actor.clinicId, body.templateId, ctx.now)
    : undefined;
  let measure: MeasureRow | undefined;
  if (body.measureId) {
    measure = await findMeasure(trx, clientId, body.measureId);
    if (!measure)
      throw validationError([
        { field: 'measureId', message: 'No measure with this id belongs to this client.' },
      ]);
  } else if (body.measure ?? template?.measure) {
    measure = await newMeasure(trx, clientId, (body.measure ?? template?.measure)!, ctx.now);
  }
  const baseline = body.baseline ?? null;
  const target = body.target ?? null;
  checkTargetValues(measure, baseline, target);
  if ((baseline !== null || target !== null) && !measure) {
    throw validationError([
      {
        field: baseline !== null ? 'baseline' : 'target',
        message: 'A baseline or target needs a measure.',
      },
    ]);
  }
  if (body.parentId) await checkParent(trx, ctx, clientId, body.parentId);

  const goal: GoalTable = {
    id,
    client_id: clientId,
    parent_id: body.parentId ?? null,
    title: body.title,
    why: body.why ?? template?.why ?? null,
    status,
    priority: body.priority ?? null,
    measure_id: measure?.id ?? null,
    baseline,
    target,
    due_date: body.dueDate ?? null,
    target_set_at: target !== null ? at : null,
    gas_levels: body.gas ? JSON.stringify(body.gas.levels) : null,
    gas_weight: body.gas?.weight ?? null,
    review_every_days: body.reviewEveryDays ?? null,
    review_date: body.reviewDate ?? (await firstReview(trx, clientId, body, ctx.now)),
    sustaining_since: null,
    sustain_every_days: null,
    slip_threshold: null,
    version: 1,
    created_by: ctx.actorId,
    created_at: at,
    updated_at: at,
  };
  await insertGoal(trx, goal);
  await insertRevision(trx, {
    entity: 'goal',
    entity_id: id,
    goal_id: id,
    version: 1,
    at,
    by: ctx.actorId,
    changes: JSON.stringify(creationChanges(goal)),
    reason: null,
  });
  if (template) await template.apply(trx, id, clientId, ctx);
  return id;
}

/** With a rhythm but no date, the first review is that many days from the client's today. */
async function firstReview(
  trx: Kysely<Database>,
  clientId: string,
  body: CreateGoalBody,
  now: Date,
): Promise<string | null> {
  if (body.reviewEveryDays === undefined) return null;
  const client = await trx
    .selectFrom('clients')
    .select('time_zone')
    .where('id', '=', clientId)
    .executeTakeFirstOrThrow();
  return addDays(localDate(now, client.time_zone), body.reviewEveryDays);
}

function creationChanges(goal: GoalTable): Changes {
  const fields = presentFields(goal);
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, { from: null, to: v }]),
  );
}

/** The goal's fields under their API names, for revision diffs. */
function presentFields(
  g: Pick<
    GoalTable,
    | 'title'
    | 'why'
    | 'status'
    | 'priority'
    | 'measure_id'
    | 'baseline'
    | 'target'
    | 'due_date'
    | 'gas_levels'
    | 'gas_weight'
    | 'parent_id'
    | 'review_every_days'
    | 'review_date'
    | 'sustaining_since'
    | 'sustain_every_days'
    | 'slip_threshold'
  >,
) {
  return {
    title: g.title,
    why: g.why,
    status: g.status,
    priority: g.priority,
    measureId: g.measure_id,
    baseline: g.baseline,
    target: g.target,
    dueDate: g.due_date,
    gas: g.gas_levels
      ? {
          levels: JSON.parse(g.gas_levels) as unknown,
          ...(g.gas_weight !== null ? { weight: g.gas_weight } : {}),
        }
      : null,
    parentId: g.parent_id,
    reviewEveryDays: g.review_every_days,
    reviewDate: g.review_date,
    sustain: g.sustaining_since
      ? { checkInEveryDays: g.sustain_every_days, slipThreshold: g.slip_threshold }
      : null,
  };
}

/**
 * The sustaining phase in a change: only an achieved goal is sustained (400 `sustain`), with a
 * measure when it has a slip line; moving the goal out of achieved ends the phase.
 */
function sustainPatch(
  goal: GoalRow,
  sustain: PatchGoalBody['sustain'],
  status: GoalRow['status'],
  measure: MeasureRow | undefined,
  patch: Updateable<GoalTable>,
  now: Date,
): void {
  const ending = { sustaining_since: null, sustain_every_days: null, slip_threshold: null };
  if (sustain) {
    if (!maySustain(status))
      throw validationError([
        { field: 'sustain', message: 'Only an achieved goal can move into sustaining it.' },
      ]);
    if (sustain.slipThreshold !== undefined) {
      if (!measure)
        throw validationError([
          {
            field: 'sustain.slipThreshold',
            message: 'A slip line needs the goal to have a measure.',
          },
        ]);
      checkMeasureValue(measure.kind, sustain.slipThreshold, 'sustain.slipThreshold');
    }
    Object.assign(patch, {
      sustaining_since: goal.sustaining_since ?? now.toISOString(),
      sustain_every_days: sustain.checkInEveryDays,
      slip_threshold: sustain.slipThreshold ?? null,
    });
  } else if (sustain === null || (goal.sustaining_since !== null && !maySustain(status))) {
    Object.assign(patch, ending);
  }
}

/** Parse `If-Match: "3"` (or W/"3"). Missing → 428; unreadable → 400. */
export function expectedVersion(ifMatch: string | undefined): number {
  if (ifMatch === undefined || ifMatch === '') {
    throw new AppError(
      428,
      'precondition-required',
      "Send If-Match with the ETag from your last GET, so no one else's change is overwritten.",
    );
  }
  return optionalVersion(ifMatch)!;
}

const stale = (current: number) =>
  new AppError(
    412,
    'stale',
    `Someone changed this goal since you loaded it (it is now version ${current}). Reload to see what changed, then re-apply your edit.`,
  );

/**
 * Change a goal: lifecycle, target, GAS scale, parent… Appends exactly one revision with the
 * changed fields and the reason. The version check and the write are atomic.
 */
export async function patchGoal(
  store: Store,
  ctx: Ctx,
  goalId: string,
  ifMatch: string | undefined,
  input: unknown,
): Promise<GoalView> {
  const current = await findGoal(store.db, ctx.actor, goalId);
  if (!current) throw notFound('goal');
  const version = expectedVersion(ifMatch);
  const body = parse(patchGoalBody, input, 'body');
  if (ctx.actor.role === 'client') {
    const others = Object.keys(body).filter((k) => k !== 'why' && k !== 'reason');
    if (others.length > 0)
      throw forbidden(
        `Only your care team can change ${others.join(', ')}; you can change why this goal matters to you.`,
      );
  }
  return writeGoalChange(store, ctx, goalId, version, body);
}

/**
 * Apply a checked change to a goal at `version`: one revision with the changed fields and the
 * reason (and, for a review, the decision under `review`), and its audit event.
 */
export async function writeGoalChange(
  store: Store,
  ctx: Ctx,
  goalId: string,
  version: number,
  body: PatchGoalBody,
  review?: ReviewDecision,
): Promise<GoalView> {
  const { reason, ...fields } = body;
  if (body.measure && body.measureId !== undefined) {
    throw validationError([
      { field: 'measure', message: 'Give either a new measure or a measureId, not both.' },
    ]);
  }

  const row = await store.db.transaction().execute(async (trx) => {
    const goal = await findGoal(trx, ctx.actor, goalId);
    if (!goal) throw notFound('goal');
    if (goal.version !== version) throw stale(goal.version);
    if (fields.status !== undefined) assertTransition(goal.status, fields.status);

    const patch: Updateable<GoalTable> = {};
    let measure: MeasureRow | undefined = goal.measure_id
      ? await findMeasure(trx, goal.client_id, goal.measure_id)
      : undefined;
    if (fields.measure) {
      measure = await newMeasure(trx, goal.client_id, fields.measure, ctx.now);
      patch.measure_id = measure.id;
    } else if (fields.measureId !== undefined) {
      measure =
        fields.measureId === null
          ? undefined
          : await findMeasure(trx, goal.client_id, fields.measureId);
      if (fields.measureId !== null && !measure) {
        throw validationError([
          { field: 'measureId', message: 'No measure with this id belongs to this client.' },
        ]);
      }
      patch.measure_id = fields.measureId;
    }
    if (fields.title !== undefined) patch.title = fields.title;
    if (fields.why !== undefined) patch.why = fields.why;
    if (fields.status !== undefined) patch.status = fields.status;
    if (fields.priority !== undefined) patch.priority = fields.priority;
    if (fields.baseline !== undefined) patch.baseline = fields.baseline;
    if (fields.target !== undefined) patch.target = fields.target;
    if (fields.dueDate !== undefined) patch.due_date = fields.dueDate;
    if (fields.reviewDate !== undefined) patch.review_date = fields.reviewDate;
    if (fields.reviewEveryDays !== undefined) patch.review_every_days = fields.reviewEveryDays;
    if (fields.gas !== undefined) {
      patch.gas_levels = fields.gas ? JSON.stringify(fields.gas.levels) : null;
      patch.gas_weight = fields.gas?.weight ?? null;
    }
    if (fields.parentId !== undefined) {
      if (fields.parentId !== null)
        await checkParent(trx, ctx, goal.client_id, fields.parentId, goal.id);
      patch.parent_id = fields.parentId;
    }
    sustainPatch(goal, fields.sustain, fields.status ?? goal.status, measure, patch, ctx.now);
    const next = { ...goal, ...patch } as GoalRow;
    checkTargetValues(measure, next.baseline, next.target);
    if ((next.baseline !== null || next.target !== null) && !next.measure_id) {
      throw validationError([
        { field: 'measureId', message: 'A baseline or target needs a measure.' },
      ]);
    }

    const changes = diff(presentFields(goal), presentFields(next));
    if (review) changes.review = { from: null, to: review };
    if (Object.keys(changes).length === 0) {
      throw validationError([
        {
          field: Object.keys(fields)[0] ?? 'body',
          message: 'Nothing would change: the goal already has these values.',
        },
      ]);
    }
    // The line to the target starts again when what is measured or aimed for changes.
    if ('baseline' in changes || 'target' in changes || 'measureId' in changes)
      patch.target_set_at = ctx.now.toISOString();
    patch.updated_at = ctx.now.toISOString();

    if (!(await updateGoalIfVersion(trx, goal.id, version, patch))) {
      const fresh = await findGoal(trx, ctx.actor, goalId);
      throw stale(fresh?.version ?? version + 1);
    }
    await insertRevision(trx, {
      entity: 'goal',
      entity_id: goal.id,
      goal_id: goal.id,
      version: version + 1,
      at: ctx.now.toISOString(),
      by: ctx.actorId,
      changes: JSON.stringify(changes),
      reason: reason ?? null,
    });
    await recordAudit(trx, store.dialect, ctx, [
      {
        action: review ? 'goal.review' : 'goal.update',
        clientId: goal.client_id,
        resource: `goal/${goal.id}`,
      },
    ]);
    return findGoal(trx, ctx.actor, goalId);
  });
  if (!row) throw conflict('gone', 'The goal is no longer available.');
  const [view] = await goalViews(store.db, ctx.actor, [row], ctx.now);
  return view!;
}

export async function getGoal(store: Store, ctx: Ctx, goalId: string): Promise<GoalView> {
  return store.db.transaction().execute(async (trx) => {
    const goal = await findGoal(trx, ctx.actor, goalId);
    if (!goal) throw notFound('goal');
    const [view] = await goalViews(trx, ctx.actor, [goal], ctx.now);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'goal.read', clientId: goal.client_id, resource: `goal/${goal.id}` },
    ]);
    return view!;
  });
}

export async function listClientGoals(
  store: Store,
  ctx: Ctx,
  clientId: string,
): Promise<GoalView[]> {
  await requireClient(store.db, ctx, clientId);
  return store.db.transaction().execute(async (trx) => {
    const goals = await listGoals(trx, ctx.actor, clientId);
    const views = await goalViews(trx, ctx.actor, goals, ctx.now);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'goal.list', clientId, resource: `client/${clientId}/goals` },
    ]);
    return views;
  });
}

/** The history of a goal, oldest first; with `all`, its steps' and practices' changes too. */
export async function goalRevisions(
  store: Store,
  ctx: Ctx,
  goalId: string,
  all: boolean,
): Promise<RevisionView[]> {
  return store.db.transaction().execute(async (trx) => {
    const goal = await findGoal(trx, ctx.actor, goalId);
    if (!goal) throw notFound('goal');
    const rows = await listRevisions(trx, goalId, all ? ['goal', 'step', 'practice'] : ['goal']);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'goal.revisions', clientId: goal.client_id, resource: `goal/${goalId}/revisions` },
    ]);
    return rows.map((r) => ({
      version: r.version,
      at: r.at,
      by: r.by,
      byName: r.by_name,
      changes: JSON.parse(r.changes) as Changes,
      ...(r.reason ? { reason: r.reason } : {}),
      ...(all ? { entity: r.entity, entityId: r.entity_id } : {}),
    }));
  });
}
