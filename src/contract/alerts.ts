import { z } from 'zod';
import { uuid } from './common.ts';

export const alertKinds = ['risk', 'deterioration', 'off-track', 'silence'] as const;

export const alertsQuery = z.object({
  status: z.enum(['open', 'all'], { message: 'Use open or all.' }).default('open'),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const alertIdParams = z.object({ alertId: uuid });

/** A note is required to acknowledge a `risk` alert (what was done); optional otherwise. */
export const acknowledgeBody = z.strictObject({
  note: z.string().trim().max(2000, 'Keep the note under 2,000 characters.').optional(),
});

export interface AlertView {
  id: string;
  clientId: string;
  clientName: string;
  kind: (typeof alertKinds)[number];
  severity: 'high' | 'medium' | 'low';
  createdAt: string;
  detail: string;
  /**
   * Set when what raised the alert is withheld from you by the client's consent directive: the
   * detail then says only that, and what to do (a risk alert still needs follow-up).
   */
  withheld?: true;
  /** The user id of the therapist who owns it (the client's primary therapist). */
  ownerId: string | null;
  escalatedAt?: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  acknowledgedByName?: string;
  note?: string;
}

export interface AlertList {
  alerts: AlertView[];
}
