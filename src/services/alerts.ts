import { acknowledgeBody, alertsQuery, type AlertView } from '../contract/alerts.ts';
import { conflict, notFound, validationError } from '../errors.ts';
import {
  acknowledgeAlert,
  findAlert,
  listAlerts,
  type AlertListRow,
} from '../store/alert-queries.ts';
import { recordAudit } from '../store/audit.ts';
import { isWithheld } from '../store/consent.ts';
import type { Store } from '../store/db.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';

const alreadyAcknowledged = () =>
  conflict('already-acknowledged', 'This alert was already acknowledged.');

/** What staff read instead of the detail of an alert whose source the client withheld. */
function withheldDetail(kind: AlertListRow['kind']): string {
  return kind === 'risk'
    ? 'Details withheld at the client’s request. A risk answer still needs follow-up: contact the client today.'
    : 'Details withheld at the client’s request.';
}

function presentAlert(r: AlertListRow): AlertView {
  const withheld = isWithheld(r.withheld);
  return {
    id: r.id,
    clientId: r.client_id,
    clientName: r.client_name,
    kind: r.kind,
    severity: r.severity,
    createdAt: r.created_at,
    detail: withheld ? withheldDetail(r.kind) : r.detail,
    ...(withheld ? { withheld: true as const } : {}),
    ownerId: r.owner_id,
    ...(r.escalated_at ? { escalatedAt: r.escalated_at } : {}),
    ...(r.acknowledged_at ? { acknowledgedAt: r.acknowledged_at } : {}),
    ...(r.acknowledged_by ? { acknowledgedBy: r.acknowledged_by } : {}),
    ...(r.acknowledged_by_name ? { acknowledgedByName: r.acknowledged_by_name } : {}),
    ...(r.ack_note ? { note: r.ack_note } : {}),
  };
}

/** `GET /api/alerts`: open alerts (or all with `?status=all`), risk first, then newest. */
export async function listVisibleAlerts(
  store: Store,
  ctx: Ctx,
  query: unknown,
): Promise<AlertView[]> {
  const q = parse(alertsQuery, query, 'query');
  return store.db.transaction().execute(async (trx) => {
    const rows = await listAlerts(trx, ctx.actor, {
      includeAcknowledged: q.status === 'all',
      limit: q.limit,
    });
    // One audit event per client whose alerts were shown.
    const clients = [...new Set(rows.map((r) => r.client_id))];
    await recordAudit(
      trx,
      store.dialect,
      ctx,
      clients.map((c) => ({ action: 'alert.list', clientId: c, resource: `client/${c}/alerts` })),
    );
    return rows.map(presentAlert);
  });
}

/**
 * `POST /api/alerts/:alertId/acknowledge`: who, when and a note (required for `risk`: what was
 * done). Acknowledging twice → 409 `already-acknowledged`.
 */
export async function acknowledge(
  store: Store,
  ctx: Ctx,
  alertId: string,
  input: unknown,
): Promise<AlertView> {
  const alert = await findAlert(store.db, ctx.actor, alertId);
  if (!alert) throw notFound('alert');
  const { note } = parse(acknowledgeBody, input, 'body');
  if (alert.acknowledged_at) throw alreadyAcknowledged();
  if (alert.kind === 'risk' && !note)
    throw validationError([
      { field: 'note', message: 'Say what was done about this risk alert (a note is required).' },
    ]);
  return store.db.transaction().execute(async (trx) => {
    if (!(await acknowledgeAlert(trx, alertId, ctx.actorId, note ? note : null, ctx.now)))
      throw alreadyAcknowledged();
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'alert.acknowledge', clientId: alert.client_id, resource: `alert/${alertId}` },
    ]);
    return presentAlert((await findAlert(trx, ctx.actor, alertId))!);
  });
}
