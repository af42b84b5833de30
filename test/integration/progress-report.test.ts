import { expect, it } from 'vitest';
import { addDays, localDate } from '../../src/domain/calendar.ts';
import { describeEachEngine } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, signedIn } from '../support/http.ts';
import { canReadPdf, pdfToText } from '../support/pdf.ts';
import { seedRecord } from '../support/record-fixtures.ts';

const tz = 'America/Toronto';
/** pdftotext may break a line anywhere a paragraph wraps: compare with spaces collapsed. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

describeEachEngine('progress report PDF', (h) => {
  it.skipIf(!canReadPdf)(
    'renders the client, period, summary, goals, scores and GAS as text a person can read',
    async () => {
      const clinic = await buildClinic(h().store);
      const therapist = await signedIn(h().app, clinic.therapist);
      const seed = await seedRecord(h(), clinic, therapist);
      const base = `/api/clients/${clinic.client.clientId}`;
      const put = await therapist.put(`${base}/report-summary`, {
        text: 'Sam has walked more and panics less; we will keep the walking practice.',
      });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json()).toMatchObject({
        text: 'Sam has walked more and panics less; we will keep the walking practice.',
        writtenBy: { id: clinic.therapist.id },
      });
      const today = localDate(h().clock.now(), tz);
      const from = addDays(today, -40);
      const res = await therapist.get(`${base}/report.pdf?from=${from}&to=${today}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="progress-report-/);
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const text = flat(pdfToText(res.rawPayload));

      expect(text).toContain('Progress report');
      expect(text).toContain('Client: Cleo Client');
      expect(text).toContain('Sam has walked more and panics less');
      for (const g of [seed.walking, seed.panic, seed.mood, seed.proposed])
        expect(text).toContain(g.title);
      expect(text).toContain('Why it matters: Walking clears my head');
      expect(text).toContain('target >= 30 min');
      expect(text).toContain('Steps: 1 of 2 done');
      expect(text).toContain('Mindful walk (3 times a week)');
      expect(text).toMatch(/adherence \d+%/);
      // PHQ-9 16 → 8 and GAD-7 12 → 6: the table, the bands and reliable change.
      expect(text).toMatch(/PHQ-9.*16 moderately severe.*8 mild/);
      expect(text).toMatch(/GAD-7.*12 moderate.*6 mild/);
      expect(text).toContain(
        '16 to 8 (-8); reliable change needs 6 points, so this is a reliable improvement',
      );
      expect(text).toContain(
        '12 to 6 (-6); reliable change needs 4 points, so this is a reliable improvement',
      );
      expect(text).toContain('recovery: yes');
      // GAS: levels +1 (weight 1) and 0 (weight 2) → 50 + 10 / √(0.7·5 + 0.3·9) = 54.02.
      expect(text).toContain('GAS T-score: 54.02');
      expect(text).toMatch(/Page 1 of \d/);
    },
  );

  it.skipIf(!canReadPdf)('keeps to the period and prints the latest saved summary', async () => {
    const clinic = await buildClinic(h().store);
    const therapist = await signedIn(h().app, clinic.therapist);
    await seedRecord(h(), clinic, therapist);
    const base = `/api/clients/${clinic.client.clientId}`;
    await therapist.put(`${base}/report-summary`, { text: 'First draft.' });
    h().clock.advance(1000);
    await therapist.put(`${base}/report-summary`, { text: 'Second draft, the one to print.' });
    expect((await therapist.get(`${base}/report-summary`)).json().text).toBe(
      'Second draft, the one to print.',
    );
    const today = localDate(h().clock.now(), tz);
    // The last 10 days hold only the second PHQ-9 and GAD-7.
    const res = await therapist.get(`${base}/report.pdf?from=${addDays(today, -10)}&to=${today}`);
    const text = flat(pdfToText(res.rawPayload));
    expect(text).toContain('Second draft, the one to print.');
    expect(text).not.toContain('First draft.');
    expect(text).not.toContain('16 moderately severe');
    expect(text).toContain('One response in the period');
    // Without a period: from the first entry to today.
    const all = flat(pdfToText((await therapist.get(`${base}/report.pdf`)).rawPayload));
    expect(all).toContain('16 moderately severe');
  });

  it('refuses a client, another therapist’s client, a bad period and an over-long summary', async () => {
    const clinic = await buildClinic(h().store);
    const therapist = await signedIn(h().app, clinic.therapist);
    const client = await signedIn(h().app, clinic.client);
    const base = `/api/clients/${clinic.client.clientId}`;
    expectProblem(await client.get(`${base}/report.pdf`), 403, 'forbidden');
    expectProblem(await client.put(`${base}/report-summary`, { text: 'x' }), 403, 'forbidden');
    expectProblem(
      await therapist.get(`/api/clients/${clinic.otherClient.clientId}/report.pdf`),
      404,
      'not-found',
    );
    const bad = expectProblem(
      await therapist.get(`${base}/report.pdf?from=2026-03-01&to=2026-02-01`),
      400,
      'validation',
    );
    expect(bad.field).toBe('query.from');
    expect(
      expectProblem(await therapist.get(`${base}/report.pdf?to=2026-02-30`), 400, 'validation')
        .field,
    ).toBe('query.to');
    const long = expectProblem(
      await therapist.put(`${base}/report-summary`, { text: 'x'.repeat(4001) }),
      400,
      'validation',
    );
    expect(long.field).toBe('text');
    expect((await therapist.get(`${base}/report-summary`)).json()).toEqual({
      text: '',
      writtenAt: null,
      writtenBy: null,
    });
  });

  it('is audited', async () => {
    const clinic = await buildClinic(h().store);
    const therapist = await signedIn(h().app, clinic.therapist);
    const base = `/api/clients/${clinic.client.clientId}`;
    expect((await therapist.get(`${base}/report.pdf`)).statusCode).toBe(200);
    const admin = await signedIn(h().app, clinic.admin);
    const events = (await admin.get(`/api/audit?clientId=${clinic.client.clientId}`)).json<{
      events: { actorId: string; action: string; resource: string }[];
    }>().events;
    expect(events).toContainEqual(
      expect.objectContaining({
        actorId: clinic.therapist.id,
        action: 'report.read',
        resource: `client/${clinic.client.clientId}/report.pdf`,
      }),
    );
  });
});
