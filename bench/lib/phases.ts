/**
 * Where a run's time goes: each named phase with its start (seconds into the run) and length.
 * Phases may overlap (the two engines' builds run at once), so the lengths need not add up to
 * the run's; the table shows when each ran.
 */
export interface Phase {
  name: string;
  /** Seconds from the start of the run. */
  start: number;
  seconds: number;
}

/** When this process started timing (ms since the epoch): a child's phases are shifted by it. */
const origin = Date.now();
const runStarted = performance.now();
export const phases: Phase[] = [];

/** Run `work` as the phase `name` and record how long it took (also when it throws). */
export async function timed<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    phases.push({
      name,
      start: (started - runStarted) / 1000,
      seconds: (performance.now() - started) / 1000,
    });
  }
}

/** What a child process hands back so its phases join this run's (`addPhases`). */
export const exportPhases = () => ({ origin, phases });

/** Phases timed in another process, placed on this run's clock. */
export function addPhases(from: ReturnType<typeof exportPhases>): void {
  const shift = (from.origin - origin) / 1000;
  for (const p of from.phases) phases.push({ ...p, start: p.start + shift });
}

/** The phases in the order they started, for the console. */
export function phaseTable(): string {
  const rows = [...phases].sort((a, b) => a.start - b.start);
  const width = Math.max(5, ...rows.map((p) => p.name.length));
  return [
    `${'phase'.padEnd(width)}  start s   length s`,
    ...rows.map(
      (p) =>
        `${p.name.padEnd(width)}  ${p.start.toFixed(0).padStart(7)}  ${p.seconds.toFixed(1).padStart(9)}`,
    ),
  ].join('\n');
}
