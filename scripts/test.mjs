#!/usr/bin/env node
// `npm test`: the whole suite — unit, integration on SQLite (and PostgreSQL when
// STEPWISE_TEST_PG is set), CLI, then the browser suite (e2e/, Debian's Chromium driving the
// built web app). In CI (CI=true) a missing PostgreSQL or Chromium is a failure, not a skip.
import { existsSync } from 'node:fs';
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

const args = process.argv.slice(2);
const vitest = spawnSync('npx', ['vitest', 'run', ...args], { stdio: 'inherit', env });
if (vitest.status !== 0) process.exit(vitest.status ?? 1);

// The browser suite. With file filters for the suite above, it is not what was asked for.
const chromium = '/usr/bin/chromium';
if (args.length > 0) {
  console.log('npm test: browser suite not run (arguments were given for the suite above).');
  process.exit(0);
}
if (!existsSync(chromium)) {
  if (inCi) {
    console.error(
      `npm test: CI must run the browser suite, but ${chromium} is missing (apt-get install -y chromium).`,
    );
    process.exit(1);
  }
  console.log(
    `npm test: browser suite SKIPPED — ${chromium} is missing; apt-get install -y chromium to run it.`,
  );
  process.exit(0);
}
const build = spawnSync('node', ['scripts/build-web.mjs'], { stdio: 'inherit', env });
if (build.status !== 0) process.exit(build.status ?? 1);
const e2e = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts'], {
  stdio: 'inherit',
  env,
});
process.exit(e2e.status ?? 1);
