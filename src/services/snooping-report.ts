import { breakGlassLimits, snoopingReportQuery, type SnoopingReport } from '../contract/privacy.ts';
import { addDays, daysBetween } from '../domain/calendar.ts';
import { validationError } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';
import { requirePrivacyOfficer } from './privacy-officers.ts';

/** The UTC days to read: the last 30 by default, never more than 92 (no whole-history scans). */
function dateRange(query: unknown, now: Date): { from: string; to: string } {
  const q = parse(snoopingReportQuery, query, 'query');
  const to = q.to ?? now.toISOString().slice(0, 10);
  const from = q.from ?? addDays(to, 1 - breakGlassLimits.reportDefaultDays);
  if (from > to)
    throw validationError([{ field: 'query.from', message: 'Must be on or before `to`.' }]);
  if (daysBetween(from, to) >= breakGlassLimits.reportMaxDays)
    throw validationError([
      {
        field: 'query.from',
        message: `Ask for at most ${breakGlassLimits.reportMaxDays} days at a time.`,
      },
    ]);
  return { from, to };
}

/**
 * PHIPA snooping detection for the privacy officer: per staff member, the clients outside their
 * care team whose record they touched in the date range — how often, when, with which actions,
 * and how many of those events were under a break-the-glass grant. Read from the audit log; care
 * team membership counts from when the person was added.
 */
export async function snoopingReport(
  store: Store,
  ctx: Ctx,
  query: unknown,
): Promise<SnoopingReport> {
  requirePrivacyOfficer(ctx.actor);
  const { from, to } = dateRange(query, ctx.now);
  return store.db.transaction().execute(async (trx) => {
    // Aggregate the log first (one pass over the date range through its index), then name
    // the few (staff, client, action) groups that remain.
    const rows = await trx
      .with('off', (db) =>
        db
          .selectFrom('audit_events as a')
          .select((eb) => [
            'a.actor_id',
            'a.client_id',
            'a.action',
            eb.fn.countAll<number | string>().as('events'),
            eb.fn.sum<number | string>('a.break_glass').as('under_glass'),
            eb.fn.min('a.at').as('first'),
            eb.fn.max('a.at').as('last'),
          ])
          .where('a.at', '>=', `${from}T00:00:00.000Z`)
          .where('a.at', '<', `${addDays(to, 1)}T00:00:00.000Z`)
          .where('a.client_id', 'is not', null)
          .where('a.actor_id', 'in', (eb) =>
            eb
              .selectFrom('users')
              .select('users.id')
              .where('users.clinic_id', '=', ctx.actor.clinicId)
              .where('users.role', 'in', ['admin', 'therapist']),
          )
          // Off the care team when the event happened: not on it since before, nor in a past
          // period that covers it.
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('care_team as ct')
                  .select('ct.user_id')
                  .whereRef('ct.client_id', '=', 'a.client_id')
                  .whereRef('ct.user_id', '=', 'a.actor_id')
                  .whereRef('ct.added_at', '<=', 'a.at'),
              ),
            ),
          )
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('care_team_past as cp')
                  .select('cp.user_id')
                  .whereRef('cp.client_id', '=', 'a.client_id')
                  .whereRef('cp.user_id', '=', 'a.actor_id')
                  .whereRef('cp.from_at', '<=', 'a.at')
                  .whereRef('cp.until_at', '>', 'a.at'),
              ),
            ),
          )
          .groupBy(['a.actor_id', 'a.client_id', 'a.action']),
      )
      .selectFrom('off')
      .innerJoin('users as s', 's.id', 'off.actor_id')
      .innerJoin('clients as cl', 'cl.id', 'off.client_id')
      .innerJoin('users as cu', 'cu.id', 'cl.user_id')
      .select([
        'off.actor_id',
        's.name as staff_name',
        's.role',
        'cl.id as client_id',
        'cu.name as client_name',
        'off.action',
        'off.events',
        'off.under_glass',
        'off.first',
        'off.last',
      ])
      .execute();
    await recordAudit(trx, store.dialect, ctx, [
      {
        action: 'privacy.snooping-report',
        clientId: null,
        resource: `clinic/${ctx.actor.clinicId}/snooping`,
      },
    ]);
    return { from, to, staff: fold(rows) };
  });
}

interface Row {
  actor_id: string | null;
  staff_name: string;
  role: string;
  client_id: string;
  client_name: string;
  action: string;
  events: number | string;
  under_glass: number | string | null;
  first: string;
  last: string;
}

/** One line per (staff, client), people with the most off-caseload events first. */
function fold(rows: readonly Row[]): SnoopingReport['staff'] {
  const staff = new Map<string, SnoopingReport['staff'][number]>();
  for (const r of rows) {
    if (!r.actor_id) continue;
    const person = staff.get(r.actor_id) ?? {
      actorId: r.actor_id,
      name: r.staff_name,
      role: r.role === 'admin' ? 'admin' : 'therapist',
      clients: [],
    };
    staff.set(r.actor_id, person);
    let line = person.clients.find((c) => c.clientId === r.client_id);
    if (!line) {
      line = {
        clientId: r.client_id,
        clientName: r.client_name,
        events: 0,
        underBreakGlass: 0,
        first: r.first,
        last: r.last,
        actions: [],
      };
      person.clients.push(line);
    }
    line.events += Number(r.events);
    line.underBreakGlass += Number(r.under_glass ?? 0);
    if (r.first < line.first) line.first = r.first;
    if (r.last > line.last) line.last = r.last;
    line.actions.push(r.action);
  }
  const total = (p: SnoopingReport['staff'][number]) => p.clients.reduce((n, c) => n + c.events, 0);
  for (const p of staff.values()) {
    p.clients.sort((a, b) => b.events - a.events || a.clientName.localeCompare(b.clientName));
    for (const c of p.clients) c.actions.sort();
  }
  return [...staff.values()].sort((a, b) => total(b) - total(a) || a.name.localeCompare(b.name));
}
