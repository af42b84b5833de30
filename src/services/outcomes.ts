import type { Kysely } from 'kysely';
import type {
  InstrumentOutcomeView,
  MeasureOutcomeView,
  OutcomesView,
} from '../contract/questionnaires.ts';
import { instrumentOutcome, pairedOutcome } from '../domain/outcomes.ts';
import { measureReliableChange, reliabilityOf } from '../domain/rci.ts';
import { notFound } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import { pairedOptions } from '../store/accounts.ts';
import { clinicSettings } from '../store/clinic-settings.ts';
import { measureSpan } from '../store/check-ins.ts';
import type { Store } from '../store/db.ts';
import { firstAndLatest, type InstrumentKey } from '../store/questionnaires.ts';
import { findVisibleClientId } from '../store/scope.ts';
import { measureNotWithheld } from '../store/consent.ts';
import type { Database } from '../store/schema.ts';
import type { Actor } from '../store/scope.ts';
import type { Ctx } from './context.ts';

/** Each measure with an SD and reliability: its first → latest check-in (SPEC §4). */
async function measureOutcomes(
  trx: Kysely<Database>,
  viewer: Actor,
  clientId: string,
): Promise<MeasureOutcomeView[]> {
  const rows = await trx
    .selectFrom('measures')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('sd', 'is not', null)
    .where('reliability', 'is not', null)
    .where(measureNotWithheld(viewer, 'measures.id', 'measures.client_id'))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const views: MeasureOutcomeView[] = [];
  for (const m of rows) {
    const reliability = reliabilityOf(m);
    const span = reliability ? await measureSpan(trx, m.id) : undefined;
    if (!reliability || !span) continue;
    views.push({
      measureId: m.id,
      name: m.name,
      unit: m.unit,
      better: m.better,
      ...measureReliableChange(
        { ...reliability, better: m.better },
        Number(span.first.value),
        Number(span.latest.value),
      ),
      firstAt: span.first.at,
      latestAt: span.latest.at,
      count: span.count,
    });
  }
  return views;
}

/**
 * `GET …/outcomes`: per instrument, the first and latest responses by completion (ties: order
 * received) and their change; `paired` (NHS Talking Therapies, SPEC §6, with the clinic's
 * choice of the "neither reliably worse" clause) once both have one.
 */
export async function clientOutcomes(
  store: Store,
  ctx: Ctx,
  clientId: string,
): Promise<OutcomesView> {
  return store.db.transaction().execute(async (trx) => {
    if (!(await findVisibleClientId(trx, ctx.actor, clientId))) throw notFound('client');
    const block = async (id: InstrumentKey): Promise<InstrumentOutcomeView | undefined> => {
      const span = await firstAndLatest(trx, ctx.actor, clientId, id);
      if (!span) return undefined;
      return {
        ...instrumentOutcome(id, span.first.total, span.latest.total),
        firstAt: span.first.completed_at,
        latestAt: span.latest.completed_at,
        count: span.count,
      };
    };
    const phq9 = await block('phq9');
    const gad7 = await block('gad7');
    const measures = await measureOutcomes(trx, ctx.actor, clientId);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'outcome.read', clientId, resource: `client/${clientId}/outcomes` },
    ]);
    const paired =
      phq9 && gad7
        ? pairedOutcome(
            {
              phq9First: phq9.first,
              phq9Latest: phq9.latest,
              gad7First: gad7.first,
              gad7Latest: gad7.latest,
            },
            pairedOptions(await clinicSettings(trx, ctx.actor.clinicId)),
          )
        : undefined;
    return {
      ...(phq9 ? { phq9 } : {}),
      ...(gad7 ? { gad7 } : {}),
      ...(paired ? { paired } : {}),
      ...(measures.length ? { measures } : {}),
    };
  });
}
