import { expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, signedIn } from '../support/http.ts';
import { insertCheckIn, seedRecord } from '../support/record-fixtures.ts';

/** Parse RFC 4180 CSV (quoted cells, doubled quotes, CRLF), enough to read our own files. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describeEachEngine('CSV exports for clinicians', (h) => {
  it('exports check-ins with escaping and formula-injection protection', async () => {
    const clinic = await buildClinic(h().store);
    const therapist = await signedIn(h().app, clinic.therapist);
    const seed = await seedRecord(h(), clinic, therapist);
    const measureId = seed.panic.measureId!;
    const now = h().clock.now();
    const notes = [
      '=HYPERLINK("http://evil.example","click")',
      '+1 felt "ok", then worse',
      '-2 less than yesterday',
      '@SUM(A1:A2)',
      'two lines\nof note',
    ];
    for (const [i, note] of notes.entries())
      await insertCheckIn(h(), clinic, measureId, 1, new Date(now.getTime() - (9 - i) * 1000), {
        note,
      });
    const res = await therapist.get(`/api/clients/${clinic.client.clientId}/check-ins.csv`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="check-ins-/);
    expect(res.body.startsWith('\uFEFFcheck_in_id,at_utc,local_date,measure,')).toBe(true);
    expect(res.body).toContain('"\'=HYPERLINK(""http://evil.example"",""click"")"');
    const rows = parseCsv(res.body);
    expect(rows).toHaveLength(1 + seed.checkInIds.length + notes.length);
    const noteCol = rows[0]!.indexOf('note');
    expect(rows.slice(-notes.length).map((r) => r[noteCol])).toEqual([
      '\'=HYPERLINK("http://evil.example","click")',
      '\'+1 felt "ok", then worse',
      "'-2 less than yesterday",
      "'@SUM(A1:A2)",
      'two lines\nof note',
    ]);
    // No cell a spreadsheet would evaluate.
    for (const r of rows) for (const c of r) expect(c).not.toMatch(/^[=+@]/);
  });

  it('exports questionnaire totals, bands and items', async () => {
    const clinic = await buildClinic(h().store);
    const therapist = await signedIn(h().app, clinic.therapist);
    await seedRecord(h(), clinic, therapist);
    const res = await therapist.get(`/api/clients/${clinic.client.clientId}/questionnaires.csv`);
    expect(res.statusCode, res.body).toBe(200);
    const [head, ...rows] = parseCsv(res.body);
    expect(head).toEqual([
      'response_id',
      'completed_at_utc',
      'local_date',
      'instrument',
      'total',
      'severity',
      'caseness',
      'risk_flag',
      ...Array.from({ length: 9 }, (_, i) => `item_${i + 1}`),
    ]);
    expect(rows.map((r) => [r[3], r[4], r[5], r[6]])).toEqual([
      ['PHQ-9', '16', 'moderately severe', 'true'],
      ['GAD-7', '12', 'moderate', 'true'],
      ['PHQ-9', '8', 'mild', 'false'],
      ['GAD-7', '6', 'mild', 'false'],
    ]);
    expect(rows[1]!.slice(8)).toEqual(['3', '3', '3', '3', '0', '0', '0', '', '']);
  });

  it('is for the care team only and audited', async () => {
    const clinic = await buildClinic(h().store);
    const client = await signedIn(h().app, clinic.client);
    const therapist = await signedIn(h().app, clinic.therapist);
    expectProblem(await client.get(`/api/clients/${clinic.client.clientId}/check-ins.csv`), 403);
    expectProblem(
      await therapist.get(`/api/clients/${clinic.otherClient.clientId}/questionnaires.csv`),
      404,
    );
    await therapist.get(`/api/clients/${clinic.client.clientId}/questionnaires.csv`);
    const admin = await signedIn(h().app, clinic.admin);
    const events = (await admin.get(`/api/audit?clientId=${clinic.client.clientId}`)).json<{
      events: { action: string; resource: string }[];
    }>().events;
    expect(events).toContainEqual(
      expect.objectContaining({
        action: 'record.csv',
        resource: `client/${clinic.client.clientId}/questionnaires.csv`,
      }),
    );
  });
});
