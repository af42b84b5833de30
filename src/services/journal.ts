import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import {
  createJournalBody,
  journalQuery,
  patchJournalBody,
  type JournalEntryView,
  type JournalPage,
} from '../contract/journal.ts';
import { notFound } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import {
  findOwnEntry,
  insertJournalEntry,
  listJournal,
  updateJournalEntry,
  type JournalRow,
} from '../store/journal.ts';
import type { JournalEntryTable } from '../store/schema.ts';
import { findVisibleClientId } from '../store/scope.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';

export function presentEntry(r: JournalRow): JournalEntryView {
  return {
    id: r.id,
    clientId: r.client_id,
    body: r.body,
    mood: r.mood,
    prompt: r.prompt,
    visibility: r.visibility,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const cursorOf = (r: JournalRow) => `${r.created_at}~${r.id}`;

/** A client's journal as the actor may read it: all of it for the client, shared entries for staff. */
export async function listJournalEntries(
  store: Store,
  ctx: Ctx,
  clientId: string,
  query: unknown,
): Promise<JournalPage> {
  if (!(await findVisibleClientId(store.db, ctx.actor, clientId))) throw notFound('client');
  const { limit, before } = parse(journalQuery, query, 'query');
  const [createdAt, id] = before ? before.split('~') : [];
  return store.db.transaction().execute(async (trx) => {
    const rows = await listJournal(trx, ctx.actor, clientId, {
      limit,
      before: createdAt && id ? { createdAt, id } : undefined,
    });
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'journal.list', clientId, resource: `client/${clientId}/journal` },
    ]);
    const last = rows.at(-1);
    return {
      entries: rows.map(presentEntry),
      next: rows.length === limit && last ? cursorOf(last) : null,
    };
  });
}

/** A new entry in the client's own journal. */
export async function createJournalEntry(
  store: Store,
  ctx: Ctx,
  clientId: string,
  input: unknown,
): Promise<JournalEntryView> {
  // Only a client writes (policy); their scope holds only themself, so anyone else's is 404.
  if (!(await findVisibleClientId(store.db, ctx.actor, clientId))) throw notFound('client');
  const body = parse(createJournalBody, input, 'body');
  const at = ctx.now.toISOString();
  const row: JournalRow = {
    id: randomUUID(),
    client_id: clientId,
    body: body.body,
    mood: body.mood ?? null,
    prompt: body.prompt ?? null,
    visibility: body.visibility,
    created_at: at,
    updated_at: at,
  };
  await store.db.transaction().execute(async (trx) => {
    await insertJournalEntry(trx, row);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'journal.create', clientId, resource: `journal/${row.id}` },
    ]);
  });
  return presentEntry(row);
}

/** Edit one's own entry, or share or unshare it. Only its author may. */
export async function patchJournalEntry(
  store: Store,
  ctx: Ctx,
  entryId: string,
  input: unknown,
): Promise<JournalEntryView> {
  if (!(await findOwnEntry(store.db, ctx.actor, entryId))) throw notFound('journal entry');
  const body = parse(patchJournalBody, input, 'body');
  return store.db.transaction().execute(async (trx) => {
    const entry = await findOwnEntry(trx, ctx.actor, entryId);
    if (!entry) throw notFound('journal entry');
    const patch: Updateable<JournalEntryTable> = { updated_at: ctx.now.toISOString() };
    if (body.body !== undefined) patch.body = body.body;
    if (body.mood !== undefined) patch.mood = body.mood;
    if (body.prompt !== undefined) patch.prompt = body.prompt;
    if (body.visibility !== undefined) patch.visibility = body.visibility;
    await updateJournalEntry(trx, entryId, patch);
    const sharing =
      body.visibility !== undefined && body.visibility !== entry.visibility
        ? body.visibility === 'shared'
          ? 'journal.share'
          : 'journal.unshare'
        : 'journal.update';
    await recordAudit(trx, store.dialect, ctx, [
      { action: sharing, clientId: entry.client_id, resource: `journal/${entryId}` },
    ]);
    return presentEntry({ ...entry, ...patch } as JournalRow);
  });
}
