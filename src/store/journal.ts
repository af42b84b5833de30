import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database, JournalEntryTable } from './schema.ts';
import { notWithheld } from './consent.ts';
import { visibleClients, type Actor } from './scope.ts';

export type JournalRow = Selectable<JournalEntryTable>;

/**
 * Journal entries an actor may read. A client reads every entry of their own; anyone else
 * (their care team) only `shared` ones — the condition is part of every query, so a private
 * entry's row is never selected for staff, whatever a route or export forgets to check.
 */
export function journalVisibleTo(db: Kysely<Database>, actor: Actor) {
  const q = db
    .selectFrom('journal_entries')
    .innerJoin('clients', 'clients.id', 'journal_entries.client_id')
    .selectAll('journal_entries')
    .where(visibleClients(actor))
    .where(notWithheld(actor, 'journal', 'journal_entries.id', 'journal_entries.client_id'));
  return actor.role === 'client' ? q : q.where('journal_entries.visibility', '=', 'shared');
}

/** One page of a client's entries the actor may read, newest first, before a (created_at, id) cursor. */
export function listJournal(
  db: Kysely<Database>,
  actor: Actor,
  clientId: string,
  page: { limit: number; before?: { createdAt: string; id: string } | undefined },
): Promise<JournalRow[]> {
  let q = journalVisibleTo(db, actor)
    .where('journal_entries.client_id', '=', clientId)
    .orderBy('journal_entries.created_at', 'desc')
    .orderBy('journal_entries.id', 'desc')
    .limit(page.limit);
  const before = page.before;
  if (before) {
    q = q.where((eb) =>
      eb.or([
        eb('journal_entries.created_at', '<', before.createdAt),
        eb.and([
          eb('journal_entries.created_at', '=', before.createdAt),
          eb('journal_entries.id', '<', before.id),
        ]),
      ]),
    );
  }
  return q.execute();
}

/** An entry the actor wrote themself (only a client writes a journal), or undefined (→ 404). */
export function findOwnEntry(
  db: Kysely<Database>,
  actor: Actor,
  entryId: string,
): Promise<JournalRow | undefined> {
  return db
    .selectFrom('journal_entries')
    .innerJoin('clients', 'clients.id', 'journal_entries.client_id')
    .selectAll('journal_entries')
    .where('journal_entries.id', '=', entryId)
    .where('clients.user_id', '=', actor.userId)
    .where('clients.clinic_id', '=', actor.clinicId)
    .executeTakeFirst();
}

export async function insertJournalEntry(trx: Kysely<Database>, row: JournalRow): Promise<void> {
  await trx.insertInto('journal_entries').values(row).execute();
}

export async function updateJournalEntry(
  trx: Kysely<Database>,
  entryId: string,
  patch: Updateable<JournalEntryTable>,
): Promise<void> {
  await trx.updateTable('journal_entries').set(patch).where('id', '=', entryId).execute();
}
