import type { Bundle, Observation } from '@medplum/fhirtypes';
import { expect, it } from 'vitest';
import type { CorrectionView } from '../../src/contract/exports.ts';
import type { RecordJson } from '../../src/report/record-json.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectValidBundle } from '../support/fhir-validation.ts';
import { expectProblem, signedIn } from '../support/http.ts';
import { canReadPdf, pdfToText } from '../support/pdf.ts';
import { insertJournal, seedRecord } from '../support/record-fixtures.ts';

async function setup(h: Harness) {
  const clinic = await buildClinic(h.store);
  const therapist = await signedIn(h.app, clinic.therapist);
  const seed = await seedRecord(h, clinic, therapist);
  const client = await signedIn(h.app, clinic.client);
  const base = `/api/clients/${clinic.client.clientId}/corrections`;
  return { clinic, therapist, seed, client, base };
}

describeEachEngine('corrections to a record', (h) => {
  it('keeps the original beside an accepted correction in every presenter, never erasing it', async () => {
    const { clinic, therapist, seed, client, base } = await setup(h());
    const checkInId = seed.checkInIds[1]!; // a panic-attack count
    const stored = await h()
      .store.db.selectFrom('check_ins')
      .select('value')
      .where('id', '=', checkInId)
      .executeTakeFirstOrThrow();
    const asked = await client.post(base, {
      resource: 'check-in',
      resourceId: checkInId,
      field: 'value',
      requested: 'I tapped the wrong number: it was 2.',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const correction = asked.json<CorrectionView>();
    expect(correction).toMatchObject({
      status: 'open',
      original: stored.value,
      requestedBy: { id: clinic.client.id },
    });

    const answer = await therapist.post(`/api/corrections/${correction.id}/resolution`, {
      decision: 'accepted',
      corrected: 2,
      note: 'Corrected with Cleo in session.',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toMatchObject({
      status: 'accepted',
      corrected: 2,
      original: stored.value,
    });
    expectProblem(
      await therapist.post(`/api/corrections/${correction.id}/resolution`, {
        decision: 'declined',
        note: 'again',
      }),
      409,
      'already-resolved',
    );

    // The entry itself is untouched; the correction is a row of its own that cannot be edited.
    const after = await h()
      .store.db.selectFrom('check_ins')
      .select('value')
      .where('id', '=', checkInId)
      .executeTakeFirstOrThrow();
    expect(after.value).toBe(stored.value);
    await expect(
      h()
        .store.db.updateTable('corrections')
        .set({ requested: 'x' })
        .where('id', '=', correction.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      h()
        .store.db.deleteFrom('correction_resolutions')
        .where('correction_id', '=', correction.id)
        .execute(),
    ).rejects.toThrow(/append-only/);

    // JSON: the entry shows both values; FHIR: `corrected`, with the original in a note; CSV too.
    const doc = (
      await client.get(`/api/clients/${clinic.client.clientId}/export`)
    ).json<RecordJson>();
    const entry = doc.checkIns.find((c) => c.id === checkInId)!;
    expect(entry.value).toBe(stored.value);
    expect(entry.corrections).toEqual([
      expect.objectContaining({
        field: 'value',
        status: 'accepted',
        original: stored.value,
        corrected: 2,
      }),
    ]);
    const bundle = (
      await therapist.get(`/api/clients/${clinic.client.clientId}/fhir`)
    ).json<Bundle>();
    expectValidBundle(bundle);
    const obs = bundle
      .entry!.map((e) => e.resource!)
      .find(
        (r): r is Observation =>
          r.resourceType === 'Observation' && r.identifier?.[0]?.value === checkInId,
      )!;
    expect(obs.status).toBe('corrected');
    expect(obs.valueInteger).toBe(2);
    expect(obs.note?.map((n) => n.text).join(' ')).toContain(
      `originally recorded as ${stored.value}`,
    );
    const csv = (await therapist.get(`/api/clients/${clinic.client.clientId}/check-ins.csv`)).body;
    expect(csv.split('\r\n').find((l) => l.startsWith(checkInId))).toContain(`,${stored.value},2,`);
  });

  it.skipIf(!canReadPdf)(
    'shows a corrected goal title in the report with the original struck through',
    async () => {
      const { clinic, therapist, seed, client, base } = await setup(h());
      const asked = (
        await client.post(base, {
          resource: 'goal',
          resourceId: seed.panic.id,
          field: 'title',
          requested: 'I said two a week, not one.',
        })
      ).json<CorrectionView>();
      await therapist.post(`/api/corrections/${asked.id}/resolution`, {
        decision: 'accepted',
        corrected: 'At most two panic attacks a week',
      });
      const pdf = await therapist.get(`/api/clients/${clinic.client.clientId}/report.pdf`);
      const text = pdfToText(pdf.rawPayload).replace(/\s+/g, ' ');
      expect(text).toContain(
        'At most two panic attacks a week (corrected; was: At most one panic attack a week)',
      );
    },
  );

  it('declines only with a reason, and lists corrections for the client and their care team', async () => {
    const { clinic, therapist, seed, client, base } = await setup(h());
    const asked = (
      await client.post(base, {
        resource: 'questionnaire',
        resourceId: seed.responseIds[0],
        requested: 'I was unwell that day',
      })
    ).json<CorrectionView>();
    expect(asked.field).toBeNull();
    const noReason = expectProblem(
      await therapist.post(`/api/corrections/${asked.id}/resolution`, { decision: 'declined' }),
      400,
      'validation',
    );
    expect(noReason.field).toBe('note');
    const declined = await therapist.post(`/api/corrections/${asked.id}/resolution`, {
      decision: 'declined',
      note: 'The answers are as you gave them; your comment is kept with them.',
    });
    expect(declined.json()).toMatchObject({ status: 'declined', corrected: null });
    for (const s of [client, therapist, await signedIn(h().app, clinic.admin)]) {
      const list = (await s.get(base)).json<{ corrections: CorrectionView[] }>().corrections;
      expect(list.map((c) => [c.id, c.status])).toEqual([[asked.id, 'declined']]);
    }
  });

  it('refuses bad requests and answers 404 for entries and corrections out of reach', async () => {
    const { clinic, therapist, seed, client, base } = await setup(h());
    const bad = expectProblem(
      await client.post(base, {
        resource: 'goal',
        resourceId: seed.walking.id,
        field: 'status',
        requested: 'x',
      }),
      400,
      'validation',
    );
    expect(bad.field).toBe('field');
    expect(
      expectProblem(await client.post(base, { resource: 'goal', resourceId: seed.walking.id }), 400)
        .field,
    ).toBe('requested');
    // Another client's entry, an unknown id, and a private journal entry are all "no such entry".
    const other = await buildClinic(h().store);
    const otherTherapist = await signedIn(h().app, other.therapist);
    const foreignGoal = (
      await otherTherapist.post(`/api/clients/${other.client.clientId}/goals`, { title: 'Theirs' })
    ).json<{ id: string }>().id;
    const privateEntry = await insertJournal(h(), clinic, 'mine alone', 'private', h().clock.now());
    for (const [resource, resourceId] of [
      ['goal', foreignGoal],
      ['check-in', seed.walking.id],
      ['journal', privateEntry],
    ])
      expectProblem(
        await client.post(base, { resource, resourceId, requested: 'fix it' }),
        404,
        'not-found',
      );
    expectProblem(
      await therapist.post(base, { resource: 'goal', resourceId: seed.walking.id, requested: 'x' }),
      403,
    );
    const asked = (
      await client.post(base, {
        resource: 'check-in',
        resourceId: seed.checkInIds[0],
        field: 'value',
        requested: 'x',
      })
    ).json<CorrectionView>();
    expect(
      expectProblem(
        await therapist.post(`/api/corrections/${asked.id}/resolution`, {
          decision: 'accepted',
          corrected: -1,
        }),
        400,
        'validation',
      ).field,
    ).toBe('corrected');
    const outsider = await signedIn(h().app, clinic.otherTherapist);
    expectProblem(
      await outsider.post(`/api/corrections/${asked.id}/resolution`, {
        decision: 'accepted',
        corrected: 3,
      }),
      404,
      'not-found',
    );
    expectProblem(
      await client.post(`/api/corrections/${asked.id}/resolution`, { decision: 'accepted' }),
      403,
    );
    const rows = await h()
      .store.db.selectFrom('correction_resolutions')
      .select('correction_id')
      .where('correction_id', '=', asked.id)
      .execute();
    expect(rows).toEqual([]);
  });
});
