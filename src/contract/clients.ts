import { z } from 'zod';

export interface ClientSummary {
  id: string;
  name: string;
  email: string;
  timeZone: string;
  location: string | null;
  primaryTherapist: { id: string; name: string } | null;
}

export interface ClientList {
  clients: ClientSummary[];
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
}
