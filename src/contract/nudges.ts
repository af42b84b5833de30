import { z } from 'zod';

/** A therapist's short message to one client about a goal; it joins the goal's thread. */
export const nudgeBody = z.strictObject({
  message: z
    .string({ message: 'Write a short message.' })
    .trim()
    .min(1, 'Write a short message.')
    .max(500, 'Keep a nudge under 500 characters.'),
  /** Also e-mail the client that a message is waiting (the e-mail never quotes it). */
  email: z.boolean({ message: 'Use true or false.' }).default(false),
});

export interface NudgeResult {
  commentId: string;
  notificationId: string;
  emailed: boolean;
}
