import { z } from 'zod';
import { uuid } from './common.ts';

const locationName = z
  .string({ message: 'Name the location, e.g. Barrie.' })
  .trim()
  .min(1, 'Name the location, e.g. Barrie.')
  .max(100, 'Keep the name under 100 characters.');

/** `POST /api/locations` (admin). */
export const createLocationBody = z.strictObject({ name: locationName });

/** `PATCH /api/locations/:locationId` (admin): rename, archive or bring back. */
export const patchLocationBody = z
  .strictObject({
    name: locationName.optional(),
    archived: z.boolean({ message: 'Say true or false.' }).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Change the name or archived.' });

export const locationIdParams = z.object({ locationId: uuid });
export const locationQuery = z.object({
  archived: z.enum(['include'], { message: 'Use archived=include.' }).optional(),
});

export interface LocationView {
  id: string;
  name: string;
  archived: boolean;
  archivedAt: string | null;
  /** Clients and staff who name this location. */
  clients: number;
  staff: number;
}

/** `PUT /api/clients/:clientId/location` (admin): a live location of the clinic, or none. */
export const clientLocationBody = z.strictObject({
  locationId: uuid.nullable(),
});

export const careTeamParams = z.object({ clientId: uuid, userId: uuid });

/**
 * `PUT /api/clients/:clientId/care-team/:userId` (admin): put a therapist on the care team;
 * `primary: true` makes them the primary therapist, who owns the client's open alerts.
 */
export const careTeamMemberBody = z.strictObject({
  primary: z.boolean({ message: 'Say true or false.' }).optional(),
});

export interface CareTeamMemberView {
  userId: string;
  name: string;
  email: string;
  primary: boolean;
  addedAt: string;
}

/** One client's assignment: where they are seen and by whom. */
export interface ClientAssignmentView {
  clientId: string;
  name: string;
  email: string;
  location: { id: string; name: string } | null;
  primaryTherapistId: string | null;
  careTeam: CareTeamMemberView[];
}

export interface AssignmentsView {
  clients: ClientAssignmentView[];
  /** Active therapists of the clinic: who can be put on a care team. */
  therapists: { id: string; name: string; email: string }[];
}
