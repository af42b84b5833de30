import { randomUUID } from 'node:crypto';
import {
  correctableFields,
  correctionBody,
  resolutionBody,
  type CorrectableResourceName,
  type CorrectionView,
} from '../contract/exports.ts';
import { conflict, notFound, validationError } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import {
  entrySnapshot,
  findCorrection,
  insertCorrection,
  insertResolution,
  listCorrections,
  type CorrectionWithResolution,
} from '../store/corrections.ts';
import type { Store } from '../store/db.ts';
import type { MeasureKind } from '../store/schema.ts';
import { findVisibleClientId } from '../store/scope.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';
import { checkMeasureValue } from './goals.ts';

const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export function presentCorrection(c: CorrectionWithResolution): CorrectionView {
  const r = c.resolution;
  return {
    id: c.id,
    clientId: c.client_id,
    resource: c.resource,
    resourceId: c.resource_id,
    field: c.field,
    requested: c.requested,
    original: json(c.original),
    requestedAt: c.requested_at,
    requestedBy: { id: c.requested_by, name: c.requested_by_name },
    status: r ? r.decision : 'open',
    corrected: r ? json(r.corrected) : null,
    note: r?.note ?? null,
    resolvedAt: r?.resolved_at ?? null,
    resolvedBy: r ? { id: r.resolved_by, name: r.resolved_by_name } : null,
  };
}

/** A client's corrections, oldest first (staff do not see ones about entries now private). */
export async function clientCorrections(
  store: Store,
  ctx: Ctx,
  clientId: string,
): Promise<CorrectionView[]> {
  return store.db.transaction().execute(async (trx) => {
    if (!(await findVisibleClientId(trx, ctx.actor, clientId))) throw notFound('client');
    const rows = await listCorrections(trx, ctx.actor, clientId);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'correction.list', clientId, resource: `client/${clientId}/corrections` },
    ]);
    return rows.map(presentCorrection);
  });
}

/**
 * A client asks for an entry of their record to be corrected. The field's current value is
 * kept with the request, so what was wrong stays visible whatever happens to the entry later.
 */
export async function requestCorrection(
  store: Store,
  ctx: Ctx,
  clientId: string,
  input: unknown,
): Promise<CorrectionView> {
  if (!(await findVisibleClientId(store.db, ctx.actor, clientId))) throw notFound('client');
  const body = parse(correctionBody, input, 'body');
  const fields = correctableFields[body.resource];
  if (body.field !== undefined && !fields.includes(body.field)) {
    throw validationError([
      {
        field: 'field',
        message: fields.length
          ? `For a ${body.resource}, name one of ${fields.join(', ')}, or leave field out.`
          : `A ${body.resource} is corrected in words: leave field out and say what is wrong.`,
      },
    ]);
  }
  const id = randomUUID();
  await store.db.transaction().execute(async (trx) => {
    const snapshot = await entrySnapshot(trx, clientId, body.resource, body.resourceId);
    if (!snapshot) throw notFound(body.resource);
    await insertCorrection(trx, {
      id,
      client_id: clientId,
      resource: body.resource,
      resource_id: body.resourceId,
      field: body.field ?? null,
      requested: body.requested,
      original: body.field === undefined ? null : JSON.stringify(snapshot[body.field] ?? null),
      requested_by: ctx.actorId,
      requested_at: ctx.now.toISOString(),
    });
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'correction.request', clientId, resource: `correction/${id}` },
    ]);
  });
  return (await clientCorrectionById(store, ctx, clientId, id))!;
}

async function clientCorrectionById(
  store: Store,
  ctx: Ctx,
  clientId: string,
  id: string,
): Promise<CorrectionView | undefined> {
  const rows = await listCorrections(store.db, ctx.actor, clientId);
  const row = rows.find((r) => r.id === id);
  return row && presentCorrection(row);
}

/** The corrected value, checked against what the field holds; a 400 naming `corrected` if not. */
function checkCorrected(
  resource: CorrectableResourceName,
  field: string,
  corrected: string | number,
  snapshot: Record<string, unknown>,
): string | number {
  if (resource === 'check-in' && field === 'value') {
    if (typeof corrected !== 'number')
      throw validationError([
        { field: 'corrected', message: 'Give the corrected value as a number.' },
      ]);
    checkMeasureValue(snapshot.kind as MeasureKind, corrected, 'corrected');
    return corrected;
  }
  if (typeof corrected !== 'string')
    throw validationError([{ field: 'corrected', message: 'Give the corrected text.' }]);
  return corrected;
}

/**
 * The therapist accepts (with the corrected value when the request names a field) or declines
 * (with the reason, which the client is owed). Written once: a second answer is a 409.
 */
export async function resolveCorrection(
  store: Store,
  ctx: Ctx,
  correctionId: string,
  input: unknown,
): Promise<CorrectionView> {
  const found = await findCorrection(store.db, ctx.actor, correctionId);
  if (!found) throw notFound('correction');
  const body = parse(resolutionBody, input, 'body');
  if (body.decision === 'declined' && !body.note)
    throw validationError([{ field: 'note', message: 'Say why the correction is declined.' }]);
  if (body.decision === 'declined' && body.corrected !== undefined)
    throw validationError([
      { field: 'corrected', message: 'A declined correction has no corrected value.' },
    ]);
  if (body.decision === 'accepted' && found.field === null && body.corrected !== undefined)
    throw validationError([
      { field: 'corrected', message: 'This request names no field; answer it in the note.' },
    ]);
  if (body.decision === 'accepted' && found.field !== null && body.corrected === undefined)
    throw validationError([{ field: 'corrected', message: 'Give the corrected value.' }]);

  await store.db.transaction().execute(async (trx) => {
    let corrected: string | number | undefined;
    if (body.corrected !== undefined && found.field !== null) {
      const snapshot = await entrySnapshot(trx, found.client_id, found.resource, found.resource_id);
      if (!snapshot) throw conflict('entry-gone', 'The entry this correction is about is gone.');
      corrected = checkCorrected(found.resource, found.field, body.corrected, snapshot);
    }
    const written = await insertResolution(trx, {
      correction_id: found.id,
      decision: body.decision,
      corrected: corrected === undefined ? null : JSON.stringify(corrected),
      note: body.note ?? null,
      resolved_by: ctx.actorId,
      resolved_at: ctx.now.toISOString(),
    });
    if (!written) throw conflict('already-resolved', 'This correction has already been answered.');
    await recordAudit(trx, store.dialect, ctx, [
      {
        action: 'correction.resolve',
        clientId: found.client_id,
        resource: `correction/${found.id}`,
      },
    ]);
  });
  return (await clientCorrectionById(store, ctx, found.client_id, found.id))!;
}
