import { setTimeout as sleep } from 'node:timers/promises';
import { queryRows } from '../lib/query.ts';
import type { Settings } from '../lib/settings.ts';
import { startApp, stopServed } from '../lib/stack.ts';

export interface Settled {
  /** Seconds from the app's start until every scheduled job had run once (or the limit). */
  seconds: number;
  finished: boolean;
  jobs: string[];
  /** Each job's share of the pass: from its start to the next one's (the last one's to the end). */
  jobSeconds?: Record<string, number>;
  /** The slowest /healthz answer while the pass ran (polled every 250 ms): does it stall requests? */
  worstHealthzMs: number;
}

/**
 * Bring a freshly built network to the steady state of a running clinic: start the app once and
 * let its scheduled jobs (silence, off-track, …) run their first, full pass over the network —
 * they raise the alerts a clinic would have. How long that pass takes is itself a figure: on a
 * real deployment it happens after every restart.
 */
export async function settleJobs(
  s: Settings,
  engine: string,
  url: string,
  limitSeconds = 300,
): Promise<Settled> {
  const app = await startApp(s, `app-settle-jobs-${engine}`, url);
  const started = performance.now();
  let worstHealthzMs = 0;
  try {
    for (;;) {
      const probe = performance.now();
      await (await fetch(`${app.url}/healthz`)).arrayBuffer();
      worstHealthzMs = Math.max(worstHealthzMs, performance.now() - probe);
      const rows = await queryRows<{ name: string; last_run_at: string | null }>(
        url,
        'select name, last_run_at from jobs',
      );
      const seconds = (performance.now() - started) / 1000 + app.readyMs / 1000;
      const jobs = rows.map((r) => r.name);
      if (rows.length > 0 && rows.every((r) => r.last_run_at !== null))
        return { seconds, finished: true, jobs, worstHealthzMs, jobSeconds: shares(rows) };
      // An app without a job runner never fills the table.
      if (rows.length === 0 && seconds > 30)
        return { seconds, finished: true, jobs, worstHealthzMs };
      if (seconds > limitSeconds) return { seconds, finished: false, jobs, worstHealthzMs };
      await sleep(250);
    }
  } finally {
    await stopServed(app);
  }
}

/** How long each job of the pass took, from the jobs' start times (`last_run_at`) and now. */
function shares(rows: { name: string; last_run_at: string | null }[]): Record<string, number> {
  const starts = rows
    .map((r) => ({ name: r.name, at: Date.parse(r.last_run_at!) }))
    .sort((a, b) => a.at - b.at);
  return Object.fromEntries(
    starts.map((r, i) => [r.name, ((starts[i + 1]?.at ?? Date.now()) - r.at) / 1000]),
  );
}

/**
 * Make the jobs next due an hour from now in this run's copy of the data, as on a server whose
 * jobs ran a moment ago: request scenarios then measure requests, not a job pass that happens
 * to start with the server.
 */
export async function postponeJobs(url: string): Promise<void> {
  await queryRows(url, 'update jobs set next_run_at = ?, locked_until = null, locked_by = null', [
    new Date(Date.now() + 3_600_000).toISOString(),
  ]);
}
