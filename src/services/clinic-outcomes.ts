import {
  outcomesQuery,
  type OutcomeCountsView,
  type OutcomesSummaryView,
} from '../contract/exports.ts';
import { addDays, localDate } from '../domain/calendar.ts';
import { countOutcomes, type ClientCourse } from '../domain/clinic-outcomes.ts';
import { validationError } from '../errors.ts';
import type { PairedOutcomeOptions } from '../domain/outcomes.ts';
import { defaultTimeZone, pairedOptions } from '../store/accounts.ts';
import { clinicSettings } from '../store/clinic-settings.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import { clinicOutcomeRows, type OutcomeClientRow } from '../store/outcomes-summary.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';

interface Group {
  id: string | null;
  name: string;
  courses: ClientCourse[];
}

function groupBy(
  clients: readonly OutcomeClientRow[],
  courses: ReadonlyMap<string, ClientCourse>,
  key: (c: OutcomeClientRow) => { id: string; name: string } | null,
  none: string,
  options: PairedOutcomeOptions,
): ({ id: string | null; name: string } & OutcomeCountsView)[] {
  const groups = new Map<string, Group>();
  for (const c of clients) {
    const k = key(c);
    const id = k?.id ?? null;
    const group = groups.get(id ?? '') ?? { id, name: k?.name ?? none, courses: [] };
    const course = courses.get(c.id);
    if (course) group.courses.push(course);
    groups.set(id ?? '', group);
  }
  return [...groups.values()]
    .sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : a.name.localeCompare(b.name)))
    .map((g) => ({ id: g.id, name: g.name, ...countOutcomes(g.courses, options) }));
}

/**
 * `GET /api/reports/outcomes?from=&to=`: per location and per primary therapist, how many
 * clients were at caseness, recovered, reliably improved or deteriorated (SPEC §6), from each
 * client's first and last PHQ-9 and GAD-7 within the period (their own days, both included).
 * By default the year to today. Each client whose scores were read is audited.
 */
export async function clinicOutcomes(
  store: Store,
  ctx: Ctx,
  query: unknown,
): Promise<OutcomesSummaryView> {
  const q = parse(outcomesQuery, query, 'query');
  const to = q.to ?? localDate(ctx.now, defaultTimeZone);
  const from = q.from ?? addDays(to, -365);
  if (from > to)
    throw validationError([{ field: 'query.from', message: 'from must not be after to.' }]);
  return store.db.transaction().execute(async (trx) => {
    // A day either side covers every time zone; each response is then kept by its local day.
    const rows = await clinicOutcomeRows(
      trx,
      ctx.actor,
      `${addDays(from, -1)}T00:00:00.000Z`,
      `${addDays(to, 2)}T00:00:00.000Z`,
    );
    const zoneOf = new Map(rows.clients.map((c) => [c.id, c.timeZone]));
    const courses = new Map<string, ClientCourse>();
    for (const r of rows.responses) {
      const zone = zoneOf.get(r.clientId);
      if (!zone) continue;
      const date = localDate(r.completedAt, zone);
      if (date < from || date > to) continue;
      const course = courses.get(r.clientId) ?? { phq9: [], gad7: [] };
      (course[r.instrument] as number[]).push(r.total);
      courses.set(r.clientId, course);
    }
    await recordAudit(
      trx,
      store.dialect,
      ctx,
      [...courses.keys()].map((clientId) => ({
        action: 'outcomes.summary',
        clientId,
        resource: `client/${clientId}/outcomes`,
      })),
    );
    const options = pairedOptions(await clinicSettings(trx, ctx.actor.clinicId));
    return {
      period: { from, to },
      clinic: countOutcomes([...courses.values()], options),
      locations: groupBy(rows.clients, courses, (c) => c.location, 'No location', options),
      therapists: groupBy(
        rows.clients,
        courses,
        (c) => c.therapist,
        'No primary therapist',
        options,
      ),
    };
  });
}
