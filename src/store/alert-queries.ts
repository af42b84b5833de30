import { sql, type Kysely } from 'kysely';
import type { AlertKind, Database } from './schema.ts';
import { visibleAlerts } from './alert-scope.ts';
import { alertWithheld } from './consent.ts';
import type { Actor } from './scope.ts';

/** An alert with its client's and acknowledger's names, for the alerts API. */
export interface AlertListRow {
  id: string;
  client_id: string;
  client_name: string;
  kind: AlertKind;
  severity: 'high' | 'medium' | 'low';
  owner_id: string | null;
  created_at: string;
  detail: string;
  escalated_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  acknowledged_by_name: string | null;
  ack_note: string | null;
  /** What raised it is withheld from the viewer by a consent directive: show no detail. */
  withheld: unknown;
}

/**
 * The alerts the actor may see (`visibleAlerts`: a therapist their care team's; an admin the
 * clinic's escalated ones), with names for the list.
 */
function alertsOf(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom('alerts')
    .innerJoin('clients', 'clients.id', 'alerts.client_id')
    .innerJoin('users as cu', 'cu.id', 'clients.user_id')
    .leftJoin('users as ack', 'ack.id', 'alerts.acknowledged_by')
    .select([
      'alerts.id',
      'alerts.client_id',
      'cu.name as client_name',
      'alerts.kind',
      'alerts.severity',
      'alerts.owner_id',
      'alerts.created_at',
      'alerts.detail',
      'alerts.escalated_at',
      'alerts.acknowledged_at',
      'alerts.acknowledged_by',
      'ack.name as acknowledged_by_name',
      'alerts.ack_note',
    ])
    .select(alertWithheld(actor).as('withheld'))
    .where(visibleAlerts(actor));
}

export function listAlerts(
  db: Kysely<Database>,
  actor: Actor,
  q: { includeAcknowledged: boolean; limit: number },
): Promise<AlertListRow[]> {
  let query = alertsOf(db, actor)
    .orderBy(sql`case when alerts.kind = 'risk' then 0 else 1 end`)
    .orderBy('alerts.created_at', 'desc')
    .orderBy('alerts.id')
    .limit(q.limit);
  if (!q.includeAcknowledged) query = query.where('alerts.acknowledged_at', 'is', null);
  return query.execute();
}

export function findAlert(
  db: Kysely<Database>,
  actor: Actor,
  alertId: string,
): Promise<AlertListRow | undefined> {
  return alertsOf(db, actor).where('alerts.id', '=', alertId).executeTakeFirst();
}

/**
 * Acknowledge an open alert. Clearing `open_key` lets the same cause raise a new alert later.
 * The open check and the write are one statement: of two racing acknowledgements one wins.
 */
export async function acknowledgeAlert(
  trx: Kysely<Database>,
  alertId: string,
  by: string,
  note: string | null,
  now: Date,
): Promise<boolean> {
  const result = await trx
    .updateTable('alerts')
    .set({
      acknowledged_at: now.toISOString(),
      acknowledged_by: by,
      ack_note: note,
      open_key: null,
    })
    .where('id', '=', alertId)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
