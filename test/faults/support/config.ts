/**
 * How hard the fault tests push. `npm test` runs the quick settings; `npm run test:faults`
 * (scripts/test-faults.mjs) sets STEPWISE_FAULTS=full for the long ones the issue asks for.
 * Each figure can be overridden from the environment to chase a failure.
 */
const full = process.env.STEPWISE_FAULTS === 'full';

function int(name: string, quick: number, long: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return full ? long : quick;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a whole number, not "${raw}"`);
  return n;
}

export const faults = {
  full,
  /** SIGKILL rounds per engine in the crash test. */
  crashRounds: int('STEPWISE_CRASH_ROUNDS', 1, 3),
  /** Length of the mixed load, in seconds. */
  loadSeconds: int('STEPWISE_LOAD_SECONDS', 3, 60),
  /** Random requests per route per engine in the fuzz test. */
  fuzzRunsPerRoute: int('STEPWISE_FUZZ_RUNS', 8, 40),
  /** The fuzz seed: random unless given, and printed so a failure can be replayed. */
  fuzzSeed: int('STEPWISE_FUZZ_SEED', Date.now() % 2 ** 31, Date.now() % 2 ** 31),
  /** Rounds of two servers racing one If-Match. */
  raceRounds: int('STEPWISE_RACE_ROUNDS', 10, 40),
};
