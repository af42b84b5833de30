import type { z } from 'zod';
import { fromZod } from './errors.ts';

/** Parse input with a contract schema; a failure is a 400 naming the field (`body.title`, `query.limit`). */
export function parse<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: 'body' | 'query' | 'params',
): z.output<S> {
  const result = schema.safeParse(input ?? (where === 'body' ? undefined : {}));
  if (!result.success) throw fromZod(result.error, where === 'body' ? undefined : where);
  return result.data;
}
