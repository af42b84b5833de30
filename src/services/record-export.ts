import type { Bundle } from '@medplum/fhirtypes';
import type { Kysely } from 'kysely';
import {
  exportQuery,
  periodQuery,
  reportSummaryBody,
  type CorrectionView,
  type ReportSummaryView,
} from '../contract/exports.ts';
import { addDays, localDate } from '../domain/calendar.ts';
import { CorrectionIndex } from '../domain/corrections.ts';
import { notFound, validationError } from '../errors.ts';
import { clientBundle } from '../fhir/bundle.ts';
import { checkInsCsv, questionnairesCsv } from '../report/csv.ts';
import { renderProgressPdf } from '../report/progress-pdf.ts';
import { recordJson } from '../report/record-json.ts';
import { reportData } from '../report/report-data.ts';
import { pairedOptions } from '../store/accounts.ts';
import { clinicSettings } from '../store/clinic-settings.ts';
import { recordAudit } from '../store/audit.ts';
import { listCorrections } from '../store/corrections.ts';
import type { Store } from '../store/db.ts';
import { loadClientRecord, type ClientRecord, type JournalScope } from '../store/exports.ts';
import { insertReportSummary, latestReportSummary } from '../store/report-summaries.ts';
import type { Database } from '../store/schema.ts';
import { findVisibleClientId } from '../store/scope.ts';
import { parse } from '../validate.ts';
import type { Ctx } from './context.ts';
import { presentCorrection } from './corrections.ts';

/** A file to send: its bytes or text, content type and a download name. */
export interface ExportFile {
  body: string | Buffer | object;
  contentType: string;
  filename: string;
}

interface Loaded {
  trx: Kysely<Database>;
  record: ClientRecord;
  corrections: CorrectionView[];
  index: CorrectionIndex;
}

/**
 * Load a client's record in one transaction, build the export, and audit it in the same
 * transaction (as every read of a record is). Someone else's client is a 404.
 */
async function withRecord<T>(
  store: Store,
  ctx: Ctx,
  clientId: string,
  journal: JournalScope,
  audit: { action: string; resource: string },
  build: (loaded: Loaded) => T | Promise<T>,
): Promise<T> {
  return store.db.transaction().execute(async (trx) => {
    const record = await loadClientRecord(trx, ctx.actor, clientId, journal);
    if (!record) throw notFound('client');
    const rows = await listCorrections(trx, ctx.actor, clientId);
    const corrections = rows.map(presentCorrection);
    const result = await build({
      trx,
      record,
      corrections,
      index: new CorrectionIndex(corrections),
    });
    await recordAudit(trx, store.dialect, ctx, [{ ...audit, clientId }]);
    return result;
  });
}

/** `GET /api/clients/:clientId/fhir`: the record as a FHIR R4 collection Bundle. */
export function exportFhir(store: Store, ctx: Ctx, clientId: string): Promise<Bundle> {
  return withRecord(
    store,
    ctx,
    clientId,
    'none',
    { action: 'record.fhir', resource: `client/${clientId}/fhir` },
    ({ record, index }) => clientBundle({ record, corrections: index, now: ctx.now }),
  );
}

/**
 * `GET /api/clients/:clientId/export`: the client's own copy (with their private journal), or,
 * for staff, the record for a formal access request — which they must name, and which never
 * carries private journal entries. Audited as `export` either way.
 */
export async function exportRecord(
  store: Store,
  ctx: Ctx,
  clientId: string,
  query: unknown,
): Promise<ExportFile> {
  // Scope first: someone else's client is a 404 whatever the query says.
  if (!(await findVisibleClientId(store.db, ctx.actor, clientId))) throw notFound('client');
  const q = parse(exportQuery, query, 'query');
  const own = ctx.actor.role === 'client';
  if (!own && !q.accessRequest)
    throw validationError([
      {
        field: 'query.accessRequest',
        message: 'Name the access request this export answers (e.g. its reference number).',
      },
    ]);
  const resource =
    `client/${clientId}/export/${q.format}` +
    (own ? '' : `?accessRequest=${encodeURIComponent(q.accessRequest!)}`);
  const stamp = localDate(ctx.now, 'UTC');
  return withRecord(
    store,
    ctx,
    clientId,
    own ? 'all' : 'shared',
    { action: 'export', resource },
    ({ record, corrections, index }): ExportFile => {
      const name = `stepwise-record-${stamp}`;
      switch (q.format) {
        case 'json':
          return {
            body: recordJson({
              record,
              corrections,
              scope: own ? 'client-copy' : 'access-request',
              now: ctx.now,
            }),
            contentType: 'application/json; charset=utf-8',
            filename: `${name}.json`,
          };
        case 'fhir':
          return {
            body: clientBundle({ record, corrections: index, now: ctx.now }),
            contentType: 'application/fhir+json; charset=utf-8',
            filename: `${name}.fhir.json`,
          };
        case 'csv':
          return {
            body: checkInsCsv(record, index),
            contentType: 'text/csv; charset=utf-8',
            filename: `${name}-check-ins.csv`,
          };
      }
    },
  );
}

