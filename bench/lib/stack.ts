import { join } from 'node:path';
import { freePort, serve, type Served } from './processes.ts';
import { benchDir, repoDir, type Settings } from './settings.ts';

/** Every app process this run started, with its peak resident memory when it was stopped. */
export const appMemory: { name: string; peakRssMb: number }[] = [];
/** The same for the bare baselines, for comparison. */
export const bareMemory: { name: string; peakRssMb: number }[] = [];

const running = new Set<Served>();

/**
 * The real product, as an operator runs it: `node bin/stepwise.js serve --port N` with
 * DATABASE_URL, in its own process, default settings (including its request log, which goes
 * to a file here).
 */
export async function startApp(s: Settings, name: string, databaseUrl: string): Promise<Served> {
  const port = await freePort();
  const served = await serve({
    name,
    args: [join(repoDir, 'bin', 'stepwise.js'), 'serve', '--port', String(port)],
    port,
    env: { ...process.env, DATABASE_URL: databaseUrl, HOST: '127.0.0.1' },
    logDir: s.logDir,
  });
  running.add(served);
  return served;
}

/** A bare baseline from bench/baselines, in its own process. */
export async function startBare(
  s: Settings,
  name: string,
  script: string,
  database?: string,
): Promise<Served> {
  const port = await freePort();
  const served = await serve({
    name,
    args: ['--import', 'tsx', join(benchDir, 'baselines', script)],
    port,
    env: { ...process.env, BENCH_PORT: String(port), ...(database ? { BENCH_DB: database } : {}) },
    logDir: s.logDir,
  });
  running.add(served);
  return served;
}

/** Stop a process we started; for the app, note its peak RSS first. */
export async function stopServed(served: Served, isApp = true): Promise<void> {
  if (!running.has(served)) return;
  (isApp ? appMemory : bareMemory).push({
    name: served.name,
    peakRssMb: served.memory().peakRssMb,
  });
  running.delete(served);
  await served.stop();
}

/** Stop whatever is still running (after a failure). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
  running.clear();
}
