import { expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { signedIn, type Session } from '../support/http.ts';
import { canReadPdf, pdfToText } from '../support/pdf.ts';
import { insertJournal, insertTherapySession, seedRecord } from '../support/record-fixtures.ts';

const PRIVATE = 'SENTINEL-PRIVATE-7f3a9c-journal';
const NOTE = 'SENTINEL-CLINICIAN-2b8e41-note';

/** Every staff export of the client, as the text a reader of it would see. */
async function staffExports(
  s: Session,
  role: string,
  clientId: string,
): Promise<[string, string][]> {
  const base = `/api/clients/${clientId}`;
  const texts: [string, string][] = [];
  const get = async (label: string, url: string, pdf = false) => {
    const res = await s.get(url);
    expect(res.statusCode, `${label}: ${res.body.slice(0, 200)}`).toBe(200);
    texts.push([label, pdf ? pdfToText(res.rawPayload) : res.body]);
  };
  await get('fhir', `${base}/fhir`);
  for (const format of ['json', 'fhir', 'csv'])
    await get(`export ${format}`, `${base}/export?format=${format}&accessRequest=AR-1`);
  await get('corrections', `${base}/corrections`);
  if (role === 'therapist') {
    if (canReadPdf) await get('report', `${base}/report.pdf`, true);
    await get('report summary', `${base}/report-summary`);
    await get('check-ins csv', `${base}/check-ins.csv`);
    await get('questionnaires csv', `${base}/questionnaires.csv`);
  } else await get('outcomes', '/api/reports/outcomes');
  return texts;
}

describeEachEngine('what staff exports never carry', (h) => {
  it('keeps a private journal entry and a clinician-only note out of every staff export', async () => {
    const clinic = await buildClinic(h().store);
    const therapist = await signedIn(h().app, clinic.therapist);
    await seedRecord(h(), clinic, therapist);
    const now = h().clock.now();
    await insertJournal(h(), clinic, `Private thoughts ${PRIVATE}`, 'private', now);
    await insertJournal(h(), clinic, 'A shared entry for my therapist', 'shared', now);
    await insertTherapySession(h(), clinic, `Clinician impression ${NOTE}`, now);

    for (const user of [clinic.therapist, clinic.admin]) {
      const s = await signedIn(h().app, user);
      const texts = await staffExports(s, user.role, clinic.client.clientId);
      expect(texts.length).toBeGreaterThanOrEqual(6);
      for (const [label, text] of texts) {
        expect(text, `${user.role} ${label}`).not.toContain(PRIVATE);
        expect(text, `${user.role} ${label}`).not.toContain(NOTE);
        expect(text, `${user.role} ${label}`).not.toContain('Private thoughts');
      }
    }

    // The client's own copy has their private entry, and still not the clinician's note.
    const client = await signedIn(h().app, clinic.client);
    const own = await client.get(`/api/clients/${clinic.client.clientId}/export`);
    expect(own.body).toContain(PRIVATE);
    expect(own.body).not.toContain(NOTE);
    for (const format of ['fhir', 'csv']) {
      const res = await client.get(
        `/api/clients/${clinic.client.clientId}/export?format=${format}`,
      );
      expect(res.body).not.toContain(NOTE);
    }
  });
});
