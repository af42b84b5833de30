import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkInBody, clientWithMeasure, createSmallClinic } from '../data/small-clinic.ts';
import { countRows } from '../lib/query.ts';
import { failures, load, type Measured } from '../lib/load.ts';
import { sampleWaits } from '../lib/pg-waits.ts';
import { check, type ScenarioResult } from '../lib/report.ts';
import { startApp, startBare, stopServed } from '../lib/stack.ts';
import type { Settings } from '../lib/settings.ts';

export type Engine = 'sqlite' | 'postgres';

export interface CheckInOutcome {
  results: ScenarioResult[];
  /** The bare insert's req/s, which the mixed scenario is held to. */
  bareInsert?: Measured;
}

const fresh = (file: string) => {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  return file;
};

/**
 * Check-in POST as a signed-in client at c=50 (session, CSRF, validation, policy, idempotency,
 * audit, durable commit) against a bare Fastify insert of one row with the same durability;
 * on SQLite also GET /api/me against a bare hello. Each on a fresh database.
 */
export async function checkInScenarios(
  s: Settings,
  engine: Engine,
  databases: { app: string; bare: string },
): Promise<CheckInOutcome> {
  const appDb = engine === 'sqlite' ? fresh(databases.app) : databases.app;
  const bareDb = engine === 'sqlite' ? fresh(databases.bare) : databases.bare;
  const clinic = await createSmallClinic(appDb);
  const app = await startApp(s, `app-checkin-${engine}`, appDb);
  const results: ScenarioResult[] = [];
  const title = `check-in POST, c=50 (${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`;
  const id = `checkin-${engine}`;
  let appRun: Measured | undefined;
  let meRun: Measured | undefined;
  const notes: string[] = [];
  try {
    const { session, clientId, measureId } = await clientWithMeasure(app.url, clinic);
    const path = `/api/clients/${clientId}/check-ins`;
    const probe = await fetch(app.url + path, {
      method: 'POST',
      headers: { ...session.writeHeaders, 'content-type': 'application/json' },
      body: checkInBody(measureId)(),
    });
    await probe.arrayBuffer();
    if (probe.status === 404) {
      notes.push('POST /api/clients/:clientId/check-ins is not in the app yet (404)');
    } else {
      const waits = engine === 'postgres' ? sampleWaits(appDb) : undefined;
      appRun = await load({
        url: app.url,
        method: 'POST',
        path,
        headers: session.writeHeaders,
        body: checkInBody(measureId),
        connections: 50,
        seconds: s.seconds,
        warmupSeconds: s.warmupSeconds,
      });
      if (waits) notes.push(await waits.stop());
      const acknowledged = appRun.ok + appRun.warmupOk + (probe.status === 201 ? 1 : 0);
      const stored = await countRows(appDb, 'select count(*) as n from check_ins');
      // Requests still in flight when a run's clock stops are stored but not counted.
      notes.push(
        `${acknowledged} check-ins acknowledged, ${stored} stored` +
          (stored >= acknowledged ? '' : ' — ACKNOWLEDGED WRITES MISSING'),
      );
      if (failures(appRun)) notes.push(`app: ${failures(appRun)}`);
    }
    if (engine === 'sqlite') {
      meRun = await load({
        url: app.url,
        path: '/api/me',
        headers: { cookie: session.cookie },
        connections: 50,
        seconds: s.seconds,
        warmupSeconds: s.warmupSeconds,
      });
    }
  } finally {
    await stopServed(app);
  }

  const bare = await startBare(
    s,
    `bare-insert-${engine}`,
    engine === 'sqlite' ? 'sqlite-insert.ts' : 'pg-insert.ts',
    bareDb,
  );
  let bareRun: Measured;
  try {
    bareRun = await load({
      url: bare.url,
      method: 'POST',
      path: '/check-ins',
      body: checkInBody(crypto.randomUUID()),
      connections: 50,
      seconds: s.seconds,
      warmupSeconds: s.warmupSeconds,
    });
  } finally {
    await stopServed(bare, false);
  }
  results.push(ratioResult(id, title, appRun, bareRun, notes, 0.5, true));

  if (meRun) {
    const hello = await startBare(s, 'bare-hello', 'hello.ts');
    try {
      const helloRun = await load({
        url: hello.url,
        path: '/hello',
        connections: 50,
        seconds: s.seconds,
        warmupSeconds: s.warmupSeconds,
      });
      results.push(
        ratioResult('me', 'GET /api/me, c=50 (SQLite)', meRun, helloRun, [], 0.35, false),
      );
    } finally {
      await stopServed(hello, false);
    }
  }
  return { results, bareInsert: bareRun };
}

/** A throughput scenario: app ÷ bare req/s against `minRatio`, and p99 within 2× if asked. */
export function ratioResult(
  id: string,
  title: string,
  app: Measured | undefined,
  bare: Measured,
  notes: string[],
  minRatio: number,
  p99Within2x: boolean,
): ScenarioResult {
  const ratio = app ? app.requestsPerSecond / bare.requestsPerSecond : NaN;
  const checks = [
    check(
      `≥ ${minRatio * 100} % of bare req/s`,
      app ? `${(ratio * 100).toFixed(0)} %` : 'not run',
      app ? ratio >= minRatio : null,
    ),
  ];
  if (p99Within2x) {
    checks.push(
      check(
        'p99 ≤ 2× bare',
        app ? `${app.p99.toFixed(1)} ms vs ${(2 * bare.p99).toFixed(1)} ms` : 'not run',
        app ? app.p99 <= 2 * bare.p99 : null,
      ),
    );
  }
  return {
    id,
    title,
    ...(app ? { app } : {}),
    bare,
    ...(app ? { ratio: { label: 'req/s', value: ratio } } : {}),
    checks,
    notes,
  };
}

export const sqliteFiles = (s: Settings) => ({
  app: join(s.runDir, 'checkin-app.db'),
  bare: join(s.runDir, 'checkin-bare.db'),
});