/** `GET …/check-ins.csv` and `…/questionnaires.csv`: for clinicians' own analysis. */
export function exportCsv(
  store: Store,
  ctx: Ctx,
  clientId: string,
  table: 'check-ins' | 'questionnaires',
): Promise<ExportFile> {
  return withRecord(
    store,
    ctx,
    clientId,
    'none',
    { action: 'record.csv', resource: `client/${clientId}/${table}.csv` },
    ({ record, index }) => ({
      body: table === 'check-ins' ? checkInsCsv(record, index) : questionnairesCsv(record),
      contentType: 'text/csv; charset=utf-8',
      filename: `${table}-${localDate(ctx.now, record.client.timeZone)}.csv`,
    }),
  );
}

/**
 * The start of the default report period: the client's first day in Stepwise or their first
 * entry, whichever is earlier (records can be entered after the fact); never after `to`.
 */
function defaultFrom(record: ClientRecord, to: string): string {
  const tz = record.client.timeZone;
  const firsts = [
    localDate(record.client.createdAt, tz),
    ...record.goals.map((g) => localDate(g.created_at, tz)),
    ...record.checkIns.slice(0, 1).map((c) => c.local_date),
    ...record.responses.slice(0, 1).map((r) => localDate(r.completed_at, tz)),
  ].sort();
  const first = firsts[0]!;
  return first <= to ? first : addDays(to, -90);
}

/**
 * `GET …/report.pdf?from=&to=`: the period in the client's own days; by default from their
 * first day or entry to today.
 */
export async function progressReport(
  store: Store,
  ctx: Ctx,
  clientId: string,
  query: unknown,
): Promise<ExportFile> {
  const q = parse(periodQuery, query, 'query');
  return withRecord(
    store,
    ctx,
    clientId,
    'none',
    { action: 'report.read', resource: `client/${clientId}/report.pdf` },
    async ({ trx, record, index }) => {
      const to = q.to ?? localDate(ctx.now, record.client.timeZone);
      const from = q.from ?? defaultFrom(record, to);
      if (from > to)
        throw validationError([{ field: 'query.from', message: 'from must not be after to.' }]);
      const data = reportData({
        record,
        corrections: index,
        summary: await latestReportSummary(trx, clientId),
        preparedBy: ctx.actor.name,
        from,
        to,
        now: ctx.now,
        paired: pairedOptions(await clinicSettings(trx, ctx.actor.clinicId)),
      });
      return {
        body: await renderProgressPdf(data, ctx.now),
        contentType: 'application/pdf',
        filename: `progress-report-${from}-to-${to}.pdf`,
      };
    },
  );
}

async function summaryView(db: Kysely<Database>, clientId: string): Promise<ReportSummaryView> {
  const s = await latestReportSummary(db, clientId);
  return s
    ? {
        text: s.text,
        writtenAt: s.writtenAt,
        writtenBy: { id: s.writtenBy, name: s.writtenByName },
      }
    : { text: '', writtenAt: null, writtenBy: null };
}

/** The summary the next report will print. */
export function getReportSummary(
  store: Store,
  ctx: Ctx,
  clientId: string,
): Promise<ReportSummaryView> {
  return store.db.transaction().execute(async (trx) => {
    if (!(await findVisibleClientId(trx, ctx.actor, clientId))) throw notFound('client');
    const view = await summaryView(trx, clientId);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'report.summary.read', clientId, resource: `client/${clientId}/report-summary` },
    ]);
    return view;
  });
}

/** Save the summary (a new version; earlier wording is kept). */
export async function putReportSummary(
  store: Store,
  ctx: Ctx,
  clientId: string,
  input: unknown,
): Promise<ReportSummaryView> {
  if (!(await findVisibleClientId(store.db, ctx.actor, clientId))) throw notFound('client');
  const body = parse(reportSummaryBody, input, 'body');
  return store.db.transaction().execute(async (trx) => {
    await insertReportSummary(trx, {
      clientId,
      text: body.text,
      writtenBy: ctx.actorId,
      writtenAt: ctx.now.toISOString(),
    });
    const view = await summaryView(trx, clientId);
    await recordAudit(trx, store.dialect, ctx, [
      { action: 'report.summary.write', clientId, resource: `client/${clientId}/report-summary` },
    ]);
    return view;
  });
}
