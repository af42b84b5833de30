import pg from 'pg';

/**
 * Sample what the database's client backends are doing (pg_stat_activity) while a load runs:
 * where a PostgreSQL scenario's time goes — waiting on a lock, on the client, on WAL flush.
 */
export function sampleWaits(url: string, everyMs = 200) {
  const counts: Record<string, number> = {};
  let samples = 0;
  let stopped = false;
  const client = new pg.Client({ connectionString: url });
  const done = (async () => {
    await client.connect();
    try {
      while (!stopped) {
        const { rows } = await client.query<{ w: string; n: string }>(
          `select coalesce(wait_event_type || ':' || wait_event, 'running') as w, count(*) as n
             from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid()
              and backend_type = 'client backend' and state <> 'idle'
            group by 1`,
        );
        samples++;
        for (const r of rows) counts[r.w] = (counts[r.w] ?? 0) + Number(r.n);
        await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
    } finally {
      await client.end();
    }
  })();
  return {
    /** Stop and describe: the average number of busy backends in each wait state. */
    async stop(): Promise<string> {
      stopped = true;
      await done;
      const parts = Object.entries(counts)
        .sort(([, a], [, b]) => b - a)
        .map(([w, n]) => `${w} ${(n / Math.max(1, samples)).toFixed(1)}`);
      return `busy PostgreSQL backends on average (${samples} samples): ${parts.join(', ') || 'none'}`;
    },
  };
}
