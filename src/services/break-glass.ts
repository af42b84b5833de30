import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  breakGlassSearchQuery,
  openBreakGlassBody,
  type BreakGlassCandidate,
  type BreakGlassGrant,
} from '../contract/privacy.ts';
import { conflict, notFound } from '../errors.ts';
import { clinicSettings } from '../store/clinic-settings.ts';
import { recordAudit } from '../store/audit.ts';
import type { LiveSession } from '../store/auth-sessions.ts';
import { insertGrant } from '../store/break-glass.ts';
import type { Store } from '../store/db.ts';
import { findVisibleClientId, visibleClients } from '../store/scope.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';
import { requireReauth } from './mfa.ts';
import { notifyPrivacyOfficers } from './privacy-officers.ts';

const searchLimit = 20;

/** `%text%` for LIKE, with the user's own `%`, `_` and `\` taken literally. */
const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Therapist: clients of the clinic outside their caseload whose name matches — names only, so
 * they can choose whose record to open. The search itself is audited.
 */
export async function searchBreakGlassCandidates(
  store: Store,
  ctx: Ctx,
  query: unknown,
): Promise<BreakGlassCandidate[]> {
  const { q } = parse(breakGlassSearchQuery, query, 'query');
  return store.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('clients')
      .innerJoin('users', 'users.id', 'clients.user_id')
      .select(['clients.id', 'users.name'])
      .where('clients.clinic_id', '=', ctx.actor.clinicId)
      .where((eb) => eb.not(visibleClients(ctx.actor)(eb)))
      .where(sql<boolean>`lower(users.name) like ${containing(q)} escape '\\'`)
      .orderBy('users.name')
      .limit(searchLimit)
      .execute();
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'break-glass.search', clientId: null, resource: 'break-glass/search' },
    ]);
    return rows.map((r) => ({ id: r.id, name: r.name }));
  });
}

/**
 * Therapist, facing a risk of serious harm: open a record outside the caseload for the clinic's
 * `breakGlassMinutes`, after re-authenticating and stating a reason. The privacy officers are
 * notified in the same transaction, and every access under the grant is flagged in the audit log.
 */
export async function openBreakGlass(
  store: Store,
  ctx: Ctx,
  session: LiveSession,
  input: unknown,
): Promise<BreakGlassGrant> {
  requireReauth(session, ctx.now);
  const body = parse(openBreakGlassBody, input, 'body');
  const { clinicId } = ctx.actor;
  const client = await store.db
    .selectFrom('clients')
    .innerJoin('users', 'users.id', 'clients.user_id')
    .select(['clients.id', 'users.name'])
    .where('clients.id', '=', body.clientId)
    .where('clients.clinic_id', '=', clinicId)
    .executeTakeFirst();
  if (!client) throw notFound('client');
  if (await findVisibleClientId(store.db, ctx.actor, client.id))
    throw conflict(
      'already-visible',
      'You can already see this client’s record: there is no glass to break.',
    );
  const { breakGlassMinutes } = await clinicSettings(store.db, clinicId);
  const grant = {
    id: randomUUID(),
    clinic_id: clinicId,
    user_id: ctx.actorId,
    client_id: client.id,
    reason: body.reason,
    created_at: ctx.now.toISOString(),
    expires_at: new Date(ctx.now.getTime() + breakGlassMinutes * 60_000).toISOString(),
    reviewed_at: null,
    reviewed_by: null,
    outcome: null,
    review_note: null,
  };
  await store.db.transaction().execute(async (trx) => {
    await insertGrant(trx, grant);
    await notifyPrivacyOfficers(trx, clinicId, grant.id, ctx.now);
    // The opening is the first event under the grant: flagged like every access after it.
    const glass = [...(ctx.actor.breakGlass ?? []), client.id];
    await recordAudit(trx, store.dialect, { ...ctx, actor: { ...ctx.actor, breakGlass: glass } }, [
      { action: 'break-glass.open', clientId: client.id, resource: `break-glass/${grant.id}` },
    ]);
  });
  return {
    id: grant.id,
    clientId: client.id,
    clientName: client.name,
    reason: grant.reason,
    openedAt: grant.created_at,
    expiresAt: grant.expires_at,
  };
}

/** Therapist: my live grants (for the banner with the time left). */
export async function myBreakGlassGrants(store: Store, ctx: Ctx): Promise<BreakGlassGrant[]> {
  const now = ctx.now.toISOString();
  const rows = await store.db
    .selectFrom('break_glass_grants as g')
    .innerJoin('clients', 'clients.id', 'g.client_id')
    .innerJoin('users', 'users.id', 'clients.user_id')
    .select(['g.id', 'g.client_id', 'users.name', 'g.reason', 'g.created_at', 'g.expires_at'])
    .where('g.user_id', '=', ctx.actorId)
    .where('g.expires_at', '>', now)
    .where('g.created_at', '<=', now)
    .orderBy('g.expires_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    clientId: r.client_id,
    clientName: r.name,
    reason: r.reason,
    openedAt: r.created_at,
    expiresAt: r.expires_at,
  }));
}
