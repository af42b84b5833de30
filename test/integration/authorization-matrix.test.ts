import { expect, it } from 'vitest';
import { roleMay } from '../../src/server/policy.ts';
import type { Role } from '../../src/store/schema.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic, testPassword, type TestClinic } from '../support/factories.ts';
import { Session, signedIn } from '../support/http.ts';

/**
 * Ids of records that belong to someone else, by path parameter. A new route whose parameter is
 * missing here fails the matrix, so nobody can add a route without deciding who may reach it.
 */
async function foreignRecords(h: Harness, clinic: TestClinic): Promise<Record<string, string>> {
  const therapist = await signedIn(h.app, clinic.therapist);
  const admin = await signedIn(h.app, clinic.admin);
  const goal = (
    await therapist.post(`/api/clients/${clinic.client.clientId}/goals`, {
      title: 'Walk 20 minutes 3 times a week',
      measure: { name: 'Minutes walked', kind: 'minutes', better: 'higher' },
    })
  ).json<{ id: string; measureId: string }>();
  const step = (
    await therapist.post(`/api/goals/${goal.id}/steps`, { title: 'Find a route' })
  ).json<{ id: string }>();
  const practice = (
    await therapist.post(`/api/goals/${goal.id}/practices`, {
      title: 'Walk',
      schedule: { kind: 'daily' },
    })
  ).json<{ id: string }>();
  const plan = (
    await therapist.post(`/api/goals/${goal.id}/plans`, {
      obstacle: 'Rain',
      ifText: 'it rains',
      thenText: 'I walk in the mall',
    })
  ).json<{ id: string }>();
  const template = (await admin.get('/api/templates')).json<{ templates: { id: string }[] }>()
    .templates[0]!;
  return {
    clientId: clinic.client.clientId,
    goalId: goal.id,
    measureId: goal.measureId,
    stepId: step.id,
    practiceId: practice.id,
    planId: plan.id,
    draftId: (await therapist.post(`/api/clients/${clinic.client.clientId}/goal-drafts`, {})).json<{
      id: string;
    }>().id,
    templateId: template.id,
    sessionId: (
      await therapist.post(`/api/clients/${clinic.client.clientId}/sessions`, {
        date: '2026-01-05',
      })
    ).json<{ id: string }>().id,
    entryId: (
      await (
        await signedIn(h.app, clinic.client)
      ).post(`/api/clients/${clinic.client.clientId}/journal`, {
        body: 'A private entry',
        visibility: 'private',
      })
    ).json<{ id: string }>().id,
    alertId: await foreignAlert(therapist, clinic),
    correctionId: (
      await (
        await signedIn(h.app, clinic.client)
      ).post(`/api/clients/${clinic.client.clientId}/corrections`, {
        resource: 'goal',
        resourceId: goal.id,
        field: 'title',
        requested: 'It should say 30 minutes',
      })
    ).json<{ id: string }>().id,
    ...(await foreignNudge(h, therapist, goal.id)),
    directiveId: (
      await (
        await signedIn(h.app, clinic.client)
      ).post(`/api/clients/${clinic.client.clientId}/consent-directives`, {
        scope: 'goal',
        resourceId: goal.id,
      })
    ).json<{ id: string }>().id,
    userId: clinic.therapist.id,
    locationId: (await admin.post('/api/locations', { name: 'Orillia' })).json<{ id: string }>().id,
    grantId: await foreignGrant(therapist, clinic),
    // Another person's session: its handle is not among the caller's own.
    sessionHandle: '0123456789abcdef',
    // Not a record: a valid value, so the record parameter beside it decides the answer.
    date: '2026-01-05',
    instrument: 'phq9',
  };
}

/** A nudge with e-mail: the client's notification and the outbox message it queued. */
async function foreignNudge(h: Harness, therapist: Session, goalId: string) {
  const res = await therapist.post(`/api/goals/${goalId}/nudges`, { message: 'Hi', email: true });
  expect(res.statusCode, res.body).toBe(201);
  const { notificationId } = res.json<{ notificationId: string }>();
  const message = await h.store.db
    .selectFrom('outbox')
    .innerJoin('notifications', 'notifications.user_id', 'outbox.user_id')
    .select('outbox.id')
    .where('notifications.id', '=', notificationId)
    .executeTakeFirstOrThrow();
  return { notificationId, messageId: message.id };
}

