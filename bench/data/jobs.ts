import { setTimeout as sleep } from 'node:timers/promises';
import { queryRows } from '../lib/query.ts';
import type { Settings } from '../lib/settings.ts';
import { startApp, stopServed } from '../lib/stack.ts';

export interface Settled {
  /** Seconds from the app's start until every scheduled job had run once (or the limit). */
  seconds: number;
  finished: boolean;
  jobs: string[];
  /** The slowest /healthz answer while the pass ran (polled every 250 ms): does it stall requests? */
  worstHealthzMs: number;
}

/**
 * Bring a freshly built network to the steady state of a running clinic: start the app once and
 * let its scheduled jobs (silence, off-track, …) run their first, full pass over the network —
 * they raise the alerts a clinic would have. How long that pass takes is itself a figure: on a
 * real deployment it happens after every restart.
 */
export async function settleJobs(s: Settings, url: string, limitSeconds = 300): Promise<Settled> {
  const app = await startApp(s, 'app-settle-jobs', url);
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
        return { seconds, finished: true, jobs, worstHealthzMs };
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
