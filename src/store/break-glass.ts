import type { Kysely } from 'kysely';
import type { BreakGlassGrantTable, Database } from './schema.ts';

/** A grant is live from its creation until `expires_at` (exclusive), by the request's clock. */
const live = (now: Date) => now.toISOString();

/**
 * The viewer's live break-the-glass grant on this client, if any. The one question the scope
 * layer (and anything else that withholds records, such as consent directives) asks.
 */
export async function activeBreakGlass(
  db: Kysely<Database>,
  viewerId: string,
  clientId: string,
  now: Date,
): Promise<{ id: string; expiresAt: string } | undefined> {
  const row = await db
    .selectFrom('break_glass_grants')
    .select(['id', 'expires_at'])
    .where('user_id', '=', viewerId)
    .where('client_id', '=', clientId)
    .where('expires_at', '>', live(now))
    .where('created_at', '<=', live(now))
    .orderBy('expires_at', 'desc')
    .executeTakeFirst();
  return row && { id: row.id, expiresAt: row.expires_at };
}

/** Every client the viewer holds a live grant on: loaded with the session, so list queries can honour it. */
export async function activeBreakGlassClientIds(
  db: Kysely<Database>,
  viewerId: string,
  now: Date,
): Promise<string[]> {
  const rows = await db
    .selectFrom('break_glass_grants')
    .select('client_id')
    .distinct()
    .where('user_id', '=', viewerId)
    .where('expires_at', '>', live(now))
    .where('created_at', '<=', live(now))
    .execute();
  return rows.map((r) => r.client_id);
}

export type GrantRow = BreakGlassGrantTable;

export async function insertGrant(trx: Kysely<Database>, grant: GrantRow): Promise<void> {
  await trx.insertInto('break_glass_grants').values(grant).execute();
}

/** The grant when it belongs to this clinic, else undefined (→ 404). */
export function findGrant(
  db: Kysely<Database>,
  clinicId: string,
  grantId: string,
): Promise<GrantRow | undefined> {
  return db
    .selectFrom('break_glass_grants')
    .selectAll()
    .where('id', '=', grantId)
    .where('clinic_id', '=', clinicId)
    .executeTakeFirst();
}

/** Close a grant's review once: false when someone closed it first. */
export async function closeGrantReview(
  trx: Kysely<Database>,
  grantId: string,
  review: { by: string; at: Date; outcome: 'justified' | 'not-justified'; note: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('break_glass_grants')
    .set({
      reviewed_at: review.at.toISOString(),
      reviewed_by: review.by,
      outcome: review.outcome,
      review_note: review.note,
    })
    .where('id', '=', grantId)
    .where('reviewed_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** End a live grant now: the therapist's next request no longer gets past the directives. */
export async function endGrant(trx: Kysely<Database>, grantId: string, at: Date): Promise<boolean> {
  const result = await trx
    .updateTable('break_glass_grants')
    .set({ expires_at: at.toISOString() })
    .where('id', '=', grantId)
    .where('expires_at', '>', at.toISOString())
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
