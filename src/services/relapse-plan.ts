import { relapsePlanBody, type RelapsePlanView } from '../contract/relapse-plan.ts';
import { localDate } from '../domain/calendar.ts';
import { AppError, notFound } from '../errors.ts';
import { renderRelapsePlanPdf } from '../report/relapse-plan-pdf.ts';
import { recordAudit } from '../store/audit.ts';
import { readSettings } from '../store/clinic-settings.ts';
import type { Store } from '../store/db.ts';
import type { Database } from '../store/schema.ts';
import { findRecordClient } from '../store/exports.ts';
import type { Kysely } from 'kysely';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';
import type { ExportFile } from './record-export.ts';
import { optionalVersion } from './revise.ts';

async function load(db: Kysely<Database>, ctx: Ctx, clientId: string): Promise<RelapsePlanView> {
  const [row, clinic] = await Promise.all([
    db
      .selectFrom('relapse_plans')
      .leftJoin('users', 'users.id', 'relapse_plans.updated_by')
      .selectAll('relapse_plans')
      .select('users.name as by_name')
      .where('client_id', '=', clientId)
      .executeTakeFirst(),
    db
      .selectFrom('clinics')
      .select('settings')
      .where('id', '=', ctx.actor.clinicId)
      .executeTakeFirstOrThrow(),
  ]);
  const crisisText = readSettings(clinic.settings).crisisText;
  if (!row)
    return {
      clientId,
      warningSigns: [],
      whatHelps: [],
      contacts: [],
      version: 0,
      updatedAt: null,
      updatedBy: null,
      crisisText,
    };
  return {
    clientId,
    warningSigns: JSON.parse(row.warning_signs) as string[],
    whatHelps: JSON.parse(row.what_helps) as string[],
    contacts: JSON.parse(row.contacts) as RelapsePlanView['contacts'],
    ...(row.notes ? { notes: row.notes } : {}),
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: { id: row.updated_by, name: row.by_name ?? '' },
    crisisText,
  };
}

async function requireClient(db: Kysely<Database>, ctx: Ctx, clientId: string) {
  const client = await findRecordClient(db, ctx.actor, clientId);
  if (!client) throw notFound('client');
  return client;
}

/** `GET /api/clients/:clientId/relapse-plan`: the plan (empty, version 0, before the first save). */
export async function getRelapsePlan(
  store: Store,
  ctx: Ctx,
  clientId: string,
): Promise<RelapsePlanView> {
  await requireClient(store.db, ctx, clientId);
  return store.db.transaction().execute(async (trx) => {
    const plan = await load(trx, ctx, clientId);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'relapse-plan.read', clientId, resource: `client/${clientId}/relapse-plan` },
    ]);
    return plan;
  });
}

/**
 * `PUT /api/clients/:clientId/relapse-plan`: save the whole plan (the client, or their therapist
 * with them). Optional `If-Match` with the version read: 412 when someone saved in between.
 */
export async function putRelapsePlan(
  store: Store,
  ctx: Ctx,
  clientId: string,
  ifMatch: string | undefined,
  input: unknown,
): Promise<RelapsePlanView> {
  await requireClient(store.db, ctx, clientId);
  const expected = optionalVersion(ifMatch);
  const body = parse(relapsePlanBody, input, 'body');
  return store.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('relapse_plans')
      .select('version')
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    const version = current?.version ?? 0;
    const stale = () =>
      new AppError(
        412,
        'stale',
        `The plan was saved elsewhere since you loaded it (now version ${version}). Reload, then make your change again.`,
      );
    if (expected !== undefined && expected !== version) throw stale();
    const row = {
      warning_signs: JSON.stringify(body.warningSigns),
      what_helps: JSON.stringify(body.whatHelps),
      contacts: JSON.stringify(body.contacts),
      notes: body.notes ? body.notes : null,
      version: version + 1,
      updated_by: ctx.actorId,
      updated_at: ctx.now.toISOString(),
    };
    if (current) {
      const r = await trx
        .updateTable('relapse_plans')
        .set(row)
        .where('client_id', '=', clientId)
        .where('version', '=', version)
        .executeTakeFirst();
      if (r.numUpdatedRows !== 1n) throw stale();
    } else {
      const r = await trx
        .insertInto('relapse_plans')
        .values({ client_id: clientId, ...row })
        .onConflict((oc) => oc.column('client_id').doNothing())
        .returning('client_id')
        .execute();
      if (r.length !== 1) throw stale();
    }
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'relapse-plan.write', clientId, resource: `client/${clientId}/relapse-plan` },
    ]);
    return load(trx, ctx, clientId);
  });
}

/** `GET /api/clients/:clientId/relapse-plan.pdf`: the plan to keep, with the crisis resources. */
export async function relapsePlanPdf(
  store: Store,
  ctx: Ctx,
  clientId: string,
): Promise<ExportFile> {
  const client = await requireClient(store.db, ctx, clientId);
  const plan = await store.db.transaction().execute(async (trx) => {
    const p = await load(trx, ctx, clientId);
    await recordAudit(trx, store.dialect, ctx, [
      {
        action: 'relapse-plan.pdf.read',
        clientId,
        resource: `client/${clientId}/relapse-plan.pdf`,
      },
    ]);
    return p;
  });
  const today = localDate(ctx.now, client.timeZone);
  const pdf = await renderRelapsePlanPdf({
    plan,
    clientName: client.name,
    clinicName: client.clinicName,
    today,
    now: ctx.now,
  });
  return {
    contentType: 'application/pdf',
    filename: `relapse-prevention-plan-${today}.pdf`,
    body: pdf,
  };
}
