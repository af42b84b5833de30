import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ClientDashboardRow } from '../../src/contract/clients.ts';
import type { GoalView } from '../../src/contract/goals.ts';
import { localDate } from '../../src/domain/calendar.ts';
import { raiseAlert } from '../../src/store/alerts.ts';
import { insertClient, insertUser } from '../../src/store/accounts.ts';
import { describeEachEngine, type Harness } from '../support/engines.ts';
import { buildClinic } from '../support/factories.ts';
import { signedIn } from '../support/http.ts';

const DAY = 86_400_000;

async function addClient(
  h: Harness,
  clinicId: string,
  therapistId: string,
  name: string,
): Promise<string> {
  return h.store.db.transaction().execute(async (trx) => {
    const userId = await insertUser(
      trx,
      {
        clinicId,
        role: 'client',
        email: `${randomUUID()}@test.example`,
        name,
        passwordHash: 'x',
        locationId: null,
      },
      h.clock.now(),
    );
    return insertClient(
      trx,
      { clinicId, userId, timeZone: 'America/Toronto', locationId: null, therapistId },
      h.clock.now(),
    );
  });
}

async function checkIns(
  h: Harness,
  clientId: string,
  measureId: string,
  userId: string,
  values: number[],
): Promise<void> {
  const now = h.clock.now().getTime();
  const rows = values.map((value, i) => {
    const at = new Date(now - (values.length - 1 - i) * DAY).toISOString();
    return {
      id: randomUUID(),
      client_id: clientId,
      measure_id: measureId,
      value,
      at,
      local_date: localDate(at, 'America/Toronto'),
      received_at: at,
      note: null,
      entered_by: userId,
      body_hash: 'h',
    };
  });
  await h.store.db.insertInto('check_ins').values(rows).execute();
}

describeEachEngine('caseload dashboard', (h) => {
  it('shows each client with where they stand, risk first', async () => {
    const clinic = await buildClinic(h().store);
    const therapist = await signedIn(h().app, clinic.therapist);
    const improving = clinic.client.clientId;
    const atRisk = await addClient(h(), clinic.id, clinic.therapist.id, 'Zoe Risk');
    const silent = await addClient(h(), clinic.id, clinic.therapist.id, 'Sid Silent');
    await addClient(h(), clinic.id, clinic.therapist.id, 'Nina New');

    const goal = (
      await therapist.post(`/api/clients/${improving}/goals`, {
        title: 'Rate my mood each evening',
        measure: { name: 'Mood', kind: 'scale', better: 'higher' },
        baseline: 3,
        target: 8,
        dueDate: localDate(new Date(h().clock.now().getTime() + 60 * DAY), 'America/Toronto'),
      })
    ).json<GoalView>();
    await checkIns(h(), improving, goal.measureId!, clinic.client.id, [3, 3, 4, 4, 5, 5, 6, 6, 7]);

    const silentGoal = (
      await therapist.post(`/api/clients/${silent}/goals`, {
        title: 'Walk daily',
        measure: { name: 'Walks', kind: 'count', better: 'higher' },
      })
    ).json<GoalView>();
    h().clock.advance(-20 * DAY);
    await checkIns(h(), silent, silentGoal.measureId!, clinic.therapist.id, [1, 1, 1]);
    h().clock.advance(20 * DAY);

    await h()
      .store.db.transaction()
      .execute((trx) =>
        raiseAlert(
          trx,
          {
            clientId: atRisk,
            kind: 'risk',
            severity: 'high',
            source: `questionnaire/${randomUUID()}`,
            detail: 'PHQ-9 item 9 answered above 0',
          },
          h().clock.now(),
        ),
      );

    const res = await therapist.get('/api/clients');
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json<{ clients: ClientDashboardRow[] }>().clients;
    expect(rows.map((r) => [r.name, r.status])).toEqual([
      ['Zoe Risk', 'at-risk'],
      ['Sid Silent', 'silent'],
      ['Cleo Client', 'improving'],
      ['Nina New', 'new'],
    ]);
    const cleo = rows.find((r) => r.id === improving)!;
    expect(cleo.main).toMatchObject({
      goalId: goal.id,
      measureName: 'Mood',
      latest: 7,
      direction: 'improving',
    });
    expect(cleo.main!.sparkline).toHaveLength(9);
    expect(cleo.goals).toMatchObject({ active: 1, onTrack: 1 });
    expect(rows[0]!.alerts.risk).toBe(1);
  });

  it("shows each client's next session: the first dated today or later in their time zone", async () => {
    // 03:55 UTC on 12 March is still 11 March in Toronto (UTC−4 after the spring change).
    h().clock.set('2026-03-12T03:55:00Z');
    const clinic = await buildClinic(h().store, h().clock.now());
    const therapist = await signedIn(h().app, clinic.therapist);
    const booked = clinic.client.clientId;
    const unbooked = await addClient(h(), clinic.id, clinic.therapist.id, 'Una Unbooked');
    for (const date of ['2026-03-25', '2026-03-10', '2026-03-11', '2026-03-18']) {
      const res = await therapist.post(`/api/clients/${booked}/sessions`, { date });
      expect(res.statusCode, res.body).toBe(201);
    }
    await therapist.post(`/api/clients/${unbooked}/sessions`, { date: '2026-03-01' });

    const rows = (await therapist.get('/api/clients')).json<{ clients: ClientDashboardRow[] }>()
      .clients;
    expect(rows.find((r) => r.id === booked)!.nextSession).toMatchObject({
      date: '2026-03-11',
      therapist: { id: clinic.therapist.id },
    });
    expect(rows.find((r) => r.id === unbooked)!.nextSession).toBeNull();

    // Once Toronto's 11 March is over, the next one is a week later.
    h().clock.set('2026-03-12T04:05:00Z');
    const later = (await therapist.get('/api/clients')).json<{ clients: ClientDashboardRow[] }>()
      .clients;
    expect(later.find((r) => r.id === booked)!.nextSession?.date).toBe('2026-03-18');
  });
});
