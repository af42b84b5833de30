import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { auditSealJob } from '../../../src/jobs/audit-seal.ts';
import { defaultJobs } from '../../../src/jobs/index.ts';
import { verifyAuditChain } from '../../../src/store/audit.ts';
import { buildApp } from '../../../src/server/app.ts';
import { raiseAlert } from '../../../src/store/alerts.ts';
import { FakeClock } from '../../support/clock.ts';
import { buildClinic } from '../../support/factories.ts';
import { Session } from '../../support/http.ts';
import { seedScene, type Scene } from '../support/check-ins.ts';
import { faults } from '../support/config.ts';
import { privateDatabase, type PrivateDatabase } from '../support/databases.ts';
import { HttpSession, signIn } from '../support/http.ts';
import { sleep, startServer, type ServerProcess } from '../support/processes.ts';

const dayMs = 86_400_000;

/**
 * Work each scheduled job must do exactly once, made before any server runs, all of it due:
 * a job that finds nothing to do runs quietly (no log line), so each gets something.
 */
async function dueWork(db: PrivateDatabase) {
  const store = db.open();
  try {
    const clock = new FakeClock(new Date(Date.now() - 40 * dayMs));
    const app = buildApp({ store, clock: clock.now });
    const clinic = await buildClinic(store, clock.now());
    // silence: a measured goal 40 days old, never checked in.
    const therapist = new Session(app);
    await therapist.login(clinic.therapist);
    const quiet = await therapist.post(`/api/clients/${clinic.client.clientId}/goals`, {
      title: 'Check in daily',
      status: 'active',
      measure: { name: 'Mood', kind: 'scale', better: 'higher' },
    });
    expect(quiet.statusCode, quiet.body).toBe(201);
    // off-track: a goal from 2 to 8 whose daily check-ins have stayed at 2 for 40 days.
    const other = new Session(app);
    await other.login(clinic.otherTherapist);
    const behind = await other.post(`/api/clients/${clinic.otherClient.clientId}/goals`, {
      title: 'Feel rested',
      status: 'active',
      measure: { name: 'Rested', kind: 'scale', better: 'higher' },
      baseline: 2,
      target: 8,
      dueDate: new Date(Date.now() + 30 * dayMs).toISOString().slice(0, 10),
    });
    expect(behind.statusCode, behind.body).toBe(201);
    const { measureId } = behind.json<{ measureId: string }>();
    await store.db
      .insertInto('check_ins')
      .values(
        Array.from({ length: 40 }, (_, d) => {
          const at = new Date(clock.now().getTime() + d * dayMs + 3_600_000).toISOString();
          return {
            id: randomUUID(),
            client_id: clinic.otherClient.clientId,
            measure_id: measureId,
            value: 2,
            at,
            local_date: at.slice(0, 10),
            received_at: at,
            note: null,
            entered_by: clinic.otherClient.id,
            body_hash: randomUUID(),
          };
        }),
      )
      .execute();
    // sustain-slip: an achieved goal being sustained whose latest check-in is past its line.
    const kept = await other.post(`/api/clients/${clinic.otherClient.clientId}/goals`, {
      title: 'Walk 3 times a week',
      measure: { name: 'Walks', kind: 'count', unit: 'walks', better: 'higher' },
      baseline: 1,
      target: 3,
    });
    expect(kept.statusCode, kept.body).toBe(201);
    const keptGoal = kept.json<{ id: string; measureId: string }>();
    const achieved = await other.post(
      `/api/goals/${keptGoal.id}/reviews`,
      { decision: 'achieved', reason: 'Three walks a week for a month' },
      { 'if-match': '"1"' },
    );
    expect(achieved.statusCode, achieved.body).toBe(201);
    const sustained = await other.patch(
      `/api/goals/${keptGoal.id}`,
      { sustain: { checkInEveryDays: 14, slipThreshold: 2 } },
      { 'if-match': '"2"' },
    );
    expect(sustained.statusCode, sustained.body).toBe(200);
    clock.advance(60_000);
    const client = new Session(app);
    await client.login(clinic.otherClient);
    const slipped = await client.post(`/api/clients/${clinic.otherClient.clientId}/check-ins`, {
      id: randomUUID(),
      measureId: keptGoal.measureId,
      value: 1,
      at: clock.now().toISOString(),
    });
    expect(slipped.statusCode, slipped.body).toBe(201);
    // housekeeping: the two sessions above, idle for 40 days, and a failed login as old.
    expect((await new Session(app).login({ email: 'nobody@fuzz.example' })).statusCode).toBe(401);
    await app.close();
    // risk escalation: a risk alert nobody acknowledged for two days.
    const riskId = await store.db.transaction().execute((trx) =>
      raiseAlert(
        trx,
        {
          clientId: clinic.client.clientId,
          kind: 'risk',
          severity: 'high',
          source: 'questionnaire/several-servers',
          detail: 'PHQ-9 item 9',
        },
        new Date(Date.now() - 2 * dayMs),
      ),
    );
    return { clinicId: clinic.id, riskId: riskId! };
  } finally {
    await store.close();
  }
}

