import { expect, it } from 'vitest';
import type { OutcomesSummaryView } from '../../src/contract/exports.ts';
import type { OutcomesView } from '../../src/contract/questionnaires.ts';
import { addDays, localDate } from '../../src/domain/calendar.ts';
import { describeEachEngine } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { signedIn } from '../support/http.ts';
import { answersFor, insertResponse } from '../support/record-fixtures.ts';

const DAY = 86_400_000;

// SPEC §6 and its decisions: by default a paired reliable improvement needs neither measure
// reliably worse; a clinic may turn the clause off (it is [U] in SPEC).
describeEachEngine('the paired "neither reliably worse" clinic setting', (h) => {
  it('decides reliable improvement in client outcomes and in the clinic counts (SPEC vector 19)', async () => {
    const clinic = await buildClinic(h().store);
    const now = h().clock.now();
    const ago = (d: number) => new Date(now.getTime() - d * DAY);
    // PHQ 16 → 9 (reliably better), GAD 6 → 11 (reliably worse).
    for (const [phq, gad, d] of [
      [16, 6, 50],
      [9, 11, 4],
    ] as const) {
      await insertResponse(h(), clinic, 'phq9', answersFor('phq9', phq), ago(d));
      await insertResponse(h(), clinic, 'gad7', answersFor('gad7', gad), ago(d));
    }
    const therapist = await signedIn(h().app, clinic.therapist);
    const admin = await signedIn(h().app, clinic.admin);
    const paired = async () =>
      (await therapist.get(`/api/clients/${clinic.client.clientId}/outcomes`)).json<OutcomesView>()
        .paired;
    const to = localDate(now, 'America/Toronto');
    const counts = async () =>
      (
        await admin.get(`/api/reports/outcomes?from=${addDays(to, -90)}&to=${to}`)
      ).json<OutcomesSummaryView>().clinic;

    expect(await paired()).toEqual({
      casenessAtStart: true,
      casenessAtEnd: true,
      recovery: false,
      reliableImprovement: false,
      reliableRecovery: false,
      reliableDeterioration: true,
    });
    expect(await counts()).toMatchObject({ reliablyImproved: 0, reliablyDeteriorated: 1 });

    const off = await admin.patch('/api/clinic/settings', {
      pairedImprovementRequiresNoDeterioration: false,
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ pairedImprovementRequiresNoDeterioration: false });
    // Deterioration still counts (it raises alerts); improvement no longer waits on it.
    expect(await paired()).toMatchObject({
      reliableImprovement: true,
      reliableDeterioration: true,
      reliableRecovery: false,
    });
    expect(await counts()).toMatchObject({ reliablyImproved: 1, reliablyDeteriorated: 1 });

    // Another clinic keeps the default.
    const other = await buildClinic(h().store);
    const otherAdmin = await signedIn(h().app, other.admin);
    expect((await otherAdmin.get('/api/clinic/settings')).json()).toMatchObject({
      pairedImprovementRequiresNoDeterioration: true,
    });
  });
});
