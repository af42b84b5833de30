import { z } from 'zod';
import { localDate, uuid } from './common.ts';
import { newMeasure, reviewEveryDays, type SmartView } from './goals.ts';
import { schedule } from './plan.ts';

/**
 * The guided goal-setting conversation (issue 10), saved as a draft at every step:
 * 1 what matters · 2 the wish and the best outcome · 3 obstacles · 4 if–then plans ·
 * 5 make it measurable · 6 break it down · 7 priorities and expectations.
 * While drafting every field may be empty; finishing checks that each goal is complete.
 */
export const draftSteps = [
  'matters',
  'wish',
  'obstacles',
  'plans',
  'measurable',
  'breakdown',
  'priorities',
] as const;

const text = (max: number) => z.string().trim().max(max, `Keep it under ${max} characters.`);
const number = z.number({ message: 'Must be a number.' }).finite();

export const draftObstacle = z.strictObject({
  obstacle: text(500),
  ifText: text(500).optional(),
  thenText: text(500).optional(),
});

export const draftGoal = z.strictObject({
  /** Made by the sender, so every step can address the same goal. */
  key: uuid,
  /** Step 2: the goal in a sentence, the best outcome, and how the client would notice it. */
  title: text(200).optional(),
  bestOutcome: text(2000).optional(),
  notice: text(2000).optional(),
  /** Steps 3 and 4: what might get in the way, and the plan for each. */
  obstacles: z.array(draftObstacle).max(20, 'Keep to 20 obstacles a goal.').optional(),
  /** Step 5. */
  measure: newMeasure.optional(),
  measureId: uuid.optional(),
  baseline: number.optional(),
  target: number.optional(),
  dueDate: localDate.optional(),
  /** Step 6: steps and practices (suggested from the clinic's templates). */
  steps: z
    .array(z.strictObject({ title: text(200), dueDate: localDate.optional() }))
    .max(30)
    .optional(),
  practices: z
    .array(
      z.strictObject({
        title: text(200),
        schedule,
        minutes: z.number().int().min(1).max(600).optional(),
      }),
    )
    .max(20)
    .optional(),
});
export type DraftGoal = z.infer<typeof draftGoal>;

export const draftContent = z.strictObject({
  /** Step 1: life areas and values, in the client's own words. */
  matters: z
    .strictObject({
      areas: z.array(text(60)).max(12).optional(),
      ownWords: text(2000).optional(),
    })
    .optional(),
  /** Steps 2–6, one entry a goal; step 7 orders them (first = highest priority). */
  goals: z.array(draftGoal).max(5, 'Work on at most 5 goals at a time.').optional(),
  /** Step 7: how often to review, and what each will do. */
  agreement: z
    .strictObject({
      reviewEveryDays: reviewEveryDays.optional(),
      clientWill: text(1000).optional(),
      therapistWill: text(1000).optional(),
    })
    .optional(),
});
export type DraftContent = z.infer<typeof draftContent>;

const step = z
  .number({ message: 'Say which step (1–7) this saves.' })
  .int()
  .min(1, 'Steps run from 1 to 7.')
  .max(7, 'Steps run from 1 to 7.');

/** `POST /api/clients/:clientId/goal-drafts`. */
export const createDraftBody = draftContent.extend({ step: step.optional() });

/** `PATCH /api/goal-drafts/:draftId`: each section sent replaces the saved one. */
export const patchDraftBody = draftContent
  .extend({ step: step.optional(), discarded: z.literal(true).optional() })
  .refine((b) => Object.keys(b).length > 0, { message: 'Send at least one section.' });

export const draftIdParams = z.object({ draftId: uuid });

export interface TemplateSuggestion {
  templateId: string;
  title: string;
  category: string;
  steps: { title: string }[];
  practices: { title: string; schedule: z.infer<typeof schedule>; minutes?: number }[];
}

export interface GoalDraftView {
  id: string;
  clientId: string;
  step: number;
  status: 'open' | 'finished' | 'discarded';
  content: DraftContent;
  /** The goals it became, once finished. */
  goalIds: string[];
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Per goal: the SMART check (with the realistic check against baseline and time) and template ideas. */
  hints: { key: string; smart: SmartView; suggestions: TemplateSuggestion[] }[];
}
