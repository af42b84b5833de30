import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';
import { defaultJobs } from '../../src/jobs/index.ts';
import type { JobRun } from '../../src/jobs/runner.ts';
import { raiseAlert } from '../../src/store/alerts.ts';
import { days, hours, minutes } from '../support/clock.ts';
import { buildClinic } from '../support/factories.ts';
import {
  alertsOfClinic,
  auditActions,
  describeIsolated,
  insertCheckIns,
  measuredGoal,
} from '../support/jobs-harness.ts';

const root = join(import.meta.dirname, '../..');

interface Answer {
  owner: string;
  runs: JobRun[];
}

/** A real server process (test/support/job-process.ts) the test ticks line by line. */
function serverProcess(databaseUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/job-process.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting: ((line: string) => void)[] = [];
  const early: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else early.push(line);
  });
  const exited = new Promise<never>((_, reject) =>
    child.on('exit', (code) => reject(new Error(`job process exited with ${code}`))),
  );
  const nextLine = () =>
    Promise.race([
      new Promise<string>((resolve) => {
        const line = early.shift();
        if (line !== undefined) resolve(line);
        else waiting.push(resolve);
      }),
      exited,
    ]);
  return {
    ready: nextLine(),
    async tick(at: Date): Promise<Answer> {
      child.stdin.write(`tick ${at.toISOString()}\n`);
      return JSON.parse(await nextLine()) as Answer;
    },
    end: () => {
      exited.catch(() => {});
      child.stdin.end();
    },
  };
}

describeIsolated('scheduled jobs across two server processes', (h) => {
  it('raises and escalates each alert exactly once when two processes tick together', async () => {
    const { store, clock } = h();
    const t0 = new Date('2026-04-01T12:00:00.000Z');
    clock.set(new Date(t0.getTime() - days(40)));
    const clinic = await buildClinic(store, clock.now());
    const quiet = await buildClinic(store, clock.now());
    const due = new Date(t0.getTime() + days(30)).toISOString().slice(0, 10);
    const behind = await measuredGoal(h(), clinic, { baseline: 2, target: 8, dueDate: due });
    await measuredGoal(h(), quiet); // never checked in: silent
    const checkIns = Array.from({ length: 40 }, (_, d) => ({
      at: new Date(clock.now().getTime() + days(d) + hours(2)),
      value: 2,
    }));
    await insertCheckIns(store, clinic, behind.measureId, checkIns);
    const risk = await store.db.transaction().execute((trx) =>
      raiseAlert(
        trx,
        {
          clientId: clinic.client.clientId,
          kind: 'risk',
          severity: 'high',
          source: 'questionnaire/race',
          detail: 'PHQ-9 item 9',
        },
        new Date(t0.getTime() - hours(1)),
      ),
    );

    // Two processes tick together at each instant of 5 fake hours, 10 minutes apart.
    const a = serverProcess(h().database.url);
    const b = serverProcess(h().database.url);
    const runs: JobRun[] = [];
    const owners = new Set<string>();
    try {
      expect(await Promise.all([a.ready, b.ready])).toEqual(['ready', 'ready']);
      for (let step = 0; step < 30; step++) {
        const at = new Date(t0.getTime() + step * minutes(10));
        for (const answer of await Promise.all([a.tick(at), b.tick(at)])) {
          owners.add(answer.owner);
          runs.push(...answer.runs);
        }
      }
    } finally {
      a.end();
      b.end();
    }
    expect(owners.size).toBe(2);

    const alerts = [
      ...(await alertsOfClinic(store, clinic.id)),
      ...(await alertsOfClinic(store, quiet.id)),
    ];
    expect(alerts.map((x) => [x.kind, x.source]).sort()).toEqual(
      [
        ['off-track', `goal/${behind.id}`],
        ['risk', 'questionnaire/race'],
        ['silence', `client/${quiet.client.clientId}`],
      ].sort(),
    );
    const escalated = alerts.find((x) => x.id === risk)!;
    expect(escalated.escalated_at).toBe(new Date(t0.getTime() + minutes(180)).toISOString());
    expect(await auditActions(store, `alert/${risk}`)).toEqual([
      { action: 'alert.escalate', actor_id: null },
    ]);
    for (const x of alerts.filter((y) => y.kind !== 'risk'))
      expect(await auditActions(store, `alert/${x.id}`)).toEqual([
        { action: 'alert.raise', actor_id: null },
      ]);

    // Every due run happened, in one process only: per job, runs are at least its interval apart.
    expect(runs.every((r) => r.error === undefined)).toBe(true);
    for (const job of defaultJobs) {
      const at = runs
        .filter((r) => r.job === job.name)
        .map((r) => Date.parse(r.at))
        .sort((x, y) => x - y);
      // Due at every 10-minute tick (each minute), or on the hour: 30 or 5 runs in all.
      expect(at.length, job.name).toBe(job.everyMs <= minutes(10) ? 30 : 5);
      for (let i = 1; i < at.length; i++)
        expect(at[i]! - at[i - 1]!, job.name).toBeGreaterThanOrEqual(job.everyMs);
    }
    const jobs = await store.db.selectFrom('jobs').select(['name', 'locked_by']).execute();
    expect(jobs.every((j) => j.locked_by === null)).toBe(true);
  }, 60_000); // 30 ticks × 7 jobs × 2 processes: longer than the default on a busy machine
});
