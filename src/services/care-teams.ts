import type { Kysely } from 'kysely';
import {
  careTeamMemberBody,
  clientLocationBody,
  type AssignmentsView,
  type ClientAssignmentView,
} from '../contract/care-teams.ts';
import { conflict, notFound, validationError } from '../errors.ts';
import { recordAudit, type AuditEntry } from '../store/audit.ts';
import {
  activeTherapists,
  addCareTeamMember,
  assignmentClients,
  careTeamMembers,
  clinicUser,
  lockClient,
  makePrimary,
  removeCareTeamMember,
  setClientLocation,
  type AssignmentClientRow,
  type CareTeamMemberRow,
} from '../store/care-teams.ts';
import type { Store } from '../store/db.ts';
import { findLocation } from '../store/locations.ts';
import type { Database } from '../store/schema.ts';
import { findClientInReach } from '../store/scope.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';

function present(c: AssignmentClientRow, members: CareTeamMemberRow[]): ClientAssignmentView {
  return {
    clientId: c.id,
    name: c.name,
    email: c.email,
    location:
      c.location_id && c.location_name ? { id: c.location_id, name: c.location_name } : null,
    primaryTherapistId: c.primary_therapist_id,
    careTeam: members
      .filter((m) => m.client_id === c.id)
      .map((m) => ({
        userId: m.user_id,
        name: m.name,
        email: m.email,
        primary: m.is_primary === 1,
        addedAt: m.added_at,
      })),
  };
}

async function assignmentOf(
  db: Kysely<Database>,
  clinicId: string,
  clientId: string,
): Promise<ClientAssignmentView> {
  const [client] = await assignmentClients(db, clinicId, clientId);
  return present(client!, await careTeamMembers(db, [clientId]));
}

/** `GET /api/care-teams` (admin): every client's location and care team, and who can join one. */
export async function getAssignments(store: Store, ctx: Ctx): Promise<AssignmentsView> {
  return store.db.transaction().execute(async (trx) => {
    const clients = await assignmentClients(trx, ctx.actor.clinicId);
    const members = await careTeamMembers(
      trx,
      clients.map((c) => c.id),
    );
    await recordAudit(
      trx,
      store.dialect,
      ctx,
      clients.map((c) => ({
        action: 'careteam.list',
        clientId: c.id,
        resource: `client/${c.id}/care-team`,
      })),
    );
    return {
      clients: clients.map((c) => present(c, members)),
      therapists: await activeTherapists(trx, ctx.actor.clinicId),
    };
  });
}

async function requireClient(store: Store, ctx: Ctx, clientId: string): Promise<void> {
  // A locked record (consent directive) still has a care team to keep: assignments carry no
  // clinical content, so the admin reaches every client of the clinic here.
  if (!(await findClientInReach(store.db, ctx.actor, clientId))) throw notFound('client');
}

/** `PUT /api/clients/:clientId/location` (admin): a live location of the clinic, or none. */
export async function putClientLocation(
  store: Store,
  ctx: Ctx,
  clientId: string,
  input: unknown,
): Promise<ClientAssignmentView> {
  await requireClient(store, ctx, clientId);
  const { locationId } = parse(clientLocationBody, input, 'body');
  return store.db.transaction().execute(async (trx) => {
    if (locationId !== null) {
      const location = await findLocation(trx, ctx.actor.clinicId, locationId);
      const problem = !location
        ? 'No such location in this clinic.'
        : location.archived_at
          ? 'This location is archived: bring it back first, or choose another.'
          : null;
      if (problem) throw validationError([{ field: 'locationId', message: problem }]);
    }
    await setClientLocation(trx, clientId, locationId);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'client.location', clientId, resource: `client/${clientId}/location` },
    ]);
    return assignmentOf(trx, ctx.actor.clinicId, clientId);
  });
}

/** The user when they are an active therapist of the clinic; 404 outside it, 400 otherwise. */
async function requireTherapist(db: Kysely<Database>, ctx: Ctx, userId: string): Promise<void> {
  const user = await clinicUser(db, ctx.actor.clinicId, userId);
  if (!user) throw notFound('user');
  if (user.role !== 'therapist' || user.disabled_at !== null) {
    throw validationError([
      { field: 'params.userId', message: 'Only an active therapist can be on a care team.' },
    ]);
  }
}

const primaryStays = () =>
  conflict(
    'primary-therapist',
    'A client keeps a primary therapist: make another therapist primary first.',
  );

/**
 * `PUT /api/clients/:clientId/care-team/:userId` (admin): put a therapist on the care team, and
 * with `primary: true` make them the primary therapist. The primary therapist owns the client's
 * alerts, so the open ones move to them with it (acknowledged ones keep their owner: history).
 */
export async function putCareTeamMember(
  store: Store,
  ctx: Ctx,
  clientId: string,
  userId: string,
  input: unknown,
): Promise<ClientAssignmentView> {
  await requireClient(store, ctx, clientId);
  await requireTherapist(store.db, ctx, userId);
  const body = parse(careTeamMemberBody, input, 'body');
  return store.db.transaction().execute(async (trx) => {
    await lockClient(trx, clientId);
    const before = await assignmentOf(trx, ctx.actor.clinicId, clientId);
    const member = before.careTeam.find((m) => m.userId === userId);
    if (member?.primary && body.primary === false) throw primaryStays();
    const events: AuditEntry[] = [];
    if (!member) {
      await addCareTeamMember(trx, clientId, userId, ctx.now.toISOString());
      events.push({
        action: 'careteam.add',
        clientId,
        resource: `client/${clientId}/care-team/${userId}`,
      });
    }
    if (body.primary && !member?.primary) {
      const moved = await makePrimary(trx, clientId, userId);
      events.push({
        action: 'careteam.primary',
        clientId,
        resource: `client/${clientId}/care-team/${userId}`,
      });
      for (const id of moved) {
        events.push({ action: 'alert.reassign', clientId, resource: `alert/${id}` });
      }
    }
    if (events.length > 0) await recordAudit(trx, store.dialect, ctx, events);
    return assignmentOf(trx, ctx.actor.clinicId, clientId);
  });
}

/**
 * `DELETE /api/clients/:clientId/care-team/:userId` (admin): the therapist leaves the care team
 * and, at once, can no longer see the client (every query is scoped by the care team). The
 * primary therapist cannot be removed until another is made primary (409).
 */
export async function removeCareTeamMemberOf(
  store: Store,
  ctx: Ctx,
  clientId: string,
  userId: string,
): Promise<ClientAssignmentView> {
  await requireClient(store, ctx, clientId);
  return store.db.transaction().execute(async (trx) => {
    await lockClient(trx, clientId);
    const before = await assignmentOf(trx, ctx.actor.clinicId, clientId);
    const member = before.careTeam.find((m) => m.userId === userId);
    if (!member) throw notFound('care-team member');
    if (member.primary) throw primaryStays();
    await removeCareTeamMember(trx, clientId, userId, ctx.now.toISOString());
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'careteam.remove', clientId, resource: `client/${clientId}/care-team/${userId}` },
    ]);
    return assignmentOf(trx, ctx.actor.clinicId, clientId);
  });
}
