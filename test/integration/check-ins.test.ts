import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { MeasureView } from '../../src/contract/goals.ts';
import type {
  CheckInBatchAnswer,
  CheckInList,
  CheckInView,
} from '../../src/contract/measurement.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { expectProblem, Session, signedIn } from '../support/http.ts';

async function setup(h: Harness) {
  h.clock.set('2026-03-10T15:00:00Z');
  const clinic = await buildClinic(h.store);
  const therapist = await signedIn(h.app, clinic.therapist);
  const client = await signedIn(h.app, clinic.client);
  const clientId = clinic.client.clientId;
  const measure = (
    await therapist.post(`/api/clients/${clientId}/measures`, {
      name: 'Mood',
      kind: 'scale',
      unit: 'points',
      better: 'higher',
    })
  ).json<MeasureView>();
  return { clinic, therapist, client, clientId, measure };
}

async function count(h: Harness, clientId: string): Promise<number> {
  const rows = await h.store.db
    .selectFrom('check_ins')
    .select('id')
    .where('client_id', '=', clientId)
    .execute();
  return rows.length;
}

const post = (s: Session, clientId: string, body: unknown) =>
  s.post(`/api/clients/${clientId}/check-ins`, body);

describeEachEngine('measures and check-ins', (h) => {
  it('lists and adds measures; only a therapist adds one', async () => {
    const { client, therapist, clientId, measure } = await setup(h());
    expect(measure).toEqual({
      id: expect.any(String),
      name: 'Mood',
      kind: 'scale',
      unit: 'points',
      better: 'higher',
      sd: null,
      reliability: null,
      reliableChangeThreshold: null,
    });
    const listed = (await client.get(`/api/clients/${clientId}/measures`)).json<{
      measures: MeasureView[];
    }>();
    expect(listed.measures).toEqual([measure]);
    expectProblem(
      await client.post(`/api/clients/${clientId}/measures`, {
        name: 'Sleep',
        kind: 'minutes',
        better: 'higher',
      }),
      403,
      'forbidden',
    );
    const bad = expectProblem(
      await therapist.post(`/api/clients/${clientId}/measures`, { name: 'X', kind: 'hours' }),
      400,
      'validation',
    );
    expect(bad.field).toBe('kind');
    const anon = new Session(h().app);
    expectProblem(await anon.get(`/api/clients/${clientId}/measures`), 401);
  });

  it('stores a check-in once: a retry gets the same answer, another body 409', async () => {
    const { client, therapist, clientId, measure, clinic } = await setup(h());
    const id = randomUUID();
    const body = {
      id,
      measureId: measure.id,
      value: 6,
      at: '2026-03-10T09:30:00-05:00',
      note: 'ok',
    };
    const first = await post(client, clientId, body);
    expect(first.statusCode, first.body).toBe(201);
    const view = first.json<CheckInView>();
    expect(view).toEqual({
      id,
      clientId,
      measureId: measure.id,
      value: 6,
      at: '2026-03-10T14:30:00.000Z',
      localDate: '2026-03-10',
      receivedAt: '2026-03-10T15:00:00.000Z',
      note: 'ok',
      enteredBy: clinic.client.id,
    });

    // Later, the same body again (keys in another order, `at` written in UTC): same answer.
    h().clock.advance(60_000);
    const again = await post(client, clientId, {
      note: 'ok',
      at: '2026-03-10T14:30:00Z',
      value: 6,
      measureId: measure.id,
      id,
    });
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    // The therapist resending the same body (e.g. a shared queue) also gets it.
    expect((await post(therapist, clientId, body)).body).toBe(first.body);
    expect(await count(h(), clientId)).toBe(1);

    const other = expectProblem(
      await post(client, clientId, { ...body, value: 7 }),
      409,
      'id-conflict',
    );
    expect(other.detail).toMatch(/new id/);
    expect(await count(h(), clientId)).toBe(1);
  });

  it('treats a body without `at` as the same body on retry, stamped when first received', async () => {
    const { client, clientId, measure } = await setup(h());
    const body = { id: randomUUID(), measureId: measure.id, value: 3 };
    const first = await post(client, clientId, body);
    expect(first.statusCode).toBe(201);
    h().clock.advance(10 * 60_000);
    const again = await post(client, clientId, body);
    expect(again.body).toBe(first.body);
    expect(first.json<CheckInView>().at).toBe('2026-03-10T15:00:00.000Z');
  });

  it('refuses bad check-ins with 400 naming the field, storing nothing', async () => {
    const { client, clientId, measure, therapist } = await setup(h());
    const yesno = (
      await therapist.post(`/api/clients/${clientId}/measures`, {
        name: 'Walked today',
        kind: 'yesno',
        better: 'higher',
      })
    ).json<MeasureView>();
    const ok = { id: randomUUID(), measureId: measure.id, value: 5 };
    const cases: [unknown, string][] = [
      [{ ...ok, value: 11 }, 'value'],
      [{ ...ok, value: -1 }, 'value'],
      [{ ...ok, value: 'five' }, 'value'],
      [{ ...ok, measureId: yesno.id, value: 0.5 }, 'value'],
      [{ ...ok, id: 'not-a-uuid' }, 'id'],
      [{ ...ok, measureId: randomUUID() }, 'measureId'],
      [{ ...ok, at: '2026-03-10T15:06:00Z' }, 'at'], // beyond the 5-minute clock-skew allowance
      [{ ...ok, at: 'yesterday' }, 'at'],
      [{ ...ok, extra: true }, ''],
      [{ measureId: measure.id, value: 5 }, 'id'],
    ];
    for (const [body, field] of cases) {
      const p = expectProblem(await post(client, clientId, body), 400, 'validation');
      if (field) expect(p.field, JSON.stringify(body)).toBe(field);
    }
    // A little ahead of the server (a phone's clock drifts) is fine.
    const skewed = await post(client, clientId, { ...ok, at: '2026-03-10T15:04:00Z' });
    expect(skewed.statusCode).toBe(201);
    expect(await count(h(), clientId)).toBe(1);
  });

  it('refuses a measure of another client, and another client altogether', async () => {
    const { client, therapist, clientId, clinic } = await setup(h());
    const admin = await signedIn(h().app, clinic.admin);
    const otherTherapist = await signedIn(h().app, clinic.otherTherapist);
    const theirs = (
      await otherTherapist.post(`/api/clients/${clinic.otherClient.clientId}/measures`, {
        name: 'Panic attacks',
        kind: 'count',
        better: 'lower',
      })
    ).json<MeasureView>();
    const body = { id: randomUUID(), measureId: theirs.id, value: 1 };
    expect(expectProblem(await post(client, clientId, body), 400).field).toBe('measureId');
    expectProblem(await post(client, clinic.otherClient.clientId, body), 404, 'not-found');
    expectProblem(await post(therapist, clinic.otherClient.clientId, body), 404, 'not-found');
    expectProblem(await post(admin, clientId, body), 403, 'forbidden');
    expectProblem(await new Session(h().app).post(`/api/clients/${clientId}/check-ins`, body), 401);
    expect(await count(h(), clinic.otherClient.clientId)).toBe(0);
  });

  it('lists oldest first, by measure, and pages backwards with limit and before', async () => {
    const { client, therapist, clientId, measure } = await setup(h());
    const sleep = (
      await therapist.post(`/api/clients/${clientId}/measures`, {
        name: 'Sleep',
        kind: 'minutes',
        better: 'higher',
      })
    ).json<MeasureView>();
    const ats: string[] = [];
    for (let d = 1; d <= 7; d++) {
      const at = `2026-03-0${d}T12:00:00.000Z`;
      ats.push(at);
      expect(
        (await post(client, clientId, { id: randomUUID(), measureId: measure.id, value: d, at }))
          .statusCode,
      ).toBe(201);
    }
    await post(client, clientId, {
      id: randomUUID(),
      measureId: sleep.id,
      value: 420,
      at: '2026-03-02T07:00:00Z',
    });

    const all = (await therapist.get(`/api/clients/${clientId}/check-ins`)).json<CheckInList>();
    expect(all.checkIns).toHaveLength(8);
    expect(all.next).toBeNull();
    const mood = (
      await therapist.get(`/api/clients/${clientId}/check-ins?measureId=${measure.id}`)
    ).json<CheckInList>();
    expect(mood.checkIns.map((c) => c.at)).toEqual(ats);

    const seen: string[] = [];
    let url = `/api/clients/${clientId}/check-ins?measureId=${measure.id}&limit=3`;
    for (;;) {
      const page = (await client.get(url)).json<CheckInList>();
      seen.unshift(...page.checkIns.map((c) => c.at));
      const sorted = [...page.checkIns.map((c) => c.at)].sort();
      expect(page.checkIns.map((c) => c.at)).toEqual(sorted);
      if (!page.next) break;
      url = `/api/clients/${clientId}/check-ins?measureId=${measure.id}&limit=3&before=${page.next}`;
    }
    expect(seen).toEqual(ats);

    for (const q of ['limit=0', 'limit=1001', 'limit=x', 'before=garbage', 'measureId=nope']) {
      const p = expectProblem(await client.get(`/api/clients/${clientId}/check-ins?${q}`), 400);
      expect(p.field).toMatch(/^query\./);
    }
  });

  it('takes an offline batch: each item answered as alone, a bad one sinks nothing', async () => {
    const { client, clientId, measure } = await setup(h());
    const stored = {
      id: randomUUID(),
      measureId: measure.id,
      value: 4,
      at: '2026-03-09T10:00:00Z',
    };
    const first = (await post(client, clientId, stored)).json<CheckInView>();
    const fresh = { id: randomUUID(), measureId: measure.id, value: 8, at: '2026-03-10T08:00:00Z' };
    const res = await client.post(`/api/clients/${clientId}/check-ins/batch`, {
      checkIns: [
        fresh,
        stored, // a retry of one that already arrived
        { ...stored, value: 9 }, // the same id with another body
        { id: randomUUID(), measureId: measure.id, value: 42 }, // out of range
        { value: 1 }, // no id
        fresh, // repeated within the batch
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const { results } = res.json<CheckInBatchAnswer>();
    expect(results.map((r) => r.status)).toEqual([201, 201, 409, 400, 400, 201]);
    expect(results[0]!.checkIn).toMatchObject({ id: fresh.id, value: 8 });
    expect(results[1]!.checkIn).toEqual(first);
    expect(results[2]!.problem).toMatchObject({ status: 409, code: 'id-conflict' });
    expect(results[3]!.problem).toMatchObject({ status: 400, code: 'validation', field: 'value' });
    expect(results[4]).toMatchObject({ id: null, problem: { field: 'id' } });
    expect(results[5]!.checkIn).toEqual(results[0]!.checkIn);
    expect(await count(h(), clientId)).toBe(2);

    // The whole queue again: the same answers, nothing more stored.
    const replay = await client.post(`/api/clients/${clientId}/check-ins/batch`, {
      checkIns: [fresh, stored],
    });
    expect(replay.json<CheckInBatchAnswer>().results.map((r) => r.checkIn)).toEqual([
      results[0]!.checkIn,
      first,
    ]);
    expect(await count(h(), clientId)).toBe(2);

    for (const body of [
      {},
      { checkIns: [] },
      { checkIns: 'x' },
      { checkIns: Array(501).fill(fresh) },
    ]) {
      expect(
        expectProblem(await client.post(`/api/clients/${clientId}/check-ins/batch`, body), 400)
          .field,
      ).toBe('checkIns');
    }
  });

  it('stores a concurrent double submission once', async () => {
    const { client, clientId, measure } = await setup(h());
    const body = { id: randomUUID(), measureId: measure.id, value: 2 };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => post(client, clientId, body)),
    );
    expect(new Set(answers.map((a) => a.statusCode))).toEqual(new Set([201]));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(await count(h(), clientId)).toBe(1);
    // One of them stored it and was audited as such; the others as retries.
    const events = await h()
      .store.db.selectFrom('audit_events')
      .select('action')
      .where('resource', '=', `check-in/${body.id}`)
      .execute();
    expect(events.map((e) => e.action).sort()).toEqual([
      'checkin.create',
      ...Array.from({ length: 5 }, () => 'checkin.retry'),
    ]);
  });

  it('audits every read and write of check-ins', async () => {
    const { client, clientId, measure, clinic } = await setup(h());
    const body = { id: randomUUID(), measureId: measure.id, value: 2 };
    await post(client, clientId, body);
    await post(client, clientId, body);
    await client.get(`/api/clients/${clientId}/check-ins`);
    const events = await h()
      .store.db.selectFrom('audit_events')
      .select(['action', 'resource'])
      .where('client_id', '=', clientId)
      .where('actor_id', '=', clinic.client.id)
      .orderBy('seq')
      .execute();
    expect(events).toEqual([
      { action: 'checkin.create', resource: `check-in/${body.id}` },
      { action: 'checkin.retry', resource: `check-in/${body.id}` },
      { action: 'checkin.list', resource: `client/${clientId}/check-ins` },
    ]);
  });
});
