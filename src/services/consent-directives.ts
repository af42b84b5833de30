import { randomUUID } from 'node:crypto';
import {
  createDirectiveBody,
  revokeDirectiveBody,
  type DirectiveList,
  type DirectiveView,
} from '../contract/consent.ts';
import { conflict, notFound, validationError } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import {
  clinicStaff,
  entryOfClient,
  findActiveTwin,
  findDirective,
  findDirectiveClient,
  insertDirective,
  listDirectives,
  revokeDirective,
  type DirectiveRow,
  type DirectiveWithNames,
} from '../store/consent-directives.ts';
import type { Store } from '../store/db.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';

function present(d: DirectiveWithNames): DirectiveView {
  return {
    id: d.id,
    clientId: d.client_id,
    scope: d.scope,
    resourceId: d.resource_id,
    staff: d.staff_user_id ? { id: d.staff_user_id, name: d.staff_name ?? '' } : null,
    reason: d.reason,
    createdAt: d.created_at,
    createdBy: { id: d.created_by, name: d.created_by_name },
    active: d.revoked_at === null,
    revokedAt: d.revoked_at,
    revokedBy: d.revoked_by ? { id: d.revoked_by, name: d.revoked_by_name ?? '' } : null,
    revokeReason: d.revoke_reason,
  };
}

/** An admin acts only on the client's written request, and says so; a client need not explain. */
function requireAdminReason(ctx: Ctx, reason: string | undefined): void {
  if (ctx.actor.role === 'admin' && reason === undefined)
    throw validationError([
      {
        field: 'reason',
        message: "An admin records the client's written request: say which, and when.",
      },
    ]);
}

async function requireClient(store: Store, ctx: Ctx, clientId: string): Promise<void> {
  if (!(await findDirectiveClient(store.db, ctx.actor, clientId))) throw notFound('client');
}

/** `GET …/consent-directives`: every directive of the client (revoked ones too), and whom one may name. */
export async function clientDirectives(
  store: Store,
  ctx: Ctx,
  clientId: string,
): Promise<DirectiveList> {
  await requireClient(store, ctx, clientId);
  return store.db.transaction().execute(async (trx) => {
    const [rows, staff] = await Promise.all([
      listDirectives(trx, clientId),
      clinicStaff(trx, ctx.actor.clinicId),
    ]);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'consent.list', clientId, resource: `client/${clientId}/consent-directives` },
    ]);
    return {
      directives: rows.map(present),
      staff: staff.map((s) => ({
        id: s.id,
        name: s.name,
        role: s.role === 'admin' ? 'admin' : 'therapist',
      })),
    };
  });
}

/** `POST …/consent-directives`: withhold an entry or the whole record, from all staff or one. */
export async function createDirective(
  store: Store,
  ctx: Ctx,
  clientId: string,
  input: unknown,
): Promise<DirectiveView> {
  await requireClient(store, ctx, clientId);
  const body = parse(createDirectiveBody, input, 'body');
  requireAdminReason(ctx, body.reason);
  if (body.scope === 'record' && body.resourceId !== undefined)
    throw validationError([
      { field: 'resourceId', message: 'Leave resourceId out when withholding the whole record.' },
    ]);
  if (body.scope !== 'record') {
    if (body.resourceId === undefined)
      throw validationError([
        { field: 'resourceId', message: `Name the ${body.scope} entry to withhold.` },
      ]);
    if (!(await entryOfClient(store.db, clientId, body.scope, body.resourceId)))
      throw validationError([
        { field: 'resourceId', message: `No ${body.scope} entry with this id is in this record.` },
      ]);
  }
  const staff = await clinicStaff(store.db, ctx.actor.clinicId);
  if (body.staffUserId !== undefined && !staff.some((s) => s.id === body.staffUserId))
    throw validationError([
      { field: 'staffUserId', message: 'Name a staff member of this clinic, or leave it out.' },
    ]);

  const row: DirectiveRow = {
    id: randomUUID(),
    client_id: clientId,
    scope: body.scope,
    resource_id: body.resourceId ?? null,
    staff_user_id: body.staffUserId ?? null,
    reason: body.reason ?? null,
    created_by: ctx.actorId,
    created_at: ctx.now.toISOString(),
    revoked_at: null,
    revoked_by: null,
    revoke_reason: null,
  };
  return store.db.transaction().execute(async (trx) => {
    if (await findActiveTwin(trx, row))
      throw conflict('directive-exists', 'This is already withheld from the same people.');
    await insertDirective(trx, row);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'consent.create', clientId, resource: `consent/${row.id}` },
    ]);
    return present((await findDirective(trx, row.id))!);
  });
}

/** `POST /api/consent-directives/:directiveId/revoke`: the item shows again; the directive stays on file. */
export async function revokeConsentDirective(
  store: Store,
  ctx: Ctx,
  directiveId: string,
  input: unknown,
): Promise<DirectiveView> {
  const directive = await findDirective(store.db, directiveId);
  if (!directive || !(await findDirectiveClient(store.db, ctx.actor, directive.client_id)))
    throw notFound('directive');
  const body = parse(revokeDirectiveBody, input ?? {}, 'body');
  requireAdminReason(ctx, body.reason);
  return store.db.transaction().execute(async (trx) => {
    if (!(await revokeDirective(trx, directiveId, ctx.actorId, body.reason ?? null, ctx.now)))
      throw conflict('already-revoked', 'This directive was already revoked.');
    await recordAudit(trx, store.dialect, ctx, [
      {
        action: 'consent.revoke',
        clientId: directive.client_id,
        resource: `consent/${directiveId}`,
      },
    ]);
    return present((await findDirective(trx, directiveId))!);
  });
}
