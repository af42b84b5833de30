import { expect, it } from 'vitest';
import { offTrackJob } from '../../src/jobs/off-track.ts';
import { silenceJob } from '../../src/jobs/silence.ts';
import { listAlerts } from '../../src/store/alert-queries.ts';
import { raiseAlert } from '../../src/store/alerts.ts';
import { claimJob, ensureJobs, finishJob } from '../../src/store/jobs.ts';
import { days, hours, minutes } from '../support/clock.ts';
import { buildClinic } from '../support/factories.ts';
import { Session, signedIn } from '../support/http.ts';
import {
  acknowledge,
  actorFor,
  alertsOfClinic,
  auditActions,
  describeIsolated,
  insertCheckIns,
  measuredGoal,
} from '../support/jobs-harness.ts';

describeIsolated('scheduled jobs', (h) => {
  it('gives a due job to exactly one of many racing claimers, and takes over an expired lease', async () => {
    const other = h().database.open();
    try {
      const now = h().clock.now();
      await ensureJobs(h().store.db, ['probe'], now);
      await ensureJobs(other.db, ['probe'], now); // a second process: no duplicate row, no error
      const claims = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          claimJob((i % 2 ? other : h().store).db, 'probe', `p${i}`, now, minutes(5)),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const winner = `p${claims.indexOf(true)}`;
      const later = new Date(now.getTime() + minutes(1));
      expect(await claimJob(other.db, 'probe', 'late', later, minutes(5))).toBe(false);
      const expired = new Date(now.getTime() + minutes(5) + 1);
      expect(await claimJob(other.db, 'probe', 'rescuer', expired, minutes(5))).toBe(true);
      // The first owner lost its lease: its finish must not overwrite the rescuer's schedule.
      const next = new Date(now.getTime() + hours(1));
      expect(
        await finishJob(h().store.db, 'probe', winner, { at: now, nextRunAt: next, error: null }),
      ).toBe(false);
      expect(
        await finishJob(other.db, 'probe', 'rescuer', {
          at: expired,
          nextRunAt: next,
          error: null,
        }),
      ).toBe(true);
      expect(
        await claimJob(other.db, 'probe', 'early', new Date(next.getTime() - 1), minutes(5)),
      ).toBe(false);
      expect(await claimJob(other.db, 'probe', 'on-time', next, minutes(5))).toBe(true);
    } finally {
      await other.close();
    }
  });

  it("escalates an unacknowledged risk alert once, after the clinic's time, to the admins", async () => {
    const { store, clock, runner } = h();
    const clinic = await buildClinic(store, clock.now());
    const raise = (source: string) =>
      store.db.transaction().execute((trx) =>
        raiseAlert(
          trx,
          {
            clientId: clinic.client.clientId,
            kind: 'risk',
            severity: 'high',
            source,
            detail: 'PHQ-9 item 9',
          },
          clock.now(),
        ),
      );
    const open = (await raise('questionnaire/a'))!;
    const acked = (await raise('questionnaire/b'))!;
    await acknowledge(store, acked, clinic.therapist.id, clock.now());
    const admin = actorFor(clinic, clinic.admin);
    const therapist = actorFor(clinic, clinic.therapist);

    clock.advance(minutes(239)); // the default is 240 minutes
    await runner.tick();
    const open500 = { includeAcknowledged: false, limit: 500 };
    expect(await listAlerts(store.db, admin, open500)).toEqual([]);
    expect(await listAlerts(store.db, therapist, open500)).toMatchObject([
      { id: open, escalated_at: null },
    ]);

    clock.advance(minutes(2));
    const runs = await runner.tick();
    expect(runs.find((r) => r.job === 'risk-escalation')?.outcome).toEqual({ escalated: 1 });
    expect(await listAlerts(store.db, admin, open500)).toMatchObject([
      { id: open, kind: 'risk', escalated_at: clock.now().toISOString() },
    ]);
    expect(await listAlerts(store.db, actorFor(clinic, clinic.client), open500)).toEqual([]);
    for (let i = 0; i < 3; i++) {
      clock.advance(minutes(1));
      await runner.tick();
    }
    expect(await auditActions(store, `alert/${open}`)).toEqual([
      { action: 'alert.escalate', actor_id: null },
    ]);
    const acknowledged = (await alertsOfClinic(store, clinic.id)).find((a) => a.id === acked);
    expect(acknowledged?.escalated_at).toBeNull();
    const all = await listAlerts(store.db, admin, { includeAcknowledged: true, limit: 500 });
    expect(all.map((a) => a.id)).toEqual([open]); // an acknowledged one never reached the admins
  });

  it("uses each clinic's own escalation time, set through the settings API", async () => {
    const { store, clock, runner, app } = h();
    const clinic = await buildClinic(store, clock.now());
    const admin = await signedIn(app, clinic.admin);
    expect(
      (await admin.patch('/api/clinic/settings', { riskEscalationMinutes: 5 })).statusCode,
    ).toBe(200);
    const id = await store.db.transaction().execute((trx) =>
      raiseAlert(
        trx,
        {
          clientId: clinic.client.clientId,
          kind: 'risk',
          severity: 'high',
          source: 'questionnaire/c',
          detail: '',
        },
        clock.now(),
      ),
    );
    clock.advance(minutes(4));
    await runner.tick();
    expect((await alertsOfClinic(store, clinic.id))[0]?.escalated_at).toBeNull();
    clock.advance(minutes(2));
    await runner.tick();
    expect((await alertsOfClinic(store, clinic.id))[0]).toMatchObject({
      id,
      escalated_at: clock.now().toISOString(),
    });
  });

  it("raises one silence alert per silent stretch, after the clinic's silenceDays", async () => {
    const { store, clock } = h();
    const clinic = await buildClinic(store, clock.now());
    const goal = await measuredGoal(h(), clinic);
    const run = () => silenceJob.run({ store, now: clock.now() });
    const silences = async () =>
      (await alertsOfClinic(store, clinic.id)).filter((a) => a.kind === 'silence');

    await insertCheckIns(store, clinic, goal.measureId, [{ at: clock.now(), value: 5 }]);
    clock.advance(days(7) - minutes(1));
    await run();
    expect(await silences()).toEqual([]);
    clock.advance(minutes(2));
    await run();
    await run();
    const [first, ...more] = await silences();
    expect(more).toEqual([]);
    expect(first).toMatchObject({
      client_id: clinic.client.clientId,
      source: `client/${clinic.client.clientId}`,
      owner_id: clinic.therapist.id,
      detail: 'No check-in for 7 days.',
    });
    expect(await auditActions(store, `alert/${first!.id}`)).toEqual([
      { action: 'alert.raise', actor_id: null },
    ]);

    // Acknowledged: no new alert while the same silence goes on…
    await acknowledge(store, first!.id, clinic.therapist.id, clock.now());
    clock.advance(days(3));
    await run();
    expect(await silences()).toHaveLength(1);
    // …but a new one after they check in and fall silent again.
    await insertCheckIns(store, clinic, goal.measureId, [{ at: clock.now(), value: 6 }]);
    clock.advance(days(7) + minutes(1));
    await run();
    expect((await silences()).map((a) => a.acknowledged_at === null)).toEqual([false, true]);
    // The other client has no measured goal: nothing to check in on, so never "silent".
    expect(
      (await alertsOfClinic(store, clinic.id)).some(
        (a) => a.client_id === clinic.otherClient.clientId,
      ),
    ).toBe(false);
  });

  it('counts a client who never checked in from their first measured goal, in clinic days', async () => {
    const { store, clock, app } = h();
    const clinic = await buildClinic(store, clock.now());
    const admin = await signedIn(app, clinic.admin);
    expect((await admin.patch('/api/clinic/settings', { silenceDays: 3 })).statusCode).toBe(200);
    await measuredGoal(h(), clinic);
    clock.advance(days(3) + minutes(1));
    await silenceJob.run({ store, now: clock.now() });
    expect((await alertsOfClinic(store, clinic.id)).map((a) => [a.kind, a.detail])).toEqual([
      ['silence', 'No check-in in the 3 days since their first measured goal.'],
    ]);
  });

  it('raises an off-track alert for a goal behind its line for two weeks, once', async () => {
    const { store, clock } = h();
    const clinic = await buildClinic(store, clock.now());
    const start = clock.now();
    const due = new Date(start.getTime() + days(60)).toISOString().slice(0, 10);
    const behind = await measuredGoal(h(), clinic, { baseline: 2, target: 8, dueDate: due });
    const onTrack = await measuredGoal(h(), clinic, { baseline: 2, target: 8, dueDate: due });
    const untargeted = await measuredGoal(h(), clinic);
    const day = (d: number) => new Date(start.getTime() + days(d) + hours(3));
    const range = Array.from({ length: 30 }, (_, d) => d);
    await insertCheckIns(
      store,
      clinic,
      behind.measureId,
      range.map((d) => ({ at: day(d), value: 2 })),
    );
    await insertCheckIns(
      store,
      clinic,
      onTrack.measureId,
      range.map((d) => ({ at: day(d), value: 2 + d * 0.1 })),
    );
    await insertCheckIns(
      store,
      clinic,
      untargeted.measureId,
      range.map((d) => ({ at: day(d), value: 0 })),
    );
    clock.set(day(30));
    const run = () => offTrackJob.run({ store, now: clock.now() });

    expect(await run()).toEqual({ raised: 1 });
    expect(await run()).toEqual({ raised: 0 });
    const [alert, ...rest] = await alertsOfClinic(store, clinic.id);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      kind: 'off-track',
      source: `goal/${behind.id}`,
      severity: 'low',
    });
    expect(alert!.detail).toMatch(/latest 2, expected about 4\.9\./);

    // Acknowledged: quiet for two weeks even though the goal stays behind, then raised again.
    await acknowledge(store, alert!.id, clinic.therapist.id, clock.now());
    const more = Array.from({ length: 16 }, (_, i) => ({ at: day(31 + i), value: 2 }));
    await insertCheckIns(store, clinic, behind.measureId, more);
    clock.set(day(40));
    expect(await run()).toEqual({ raised: 0 });
    clock.set(day(46));
    expect(await run()).toEqual({ raised: 1 });
  });

  it('prunes expired sessions and old failed logins, keeping live ones', async () => {
    const { store, clock, app, runner } = h();
    const clinic = await buildClinic(store, clock.now());
    const stale = await signedIn(app, clinic.client);
    const failing = new Session(app);
    expect((await failing.login({ email: clinic.admin.email }, 'wrong password')).statusCode).toBe(
      401,
    );
    clock.advance(hours(2)); // past the housekeeping interval and every session's idle limit
    const live = await signedIn(app, clinic.therapist);
    const before = await store.db.selectFrom('auth_sessions').select('user_id').execute();
    expect(before.map((s) => s.user_id)).toContain(clinic.client.id);
    const runs = await runner.tick();
    expect(runs.find((r) => r.job === 'housekeeping')?.outcome).toMatchObject({ loginFailures: 2 });
    const after = await store.db.selectFrom('auth_sessions').select('user_id').execute();
    expect(after.map((s) => s.user_id)).toEqual([clinic.therapist.id]);
    expect(await store.db.selectFrom('login_failures').selectAll().execute()).toEqual([]);
    expect((await live.get('/api/me')).statusCode).toBe(200);
    expect((await stale.get('/api/me')).statusCode).toBe(401);
  });
});
