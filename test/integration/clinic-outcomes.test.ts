import { expect, it } from 'vitest';
import type { OutcomesSummaryView } from '../../src/contract/exports.ts';
import { addDays, localDate } from '../../src/domain/calendar.ts';
import { ensureLocation } from '../../src/store/accounts.ts';
import { describeEachEngine } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, signedIn } from '../support/http.ts';
import { answersFor, insertResponse } from '../support/record-fixtures.ts';

const DAY = 86_400_000;

describeEachEngine('clinic outcomes summary', (h) => {
  it('counts caseness, recovery, reliable improvement and deterioration per location and therapist', async () => {
    const clinic = await buildClinic(h().store);
    const now = h().clock.now();
    const ago = (d: number) => new Date(now.getTime() - d * DAY);
    // The other client moves to Whitby, with their own therapist.
    const whitby = await ensureLocation(h().store.db, clinic.id, 'Whitby', now);
    await h()
      .store.db.updateTable('clients')
      .set({ location_id: whitby })
      .where('id', '=', clinic.otherClient.clientId)
      .execute();
    const scores = async (clientId: string, phq: number[], gad: number[], days: number[]) => {
      for (const [i, d] of days.entries()) {
        await insertResponse(h(), clinic, 'phq9', answersFor('phq9', phq[i]!), ago(d), clientId);
        await insertResponse(h(), clinic, 'gad7', answersFor('gad7', gad[i]!), ago(d), clientId);
      }
    };
    // Cleo: PHQ 15 → 8, GAD 12 → 6 — at caseness, recovered, reliably improved (SPEC vector 14).
    await scores(clinic.client.clientId, [15, 11, 8], [12, 9, 6], [60, 30, 5]);
    // Omar: PHQ 16 → 9, GAD 6 → 11 — reliable deterioration, not improvement (SPEC vector 19).
    // A score from before the period does not count.
    await scores(clinic.otherClient.clientId, [2, 16, 9], [2, 6, 11], [400, 50, 4]);

    const admin = await signedIn(h().app, clinic.admin);
    const to = localDate(now, 'America/Toronto');
    const res = await admin.get(`/api/reports/outcomes?from=${addDays(to, -90)}&to=${to}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<OutcomesSummaryView>();
    expect(body.period).toEqual({ from: addDays(to, -90), to });
    expect(body.clinic).toEqual({
      clients: 2,
      paired: 2,
      casenessAtStart: 2,
      casenessAtEnd: 1,
      recovered: 1,
      reliablyImproved: 1,
      reliableRecovery: 1,
      reliablyDeteriorated: 1,
      recoveryRate: 50,
    });
    expect(
      body.locations.map((l) => [l.name, l.clients, l.recovered, l.reliablyDeteriorated]),
    ).toEqual([
      ['Barrie', 1, 1, 0],
      ['Whitby', 1, 0, 1],
    ]);
    expect(body.therapists.map((t) => [t.name, t.recovered, t.reliablyDeteriorated])).toEqual([
      ['Olga Therapist', 0, 1],
      ['Theo Therapist', 1, 0],
    ]);

    // A period holding a single score of each counts the client but pairs nobody.
    const narrow = (
      await admin.get(`/api/reports/outcomes?from=${addDays(to, -10)}&to=${to}`)
    ).json<OutcomesSummaryView>();
    expect(narrow.clinic).toMatchObject({
      clients: 2,
      paired: 0,
      recovered: 0,
      recoveryRate: null,
    });

    const events = (await admin.get(`/api/audit?clientId=${clinic.client.clientId}`)).json<{
      events: { action: string }[];
    }>().events;
    expect(events.filter((e) => e.action === 'outcomes.summary')).toHaveLength(2);
  });

  it('sees only its own clinic, and is for admins only', async () => {
    const clinic = await buildClinic(h().store);
    const other = await buildClinic(h().store);
    await insertResponse(
      h(),
      other,
      'phq9',
      answersFor('phq9', 20),
      h().clock.now(),
      other.client.clientId,
    );
    const admin = await signedIn(h().app, clinic.admin);
    const body = (await admin.get('/api/reports/outcomes')).json<OutcomesSummaryView>();
    expect(body.clinic.clients).toBe(0);
    expect(body.therapists.map((t) => t.name).sort()).toEqual(['Olga Therapist', 'Theo Therapist']);
    expectProblem(
      await (await signedIn(h().app, clinic.therapist)).get('/api/reports/outcomes'),
      403,
    );
    expectProblem(await (await signedIn(h().app, clinic.client)).get('/api/reports/outcomes'), 403);
    const bad = expectProblem(
      await admin.get('/api/reports/outcomes?from=2026-05-01&to=2026-04-01'),
      400,
      'validation',
    );
    expect(bad.field).toBe('query.from');
  });
});
