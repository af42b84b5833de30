import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { systemClock, type Clock } from '../clock.ts';
import type { Store } from '../store/db.ts';
import { claimJob, ensureJobs, finishJob } from '../store/jobs.ts';
import { minuteMs, type Job, type JobOutcome } from './job.ts';

/** Where the runner reports; Fastify's pino logger fits. */
export interface JobLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobRun {
  job: string;
  at: string;
  outcome?: JobOutcome;
  error?: string;
}

export interface JobRunnerOptions {
  store: Store;
  jobs: readonly Job[];
  clock?: Clock;
  /** This process's name in `jobs.locked_by`; unique per runner by default. */
  owner?: string;
  /** How long a claimed run holds the job before another process may take it over. */
  leaseMs?: number;
  log?: JobLog;
}

export interface JobRunner {
  readonly owner: string;
  /** Run every job that is due and not held elsewhere; resolves with the runs this process made. */
  tick(): Promise<JobRun[]>;
  /** Tick now and then every `intervalMs` on an unref'd timer (it never keeps the process alive). */
  start(intervalMs?: number): void;
  /** Stop the timer and wait for a tick in progress. */
  stop(): Promise<void>;
}

export const defaultTickMs = 30_000;
export const defaultLeaseMs = 5 * minuteMs;
/** A failed run is retried sooner than its usual interval, but not in a tight loop. */
const retryAfterErrorMs = 5 * minuteMs;

const silentLog: JobLog = { info: () => {}, error: () => {} };

/**
 * Scheduled jobs stored in the database. Each tick walks the jobs in order; a job runs only in
 * the process whose conditional UPDATE claims its row (`store/jobs.ts`), so with any number of
 * server processes on one database each due run happens once.
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { store, jobs } = options;
  const clock = options.clock ?? systemClock;
  const leaseMs = options.leaseMs ?? defaultLeaseMs;
  const log = options.log ?? silentLog;
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let ensured = false;
  let inFlight: Promise<JobRun[]> | null = null;
  let timer: NodeJS.Timeout | null = null;

  async function runDue(): Promise<JobRun[]> {
    if (!ensured) {
      await ensureJobs(
        store.db,
        jobs.map((j) => j.name),
        clock(),
      );
      ensured = true;
    }
    const runs: JobRun[] = [];
    for (const job of jobs) {
      const now = clock();
      if (!(await claimJob(store.db, job.name, owner, now, leaseMs))) continue;
      const run: JobRun = { job: job.name, at: now.toISOString() };
      try {
        run.outcome = await job.run({ store, now });
        // Quiet runs (every minute, on every process) would drown the log: only report changes.
        if (Object.values(run.outcome).some((n) => n !== 0))
          log.info({ job: job.name, ...run.outcome }, `job ${job.name} ran`);
      } catch (err) {
        run.error = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
        log.error({ job: job.name, err }, `job ${job.name} failed`);
      }
      const wait = run.error ? Math.min(job.everyMs, retryAfterErrorMs) : job.everyMs;
      await finishJob(store.db, job.name, owner, {
        at: now,
        nextRunAt: new Date(now.getTime() + wait),
        error: run.error ?? null,
      });
      runs.push(run);
    }
    return runs;
  }

  function tick(): Promise<JobRun[]> {
    // One tick at a time per process: a slow run is never overlapped by the next timer.
    inFlight ??= runDue().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  const tickLogged = () =>
    void tick().catch((err: unknown) => log.error({ err }, 'job runner tick failed'));

  return {
    owner,
    tick,
    start(intervalMs = defaultTickMs) {
      if (timer) return;
      timer = setInterval(tickLogged, intervalMs);
      timer.unref();
      tickLogged();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await inFlight?.catch(() => []);
    },
  };
}
