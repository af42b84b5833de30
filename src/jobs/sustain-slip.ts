import { slippedBack } from '../domain/lifecycle.ts';
import { raiseAlert } from '../store/alerts.ts';
import { recordAudit, type AuditEntry } from '../store/audit.ts';
import { sustainedGoalsToWatch, type SustainedGoal } from '../store/sustain-watch.ts';
import { hourMs, type Job } from './job.ts';
import { systemAudit } from './system.ts';

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
      if (slipped.length === 0) continue;
      raised += await store.db.transaction().execute(async (trx) => {
        const audit: AuditEntry[] = [];
        for (const g of slipped) {
          const id = await raiseAlert(
            trx,
            {
              clientId: g.clientId,
              kind: 'off-track',
              severity: 'medium',
              source: `goal/${g.id}/slip`,
              detail: `A sustained goal slipped back: "${g.title}" was ${g.latest!.value}${unit(g)}, past the agreed line of ${g.threshold}${unit(g)}.`,
            },
            now,
          );
          if (id)
            audit.push({ action: 'alert.raise', clientId: g.clientId, resource: `alert/${id}` });
        }
        await recordAudit(trx, store.dialect, systemAudit(now), audit);
        return audit.length;
      });
    }
    return { raised };
  },
};
