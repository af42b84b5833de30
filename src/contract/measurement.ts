import { z } from 'zod';
import type { MeasureReliableChange } from '../domain/rci.ts';
import { instant, uuid, type Problem } from './common.ts';
import { newMeasure, type MeasureView } from './goals.ts';

const sd = z
  .number({ message: 'Give the SD as a number, e.g. 5.5.' })
  .finite()
  .positive('The SD must be greater than 0.');
const reliability = z
  .number({ message: 'Give the reliability as a number between 0 and 1, e.g. 0.89.' })
  .gt(0, 'The reliability must be greater than 0.')
  .lt(1, 'The reliability must be less than 1.');

/** The reliable change index needs both the SD and the reliability, or neither. */
function bothOrNeither(
  b: { sd?: number | null | undefined; reliability?: number | null | undefined },
  ctx: z.RefinementCtx,
): void {
  const hasSd = b.sd !== undefined && b.sd !== null;
  const hasR = b.reliability !== undefined && b.reliability !== null;
  if (hasSd === hasR) return;
  const [path, message] = hasSd
    ? ['reliability', 'Give the reliability too: reliable change needs both.']
    : ['sd', 'Give the SD too: reliable change needs both.'];
  ctx.addIssue({ code: 'custom', path: [path], message });
}

/** `POST /api/clients/:clientId/measures` (therapist). */
export const createMeasureBody = z
  .strictObject({ ...newMeasure.shape, sd: sd.optional(), reliability: reliability.optional() })
  .superRefine(bothOrNeither);

/** `PATCH /api/measures/:measureId` (therapist): set both, or clear both with null. */
export const patchMeasureBody = z
  .strictObject({ sd: sd.nullable(), reliability: reliability.nullable() })
  .superRefine(bothOrNeither);

export const measureIdParams = z.object({ measureId: uuid });

export interface MeasureList {
  measures: MeasureView[];
}

/**
 * One check-in. `id` is chosen by the sender (a UUID made on the device), so a retried or
 * queued submission is stored once.
 */
export const checkInBody = z.strictObject({
  id: uuid,
  measureId: uuid,
  value: z.number({ message: 'Must be a number.' }).finite(),
  at: instant.optional(),
  note: z.string().trim().max(2000, 'Keep a note under 2,000 characters.').optional(),
});
export type CheckInBody = z.infer<typeof checkInBody>;

export const maxBatchCheckIns = 500;

/** An offline queue: items are checked one by one, so a bad item does not sink the others. */
export const checkInBatchBody = z.strictObject({
  checkIns: z
    .array(z.unknown(), { message: 'Send checkIns as a list.' })
    .min(1, 'Send at least one check-in.')
    .max(maxBatchCheckIns, `Send at most ${maxBatchCheckIns} check-ins at a time.`),
});

export const checkInQuery = z.object({
  measureId: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  /** The `next` of the previous page. */
  before: z.string().min(1).max(300).optional(),
});

export interface CheckInView {
  id: string;
  clientId: string;
  measureId: string;
  value: number;
  /** When it happened (the sender's `at`, or when it arrived). */
  at: string;
  /** The client's day of `at`, in their time zone. */
  localDate: string;
  receivedAt: string;
  note: string | null;
  /** The user id of who entered it: the client, or a therapist in session. */
  enteredBy: string;
}

export interface CheckInList {
  checkIns: CheckInView[];
  /** With `limit`: pass as `before` for the page of older check-ins; null when none is left. */
  next: string | null;
}

/** One item's answer in a batch: the status and body the single POST would have given. */
export interface CheckInBatchResult {
  /** The item's id as sent (null when it had none). */
  id: string | null;
  status: number;
  checkIn?: CheckInView;
  problem?: Problem;
}

export interface CheckInBatchAnswer {
  results: CheckInBatchResult[];
}

export interface PracticeAdherence {
  id: string;
  title: string;
  status: 'active' | 'paused' | 'ended';
  adherence7: number | null;
  adherence28: number | null;
  streak: { current: number; best: number };
}

/** `GET /api/goals/:goalId/progress`. */
/** Reliable change of a custom measure between two values (Jacobson & Truax, SPEC §4). */
export type MeasureReliableChangeView = MeasureReliableChange;

export interface ProgressView {
  goalId: string;
  measure: MeasureView | null;
  dueDate: string | null;
  baseline: number | null;
  target: number | null;
  latest: { at: string; value: number } | null;
  /** Not clamped; null without a check-in or when target = baseline. */
  percentToTarget: number | null;
  trend: { slopePerWeek: number | null; direction: 'improving' | 'worsening' | 'flat' | 'unknown' };
  onTrack: boolean | null;
  offTrack: boolean | null;
  /**
   * Baseline → latest against the measure's reliable change (SPEC §4); null unless the measure
   * has an SD and reliability and the goal a baseline and a check-in.
   */
  reliableChange: MeasureReliableChangeView | null;
  average7: number | null;
  average28: number | null;
  /** Present when the goal has practices that are not ended. */
  adherence?: {
    adherence7: number | null;
    adherence28: number | null;
    practices: PracticeAdherence[];
  };
}
