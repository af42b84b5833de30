#!/usr/bin/env node
// `npm test`: the whole suite — unit, integration on SQLite (and PostgreSQL when
// STEPWISE_TEST_PG is set), CLI. In CI (CI=true) a missing PostgreSQL is a failure, not a skip.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, TZ: 'UTC' };
const inCi = env.CI === 'true' || env.CI === '1';

if (!env.STEPWISE_TEST_PG) {
  if (inCi) {
    console.error(
      'npm test: CI must run the PostgreSQL suite; set STEPWISE_TEST_PG (e.g. postgres://postgres@127.0.0.1:5432/test).',
    );
    process.exit(1);
  }
  console.log(
    'npm test: PostgreSQL suite SKIPPED — set STEPWISE_TEST_PG=postgres://postgres@127.0.0.1:5432/test to run it too.',
  );
} else {
  console.log(
    `npm test: running the integration suite on SQLite and PostgreSQL (${new URL(env.STEPWISE_TEST_PG).host}).`,
  );
}

const vitest = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
process.exit(vitest.status ?? 1);
