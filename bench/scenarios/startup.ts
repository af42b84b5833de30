import type { Dataset } from '../data/datasets.ts';
import { check, type ScenarioResult } from '../lib/report.ts';
import type { Settings } from '../lib/settings.ts';
import { appMemory, bareMemory, startApp, stopServed } from '../lib/stack.ts';
import type { Engine } from './check-in.ts';

/** `stepwise serve` on the existing full database, `samples` more times: ms to a 200 /healthz. */
export async function startupSamples(
  s: Settings,
  engine: Engine,
  data: Dataset,
  samples: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const app = await startApp(s, `app-startup-${engine}-${i}`, data.url);
    times.push(app.readyMs);
    await stopServed(app);
  }
  return times;
}

const list = (m: { name: string; peakRssMb: number }[]) =>
  m.map((a) => `${a.name} ${a.peakRssMb.toFixed(0)}`).join(', ');

/** Start-up to /healthz on each engine (worst sample judged) and peak RSS of every app process. */
export function startupResult(samples: Partial<Record<Engine, number[]>>): ScenarioResult {
  const checks = Object.entries(samples).map(([engine, times]) => {
    const worst = Math.max(...times);
    return check(
      `/healthz ≤ 2 s after serve (${engine}, worst of ${times.length})`,
      `${(worst / 1000).toFixed(2)} s (${times.map((t) => (t / 1000).toFixed(2)).join(', ')})`,
      worst <= 2000,
    );
  });
  const peak = appMemory.reduce((m, a) => (a.peakRssMb > m.peakRssMb ? a : m), {
    name: 'none',
    peakRssMb: 0,
  });
  checks.push(
    check(
      'RSS ≤ 200 MB under the loads above',
      `peak ${peak.peakRssMb.toFixed(0)} MB (${peak.name})`,
      peak.peakRssMb <= 200,
    ),
  );
  return {
    id: 'startup',
    title: 'start-up on the full database; RSS',
    checks,
    notes: [
      `peak RSS per app process (MB): ${list(appMemory)}`,
      `peak RSS per bare baseline (MB): ${list(bareMemory)}`,
    ],
    figures: Object.fromEntries(
      Object.entries(samples).map(([e, t]) => [`startupMs.${e}`, Math.max(...t)]),
    ),
  };
}
