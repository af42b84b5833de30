import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type {
  AssignmentsView,
  ClientAssignmentView,
  LocationView,
} from '../../src/contract/care-teams.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic, type TestClinic } from '../support/factories.ts';
import { expectProblem, Session, signedIn } from '../support/http.ts';

const auditOf = (h: Harness, actorId: string, prefix: string) =>
  h.store.db
    .selectFrom('audit_events')
    .select(['action', 'client_id', 'resource'])
    .where('actor_id', '=', actorId)
    .where('action', 'like', `${prefix}%`)
    .orderBy('seq')
    .execute();

describeEachEngine('locations (admin)', (h) => {
  it('creates, lists, renames, archives and brings back a location, audited', async () => {
    const clinic = await buildClinic(h().store);
    const admin = await signedIn(h().app, clinic.admin);
    // buildClinic's client is at Barrie already.
    const made = await admin.post('/api/locations', { name: '  Orillia ' });
    expect(made.statusCode, made.body).toBe(201);
    const orillia = made.json<LocationView>();
    expect(orillia).toEqual({
      id: expect.any(String),
      name: 'Orillia',
      archived: false,
      archivedAt: null,
      clients: 0,
      staff: 0,
    });
    expectProblem(await admin.post('/api/locations', { name: 'orillia' }), 409, 'location-exists');

    const renamed = await admin.patch(`/api/locations/${orillia.id}`, { name: 'Orillia North' });
    expect(renamed.json<LocationView>().name).toBe('Orillia North');
    const archived = await admin.patch(`/api/locations/${orillia.id}`, { archived: true });
    expect(archived.json<LocationView>()).toMatchObject({
      archived: true,
      archivedAt: h().clock.now().toISOString(),
    });
    const live = (await admin.get('/api/locations')).json<{ locations: LocationView[] }>();
    expect(live.locations.map((l) => l.name)).not.toContain('Orillia North');
    const all = (await admin.get('/api/locations?archived=include')).json<{
      locations: LocationView[];
    }>();
    expect(all.locations.find((l) => l.id === orillia.id)).toMatchObject({ archived: true });
    const back = await admin.patch(`/api/locations/${orillia.id}`, { archived: false });
    expect(back.json<LocationView>()).toMatchObject({ archived: false, archivedAt: null });

    expect(await auditOf(h(), clinic.admin.id, 'location.')).toEqual([
      { action: 'location.create', client_id: null, resource: `location/${orillia.id}` },
      ...[1, 2, 3].map(() => ({
        action: 'location.update',
        client_id: null,
        resource: `location/${orillia.id}`,
      })),
    ]);
  });

  it('refuses bad input naming the field, other roles, and other clinics; nothing stored', async () => {
    const clinic = await buildClinic(h().store);
    const admin = await signedIn(h().app, clinic.admin);
    const one = (await admin.post('/api/locations', { name: 'Whitby' })).json<LocationView>();
    // The same name exactly, outside A–Z too, is a conflict on both engines (not a 500).
    expect((await admin.post('/api/locations', { name: 'Île-Perrot' })).statusCode).toBe(201);
    expectProblem(await admin.post('/api/locations', { name: 'Île-Perrot' }), 409);
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/locations', { name: '' }, 'name'],
      ['POST', '/api/locations', { name: 'x'.repeat(101) }, 'name'],
      ['POST', '/api/locations', {}, 'name'],
      ['POST', '/api/locations', { name: 'Oshawa', city: 'Oshawa' }, 'body'],
      ['PATCH', `/api/locations/${one.id}`, {}, 'body'],
      ['PATCH', `/api/locations/${one.id}`, { archived: 'yes' }, 'archived'],
      ['PATCH', `/api/locations/${one.id}`, { name: '   ' }, 'name'],
      ['PATCH', '/api/locations/nope', { name: 'A' }, 'params.locationId'],
      ['GET', '/api/locations?archived=all', undefined, 'query.archived'],
    ];
    for (const [method, url, body, field] of cases) {
      const p = expectProblem(await admin.request(method as 'POST', url, body), 400, 'validation');
      expect(p.field, `${method} ${url} ${JSON.stringify(body)}`).toBe(field);
    }
    for (const user of [clinic.therapist, clinic.client]) {
      const s = await signedIn(h().app, user);
      expectProblem(await s.post('/api/locations', { name: 'Oshawa' }), 403, 'forbidden');
      expectProblem(await s.get('/api/locations'), 403, 'forbidden');
    }
    const other = await buildClinic(h().store);
    const otherAdmin = await signedIn(h().app, other.admin);
    expectProblem(await otherAdmin.patch(`/api/locations/${one.id}`, { name: 'Mine' }), 404);
    const rows = await h()
      .store.db.selectFrom('locations')
      .select('name')
      .where('clinic_id', '=', clinic.id)
      .execute();
    expect(rows.map((r) => r.name).sort()).toEqual(['Barrie', 'Whitby', 'Île-Perrot']);
  });
});

