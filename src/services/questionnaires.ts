import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  questionnaireBody,
  questionnaireQuery,
  type QuestionnaireSubmitted,
  type QuestionnaireView,
} from '../contract/questionnaires.ts';
import { instruments, scoreQuestionnaire, type Severity } from '../domain/instruments/index.ts';
import { instrumentOutcome } from '../domain/outcomes.ts';
import { notFound, validationError } from '../errors.ts';
import { clinicSettings } from '../store/clinic-settings.ts';
import { raiseAlert } from '../store/alerts.ts';
import { recordAudit, type AuditEntry } from '../store/audit.ts';
import { findVisibleClient } from '../store/scope.ts';
import type { Store } from '../store/db.ts';
import {
  firstAndLatest,
  insertResponse,
  listResponses,
  nextReceivedSeq,
  type ResponseRow,
} from '../store/questionnaires.ts';
import type { Database } from '../store/schema.ts';
import { parse } from '../validate.ts';
import { clockSkewMs } from './check-ins.ts';
import type { Ctx } from './context.ts';

export function presentResponse(r: ResponseRow): QuestionnaireView {
  const answers = JSON.parse(r.answers) as number[];
  const score = scoreQuestionnaire(r.instrument, answers);
  return {
    id: r.id,
    instrument: r.instrument,
    answers,
    total: r.total,
    severity: r.severity as Severity,
    caseness: score.caseness,
    riskFlag: r.risk_flag === 1,
    completedAt: r.completed_at,
    enteredBy: r.entered_by,
  };
}

/**
 * The alerts a response raises, in the caller's transaction so neither can be lost without
 * the other: `risk` for PHQ-9 item 9 > 0 (one per response: each such answer needs follow-up),
 * and `deterioration` when the total is reliably worse than the instrument's first response
 * (NHS Talking Therapies thresholds) — one open per client and instrument.
 */
async function raiseResponseAlerts(
  trx: Kysely<Database>,
  row: ResponseRow,
  riskAnswer: number,
  now: Date,
): Promise<string[]> {
  const raised: string[] = [];
  const instrument = instruments[row.instrument];
  if (row.risk_flag === 1) {
    const id = await raiseAlert(
      trx,
      {
        clientId: row.client_id,
        kind: 'risk',
        severity: 'high',
        source: `questionnaire/${row.id}`,
        detail: `${instrument.shortTitle} item 9 (thoughts of being better off dead or of self-harm) answered ${riskAnswer} of 3.`,
      },
      now,
    );
    if (id) raised.push(id);
  }
  const span = await firstAndLatest(trx, 'system', row.client_id, row.instrument);
  if (span && span.first.id !== row.id) {
    const outcome = instrumentOutcome(row.instrument, span.first.total, row.total);
    if (outcome.reliableDeterioration) {
      const id = await raiseAlert(
        trx,
        {
          clientId: row.client_id,
          kind: 'deterioration',
          severity: 'medium',
          source: `client/${row.client_id}/${row.instrument}`,
          detail: `${instrument.shortTitle} ${span.first.total} → ${row.total} (+${outcome.change}): reliable deterioration (≥ ${instrument.reliableChange}).`,
        },
        now,
      );
      if (id) raised.push(id);
    }
  }
  return raised;
}

/** `POST …/questionnaires`: score, store, and raise any alert — all in one transaction. */
export async function submitQuestionnaire(
  store: Store,
  ctx: Ctx,
  clientId: string,
  input: unknown,
): Promise<QuestionnaireSubmitted> {
  const client = await findVisibleClient(store.db, ctx.actor, clientId);
  if (!client) throw notFound('client');
  const body = parse(questionnaireBody, input, 'body');
  // Item count, whole numbers and 0–3: a DomainError naming `answers` or `answers.N` (400).
  const score = scoreQuestionnaire(body.instrument, body.answers);
  const completedAt = body.completedAt === undefined ? ctx.now : new Date(body.completedAt);
  if (completedAt.getTime() > ctx.now.getTime() + clockSkewMs)
    throw validationError([
      { field: 'completedAt', message: 'A questionnaire cannot be completed in the future.' },
    ]);
  const id = randomUUID();

  const row = await store.db.transaction().execute(async (trx) => {
    const row: ResponseRow = {
      id,
      client_id: clientId,
      instrument: body.instrument,
      answers: JSON.stringify(body.answers),
      total: score.total,
      severity: score.severity,
      risk_flag: score.riskFlag ? 1 : 0,
      completed_at: completedAt.toISOString(),
      received_seq: await nextReceivedSeq(trx, clientId, id, ctx.now),
      entered_by: ctx.actorId,
    };
    await insertResponse(trx, row);
    const alerts = await raiseResponseAlerts(trx, row, body.answers[8] ?? 0, ctx.now);
    const audit: AuditEntry[] = [
      { action: 'questionnaire.submit', clientId, resource: `questionnaire/${id}` },
      ...alerts.map((a) => ({ action: 'alert.raise', clientId, resource: `alert/${a}` })),
    ];
    await recordAudit(trx, store.dialect, ctx, audit);
    return row;
  });
  const view = presentResponse(row);
  if (!view.riskFlag) return view;
  // Shown at once to whoever submitted (usually the client): the clinic's crisis resources.
  const { crisisText } = await clinicSettings(store.db, client.clinic_id);
  return { ...view, crisis: crisisText };
}

/** `GET …/questionnaires?instrument=`: oldest first by completion. */
export async function listQuestionnaires(
  store: Store,
  ctx: Ctx,
  clientId: string,
  query: unknown,
): Promise<QuestionnaireView[]> {
  if (!(await findVisibleClient(store.db, ctx.actor, clientId))) throw notFound('client');
  const q = parse(questionnaireQuery, query, 'query');
  return store.db.transaction().execute(async (trx) => {
    const rows = await listResponses(trx, ctx.actor, clientId, q.instrument);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'questionnaire.list', clientId, resource: `client/${clientId}/questionnaires` },
    ]);
    return rows.map(presentResponse);
  });
}
