import { createHash, randomUUID } from 'node:crypto';
import type { Compilable, Kysely, OperationNodeSource } from 'kysely';
import type { Store } from './db.ts';
import {
  appendToChain,
  chainBarrier,
  insertThenAppend,
  lockChain,
  type ChainAppend,
  type DialectName,
} from './dialect.ts';
import type { AuditEventTable, Database } from './schema.ts';
import type { Actor } from './scope.ts';

/** Who did it, from where, when: passed to every repository call that touches a client's record. */
export interface AuditContext {
  actorId: string | null;
  ip: string | null;
  now: Date;
  /** Events on clients the actor holds a live break-the-glass grant on are flagged. */
  actor?: Pick<Actor, 'breakGlass'>;
}

export interface AuditEntry {
  action: string;
  clientId: string | null;
  /** What was touched, e.g. `goal/0b5c…` or `client/…/check-ins`. */
  resource: string;
}

const genesis = '0'.repeat(64);
const AUDIT_CHAIN_LOCK = 7_240_001;
/** Held by the sealer while it links: one sealer at a time, whichever process runs it. */
const AUDIT_SEALER_LOCK = 7_240_002;
/** Events sealed per transaction: short enough that writers waiting on the lock hardly notice. */
const sealBatch = 1000;

type SealedFields = Pick<
  AuditEventTable,
  'id' | 'at' | 'actor_id' | 'action' | 'client_id' | 'resource' | 'ip'
> & { seq: number; break_glass: number | null };

/** The event columns a link's hash covers, as `sealAudit` and `verifyAuditChain` read them. */
const sealedColumns = [
  'seq',
  'id',
  'at',
  'actor_id',
  'action',
  'client_id',
  'resource',
  'ip',
  'break_glass',
] as const;

/**
 * The hash of one link of the chain: the link before it, this link's position and the whole
 * event, its `seq` and break-the-glass flag included. Any edit, deletion or reordering of events
 * or links breaks it — clearing the flag that puts an access in the privacy officer's review too.
 * The flag is hashed only when set, so links sealed before it was covered (all unflagged) hold.
 */
export function chainHash(prevHash: string, position: number, e: SealedFields): string {
  const fields = [prevHash, position, e.seq, e.id, e.at, e.actor_id, e.action, e.client_id];
  fields.push(e.resource, e.ip);
  if (Number(e.break_glass) === 1) fields.push('break-glass');
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

function auditRows(ctx: AuditContext, entries: readonly AuditEntry[]) {
  const at = ctx.now.toISOString();
  const glass = new Set(ctx.actor?.breakGlass ?? []);
  return entries.map((entry) => ({
    id: randomUUID(),
    at,
    actor_id: ctx.actorId,
    action: entry.action,
    client_id: entry.clientId,
    resource: entry.resource,
    ip: ctx.ip,
    break_glass: entry.clientId !== null && glass.has(entry.clientId) ? 1 : 0,
  }));
}

const auditChain = (ctx: AuditContext, entries: readonly AuditEntry[]): ChainAppend => ({
  key: AUDIT_CHAIN_LOCK,
  table: 'audit_events',
  rows: auditRows(ctx, entries),
});

/**
 * Append audit events inside the caller's transaction, so the access and its record commit or
 * roll back together. The events are not linked here — `sealAudit` does that shortly after —
 * so audited writers do not wait for one another. Call it last in the transaction: on
 * PostgreSQL its insert takes the chain lock (shared) and holds it until commit, which is what
 * lets the sealer know that no event older than the ones it sees is still uncommitted.
 */
export async function recordAudit(
  trx: Kysely<Database>,
  dialect: DialectName,
  ctx: AuditContext,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  // Outside a transaction the lock would end with its own statement, before the access.
  if (!trx.isTransaction) throw new Error('recordAudit runs inside the access transaction');
  await appendToChain(trx as Kysely<unknown>, dialect, auditChain(ctx, entries));
}

/**
 * An audited write that is almost always new (a check-in, whose retries reuse its id): `insert`
 * skips a taken key and returns a row when it inserts, and `entries` are recorded only if it
 * did — atomically, on PostgreSQL in one statement (one round trip, no BEGIN and COMMIT).
 * False when the key was taken: nothing was written, and the caller answers the row
 * already there in a transaction of its own.
 */
export function insertAudited(
  store: Store,
  ctx: AuditContext,
  insert: Compilable & OperationNodeSource,
  entries: readonly AuditEntry[],
): Promise<boolean> {
  return insertThenAppend(
    store.db as Kysely<unknown>,
    store.dialect,
    insert,
    auditChain(ctx, entries),
  );
}

/**
 * Link every committed, unsealed event into the hash chain, in `seq` order; returns how many.
 * After the chain's barrier no audited transaction that drew a `seq` up to `through` is in
 * flight, and every later event gets a larger `seq`: the events after the last sealed `seq`,
 * up to `through`, are exactly the ones to seal. Writers are held up only by the barrier, not
 * while the sealer works. Safe to run from several processes at once.
 */
export async function sealAudit(store: Store): Promise<number> {
  const through = await chainBarrier(store.db as Kysely<unknown>, store.dialect, {
    key: AUDIT_CHAIN_LOCK,
    table: 'audit_events',
    column: 'seq',
  });
  let sealed = 0;
  for (;;) {
    const n = await store.db.transaction().execute(async (trx: Kysely<Database>) => {
      await lockChain(trx as Kysely<unknown>, store.dialect, AUDIT_SEALER_LOCK);
      const last = await trx
        .selectFrom('audit_seals')
        .select(['position', 'event_seq', 'hash'])
        .orderBy('position', 'desc')
        .limit(1)
        .executeTakeFirst();
      const events = await trx
        .selectFrom('audit_events')
        .select(sealedColumns)
        .where('seq', '>', last?.event_seq ?? 0)
        .where('seq', '<=', through)
        .orderBy('seq')
        .limit(sealBatch)
        .execute();
      if (events.length === 0) return 0;
      let prev = last?.hash ?? genesis;
      let position = last ? last.position + 1 : 0;
      const seals = events.map((e) => {
        const hash = chainHash(prev, position, e);
        const seal = { position, event_seq: e.seq, prev_hash: prev, hash };
        prev = hash;
        position++;
        return seal;
      });
      await trx.insertInto('audit_seals').values(seals).execute();
      return seals.length;
    });
    sealed += n;
    if (n < sealBatch) return sealed;
  }
}

export interface AuditVerification {
  /** Links whose event and hash were recomputed and hold. */
  checked: number;
  /** The first link that does not hold, or null when the sealed chain is intact. */
  broken: { position: number; eventSeq: number | null; reason: string } | null;
  /** Events newer than the last sealed one: written, not yet linked (sealing runs each second). */
  unsealed: number;
}

export interface AuditEventView {
  at: string;
  actorId: string | null;
  action: string;
  clientId: string | null;
  resource: string;
  ip: string | null;
  breakGlass: boolean;
}

/** Events of one clinic (optionally one client), oldest first, paged by `seq`. */
export async function listAudit(
  db: Kysely<Database>,
  q: { clinicId: string; clientId?: string; afterSeq?: number; limit: number },
): Promise<(AuditEventView & { seq: number })[]> {
  let query = db
    .selectFrom('audit_events as a')
    .select([
      'a.seq',
      'a.at',
      'a.actor_id',
      'a.action',
      'a.client_id',
      'a.resource',
      'a.ip',
      'a.break_glass',
    ])
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
    breakGlass: r.break_glass === 1,
  }));
}

