import { z } from 'zod';
import type { WithheldCounts } from './consent.ts';

export interface ClientSummary {
  id: string;
  name: string;
  email: string;
  timeZone: string;
  location: string | null;
  primaryTherapist: { id: string; name: string } | null;
  /** Staff only, when the client's consent directives withhold entries from you: how many. */
  withheld?: WithheldCounts;
}

export interface ClientList {
  clients: ClientDashboardRow[];
  /**
   * Staff only: clients in your reach (e.g. on your care team) who withheld their whole record
   * from you — not listed, and answering 404 like any record you may not see.
   */
  withheldRecords?: number;
}

export const auditQuery = z.object({
  clientId: z.uuid({ message: 'Must be a UUID.' }).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export interface AuditEventDto {
  at: string;
  actorId: string | null;
  action: string;
  clientId: string | null;
  resource: string;
  ip: string | null;
  /** The actor reached this client through a live break-the-glass grant. */
  breakGlass: boolean;
}

export type CaseloadStatusName =
  'at-risk' | 'deteriorating' | 'off-track' | 'silent' | 'improving' | 'stuck' | 'steady' | 'new';

export interface InstrumentSnapshot {
  first: number;
  latest: number;
  change: number;
  severity: string;
  completedAt: string;
  reliableImprovement: boolean;
  reliableDeterioration: boolean;
}

/** One row of the caseload dashboard: the client and where they stand. */
export interface ClientDashboardRow extends ClientSummary {
  status: CaseloadStatusName;
  alerts: { risk: number; deterioration: number; offTrack: number; silence: number };
  lastCheckInAt: string | null;
  /** The first session dated today or later in the client's time zone. */
  nextSession: { id: string; date: string; therapist: { id: string; name: string } } | null;
  phq9: InstrumentSnapshot | null;
  gad7: InstrumentSnapshot | null;
  goals: { active: number; onTrack: number; offTrack: number };
  /** The highest-priority active goal with a measure, with its last 28 days. */
  main: {
    goalId: string;
    title: string;
    measureName: string;
    unit: string | null;
    better: 'higher' | 'lower';
    latest: number | null;
    average7: number | null;
    average28: number | null;
    slopePerWeek: number | null;
    direction: 'improving' | 'worsening' | 'flat' | 'unknown';
    /** Daily means over the last 28 of the client's days (days without a check-in left out). */
    sparkline: { date: string; value: number }[];
  } | null;
}
