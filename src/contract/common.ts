import { z } from 'zod';

export const uuid = z.uuid({ message: 'Must be a UUID.' });

/** An ISO-8601 instant with an offset (`2026-03-01T09:30:00Z`, `…-05:00`). */
export const instant = z.iso.datetime({
  offset: true,
  message: 'Must be an ISO-8601 date-time with a time zone, e.g. 2026-03-01T09:30:00Z.',
});

/** A calendar day, `YYYY-MM-DD`. */
export const localDate = z.iso.date({ message: 'Must be a date as YYYY-MM-DD.' });

export const clientIdParams = z.object({ clientId: uuid });

/** The RFC 9457 answer every error takes. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  field?: string;
  errors?: { field: string; message: string }[];
}