/**
 * Recompute the sealed chain from the events it links, oldest first; stops at the first link
 * that does not hold. Events after the last sealed one are counted, not judged; an unsealed
 * event among the sealed ones (inserted, or moved by a changed `seq`) breaks the chain.
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerification> {
  let prev = genesis;
  let checked = 0;
  let lastSeq = 0;
  const fail = (position: number, eventSeq: number | null, reason: string) => ({
    checked,
    broken: { position, eventSeq, reason },
    unsealed: 0,
  });
  for (;;) {
    const rows = await db
      .selectFrom('audit_seals as s')
      .leftJoin('audit_events as e', 'e.seq', 's.event_seq')
      .select([
        's.position',
        's.event_seq',
        's.prev_hash',
        's.hash',
        ...sealedColumns.map((c) => `e.${c}` as const),
      ])
      .where('s.position', '>=', checked)
      .orderBy('s.position')
      .limit(5000)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.position !== checked) return fail(checked, null, 'a link is missing');
      if (r.prev_hash !== prev)
        return fail(r.position, r.event_seq, 'it does not link to the one before it');
      if (
        r.seq === null ||
        r.id === null ||
        r.at === null ||
        r.action === null ||
        r.resource === null
      )
        return fail(r.position, r.event_seq, 'its event is missing');
      if (r.event_seq <= lastSeq) return fail(r.position, r.event_seq, 'its event is out of order');
      const event = {
        ...r,
        seq: r.seq,
        id: r.id,
        at: r.at,
        action: r.action,
        resource: r.resource,
      };
      if (chainHash(prev, r.position, event) !== r.hash)
        return fail(r.position, r.event_seq, 'its event was changed');
      prev = r.hash;
      lastSeq = r.event_seq;
      checked++;
    }
  }
  const counts = await db
    .selectFrom('audit_events as e')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('e.seq', '>', lastSeq).as('after'),
      eb.fn.countAll<number>().filterWhere('e.seq', '<=', lastSeq).as('within'),
    ])
    .executeTakeFirstOrThrow();
  const within = Number(counts.within);
  if (within !== checked) {
    const stray = await db
      .selectFrom('audit_events as e')
      .select('e.seq')
      .where('e.seq', '<=', lastSeq)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('audit_seals as s')
              .select('s.position')
              .whereRef('s.event_seq', '=', 'e.seq'),
          ),
        ),
      )
      .orderBy('e.seq')
      .limit(1)
      .executeTakeFirst();
    return fail(checked, stray?.seq ?? null, 'an event among the sealed ones was never sealed');
  }
  return { checked, broken: null, unsealed: Number(counts.after) };
}
