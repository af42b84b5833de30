import { expect, it } from 'vitest';
import { bodyLimit } from '../../src/server/app.ts';
import { describeEachEngine } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, signedIn } from '../support/http.ts';

describeEachEngine('http basics', (h) => {
  it('answers /healthz with the engine', async () => {
    const res = await h().app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: h().engine });
  });

  it('sends security headers on every answer and no X-Powered-By', async () => {
    for (const url of ['/healthz', '/api/me', '/api/nothing-here']) {
      const res = await h().app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
      if (url.startsWith('/api/')) expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('answers unknown routes, oversize and malformed bodies with problems', async () => {
    expectProblem(
      await h().app.inject({ method: 'GET', url: '/api/nothing-here' }),
      404,
      'not-found',
    );
    const clinic = await buildClinic(h().store);
    const s = await signedIn(h().app, clinic.client);
    const huge = await s.request('POST', '/api/auth/login', {
      email: 'x'.repeat(bodyLimit),
      password: 'y',
    });
    expectProblem(huge, 413, 'too-large');
    const poisoned = await s.request(
      'POST',
      '/api/auth/login',
      '{"__proto__": {"admin": true}, "email": "a", "password": "b"}',
    );
    expectProblem(poisoned, 400);
  });

  it('lists only themself for a client and only the caseload for a therapist', async () => {
    const clinic = await buildClinic(h().store);
    const client = await signedIn(h().app, clinic.client);
    const mine = (await client.get('/api/clients')).json<{ clients: { id: string }[] }>();
    expect(mine.clients.map((c) => c.id)).toEqual([clinic.client.clientId]);
    const therapist = await signedIn(h().app, clinic.therapist);
    const caseload = (await therapist.get('/api/clients')).json<{
      clients: { id: string; name: string; primaryTherapist: { id: string } }[];
    }>();
    expect(caseload.clients.map((c) => c.id)).toEqual([clinic.client.clientId]);
    expect(caseload.clients[0]?.primaryTherapist.id).toBe(clinic.therapist.id);
    const admin = await signedIn(h().app, clinic.admin);
    const all = (await admin.get('/api/clients')).json<{ clients: { id: string }[] }>();
    expect(all.clients.map((c) => c.id).sort()).toEqual(
      [clinic.client.clientId, clinic.otherClient.clientId].sort(),
    );
  });
});
