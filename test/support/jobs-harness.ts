import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { defaultJobs } from '../../src/jobs/index.ts';
import { createJobRunner, type JobRunner } from '../../src/jobs/runner.ts';
import { buildApp } from '../../src/server/app.ts';
import type { Store } from '../../src/store/db.ts';
import type { DialectName } from '../../src/store/dialect.ts';
import type { Actor } from '../../src/store/scope.ts';
import { FakeClock } from './clock.ts';
import { engines } from './engines.ts';
import type { TestClinic, TestUser } from './factories.ts';
import { signedIn } from './http.ts';
import { isolatedDatabase, type IsolatedDatabase } from './isolated-database.ts';

export interface JobsHarness {
  engine: DialectName;
  database: IsolatedDatabase;
  store: Store;
  app: ReturnType<typeof buildApp>;
  clock: FakeClock;
  runner: JobRunner;
}

/** Like describeEachEngine, but on a database of the suite's own (jobs scan every clinic). */
export function describeIsolated(name: string, suite: (h: () => JobsHarness) => void): void {
  for (const engine of engines()) {
    describe(`${name} [${engine}]`, () => {
      let harness: JobsHarness | undefined;
      beforeAll(async () => {
        const database = await isolatedDatabase(engine);
        const store = database.open();
        const clock = new FakeClock(new Date('2026-03-02T15:00:00.000Z'));
        const app = buildApp({ store, clock: clock.now });
        await app.ready();
        const runner = createJobRunner({ store, jobs: defaultJobs, clock: clock.now });
        harness = { engine, database, store, app, clock, runner };
      });
      afterAll(async () => {
        await harness?.runner.stop();
        await harness?.app.close();
        await harness?.store.close();
        await harness?.database.drop();
      });
      suite(() => {
        if (!harness) throw new Error('harness not ready');
        return harness;
      });
    });
  }
}

export function actorFor(clinic: TestClinic, user: TestUser): Actor {
  return {
    userId: user.id,
    clinicId: clinic.id,
    role: user.role,
    name: user.name,
    email: user.email,
    clientId: user.clientId ?? null,
  };
}

/** An active goal with a 0–10 measure (higher is better), made by the therapist over HTTP. */
export async function measuredGoal(
  h: JobsHarness,
  clinic: TestClinic,
  goal: { baseline?: number; target?: number; dueDate?: string } = {},
): Promise<{ id: string; measureId: string }> {
  const therapist = await signedIn(h.app, clinic.therapist);
  const res = await therapist.post(`/api/clients/${clinic.client.clientId}/goals`, {
    title: 'Feel rested in the morning',
    measure: { name: 'Rested', kind: 'scale', better: 'higher' },
    ...goal,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json<{ id: string; measureId: string }>();
}

/** Check-ins written straight to the table (the check-in API is not what these tests are about). */
export async function insertCheckIns(
  store: Store,
  clinic: TestClinic,
  measureId: string,
  points: { at: Date; value: number }[],
): Promise<void> {
  if (points.length === 0) return;
  await store.db
    .insertInto('check_ins')
    .values(
      points.map((p) => ({
        id: randomUUID(),
        client_id: clinic.client.clientId,
        measure_id: measureId,
        value: p.value,
        at: p.at.toISOString(),
        local_date: p.at.toISOString().slice(0, 10),
        received_at: p.at.toISOString(),
        note: null,
        entered_by: clinic.client.id,
        body_hash: randomUUID(),
      })),
    )
    .execute();
}

export function alertsOfClinic(store: Store, clinicId: string) {
  return store.db
    .selectFrom('alerts')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .orderBy('created_at')
    .execute();
}

/** Acknowledge as the other engineer's API will: stamp it and free its open slot. */
export async function acknowledge(store: Store, alertId: string, by: string, at: Date) {
  await store.db
    .updateTable('alerts')
    .set({ acknowledged_at: at.toISOString(), acknowledged_by: by, open_key: null })
    .where('id', '=', alertId)
    .execute();
}

export function auditActions(store: Store, resource: string) {
  return store.db
    .selectFrom('audit_events')
    .select(['action', 'actor_id'])
    .where('resource', '=', resource)
    .orderBy('seq')
    .execute();
}
