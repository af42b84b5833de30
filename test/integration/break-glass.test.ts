import { expect, it } from 'vitest';
import type { BreakGlassCandidate, BreakGlassGrant } from '../../src/contract/privacy.ts';
import type { EnrolmentView } from '../../src/contract/security.ts';
import { base32Decode, hotp, timeStep } from '../../src/services/totp.ts';
import { insertClient, insertUser } from '../../src/store/accounts.ts';
import { activeBreakGlass } from '../../src/store/break-glass.ts';
import { hashPassword } from '../../src/services/passwords.ts';
import { minutes } from '../support/clock.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic, testPassword, type TestClinic } from '../support/factories.ts';
import { Session, expectProblem, signedIn } from '../support/http.ts';

const reason = 'Client phoned the front desk in crisis; their therapist is away today.';

/** A third client of the clinic, on `otherTherapist`'s caseload only. */
async function thirdClient(h: Harness, clinic: TestClinic): Promise<string> {
  const now = h.clock.now();
  return h.store.db.transaction().execute(async (trx) => {
    const userId = await insertUser(
      trx,
      {
        clinicId: clinic.id,
        role: 'client',
        email: `third.${clinic.id}@test.example`,
        name: 'Tess Third',
        passwordHash: await hashPassword(testPassword),
        locationId: null,
      },
      now,
    );
    return insertClient(
      trx,
      {
        clinicId: clinic.id,
        userId,
        timeZone: 'America/Toronto',
        locationId: null,
        therapistId: clinic.otherTherapist.id,
      },
      now,
    );
  });
}

const grantsOf = (h: Harness, userId: string) =>
  h.store.db.selectFrom('break_glass_grants').selectAll().where('user_id', '=', userId).execute();

async function reauthed(h: Harness, clinic: TestClinic): Promise<Session> {
  const s = await signedIn(h.app, clinic.therapist);
  expect((await s.post('/api/auth/reauth', { password: testPassword })).statusCode).toBe(200);
  return s;
}

