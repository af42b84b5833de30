import { slippedBack } from '../domain/lifecycle.ts';
import { sustainedGoalsToWatch, type SustainedGoal } from '../store/sustain-watch.ts';
import { hourMs, type Job } from './job.ts';
import { raiseAlertsAsSystem } from './system.ts';

const pageSize = 200;

const unit = (g: SustainedGoal) => (g.unit ? ` ${g.unit}` : '');

/**
 * A sustained goal slipping back (issue 10): an achieved goal in its sustaining phase whose
 * latest check-in since sustaining began is past its slip line raises an `off-track` alert
 * (source `goal/<id>/slip`) — once per sustaining phase, whether or not it is acknowledged.
 */
export const sustainSlipJob: Job = {
  name: 'sustain-slip',
  everyMs: hourMs,
  async run({ store, now }) {
    let raised = 0;
    let after = '';
    for (;;) {
      const goals = await sustainedGoalsToWatch(store.db, after, pageSize);
      if (goals.length === 0) break;
      after = goals.at(-1)!.id;
      const slipped = goals.filter(
        (g) => g.latest && slippedBack(g.latest.value, g.threshold, g.better),
      );
      raised += await raiseAlertsAsSystem(
        store,
        slipped.map((g) => ({
          clientId: g.clientId,
          kind: 'off-track',
          severity: 'medium',
          source: `goal/${g.id}/slip`,
          detail: `A sustained goal slipped back: "${g.title}" was ${g.latest!.value}${unit(g)}, past the agreed line of ${g.threshold}${unit(g)}.`,
        })),
        now,
      );
    }
    return { raised };
  },
};
