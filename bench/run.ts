/**
 * `npm run bench`: builds the data, starts the app and each bare baseline as its own process on
 * 127.0.0.1, runs every scenario of issue 7 with its baseline in the same run, prints the table
 * and writes bench/results/latest.json. Settings: BENCH_SECONDS, BENCH_SCALE, BENCH_PG_URL,
 * BENCH_ONLY, BENCH_REBUILD, BENCH_MIXED_DASHBOARDS (see docs/PERFORMANCE.md).
 */
import { cpus } from 'node:os';
import { castOf, postgresDataset, sqliteDataset, type Dataset } from './data/datasets.ts';
import type { Measured } from './lib/load.ts';
import { createBenchDatabase, type BenchDatabase } from './lib/postgres.ts';
import { consoleTable, loadAverage, writeResults, type ScenarioResult } from './lib/report.ts';
import { phaseTable, phases, timed } from './lib/phases.ts';
import { readSettings } from './lib/settings.ts';
import { stopAll } from './lib/stack.ts';
import { buildResult } from './scenarios/build.ts';
import { checkInScenarios, sqliteFiles, type Engine } from './scenarios/check-in.ts';
import { dashboardScenarios } from './scenarios/dashboard.ts';
import { startupResult, startupSamples } from './scenarios/startup.ts';

const s = readSettings();
const started = new Date();
const loadStart = loadAverage();
const log = (line: string) =>
  console.log(
    `[bench ${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s] ${line}`,
  );
const wanted = (id: string) => !s.only || s.only.has(id);

const results: ScenarioResult[] = [];
const startups: Partial<Record<Engine, number[]>> = {};
const databases: BenchDatabase[] = [];

const engines = ['sqlite', 'postgres'] as const;
const needsNetwork = (engine: Engine) =>
  ['build', 'dashboard', 'mixed'].some((k) => wanted(`${k}-${engine}`)) || wanted('startup');

/** The network for one engine: from this day's cache, or built now. */
async function network(engine: Engine): Promise<Dataset> {
  if (engine === 'sqlite') return sqliteDataset(s, log);
  const made = await postgresDataset(s, log);
  databases.push(made.db);
  return made.data;
}

/**
 * Both engines' networks at once: the SQLite build runs in a process of its own, the
 * PostgreSQL one mostly in the server, so together they use both cores. Both are waited for
 * before anything fails, so nothing is left running.
 */
async function networks(): Promise<Partial<Record<Engine, Dataset>>> {
  const wantedEngines = engines.filter(needsNetwork);
  if (!wantedEngines.length) return {};
  log(`the network data sets (${wantedEngines.join(' and ')})`);
  const made = await timed('networks ready (both engines)', () =>
    Promise.allSettled(wantedEngines.map(network)),
  );
  const failure = made.find((m) => m.status === 'rejected');
  if (failure) throw failure.reason;
  return Object.fromEntries(
    made.map((m, i) => [wantedEngines[i], (m as PromiseFulfilledResult<Dataset>).value]),
  );
}

/** The request scenarios of one engine, one after another, on an otherwise quiet bench. */
async function engineRun(engine: Engine, data: Dataset | undefined): Promise<void> {
  let smallPg: BenchDatabase | undefined;
  if (engine === 'postgres') {
    smallPg = await createBenchDatabase(s.pgAdminUrl, 'small');
    databases.push(smallPg);
  }
  let bareInsert: Measured | undefined;
  if (
    wanted(`checkin-${engine}`) ||
    (engine === 'sqlite' && wanted('me')) ||
    wanted(`mixed-${engine}`)
  ) {
    log(`${engine}: check-in scenario${engine === 'sqlite' ? ' and /api/me' : ''}`);
    const dbs = smallPg ? { app: smallPg.url, bare: smallPg.url } : sqliteFiles(s);
    const outcome = await timed(`${engine}: check-in scenarios`, () =>
      checkInScenarios(s, engine, dbs),
    );
    results.push(...outcome.results);
    bareInsert = outcome.bareInsert;
  }
  if (!data) return;

  results.push(buildResult(engine, data));
  log(`${engine}: dashboard and mixed scenarios`);
  const cast = await castOf(data.url);
  const dash = await timed(`${engine}: dashboard and mixed scenarios`, () =>
    dashboardScenarios(s, engine, data, cast, bareInsert),
  );
  results.push(...dash.results);
  log(`${engine}: start-up samples`);
  const samples = await timed(`${engine}: start-up samples`, () =>
    startupSamples(s, engine, data, 2),
  );
  startups[engine] = [dash.startupMs, ...samples];
}

let failed: unknown;
try {
  const data = await networks();
  for (const engine of engines) await engineRun(engine, data[engine]);
  if (Object.keys(startups).length) results.push(startupResult(startups));
} catch (err) {
  failed = err;
} finally {
  await stopAll();
  for (const db of databases) await db.drop().catch(() => undefined);
}

const finished = new Date();
const file = writeResults(
  {
    command: Object.entries(process.env)
      .filter(([k]) => k.startsWith('BENCH_'))
      // A database URL may carry a password: name the setting, not its value.
      .map(([k, v]) => `${k}=${k === 'BENCH_PG_URL' ? '…' : v} `)
      .sort()
      .join('')
      .concat('npm run bench'),
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    seconds: (finished.getTime() - started.getTime()) / 1000,
    phases,
    settings: {
      seconds: s.seconds,
      warmupSeconds: s.warmupSeconds,
      scale: s.scale,
      mixedDashboards: s.mixedDashboards,
      only: s.only ? [...s.only] : 'all',
    },
    machine: {
      cpus: cpus().length,
      node: process.version,
      loadAverageStart: loadStart,
      loadAverageEnd: loadAverage(),
    },
  },
  results,
);
console.log(`\n${consoleTable(results)}\n\n${phaseTable()}\n`);
console.log(
  `${results.length} results in ${((finished.getTime() - started.getTime()) / 1000).toFixed(0)} s; ` +
    `load average ${loadStart.join(' ')} at the start, ${loadAverage().join(' ')} at the end; ${file}`,
);
if (failed) {
  console.error('bench failed:', failed);
  process.exitCode = 1;
}
