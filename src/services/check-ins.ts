import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  checkInBody,
  checkInQuery,
  type CheckInList,
  type CheckInView,
} from '../contract/measurement.ts';
import { localDate } from '../domain/calendar.ts';
import { conflict, notFound, validationError, type AppError } from '../errors.ts';
import { insertAudited, recordAudit, type AuditEntry } from '../store/audit.ts';
import {
  checkInsByIds,
  insertCheckIns,
  listCheckIns,
  newCheckIns,
  type CheckInCursor,
  type CheckInRow,
} from '../store/check-ins.ts';
import { findVisibleClient } from '../store/scope.ts';
import type { Store } from '../store/db.ts';
import { findVisibleClientMeasures, type MeasureRow } from '../store/goals.ts';
import type { Database } from '../store/schema.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';
import { checkMeasureValue } from './goals.ts';

/** How far ahead of the server's clock an `at` may be: phones' clocks drift a little. */
export const clockSkewMs = 5 * 60_000;

export function presentCheckIn(r: CheckInRow): CheckInView {
  return {
    id: r.id,
    clientId: r.client_id,
    measureId: r.measure_id,
    value: Number(r.value),
    at: r.at,
    localDate: r.local_date,
    receivedAt: r.received_at,
    note: r.note,
    enteredBy: r.entered_by,
  };
}

/** JSON with object keys sorted, so equal bodies hash equally whatever order the keys came in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What makes two submissions "the same": the fields as sent (an absent `at` stays absent, so a
 * retry later is still the same body), with `at` as the instant it names (`…-05:00` = `…Z`).
 */
