import {
  constants,
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword } from '../../src/services/passwords.ts';
import { queryRows } from '../lib/query.ts';
import {
  copyDatabase,
  createBenchDatabase,
  databasesLike,
  describeUrl,
  dropDatabase,
  type BenchDatabase,
} from '../lib/postgres.ts';
import { repoDir, type Settings } from '../lib/settings.ts';
import {
  benchPassword,
  buildNetwork,
  checkInCount,
  clientEmail,
  dashboardTherapist,
  shapeFor,
  therapistEmail,
} from './network.ts';
import { addPhases, timed, type exportPhases } from '../lib/phases.ts';
import { runNode } from '../lib/processes.ts';
import { postponeJobs, settleJobs, type Settled } from './jobs.ts';
import { buildPostgres } from './pg-builder.ts';
import type { BuildResult } from './sqlite-builder.ts';

export interface Dataset {
  url: string;
  build: BuildResult;
  /** The scheduled jobs' first pass over the freshly built network. */
  settle: Settled;
  /** When the build ran; earlier than this run when the SQLite file came from the cache. */
  builtAt: string;
  cached: boolean;
  checkIns: number;
}

/**
 * What a cached build depends on: the scale, the UTC day (the 7/28-day windows are relative to
 * the day of the build) and the schema (the number of migrations), so a copy never needs
 * migrating when the app starts on it — start-up is measured on it.
 */
function cacheKey(s: Settings): string {
  const migrations = readdirSync(join(repoDir, 'src', 'store', 'migrations')).filter((f) =>
    /^\d{4}-.*\.ts$/.test(f),
  ).length;
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  // v3: the check-ins are made in SQL (bump when what a build makes changes).
  return `v3_${String(s.scale).replace('.', 'p')}_${day}_m${migrations}`;
}

