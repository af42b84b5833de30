import type { InstrumentOutcomeView, OutcomesView } from '../contract/questionnaires.ts';
import { instrumentOutcome, pairedOutcome } from '../domain/outcomes.ts';
import { notFound } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import { firstAndLatest, type InstrumentKey } from '../store/questionnaires.ts';
import { findVisibleClientId } from '../store/scope.ts';
import type { Ctx } from './context.ts';

/**
 * `GET …/outcomes`: per instrument, the first and latest responses by completion (ties: order
 * received) and their change; `paired` (NHS Talking Therapies, SPEC §6) once both have one.
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
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'outcome.read', clientId, resource: `client/${clientId}/outcomes` },
    ]);
    const paired =
      phq9 && gad7
        ? pairedOutcome({
            phq9First: phq9.first,
            phq9Latest: phq9.latest,
            gad7First: gad7.first,
            gad7Latest: gad7.latest,
          })
        : undefined;
    return {
      ...(phq9 ? { phq9 } : {}),
      ...(gad7 ? { gad7 } : {}),
      ...(paired ? { paired } : {}),
    };
  });
}
