import { z } from 'zod';
import { localDate, uuid } from './common.ts';
import { newMeasure } from './goals.ts';

const title = z
  .string({ message: 'Give it a title.' })
  .trim()
  .min(1, 'Give it a title.')
  .max(200, 'Keep it under 200 characters.');
const reason = z.string().trim().max(2000).optional();

export const createStepBody = z.strictObject({ title, dueDate: localDate.optional() });
export const patchStepBody = z
  .strictObject({
    title: title.optional(),
    dueDate: localDate.nullable().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
    done: z.boolean().optional(),
    removed: z.literal(true).optional(),
    reason,
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'reason'), {
    message: 'Change at least one field.',
  });

export const schedule = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('daily') }),
    z.strictObject({ kind: z.literal('weekly'), timesPerWeek: z.number().int().min(1).max(7) }),
    z.strictObject({
      kind: z.literal('weekdays'),
      days: z.array(z.number().int().min(0).max(6)).min(1, 'Choose at least one day.').max(7),
    }),
  ],
  {
    message:
      "Use a schedule of kind 'daily', 'weekly' (timesPerWeek) or 'weekdays' (days 0–6, Sunday = 0).",
  },
);

export const createPracticeBody = z.strictObject({
  title,
  schedule,
  minutes: z.number().int().min(1).max(600).optional(),
  startDate: localDate.optional(),
});
export const patchPracticeBody = z
  .strictObject({
    title: title.optional(),
    schedule: schedule.optional(),
    minutes: z.number().int().min(1).max(600).nullable().optional(),
    status: z.enum(['active', 'paused', 'ended']).optional(),
    reason,
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'reason'), {
    message: 'Change at least one field.',
  });

export const completionParams = z.object({ practiceId: uuid, date: localDate });
export const completionBody = z.strictObject({
  done: z.boolean({ message: 'Say whether it was done (true) or not (false).' }),
  minutes: z.number().int().min(1).max(600).optional(),
});

export const stepIdParams = z.object({ stepId: uuid });
export const practiceIdParams = z.object({ practiceId: uuid });

export const commentBody = z.strictObject({
  body: z
    .string({ message: 'Write a comment.' })
    .trim()
    .min(1, 'Write a comment.')
    .max(4000, 'Keep a comment under 4,000 characters.'),
});

export interface CommentView {
  id: string;
  goalId: string;
  author: { id: string; name: string; role: 'admin' | 'therapist' | 'client' };
  body: string;
  createdAt: string;
}

export const templateBody = z.strictObject({
  category: z.string().trim().min(1).max(60),
  title,
  why: z.string().trim().max(2000).optional(),
  measure: newMeasure.optional(),
  steps: z.array(z.strictObject({ title })).max(30).default([]),
  practices: z
    .array(
      z.strictObject({ title, schedule, minutes: z.number().int().min(1).max(600).optional() }),
    )
    .max(20)
    .default([]),
});
export const patchTemplateBody = templateBody
  .partial()
  .extend({ archived: z.boolean().optional() });
export const templateIdParams = z.object({ templateId: uuid });

export interface TemplateView {
  id: string;
  category: string;
  title: string;
  why: string | null;
  measure: z.infer<typeof newMeasure> | null;
  steps: { title: string }[];
  practices: { title: string; schedule: z.infer<typeof schedule>; minutes?: number }[];
  archived: boolean;
}
