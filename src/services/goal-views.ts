import type { Kysely } from 'kysely';
import type { GasScale, GoalView, MeasureView, PracticeView, StepView } from '../contract/goals.ts';
import { localDate } from '../domain/calendar.ts';
import { round2 } from '../domain/gas.ts';
import { nextStatuses, nextSustainCheckIn } from '../domain/lifecycle.ts';
import { reliabilityOf, reliableChangeMargin } from '../domain/rci.ts';
import { checkSmart } from '../domain/smart.ts';
import { presentPlan } from './if-then-plans.ts';
import { presentPractice } from './practices.ts';
import { plansOfGoals, usesOfPlans } from '../store/if-then-plans.ts';
import { measuresByIds, type GoalRow, type MeasureRow } from '../store/goals.ts';
import type { Database } from '../store/schema.ts';
import type { Actor } from '../store/scope.ts';

export function presentMeasure(m: MeasureRow): MeasureView {
  const rel = reliabilityOf(m);
  return {
    id: m.id,
    name: m.name,
    kind: m.kind,
    unit: m.unit,
    better: m.better,
    sd: m.sd,
    reliability: m.reliability,
    reliableChangeThreshold: rel ? round2(reliableChangeMargin(rel)) : null,
  };
}

export function smartOf(
  goal: Pick<GoalRow, 'title' | 'why' | 'baseline' | 'target' | 'due_date'>,
  measure: MeasureRow | undefined,
  today: string,
) {
  return checkSmart({
    title: goal.title,
    why: goal.why,
    measure: measure ? { kind: measure.kind, better: measure.better, name: measure.name } : null,
    baseline: goal.baseline,
    target: goal.target,
    dueDate: goal.due_date,
    today,
  });
}

function sustainingOf(g: GoalRow, lastCheckInDay: string | undefined, today: string) {
  if (!g.sustaining_since || g.sustain_every_days === null) return null;
  const nextCheckInOn = nextSustainCheckIn({
    sinceDay: localDate(g.sustaining_since, g.time_zone),
    lastCheckInDay: lastCheckInDay ?? null,
    checkInEveryDays: g.sustain_every_days,
  });
  return {
    since: g.sustaining_since,
    checkInEveryDays: g.sustain_every_days,
    slipThreshold: g.slip_threshold,
    nextCheckInOn,
    checkInDue: nextCheckInOn <= today,
  };
}

/**
 * Goals as the viewer sees them: with measure, SMART check, steps, practices (adherence and
 * streaks in the client's day) and what the viewer may do. Loads children in batches.
 */
export async function goalViews(
  db: Kysely<Database>,
  actor: Actor,
  goals: readonly GoalRow[],
  now: Date,
): Promise<GoalView[]> {
  if (goals.length === 0) return [];
  const ids = goals.map((g) => g.id);
  const [measures, steps, practices, plans] = await Promise.all([
    measuresByIds(db, [...new Set(goals.flatMap((g) => (g.measure_id ? [g.measure_id] : [])))]),
    db
      .selectFrom('steps')
      .selectAll()
      .where('goal_id', 'in', ids)
      .where('removed', '=', 0)
      .orderBy('position')
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('practices')
      .selectAll()
      .where('goal_id', 'in', ids)
      .orderBy('created_at')
      .execute(),
    plansOfGoals(db, ids),
  ]);
  const sustainedMeasures = goals.flatMap((g) =>
    g.sustaining_since && g.measure_id ? [g.measure_id] : [],
  );
  const lastCheckIn = new Map(
    sustainedMeasures.length
      ? (
          await db
            .selectFrom('check_ins')
            .select((eb) => ['measure_id', eb.fn.max('local_date').as('day')])
            .where('measure_id', 'in', sustainedMeasures)
            .groupBy('measure_id')
            .execute()
        ).map((r) => [r.measure_id, r.day])
      : [],
  );
  const uses = await usesOfPlans(
    db,
    plans.map((p) => p.id),
  );
  const completions = practices.length
    ? await db
        .selectFrom('practice_completions')
        .select(['practice_id', 'local_date'])
        .where(
          'practice_id',
          'in',
          practices.map((p) => p.id),
        )
        .execute()
    : [];
  const measureById = new Map(measures.map((m) => [m.id, m]));

  return goals.map((g) => {
    const today = localDate(now, g.time_zone);
    const measure = g.measure_id ? measureById.get(g.measure_id) : undefined;
    const stepViews: StepView[] = steps
      .filter((s) => s.goal_id === g.id)
      .map((s) => ({
        id: s.id,
        goalId: s.goal_id,
        title: s.title,
        dueDate: s.due_date,
        position: s.position,
        done: s.done_at !== null,
        doneAt: s.done_at,
        version: s.version,
      }));
    const practiceViews: PracticeView[] = practices
      .filter((p) => p.goal_id === g.id)
      .map((p) =>
        presentPractice(
          p,
          completions.filter((c) => c.practice_id === p.id).map((c) => c.local_date),
          today,
        ),
      );
    const therapist = actor.role === 'therapist';
    return {
      id: g.id,
      clientId: g.client_id,
      version: g.version,
      status: g.status,
      title: g.title,
      why: g.why,
      priority: g.priority,
      parentId: g.parent_id,
      measureId: g.measure_id,
      measure: measure ? presentMeasure(measure) : null,
      baseline: g.baseline,
      target: g.target,
      dueDate: g.due_date,
      gas: g.gas_levels
        ? ({
            levels: JSON.parse(g.gas_levels),
            ...(g.gas_weight !== null ? { weight: g.gas_weight } : {}),
          } as GasScale)
        : null,
      reviewEveryDays: g.review_every_days,
      reviewDate: g.review_date,
      sustaining: sustainingOf(g, g.measure_id ? lastCheckIn.get(g.measure_id) : undefined, today),
      createdAt: g.created_at,
      updatedAt: g.updated_at,
      smart: smartOf(g, measure, today),
      steps: stepViews,
      practices: practiceViews,
      plans: plans
        .filter((p) => p.goal_id === g.id)
        .map((p) =>
          presentPlan(
            p,
            uses.filter((u) => u.plan_id === p.id),
          ),
        ),
      can: {
        edit: therapist,
        editWhy: true,
        rate: therapist && g.gas_levels !== null,
        comment: true,
        changeStatus: therapist ? [...nextStatuses(g.status)] : [],
      },
    };
  });
}
