// A server process for the job race test: `node --import tsx test/support/job-process.ts`.
// It opens DATABASE_URL, builds the app and its job runner on a fake clock and says "ready".
// Then, for each line `tick <ISO instant>` on stdin, it sets the clock, ticks, and answers with
// the runs it made as one line of JSON; the test sends each tick to two processes at once.
import { createInterface } from 'node:readline';
import { defaultJobs } from '../../src/jobs/index.ts';
import { createJobRunner } from '../../src/jobs/runner.ts';
import { buildApp } from '../../src/server/app.ts';
import { openStore } from '../../src/store/db.ts';
import { FakeClock } from './clock.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const store = openStore(url, { poolSize: 4 });
const clock = new FakeClock(new Date(0));
const app = buildApp({ store, clock: clock.now });
await app.ready();
const runner = createJobRunner({ store, jobs: defaultJobs, clock: clock.now });

const lines = createInterface({ input: process.stdin });
console.log('ready');
for await (const line of lines) {
  const [command, at] = line.trim().split(' ');
  if (command !== 'tick' || !at) break;
  clock.set(at);
  console.log(JSON.stringify({ owner: runner.owner, runs: await runner.tick() }));
}
lines.close();
await app.close();
await store.close();
