import { z } from 'zod';
import { uuid } from './common.ts';

/** What a consent directive can withhold: one entry of a kind, or the whole record. */
export const directiveScopes = ['record', 'goal', 'journal', 'questionnaire'] as const;
export type DirectiveScopeName = (typeof directiveScopes)[number];

const reason = z
  .string({ message: "Say why, e.g. 'Client's written request of 2026-03-01'." })
  .trim()
  .min(1, "Say why, e.g. 'Client's written request of 2026-03-01'.")
  .max(2000, 'Keep the reason under 2,000 characters.');

/**
 * `POST /api/clients/:clientId/consent-directives`. `resourceId` names the goal, journal entry
 * or questionnaire response (not for `record`); without `staffUserId` it is withheld from every
 * staff member. An admin must give the `reason` (the client's written request).
 */
export const createDirectiveBody = z.strictObject({
  scope: z.enum(directiveScopes, {
    message: "Choose what to withhold: 'record', 'goal', 'journal' or 'questionnaire'.",
  }),
  resourceId: uuid.optional(),
  staffUserId: uuid.optional(),
  reason: reason.optional(),
});
export type CreateDirectiveBody = z.infer<typeof createDirectiveBody>;

export const revokeDirectiveBody = z.strictObject({ reason: reason.optional() });

export const directiveIdParams = z.object({ directiveId: uuid });

export interface PersonRef {
  id: string;
  name: string;
}

export interface DirectiveView {
  id: string;
  clientId: string;
  scope: DirectiveScopeName;
  resourceId: string | null;
  /** Null: withheld from every staff member. */
  staff: PersonRef | null;
  reason: string | null;
  createdAt: string;
  createdBy: PersonRef;
  active: boolean;
  revokedAt: string | null;
  revokedBy: PersonRef | null;
  revokeReason: string | null;
}

export interface DirectiveList {
  directives: DirectiveView[];
  /** The clinic's staff a directive may name. */
  staff: (PersonRef & { role: 'admin' | 'therapist' })[];
}

/** What staff see of withheld content: how much, never what. Absent when nothing is. */
export interface WithheldCounts {
  goals: number;
  journal: number;
  questionnaires: number;
}
