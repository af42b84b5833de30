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
    const rows = await trx
      .selectFrom('audit_events as a')
      .innerJoin('users as s', 's.id', 'a.actor_id')
      .innerJoin('clients as cl', 'cl.id', 'a.client_id')
      .innerJoin('users as cu', 'cu.id', 'cl.user_id')
      .select((eb) => [
        'a.actor_id',
        's.name as staff_name',
        's.role',
        'cl.id as client_id',
        'cu.name as client_name',
        'a.action',
        eb.fn.countAll<number | string>().as('events'),
        eb.fn.sum<number | string>('a.break_glass').as('under_glass'),
        eb.fn.min('a.at').as('first'),
        eb.fn.max('a.at').as('last'),
      ])
      .where('a.at', '>=', `${from}T00:00:00.000Z`)
      .where('a.at', '<', `${addDays(to, 1)}T00:00:00.000Z`)
      .where('s.clinic_id', '=', ctx.actor.clinicId)
      .where('s.role', 'in', ['admin', 'therapist'])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('care_team as ct')
              .select('ct.client_id')
              .whereRef('ct.client_id', '=', 'a.client_id')
              .whereRef('ct.user_id', '=', 'a.actor_id')
              .whereRef('ct.added_at', '<=', 'a.at'),
          ),
        ),
      )
      .groupBy(['a.actor_id', 's.name', 's.role', 'cl.id', 'cu.name', 'a.action'])
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
