import { expect, it } from 'vitest';
import type { RelapsePlanView } from '../../src/contract/relapse-plan.ts';
import { describeEachEngine } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, signedIn } from '../support/http.ts';
import { canReadPdf, pdfToText } from '../support/pdf.ts';

const plan = {
  warningSigns: ['Sleeping past noon', 'Skipping walks for a week'],
  whatHelps: ['A walk before breakfast', 'Texting my sister'],
  contacts: [
    { name: 'Dana (sister)', how: '705-555-0199' },
    { name: 'Dr. Tran', role: 'family doctor', how: 'Barrie clinic' },
  ],
  notes: 'Setbacks are part of it.',
};

describeEachEngine('relapse-prevention plan', (h) => {
  it('is empty at first, saved by the client or therapist with If-Match, and downloads as a PDF', async () => {
    const clinic = await buildClinic(h().store);
    const client = await signedIn(h().app, clinic.client);
    const therapist = await signedIn(h().app, clinic.therapist);
    const url = `/api/clients/${clinic.client.clientId}/relapse-plan`;

    const empty = await client.get(url);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json<RelapsePlanView>()).toMatchObject({
      version: 0,
      warningSigns: [],
      contacts: [],
    });
    expect(empty.json<RelapsePlanView>().crisisText).toMatch(/9-8-8/);

    const saved = await client.put(url, plan, { 'if-match': '"0"' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe('"1"');
    expect(saved.json<RelapsePlanView>()).toMatchObject({
      ...plan,
      version: 1,
      updatedBy: { id: clinic.client.id },
    });

    expectProblem(
      await therapist.put(url, { ...plan, notes: 'x' }, { 'if-match': '"0"' }),
      412,
      'stale',
    );
    const edited = await therapist.put(url, {
      ...plan,
      whatHelps: [...plan.whatHelps, 'Calling the clinic'],
    });
    expect(edited.json<RelapsePlanView>()).toMatchObject({
      version: 2,
      updatedBy: { id: clinic.therapist.id },
    });

    const pdf = await client.get(`${url}.pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(
      /^attachment; filename="relapse-prevention-plan-\d{4}-\d\d-\d\d\.pdf"/,
    );
    expect(pdf.headers['cache-control']).toBe('no-store');
    if (canReadPdf) {
      const text = pdfToText(pdf.rawPayload).replace(/\s+/g, ' ');
      for (const s of [
        'My relapse-prevention plan',
        'Early warning signs',
        '- Sleeping past noon',
        '- Calling the clinic',
        'Dr. Tran (family doctor): Barrie clinic',
        'In a crisis',
        '9-8-8',
      ])
        expect(text).toContain(s);
    }
    const actions = await h()
      .store.db.selectFrom('audit_events')
      .select('action')
      .where('client_id', '=', clinic.client.clientId)
      .where('action', 'like', 'relapse-plan.%')
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(
      [
        'relapse-plan.read',
        'relapse-plan.write',
        'relapse-plan.write',
        'relapse-plan.pdf.read',
      ].sort(),
    );
  });

  it('refuses bad plans naming the field and saves nothing; others’ plans answer 404, admins 403', async () => {
    const clinic = await buildClinic(h().store);
    const client = await signedIn(h().app, clinic.client);
    const url = `/api/clients/${clinic.client.clientId}/relapse-plan`;
    for (const [body, field] of [
      [{ ...plan, warningSigns: [''] }, 'warningSigns.0'],
      [{ ...plan, contacts: [{ how: '911' }] }, 'contacts.0.name'],
      [{ ...plan, whatHelps: undefined }, 'whatHelps'],
      [{ ...plan, extra: true }, 'body'],
    ] as const) {
      const problem = expectProblem(await client.put(url, body), 400, 'validation');
      expect(String(problem.field)).toContain(field);
    }
    expect((await client.get(url)).json<RelapsePlanView>().version).toBe(0);

    const outsider = await signedIn(h().app, clinic.otherTherapist);
    expectProblem(await outsider.get(url), 404);
    expectProblem(await outsider.put(url, plan), 404);
    expectProblem(await outsider.get(`${url}.pdf`), 404);
    const admin = await signedIn(h().app, clinic.admin);
    expectProblem(await admin.get(url), 403);
  });
});
