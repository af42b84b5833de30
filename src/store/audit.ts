import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { lockChain, type DialectName } from './dialect.ts';
import type { AuditEventTable, Database } from './schema.ts';

/** Who did it, from where, when: passed to every repository call that touches a client's record. */
export interface AuditContext {
  actorId: string | null;
  ip: string | null;
  now: Date;
}

export interface AuditEntry {
  action: string;
  clientId: string | null;
  /** What was touched, e.g. `goal/0b5c…` or `client/…/check-ins`. */
  resource: string;
}

const genesis = '0'.repeat(64);
const AUDIT_CHAIN_LOCK = 7_240_001;

type ChainFields = Pick<
  AuditEventTable,
  'id' | 'at' | 'actor_id' | 'action' | 'client_id' | 'resource' | 'ip' | 'prev_hash'
>;

/** The hash that links an event to the one before it; any edit, deletion or reordering breaks it. */
export function chainHash(e: ChainFields): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        e.prev_hash,
        e.id,
        e.at,
        e.actor_id,
        e.action,
        e.client_id,
        e.resource,
        e.ip,
      ]),
    )
    .digest('hex');
}

/**
 * Append audit events inside the caller's transaction, so the access and its record commit or
 * roll back together. Call it last in the transaction: it holds the chain lock until commit.
 */
export async function recordAudit(
  trx: Kysely<Database>,
  dialect: DialectName,
  ctx: AuditContext,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await lockChain(trx as Kysely<unknown>, dialect, AUDIT_CHAIN_LOCK);
  const last = await trx
    .selectFrom('audit_events')
    .select('hash')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let prev = last?.hash ?? genesis;
  const at = ctx.now.toISOString();
  const rows = entries.map((entry) => {
    const fields: ChainFields = {
      id: randomUUID(),
      at,
      actor_id: ctx.actorId,
      action: entry.action,
      client_id: entry.clientId,
      resource: entry.resource,
      ip: ctx.ip,
      prev_hash: prev,
    };
    prev = chainHash(fields);
    return { ...fields, hash: prev };
  });
  await trx.insertInto('audit_events').values(rows).execute();
}

export interface AuditEventView {
  at: string;
  actorId: string | null;
  action: string;
  clientId: string | null;
  resource: string;
  ip: string | null;
}

/** Events of one clinic (optionally one client), oldest first, paged by `seq`. */
export async function listAudit(
  db: Kysely<Database>,
  q: { clinicId: string; clientId?: string; afterSeq?: number; limit: number },
): Promise<(AuditEventView & { seq: number })[]> {
  let query = db
    .selectFrom('audit_events as a')
    .select(['a.seq', 'a.at', 'a.actor_id', 'a.action', 'a.client_id', 'a.resource', 'a.ip'])
    .where((eb) =>
      eb.or([
        eb(
          'a.actor_id',
          'in',
          eb.selectFrom('users').select('id').where('clinic_id', '=', q.clinicId),
        ),
        eb(
          'a.client_id',
          'in',
          eb.selectFrom('clients').select('id').where('clinic_id', '=', q.clinicId),
        ),
      ]),
    )
    .orderBy('a.seq', 'asc')
    .limit(q.limit);
  if (q.clientId) query = query.where('a.client_id', '=', q.clientId);
  if (q.afterSeq !== undefined) query = query.where('a.seq', '>', q.afterSeq);
  const rows = await query.execute();
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    action: r.action,
    clientId: r.client_id,
    resource: r.resource,
    ip: r.ip,
  }));
}

/** Recompute the chain; the first event whose link does not hold, or null when intact. */
export async function verifyAuditChain(
  db: Kysely<Database>,
): Promise<{ checked: number; brokenAt: number | null }> {
  let prev = genesis;
  let checked = 0;
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(5000)
      .execute();
    if (rows.length === 0) return { checked, brokenAt: null };
    for (const row of rows) {
      if (row.prev_hash !== prev || chainHash(row) !== row.hash)
        return { checked, brokenAt: row.seq };
      prev = row.hash;
      checked++;
      after = row.seq;
    }
  }
}
