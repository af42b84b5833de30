import { expect, it } from 'vitest';
import type { ReviewQueue, SnoopingReport } from '../../src/contract/privacy.ts';
import type { UserListItem } from '../../src/contract/security.ts';
import { insertUser } from '../../src/store/accounts.ts';
import { hashPassword } from '../../src/services/passwords.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic, testPassword, type TestClinic } from '../support/factories.ts';
import { expectProblem, signedIn, Session } from '../support/http.ts';

const reason = 'Client phoned the front desk in crisis; their therapist is away today.';

/** A second admin of the clinic, who is not a privacy officer. */
async function secondAdmin(h: Harness, clinic: TestClinic) {
  const email = `second.admin.${clinic.id}@test.example`;
  await insertUser(
    h.store.db,
    {
      clinicId: clinic.id,
      role: 'admin',
      email,
      name: 'Sid Second',
      passwordHash: await hashPassword(testPassword),
      locationId: null,
    },
    h.clock.now(),
  );
  return { email };
}

/** The clinic's admin, made privacy officer through the API (after re-authentication). */
async function officer(h: Harness, clinic: TestClinic): Promise<Session> {
  const s = await signedIn(h.app, clinic.admin);
  const url = `/api/users/${clinic.admin.id}/privacy-officer`;
  expectProblem(await s.post(url, { privacyOfficer: true }), 403, 'reauth-required');
  expect((await s.post('/api/auth/reauth', { password: testPassword })).statusCode).toBe(200);
  const bad = expectProblem(await s.post(url, { privacyOfficer: 'yes' }), 400, 'validation');
  expect(JSON.stringify(bad.errors)).toContain('privacyOfficer');
  const res = await s.post(url, { privacyOfficer: true });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json<UserListItem>()).toMatchObject({ id: clinic.admin.id, privacyOfficer: true });
  return s;
}

/** Who was told that this grant awaits review. */
async function noticesOf(h: Harness, grantId: string): Promise<string[]> {
  const rows = await h.store.db
    .selectFrom('notifications')
    .select('user_id')
    .where('kind', '=', 'privacy-review')
    .where('dedupe_key', 'like', `privacy-review/${grantId}/%`)
    .execute();
  return rows.map((r) => r.user_id);
}

async function breakGlass(h: Harness, clinic: TestClinic, clientId: string) {
  const s = await signedIn(h.app, clinic.therapist);
  await s.post('/api/auth/reauth', { password: testPassword });
  const res = await s.post('/api/break-glass', { clientId, reason });
  expect(res.statusCode, res.body).toBe(201);
  return { s, grantId: res.json<{ id: string }>().id };
}

