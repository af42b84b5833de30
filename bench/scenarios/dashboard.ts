import { benchPassword } from '../data/network.ts';
import type { Cast, Dataset } from '../data/datasets.ts';
import { checkInBody } from '../data/small-clinic.ts';
import { failures, load, type Measured } from '../lib/load.ts';
import { check, type ScenarioResult } from '../lib/report.ts';
import { signIn } from '../lib/session.ts';
import type { Settings } from '../lib/settings.ts';
import { startApp, startBare, stopServed } from '../lib/stack.ts';
import { ratioResult, type Engine } from './check-in.ts';

const label = (e: Engine) => (e === 'sqlite' ? 'SQLite' : 'PostgreSQL');

interface DashboardAnswer {
  clients: { main?: { sparkline?: unknown[] } | null }[];
}

/**
 * The caseload dashboard (GET /api/clients as a therapist with 40 clients × 3 goals, in the
 * whole network) at c=1 against its SQL alone; then the mix — check-ins at c=50 while
 * therapists load dashboards — against the bare insert rate of this run. Also yields a
 * start-up sample: the app is started on this existing, full database.
 */
export async function dashboardScenarios(
  s: Settings,
  engine: Engine,
  data: Dataset,
  cast: Cast,
  bareInsert: Measured | undefined,
): Promise<{ results: ScenarioResult[]; startupMs: number }> {
  const app = await startApp(s, `app-dashboard-${engine}`, data.url);
  const startupMs = app.readyMs;
  const notes: string[] = [];
  let appRun: Measured;
  let mix: { checkIns: Measured; dashboards: Measured } | undefined;
  try {
    const therapist = await signIn(app.url, cast.therapist.email, benchPassword);
    const probe = await fetch(`${app.url}/api/clients`, { headers: { cookie: therapist.cookie } });
    const answer = (await probe.json()) as DashboardAnswer;
    const withMain = answer.clients.filter((c) => c.main?.sparkline?.length).length;
    notes.push(
      `${answer.clients.length} clients in the answer, ${withMain} with a main goal's 28 days`,
    );
    const dashboard = {
      url: app.url,
      path: '/api/clients',
      headers: { cookie: therapist.cookie },
      warmupSeconds: s.warmupSeconds,
    };
    appRun = await load({ ...dashboard, connections: 1, seconds: s.seconds });

    const client = await signIn(app.url, cast.client.email, benchPassword);
    const checkInLoad = {
      url: app.url,
      method: 'POST' as const,
      path: `/api/clients/${cast.client.clientId}/check-ins`,
      headers: client.writeHeaders,
      body: checkInBody(cast.client.measureId),
      connections: 50,
      seconds: s.seconds,
      warmupSeconds: s.warmupSeconds,
    };
    const [checkIns, dashboards] = await Promise.all([
      load(checkInLoad),
      load({ ...dashboard, connections: s.mixedDashboards, seconds: s.seconds }),
    ]);
    mix = { checkIns, dashboards };
  } finally {
    await stopServed(app);
  }

  const bare = await startBare(s, `bare-dashboard-${engine}`, 'dashboard.ts', data.url);
  let bareRun: Measured;
  try {
    const q = `therapist=${cast.therapist.id}&clinic=${cast.therapist.clinicId}`;
    bareRun = await load({
      url: bare.url,
      path: `/dashboard?${q}`,
      connections: 1,
      seconds: s.seconds,
      warmupSeconds: s.warmupSeconds,
    });
  } finally {
    await stopServed(bare, false);
  }

  const limit = engine === 'sqlite' ? 10 : 15;
  const timeRatio = appRun.mean / bareRun.mean;
  if (failures(appRun)) notes.push(`app: ${failures(appRun)}`);
  const results: ScenarioResult[] = [
    {
      id: `dashboard-${engine}`,
      title: `caseload dashboard, c=1 (${label(engine)})`,
      app: appRun,
      bare: bareRun,
      ratio: { label: 'time ×', value: timeRatio },
      checks: [
        check(
          'server time ≤ 2× the bare query',
          `${timeRatio.toFixed(1)}× (${appRun.mean.toFixed(1)} vs ${bareRun.mean.toFixed(1)} ms mean)`,
          timeRatio <= 2,
        ),
        check(`c=1 p99 ≤ ${limit} ms`, `${appRun.p99.toFixed(1)} ms`, appRun.p99 <= limit),
      ],
      notes,
    },
  ];
  if (bareInsert) {
    const mixed = ratioResult(
      `mixed-${engine}`,
      `mixed: check-ins c=50 + ${s.mixedDashboards} dashboard loaders (${label(engine)})`,
      mix.checkIns,
      bareInsert,
      [
        `dashboards during the mix: ${mix.dashboards.requestsPerSecond.toFixed(1)}/s, p99 ${mix.dashboards.p99.toFixed(0)} ms`,
        ...(failures(mix.checkIns) ? [`check-ins: ${failures(mix.checkIns)}`] : []),
        ...(failures(mix.dashboards) ? [`dashboards: ${failures(mix.dashboards)}`] : []),
      ],
      0.5,
      false,
    );
    mixed.checks[0]!.target = '≥ 50 % of the bare insert req/s';
    mixed.figures = {
      dashboardsPerSecond: mix.dashboards.requestsPerSecond,
      dashboardP99Ms: mix.dashboards.p99,
    };
    results.push(mixed);
  }
  return { results, startupMs };
}
