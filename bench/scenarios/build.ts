import type { Dataset } from '../data/datasets.ts';
import { check, type ScenarioResult } from '../lib/report.ts';
import type { Engine } from './check-in.ts';

const jobShares = (s: Record<string, number>) =>
  Object.entries(s)
    .map(([job, seconds]) => `${job} ${seconds.toFixed(1)}`)
    .join(', ');

/** Building the network: the bench's loader against one 1,000-row INSERT per transaction. */
export function buildResult(engine: Engine, data: Dataset): ScenarioResult {
  const { build, baseline } = data.build;
  const ratio = build.rowsPerSecond / baseline.rowsPerSecond;
  const name = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  return {
    id: `build-${engine}`,
    title: `building ${(build.rows / 1e6).toFixed(2)} M check-ins (${name})`,
    rate: { app: build.rowsPerSecond, bare: baseline.rowsPerSecond, unit: 'rows/s' },
    ratio: { label: 'rows/s', value: ratio },
    checks: [check('≥ 50 % of the plain rate', `${(ratio * 100).toFixed(0)} %`, ratio >= 0.5)],
    notes: [
      `${build.rows.toLocaleString('en')} rows in ${build.seconds.toFixed(0)} s, indexes included; ` +
        `baseline ${baseline.rows.toLocaleString('en')} rows in ${baseline.seconds.toFixed(0)} s from empty`,
      data.settle.jobs.length
        ? `then the scheduled jobs' first pass over the network (${data.settle.jobs.join(', ')}): ` +
          `${data.settle.seconds.toFixed(0)} s${data.settle.finished ? '' : ' — NOT FINISHED, stopped'}, ` +
          `slowest /healthz meanwhile ${(data.settle.worstHealthzMs / 1000).toFixed(1)} s` +
          (data.settle.jobSeconds ? `; by job (s): ${jobShares(data.settle.jobSeconds)}` : '')
        : 'no scheduled jobs ran',
      ...(data.cached ? [`data set from this day's cache, built ${data.builtAt}`] : []),
    ],
  };
}
