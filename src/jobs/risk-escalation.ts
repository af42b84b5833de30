import { recordAudit } from '../store/audit.ts';
import { escalateRiskAlerts } from '../store/alert-watch.ts';
import { listClinicSettings } from '../store/clinic-settings.ts';
import { minuteMs, type Job } from './job.ts';
import { systemAudit } from './system.ts';

/**
 * A risk alert (PHQ-9 item 9 > 0) nobody acknowledged within the clinic's
 * `riskEscalationMinutes` is escalated: `escalated_at` is set once, and from then on the
 * clinic's admins see it in their alert list (`store/alert-scope.ts`).
 */
export const riskEscalationJob: Job = {
  name: 'risk-escalation',
  everyMs: minuteMs,
  async run({ store, now }) {
    let escalated = 0;
    for (const { clinicId, settings } of await listClinicSettings(store.db)) {
      const cutoff = new Date(now.getTime() - settings.riskEscalationMinutes * minuteMs);
      escalated += await store.db.transaction().execute(async (trx) => {
        const rows = await escalateRiskAlerts(trx, clinicId, cutoff, now);
        await recordAudit(
          trx,
          store.dialect,
          systemAudit(now),
          rows.map((r) => ({
            action: 'alert.escalate',
            clientId: r.clientId,
            resource: `alert/${r.id}`,
          })),
        );
        return rows.length;
      });
    }
    return { escalated };
  },
};
