import type { Problem } from '../contract/common.ts';
import { checkInBatchBody, type CheckInBatchResult } from '../contract/measurement.ts';
import { AppError } from '../errors.ts';
import { recordAudit, type AuditEntry } from '../store/audit.ts';
import type { CheckInRow } from '../store/check-ins.ts';
import type { Store } from '../store/db.ts';
import { parse } from '../validate.ts';
import {
  auditOf,
  clientWithMeasures,
  commit,
  prepare,
  presentCheckIn,
  type Outcome,
} from './check-ins.ts';
import type { Ctx } from './context.ts';

const titles: Record<number, string> = { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict' };

function problemOf(e: AppError): Problem {
  const field = e.details.errors?.[0]?.field;
  return {
    type: 'about:blank',
    title: titles[e.status] ?? 'Error',
    status: e.status,
    code: e.code,
    detail: e.message,
    ...(field ? { field } : {}),
    ...(e.details.errors ? { errors: e.details.errors } : {}),
  };
}

const sentId = (x: unknown): string | null =>
  x !== null && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string'
    ? (x as { id: string }).id
    : null;

/**
 * `POST …/check-ins/batch`: an offline queue. Each item is answered as the single POST would
 * (201, 400 or 409) and a bad item does not stop the rest; the good ones commit together.
 */
export async function postCheckInBatch(
  store: Store,
  ctx: Ctx,
  clientId: string,
  input: unknown,
): Promise<CheckInBatchResult[]> {
  const { client, measures } = await clientWithMeasures(store, ctx, clientId);
  const { checkIns } = parse(checkInBatchBody, input, 'body');
  const prepared = checkIns.map((item): CheckInRow | AppError => {
    try {
      return prepare(item, client, measures, ctx);
    } catch (e) {
      if (e instanceof AppError) return e;
      throw e;
    }
  });
  const rows = prepared.filter((p): p is CheckInRow => !(p instanceof AppError));
  return store.db.transaction().execute(async (trx) => {
    const outcomes = rows.length ? await commit(trx, rows) : new Map<CheckInRow, Outcome>();
    const audit: AuditEntry[] = [];
    const results = prepared.map((p, i): CheckInBatchResult => {
      if (p instanceof AppError)
        return { id: sentId(checkIns[i]), status: p.status, problem: problemOf(p) };
      const o = outcomes.get(p)!;
      if (o.status === 409) return { id: p.id, status: 409, problem: problemOf(o.error) };
      audit.push(auditOf(o));
      return { id: p.id, status: 201, checkIn: presentCheckIn(o.row) };
    });
    await recordAudit(trx, store.dialect, ctx, audit);
    return results;
  });
}