describeEachEngine('privacy officer: review queue, snooping report', (h) => {
  it('is a flag on admins only, set after re-authentication', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    const s = await officer(h(), clinic);
    const onTherapist = expectProblem(
      await s.post(`/api/users/${clinic.therapist.id}/privacy-officer`, { privacyOfficer: true }),
      400,
    );
    expect(JSON.stringify(onTherapist.errors)).toContain('privacyOfficer');
    const users = (await s.get('/api/users')).json<{ users: UserListItem[] }>().users;
    expect(users.filter((u) => u.privacyOfficer).map((u) => u.id)).toEqual([clinic.admin.id]);
    expect((await s.get('/api/me')).json().user.privacyOfficer).toBe(true);
    // With an officer named, another admin is not one.
    const other = await signedIn(h().app, await secondAdmin(h(), clinic));
    expect((await other.get('/api/me')).json().user.privacyOfficer).toBeUndefined();
    expectProblem(await other.get('/api/privacy/break-glass'), 403, 'privacy-officer-only');
    expectProblem(await other.get('/api/privacy/snooping'), 403, 'privacy-officer-only');
    expectProblem(await other.get('/api/privacy/notifications'), 403, 'privacy-officer-only');
    for (const who of [clinic.therapist, clinic.client]) {
      const t = await signedIn(h().app, who);
      expectProblem(await t.get('/api/privacy/break-glass'), 403);
      expectProblem(await t.get('/api/privacy/snooping'), 403);
    }
  });

  it('notifies each privacy officer once and keeps the grant in the queue until closed', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    const po = await officer(h(), clinic);
    const second = await secondAdmin(h(), clinic);
    const target = clinic.otherClient.clientId;
    const { s, grantId } = await breakGlass(h(), clinic, target);
    await s.get(`/api/clients/${target}`);
    await s.get(`/api/clients/${target}/goals`);

    expect(await noticesOf(h(), grantId)).toEqual([clinic.admin.id]);
    expect((await po.get('/api/privacy/notifications')).json()).toEqual({ unread: 1 });
    // In the one inbox, naming no one: the queue says who and why.
    const inbox = (await po.get('/api/notifications')).json<{
      notifications: { kind: string; title: string; link: string }[];
    }>();
    expect(inbox.notifications).toEqual([
      expect.objectContaining({ kind: 'privacy-review', link: '/privacy/review' }),
    ]);
    expect(inbox.notifications[0]!.title).not.toContain('Omar');
    // One content-free e-mail to the officer, none to the other admin.
    const mail = await h()
      .store.db.selectFrom('outbox')
      .select(['user_id', 'template', 'params'])
      .where('clinic_id', '=', clinic.id)
      .execute();
    expect(mail).toEqual([{ user_id: clinic.admin.id, template: 'privacy-review', params: '{}' }]);

    const queue = (await po.get('/api/privacy/break-glass')).json<ReviewQueue>();
    expect(queue.unread).toBe(1);
    expect(queue.grants).toHaveLength(1);
    expect(queue.grants[0]).toMatchObject({
      id: grantId,
      clientId: target,
      clientName: 'Omar Client',
      therapistId: clinic.therapist.id,
      therapistName: 'Theo Therapist',
      reason,
      active: true,
      accesses: 3,
      review: null,
    });
    expect((await po.post('/api/privacy/notifications/read')).statusCode).toBe(204);
    expect((await po.get('/api/privacy/notifications')).json()).toEqual({ unread: 0 });

    // Expired but not reviewed: still in the queue.
    h().clock.advance(3 * 3_600_000);
    const later = await signedIn(h().app, clinic.admin);
    const open = (await later.get('/api/privacy/break-glass')).json<ReviewQueue>().grants;
    expect(open.map((g) => [g.id, g.active])).toEqual([[grantId, false]]);

    const url = `/api/privacy/break-glass/${grantId}/review`;
    const noNote = expectProblem(await later.post(url, { outcome: 'justified' }), 400);
    expect(JSON.stringify(noNote.errors)).toContain('note');
    expectProblem(await later.post(url, { outcome: 'maybe', note: 'x' }), 400, 'validation');
    const other = await signedIn(h().app, second);
    expectProblem(
      await other.post(url, { outcome: 'justified', note: 'ok' }),
      403,
      'privacy-officer-only',
    );
    const note = 'Spoke with the therapist; client was at imminent risk.';
    const closed = await later.post(url, { outcome: 'justified', note });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      id: grantId,
      review: { outcome: 'justified', note, reviewerName: 'Ada Admin' },
    });
    expectProblem(
      await later.post(url, { outcome: 'not-justified', note }),
      409,
      'already-reviewed',
    );
    expect((await later.get('/api/privacy/break-glass')).json<ReviewQueue>().grants).toEqual([]);
    const all = (await later.get('/api/privacy/break-glass?status=closed')).json<ReviewQueue>();
    expect(all.grants.map((g) => g.review?.outcome)).toEqual(['justified']);
    expectProblem(await later.get('/api/privacy/break-glass?status=sometimes'), 400, 'validation');
    // Another clinic's officer cannot see or close it.
    const elsewhere = await buildClinic(h().store, h().clock.now());
    const foreignAdmin = await signedIn(h().app, elsewhere.admin);
    expectProblem(await foreignAdmin.post(url, { outcome: 'justified', note }), 404);
    expect((await foreignAdmin.get('/api/privacy/break-glass?status=all')).json().grants).toEqual(
      [],
    );
  });

  it('ends a live grant at once when its review finds it not justified', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    const po = await officer(h(), clinic);
    const target = clinic.otherClient.clientId;
    const { s, grantId } = await breakGlass(h(), clinic, target);
    expect((await s.get(`/api/clients/${target}`)).statusCode).toBe(200);

    const note = 'No risk was recorded; the client is not on this therapist’s caseload.';
    const res = await po.post(`/api/privacy/break-glass/${grantId}/review`, {
      outcome: 'not-justified',
      note,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: grantId, active: false });
    expectProblem(await s.get(`/api/clients/${target}`), 404, 'not-found');
    const actions = await h()
      .store.db.selectFrom('audit_events')
      .select('action')
      .where('resource', '=', `break-glass/${grantId}`)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'break-glass.open',
      'break-glass.review.not-justified',
      'break-glass.end',
    ]);
  });

  it('tells every admin while the clinic has named no privacy officer', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    await secondAdmin(h(), clinic);
    const { grantId } = await breakGlass(h(), clinic, clinic.otherClient.clientId);
    expect(await noticesOf(h(), grantId)).toHaveLength(2);
    const admin = await signedIn(h().app, clinic.admin);
    expect((await admin.get('/api/me')).json().user.privacyOfficer).toBe(true);
    expect((await admin.get('/api/privacy/break-glass')).json<ReviewQueue>().grants).toHaveLength(
      1,
    );
  });

  it('reports staff who opened records off their caseload, by date range', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    const po = await officer(h(), clinic);
    const target = clinic.otherClient.clientId;
    const { s } = await breakGlass(h(), clinic, target);
    await s.get(`/api/clients/${target}`);
    await s.get(`/api/clients/${clinic.client.clientId}`);
    const res = await po.get('/api/privacy/snooping');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<SnoopingReport>();
    const today = h().clock.now().toISOString().slice(0, 10);
    expect(report.to).toBe(today);
    const theo = report.staff.find((p) => p.actorId === clinic.therapist.id);
    expect(theo).toMatchObject({ name: 'Theo Therapist', role: 'therapist' });
    // Only the client off the caseload, every event of it under the grant.
    expect(theo!.clients).toEqual([
      expect.objectContaining({
        clientId: target,
        clientName: 'Omar Client',
        events: 2,
        underBreakGlass: 2,
        actions: ['break-glass.open', 'client.read'],
      }),
    ]);
    // Olga is on Omar's care team: not in the report for him.
    const olga = await signedIn(h().app, clinic.otherTherapist);
    await olga.get(`/api/clients/${target}`);
    const again = (await po.get('/api/privacy/snooping')).json<SnoopingReport>();
    expect(again.staff.find((p) => p.actorId === clinic.otherTherapist.id)).toBeUndefined();

    // Membership is judged as it was: Theo joins Omar's team, reads, leaves — that read stays
    // out of the report. (current care team alone would count it once he has left.)
    const team = `/api/clients/${target}/care-team/${clinic.therapist.id}`;
    h().clock.advance(60_000);
    expect((await po.put(team, {})).statusCode).toBe(200);
    h().clock.advance(60_000);
    await s.get(`/api/clients/${target}/goals`);
    h().clock.advance(60_000);
    expect((await po.request('DELETE', team)).statusCode).toBe(200);
    const afterLeaving = (await po.get('/api/privacy/snooping')).json<SnoopingReport>();
    expect(afterLeaving.staff.find((p) => p.actorId === clinic.therapist.id)!.clients).toEqual([
      expect.objectContaining({ clientId: target, events: 2 }),
    ]);

    const empty = (await po.get('/api/privacy/snooping?from=2001-01-01&to=2001-01-31')).json();
    expect(empty).toEqual({ from: '2001-01-01', to: '2001-01-31', staff: [] });
    const reversed = expectProblem(
      await po.get('/api/privacy/snooping?from=2001-02-01&to=2001-01-01'),
      400,
    );
    expect(JSON.stringify(reversed.errors)).toContain('from');
    expectProblem(await po.get('/api/privacy/snooping?from=2001-01-01&to=2001-12-31'), 400);
    expectProblem(await po.get('/api/privacy/snooping?to=soon'), 400, 'validation');
  });
});

describeEachEngine('changing my e-mail', (h) => {
  it('needs re-authentication, a valid and unused address, and is audited', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    const s = await signedIn(h().app, clinic.therapist);
    const fresh = `theo.new.${clinic.id}@test.example`;
    expectProblem(await s.post('/api/auth/email', { email: fresh }), 403, 'reauth-required');
    expect((await s.post('/api/auth/reauth', { password: testPassword })).statusCode).toBe(200);
    const bad = expectProblem(await s.post('/api/auth/email', { email: 'theo' }), 400);
    expect(JSON.stringify(bad.errors)).toContain('email');
    expectProblem(
      await s.post('/api/auth/email', { email: clinic.admin.email }),
      409,
      'email-taken',
    );
    const ok = await s.post('/api/auth/email', { email: fresh.toUpperCase() });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ email: fresh });
    expect((await new Session(h().app).login({ email: fresh })).statusCode).toBe(200);
    expect((await new Session(h().app).login(clinic.therapist)).statusCode).toBe(401);
    const events = await h()
      .store.db.selectFrom('audit_events')
      .select('action')
      .where('actor_id', '=', clinic.therapist.id)
      .where('action', '=', 'auth.email-changed')
      .execute();
    expect(events).toHaveLength(1);
  });
});
