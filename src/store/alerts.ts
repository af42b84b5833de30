import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AlertKind, Database } from './schema.ts';

export interface NewAlert {
  clientId: string;
  kind: AlertKind;
  severity: 'high' | 'medium' | 'low';
  /** What raised it, e.g. `questionnaire/<id>`, `goal/<id>`, `client/<id>`. */
  source: string;
  detail: string;
}

/**
 * Raise an alert inside the caller's transaction, owned by the client's primary therapist.
 * At most one open alert per (kind, source): a unique `open_key` makes a second raise — from
 * this process or another — a no-op. Returns the new alert's id, or null when one was open.
 */
export async function raiseAlert(
  trx: Kysely<Database>,
  a: NewAlert,
  now: Date,
): Promise<string | null> {
  const client = await trx
    .selectFrom('clients')
    .select(['clinic_id', 'primary_therapist_id'])
    .where('id', '=', a.clientId)
    .executeTakeFirstOrThrow();
  const id = randomUUID();
  const result = await trx
    .insertInto('alerts')
    .values({
      id,
      clinic_id: client.clinic_id,
      client_id: a.clientId,
      kind: a.kind,
      severity: a.severity,
      owner_id: client.primary_therapist_id,
      source: a.source,
      detail: a.detail,
      open_key: `${a.kind}|${a.source}`,
      created_at: now.toISOString(),
      acknowledged_at: null,
      acknowledged_by: null,
      ack_note: null,
      escalated_at: null,
    })
    .onConflict((oc) => oc.column('open_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1 ? id : null;
}
