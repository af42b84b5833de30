import { raiseAlert, type NewAlert } from '../store/alerts.ts';
import { recordAudit, type AuditContext, type AuditEntry } from '../store/audit.ts';
import type { Store } from '../store/db.ts';

/** Audit context of work the system does on its own (no actor, no address). */
export const systemAudit = (now: Date): AuditContext => ({ actorId: null, ip: null, now });

/**
 * Raise a job's alerts in one transaction, each audited as `alert.raise` by the system; an
 * alert already open for the same kind and source is not raised again. Returns how many were.
 */
export async function raiseAlertsAsSystem(
  store: Store,
  alerts: readonly NewAlert[],
  now: Date,
): Promise<number> {
  if (alerts.length === 0) return 0;
  return store.db.transaction().execute(async (trx) => {
    const audit: AuditEntry[] = [];
    for (const alert of alerts) {
      const id = await raiseAlert(trx, alert, now);
      if (id)
        audit.push({ action: 'alert.raise', clientId: alert.clientId, resource: `alert/${id}` });
    }
    await recordAudit(trx, store.dialect, systemAudit(now), audit);
    return audit.length;
  });
}