/** A risk alert of the clinic's client: raised by a PHQ-9 with item 9 > 0. */
async function foreignAlert(therapist: Session, clinic: TestClinic): Promise<string> {
  const res = await therapist.post(`/api/clients/${clinic.client.clientId}/questionnaires`, {
    instrument: 'phq9',
    answers: [1, 1, 1, 1, 1, 1, 1, 1, 1],
  });
  expect(res.statusCode, res.body).toBe(201);
  const { alerts } = (await therapist.get('/api/alerts')).json<{ alerts: { id: string }[] }>();
  return alerts[0]!.id;
}

/** A break-the-glass grant of the clinic: its therapist opens the other therapist's client. */
async function foreignGrant(therapist: Session, clinic: TestClinic): Promise<string> {
  await therapist.post('/api/auth/reauth', { password: testPassword });
  const res = await therapist.post('/api/break-glass', {
    clientId: clinic.otherClient.clientId,
    reason: 'Client in crisis at the front desk; their therapist is away.',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

function fill(url: string, ids: Record<string, string>): string {
  return url.replace(/:(\w+)/g, (_, name: string) => {
    const id = ids[name];
    if (!id)
      throw new Error(`authorization matrix: no foreign-record fixture for :${name} (${url})`);
    return id;
  });
}

const roles: Role[] = ['admin', 'therapist', 'client'];

describeEachEngine('authorization matrix', (h) => {
  it('has a policy decision for every /api route', () => {
    const routes = h().app.routeTable;
    expect(routes.length).toBeGreaterThan(4);
    for (const r of routes) expect(r.action, `${r.method} ${r.url}`).toBeDefined();
  });

  it('answers 401 to anonymous, 403 to a role that may never act, 404 for records out of scope', async () => {
    const home = await buildClinic(h().store);
    const foreign = await buildClinic(h().store);
    const ids = await foreignRecords(h(), foreign);
    const sessions = Object.fromEntries(
      await Promise.all(
        roles.map(async (role) => [
          role,
          await signedIn(
            h().app,
            home[role === 'admin' ? 'admin' : role === 'therapist' ? 'therapist' : 'client'],
          ),
        ]),
      ),
    ) as Record<Role, Session>;
    const anonymous = new Session(h().app);
    const checked: string[] = [];

    // Logout ends the session the rest of the walk needs, so it goes last.
    const ordered = [...h().app.routeTable].sort(
      (a, b) => Number(a.action === 'session.end') - Number(b.action === 'session.end'),
    );
    for (const route of ordered) {
      if (route.action === 'public') continue;
      const url = fill(route.url, ids);
      const method = route.method as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
      const body = method === 'GET' ? undefined : {};
      const anon = await anonymous.request(method, url, body);
      expect(anon.statusCode, `anonymous ${route.method} ${route.url}`).toBe(401);

      for (const role of roles) {
        const res = await sessions[role].request(
          method,
          url,
          body,
          route.url.includes(':') ? { 'if-match': '"1"' } : {},
        );
        const label = `${role} ${route.method} ${route.url}`;
        if (!roleMay(role, route.action)) {
          expect(res.statusCode, label).toBe(403);
        } else if (route.url.includes(':')) {
          // Every parameter points into another clinic: it must not exist for this actor.
          expect(res.statusCode, `${label}: ${res.body}`).toBe(404);
        } else {
          expect(res.statusCode, `${label}: ${res.body}`).toBeLessThan(500);
        }
        checked.push(label);
      }
    }
    expect(checked.length).toBe(
      h().app.routeTable.filter((r) => r.action !== 'public').length * roles.length,
    );
  });

  /**
   * The `locked` dimension: a record (or an entry) withheld by a consent directive answers its
   * staff exactly like someone else's record — 404 on every route that names it. Two reasoned
   * exceptions: the directives themselves, which an admin keeps managing, and a risk alert, which
   * still reaches the care team (docs/SECURITY.md, "Consent directives").
   */
  it('answers a locked record, and a locked goal, to the staff it binds like a foreign one', async () => {
    const clinic = await buildClinic(h().store);
    const ids = await foreignRecords(h(), clinic);
    const client = await signedIn(h().app, clinic.client);
    const recordParams = ['clientId', 'goalId', 'stepId', 'practiceId', 'entryId', 'sessionId'];
    const goalParams = ['goalId', 'stepId', 'practiceId'];
    const staff = [
      [clinic.therapist, await signedIn(h().app, clinic.therapist)],
      [clinic.admin, await signedIn(h().app, clinic.admin)],
    ] as const;
    const walk = async (params: string[], kind: string) => {
      let checked = 0;
      for (const [user, s] of staff) {
        for (const route of h().app.routeTable) {
          const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
          if (route.action === 'public' || !roleMay(user.role, route.action)) continue;
          if (!names.some((n) => params.includes(n))) continue;
          // Directives and care-team assignments carry no clinical content and are managed on
          // a locked record too (care-teams.test.ts covers the latter).
          if (route.action.startsWith('consent.') || route.action.startsWith('careteam.')) continue;
          const method = route.method as 'GET' | 'POST' | 'PATCH' | 'PUT';
          const res = await s.request(
            method,
            fill(route.url, ids),
            method === 'GET' ? undefined : {},
            { 'if-match': '"1"' },
          );
          expect(res.statusCode, `${kind}: ${user.role} ${route.method} ${route.url}`).toBe(404);
          checked++;
        }
      }
      return checked;
    };

    // The goal alone, from every staff member: its routes and those under it answer 404.
    const goalLock = await client.post(
      `/api/clients/${clinic.client.clientId}/consent-directives`,
      { scope: 'goal', resourceId: ids.goalId },
    );
    expect([201, 409]).toContain(goalLock.statusCode);
    expect(await walk(goalParams, 'locked goal')).toBeGreaterThan(10);

    // The whole record: every route naming the client or anything in the record answers 404…
    const lock = await client.post(`/api/clients/${clinic.client.clientId}/consent-directives`, {
      scope: 'record',
    });
    expect(lock.statusCode, lock.body).toBe(201);
    expect(await walk(recordParams, 'locked record')).toBeGreaterThan(40);

    // …except the two reasoned ones: the admin still manages the directives, and the risk
    // alert still reaches the therapist (and can be acknowledged), its content withheld.
    const [, therapist] = staff[0];
    const [, admin] = staff[1];
    const directives = await admin.get(`/api/clients/${clinic.client.clientId}/consent-directives`);
    expect(directives.statusCode).toBe(200);
    const { alerts } = (await therapist.get('/api/alerts')).json<{
      alerts: { id: string; withheld?: boolean }[];
    }>();
    expect(alerts.map((a) => [a.id, a.withheld])).toEqual([[ids.alertId, true]]);
    const ack = await therapist.post(`/api/alerts/${ids.alertId}/acknowledge`, {
      note: 'Called the client; safe plan in place.',
    });
    expect(ack.statusCode, ack.body).toBe(200);
  });

  it('keeps a therapist and a client of the same clinic out of other clients', async () => {
    const clinic = await buildClinic(h().store);
    // Values that are not records (e.g. :instrument) stay valid, so the client decides the answer.
    const ids = { clientId: clinic.otherClient.clientId, instrument: 'phq9' };
    for (const user of [clinic.therapist, clinic.client]) {
      const s = await signedIn(h().app, user);
      for (const route of h().app.routeTable.filter((r) => r.url.includes(':clientId'))) {
        if (route.action === 'public' || !roleMay(user.role, route.action)) continue;
        const method = route.method as 'GET' | 'POST';
        const res = await s.request(
          method,
          fill(route.url, ids),
          method === 'GET' ? undefined : {},
        );
        expect(res.statusCode, `${user.role} ${route.method} ${route.url}`).toBe(404);
      }
    }
  });
});
