import type { ExpressionBuilder, Kysely } from 'kysely';
import type { AlertKind, Database } from './schema.ts';
import { visibleClients, type Actor } from './scope.ts';

/**
 * Which alerts an actor sees, as a condition on `alerts`: a therapist those of the clients on
 * their care team; an admin the clinic's escalated ones (a risk alert nobody acknowledged in
 * time, see `jobs/risk-escalation.ts`); a client none.
 */
export function visibleAlerts(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'alerts'>) => {
    const inClinic = eb('alerts.clinic_id', '=', actor.clinicId);
    switch (actor.role) {
      case 'admin':
        return eb.and([inClinic, eb('alerts.escalated_at', 'is not', null)]);
      case 'therapist':
        return eb.and([
          inClinic,
          eb.exists(
            eb
              .selectFrom('clients')
              .select('clients.id')
              .whereRef('clients.id', '=', 'alerts.client_id')
              .where(visibleClients(actor)),
          ),
        ]);
      case 'client':
        return eb.lit(false);
    }
  };
}

export interface AlertRecord {
  id: string;
  clientId: string;
  kind: AlertKind;
  severity: 'high' | 'medium' | 'low';
  ownerId: string | null;
  source: string;
  detail: string;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** True once the alert went unacknowledged past the clinic's escalation time. */
  escalated: boolean;
  escalatedAt: string | null;
}

/**
 * The alerts an actor may see, newest first: open ones, or with `includeAcknowledged` all of
 * them. For the alerts list; carries the `escalated` flag.
 */
export async function listVisibleAlerts(
  db: Kysely<Database>,
  actor: Actor,
  options: { includeAcknowledged?: boolean; limit?: number } = {},
): Promise<AlertRecord[]> {
  let q = db
    .selectFrom('alerts')
    .selectAll('alerts')
    .where(visibleAlerts(actor))
    .orderBy('alerts.created_at', 'desc')
    .orderBy('alerts.id')
    .limit(options.limit ?? 500);
  if (!options.includeAcknowledged) q = q.where('alerts.acknowledged_at', 'is', null);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    clientId: r.client_id,
    kind: r.kind,
    severity: r.severity,
    ownerId: r.owner_id,
    source: r.source,
    detail: r.detail,
    createdAt: r.created_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
    escalated: r.escalated_at !== null,
    escalatedAt: r.escalated_at,
  }));
}
