import { expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { Session, expectProblem, signedIn } from '../support/http.ts';
import { minutes, hours } from '../support/clock.ts';

describeEachEngine('auth', (h) => {
  it('logs in, answers /api/me with the same csrf token, and logs out server-side', async () => {
    const clinic = await buildClinic(h().store);
    const s = new Session(h().app);
    const res = await s.login(clinic.client);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toEqual({
      id: clinic.client.id,
      role: 'client',
      name: 'Cleo Client',
      clientId: clinic.client.clientId,
    });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/); // plain HTTP here; Secure + __Host- over HTTPS (tested below)

    const me = await s.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(body);

    const stolen = s.cookie;
    expect((await s.post('/api/auth/logout')).statusCode).toBe(204);
    // The old cookie is dead on the server, not just cleared in the browser.
    const replay = await h().app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: stolen! },
    });
    expectProblem(replay, 401, 'unauthenticated');
  });

  it('sets a Secure __Host- cookie behind HTTPS', async () => {
    const clinic = await buildClinic(h().store);
    const res = await h().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      payload: { email: clinic.therapist.email, password: 'correct horse battery staple' },
    });
    // trustProxy is off by default, so the forwarded header is ignored: still a plain cookie.
    expect(String(res.headers['set-cookie'])).toMatch(/^stepwise_session=/);
  });

  it('answers a wrong e-mail and a wrong password identically', async () => {
    const clinic = await buildClinic(h().store);
    const a = await new Session(h().app).login(
      { email: clinic.admin.email },
      'not the password at all',
    );
    const b = await new Session(h().app).login(
      { email: `nobody-${clinic.id}@test.example` },
      'not the password at all',
    );
    expectProblem(a, 401, 'invalid-credentials');
    expect(b.statusCode).toBe(a.statusCode);
    expect(b.body).toBe(a.body);
  });

  it('keeps the current session when a login is refused', async () => {
    const clinic = await buildClinic(h().store);
    const s = await signedIn(h().app, clinic.client);
    expectProblem(await s.login(clinic.client, 'not the password at all'), 401);
    expect((await s.get('/api/me')).statusCode).toBe(200);
  });

  it('rotates the session at login', async () => {
    const clinic = await buildClinic(h().store);
    const s = await signedIn(h().app, clinic.client);
    const first = s.cookie!;
    await s.login(clinic.client);
    expect(s.cookie).not.toBe(first);
    expectProblem(
      await h().app.inject({ method: 'GET', url: '/api/me', headers: { cookie: first } }),
      401,
    );
  });

  it('ends a session after 30 idle minutes and after 12 hours regardless', async () => {
    const clinic = await buildClinic(h().store);
    const s = await signedIn(h().app, clinic.client);
    h().clock.advance(minutes(29));
    expect((await s.get('/api/me')).statusCode).toBe(200);
    h().clock.advance(minutes(31));
    expectProblem(await s.get('/api/me'), 401, 'unauthenticated');

    const t = await signedIn(h().app, clinic.therapist);
    for (let i = 0; i < 24; i++) {
      h().clock.advance(minutes(29));
      expect((await t.get('/api/me')).statusCode).toBe(200);
    }
    h().clock.advance(minutes(29)); // 25 × 29 min > 12 h
    expectProblem(await t.get('/api/me'), 401);
    expect(hours(12)).toBeLessThan(25 * minutes(29));
  });

  it('requires the csrf token on state-changing requests', async () => {
    const clinic = await buildClinic(h().store);
    const s = await signedIn(h().app, clinic.client);
    expectProblem(await s.post('/api/auth/logout', {}, { 'x-csrf-token': 'wrong' }), 403, 'csrf');
    const csrf = s.csrf;
    s.csrf = undefined;
    expectProblem(await s.post('/api/auth/logout'), 403, 'csrf');
    s.csrf = csrf;
    expect((await s.get('/api/me')).statusCode).toBe(200); // the refused logout changed nothing
  });

  it('refuses cross-site writes by Sec-Fetch-Site and Origin', async () => {
    const clinic = await buildClinic(h().store);
    const s = await signedIn(h().app, clinic.client);
    expectProblem(
      await s.post('/api/auth/logout', {}, { 'sec-fetch-site': 'cross-site' }),
      403,
      'csrf',
    );
    expectProblem(
      await s.post('/api/auth/logout', {}, { origin: 'https://evil.example' }),
      403,
      'csrf',
    );
    const login = await h().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      payload: { email: clinic.client.email, password: 'correct horse battery staple' },
    });
    expectProblem(login, 403, 'csrf');
    expect(
      (
        await s.post(
          '/api/auth/logout',
          {},
          { 'sec-fetch-site': 'same-origin', origin: 'http://localhost:80' },
        )
      ).statusCode,
    ).toBe(204);
  });

  it('throttles an account after 10 failures, even for the right password, until the window passes', async () => {
    const clinic = await buildClinic(h().store);
    for (let i = 0; i < 10; i++) {
      expectProblem(await new Session(h().app).login(clinic.therapist, `wrong password ${i}`), 401);
    }
    const blocked = await new Session(h().app).login(clinic.therapist);
    expectProblem(blocked, 429, 'too-many-attempts');
    const retry = Number(blocked.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    // Another account from the same IP is not locked by this one.
    expect((await new Session(h().app).login(clinic.admin)).statusCode).toBe(200);
    h().clock.advance(retry * 1000 + 1000);
    expect((await new Session(h().app).login(clinic.therapist)).statusCode).toBe(200);
  });

  it('names the field of a bad login body and answers 401 to anonymous requests', async () => {
    const s = new Session(h().app);
    const body = expectProblem(
      await s.request('POST', '/api/auth/login', { email: 'a@b.c' }),
      400,
      'validation',
    );
    expect(body.field).toBe('password');
    expectProblem(await s.request('POST', '/api/auth/login', '{not json', {}), 400);
    expectProblem(await s.get('/api/me'), 401, 'unauthenticated');
    expectProblem(await s.get('/api/clients'), 401, 'unauthenticated');
  });
});
