import type { Kysely } from 'kysely';
import { AppError, validationError } from '../errors.ts';
import { insertRevision } from '../store/goals.ts';
import type { Database } from '../store/schema.ts';
import type { Ctx } from './context.ts';

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** Field-by-field difference of two views of the same record (JSON equality). */
export function diff<T extends Record<string, unknown>>(before: T, after: T): Changes {
  const changes: Changes = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return changes;
}

/** Optional `If-Match` on steps and practices: when sent it must match; when absent, last write wins. */
export function optionalVersion(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch === '') return undefined;
  const m = /^(?:W\/)?"(\d{1,9})"$/.exec(ifMatch.trim());
  if (!m)
    throw validationError([{ field: 'If-Match', message: 'Use the version from GET, e.g. "3".' }]);
  return Number(m[1]);
}

/**
 * Update a step or practice at its version and append its revision — one history for every
 * part of a goal. Refuses a no-op and a stale version.
 */
export async function reviseChild(
  trx: Kysely<Database>,
  ctx: Ctx,
  p: {
    entity: 'step' | 'practice';
    id: string;
    goalId: string;
    version: number;
    expected: number | undefined;
    changes: Changes;
    patch: Record<string, unknown>;
    reason: string | undefined;
  },
): Promise<void> {
  if (p.expected !== undefined && p.expected !== p.version) {
    throw new AppError(
      412,
      'stale',
      `This ${p.entity} changed since you loaded it (now version ${p.version}). Reload and try again.`,
    );
  }
  if (Object.keys(p.changes).length === 0) {
    throw validationError([
      { field: 'body', message: `Nothing would change: the ${p.entity} already has these values.` },
    ]);
  }
  const table = p.entity === 'step' ? 'steps' : 'practices';
  const result = await trx
    .updateTable(table)
    .set({ ...p.patch, version: p.version + 1 })
    .where('id', '=', p.id)
    .where('version', '=', p.version)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) {
    throw new AppError(
      412,
      'stale',
      `This ${p.entity} changed while you were saving. Reload and try again.`,
    );
  }
  await insertRevision(trx, {
    entity: p.entity,
    entity_id: p.id,
    goal_id: p.goalId,
    version: p.version + 1,
    at: ctx.now.toISOString(),
    by: ctx.actorId,
    changes: JSON.stringify(p.changes),
    reason: p.reason ?? null,
  });
}
