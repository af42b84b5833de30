import { z } from 'zod';

const item = z
  .string({ message: 'Write it in a few words.' })
  .trim()
  .min(1, 'Write it in a few words, or remove the empty line.')
  .max(300, 'Keep each line under 300 characters.');

/**
 * `PUT /api/clients/:clientId/relapse-plan`: the whole plan, replacing the saved one — early
 * warning signs, what helps, who to contact.
 */
export const relapsePlanBody = z.strictObject({
  warningSigns: z.array(item).max(20, 'Keep to 20 warning signs.'),
  whatHelps: z.array(item).max(20, 'Keep to 20 things that help.'),
  contacts: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1, 'Name the person or service.').max(100),
        how: z.string().trim().max(200, 'Keep it under 200 characters.').optional(),
        role: z.string().trim().max(100).optional(),
      }),
    )
    .max(10, 'Keep to 10 contacts.'),
  notes: z.string().trim().max(2000, 'Keep notes under 2,000 characters.').optional(),
});
export type RelapsePlanBody = z.infer<typeof relapsePlanBody>;

export interface RelapsePlanView extends RelapsePlanBody {
  clientId: string;
  /** 0 before the first save. */
  version: number;
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
  /** The clinic's crisis resources, printed on every copy. */
  crisisText: string;
}
