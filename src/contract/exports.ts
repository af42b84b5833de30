import { z } from 'zod';
import { localDate, uuid } from './common.ts';

/** A report or summary period: local dates, both included; `from` must not be after `to`. */
export const periodQuery = z
  .object({ from: localDate.optional(), to: localDate.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'from must not be after to.',
    path: ['from'],
  });

/** `PUT /api/clients/:clientId/report-summary`: the therapist's words for the next report. */
export const reportSummaryBody = z.strictObject({
  text: z
    .string({ message: 'Write the summary as text.' })
    .trim()
    .max(4000, 'Keep the summary under 4,000 characters.'),
});

export interface ReportSummaryView {
  /** Empty when none was written yet. */
  text: string;
  writtenAt: string | null;
  writtenBy: { id: string; name: string } | null;
}

export const exportFormats = ['json', 'fhir', 'csv'] as const;

/**
 * `GET /api/clients/:clientId/export`. Staff must name the formal access request they are
 * answering (kept in the audit log); a client downloading their own copy need not.
 */
export const exportQuery = z.object({
  format: z.enum(exportFormats, { message: 'Use json, fhir or csv.' }).default('json'),
  accessRequest: z
    .string()
    .trim()
    .min(1)
    .max(80, 'Keep the request reference under 80 characters.')
    .regex(/^[\w .#/:-]+$/, 'Use letters, digits, spaces and . # / : - _ only.')
    .optional(),
});

export const correctableResources = [
  'goal',
  'step',
  'practice',
  'check-in',
  'questionnaire',
  'comment',
  'journal',
] as const;
export type CorrectableResourceName = (typeof correctableResources)[number];

/**
 * The fields a correction may name, per resource; a request without `field` is about the entry
 * as a whole and is answered in words. Questionnaire answers are corrected in words only: a
 * changed answer would change a score that alerts and outcomes were computed from.
 */
export const correctableFields: Record<CorrectableResourceName, readonly string[]> = {
  goal: ['title', 'why'],
  step: ['title'],
  practice: ['title'],
  'check-in': ['value', 'note'],
  questionnaire: [],
  comment: ['body'],
  journal: ['body'],
};

export const correctionBody = z.strictObject({
  resource: z.enum(correctableResources, {
    message: `Use one of ${correctableResources.join(', ')}.`,
  }),
  resourceId: uuid,
  field: z.string().min(1).max(40).optional(),
  requested: z
    .string({ message: 'Say what should be corrected.' })
    .trim()
    .min(1, 'Say what should be corrected.')
    .max(2000, 'Keep the request under 2,000 characters.'),
});

export const correctionIdParams = z.object({ correctionId: uuid });

export const resolutionBody = z.strictObject({
  decision: z.enum(['accepted', 'declined'], { message: 'Use accepted or declined.' }),
  /** The corrected value of the field, when accepting a request that names one. */
  corrected: z.union([z.string().trim().min(1).max(2000), z.number().finite()]).optional(),
  note: z.string().trim().max(2000, 'Keep the note under 2,000 characters.').optional(),
});

export interface CorrectionView {
  id: string;
  clientId: string;
  resource: CorrectableResourceName;
  resourceId: string;
  field: string | null;
  requested: string;
  /** The field as it was when the correction was asked for: shown struck through once corrected. */
  original: unknown;
  requestedAt: string;
  requestedBy: { id: string; name: string };
  status: 'open' | 'accepted' | 'declined';
  /** The corrected value, when accepted with one. */
  corrected: unknown;
  note: string | null;
  resolvedAt: string | null;
  resolvedBy: { id: string; name: string } | null;
}

export const outcomesQuery = periodQuery;

/** Counts of one group (the clinic, a location or a therapist) over the period (SPEC §6). */
export interface OutcomeCountsView {
  clients: number;
  paired: number;
  casenessAtStart: number;
  casenessAtEnd: number;
  recovered: number;
  reliablyImproved: number;
  reliableRecovery: number;
  reliablyDeteriorated: number;
  recoveryRate: number | null;
}

export interface OutcomesSummaryView {
  period: { from: string; to: string };
  clinic: OutcomeCountsView;
  locations: ({ id: string | null; name: string } & OutcomeCountsView)[];
  therapists: ({ id: string | null; name: string } & OutcomeCountsView)[];
}
