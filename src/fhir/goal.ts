import { reliabilityOf } from '../domain/rci.ts';
import type { Annotation, CodeableConcept, Goal, GoalTarget } from '@medplum/fhirtypes';
import { localDate } from '../domain/calendar.ts';
import type { CorrectionIndex } from '../domain/corrections.ts';
import { planSentence, tallyPlanUses } from '../domain/if-then.ts';
import { goalProgress } from '../domain/progress.ts';
import type {
  CheckInRecord,
  GoalRecord,
  MeasureRecord,
  PlanRecord,
  PlanUseRecord,
} from '../store/exports.ts';
import type { GoalStatusValue } from '../store/schema.ts';
import {
  GOAL_ACHIEVEMENT,
  GOAL_CATEGORY,
  fhirId,
  goalAchievementDisplay,
  identifierSystem,
  measureConcept,
  measureQuantity,
  ref,
} from './codes.ts';
import { checkInObservationId } from './observation.ts';

export const goalId = (goal: Pick<GoalRecord, 'id'>) => fhirId('goal', goal.id);

/** Stepwise's lifecycle → Goal.lifecycleStatus (required binding). */
export const lifecycleStatus = {
  proposed: 'proposed',
  active: 'active',
  'on-hold': 'on-hold',
  achieved: 'completed',
  discontinued: 'cancelled',
} as const satisfies Record<GoalStatusValue, Goal['lifecycleStatus']>;

type Achievement = keyof typeof goalAchievementDisplay;

/**
 * Goal.achievementStatus from the goal's progress: achieved once achieved; while active or on
 * hold, the direction of the trend of its measure (SPEC §9's Theil–Sen trend), else
 * in-progress. None for a proposal or a discontinued goal, whose achievement was never
 * pursued or is no longer followed.
 */
export function achievementOf(
  goal: GoalRecord,
  measure: MeasureRecord | undefined,
  points: readonly CheckInRecord[],
  timeZone: string,
  now: Date,
): Achievement | undefined {
  if (goal.status === 'achieved') return 'achieved';
  if (goal.status === 'proposed' || goal.status === 'discontinued') return undefined;
  if (!measure || points.length === 0) return 'in-progress';
  const progress = goalProgress({
    baseline: goal.baseline,
    target: goal.target,
    better: measure.better,
    startAt: goal.target_set_at ?? goal.created_at,
    dueDate: goal.due_date,
    timeZone,
    now,
    points: points.map((p) => ({ at: p.at, value: p.value })),
    kind: measure.kind,
    reliability: reliabilityOf(measure),
  });
  switch (progress.trend.direction) {
    case 'improving':
      return 'improving';
    case 'worsening':
      return 'worsening';
    case 'flat':
      return 'no-change';
    case 'unknown':
      return 'in-progress';
  }
}

function targetOf(goal: GoalRecord, measure: MeasureRecord | undefined): GoalTarget[] {
  const due = goal.due_date ? { dueDate: goal.due_date } : {};
  if (!measure) return goal.due_date ? [due] : [];
  // gol-1: a detail always travels with its measure, which every branch here sets.
  const target: GoalTarget = { measure: measureConcept(measure), ...due };
  if (goal.target !== null) {
    if (measure.kind === 'yesno') target.detailBoolean = goal.target === 1;
    else
      target.detailQuantity = {
        ...measureQuantity(measure, goal.target),
        comparator: measure.better === 'higher' ? '>=' : '<=',
      };
  }
  return [target];
}

/**
 * An obstacle and its if–then plan as a Goal note (issue 10): the plan in words, then how often
 * the obstacle happened and how the plan worked. Annotation text is markdown; ours is plain.
 */
export function planNote(plan: PlanRecord, uses: readonly PlanUseRecord[]): Annotation {
  const t = tallyPlanUses(uses.map((u) => ({ worked: u.worked, localDate: u.local_date })));
  const used =
    t.uses === 0
      ? 'Not used yet.'
      : `Used ${t.uses} time${t.uses === 1 ? '' : 's'} (last ${t.lastUsedOn}): worked ${t.yes}, partly ${t.partly}, not ${t.no}.`;
  return {
    time: plan.updated_at,
    text: `Obstacle: ${plan.obstacle}. If–then plan: ${planSentence(plan.if_text, plan.then_text)} ${used}`,
  };
}

/**
 * One Goal: lifecycle and achievement, the title as description, the target with its measure
 * and due date (gol-1), and the check-ins of its measure as outcomes. `addresses` is left out:
 * Stepwise holds no Condition or other resource a goal could validly address.
 */
export function goalResource(p: {
  goal: GoalRecord;
  measure: MeasureRecord | undefined;
  checkIns: readonly CheckInRecord[];
  /** The goal's obstacles and if–then plans, each with its uses. */
  plans: readonly { plan: PlanRecord; uses: readonly PlanUseRecord[] }[];
  patient: string;
  timeZone: string;
  now: Date;
  corrections: CorrectionIndex;
}): Goal {
  const { goal, measure, corrections } = p;
  const achievement = achievementOf(goal, measure, p.checkIns, p.timeZone, p.now);
  const notes: Annotation[] = [];
  const why = corrections.value('goal', goal.id, 'why', goal.why);
  if (why) notes.push({ text: `Why it matters: ${why}` });
  if (goal.baseline !== null && measure)
    notes.push({ text: `Baseline: ${goal.baseline}${measure.unit ? ` ${measure.unit}` : ''}` });
  for (const field of ['title', 'why'] as const) {
    const c = corrections.get('goal', goal.id, field);
    if (c)
      notes.push({
        time: c.resolvedAt,
        text: `The ${field} was corrected at the client's request; it read: ${String(c.original ?? '')}`,
      });
  }
  for (const { plan, uses } of p.plans) notes.push(planNote(plan, uses));
  const category: CodeableConcept = {
    coding: [{ system: GOAL_CATEGORY, code: 'behavioral', display: 'Behavioral' }],
  };
  const target = targetOf(goal, measure);
  return {
    resourceType: 'Goal',
    id: goalId(goal),
    identifier: [{ system: identifierSystem('goal'), value: goal.id }],
    lifecycleStatus: lifecycleStatus[goal.status],
    ...(achievement
      ? {
          achievementStatus: {
            coding: [
              {
                system: GOAL_ACHIEVEMENT,
                code: achievement,
                display: goalAchievementDisplay[achievement],
              },
            ],
          },
        }
      : {}),
    category: [category],
    description: { text: corrections.value('goal', goal.id, 'title', goal.title) },
    subject: ref('Patient', p.patient),
    startDate: localDate(goal.created_at, p.timeZone),
    ...(target.length ? { target } : {}),
    statusDate: localDate(goal.updated_at, p.timeZone),
    ...(notes.length ? { note: notes } : {}),
    ...(p.checkIns.length
      ? {
          outcomeReference: p.checkIns.map((c) => ref('Observation', checkInObservationId(c))),
        }
      : {}),
  };
}
