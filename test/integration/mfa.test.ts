import { expect, it } from 'vitest';
import type { EnrolmentView, OneTimeLink, SessionListItem } from '../../src/contract/security.ts';
import { base32Decode, hotp, timeStep } from '../../src/services/totp.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic, testPassword } from '../support/factories.ts';
import { Session, expectProblem } from '../support/http.ts';

const codeAt = (secret: string, at: Date) => hotp(base32Decode(secret), timeStep(at));

async function enrolled(h: Harness, user: { email: string }) {
  const s = new Session(h.app);
  const login = await s.login(user);
  expect(login.json().mfa).toEqual({ enrolled: false, verified: false, required: true });
  expectProblem(await s.get('/api/clients'), 401, 'mfa-enrolment-required');
  const { secret, otpauthUri } = (await s.post('/api/auth/mfa/enrol')).json<EnrolmentView>();
  expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Stepwise%3A/);
  const confirm = await s.post('/api/auth/mfa/confirm', { code: codeAt(secret, h.clock.now()) });
  expect(confirm.statusCode, confirm.body).toBe(200);
  const { recoveryCodes } = confirm.json<{ recoveryCodes: string[] }>();
  expect(recoveryCodes).toHaveLength(10);
  expect(new Set(recoveryCodes).size).toBe(10);
  expect((await s.get('/api/clients')).statusCode).toBe(200);
  return { s, secret, recoveryCodes };
}

