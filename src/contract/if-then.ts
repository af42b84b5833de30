import { z } from 'zod';
import { planOutcomes, type PlanTally } from '../domain/if-then.ts';
import { instant, uuid } from './common.ts';

const part = (what: string, max = 500) =>
  z
    .string({ message: `Write ${what}.` })
    .trim()
    .min(1, `Write ${what}.`)
    .max(max, `Keep ${what} under ${max} characters.`);

const obstacle = part('the obstacle: what might get in the way');
const ifText = part('the "if": the moment or sign the obstacle shows up');
const thenText = part('the "then": what you will do at that moment');

/** `POST /api/goals/:goalId/plans`: an obstacle and its if–then plan. */
export const createPlanBody = z.strictObject({ obstacle, ifText, thenText });
export type CreatePlanBody = z.infer<typeof createPlanBody>;

/** `PATCH /api/plans/:planId`: edit the parts, reorder, or remove (`removed: true`). */
export const patchPlanBody = z
  .strictObject({
    obstacle: obstacle.optional(),
    ifText: ifText.optional(),
    thenText: thenText.optional(),
    position: z.number().int().min(0).max(10_000).optional(),
    removed: z.literal(true).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Change at least one field.' });

/**
 * `POST /api/plans/:planId/uses`: the obstacle happened — did the plan work? The id is made by
 * the sender, so a retried or offline submission is stored once. It may point at the check-in
 * or journal entry it was marked on.
 */
export const planUseBody = z.strictObject({
  id: uuid,
  worked: z.enum(planOutcomes, { message: 'Say whether the plan worked: yes, partly or no.' }),
  at: instant.optional(),
  checkInId: uuid.optional(),
  journalEntryId: uuid.optional(),
  note: z.string().trim().max(2000, 'Keep a note under 2,000 characters.').optional(),
});
export type PlanUseBody = z.infer<typeof planUseBody>;

export const planIdParams = z.object({ planId: uuid });

export interface IfThenPlanView {
  id: string;
  goalId: string;
  obstacle: string;
  ifText: string;
  thenText: string;
  /** "If …, then …." */
  sentence: string;
  position: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** How often the obstacle happened and how often the plan worked. */
  tally: PlanTally;
}

export interface PlanUseView {
  id: string;
  planId: string;
  worked: (typeof planOutcomes)[number];
  at: string;
  localDate: string;
  checkInId: string | null;
  /** Only for the client: a private entry's id is theirs alone. */
  journalEntryId?: string | null;
  note: string | null;
  enteredBy: string;
  receivedAt: string;
}
