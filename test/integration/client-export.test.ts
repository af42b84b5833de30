import type { Bundle } from '@medplum/fhirtypes';
import { expect, it } from 'vitest';
import type { RecordJson } from '../../src/report/record-json.ts';
import { describeEachEngine } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectValidBundle } from '../support/fhir-validation.ts';
import { expectProblem, signedIn } from '../support/http.ts';
import { insertJournal, seedRecord } from '../support/record-fixtures.ts';

describeEachEngine("the client's own copy and access-request exports", (h) => {
  it('gives a client their whole record as JSON, with their private journal', async () => {
    const clinic = await buildClinic(h().store);
    const therapist = await signedIn(h().app, clinic.therapist);
    const seed = await seedRecord(h(), clinic, therapist);
    const now = h().clock.now();
    await insertJournal(h(), clinic, 'Only for me', 'private', now);
    await insertJournal(h(), clinic, 'For my therapist too', 'shared', now);
    await therapist.post(`/api/goals/${seed.walking.id}/comments`, { body: 'Great week!' });
    const client = await signedIn(h().app, clinic.client);
    const res = await client.get(`/api/clients/${clinic.client.clientId}/export`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="stepwise-record-.*\.json"/,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    const doc = res.json<RecordJson>();
    expect(doc).toMatchObject({ format: 'stepwise-record', version: 1, scope: 'client-copy' });
    expect(doc.client).toMatchObject({ id: clinic.client.clientId, name: 'Cleo Client' });
    expect(doc.goals.map((g) => g.id).sort()).toEqual(
      [seed.walking, seed.panic, seed.mood, seed.proposed].map((g) => g.id).sort(),
    );
    const walking = doc.goals.find((g) => g.id === seed.walking.id)!;
    expect(walking.revisions.length).toBeGreaterThanOrEqual(1);
    expect(walking.steps.map((s) => [s.title, s.done])).toEqual([
      ['Find a walking route', true],
      ['Buy walking shoes', false],
    ]);
    expect(walking.practices[0]!.completions).toHaveLength(4);
    expect(walking.comments.map((c) => c.body)).toEqual(['Great week!']);
    expect(walking.gasRatings).toEqual([expect.objectContaining({ level: 1 })]);
    expect(doc.checkIns).toHaveLength(seed.checkInIds.length);
    expect(doc.questionnaires.map((q) => q.total)).toEqual([16, 12, 8, 6]);
    expect(doc.journal.map((j) => [j.body, j.visibility]).sort()).toEqual([
      ['For my therapist too', 'shared'],
      ['Only for me', 'private'],
    ]);
  });

  it('gives FHIR that validates and a CSV of check-ins', async () => {
    const clinic = await buildClinic(h().store);
    const therapist = await signedIn(h().app, clinic.therapist);
    const seed = await seedRecord(h(), clinic, therapist);
    const client = await signedIn(h().app, clinic.client);
    const fhir = await client.get(`/api/clients/${clinic.client.clientId}/export?format=fhir`);
    expect(fhir.statusCode, fhir.body).toBe(200);
    expect(fhir.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expectValidBundle(fhir.json<Bundle>());
    const csv = await client.get(`/api/clients/${clinic.client.clientId}/export?format=csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.trim().split('\r\n')).toHaveLength(seed.checkInIds.length + 1);
  });

  it('lets staff export for a named access request, without private entries, audited as export', async () => {
    const clinic = await buildClinic(h().store);
    const now = h().clock.now();
    await insertJournal(h(), clinic, 'Only for me', 'private', now);
    await insertJournal(h(), clinic, 'For my therapist too', 'shared', now);
    const base = `/api/clients/${clinic.client.clientId}/export`;
    for (const user of [clinic.therapist, clinic.admin]) {
      const staff = await signedIn(h().app, user);
      const missing = expectProblem(await staff.get(base), 400, 'validation');
      expect(missing.field).toBe('query.accessRequest');
      const res = await staff.get(`${base}?format=json&accessRequest=AR-2026-014`);
      expect(res.statusCode, res.body).toBe(200);
      const doc = res.json<RecordJson>();
      expect(doc.scope).toBe('access-request');
      expect(doc.journal.map((j) => j.body)).toEqual(['For my therapist too']);
      expect(res.body).not.toContain('Only for me');
    }
    const client = await signedIn(h().app, clinic.client);
    expect((await client.get(base)).statusCode).toBe(200);
    const admin = await signedIn(h().app, clinic.admin);
    const events = (await admin.get(`/api/audit?clientId=${clinic.client.clientId}`)).json<{
      events: { actorId: string; action: string; resource: string }[];
    }>().events;
    expect(events.filter((e) => e.action === 'export')).toEqual([
      expect.objectContaining({
        actorId: clinic.therapist.id,
        resource: `client/${clinic.client.clientId}/export/json?accessRequest=AR-2026-014`,
      }),
      expect.objectContaining({ actorId: clinic.admin.id }),
      expect.objectContaining({
        actorId: clinic.client.id,
        resource: `client/${clinic.client.clientId}/export/json`,
      }),
    ]);
  });

  it('refuses someone else’s record and a bad format or reference', async () => {
    const clinic = await buildClinic(h().store);
    const client = await signedIn(h().app, clinic.client);
    const therapist = await signedIn(h().app, clinic.therapist);
    expectProblem(await client.get(`/api/clients/${clinic.otherClient.clientId}/export`), 404);
    expectProblem(
      await therapist.get(`/api/clients/${clinic.otherClient.clientId}/export?accessRequest=A1`),
      404,
    );
    const own = `/api/clients/${clinic.client.clientId}/export`;
    expect(expectProblem(await client.get(`${own}?format=xml`), 400, 'validation').field).toBe(
      'query.format',
    );
    expect(
      expectProblem(await therapist.get(`${own}?accessRequest=%3Cscript%3E`), 400, 'validation')
        .field,
    ).toBe('query.accessRequest');
  });
});
