import type {
  CarePlan,
  CarePlanActivity,
  CarePlanActivityDetail,
  Timing,
} from '@medplum/fhirtypes';
import { localDate } from '../domain/calendar.ts';
import type { CorrectionIndex } from '../domain/corrections.ts';
import { adherence, parseSchedule, streaks, type PracticeSchedule } from '../domain/practice.ts';
import type { CompletionRecord, GoalRecord, PracticeRecord, StepRecord } from '../store/exports.ts';
import { fhirId, identifierSystem, ref } from './codes.ts';
import { goalId } from './goal.ts';

type DetailStatus = CarePlanActivityDetail['status'];

const dayCodes = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** A practice's schedule as a Timing: daily, N times a week, or on given weekdays. */
export function scheduleTiming(
  schedule: PracticeSchedule,
  startDate: string,
  minutes: number | null,
): Timing {
  const duration = minutes ? { duration: minutes, durationUnit: 'min' as const } : {};
  const bounds = { boundsPeriod: { start: startDate } };
  switch (schedule.kind) {
    case 'daily':
      return { repeat: { ...bounds, frequency: 1, period: 1, periodUnit: 'd', ...duration } };
    case 'weekly':
      return {
        repeat: {
          ...bounds,
          frequency: schedule.timesPerWeek,
          period: 1,
          periodUnit: 'wk',
          ...duration,
        },
      };
    case 'weekdays':
      return {
        repeat: {
          ...bounds,
          frequency: 1,
          period: 1,
          periodUnit: 'd',
          dayOfWeek: schedule.days.map((d) => dayCodes[d]!),
          ...duration,
        },
      };
  }
}

/** A step's status: done, or else what its goal's lifecycle makes of it. */
export function stepStatus(step: StepRecord, goal: GoalRecord): DetailStatus {
  if (step.done_at) return 'completed';
  switch (goal.status) {
    case 'achieved':
    case 'discontinued':
      return 'cancelled';
    case 'on-hold':
      return 'on-hold';
    case 'proposed':
    case 'active':
      return 'not-started';
  }
}

/** A practice's status: paused → on-hold, ended → completed; not yet started → scheduled. */
export function practiceStatus(p: PracticeRecord, goal: GoalRecord, today: string): DetailStatus {
  if (p.status === 'ended') return 'completed';
  if (p.status === 'paused' || goal.status === 'on-hold') return 'on-hold';
  if (goal.status === 'achieved' || goal.status === 'discontinued') return 'stopped';
  return p.start_date > today ? 'scheduled' : 'in-progress';
}

/**
 * The client's plan: one CarePlan over all their goals, with an activity per step (a one-off
 * Task) and per practice (a recurring Task with its schedule as scheduledTiming and its
 * adherence as progress). cpl-3: each activity has a detail and no reference.
 */
export function carePlanResource(p: {
  clientId: string;
  patient: string;
  goals: readonly GoalRecord[];
  steps: readonly StepRecord[];
  practices: readonly PracticeRecord[];
  completions: readonly CompletionRecord[];
  timeZone: string;
  now: Date;
  corrections: CorrectionIndex;
}): CarePlan {
  const today = localDate(p.now, p.timeZone);
  const goalById = new Map(p.goals.map((g) => [g.id, g]));
  const activity: CarePlanActivity[] = [];
  for (const step of p.steps) {
    const goal = goalById.get(step.goal_id);
    if (!goal) continue;
    const detail: CarePlanActivityDetail = {
      kind: 'Task',
      goal: [ref('Goal', goalId(goal))],
      status: stepStatus(step, goal),
      description: p.corrections.value('step', step.id, 'title', step.title),
      ...(step.due_date ? { scheduledPeriod: { end: step.due_date } } : {}),
    };
    activity.push({
      detail,
      ...(step.done_at
        ? {
            progress: [
              { time: step.done_at, text: `Done on ${localDate(step.done_at, p.timeZone)}.` },
            ],
          }
        : {}),
    });
  }
  for (const practice of p.practices) {
    const goal = goalById.get(practice.goal_id);
    if (!goal) continue;
    const schedule = parseSchedule(JSON.parse(practice.schedule));
    const days = p.completions
      .filter((c) => c.practice_id === practice.id)
      .map((c) => c.local_date);
    const history = { schedule, completions: days, today, startDate: practice.start_date };
    const a28 = practice.start_date <= today ? adherence({ ...history, windowDays: 28 }) : null;
    const streak = practice.start_date <= today ? streaks(history) : { current: 0, best: 0 };
    const title = p.corrections.value('practice', practice.id, 'title', practice.title);
    activity.push({
      detail: {
        kind: 'Task',
        goal: [ref('Goal', goalId(goal))],
        status: practiceStatus(practice, goal, today),
        description: practice.minutes ? `${title} (${practice.minutes} minutes)` : title,
        scheduledTiming: scheduleTiming(schedule, practice.start_date, practice.minutes),
      },
      progress: [
        {
          time: p.now.toISOString(),
          text:
            `Done on ${days.length} day${days.length === 1 ? '' : 's'} in all; ` +
            `adherence over the last 28 days: ${a28 === null ? 'nothing due yet' : `${a28}%`}; ` +
            `current streak ${streak.current}, best ${streak.best}.`,
        },
      ],
    });
  }
  const open = p.goals.some((g) => ['proposed', 'active', 'on-hold'].includes(g.status));
  return {
    resourceType: 'CarePlan',
    id: fhirId('care-plan', p.clientId),
    identifier: [{ system: identifierSystem('care-plan'), value: p.clientId }],
    status: open ? 'active' : 'completed',
    intent: 'plan',
    title: 'Stepwise plan',
    subject: ref('Patient', p.patient),
    goal: p.goals.map((g) => ref('Goal', goalId(g))),
    ...(activity.length ? { activity } : {}),
  };
}
