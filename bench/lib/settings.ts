import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoDir = resolve(benchDir, '..');
export const resultsDir = join(benchDir, 'results');

export interface Settings {
  /** Seconds of measured load per scenario side (after a short unrecorded warm-up). */
  seconds: number;
  warmupSeconds: number;
  /** Fraction of the 200-therapist network to build (1 = the issue's ≈ 8.8 M check-ins). */
  scale: number;
  /** A PostgreSQL URL naming an existing database, used only to create and drop our own. */
  pgAdminUrl: string;
  /** Scenarios to run (ids), or all. */
  only: Set<string> | null;
  /** Rebuild the SQLite data set even when a cached one for this scale and day exists. */
  rebuild: boolean;
  /** Concurrent dashboard loaders in the mixed scenario. */
  mixedDashboards: number;
  runDir: string;
  cacheDir: string;
  logDir: string;
}

function num(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number ≥ ${min}`);
  return n;
}

export function readSettings(): Settings {
  const runDir = join(resultsDir, 'run');
  const settings: Settings = {
    seconds: num('BENCH_SECONDS', 10, 1),
    warmupSeconds: num('BENCH_WARMUP_SECONDS', 2, 0),
    scale: num('BENCH_SCALE', 1, 0.001),
    pgAdminUrl: process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    only: process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null,
    rebuild: process.env.BENCH_REBUILD === '1',
    mixedDashboards: num('BENCH_MIXED_DASHBOARDS', 2, 1),
    runDir,
    cacheDir: join(resultsDir, 'cache'),
    logDir: join(runDir, 'logs'),
  };
  for (const d of [settings.runDir, settings.cacheDir, settings.logDir])
    mkdirSync(d, { recursive: true });
  return settings;
}
