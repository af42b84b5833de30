import { reliabilityOf } from '../domain/rci.ts';
import {
  dueInstant,
  expectedValue,
  measureNoise,
  offTrackFor,
  offTrackWindowDays,
} from '../domain/progress.ts';
import {
  checkInsBetween,
  latestAlertBySource,
  targetedGoals,
  type TargetedGoal,
} from '../store/alert-watch.ts';
import { dayMs, hourMs, type Job } from './job.ts';
import { raiseAlertsAsSystem } from './system.ts';

const pageSize = 200;
const windowMs = offTrackWindowDays * dayMs;

type Point = { at: string; value: number };

function lineOf(g: TargetedGoal) {
  return {
    baseline: g.baseline,
    target: g.target,
    better: g.better,
    startAt: g.startAt,
    dueAt: dueInstant(g.dueDate, g.timeZone),
  };
}

/** SPEC §9 R5 over the goal's check-ins of the last 14 days (domain `offTrackFor`). */
export function goalOffTrack(g: TargetedGoal, points: readonly Point[], now: Date): boolean {
  const noise =
    measureNoise({
      kind: g.kind,
      baseline: g.baseline,
      target: g.target,
      reliability: reliabilityOf(g),
    }) ?? 0;
  return offTrackFor({ line: lineOf(g), noise, points, now });
}

function detail(g: TargetedGoal, points: readonly Point[]): string {
  const last = points.at(-1)!;
  const expected = expectedValue({ ...lineOf(g), at: last.at });
  return `Behind the line to its target for the last ${offTrackWindowDays} days: latest ${last.value}, expected about ${Math.round(expected * 10) / 10}.`;
}

/**
 * Off-track goals: an active goal with a measure, baseline, target and due date whose every
 * check-in of the last two weeks is behind its line by more than the measure's noise. One alert
 * per goal at a time, and none again within two weeks of the last (acknowledged) one. Goals are
 * read in pages and check-ins only within the window, so a run's cost does not grow with history.
 */
export const offTrackJob: Job = {
  name: 'off-track',
  everyMs: hourMs,
  async run({ store, now }) {
    let raised = 0;
    let after = '';
    const since = new Date(now.getTime() - windowMs);
    for (;;) {
      const goals = await targetedGoals(store.db, after, pageSize);
      if (goals.length === 0) break;
      after = goals.at(-1)!.id;
      const points = new Map<string, Point[]>();
      for (const c of await checkInsBetween(
        store.db,
        goals.map((g) => g.measureId),
        since,
        now,
      )) {
        const list = points.get(c.measureId) ?? [];
        list.push({ at: c.at, value: c.value });
        points.set(c.measureId, list);
      }
      const lastAlert = await latestAlertBySource(
        store.db,
        'off-track',
        goals.map((g) => g.clientId),
      );
      const behind = goals.filter((g) => {
        const last = lastAlert.get(`goal/${g.id}`);
        if (last !== undefined && Date.parse(last) > now.getTime() - windowMs) return false;
        return goalOffTrack(g, points.get(g.measureId) ?? [], now);
      });
      raised += await raiseAlertsAsSystem(
        store,
        behind.map((g) => ({
          clientId: g.clientId,
          kind: 'off-track',
          severity: 'low',
          source: `goal/${g.id}`,
          detail: detail(g, points.get(g.measureId)!),
        })),
        now,
      );
    }
    return { raised };
  },
};
