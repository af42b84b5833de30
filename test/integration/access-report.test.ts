import { expect, it } from 'vitest';
import type { AccessReport } from '../../src/contract/security.ts';
import { describeEachEngine } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, signedIn } from '../support/http.ts';

describeEachEngine('access report: who has seen a record', (h) => {
  it('lists each person who read or changed the record, off-team access first', async () => {
    const clinic = await buildClinic(h().store);
    const therapist = await signedIn(h().app, clinic.therapist);
    await therapist.get(`/api/clients/${clinic.client.clientId}`);
    await therapist.post(`/api/clients/${clinic.client.clientId}/goals`, {
      title: 'Walk 20 minutes a day',
    });
    const admin = await signedIn(h().app, clinic.admin);
    await admin.get(`/api/clients/${clinic.client.clientId}`);

    const res = await admin.get(`/api/clients/${clinic.client.clientId}/access-report`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<AccessReport>();
    const byName = Object.fromEntries(report.people.map((p) => [p.name, p]));
    expect(report.people[0]?.onCareTeam).toBe(false);
    expect(byName['Ada Admin']).toMatchObject({ role: 'admin', onCareTeam: false, reads: 1 });
    expect(byName['Theo Therapist']).toMatchObject({
      role: 'therapist',
      onCareTeam: true,
      reads: 1,
      writes: 1,
    });
    expect(byName['Theo Therapist']!.actions).toEqual(['client.read', 'goal.create']);

    const client = await signedIn(h().app, clinic.client);
    const own = await client.get(
      `/api/clients/${clinic.client.clientId}/access-report?from=2000-01-01`,
    );
    expect(own.json<AccessReport>().people.map((p) => p.name)).toEqual(
      expect.arrayContaining(['Ada Admin', 'Theo Therapist']),
    );
    expectProblem(
      await client.get(`/api/clients/${clinic.otherClient.clientId}/access-report`),
      404,
    );
    expectProblem(await therapist.get(`/api/clients/${clinic.client.clientId}/access-report`), 403);
    expectProblem(
      await admin.get(`/api/clients/${clinic.client.clientId}/access-report?to=someday`),
      400,
      'validation',
    );
    const empty = await admin.get(
      `/api/clients/${clinic.client.clientId}/access-report?to=2000-01-01`,
    );
    expect(empty.json<AccessReport>().people).toEqual([]);
  });
});
