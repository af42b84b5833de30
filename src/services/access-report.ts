import { accessReportQuery, type AccessReport } from '../contract/security.ts';
import { addDays } from '../domain/calendar.ts';
import { notFound } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import { findVisibleClientId } from '../store/scope.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';

const isRead = (action: string) =>
  /\.(read|list|revisions|digest)$|^export$|^client\.digest$/.test(action);

/**
 * "Who has seen my record?" (PHIPA): every person whose access to this client's record is in
 * the audit log, with counts and dates, marking anyone not on the care team. For the client
 * themself and for the clinic's admins (privacy officer).
 */
export async function accessReport(
  store: Store,
  ctx: Ctx,
  clientId: string,
  query: unknown,
): Promise<AccessReport> {
  if (!(await findVisibleClientId(store.db, ctx.actor, clientId))) throw notFound('client');
  const q = parse(accessReportQuery, query, 'query');
  return store.db.transaction().execute(async (trx) => {
    let events = trx
      .selectFrom('audit_events')
      .leftJoin('users', 'users.id', 'audit_events.actor_id')
      .select([
        'audit_events.actor_id',
        'audit_events.action',
        'audit_events.at',
        'users.name',
        'users.role',
      ])
      .where('audit_events.client_id', '=', clientId)
      .orderBy('audit_events.seq');
    if (q.from) events = events.where('audit_events.at', '>=', `${q.from}T00:00:00.000Z`);
    if (q.to) events = events.where('audit_events.at', '<', `${addDays(q.to, 1)}T00:00:00.000Z`);
    const [rows, team, self] = await Promise.all([
      events.execute(),
      trx.selectFrom('care_team').select('user_id').where('client_id', '=', clientId).execute(),
      trx
        .selectFrom('clients')
        .select('user_id')
        .where('id', '=', clientId)
        .executeTakeFirstOrThrow(),
    ]);
    const onTeam = new Set([...team.map((t) => t.user_id), self.user_id]);
    const people = new Map<string, AccessReport['people'][number]>();
    for (const r of rows) {
      const key = r.actor_id ?? 'system';
      const p = people.get(key) ?? {
        actorId: r.actor_id,
        name: r.name ?? 'Stepwise (scheduled job)',
        role: r.role ?? 'system',
        onCareTeam: r.actor_id !== null && onTeam.has(r.actor_id),
        reads: 0,
        writes: 0,
        first: r.at,
        last: r.at,
        actions: [],
      };
      if (isRead(r.action)) p.reads++;
      else p.writes++;
      p.last = r.at;
      if (!p.actions.includes(r.action)) p.actions.push(r.action);
      people.set(key, p);
    }
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'client.access-report', clientId, resource: `client/${clientId}/access-report` },
    ]);
    // Off-team access first: that is what a privacy officer looks for.
    return {
      clientId,
      people: [...people.values()].sort(
        (a, b) => Number(a.onCareTeam) - Number(b.onCareTeam) || b.last.localeCompare(a.last),
      ),
    };
  });
}