async function riskAlert(h: Harness, clinic: TestClinic): Promise<string> {
  const client = await signedIn(h.app, clinic.client);
  const res = await client.post(`/api/clients/${clinic.client.clientId}/questionnaires`, {
    instrument: 'phq9',
    answers: [1, 1, 1, 1, 1, 1, 1, 1, 2],
  });
  expect(res.statusCode, res.body).toBe(201);
  const row = await h.store.db
    .selectFrom('alerts')
    .select('id')
    .where('client_id', '=', clinic.client.clientId)
    .where('acknowledged_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  return row.id;
}

describeEachEngine('care teams and client locations (admin)', (h) => {
  it('assigns a client to a location; an archived or unknown one is refused', async () => {
    const clinic = await buildClinic(h().store);
    const admin = await signedIn(h().app, clinic.admin);
    const clientId = clinic.client.clientId;
    const whitby = (await admin.post('/api/locations', { name: 'Whitby' })).json<LocationView>();
    const put = await admin.put(`/api/clients/${clientId}/location`, { locationId: whitby.id });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<ClientAssignmentView>().location).toEqual({ id: whitby.id, name: 'Whitby' });
    const listed = (await admin.get('/api/locations')).json<{ locations: LocationView[] }>();
    expect(listed.locations.find((l) => l.id === whitby.id)?.clients).toBe(1);

    const gone = (await admin.post('/api/locations', { name: 'Oshawa' })).json<LocationView>();
    await admin.patch(`/api/locations/${gone.id}`, { archived: true });
    // Inviting someone to a location goes by its name in any case; an archived one is refused.
    const invite = (location: string, email: string) =>
      admin.post('/api/users', { role: 'therapist', email, name: 'Nia Nowak', location });
    const refused = expectProblem(await invite('oshawa', 'nia@clinic.example'), 400, 'validation');
    expect(refused.field).toBe('location');
    expect((await invite('WHITBY', 'nia@clinic.example')).statusCode).toBe(201);
    const counted = (await admin.get('/api/locations')).json<{ locations: LocationView[] }>();
    expect(counted.locations.find((l) => l.id === whitby.id)).toMatchObject({ staff: 1 });
    expect(counted.locations.map((l) => l.name)).not.toContain('WHITBY');

    const elsewhere = await buildClinic(h().store);
    const theirs = (
      await (await signedIn(h().app, elsewhere.admin)).post('/api/locations', { name: 'Ajax' })
    ).json<LocationView>();
    for (const locationId of [gone.id, randomUUID(), theirs.id, 'x']) {
      const p = expectProblem(
        await admin.put(`/api/clients/${clientId}/location`, { locationId }),
        400,
        'validation',
      );
      expect(p.field).toBe('locationId');
    }
    expectProblem(await admin.put(`/api/clients/${clientId}/location`, {}), 400);
    const row = await h()
      .store.db.selectFrom('clients')
      .select('location_id')
      .where('id', '=', clientId)
      .executeTakeFirstOrThrow();
    expect(row.location_id).toBe(whitby.id);

    const cleared = await admin.put(`/api/clients/${clientId}/location`, { locationId: null });
    expect(cleared.json<ClientAssignmentView>().location).toBeNull();
    expectProblem(
      await admin.put(`/api/clients/${elsewhere.client.clientId}/location`, { locationId: null }),
      404,
    );
  });

  it('adds a therapist, who then sees the client; removing them takes it away at once', async () => {
    const clinic = await buildClinic(h().store);
    const admin = await signedIn(h().app, clinic.admin);
    const clientId = clinic.client.clientId;
    const other = await signedIn(h().app, clinic.otherTherapist);
    const url = `/api/clients/${clientId}/care-team/${clinic.otherTherapist.id}`;
    expectProblem(await other.get(`/api/clients/${clientId}`), 404);

    const added = await admin.put(url, {});
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json<ClientAssignmentView>().careTeam).toEqual([
      expect.objectContaining({ userId: clinic.therapist.id, primary: true }),
      expect.objectContaining({ userId: clinic.otherTherapist.id, primary: false }),
    ]);
    expect((await admin.put(url, {})).json<ClientAssignmentView>().careTeam).toHaveLength(2);
    expect((await other.get(`/api/clients/${clientId}`)).statusCode).toBe(200);
    expect((await other.get(`/api/clients/${clientId}/goals`)).statusCode).toBe(200);

    const removed = await admin.request('DELETE', url);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json<ClientAssignmentView>().careTeam.map((m) => m.userId)).toEqual([
      clinic.therapist.id,
    ]);
    expectProblem(await other.get(`/api/clients/${clientId}`), 404);
    expectProblem(await other.get(`/api/clients/${clientId}/goals`), 404);
    expectProblem(await admin.request('DELETE', url), 404);

    expect(await auditOf(h(), clinic.admin.id, 'careteam.')).toEqual([
      {
        action: 'careteam.add',
        client_id: clientId,
        resource: `client/${clientId}/care-team/${clinic.otherTherapist.id}`,
      },
      {
        action: 'careteam.remove',
        client_id: clientId,
        resource: `client/${clientId}/care-team/${clinic.otherTherapist.id}`,
      },
    ]);
  });

  it('a new primary therapist takes the open alerts; acknowledged ones keep their owner', async () => {
    const clinic = await buildClinic(h().store);
    const admin = await signedIn(h().app, clinic.admin);
    const therapist = await signedIn(h().app, clinic.therapist);
    const clientId = clinic.client.clientId;
    const done = await riskAlert(h(), clinic);
    const ack = await therapist.post(`/api/alerts/${done}/acknowledge`, { note: 'Called her' });
    expect(ack.statusCode, ack.body).toBe(200);
    const open = await riskAlert(h(), clinic);

    const url = `/api/clients/${clientId}/care-team/${clinic.otherTherapist.id}`;
    const res = await admin.put(url, { primary: true });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<ClientAssignmentView>();
    expect(view.primaryTherapistId).toBe(clinic.otherTherapist.id);
    expect(view.careTeam.map((m) => [m.userId, m.primary])).toEqual([
      [clinic.otherTherapist.id, true],
      [clinic.therapist.id, false],
    ]);
    const owners = await h()
      .store.db.selectFrom('alerts')
      .select(['id', 'owner_id'])
      .where('client_id', '=', clientId)
      .execute();
    expect(Object.fromEntries(owners.map((a) => [a.id, a.owner_id]))).toEqual({
      [done]: clinic.therapist.id,
      [open]: clinic.otherTherapist.id,
    });
    const other = await signedIn(h().app, clinic.otherTherapist);
    const inbox = (await other.get('/api/alerts')).json<{
      alerts: { id: string; ownerId: string }[];
    }>();
    expect(inbox.alerts).toEqual([
      expect.objectContaining({ id: open, ownerId: clinic.otherTherapist.id }),
    ]);
    expect(await auditOf(h(), clinic.admin.id, 'alert.reassign')).toEqual([
      { action: 'alert.reassign', client_id: clientId, resource: `alert/${open}` },
    ]);
    // The summary shows the new primary therapist.
    const summary = (await admin.get(`/api/clients/${clientId}`)).json<{
      primaryTherapist: { id: string };
    }>();
    expect(summary.primaryTherapist.id).toBe(clinic.otherTherapist.id);

    // The primary therapist stays until another is made primary.
    expectProblem(await admin.put(url, { primary: false }), 409, 'primary-therapist');
    expectProblem(await admin.request('DELETE', url), 409, 'primary-therapist');
    // The former primary can now leave, and no longer sees the client or their alerts.
    const leave = `/api/clients/${clientId}/care-team/${clinic.therapist.id}`;
    expect((await admin.request('DELETE', leave)).statusCode).toBe(200);
    expectProblem(await therapist.get(`/api/clients/${clientId}`), 404);
    const theirs = (await therapist.get('/api/alerts?status=all')).json<{
      alerts: { clientId: string }[];
    }>();
    expect(theirs.alerts.filter((a) => a.clientId === clientId)).toEqual([]);
  });

  it('concurrent changes of one care team leave exactly one primary, who is on it', async () => {
    const clinic = await buildClinic(h().store);
    const admin = await signedIn(h().app, clinic.admin);
    const other = await signedIn(h().app, clinic.admin);
    const clientId = clinic.client.clientId;
    const team = `/api/clients/${clientId}/care-team`;
    const a = clinic.therapist.id;
    const b = clinic.otherTherapist.id;
    for (let round = 0; round < 4; round++) {
      // Whoever is not primary is removed by one admin while the other makes them primary.
      const [primary, second] = round % 2 === 0 ? [a, b] : [b, a];
      await admin.put(`${team}/${second}`, {});
      const answers = await Promise.all([
        admin.request('DELETE', `${team}/${second}`),
        other.put(`${team}/${second}`, { primary: true }),
      ]);
      for (const res of answers) expect([200, 409], res.body).toContain(res.statusCode);
      const client = await h()
        .store.db.selectFrom('clients')
        .select('primary_therapist_id')
        .where('id', '=', clientId)
        .executeTakeFirstOrThrow();
      const members = await h()
        .store.db.selectFrom('care_team')
        .select(['user_id', 'is_primary'])
        .where('client_id', '=', clientId)
        .execute();
      const primaries = members.filter((m) => m.is_primary === 1).map((m) => m.user_id);
      expect(primaries).toEqual([client.primary_therapist_id]);
      // Put things back so the next round starts from a known team.
      if (client.primary_therapist_id !== primary)
        await admin.put(`${team}/${primary}`, { primary: true });
    }
  });

  it('a record locked by a consent directive keeps its care team managed', async () => {
    const clinic = await buildClinic(h().store);
    const clientId = clinic.client.clientId;
    const client = await signedIn(h().app, clinic.client);
    const lock = await client.post(`/api/clients/${clientId}/consent-directives`, {
      scope: 'record',
    });
    expect(lock.statusCode, lock.body).toBe(201);
    const admin = await signedIn(h().app, clinic.admin);
    expectProblem(await admin.get(`/api/clients/${clientId}`), 404);
    const res = await admin.put(`/api/clients/${clientId}/care-team/${clinic.otherTherapist.id}`, {
      primary: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ClientAssignmentView>().primaryTherapistId).toBe(clinic.otherTherapist.id);
    // The new therapist is on the team, and the lock still keeps the record from them.
    const other = await signedIn(h().app, clinic.otherTherapist);
    expectProblem(await other.get(`/api/clients/${clientId}`), 404);
  });

  it('lists every client with location and care team, and the therapists to choose from', async () => {
    const clinic = await buildClinic(h().store);
    const admin = await signedIn(h().app, clinic.admin);
    const res = await admin.get('/api/care-teams');
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<AssignmentsView>();
    expect(view.clients.map((c) => c.clientId).sort()).toEqual(
      [clinic.client.clientId, clinic.otherClient.clientId].sort(),
    );
    expect(view.clients.find((c) => c.clientId === clinic.client.clientId)).toMatchObject({
      primaryTherapistId: clinic.therapist.id,
      careTeam: [{ userId: clinic.therapist.id, primary: true }],
    });
    expect(view.therapists.map((t) => t.id).sort()).toEqual(
      [clinic.therapist.id, clinic.otherTherapist.id].sort(),
    );
  });

  it('refuses non-therapists, other clinics and other roles; nothing changes', async () => {
    const clinic = await buildClinic(h().store);
    const admin = await signedIn(h().app, clinic.admin);
    const clientId = clinic.client.clientId;
    const team = `/api/clients/${clientId}/care-team`;
    for (const userId of [clinic.admin.id, clinic.client.id]) {
      const p = expectProblem(await admin.put(`${team}/${userId}`, {}), 400, 'validation');
      expect(p.field).toBe('params.userId');
    }
    const elsewhere = await buildClinic(h().store);
    expectProblem(await admin.put(`${team}/${elsewhere.therapist.id}`, {}), 404);
    expectProblem(await admin.put(`${team}/${randomUUID()}`, {}), 404);
    expectProblem(
      await admin.put(
        `/api/clients/${elsewhere.client.clientId}/care-team/${clinic.therapist.id}`,
        {},
      ),
      404,
    );
    const p = expectProblem(
      await admin.put(`${team}/${clinic.otherTherapist.id}`, { primary: 'yes' }),
      400,
    );
    expect(p.field).toBe('primary');
    await admin.post(`/api/users/${clinic.otherTherapist.id}/disabled`, { disabled: true });
    expectProblem(await admin.put(`${team}/${clinic.otherTherapist.id}`, {}), 400);
    for (const user of [clinic.therapist, clinic.client]) {
      const s = await signedIn(h().app, user);
      expectProblem(await s.put(`${team}/${clinic.therapist.id}`, { primary: true }), 403);
      expectProblem(await s.get('/api/care-teams'), 403);
    }
    expectProblem(await new Session(h().app).get('/api/care-teams'), 401);
    const members = await h()
      .store.db.selectFrom('care_team')
      .select(['user_id', 'is_primary'])
      .where('client_id', '=', clientId)
      .execute();
    expect(members).toEqual([{ user_id: clinic.therapist.id, is_primary: 1 }]);
  });
});
