import { z } from 'zod';
import { instant } from './common.ts';

export const attainmentBody = z.strictObject({
  level: z
    .number({ message: 'Give a level from -2 to 2.' })
    .int('Give a whole level from -2 to 2.')
    .min(-2, 'Give a level from -2 to 2.')
    .max(2, 'Give a level from -2 to 2.'),
  ratedAt: instant.optional(),
});

export interface AttainmentView {
  id: string;
  goalId: string;
  level: number;
  ratedAt: string;
  ratedBy: string;
}

/** `GET /api/clients/:clientId/gas`. */
export interface GasView {
  /** Kiresuk–Sherman T-score (ρ = 0.3), 2 decimals; null when no goal is rated. */
  tScore: number | null;
  goals: { goalId: string; title: string; level: number; weight: number; ratedAt: string }[];
  /** The T-score after each rating instant, oldest first. */
  history: { at: string; tScore: number }[];
}
