import { randomUUID } from 'node:crypto';
import {
  createLocationBody,
  locationQuery,
  patchLocationBody,
  type LocationView,
} from '../contract/care-teams.ts';
import { conflict, notFound } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import {
  findLocation,
  findLocationNamed,
  insertLocation,
  listLocations,
  updateLocation,
  type LocationListRow,
} from '../store/locations.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';

function present(r: LocationListRow): LocationView {
  return {
    id: r.id,
    name: r.name,
    archived: r.archived_at !== null,
    archivedAt: r.archived_at,
    clients: Number(r.clients ?? 0),
    staff: Number(r.staff ?? 0),
  };
}

const nameTaken = () =>
  conflict('location-exists', 'The clinic already has a location by this name.');

async function view(store: Store, ctx: Ctx, id: string): Promise<LocationView> {
  const rows = await listLocations(store.db, ctx.actor.clinicId, true);
  return present(rows.find((r) => r.id === id)!);
}

/** `GET /api/locations[?archived=include]` (admin): the clinic's locations, live ones only by default. */
export async function getLocations(
  store: Store,
  ctx: Ctx,
  query: unknown,
): Promise<{ locations: LocationView[] }> {
  const q = parse(locationQuery, query, 'query');
  const rows = await listLocations(store.db, ctx.actor.clinicId, q.archived === 'include');
  return { locations: rows.map(present) };
}

/** `POST /api/locations` (admin): a new location; a name the clinic already has → 409. */
export async function createLocation(
  store: Store,
  ctx: Ctx,
  input: unknown,
): Promise<LocationView> {
  const body = parse(createLocationBody, input, 'body');
  const id = randomUUID();
  await store.db.transaction().execute(async (trx) => {
    if (await findLocationNamed(trx, ctx.actor.clinicId, body.name)) throw nameTaken();
    await insertLocation(trx, {
      id,
      clinic_id: ctx.actor.clinicId,
      name: body.name,
      created_at: ctx.now.toISOString(),
      archived_at: null,
    });
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'location.create', clientId: null, resource: `location/${id}` },
    ]);
  });
  return view(store, ctx, id);
}

/**
 * `PATCH /api/locations/:locationId` (admin): rename, archive or bring back. An archived location
 * keeps the clients and staff who name it (their records stay true) but takes no new client.
 */
export async function patchLocation(
  store: Store,
  ctx: Ctx,
  locationId: string,
  input: unknown,
): Promise<LocationView> {
  const current = await findLocation(store.db, ctx.actor.clinicId, locationId);
  if (!current) throw notFound('location');
  const body = parse(patchLocationBody, input, 'body');
  await store.db.transaction().execute(async (trx) => {
    const name = body.name ?? current.name;
    const same = await findLocationNamed(trx, ctx.actor.clinicId, name);
    if (same && same.id !== locationId) throw nameTaken();
    const archivedAt =
      body.archived === undefined
        ? current.archived_at
        : body.archived
          ? (current.archived_at ?? ctx.now.toISOString())
          : null;
    await updateLocation(trx, locationId, { name, archived_at: archivedAt });
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'location.update', clientId: null, resource: `location/${locationId}` },
    ]);
  });
  return view(store, ctx, locationId);
}
