import { z } from 'zod';
import { uuid } from './common.ts';

/** Break-the-glass and the privacy officer's screens (issue 9); limits are Stepwise's. */
export const breakGlassLimits = {
  reasonMin: 20,
  reasonMax: 1000,
  searchMin: 2,
  /** The snooping report reads at most this many days of the log per request. */
  reportMaxDays: 92,
  reportDefaultDays: 30,
} as const;

export const openBreakGlassBody = z.strictObject({
  clientId: uuid,
  reason: z
    .string({ message: 'Say why you need this record now.' })
    .trim()
    .min(
      breakGlassLimits.reasonMin,
      `Say what serious harm you are acting to prevent (at least ${breakGlassLimits.reasonMin} characters).`,
    )
    .max(breakGlassLimits.reasonMax, 'Keep it under 1,000 characters.'),
});

export const breakGlassSearchQuery = z.object({
  q: z
    .string({ message: 'Type part of the client’s name.' })
    .trim()
    .min(breakGlassLimits.searchMin, 'Type at least 2 letters of the client’s name.')
    .max(100),
});

export const grantIdParams = z.object({ grantId: uuid });

export const reviewQueueQuery = z.object({
  status: z.enum(['open', 'closed', 'all']).default('open'),
});

export const reviewGrantBody = z.strictObject({
  outcome: z.enum(['justified', 'not-justified'], {
    message: 'Choose justified or not justified.',
  }),
  note: z
    .string({ message: 'Write a note on your review.' })
    .trim()
    .min(1, 'Write a note on your review.')
    .max(2000, 'Keep it under 2,000 characters.'),
});

/** Days are UTC days of the audit timestamps; both default to the last 30 days. */
export const snoopingReportQuery = z.object({
  from: z.iso.date({ message: 'Must be a date as YYYY-MM-DD.' }).optional(),
  to: z.iso.date({ message: 'Must be a date as YYYY-MM-DD.' }).optional(),
});

export const privacyOfficerBody = z.strictObject({
  privacyOfficer: z.boolean({ message: 'Say true or false.' }),
});

export const changeEmailBody = z.strictObject({
  email: z.string({ message: 'Enter an e-mail address.' }).trim().max(254),
});

/** A client a therapist may open by breaking the glass: a name, nothing of the record. */
export interface BreakGlassCandidate {
  id: string;
  name: string;
}

/** A live grant, as its therapist sees it (the banner on the client's page). */
export interface BreakGlassGrant {
  id: string;
  clientId: string;
  clientName: string;
  reason: string;
  openedAt: string;
  expiresAt: string;
}

/** A grant in the privacy officer's review queue. */
export interface BreakGlassReviewItem extends BreakGlassGrant {
  therapistId: string;
  therapistName: string;
  /** Still open now. */
  active: boolean;
  /** Audit events the therapist made on the record under this grant. */
  accesses: number;
  review: {
    outcome: 'justified' | 'not-justified';
    note: string;
    reviewedAt: string;
    reviewerName: string;
  } | null;
}

export interface ReviewQueue {
  grants: BreakGlassReviewItem[];
  /** Grants this officer has not yet seen in the queue. */
  unread: number;
}

/** Staff who opened records not on their caseload, from the audit log. */
export interface SnoopingReport {
  from: string;
  to: string;
  staff: {
    actorId: string;
    name: string;
    role: 'admin' | 'therapist';
    clients: {
      clientId: string;
      clientName: string;
      events: number;
      /** Of those, made under a break-the-glass grant. */
      underBreakGlass: number;
      first: string;
      last: string;
      actions: string[];
    }[];
  }[];
}
