import { z } from 'zod';
import type { JourneyFigures } from '../domain/journey.ts';
import { reviewDecisions } from '../domain/lifecycle.ts';
import { localDate } from './common.ts';
import { patchGoalFields } from './goals.ts';

/** What an adjustment may change: the goal's own fields, not its status (the decision sets that). */
const adjustable = patchGoalFields.omit({
  status: true,
  reason: true,
  reviewDate: true,
  sustain: true,
});

/**
 * `POST /api/goals/:goalId/reviews` (therapist, in session): keep, adjust, achieved or let go,
 * always with the reason. Needs `If-Match` like any change to a goal.
 */
export const goalReviewBody = z
  .strictObject({
    decision: z.enum(reviewDecisions, { message: 'Decide: keep, adjust, achieved or let-go.' }),
    reason: z
      .string({ message: 'Say why: the history keeps it.' })
      .trim()
      .min(1, 'Say why: the history keeps it.')
      .max(2000, 'Keep the reason under 2,000 characters.'),
    changes: adjustable.optional(),
    /** The next review; by default the goal's rhythm from today (none once achieved or let go). */
    nextReviewDate: localDate.nullable().optional(),
  })
  .refine((b) => b.decision !== 'adjust' || Object.keys(b.changes ?? {}).length > 0, {
    message: 'Say what to adjust (e.g. the target or the due date).',
    path: ['changes'],
  })
  .refine((b) => b.decision === 'adjust' || b.changes === undefined, {
    message: 'Only an adjustment changes the goal’s fields.',
    path: ['changes'],
  });
export type GoalReviewBody = z.infer<typeof goalReviewBody>;

/** A goal that is due for review, as the session digest lists it. */
export interface DueReview {
  goalId: string;
  title: string;
  status: string;
  reviewDate: string;
  /** Days past the review date on the client's today (0 = due today; negative = before the session). */
  daysOverdue: number;
}

/** `GET /api/goals/:goalId/journey`: from the baseline to now, for recognising growth. */
export interface JourneyView {
  goalId: string;
  title: string;
  status: string;
  /** The client's days the goal was set and (the latest time) achieved. */
  startedOn: string;
  achievedOn: string | null;
  days: number;
  measure: { name: string; unit: string | null; better: 'higher' | 'lower' } | null;
  figures: JourneyFigures | null;
  steps: { done: number; total: number; doneTitles: string[] };
  practices: { title: string; completions: number; streak: { current: number; best: number } }[];
  plans: { sentence: string; uses: number; workedPercent: number | null }[];
}
