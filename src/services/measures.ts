import { randomUUID } from 'node:crypto';
import type { MeasureView } from '../contract/goals.ts';
import { createMeasureBody, patchMeasureBody } from '../contract/measurement.ts';
import { notFound } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import {
  findVisibleMeasure,
  insertMeasure,
  setMeasureReliability,
  type MeasureRow,
} from '../store/goals.ts';
import { measureNotWithheld } from '../store/consent.ts';
import { findVisibleClientId } from '../store/scope.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';
import { presentMeasure } from './goal-views.ts';

/** A client's custom measures, oldest first: what check-ins can be logged against. */
export async function listMeasures(
  store: Store,
  ctx: Ctx,
  clientId: string,
): Promise<MeasureView[]> {
  return store.db.transaction().execute(async (trx) => {
    if (!(await findVisibleClientId(trx, ctx.actor, clientId))) throw notFound('client');
    const rows = await trx
      .selectFrom('measures')
      .selectAll()
      .where('client_id', '=', clientId)
      .where(measureNotWithheld(ctx.actor, 'measures.id', 'measures.client_id'))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'measure.list', clientId, resource: `client/${clientId}/measures` },
    ]);
    return rows.map(presentMeasure);
  });
}

/** A new measure for the client, outside any goal (e.g. a daily mood rating). */
export async function createMeasure(
  store: Store,
  ctx: Ctx,
  clientId: string,
  input: unknown,
): Promise<MeasureView> {
  if (!(await findVisibleClientId(store.db, ctx.actor, clientId))) throw notFound('client');
  const body = parse(createMeasureBody, input, 'body');
  const row: MeasureRow = {
    id: randomUUID(),
    client_id: clientId,
    name: body.name,
    kind: body.kind,
    unit: body.unit ? body.unit : null,
    better: body.better,
    sd: body.sd ?? null,
    reliability: body.reliability ?? null,
    created_at: ctx.now.toISOString(),
  };
  await store.db.transaction().execute(async (trx) => {
    await insertMeasure(trx, row);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'measure.create', clientId, resource: `measure/${row.id}` },
    ]);
  });
  return presentMeasure(row);
}

/**
 * `PATCH /api/measures/:measureId`: the SD and reliability that give the measure's reliable
 * change index (SPEC §4), both set or both cleared. Scope first (404), then the body (400).
 */
export async function updateMeasureReliability(
  store: Store,
  ctx: Ctx,
  measureId: string,
  input: unknown,
): Promise<MeasureView> {
  const found = await findVisibleMeasure(store.db, ctx.actor, measureId);
  if (!found) throw notFound('measure');
  const body = parse(patchMeasureBody, input, 'body');
  const row: MeasureRow = { ...found, sd: body.sd, reliability: body.reliability };
  await store.db.transaction().execute(async (trx) => {
    await setMeasureReliability(trx, measureId, row.sd, row.reliability);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'measure.update', clientId: row.client_id, resource: `measure/${measureId}` },
    ]);
  });
  return presentMeasure(row);
}