describeEachEngine('break-the-glass', (h) => {
  it('needs re-authentication and a reason, and opens only a real client of the clinic', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    const foreign = await buildClinic(h().store, h().clock.now());
    const s = await signedIn(h().app, clinic.therapist);
    const target = clinic.otherClient.clientId;
    expectProblem(await s.get(`/api/clients/${target}`), 404);

    // No recent re-authentication: refused, nothing stored.
    expectProblem(
      await s.post('/api/break-glass', { clientId: target, reason }),
      403,
      'reauth-required',
    );
    expectProblem(await s.post('/api/auth/reauth', { password: 'not my password at all' }), 401);
    expectProblem(
      await s.post('/api/break-glass', { clientId: target, reason }),
      403,
      'reauth-required',
    );
    expect((await s.post('/api/auth/reauth', { password: testPassword })).statusCode).toBe(200);

    const short = expectProblem(
      await s.post('/api/break-glass', { clientId: target, reason: 'urgent' }),
      400,
      'validation',
    );
    expect(JSON.stringify(short.errors)).toContain('reason');
    const missing = expectProblem(await s.post('/api/break-glass', { clientId: target }), 400);
    expect(JSON.stringify(missing.errors)).toContain('reason');
    expectProblem(
      await s.post('/api/break-glass', { clientId: 'nope', reason }),
      400,
      'validation',
    );
    expectProblem(
      await s.post('/api/break-glass', { clientId: foreign.client.clientId, reason }),
      404,
    );
    expectProblem(
      await s.post('/api/break-glass', { clientId: clinic.client.clientId, reason }),
      409,
      'already-visible',
    );
    expect(await grantsOf(h(), clinic.therapist.id)).toEqual([]);
    expectProblem(await s.get(`/api/clients/${target}`), 404);

    // Only therapists break the glass.
    for (const who of [clinic.admin, clinic.client]) {
      const other = await signedIn(h().app, who);
      expectProblem(await other.post('/api/break-glass', { clientId: target, reason }), 403);
    }
  });

  it('asks an enrolled therapist for the code as well as the password', async () => {
    const clinic = await buildClinic(h().store, h().clock.now(), { mfa: true });
    const s = new Session(h().app);
    await s.login(clinic.therapist);
    const { secret } = (await s.post('/api/auth/mfa/enrol')).json<EnrolmentView>();
    const code = () => hotp(base32Decode(secret), timeStep(h().clock.now()));
    expect((await s.post('/api/auth/mfa/confirm', { code: code() })).statusCode).toBe(200);
    expectProblem(await s.post('/api/auth/reauth', { password: testPassword }), 401);
    const target = clinic.otherClient.clientId;
    expectProblem(
      await s.post('/api/break-glass', { clientId: target, reason }),
      403,
      'reauth-required',
    );
    h().clock.advance(30_000);
    const re = await s.post('/api/auth/reauth', { password: testPassword, code: code() });
    expect(re.statusCode, re.body).toBe(200);
    expect((await s.post('/api/break-glass', { clientId: target, reason })).statusCode).toBe(201);
    expect((await s.get(`/api/clients/${target}`)).statusCode).toBe(200);
  });

  it('opens one client for the clinic’s time, flags every access, and expires by the clock', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    const third = await thirdClient(h(), clinic);
    const s = await reauthed(h(), clinic);
    const target = clinic.otherClient.clientId;

    const found = await s.get('/api/break-glass/clients?q=omar');
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json<{ clients: BreakGlassCandidate[] }>().clients).toEqual([
      { id: target, name: 'Omar Client' },
    ]);
    // The own caseload is not offered; too short a search is a 400 naming q.
    expect((await s.get('/api/break-glass/clients?q=cleo')).json().clients).toEqual([]);
    const tooShort = expectProblem(await s.get('/api/break-glass/clients?q=o'), 400);
    expect(JSON.stringify(tooShort.errors)).toContain('q');

    const opened = await s.post('/api/break-glass', { clientId: target, reason });
    expect(opened.statusCode, opened.body).toBe(201);
    const grant = opened.json<BreakGlassGrant>();
    expect(grant).toMatchObject({ clientId: target, clientName: 'Omar Client', reason });
    expect(Date.parse(grant.expiresAt) - h().clock.now().getTime()).toBe(minutes(120));
    expect((await s.get('/api/break-glass')).json<{ grants: BreakGlassGrant[] }>().grants).toEqual([
      grant,
    ]);

    // The record opens everywhere the scope layer is asked: the record, lists, goals.
    expect((await s.get(`/api/clients/${target}`)).statusCode).toBe(200);
    expect((await s.get(`/api/clients/${target}/goals`)).statusCode).toBe(200);
    const listed = (await s.get('/api/clients')).json<{ clients: { id: string }[] }>().clients;
    expect(listed.map((c) => c.id)).toEqual(expect.arrayContaining([target]));
    // …and no other client. The store answers the same for one client (what the lockbox asks).
    const live = () => activeBreakGlass(h().store.db, clinic.therapist.id, target, h().clock.now());
    expect(await live()).toEqual({ id: grant.id, expiresAt: grant.expiresAt });
    expect(
      await activeBreakGlass(h().store.db, clinic.therapist.id, third, h().clock.now()),
    ).toBeUndefined();
    expectProblem(await s.get(`/api/clients/${third}`), 404);
    expect(listed.map((c) => c.id)).not.toContain(third);
    await s.get(`/api/clients/${clinic.client.clientId}`);

    // Every event on that record under the grant is flagged; the own caseload is not.
    const events = await h()
      .store.db.selectFrom('audit_events')
      .select(['client_id', 'action', 'break_glass'])
      .where('actor_id', '=', clinic.therapist.id)
      .where('client_id', 'is not', null)
      .orderBy('seq')
      .execute();
    const onTarget = events.filter((e) => e.client_id === target);
    expect(onTarget.map((e) => e.action)).toEqual(
      expect.arrayContaining(['break-glass.open', 'client.read']),
    );
    expect(onTarget.every((e) => e.break_glass === 1)).toBe(true);
    expect(events.filter((e) => e.client_id !== target).every((e) => e.break_glass === 0)).toBe(
      true,
    );
    const admin = await signedIn(h().app, clinic.admin);
    const log = await admin.get(`/api/audit?clientId=${target}`);
    const flagged = log
      .json<{ events: { actorId: string; breakGlass: boolean }[] }>()
      .events.filter((e) => e.actorId === clinic.therapist.id);
    expect(flagged.length).toBeGreaterThan(1);
    expect(flagged.every((e) => e.breakGlass)).toBe(true);

    // Still open at 1 h 59 (the session kept alive by use), closed at 2 h 01.
    for (let i = 0; i < 4; i++) {
      h().clock.advance(minutes(25));
      expect((await s.get(`/api/clients/${target}`)).statusCode).toBe(200);
    }
    h().clock.advance(minutes(19));
    expect((await s.get(`/api/clients/${target}`)).statusCode).toBe(200);
    h().clock.advance(minutes(2));
    expect(await live()).toBeUndefined();
    expectProblem(await s.get(`/api/clients/${target}`), 404);
    expectProblem(await s.get(`/api/clients/${target}/goals`), 404);
    expect((await s.get('/api/break-glass')).json().grants).toEqual([]);
    expect(
      (await s.get('/api/clients')).json<{ clients: { id: string }[] }>().clients.map((c) => c.id),
    ).not.toContain(target);
  });

  it('opens a record locked from the therapist, and its withheld items, only while the grant lasts', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    const target = clinic.client.clientId; // on the therapist's own caseload
    const client = await signedIn(h().app, clinic.client);
    const goal = await client.post(`/api/clients/${target}/goals`, { title: 'Sleep by eleven' });
    expect(goal.statusCode, goal.body).toBe(201);
    const goalId = goal.json<{ id: string }>().id;
    const lock = (scope: string, resourceId?: string) =>
      client.post(`/api/clients/${target}/consent-directives`, {
        scope,
        ...(resourceId ? { resourceId } : {}),
        staffUserId: clinic.therapist.id,
      });
    expect((await lock('goal', goalId)).statusCode).toBe(201);
    expect((await lock('record')).statusCode).toBe(201);

    const s = await reauthed(h(), clinic);
    expectProblem(await s.get(`/api/clients/${target}`), 404);
    const found = await s.get('/api/break-glass/clients?q=cleo');
    expect(found.json<{ clients: BreakGlassCandidate[] }>().clients.map((c) => c.id)).toEqual([
      target,
    ]);
    expect((await s.post('/api/break-glass', { clientId: target, reason })).statusCode).toBe(201);
    expect((await s.get(`/api/clients/${target}`)).statusCode).toBe(200);
    const goals = await s.get(`/api/clients/${target}/goals`);
    expect(goals.json<{ goals: { id: string }[] }>().goals.map((g) => g.id)).toContain(goalId);
    expect((await s.get(`/api/goals/${goalId}`)).statusCode).toBe(200);

    // Kept alive by use (the session's idle limit is 30 min) until the grant's 2 h are over.
    for (let i = 0; i < 4; i++) {
      h().clock.advance(minutes(25));
      expect((await s.get(`/api/goals/${goalId}`)).statusCode).toBe(200);
    }
    h().clock.advance(minutes(21));
    expectProblem(await s.get(`/api/goals/${goalId}`), 404);
    expectProblem(await s.get(`/api/clients/${target}`), 404);
  });

  it('lasts as long as the clinic setting says', async () => {
    const clinic = await buildClinic(h().store, h().clock.now());
    const admin = await signedIn(h().app, clinic.admin);
    const bad = expectProblem(
      await admin.patch('/api/clinic/settings', { breakGlassMinutes: 5 }),
      400,
    );
    expect(JSON.stringify(bad.errors)).toContain('breakGlassMinutes');
    const set = await admin.patch('/api/clinic/settings', { breakGlassMinutes: 30 });
    expect(set.json()).toMatchObject({ breakGlassMinutes: 30 });
    const s = await reauthed(h(), clinic);
    const target = clinic.otherClient.clientId;
    const grant = (
      await s.post('/api/break-glass', { clientId: target, reason })
    ).json<BreakGlassGrant>();
    expect(Date.parse(grant.expiresAt) - h().clock.now().getTime()).toBe(minutes(30));
    h().clock.advance(minutes(29));
    expect((await s.get(`/api/clients/${target}`)).statusCode).toBe(200);
    h().clock.advance(minutes(1));
    expectProblem(await s.get(`/api/clients/${target}`), 404);
  });
});