describe.runIf(inject('pgUrl'))('several servers on one PostgreSQL', () => {
  let db: PrivateDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  let scene: Scene;
  let due: Awaited<ReturnType<typeof dueWork>>;
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  beforeAll(async () => {
    db = await privateDatabase('postgres');
    due = await dueWork(db);
    // Both migrate and tick their job runner at start-up, at about the same moment. Job runs
    // are logged at info.
    [a, b] = await Promise.all([
      startServer({ databaseUrl: db.url, env: { LOG_LEVEL: 'info' } }),
      startServer({ databaseUrl: db.url, env: { LOG_LEVEL: 'info' } }),
    ]);
    scene = await seedScene(db, a.url);
  }, 90_000);

  it('runs each due scheduled job in one process only', { timeout: 60_000 }, async () => {
    const store = db.open();
    try {
      // Wait for the start-up ticks to finish every job (each is due at once on a new database).
      const deadline = Date.now() + 30_000;
      let jobs: { name: string; last_run_at: string | null; locked_by: string | null }[] = [];
      while (Date.now() < deadline) {
        // The audit sealer (a one-second job of its own, checked below) is not among them.
        jobs = await store.db
          .selectFrom('jobs')
          .select(['name', 'last_run_at', 'locked_by'])
          .where('name', '!=', auditSealJob.name)
          .execute();
        if (jobs.length >= defaultJobs.length && jobs.every((j) => j.last_run_at && !j.locked_by))
          break;
        await sleep(100);
      }
      expect(jobs.map((j) => j.name).sort()).toEqual(defaultJobs.map((j) => j.name).sort());
      expect(jobs.every((j) => j.last_run_at !== null && j.locked_by === null)).toBe(true);

      // Counted from both processes' logs (which may arrive a moment after the database
      // says so). A run is logged when it changed something: the jobs given work above ran
      // once in all; the others (reminders, summaries, digest — due by the wall clock, so with
      // or without work today) at most once.
      const seeded = ['risk-escalation', 'silence', 'off-track', 'sustain-slip', 'housekeeping'];
      const runsOf = (job: string) =>
        [a, b].map((s) => s.linesMatching(new RegExp(`"msg":"job ${job} (ran|failed)"`)).length);
      const logged = () => seeded.every((name) => runsOf(name).some((n) => n > 0));
      while (!logged() && Date.now() < deadline) await sleep(50);
      await sleep(500);
      for (const job of defaultJobs) {
        const [inA, inB] = runsOf(job.name);
        const message = `${job.name} ran ${inA} times in one process, ${inB} in the other`;
        if (seeded.includes(job.name)) expect(inA! + inB!, message).toBe(1);
        else expect(inA! + inB!, message).toBeLessThanOrEqual(1);
      }
      expect([a, b].flatMap((s) => s.linesMatching(/"msg":"job \S+ failed"/))).toEqual([]);
      const runs = Object.fromEntries(
        defaultJobs.map((j) => {
          const line = [a, b].flatMap((s) =>
            s.linesMatching(new RegExp(`"msg":"job ${j.name} ran"`)),
          )[0];
          return [j.name, JSON.parse(line ?? '{}') as Record<string, unknown>];
        }),
      );
      expect(runs['risk-escalation']).toMatchObject({ escalated: 1 });
      expect(runs.silence).toMatchObject({ raised: 1 });
      expect(runs['off-track']).toMatchObject({ raised: 1 });
      expect(runs['sustain-slip']).toMatchObject({ raised: 1 });
      expect(runs.housekeeping).toMatchObject({ sessions: 3, loginFailures: 2 });

      // What they did, done once: one alert per cause, one audit event per alert.
      const alerts = await store.db
        .selectFrom('alerts')
        .select(['id', 'kind', 'escalated_at'])
        .where('clinic_id', '=', due.clinicId)
        .execute();
      expect(alerts.map((x) => x.kind).sort()).toEqual([
        'off-track',
        'off-track',
        'risk',
        'silence',
      ]);
      expect(alerts.find((x) => x.id === due.riskId)?.escalated_at).not.toBeNull();
      const audit = await store.db
        .selectFrom('audit_events')
        .select(['action', 'resource'])
        .where('action', 'in', ['alert.escalate', 'alert.raise'])
        .where(
          'resource',
          'in',
          alerts.map((x) => `alert/${x.id}`),
        )
        .orderBy('resource')
        .execute();
      expect(audit).toEqual(
        alerts
          .map((x) => ({
            action: x.id === due.riskId ? 'alert.escalate' : 'alert.raise',
            resource: `alert/${x.id}`,
          }))
          .sort((p, q) => (p.resource < q.resource ? -1 : 1)),
      );

      // Both servers run the audit sealer each second: every event ends up linked once, in
      // one intact chain, within a few seconds.
      let audited = await verifyAuditChain(store.db);
      const sealedBy = Date.now() + 15_000;
      while (audited.unsealed > 0 && Date.now() < sealedBy) {
        await sleep(200);
        audited = await verifyAuditChain(store.db);
      }
      expect(audited).toMatchObject({ broken: null, unsealed: 0 });
      expect(audited.checked).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('takes a session made on one process on the other, and ends it on both', async () => {
    const onA = await signIn(a.url, scene.clinic.client);
    const onB = onA.on(b.url);
    const me = await onB.get('/api/me');
    expect(me.status, me.text).toBe(200);
    expect(me.json).toMatchObject({
      user: { role: 'client', clientId: scene.clinic.client.clientId },
      csrfToken: onA.csrf,
    });
    // A write on B with the CSRF token A handed out.
    const write = await onB.patch(
      `/api/goals/${scene.goalId}`,
      { why: 'So I sleep better' },
      { 'if-match': (await onB.get(`/api/goals/${scene.goalId}`)).headers.get('etag') ?? '' },
    );
    expect(write.status, write.text).toBe(200);
    // Logging out on B ends the session on A too.
    expect((await onB.post('/api/auth/logout', {})).status).toBe(204);
    const gone = await new HttpSession(a.url).request('GET', '/api/me', undefined, {
      cookie: onA.cookie ?? '',
    });
    expect(gone.status).toBe(401);
  });

  it(
    'lets exactly one of two concurrent edits with the same If-Match win',
    { timeout: 60_000 },
    async () => {
      const viaA = await signIn(a.url, scene.clinic.therapist);
      const viaB = await signIn(b.url, scene.clinic.therapist);
      const goalPath = `/api/goals/${scene.goalId}`;
      const startVersion = (await viaA.get(goalPath)).json as { version: number };
      for (let round = 0; round < faults.raceRounds; round++) {
        const etag = (await viaA.get(goalPath)).headers.get('etag')!;
        const [ra, rb] = await Promise.all([
          viaA.patch(goalPath, { title: `Walk daily (A${round})` }, { 'if-match': etag }),
          viaB.patch(goalPath, { title: `Walk daily (B${round})` }, { 'if-match': etag }),
        ]);
        const statuses = [ra.status, rb.status].sort();
        expect(statuses, `round ${round}: ${ra.text} / ${rb.text}`).toEqual([200, 412]);
        const loser = ra.status === 412 ? ra : rb;
        expect(loser.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(loser.json).toMatchObject({ code: 'stale' });
        const winner = ra.status === 200 ? ra : rb;
        const now = (await viaB.get(goalPath)).json as { title: string };
        expect(now.title).toBe((winner.json as { title: string }).title);
      }
      // One revision per winning edit, none for the losers.
      const revisions = (await viaB.get(`${goalPath}/revisions`)).json as {
        revisions: { version: number }[];
      };
      const versions = revisions.revisions.map((r) => r.version);
      expect(versions.slice(-faults.raceRounds)).toEqual(
        Array.from({ length: faults.raceRounds }, (_, i) => startVersion.version + 1 + i),
      );
      expect(new Set(versions).size).toBe(versions.length);
    },
  );
});