export function checkInBodyHash(clientId: string, b: ReturnType<typeof checkInBody.parse>): string {
  const fields = {
    clientId,
    id: b.id,
    measureId: b.measureId,
    value: b.value,
    at: b.at === undefined ? null : new Date(b.at).toISOString(),
    note: b.note ? b.note : null,
  };
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

interface Client {
  id: string;
  time_zone: string;
}

/** Validate one item against its client and measures; the row to store, or a 400 thrown. */
export function prepare(
  input: unknown,
  client: Client,
  measures: ReadonlyMap<string, MeasureRow>,
  ctx: Ctx,
): CheckInRow {
  const body = parse(checkInBody, input, 'body');
  const measure = measures.get(body.measureId);
  if (!measure)
    throw validationError([
      { field: 'measureId', message: 'No measure with this id belongs to this client.' },
    ]);
  checkMeasureValue(measure.kind, body.value, 'value');
  const at = body.at === undefined ? ctx.now : new Date(body.at);
  if (at.getTime() > ctx.now.getTime() + clockSkewMs)
    throw validationError([
      { field: 'at', message: 'A check-in cannot be in the future. Check the device clock.' },
    ]);
  return {
    id: body.id,
    client_id: client.id,
    measure_id: measure.id,
    value: body.value,
    at: at.toISOString(),
    local_date: localDate(at, client.time_zone),
    received_at: ctx.now.toISOString(),
    note: body.note ? body.note : null,
    entered_by: ctx.actorId,
    body_hash: checkInBodyHash(client.id, body),
  };
}

export type Outcome =
  { status: 201; row: CheckInRow; retry: boolean } | { status: 409; error: AppError };

const idConflict = () =>
  conflict(
    'id-conflict',
    'A different check-in was already sent with this id. Make a new id for a new check-in.',
  );

/**
 * Store prepared check-ins inside `trx`: a new id is inserted; an id already stored with the
 * same body hash answers as the first time (the stored row); with another body, 409. Items are
 * handled in order, so a batch may repeat an id too.
 */
export async function commit(
  trx: Kysely<Database>,
  rows: readonly CheckInRow[],
): Promise<Map<CheckInRow, Outcome>> {
  // Insert first (a new id is the common case: one statement), then read the ids that were
  // already stored — by an earlier request or a concurrent one — to answer them as retries.
  const fresh = new Map<string, CheckInRow>();
  for (const r of rows) if (!fresh.has(r.id)) fresh.set(r.id, r);
  const stored = await insertCheckIns(trx, [...fresh.values()]);
  const known = [...fresh.keys()].filter((id) => !stored.has(id));
  const existing = new Map((await checkInsByIds(trx, known)).map((r) => [r.id, r]));

  const out = new Map<CheckInRow, Outcome>();
  for (const r of rows) {
    const first = fresh.get(r.id);
    if (first === r && stored.has(r.id)) {
      out.set(r, { status: 201, row: r, retry: false });
      continue;
    }
    const prior = existing.get(r.id) ?? first!;
    out.set(
      r,
      prior.body_hash === r.body_hash
        ? { status: 201, row: prior, retry: true }
        : { status: 409, error: idConflict() },
    );
  }
  return out;
}

export function auditOf(o: Outcome & { status: 201 }): AuditEntry {
  return {
    action: o.retry ? 'checkin.retry' : 'checkin.create',
    clientId: o.row.client_id,
    resource: `check-in/${o.row.id}`,
  };
}

export async function clientWithMeasures(store: Store, ctx: Ctx, clientId: string) {
  // A measure withheld from this viewer (with its goal) is not one they can log against.
  const found = await findVisibleClientMeasures(store.db, ctx.actor, clientId);
  if (!found) throw notFound('client');
  return { client: found.client, measures: new Map(found.measures.map((m) => [m.id, m])) };
}

/** `POST …/check-ins`: 201 with the check-in, the first time and on every identical retry. */
export async function postCheckIn(
  store: Store,
  ctx: Ctx,
  clientId: string,
  input: unknown,
): Promise<CheckInView> {
  const { client, measures } = await clientWithMeasures(store, ctx, clientId);
  const row = prepare(input, client, measures, ctx);
  // A new id, the common case: the row and its audit event together, in one statement.
  const created = auditOf({ status: 201, row, retry: false });
  if (await insertAudited(store, ctx, newCheckIns(store.db, [row]), [created]))
    return presentCheckIn(row);
  // The id is taken: a retry (answered with the stored row) or another check-in's id (409).
  return store.db.transaction().execute(async (trx) => {
    const outcome = (await commit(trx, [row])).get(row)!;
    if (outcome.status === 409) throw outcome.error;
    await recordAudit(trx, store.dialect, ctx, [auditOf(outcome)]);
    return presentCheckIn(outcome.row);
  });
}

function encodeCursor(r: CheckInRow): string {
  return Buffer.from(JSON.stringify([r.at, r.id])).toString('base64url');
}

function decodeCursor(s: string): CheckInCursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string')
      return { at: v[0], id: v[1] };
  } catch {
    // fall through to the 400 below
  }
  throw validationError([
    { field: 'query.before', message: 'Use the `next` value of the previous page.' },
  ]);
}

/** `GET …/check-ins`: oldest first; with `limit`, pages backwards through `before`. */
export async function listClientCheckIns(
  store: Store,
  ctx: Ctx,
  clientId: string,
  query: unknown,
): Promise<CheckInList> {
  const client = await findVisibleClient(store.db, ctx.actor, clientId);
  if (!client) throw notFound('client');
  const q = parse(checkInQuery, query, 'query');
  const before = q.before === undefined ? undefined : decodeCursor(q.before);
  return store.db.transaction().execute(async (trx) => {
    const { rows, more } = await listCheckIns(trx, ctx.actor, {
      clientId,
      ...(q.measureId ? { measureId: q.measureId } : {}),
      ...(before ? { before } : {}),
      ...(q.limit !== undefined ? { limit: q.limit } : {}),
    });
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'checkin.list', clientId, resource: `client/${clientId}/check-ins` },
    ]);
    const oldest = rows[0];
    return {
      checkIns: rows.map(presentCheckIn),
      next: more && oldest ? encodeCursor(oldest) : null,
    };
  });
}
