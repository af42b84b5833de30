import { z } from 'zod';
import { localDate, uuid } from './common.ts';
import type { IfThenPlanView } from './if-then.ts';

export const measureKinds = ['count', 'scale', 'minutes', 'yesno'] as const;
export const goalStatuses = ['proposed', 'active', 'on-hold', 'achieved', 'discontinued'] as const;

const title = z
  .string({ message: 'Give the goal a title.' })
  .trim()
  .min(1, 'Give the goal a title.')
  .max(200, 'Keep the title under 200 characters; put detail in "why".');
const longText = (what: string) =>
  z.string().trim().max(2000, `Keep ${what} under 2,000 characters.`);
const number = z.number({ message: 'Must be a number.' }).finite();

export const newMeasure = z.object({
  name: z.string().trim().min(1, 'Name what is counted or rated.').max(100),
  kind: z.enum(measureKinds, { message: 'Use count, scale, minutes or yesno.' }),
  unit: z.string().trim().max(40).optional(),
  better: z.enum(['higher', 'lower'], { message: 'Say whether higher or lower is better.' }),
});
export type NewMeasure = z.infer<typeof newMeasure>;

const gasText = z.string().trim().min(1, 'Describe this level in observable words.').max(500);
export const gasScale = z.object({
  levels: z.strictObject(
    { '-2': gasText, '-1': gasText, '0': gasText, '1': gasText, '2': gasText },
    { message: 'GAS levels are exactly -2, -1, 0, 1 and 2, each described.' },
  ),
  weight: z.number().finite().min(0).max(100).optional(),
});
export type GasScale = z.infer<typeof gasScale>;

/** How often a goal is reviewed together, in days (a week to a quarter). */
export const reviewEveryDays = z
  .number({ message: 'Give the number of days between reviews.' })
  .int('Use whole days.')
  .min(7, 'Review at most once a week.')
  .max(120, 'Review at least every 120 days.');

/** The sustaining phase of an achieved goal: a lighter check-in rhythm and the slip line. */
export const sustainBody = z.strictObject({
  checkInEveryDays: z
    .number({ message: 'Say how many days between check-ins.' })
    .int('Use whole days.')
    .min(2, 'Check in at most every 2 days while sustaining.')
    .max(60, 'Check in at least every 60 days while sustaining.'),
  /** A value of the measure past which it has slipped back (worse than this raises an alert). */
  slipThreshold: number.optional(),
});

export const createGoalBody = z.strictObject({
  title,
  why: longText('"why"').optional(),
  status: z.enum(['proposed', 'active']).optional(),
  priority: z.number().int().min(1).max(99).optional(),
  measure: newMeasure.optional(),
  measureId: uuid.optional(),
  baseline: number.optional(),
  target: number.optional(),
  dueDate: localDate.optional(),
  gas: gasScale.optional(),
  parentId: uuid.optional(),
  templateId: uuid.optional(),
  reviewEveryDays: reviewEveryDays.optional(),
  reviewDate: localDate.optional(),
});
export type CreateGoalBody = z.infer<typeof createGoalBody>;

/** The fields a goal's PATCH may carry (without the "change at least one" rule). */
export const patchGoalFields = z.strictObject({
  title: title.optional(),
  why: longText('"why"').nullable().optional(),
  status: z.enum(goalStatuses, { message: `Use one of ${goalStatuses.join(', ')}.` }).optional(),
  priority: z.number().int().min(1).max(99).nullable().optional(),
  measure: newMeasure.optional(),
  measureId: uuid.nullable().optional(),
  baseline: number.nullable().optional(),
  target: number.nullable().optional(),
  dueDate: localDate.nullable().optional(),
  gas: gasScale.nullable().optional(),
  parentId: uuid.nullable().optional(),
  reviewEveryDays: reviewEveryDays.nullable().optional(),
  reviewDate: localDate.nullable().optional(),
  sustain: sustainBody.nullable().optional(),
  reason: longText('the reason').optional(),
});
export const patchGoalBody = patchGoalFields.refine(
  (b) => Object.keys(b).some((k) => k !== 'reason'),
  { message: 'Change at least one field.' },
);
export type PatchGoalBody = z.infer<typeof patchGoalBody>;

export const smartCheckBody = z.object({
  title: z.string().max(200).default(''),
  why: z.string().max(2000).nullable().optional(),
  measure: newMeasure
    .pick({ kind: true, better: true })
    .extend({ name: z.string().max(100).optional() })
    .nullable()
    .optional(),
  baseline: number.nullable().optional(),
  target: number.nullable().optional(),
  dueDate: localDate.nullable().optional(),
  clientId: uuid.optional(),
});

export const goalIdParams = z.object({ goalId: uuid });

export interface MeasureView {
  id: string;
  name: string;
  kind: (typeof measureKinds)[number];
  unit: string | null;
  better: 'higher' | 'lower';
  /** SD of a clinical sample, with `reliability`: the measure's reliable change (SPEC §4). */
  sd: number | null;
  reliability: number | null;
  /** 1.96 · S_diff in the measure's units, two decimals; null without SD and reliability. */
  reliableChangeThreshold: number | null;
}

export interface SmartView {
  met: string[];
  hints: { criterion: string; code: string; message: string }[];
}

export interface StepView {
  id: string;
  goalId: string;
  title: string;
  dueDate: string | null;
  position: number;
  done: boolean;
  doneAt: string | null;
  version: number;
}

export interface PracticeView {
  id: string;
  goalId: string;
  title: string;
  schedule: unknown;
  minutes: number | null;
  startDate: string;
  status: 'active' | 'paused' | 'ended';
  version: number;
  adherence7: number | null;
  adherence28: number | null;
  streak: { current: number; best: number };
  doneToday: boolean;
}

export interface GoalView {
  id: string;
  clientId: string;
  version: number;
  status: (typeof goalStatuses)[number];
  title: string;
  why: string | null;
  priority: number | null;
  parentId: string | null;
  measureId: string | null;
  measure: MeasureView | null;
  baseline: number | null;
  target: number | null;
  dueDate: string | null;
  gas: GasScale | null;
  /** Days between reviews, and the client's day of the next one (null: none agreed). */
  reviewEveryDays: number | null;
  reviewDate: string | null;
  /** While an achieved goal is sustained: since when, its rhythm, slip line and next check-in. */
  sustaining: {
    since: string;
    checkInEveryDays: number;
    slipThreshold: number | null;
    nextCheckInOn: string;
    checkInDue: boolean;
  } | null;
  createdAt: string;
  updatedAt: string;
  smart: SmartView;
  steps: StepView[];
  practices: PracticeView[];
  /** Obstacles with their if–then plans, and how often each was used and worked. */
  plans: IfThenPlanView[];
  /** What the viewer may do, so the UI hides what it cannot. */
  can: { edit: boolean; editWhy: boolean; rate: boolean; comment: boolean; changeStatus: string[] };
}

export interface RevisionView {
  version: number;
  at: string;
  /** The user id of who made the change. */
  by: string;
  byName: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  reason?: string;
  entity?: 'goal' | 'step' | 'practice';
  entityId?: string;
}
