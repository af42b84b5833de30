import type { Store } from '../store/db.ts';

/** What a scheduled job gets: the store and the instant of this run (from the runner's clock). */
export interface JobContext {
  store: Store;
  now: Date;
}

/** A summary of a run for the log, e.g. `{raised: 2}`. */
export type JobOutcome = Record<string, number>;

/**
 * Scheduled work shared by all server processes. `run` must be safe to repeat: the runner
 * gives each due run to one process, and every job also writes idempotently (conditional
 * updates, one open alert per cause), so even a run that outlives its lease changes nothing twice.
 */
export interface Job {
  name: string;
  /** Time from one run to the next. */
  everyMs: number;
  run(ctx: JobContext): Promise<JobOutcome>;
}

export const minuteMs = 60_000;
export const hourMs = 60 * minuteMs;
export const dayMs = 24 * hourMs;
