import { z } from 'zod';
import { localDate, uuid } from './common.ts';
import type { DueReview } from './goal-reviews.ts';

export const createSessionBody = z.strictObject({
  date: localDate,
  clinicianNote: z.string().trim().max(20_000, 'Keep the note under 20,000 characters.').optional(),
});

export const patchSessionBody = z
  .strictObject({
    date: localDate.optional(),
    clinicianNote: z.string().trim().max(20_000).nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Change at least one field.' });

export const sessionIdParams = z.object({ sessionId: uuid });

export const digestQuery = z.object({
  since: z.iso.date({ message: 'Must be a date as YYYY-MM-DD.' }).optional(),
});

/** A dated meeting. `clinicianNote` is present only for staff: the client never receives it. */
export interface SessionView {
  id: string;
  clientId: string;
  therapist: { id: string; name: string };
  date: string;
  clinicianNote?: string | null;
  createdAt: string;
}

/** What happened since the last session: the therapist's pre-session digest. */
export interface DigestView {
  since: string;
  lastSession: SessionView | null;
  nextSession: SessionView | null;
  checkIns: { count: number; days: number };
  goals: {
    id: string;
    title: string;
    status: string;
    latest: number | null;
    average7: number | null;
    direction: 'improving' | 'worsening' | 'flat' | 'unknown';
    onTrack: boolean | null;
    stepsDone: number;
    stepsMissed: { id: string; title: string; dueDate: string }[];
    reviewDate: string | null;
  }[];
  /** Goals whose review falls on or before the next session (or today), most overdue first. */
  dueForReview: DueReview[];
  questionnaires: {
    instrument: string;
    total: number;
    severity: string;
    completedAt: string;
    riskFlag: boolean;
  }[];
  alerts: {
    id: string;
    kind: string;
    severity: string;
    createdAt: string;
    acknowledgedAt: string | null;
  }[];
  sharedJournal: { id: string; createdAt: string; mood: number | null; excerpt: string }[];
  comments: {
    goalId: string;
    goalTitle: string;
    author: string;
    body: string;
    createdAt: string;
  }[];
}
