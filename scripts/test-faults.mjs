#!/usr/bin/env node
// `npm run test:faults`: the reliability suite at full strength (test/faults/) — servers killed
// with SIGKILL mid-write, `stepwise backup` under load, two servers on one PostgreSQL, the route
// fuzzer with more runs, and a 60-second mixed load at c=50. `npm test` runs the fuzzer and a
// short load only. Files run one at a time, so the load and the kills have both cores.
// STEPWISE_LOAD_SECONDS, STEPWISE_CRASH_ROUNDS, STEPWISE_FUZZ_RUNS and STEPWISE_FUZZ_SEED
// override the settings (test/faults/support/config.ts).
import { spawnSync } from 'node:child_process';

const env = { ...process.env, TZ: 'UTC', STEPWISE_FAULTS: 'full' };
const inCi = env.CI === 'true' || env.CI === '1';

if (!env.STEPWISE_TEST_PG) {
  if (inCi) {
    console.error('test:faults: CI must run the PostgreSQL fault tests; set STEPWISE_TEST_PG.');
    process.exit(1);
  }
  console.log(
    'test:faults: PostgreSQL fault tests SKIPPED — set STEPWISE_TEST_PG=postgres://postgres@127.0.0.1:5432/test to run them too.',
  );
}

const started = Date.now();
const vitest = spawnSync(
  'npx',
  ['vitest', 'run', '--config', 'vitest.faults.config.ts', ...process.argv.slice(2)],
  { stdio: 'inherit', env },
);
console.log(`test:faults: ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(vitest.status ?? 1);