describeEachEngine('staff MFA, re-authentication, invitations and session hygiene', (h) => {
  it('makes staff enrol and then pass a single-use code at every sign-in', async () => {
    const clinic = await buildClinic(h().store, h().clock.now(), { mfa: true });
    const { secret } = await enrolled(h(), clinic.therapist);
    const s = new Session(h().app);
    expect((await s.login(clinic.therapist)).json().mfa).toEqual({
      enrolled: true,
      verified: false,
      required: true,
    });
    expectProblem(await s.get('/api/clients'), 401, 'mfa-required');
    // The code just used to confirm enrolment is spent: replaying it fails.
    expectProblem(
      await s.post('/api/auth/mfa/verify', { code: codeAt(secret, h().clock.now()) }),
      400,
      'invalid-code',
    );
    h().clock.advance(30_000);
    const ok = await s.post('/api/auth/mfa/verify', { code: codeAt(secret, h().clock.now()) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await s.get('/api/me')).json().mfa).toEqual({
      enrolled: true,
      verified: true,
      required: true,
    });
    expect((await s.get('/api/clients')).statusCode).toBe(200);
    // A client of the same clinic is not asked.
    const client = new Session(h().app);
    expect((await client.login(clinic.client)).json().mfa).toEqual({
      enrolled: false,
      verified: false,
      required: false,
    });
    expect((await client.get('/api/clients')).statusCode).toBe(200);
  });

  it('takes each recovery code once and throttles guessing', async () => {
    const clinic = await buildClinic(h().store, h().clock.now(), { mfa: true });
    const { recoveryCodes } = await enrolled(h(), clinic.admin);
    const a = new Session(h().app);
    await a.login(clinic.admin);
    expect(
      (await a.post('/api/auth/mfa/verify', { recoveryCode: recoveryCodes[0] })).statusCode,
    ).toBe(200);
    const b = new Session(h().app);
    await b.login(clinic.admin);
    expectProblem(
      await b.post('/api/auth/mfa/verify', { recoveryCode: recoveryCodes[0] }),
      400,
      'invalid-code',
    );
    for (let i = 0; i < 9; i++) await b.post('/api/auth/mfa/verify', { code: '000000' });
    const blocked = expectProblem(
      await b.post('/api/auth/mfa/verify', { recoveryCode: recoveryCodes[1] }),
      429,
      'too-many-attempts',
    );
    expect(blocked.detail).toMatch(/minutes/);
    expectProblem(await b.get('/api/audit'), 401, 'mfa-required');
  });

  it('asks for re-authentication before a password change, which ends the other sessions', async () => {
    const clinic = await buildClinic(h().store, h().clock.now(), { mfa: true });
    const { s, secret } = await enrolled(h(), clinic.therapist);
    const other = new Session(h().app);
    await other.login(clinic.therapist);
    expectProblem(
      await s.post('/api/auth/password', { newPassword: 'a new calm river 2026' }),
      403,
      'reauth-required',
    );
    expectProblem(
      await s.post('/api/auth/reauth', { password: testPassword }),
      401,
      'invalid-credentials',
    );
    h().clock.advance(30_000);
    const re = await s.post('/api/auth/reauth', {
      password: testPassword,
      code: codeAt(secret, h().clock.now()),
    });
    expect(re.statusCode, re.body).toBe(200);
    expectProblem(
      await s.post('/api/auth/password', { newPassword: 'password1234' }),
      400,
      'validation',
    );
    expect(
      (await s.post('/api/auth/password', { newPassword: 'a new calm river 2026' })).statusCode,
    ).toBe(204);
    expectProblem(await other.get('/api/me'), 401, 'unauthenticated');
    expect((await s.get('/api/clients')).statusCode).toBe(200);
    expectProblem(await s.post('/api/auth/mfa/disable'), 403, 'forbidden');
    h().clock.advance(6 * 60_000);
    expectProblem(
      await s.post('/api/auth/password', { newPassword: 'another calm river 2026' }),
      403,
      'reauth-required',
    );
  });

  it('invites by a one-time link; a reset link never skips the second factor', async () => {
    const clinic = await buildClinic(h().store, h().clock.now(), { mfa: true });
    const { s: admin, secret: adminSecret } = await enrolled(h(), clinic.admin);
    const invite = await admin.post('/api/users', {
      role: 'therapist',
      email: `new-${clinic.id}@test.example`,
      name: 'Nia New',
    });
    expect(invite.statusCode, invite.body).toBe(201);
    const link = invite.json<OneTimeLink & { id: string }>();
    const token = link.url.split('#token=')[1]!;
    const anon = new Session(h().app);
    expectProblem(
      await anon.post('/api/auth/accept-invite', { token, password: 'short' }),
      400,
      'validation',
    );
    expect(
      (await anon.post('/api/auth/accept-invite', { token, password: 'the blue heron waits' }))
        .statusCode,
    ).toBe(204);
    expectProblem(
      await anon.post('/api/auth/accept-invite', { token, password: 'the blue heron waits again' }),
      400,
      'invalid-link',
    );
    const nia = new Session(h().app);
    const login = await nia.login(
      { email: `new-${clinic.id}@test.example` },
      'the blue heron waits',
    );
    expect(login.json().mfa.required).toBe(true);

    const { secret } = await enrolled(h(), clinic.therapist);
    const reset = (
      await admin.post(`/api/users/${clinic.therapist.id}/reset-link`)
    ).json<OneTimeLink>();
    h().clock.advance(2 * 3_600_000);
    expectProblem(
      await anon.post('/api/auth/reset', {
        token: reset.url.split('#token=')[1]!,
        password: 'a fresh start 2026',
      }),
      400,
      'invalid-link',
    );
    // The admin's own session idled out meanwhile: sign in again, with the second factor.
    await admin.login(clinic.admin);
    await admin.post('/api/auth/mfa/verify', { code: codeAt(adminSecret, h().clock.now()) });
    const fresh = (
      await admin.post(`/api/users/${clinic.therapist.id}/reset-link`)
    ).json<OneTimeLink>();
    expect(
      (
        await anon.post('/api/auth/reset', {
          token: fresh.url.split('#token=')[1]!,
          password: 'a fresh start 2026',
        })
      ).statusCode,
    ).toBe(204);
    const t = new Session(h().app);
    await t.login(clinic.therapist, 'a fresh start 2026');
    expectProblem(await t.get('/api/clients'), 401, 'mfa-required');
    h().clock.advance(30_000);
    expect(
      (await t.post('/api/auth/mfa/verify', { code: codeAt(secret, h().clock.now()) })).statusCode,
    ).toBe(200);
  });

  it('lists and revokes my sessions; disabling an account ends its sessions at once', async () => {
    const clinic = await buildClinic(h().store);
    const a = new Session(h().app);
    await a.login(clinic.therapist);
    const b = new Session(h().app);
    await b.login(clinic.therapist);
    const list = (await a.get('/api/auth/sessions')).json<{ sessions: SessionListItem[] }>()
      .sessions;
    expect(list).toHaveLength(2);
    const theirs = list.find((x) => !x.current)!;
    expect((await a.post(`/api/auth/sessions/${theirs.id}/revoke`)).statusCode).toBe(204);
    expectProblem(await b.get('/api/me'), 401);
    const admin = new Session(h().app);
    await admin.login(clinic.admin);
    const c = new Session(h().app);
    await c.login(clinic.client);
    const off = await admin.post(`/api/users/${clinic.client.id}/disabled`, { disabled: true });
    expect(off.json()).toMatchObject({ disabled: true });
    expectProblem(await c.get('/api/me'), 401);
    expectProblem(await new Session(h().app).login(clinic.client), 401, 'invalid-credentials');
    expectProblem(await a.get('/api/users'), 403);
  });
});