const removeDb = (file: string) => {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`])
    rmSync(f, { force: true });
};

/**
 * The SQLite network for this run: a private copy of the cached build for this scale and UTC
 * day (rebuilt when missing, on another day — the 7/28-day windows are relative to the day it
 * was built — or with BENCH_REBUILD=1).
 */
export async function sqliteDataset(s: Settings, log: (l: string) => void): Promise<Dataset> {
  const key = `network-${cacheKey(s)}`;
  const cached = join(s.cacheDir, `${key}.db`);
  const meta = join(s.cacheDir, `${key}.json`);
  const fromCache = !s.rebuild && existsSync(cached) && existsSync(meta);
  if (!fromCache) {
    for (const f of readdirSync(s.cacheDir))
      if (f.startsWith('network-')) rmSync(join(s.cacheDir, f), { force: true });
    const tmp = join(s.cacheDir, `${key}.building.db`);
    removeDb(tmp);
    log('sqlite: building the network data set (in a process of its own)');
    const build = await timed('sqlite: build (all)', () => buildSqliteApart(tmp, s));
    log("sqlite: the scheduled jobs' first pass over the network");
    const settle = await timed('sqlite: jobs first pass', () => settleJobs(s, 'sqlite', tmp));
    renameSync(tmp, cached);
    writeFileSync(meta, JSON.stringify({ build, settle, builtAt: new Date().toISOString() }));
  }
  const { build, settle, builtAt } = JSON.parse(readFileSync(meta, 'utf8')) as {
    build: BuildResult;
    settle: Settled;
    builtAt: string;
  };
  const file = join(s.runDir, 'network.db');
  removeDb(file);
  // A copy-on-write clone where the file system can (btrfs, XFS), else a plain copy.
  await timed('sqlite: copy the cached file', () =>
    copyFileSync(cached, file, constants.COPYFILE_FICLONE),
  );
  await postponeJobs(file);
  return { url: file, build, settle, builtAt, cached: fromCache, checkIns: build.build.rows };
}

/** `sqlite-build-process.ts` in a child process; its phases join this run's. */
async function buildSqliteApart(file: string, s: Settings): Promise<BuildResult> {
  const script = join(repoDir, 'bench', 'data', 'sqlite-build-process.ts');
  const out = await runNode(
    ['--import', 'tsx', script, file, String(s.scale), String(s.seconds)],
    process.env,
    true,
  );
  const made = JSON.parse(out) as { build: BuildResult } & ReturnType<typeof exportPhases>;
  addPhases(made);
  return made.build;
}

/**
 * The PostgreSQL network for this run: a fresh database made from the cached build for this
 * scale and UTC day (CREATE DATABASE … TEMPLATE: a file copy, seconds), or — when there is none,
 * or with BENCH_REBUILD=1 — built now into the fresh database, which is then kept as the cache
 * (older caches are dropped). The run's own database is dropped at the end either way.
 */
export async function postgresDataset(
  s: Settings,
  log: (l: string) => void,
): Promise<{ data: Dataset; db: BenchDatabase }> {
  const cacheName = `stepwise_bench_cache_${cacheKey(s)}`;
  const caches = await databasesLike(s.pgAdminUrl, 'stepwise_bench_cache_');
  const hit = s.rebuild ? undefined : caches.find((c) => c.name === cacheName && c.comment);
  if (hit) {
    const db = await createBenchDatabase(s.pgAdminUrl, 'net', cacheName);
    await postponeJobs(db.url);
    const meta = JSON.parse(hit.comment!) as {
      build: BuildResult;
      settle: Settled;
      builtAt: string;
    };
    log(`postgres: ${describeUrl(db.url)} from the cached build of ${meta.builtAt}`);
    return {
      db,
      data: { url: db.url, ...meta, cached: true, checkIns: meta.build.build.rows },
    };
  }
  for (const c of caches) await dropDatabase(s.pgAdminUrl, c.name);
  const db = await createBenchDatabase(s.pgAdminUrl, 'net');
  try {
    log(`postgres: building the network data set in ${describeUrl(db.url)}`);
    const net = buildNetwork(shapeFor(s.scale), await hashPassword(benchPassword), new Date());
    const build = await timed('postgres: build (all)', () =>
      buildPostgres(db.url, net, s.seconds, log),
    );
    log("postgres: the scheduled jobs' first pass over the network");
    const settle = await timed('postgres: jobs first pass', () =>
      settleJobs(s, 'postgres', db.url),
    );
    const builtAt = new Date().toISOString();
    const meta = JSON.stringify({ build, settle, builtAt });
    await timed('postgres: copy to the cache', () =>
      copyDatabase(s.pgAdminUrl, db.name, cacheName, meta),
    );
    await postponeJobs(db.url);
    const data = { url: db.url, build, settle, builtAt, cached: false };
    return { db, data: { ...data, checkIns: checkInCount(net.shape) } };
  } catch (err) {
    await db.drop();
    throw err;
  }
}

export interface Cast {
  therapist: { email: string; id: string; clinicId: string };
  /** A client of that therapist, who sends check-ins during the mixed load, and one measure. */
  client: { email: string; clientId: string; measureId: string };
}

/** Who the dashboard and mixed scenarios act as, looked up in the built data. */
export async function castOf(url: string): Promise<Cast> {
  const email = therapistEmail(dashboardTherapist);
  const [t] = await queryRows<{ id: string; clinic_id: string }>(
    url,
    'select id, clinic_id from users where email = ?',
    [email],
  );
  const cEmail = clientEmail(dashboardTherapist * 40);
  const [c] = await queryRows<{ client_id: string; measure_id: string }>(
    url,
    `select c.id as client_id, m.id as measure_id from users u
       join clients c on c.user_id = u.id join measures m on m.client_id = c.id
      where u.email = ? order by m.created_at, m.id limit 1`,
    [cEmail],
  );
  if (!t || !c) throw new Error('the built data set has no bench therapist or client');
  return {
    therapist: { email, id: t.id, clinicId: t.clinic_id },
    client: { email: cEmail, clientId: c.client_id, measureId: c.measure_id },
  };
}
