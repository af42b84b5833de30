import { z } from 'zod';
import { uuid } from './common.ts';

export const journalVisibilities = ['private', 'shared'] as const;
export type JournalVisibility = (typeof journalVisibilities)[number];

const text = z
  .string({ message: 'Write something in the entry.' })
  .trim()
  .min(1, 'Write something in the entry.')
  .max(20_000, 'Keep an entry under 20,000 characters.');
const mood = z
  .number({ message: 'Rate your mood with a whole number from 0 to 10.' })
  .int('Rate your mood with a whole number from 0 to 10.')
  .min(0, 'Rate your mood from 0 to 10.')
  .max(10, 'Rate your mood from 0 to 10.');
const prompt = z.string().trim().min(1).max(500, 'Keep the prompt under 500 characters.');
const visibility = z.enum(journalVisibilities, {
  message: "Say who may read it: 'private' (only you) or 'shared' (your care team too).",
});

export const createJournalBody = z.strictObject({
  body: text,
  mood: mood.optional(),
  prompt: prompt.optional(),
  visibility,
});
export type CreateJournalBody = z.infer<typeof createJournalBody>;

export const patchJournalBody = z
  .strictObject({
    body: text.optional(),
    mood: mood.nullable().optional(),
    prompt: prompt.nullable().optional(),
    visibility: visibility.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Change at least one field.' });
export type PatchJournalBody = z.infer<typeof patchJournalBody>;

export const journalEntryParams = z.object({ entryId: uuid });

/** Newest first; `before` is the `next` cursor of the previous page. */
export const journalQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z
    .string()
    .regex(/^[\w:.-]+~[0-9a-f-]{36}$/, 'Use the `next` value of the previous page.')
    .optional(),
});

export interface JournalEntryView {
  id: string;
  clientId: string;
  body: string;
  mood: number | null;
  prompt: string | null;
  visibility: JournalVisibility;
  createdAt: string;
  updatedAt: string;
}

export interface JournalPage {
  entries: JournalEntryView[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: string | null;
}

export interface JournalPrompt {
  id: string;
  theme: 'noticing' | 'values' | 'progress' | 'coping' | 'relationships' | 'gratitude';
  text: string;
}
